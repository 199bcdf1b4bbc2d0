"""The judge's setup, end to end: 300 real-text articles of ~750 words, `conflictwire ingest --workers 2`.

Issue 16 is judged on held-out real conflict text: ~300 articles of ~750 words built from real
pages, ingested with ``conflictwire ingest --workers 2`` on a 2-core machine (model loading
included), against spaCy's full small pipeline (every component, 2 processes) over the same text
in the same run.  This script builds such a set at run time from ``../shared/data`` (nothing is
written into the repository) and measures exactly that:

* **html** (``--html``, default 100): English pages of webpages-dev as ``.html`` files (read to an
  article of 300-2,000 words, the closest to ~750 first);
* **text** (``--text``, default 100): other English pages of webpages-dev saved as plain text
  (every block of the page on its own line, menus, teasers and footers included: how a page
  saved as text looks), cut to ~750 words at a line end (56 pages have 300 words or more);
* **conflict** (``--conflict``, default 100, plus as many as the pages fell short of theirs): ~750-word plain-text articles of real conflict
  wording: the 2018-19 headlines of ucdp-syria-dev (2016's, which the team tunes on, only after those), one
  day's headlines per article as paragraphs, under a title and a dateline.  Nearly every
  sentence goes to the parser: the worst case for the candidate filter.

Then, each in a fresh process tree (CPU seconds of the whole tree from ``getrusage`` of the
reaped children, peak RSS summed over the tree every 0.2 s, wall time, load average):

1. ``conflictwire ingest --workers 2`` into a fresh SQLite file (spawned workers, model loading
   and the merge included);
2. the same command again (re-ingest of unchanged input);
3. spaCy's ``en_core_web_sm`` with every component, ``nlp.pipe(n_process=2)`` over the article
   texts conflictwire read (HTML already reduced to its main text: spaCy gets no HTML work),
   model loading included.

articles/s is reported three ways: wall clock (depends on the neighbours on a shared machine),
and from CPU time on 2 cores: ``articles / (CPU s / 2)``, which is what the run would take alone
on two idle cores if both were kept busy.

    .venv/bin/python bench/judge_e2e.py [--html 100 --text 100 --conflict 100] [--keep DIR] [--out report.md]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import real_text  # noqa: E402  (bench/real_text.py: the shared-data folder, the English test)
from run import TreeMemory, machine  # noqa: E402

TARGET_WORDS = 750
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


# ---------------------------------------------------------------------------- the set


def _english_pages(shared: Path) -> list[tuple[str, str, str, int]]:
    """(name, html, main text, words) of the English webpages-dev pages, in file order."""
    from conflictwire.models import Document
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.read import make_document
    from conflictwire.pipeline.split import split

    pages = []
    for page in sorted((shared / "webpages-dev" / "pages").glob("*.html.gz")):
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        if not real_text.is_english(html):
            continue
        document: Document = make_document(page.name, "html", html, "utf-8")
        text = "\n\n".join(a.text for a in split(clean(document)))
        pages.append((page.name.removesuffix(".html.gz"), html, text, len(text.split())))
    return pages


def _cut(text: str, words: int) -> str:
    """The text's first lines up to about ``words`` words (whole lines)."""
    kept, count = [], 0
    for line in text.splitlines():
        kept.append(line)
        count += len(line.split())
        if count >= words:
            break
    return "\n".join(kept)


def _saved_as_text(html: str) -> str:
    from conflictwire.pipeline.webpage import _parse, flatten

    tree = _parse(html)
    return flatten(tree, html) if tree is not None else ""


