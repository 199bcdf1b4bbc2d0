"""Throughput on real text: every stage's CPU cost per article and per 1,000 words, by corpus.

The synthetic bench corpus (bench/corpus.py) is denser in violence than real news: most of its
sentences go to spaCy.  This bench runs the same stage pass as ``bench/run.py`` (each stage
timed on its own, CPU seconds of one process) over real text from ``../shared/data``:

* **webpages-dev**: the HTML pages of trafilatura's evaluation set that are in English (an
  ``<html lang="en...">`` attribute, or English function words in the visible text) and
  read to at least one article of 150 words or more: news, blogs and institutional pages;
* **re3d**: the CENTCOM and State Department releases, ``--copies`` times (each copy with a
  unique reference line, so the content-hash check keeps it).  They carry no publication date,
  so every record gets a nominal one (``NOMINAL_PUBLISHED``): without it every event would be
  dropped for want of a year and the later stages would do no work;
* **ucdp-syria-dev**: the first ``--headlines`` headlines of the 2016 input (one record each);
* **samples**: the team's own sample articles (``conflictwire.samples``);
* **synthetic**: ``--synthetic`` generated articles (bench/corpus.py), for comparison.

For each corpus, in a fresh child process: per-stage CPU ms per article and per 1,000 words,
sentences parsed vs skipped by the candidate filter, peak RSS after the stage pass, and the
CPU time of spaCy's full small pipeline (every component, ``nlp.pipe``) over the same article
texts in the same process: the ratio says how much the candidate filter and the disabled
components save.  A corpus whose data is missing is skipped with the reason.

    .venv/bin/python bench/real_text.py [--copies 4] [--headlines 1000] [--out report.md]

``--end-to-end`` also runs ``bench/run.py`` (``ingest`` with 1 and 2 local workers and a
re-ingest, model loading included) on all the real corpora together.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (bench/corpus.py, next to this file)



def _shared() -> Path:
    """``$CONFLICTWIRE_SHARED/data``, else ``shared/data`` beside the repository (the main checkout's
    when this is a git worktree)."""
    from conflictwire.evaluate import shared_folder

    found = shared_folder(HERE / "real_text.py")
    if found is None:
        try:
            common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=HERE, capture_output=True,
                                    text=True, check=True).stdout.strip()
            beside = (HERE / common).resolve().parent.parent / "shared"
            found = beside if beside.is_dir() else None
        except (OSError, subprocess.CalledProcessError):
            found = None
    return (found or HERE.parent.parent / "shared") / "data"


SHARED = _shared()
SOURCES = ("re3d-centcom", "re3d-us-state-department")
NOMINAL_PUBLISHED = "2017-01-15"
MIN_WORDS = 150
ENGLISH = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "by", "said"}


# ---------------------------------------------------------------------------- corpora


def write_re3d(folder: Path, copies: int, shared: Path = SHARED) -> tuple[int, int]:
    """One JSONL file of the releases times ``copies``; returns (records, words)."""
    records = []
    for source in SOURCES:
        path = shared / source / "documents.json"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    folder.mkdir(parents=True, exist_ok=True)
    n = words = 0
    with (folder / "re3d.jsonl").open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for record in records:
                text = f"{record['text']}\n\nReference {record['_id']}-{copy}."
                out.write(json.dumps({"title": record.get("title"), "url": record.get("sourceUrl"),
                                      "outlet": record.get("sourceName"), "published": NOMINAL_PUBLISHED,
                                      "text": text}) + "\n")
                n += 1
                words += len(text.split())
    stats = corpus.CorpusStats(documents=n, articles=n, words=words, bytes=(folder / "re3d.jsonl").stat().st_size)
    corpus.save_stats(folder, stats)  # read by run.py --corpus
    return n, words


def _visible_words(html: str) -> list[str]:
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.findall(r"[a-z]+", re.sub(r"(?s)<[^>]+>", " ", body).lower())


def is_english(html: str) -> bool:
    lang = re.search(r"(?i)<html[^>]*\blang=[\"']?([a-z]{2})", html)
    if lang:
        return lang.group(1).lower() == "en"
    words = _visible_words(html)
    return len(words) >= 100 and sum(w in ENGLISH for w in words) / len(words) >= 0.12


def write_webpages(folder: Path, shared: Path = SHARED) -> str:
    """The English pages of webpages-dev as .html files; returns a note on what was kept."""
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.read import iter_inputs
    from conflictwire.pipeline.split import split

    pages = sorted((shared / "webpages-dev" / "pages").glob("*.html.gz"))
    folder.mkdir(parents=True, exist_ok=True)
    english = kept = 0
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        if not is_english(html):
            continue
        english += 1
        target = folder / page.name.removesuffix(".gz")
        target.write_text(html, encoding="utf-8")
        documents = [d for d in iter_inputs([str(target)]) if hasattr(d, "content_hash")]
        articles = [a for d in documents for a in split(clean(d))]
        if not any(len(a.text.split()) >= MIN_WORDS for a in articles):
            target.unlink()
            continue
        kept += 1
    return f"{kept} of {len(pages)} pages ({english} in English, {kept} with an article of {MIN_WORDS}+ words)"


def write_headlines(folder: Path, count: int, shared: Path = SHARED) -> str:
    source = shared / "ucdp-syria-dev" / "2016.input.jsonl"
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()][:count]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "headlines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"the first {len(lines)} headlines of 2016.input.jsonl"


def write_samples(folder: Path) -> str:
    from conflictwire.samples import sample_files

    folder.mkdir(parents=True, exist_ok=True)
    files = sample_files()
    for path in files:
        shutil.copy(path, folder / path.name)
    return f"{len(files)} sample files"


def build_corpora(work: Path, args: argparse.Namespace) -> tuple[list[tuple[str, Path, str]], list[str]]:
    """(name, folder, note) of each corpus written, and one line per corpus skipped (with why)."""
    made, skipped = [], []
    shared = args.shared
    if (shared / "webpages-dev" / "pages").is_dir():
        made.append(("webpages-dev (English)", work / "webpages", write_webpages(work / "webpages", shared)))
    else:
        skipped.append(f"webpages-dev: no {shared / 'webpages-dev' / 'pages'}")
    if (shared / SOURCES[0] / "documents.json").is_file():
        n, _words = write_re3d(work / "re3d", args.copies, shared)
        made.append((f"re3d x {args.copies}", work / "re3d", f"{n} releases"))
    else:
        skipped.append(f"re3d: no {shared / SOURCES[0] / 'documents.json'}")
    if (shared / "ucdp-syria-dev" / "2016.input.jsonl").is_file():
        made.append(("ucdp-syria-dev headlines", work / "headlines", write_headlines(work / "headlines",
                                                                                    args.headlines, shared)))
    else:
        skipped.append(f"ucdp-syria-dev: no {shared / 'ucdp-syria-dev' / '2016.input.jsonl'}")
    made.append(("team samples", work / "samples", write_samples(work / "samples")))
    if args.synthetic:
        stats = corpus.generate(work / "synthetic", args.synthetic, seed=7)
        made.append(("synthetic (bench/corpus.py)", work / "synthetic", f"{stats.articles} generated articles"))
    return made, skipped


# ---------------------------------------------------------------------------- one corpus, in a child


def child(folder: Path) -> dict[str, Any]:
    """The stage pass over one corpus, then spaCy's full pipeline over the same article texts."""
    import run  # bench/run.py

    with tempfile.TemporaryDirectory(prefix="cw_real_db_") as tmp:
        stages = run.stage_pass(folder, f"sqlite:///{tmp}/cw.db")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    texts = article_texts(folder)
    stages["spacy_full_cpu_s"], stages["spacy_components"] = spacy_full(texts)
    stages["peak_rss_mb"] = round(rss_mb)
    return stages


