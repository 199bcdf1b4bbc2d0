"""Main text of real web pages: conflictwire's reader against trafilatura alone, on webpages-dev.

``../shared/data/webpages-dev`` holds 844 real pages (trafilatura's own evaluation set) and,
for each, snippets that must be in the main text (``with``) and snippets that must not
(``without``).  Scoring follows trafilatura's evaluation: a ``with`` snippet found is a true
positive, missing a false negative; a ``without`` snippet found is a false positive.

Three measurements:

* ``html``: each page's HTML through conflictwire's read -> clean -> split (the article texts
  of the page, joined) and through ``trafilatura.extract`` alone (default, and with
  ``favor_precision``); precision, recall and F1 on the snippets, and pages with no article.
* ``rendered``: each page rendered in Debian's Chromium (JavaScript off, every request but the
  page itself blocked) and flattened with ``document.body.innerText``: what a page saved as
  text looks like.  The texts are cached outside the repo (``--cache``, default
  ``/work/cache/rendered``); conflictwire's text reader is scored on them with the same snippets.
* the same scores on the English pages alone (``bench/real_text.py``'s test: ``<html lang>``,
  else English function words), the pages conflict reporting looks like.
* CPU milliseconds per page for read + clean + split (``time.process_time``: the machine is
  shared, wall time moves with the neighbours' load).

    .venv/bin/python bench/webpages.py [--render] [--limit N] [--show-misses N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"
DEFAULT_CACHE = Path(os.environ.get("CW_RENDER_CACHE", "/work/cache/rendered"))  # outside the repo


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    empty: int = 0  # pages with no text at all (no article)
    pages: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (file, kind, snippet)

    def add(self, name: str, text: str, expected: dict) -> None:
        self.pages += 1
        if not text.strip():
            self.empty += 1
        for snippet in expected.get("with", []):
            if snippet in text:
                self.tp += 1
            else:
                self.fn += 1
                self.misses.append((name, "lost", snippet))
        for snippet in expected.get("without", []):
            if snippet in text:
                self.fp += 1
                self.misses.append((name, "kept", snippet))
            else:
                self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, label: str) -> str:
        return (f"| {label} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} | "
                f"{self.empty} of {self.pages} |")


def load_pages(shared: Path, limit: int | None) -> list[tuple[str, dict, Path]]:
    folder = shared / "webpages-dev"
    expectations = json.loads((folder / "expectations.json").read_text(encoding="utf-8"))
    pages = [(url, spec, folder / "pages" / spec["file"]) for url, spec in sorted(expectations.items())]
    return pages[:limit] if limit else pages


def conflictwire_text(path: Path | str) -> tuple[str, float, int]:
    """(article texts joined, CPU seconds for read+clean+split, articles) for one file."""
    from conflictwire.models import Document
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.read import iter_inputs
    from conflictwire.pipeline.split import split

    started = time.process_time()
    texts: list[str] = []
    articles = 0
    for item in iter_inputs([str(path)]):
        if not isinstance(item, Document):
            continue
        found = split(clean(item))
        articles += len(found)
        texts.extend(a.text for a in found)
    return "\n\n".join(texts), time.process_time() - started, articles


def trafilatura_text(html: str, precision: bool) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=precision) or ""


def bench_html(pages: list, cache: Path) -> tuple[dict[str, Score], list[float]]:
    """Score conflictwire and trafilatura alone; trafilatura's texts are cached (they never change)."""
    from real_text import is_english  # bench/real_text.py: <html lang>, else English function words

    scores = {"conflictwire": Score(), "trafilatura": Score(), "trafilatura favor_precision": Score(),
              "conflictwire, English pages": Score(), "trafilatura, English pages": Score()}
    stored = cache / f"trafilatura-{_trafilatura_version()}.json"
    library: dict[str, list[str]] = json.loads(stored.read_text(encoding="utf-8")) if stored.exists() else {}
    cpu: list[float] = []
    conflictwire_text(pages[0][2])  # warm-up: imports and lexicons are not per-page work
    for _url, spec, path in pages:
        text, seconds, _ = conflictwire_text(path)
        cpu.append(seconds)
        scores["conflictwire"].add(spec["file"], text, spec)
        html = _decode(gzip.decompress(path.read_bytes()))
        if spec["file"] not in library:
            library[spec["file"]] = [trafilatura_text(html, False), trafilatura_text(html, True)]
        plain, precise = library[spec["file"]]
        scores["trafilatura"].add(spec["file"], plain, spec)
        scores["trafilatura favor_precision"].add(spec["file"], precise, spec)
        if is_english(html):
            scores["conflictwire, English pages"].add(spec["file"], text, spec)
            scores["trafilatura, English pages"].add(spec["file"], plain, spec)
    cache.mkdir(parents=True, exist_ok=True)
    stored.write_text(json.dumps(library), encoding="utf-8")
    return scores, cpu


def _trafilatura_version() -> str:
    import trafilatura

    return trafilatura.__version__


# --------------------------------------------------------------------------- rendering