def _conflict_articles(shared: Path, count: int) -> list[tuple[str, str]]:
    """(file name, text) of ``count`` ~750-word articles of one day's 2018-19 UCDP headlines."""
    by_day: dict[str, list[str]] = defaultdict(list)
    lines = [line for name in ("2018-2019", "2016")  # 2016 only once 2018-19 is used up
             for line in (shared / "ucdp-syria-dev" / f"{name}.input.jsonl").read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line.strip():
            record = json.loads(line)
            text = " ".join(record["text"].split())
            if text and record.get("published"):
                by_day[record["published"]].append(text if text.endswith((".", "!", "?")) else text + ".")
    articles = []
    days = sorted(by_day, key=lambda day: (not day.startswith(("2018", "2019")), day))
    pool = [(day, headline) for day in days for headline in by_day[day]]
    cursor = 0
    while len(articles) < count and cursor < len(pool):
        day = pool[cursor][0]
        year, month, dom = day.split("-")
        body, words = [], 0
        while cursor < len(pool) and words < TARGET_WORDS:
            body.append(pool[cursor][1])
            words += len(pool[cursor][1].split())
            cursor += 1
        title = body[0].rstrip(".")
        paragraphs = [" ".join(body[i:i + 3]) for i in range(1, len(body), 3)]
        text = "\n\n".join([title, f"{int(dom)} {MONTHS[int(month) - 1]} {year}", *paragraphs]) + "\n"
        articles.append((f"conflict-{len(articles):03d}.txt", text))
    return articles


def build(folder: Path, shared: Path, html_n: int, text_n: int, conflict_n: int) -> dict[str, Any]:
    """Write the set into ``folder``; returns what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    english = _english_pages(shared)
    pages = sorted((p for p in english if 300 <= p[3] <= 2000), key=lambda p: (abs(p[3] - TARGET_WORDS), p[0]))
    html_pages = pages[:html_n]
    rest = [p for p in english if p[0] not in {h[0] for h in html_pages}]
    for name, html, _text, _words in html_pages:
        (folder / f"page-{name}.html").write_text(html, encoding="utf-8")
    text_pages = 0
    for name, html, _text, _words in rest:
        if text_pages >= text_n:
            break
        flat = _cut(_saved_as_text(html), TARGET_WORDS)
        if len(flat.split()) >= 300:
            (folder / f"saved-{name}.txt").write_text(flat + "\n", encoding="utf-8")
            text_pages += 1
    # the conflict articles fill the set up to html + text + conflict files when there are fewer pages
    conflict = _conflict_articles(shared, conflict_n + (html_n - len(html_pages)) + (text_n - text_pages))
    for name, text in conflict:
        (folder / name).write_text(text, encoding="utf-8")
    files = sorted(folder.iterdir())
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files if p.suffix == ".txt")
    words += sum(p[3] for p in html_pages)
    return {"files": len(files), "html": len(html_pages), "text": text_pages, "conflict": len(conflict),
            "words": words}


def article_texts(folder: Path) -> list[str]:
    return real_text.article_texts(folder)


# ---------------------------------------------------------------------------- the runs


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("conflictwire")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictwire.cli"]


def measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd`` to the end: wall s, CPU s of its whole (reaped) process tree, peak RSS, load."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with TreeMemory(proc.pid) as memory:
        stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    summary = memory.summary()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_mb": summary["peak_mb"],
            "processes": summary.get("processes"), "load": summary.get("load"), "stdout": stdout[-2000:]}


SPACY_CHILD = """
import sys, json, spacy
from conflictwire.pipeline.annotate import model_package
texts = json.load(open(sys.argv[1]))
nlp = spacy.load(model_package())
n = 0
for doc in nlp.pipe(texts, batch_size=32, n_process=2):
    n += len(doc)
print(json.dumps({"tokens": n, "components": nlp.pipe_names}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=int, default=100)
    parser.add_argument("--text", type=int, default=100)
    parser.add_argument("--conflict", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=real_text.SHARED)
    parser.add_argument("--keep", type=Path, help="build the set here (and keep it) instead of a temporary folder")
    parser.add_argument("--skip-spacy", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"judge_e2e: skipped, no shared data folder at {args.shared}")
        return
    with tempfile.TemporaryDirectory(prefix="cw_judge_") as tmp:
        work = Path(tmp)
        folder = args.keep or work / "articles"
        if args.keep and args.keep.is_dir() and any(args.keep.iterdir()):
            made = json.loads((args.keep.parent / f"{args.keep.name}.json").read_text())
        else:
            made = build(folder, args.shared, args.html, args.text, args.conflict)
            if args.keep:
                (args.keep.parent / f"{args.keep.name}.json").write_text(json.dumps(made))
        texts = article_texts(folder)
        made["articles"] = len(texts)
        made["article_words"] = sum(len(t.split()) for t in texts)
        print(f"judge_e2e: {made}", file=sys.stderr, flush=True)
        db = f"sqlite:///{work}/judge.db"
        cmd = [*_cli(), "ingest", str(folder), "--db", db, "--workers", str(args.workers)]
        runs = {"ingest": measured(cmd)}
        print(f"judge_e2e: ingest {runs['ingest']}", file=sys.stderr, flush=True)
        runs["reingest"] = measured(cmd)
        if not args.skip_spacy:
            (work / "texts.json").write_text(json.dumps(texts))
            runs["spacy"] = measured([sys.executable, "-c", SPACY_CHILD, str(work / "texts.json")])
        text = report(made, runs, args.workers)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        if args.json:
            args.json.write_text(json.dumps({"set": made, "runs": runs}, indent=1))


def report(made: dict[str, Any], runs: dict[str, Any], workers: int) -> str:
    n = made["files"]
    ours, again = runs["ingest"], runs["reingest"]
    lines = ["# conflictwire on the judge's setup (bench/judge_e2e.py)", "", f"Machine: {machine()}.", "",
             f"Set: {n} files ({made['html']} HTML pages, {made['text']} pages saved as text, {made['conflict']} "
             f"conflict articles of UCDP 2018-19 headlines), {made['articles']} articles read, "
             f"{made['article_words'] / max(1, made['articles']):.0f} words per article of main text.", "",
             "| run | wall s | CPU s (whole tree) | CPU ms / file | files/s wall | files/s from CPU on 2 cores "
             "| peak RSS | load before/after |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for label, key in ((f"`conflictwire ingest --workers {workers}`", "ingest"), ("re-ingest, unchanged", "reingest"),
                       ("spaCy en_core_web_sm, all components, n_process=2", "spacy")):
        if key not in runs:
            continue
        r = runs[key]
        lines.append(f"| {label} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {1000 * r['cpu_s'] / n:.1f} | "
                     f"{n / r['wall_s']:.1f} | {n / (r['cpu_s'] / 2):.1f} | {r['peak_mb']} MB | "
                     f"{r['load'][0]}/{r['load'][1]} |")
    lines.append("")
    lines.append(f"Re-ingest: {100 * again['wall_s'] / ours['wall_s']:.1f}% of the first run's wall time, "
                 f"{100 * again['cpu_s'] / ours['cpu_s']:.1f}% of its CPU.")
    if "spacy" in runs:
        sp = runs["spacy"]
        lines.append(f"spaCy full / conflictwire: **{sp['cpu_s'] / ours['cpu_s']:.2f}x** in CPU, "
                     f"{sp['wall_s'] / ours['wall_s']:.2f}x in wall time.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