def article_texts(folder: Path) -> list[str]:
    from conflictwire.models import Document
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.read import iter_inputs
    from conflictwire.pipeline.split import split

    return [a.text for d in iter_inputs([str(folder)]) if isinstance(d, Document) for a in split(clean(d))]


def spacy_full(texts: list[str]) -> tuple[float, list[str]]:
    """CPU seconds of spaCy's small English pipeline with every component over ``texts``."""
    import spacy

    from conflictwire.pipeline.annotate import model_package

    nlp = spacy.load(model_package())
    list(nlp.pipe(texts[:2]))  # warm-up outside the clock
    started = time.process_time()
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    return time.process_time() - started, list(nlp.pipe_names)


def run_child(folder: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(folder)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"real_text child failed on {folder}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- report


STAGES = ("read", "clean+split+date", "annotate", "extract", "geocode", "actors", "store write", "merge")


def report(rows: list[tuple[str, str, dict[str, Any]]], skipped: list[str], seconds: float) -> str:
    from run import machine

    lines = ["# conflictwire on real text (bench/real_text.py)", "", f"Machine: {machine()}.", "",
             "CPU milliseconds of one process (`time.process_time`; the machine may be shared, so CPU time, "
             "not wall time); model loading excluded.  spaCy full = `en_core_web_sm` with every component "
             "over the same article texts in the same process; ratio = its CPU time / conflictwire's "
             "(all stages, reading to merging).", ""]
    lines += ["| corpus | articles | words/article | sentences parsed | " + " | ".join(STAGES)
              + " | all stages ms/article | ms/1,000 words | spaCy full ms/article | ratio | peak RSS |",
              "|---|---:|---:|---:|" + "---:|" * len(STAGES) + "---:|---:|---:|---:|---:|"]
    for name, note, r in rows:
        c, s = r["counts"], r["seconds"]
        n, words = max(1, c["articles"]), max(1, c["words"])
        work = sum(s[k] for k in STAGES)
        cells = " | ".join(f"{1000 * s[k] / n:.1f}" for k in STAGES)
        lines.append(f"| {name} | {c['articles']} | {c['words'] / n:.0f} | {c['parsed_sentences']} of "
                     f"{c['sentences']} ({100 * c['parsed_sentences'] / max(1, c['sentences']):.0f}%) | {cells} | "
                     f"**{1000 * work / n:.1f}** | {1e6 * work / words:.1f} | "
                     f"{1000 * r['spacy_full_cpu_s'] / n:.1f} | **{r['spacy_full_cpu_s'] / max(work, 1e-9):.2f}x** | "
                     f"{r['peak_rss_mb']} MB |")
    lines += ["", "Per-stage columns are CPU ms per article.  Corpora:", ""]
    lines += [f"- {name}: {note}; {r['counts']['mentions']} event reports -> {r['counts']['events']} events"
              for name, note, r in rows]
    lines += [f"- skipped: {why}" for why in skipped]
    lines += ["", f"Bench run time: {seconds:.0f} s wall."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the re3d releases")
    parser.add_argument("--headlines", type=int, default=1000, help="UCDP headlines to read")
    parser.add_argument("--synthetic", type=int, default=200, help="generated articles for comparison (0: none)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--end-to-end", action="store_true", help="also ingest all real corpora with bench/run.py")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    if not args.shared.is_dir():
        print(f"real_text: skipped, no shared data folder at {args.shared} (see docs/performance.md)")
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cw_real_") as tmp:
        made, skipped = build_corpora(Path(tmp), args)
        rows = []
        for name, folder, note in made:
            print(f"real_text: {name} ({note}) …", file=sys.stderr, flush=True)
            rows.append((name, note, run_child(folder)))
        text = report(rows, skipped, time.perf_counter() - started)
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        if args.json:
            args.json.write_text(json.dumps({n: r for n, _note, r in rows}, indent=1))
        if args.end_to_end:
            real = Path(tmp) / "all-real"
            for name, folder, _note in made:
                if not name.startswith("synthetic"):
                    shutil.copytree(folder, real / folder.name)
            subprocess.run([sys.executable, str(HERE / "run.py"), "--corpus", str(real), "--skip", "stages,dask"],
                           check=True)


if __name__ == "__main__":
    main()