def render_all(pages: list, cache: Path) -> int:
    """Render every page not yet cached: Chromium, JavaScript off, no network.  Returns pages rendered."""
    from playwright.sync_api import sync_playwright

    cache.mkdir(parents=True, exist_ok=True)
    todo = [(spec, path) for _url, spec, path in pages if not _cached(cache, spec).exists()]
    if not todo:
        return 0
    done = 0
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(java_script_enabled=False)
        served: dict[str, str] = {}

        def route(request_route, request) -> None:  # the page itself only; no network
            if request.url in served:
                request_route.fulfill(status=200, body=served[request.url],
                                      headers={"Content-Type": "text/html; charset=utf-8"})
            else:
                request_route.abort()

        context.route("**/*", route)
        for spec, path in todo:
            html = _decode(gzip.decompress(path.read_bytes()))
            url = f"http://render.invalid/{abs(hash(spec['file']))}.html"  # file names may hold spaces
            served.clear()
            served[url] = html
            page = context.new_page()  # one tab per page: a meta refresh must not reach the next one
            try:
                page.goto(url, wait_until="domcontentloaded", timeout=20000)
                text = page.evaluate("() => document.body ? document.body.innerText : ''")
            except Exception as exc:  # noqa: BLE001 - one page that will not render is reported, not fatal
                print(f"render failed: {spec['file']}: {exc}".splitlines()[0], file=sys.stderr)
                text = None
            finally:
                page.close()
            if text is not None:
                _cached(cache, spec).write_text(text, encoding="utf-8")
            done += 1
            if done % 100 == 0:
                print(f"rendered {done}/{len(todo)}", file=sys.stderr)
        browser.close()
    return done


def _decode(data: bytes) -> str:
    """The page as conflictwire reads it (same charset logic), so the browser sees the same text."""
    from conflictwire.pipeline.read import decode_bytes

    try:
        return decode_bytes(data, html=True).text
    except Exception:  # noqa: BLE001
        return data.decode("utf-8", errors="replace")


def _cached(cache: Path, spec: dict) -> Path:
    return cache / (spec["file"].removesuffix(".gz").removesuffix(".html") + ".txt")


def bench_rendered(pages: list, cache: Path) -> tuple[Score, Score, list[float], int]:
    """conflictwire's text reader on the rendered pages, and the raw innerText as a reference."""
    reader, raw = Score(), Score()
    cpu: list[float] = []
    missing = 0
    for _url, spec, _path in pages:
        cached = _cached(cache, spec)
        if not cached.exists():
            missing += 1
            continue
        flat = cached.read_text(encoding="utf-8")
        raw.add(spec["file"], flat, spec)
        if not flat.strip():
            reader.add(spec["file"], "", spec)
            continue
        text, seconds, _ = conflictwire_text(cached)
        cpu.append(seconds)
        reader.add(spec["file"], text, spec)
    return reader, raw, cpu, missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="rendered texts (outside the repo)")
    parser.add_argument("--render", action="store_true", help="render pages not yet in the cache")
    parser.add_argument("--skip-html", action="store_true")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show-misses", type=int, default=0, help="print this many lost/kept snippets")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    if not (args.shared / "webpages-dev" / "expectations.json").is_file():
        sys.exit(f"webpages: skipped: no webpages-dev set under {args.shared} (expected webpages-dev/expectations.json)")
    pages = load_pages(args.shared, args.limit)
    report: dict[str, dict] = {}
    print(f"{len(pages)} pages of webpages-dev\n")
    print("| system | precision | recall | F1 | pages with no article |")
    print("|---|---|---|---|---|")
    if not args.skip_html:
        scores, cpu = bench_html(pages, args.cache.parent)
        for label, score in scores.items():
            print(score.row(f"HTML: {label}"))
            report[f"html {label}"] = _numbers(score)
        report["html ms"] = {"mean": 1000 * statistics.mean(cpu), "median": 1000 * statistics.median(cpu)}
    if args.render:
        if not Path("/usr/bin/chromium").exists():
            sys.exit("webpages: --render needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
        rendered = render_all(pages, args.cache)
        print(f"(rendered {rendered} new pages into {args.cache})", file=sys.stderr)
    reader, raw, rcpu, missing = bench_rendered(pages, args.cache)
    if missing < len(pages):
        print(reader.row("rendered text: conflictwire"))
        print(raw.row("rendered text: whole innerText (reference)"))
        report["rendered conflictwire"] = _numbers(reader)
        report["rendered innerText"] = _numbers(raw)
        if rcpu:
            report["rendered ms"] = {"mean": 1000 * statistics.mean(rcpu), "median": 1000 * statistics.median(rcpu)}
    if missing:
        print(f"\n({missing} pages not rendered yet: run with --render)")
    print()
    if "html ms" in report:
        print(f"read+clean+split, HTML: {report['html ms']['mean']:.1f} ms CPU per page on average "
              f"(median {report['html ms']['median']:.1f})")
    if "rendered ms" in report:
        print(f"read+clean+split, rendered text: {report['rendered ms']['mean']:.1f} ms CPU per page on average "
              f"(median {report['rendered ms']['median']:.1f})")
    if args.show_misses and not args.skip_html:
        print("\nconflictwire HTML misses (lost = a `with` snippet missing, kept = a `without` snippet present):")
        for name, kind, snippet in scores["conflictwire"].misses[: args.show_misses]:
            print(f"  {kind:5} {name}: {snippet[:70]!r}")
    if args.show_misses and missing < len(pages):
        print("\nconflictwire rendered-text misses:")
        for name, kind, snippet in reader.misses[: args.show_misses]:
            print(f"  {kind:5} {name}: {snippet[:70]!r}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


def _numbers(score: Score) -> dict:
    return {"precision": round(score.precision, 4), "recall": round(score.recall, 4), "f1": round(score.f1, 4),
            "no_article": score.empty, "pages": score.pages}


if __name__ == "__main__":
    main()
