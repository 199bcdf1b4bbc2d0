"""conflictwire benchmark: per-stage costs and end-to-end throughput on a generated corpus.

What it does (``make bench`` or ``python bench/run.py --articles 10000``):

1. writes a synthetic corpus (``bench/corpus.py``: ~700-word articles from templates
   built on the packaged samples, 20% in digests, 10% HTML) into a temp folder;
2. *stage pass*: one process runs every stage by hand over the corpus, batched as
   ``ingest.process_batch`` batches, and times each stage separately (read,
   clean+split+date, annotate, extract, geocode, actors, store write, merge);
3. *end-to-end runs*, each in a fresh child process whose whole process tree is
   sampled for resident memory (psutil, every 0.2 s): ``ingest`` with 1 and 2 local
   workers, a re-ingest of the unchanged corpus, and a Dask ``LocalCluster`` with
   1 and 2 worker processes;
4. optionally (``--profile``) a pyinstrument profile of ``process_batch`` over part
   of the corpus, printed as the hottest functions by own time.

Output: a Markdown report on stdout (and ``--out FILE``), raw numbers with ``--json``.
The end-to-end times include loading the spaCy model in every worker process: that
is what a user waits for.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py, next to this file)

HERE = Path(__file__).resolve()
SAMPLE_EVERY_S = 0.2


# ---------------------------------------------------------------------------- memory sampling


class TreeMemory:
    """Samples the summed RSS of a process and all its descendants in a background thread."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.samples: list[tuple[float, int, int]] = []  # (seconds, total RSS, processes)
        # CPU seconds (user + system) last seen per process: the machine may be shared,
        # so CPU time per article says more about our cost than wall time alone.
        self.cpu: dict[int, float] = {}
        self.load_before = os.getloadavg()[0]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._t0 = time.perf_counter()

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total, count = 0, 0
            try:
                for proc in [self.root, *self.root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                        times = proc.cpu_times()
                        self.cpu[proc.pid] = times.user + times.system
                        count += 1
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.samples.append((time.perf_counter() - self._t0, total, count))
            self._stop.wait(SAMPLE_EVERY_S)

    def summary(self) -> dict[str, Any]:
        if not self.samples:
            return {"peak_mb": None, "profile_mb": []}
        peak = max(s[1] for s in self.samples)
        end = self.samples[-1][0] or 1.0
        # RSS at each 10% of the run: shows whether memory grows with the corpus.
        profile = []
        for tenth in range(1, 11):
            upto = [s[1] for s in self.samples if s[0] <= end * tenth / 10]
            profile.append(round(max(upto) / 2**20) if upto else None)
        return {"peak_mb": round(peak / 2**20), "profile_mb": profile,
                "processes": max(s[2] for s in self.samples), "cpu_s": round(sum(self.cpu.values()), 2),
                "load": [round(self.load_before, 1), round(os.getloadavg()[0], 1)]}


# ---------------------------------------------------------------------------- stage pass


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def stage_pass(corpus_dir: Path, db_url: str) -> dict[str, Any]:
    """Every stage timed on its own, in this process, over the whole corpus.

    Times are CPU seconds of this process (``time.process_time``): the machine may be
    shared, and CPU time is what a stage costs whatever else runs beside it.
    """
    clock = time.process_time
    from conflictwire.extraction.candidates import candidate_filter, entity_gate, entity_reach
    from conflictwire.models import Document, DocumentResult
    from conflictwire.pipeline import annotate as annotate_stage
    from conflictwire.pipeline.actors import normalise_actors
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.date import date_articles
    from conflictwire.pipeline.extract import extract
    from conflictwire.pipeline.geocode import geocode
    from conflictwire.pipeline.merge import default_actor_check, run_merge
    from conflictwire.pipeline.split import split
    from conflictwire.settings import BATCH_DOCUMENTS
    from conflictwire.store.db import Store

    spent: dict[str, float] = {k: 0.0 for k in (
        "warm-up (models, gazetteer, registry)", "read", "clean+split+date", "annotate", "extract", "geocode",
        "actors", "store write", "merge")}
    counts = {"documents": 0, "articles": 0, "words": 0, "sentences": 0, "parsed_sentences": 0, "mentions": 0}

    t = clock()
    annotate_stage.load_parser()
    annotate_stage.load_segmenter()
    needs_parse = candidate_filter()
    check = default_actor_check()
    store = Store(db_url)
    _warm_up()  # lexicons, registry and gazetteer load on first use: not a per-article cost
    spent["warm-up (models, gazetteer, registry)"] = clock() - t

    t = clock()
    documents = [d for d in corpus_iter(corpus_dir) if isinstance(d, Document)]
    spent["read"] = clock() - t
    counts["documents"] = len(documents)
    run_id = store.start_run("bench stage pass")
    for batch in _batches(documents, BATCH_DOCUMENTS):
        t = clock()
        results = []
        for document in batch:
            cleaned = clean(document)
            results.append(DocumentResult(document, date_articles(split(cleaned), cleaned), [],
                                          list(cleaned.warnings)))
        spent["clean+split+date"] += clock() - t
        articles = [a for r in results for a in r.articles]
        t = clock()
        annotated = annotate_stage.annotate(articles, needs_parse, needs_entities=entity_gate(),
                                            entity_reach=entity_reach())  # as ingest.process_batch
        spent["annotate"] += clock() - t
        by_article = {item.article.article_id: item for item in annotated}
        for item in annotated:
            counts["sentences"] += len(item.sentences)
            counts["parsed_sentences"] += sum(1 for s in item.sentences if s.doc is not None)
            counts["words"] += len(item.article.text.split())
        for result in results:
            for article in result.articles:
                t = clock()
                extraction = extract(by_article[article.article_id])
                t1 = clock()
                extraction = geocode(extraction)
                t2 = clock()
                extraction = normalise_actors(extraction)
                t3 = clock()
                spent["extract"] += t1 - t
                spent["geocode"] += t2 - t1
                spent["actors"] += t3 - t2
                result.extractions.append(extraction)
                counts["mentions"] += len(extraction.mentions)
            counts["articles"] += len(result.articles)
            t = clock()
            store.write_document(result, run_id)
            spent["store write"] += clock() - t
    t = clock()
    counts["blocks"] = run_merge(store, check)  # incremental or per block, as ingest merges
    spent["merge"] = clock() - t
    counts["events"] = store.counts()["events"]
    store.dispose()
    return {"seconds": spent, "counts": counts}


def _warm_up() -> None:
    """Every stage once over one short article, so the timed pass holds no first-use loading."""
    from datetime import date

    from conflictwire.ingest import WARM_UP_TEXT, process_document
    from conflictwire.pipeline.read import make_document

    document = make_document("warm-up.txt", "text", WARM_UP_TEXT, "utf-8")
    document.given_published = date(2024, 2, 5)
    process_document(document)


def corpus_iter(folder: Path) -> Iterator[Any]:
    from conflictwire.pipeline.read import iter_inputs

    yield from iter_inputs([str(folder)])


# ---------------------------------------------------------------------------- end-to-end children


def child_main(args: argparse.Namespace) -> None:
    """One end-to-end ingest in this (child) process; prints one JSON line."""
    from conflictwire.ingest import DaskExecutor, LocalExecutor, ingest
    from conflictwire.store.db import Store

    store = Store(args.db)
    cluster = client = None
    startup = 0.0
    if args.executor == "dask":
        from distributed import Client, LocalCluster

        t = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
        startup = time.perf_counter() - t
        executor: Any = DaskExecutor(client=client)
    else:
        executor = LocalExecutor(args.workers)
    t = time.perf_counter()
    summary = ingest([args.corpus], store, executor=executor, command_line="bench")
    seconds = time.perf_counter() - t
    if client is not None:
        client.close()
        cluster.close()
    counts = store.counts()
    print(json.dumps({"seconds": seconds, "startup": startup, "new": summary.documents_new,
                      "skipped": summary.documents_skipped, "articles": summary.articles,
                      "mentions": summary.mentions, "problems": len(summary.problems),
                      "events": counts["events"], "articles_in_db": counts["articles"]}))


def run_child(corpus_dir: Path, db_url: str, executor: str, workers: int) -> dict[str, Any]:
    cmd = [sys.executable, str(HERE), "--child", "--corpus", str(corpus_dir), "--db", db_url,
           "--executor", executor, "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as memory:
        stdout, _ = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {' '.join(cmd)}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(memory.summary())
    return result


# ---------------------------------------------------------------------------- profile


def profile(corpus_dir: Path, documents: int) -> str:
    """pyinstrument over process_batch on the first ``documents`` documents: top functions by own time."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return "(pyinstrument not installed: `.venv/bin/pip install pyinstrument`)"
    from conflictwire.ingest import process_batch
    from conflictwire.models import Document
    from conflictwire.settings import BATCH_DOCUMENTS

    docs = [d for d in corpus_iter(corpus_dir) if isinstance(d, Document)][:documents]
    process_batch(docs[:2])  # warm-up: models and gazetteer load outside the profile
    profiler = Profiler(interval=0.002)
    profiler.start()
    for batch in _batches(docs, BATCH_DOCUMENTS):
        process_batch(batch)
    profiler.stop()
    session = profiler.last_session
    own: dict[str, float] = {}
    total = session.duration

    def walk(frame: Any) -> None:
        # Synthetic frames ([self], the thread, the root) only carry time for real frames.
        if not frame.is_synthetic and frame.file_path and not frame.file_path.startswith("<"):
            key = f"{frame.function} ({Path(frame.file_path).name}:{frame.line_no})"
            own[key] = own.get(key, 0.0) + frame.total_self_time
        for child in frame.children:
            walk(child)

    root = session.root_frame()
    if root is not None:
        walk(root)
    by_module: dict[str, float] = {}
    for key, seconds in own.items():
        module = key.split("(")[1].split(":")[0]
        by_module[module] = by_module.get(module, 0.0) + seconds
    lines = [f"Profile of process_batch over {len(docs)} documents: {total:.1f} s.", "",
             "| own time | share | function |", "|---:|---:|---|"]
    for key, seconds in sorted(own.items(), key=lambda kv: -kv[1])[:20]:
        lines.append(f"| {seconds:.2f} s | {100 * seconds / total:.1f}% | `{key}` |")
    lines += ["", "| own time | share | file |", "|---:|---:|---|"]
    for module, seconds in sorted(by_module.items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"| {seconds:.2f} s | {100 * seconds / total:.1f}% | `{module}` |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- report


def machine() -> str:
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def report(stats: corpus.CorpusStats, stages: dict[str, Any] | None, runs: list[dict[str, Any]],
           profile_text: str | None, db_kind: str) -> str:
    lines = ["# conflictwire benchmark", "", f"Machine: {machine()}.  Store: {db_kind}.", "",
             f"Corpus: {stats.documents} documents, {stats.articles} articles ({stats.digests} digest pages, "
             f"{stats.html_pages} HTML pages), {stats.words:,} words, {stats.bytes / 2**20:.1f} MiB.", ""]
    if stages:
        c = stages["counts"]
        s = stages["seconds"]
        work = sum(v for k, v in s.items() if not k.startswith("warm-up"))
        lines += ["## Per stage (one process, CPU seconds)", "",
                  f"{c['articles']} articles, {c['words']:,} words; {c['parsed_sentences']} of {c['sentences']} "
                  f"sentences parsed ({100 * c['parsed_sentences'] / max(1, c['sentences']):.0f}%); "
                  f"{c['mentions']} event reports -> {c['events']} events in {c['blocks']} country blocks.", "",
                  "| stage | seconds | share | articles/s | words/s |", "|---|---:|---:|---:|---:|"]
        for name, seconds in s.items():
            share = "" if name.startswith("warm-up") else f"{100 * seconds / work:.1f}%"
            rate = c["articles"] / seconds if seconds else float("inf")
            wrate = c["words"] / seconds if seconds else float("inf")
            lines.append(f"| {name} | {seconds:.2f} | {share} | {_rate(rate)} | {_rate(wrate)} |")
        lines.append(f"| **all stages (excl. warm-up)** | **{work:.2f}** | 100% | "
                     f"**{c['articles'] / work:.1f}** | **{c['words'] / work:,.0f}** |")
        lines.append("")
    if runs:
        # Words of article text (what the pipeline reads), from the stage pass when it ran.
        words = stages["counts"]["words"] if stages else stats.words
        articles = stages["counts"]["articles"] if stages else stats.articles
        lines += ["## End to end (`ingest`, fresh process each, model loading included)", "",
                  "Wall-clock times depend on what else runs on the machine (load average shown); "
                  "CPU seconds summed over all processes do not.", "",
                  "| run | wall s | articles/s | words/s | CPU s (all processes) | CPU ms/article | peak RSS (all processes) | "
                  "RSS by tenth of run (MB) | new / unchanged docs | events | load avg before/after |",
                  "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"]
        for run in runs:
            rate = articles / run["seconds"]
            startup = f" (+{run['startup']:.1f} s cluster start)" if run.get("startup") else ""
            profile_mb = " ".join(str(x) for x in run.get("profile_mb") or [])
            load = "/".join(str(x) for x in run.get("load") or [])
            lines.append(f"| {run['label']} | {run['seconds']:.1f}{startup} | {rate:.1f} | {words / run['seconds']:,.0f}"
                         f" | {run.get('cpu_s', 0):.0f} | {1000 * run.get('cpu_s', 0) / articles:.0f}"
                         f" | {run['peak_mb']} MB in {run.get('processes')} proc | "
                         f"{profile_mb} | {run['new']} / {run['skipped']} | {run['events']} | {load} |")
        first = next((r for r in runs if r["label"].startswith("local, 2")), None)
        again = next((r for r in runs if r["label"].startswith("re-ingest")), None)
        if first and again:
            lines += ["", f"Re-ingest of unchanged input: {again['seconds']:.2f} s = "
                          f"{100 * again['seconds'] / first['seconds']:.1f}% of the first run."]
        lines += ["", *targets(runs, articles)]
        lines.append("")
    if profile_text:
        lines += ["## Hot spots", "", profile_text, ""]
    return "\n".join(lines)


def targets(runs: list[dict[str, Any]], articles: int) -> list[str]:
    """Issue 7's targets against this run's numbers, one line each."""
    first = next((r for r in runs if r["label"].startswith("local, 2")), None)
    again = next((r for r in runs if r["label"].startswith("re-ingest")), None)
    peak = max((r["peak_mb"] or 0 for r in runs), default=0)
    out = ["Targets (issue 7):", ""]
    if first:
        rate = articles / first["seconds"]
        # What two otherwise idle cores would give: the run's CPU seconds spread over both.  The
        # wall-clock rate drops when neighbours share the machine; CPU seconds barely move.
        idle = articles / (first["cpu_s"] / 2) if first.get("cpu_s") else None
        out.append(f"- >= 20 articles/s end to end with 2 workers: {rate:.1f} ({'met' if rate >= 20 else 'NOT met'};"
                   f" load average {'/'.join(str(x) for x in first.get('load') or [])}"
                   + (f"; {idle:.1f} from its CPU seconds on two idle cores" if idle else "") + ")")
    out.append(f"- peak RSS <= 1.5 GB: {peak} MB ({'met' if peak <= 1536 else 'NOT met'})")
    if first and again:
        share = 100 * again["seconds"] / first["seconds"]
        out.append(f"- re-ingest of unchanged input <= 5% of the first run: {share:.1f}% "
                   f"({'met' if share <= 5 else 'NOT met'})")
    return out


def _rate(value: float) -> str:
    return "∞" if value == float("inf") else (f"{value:,.0f}" if value >= 100 else f"{value:.1f}")


# ---------------------------------------------------------------------------- main


def fresh_db(base: str | None, folder: Path, name: str) -> str:
    """A new empty database for one run: a SQLite file, or a new PostgreSQL database on ``base``."""
    if not base:
        return f"sqlite:///{folder / (name + '.db')}"
    from sqlalchemy import create_engine, text

    admin = base if "+psycopg" in base else base.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(admin.rstrip("/") + "/postgres", isolation_level="AUTOCOMMIT")
    db = f"cw_bench_{name}_{os.getpid()}"
    with engine.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{db}"'))
    engine.dispose()
    _created.append((admin.rstrip("/") + "/postgres", db))
    return admin.rstrip("/") + "/" + db


_created: list[tuple[str, str]] = []  # PostgreSQL databases this run made: dropped at the end


def drop_created() -> None:
    from sqlalchemy import create_engine, text

    for admin, db in _created:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="conflictwire benchmark (see the module docstring)")
    # 1,000 by default: with 100, loading spaCy in every worker (~1.5 s each) is a third of a run.
    parser.add_argument("--articles", type=int, default=1000, help="articles to generate (10000 for the memory run)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="use this folder instead of generating one")
    parser.add_argument("--pg", help="PostgreSQL server URL without database, e.g. postgresql://root@127.0.0.1:5432 "
                                     "(default: SQLite files in the temp folder)")
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="", help="comma list of parts to skip: stages,local1,local2,reingest,dask")
    parser.add_argument("--profile", type=int, default=0, metavar="DOCS",
                        help="also profile process_batch over this many documents (pyinstrument)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--json", type=Path, help="write raw numbers here")
    args = parser.parse_args(argv)
    if args.child:
        child_main(args)
        return
    skip = set(filter(None, args.skip.split(",")))
    try:
        run_all(args, skip)
    finally:
        drop_created()


def run_all(args: argparse.Namespace, skip: set[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="cw_bench_") as tmp:
        work = Path(tmp)
        if args.corpus:
            corpus_dir, stats = args.corpus, _stats_of(args.corpus)
        else:
            corpus_dir = work / "corpus"
            t = time.perf_counter()
            stats = corpus.generate(corpus_dir, args.articles, args.seed)
            _log(f"generated {stats.articles} articles in {stats.documents} files ({time.perf_counter() - t:.1f} s)")
        stages = None
        if "stages" not in skip:
            _log("stage pass …")
            stages = stage_pass(corpus_dir, fresh_db(args.pg, work, "stages"))
        runs: list[dict[str, Any]] = []
        plan = [("local, 1 worker", "local", 1, "local1"), ("local, 2 workers", "local", 2, "local2"),
                ("re-ingest unchanged (local, 2 workers)", "local", 2, "reingest"),
                ("Dask LocalCluster, 1 worker", "dask", 1, "dask"), ("Dask LocalCluster, 2 workers", "dask", 2, "dask")]
        reuse = None
        for label, executor, workers, part in plan:
            if part in skip or (part == "reingest" and reuse is None):
                continue
            db = reuse if part == "reingest" else fresh_db(args.pg, work, f"{part}_{executor}{workers}")
            _log(f"{label} …")
            result = run_child(corpus_dir, db, executor, workers)
            result["label"] = label
            runs.append(result)
            _log(f"  {result['seconds']:.1f} s, {stats.articles / result['seconds']:.1f} articles/s, "
                 f"peak {result['peak_mb']} MB")
            if part == "local2":
                reuse = db
        profile_text = None
        if args.profile:
            _log("profiling …")
            profile_text = profile(corpus_dir, args.profile)
        text = report(stats, stages, runs, profile_text, "PostgreSQL" if args.pg else "SQLite")
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        if args.json:
            args.json.write_text(json.dumps({"corpus": vars(stats), "stages": stages, "runs": runs}, indent=1))


def _stats_of(folder: Path) -> corpus.CorpusStats:
    """The counts generate() saved for this folder; for any other folder, documents only."""
    from conflictwire.models import Document

    saved = corpus.load_stats(folder)
    if saved is not None:
        return saved
    stats = corpus.CorpusStats()
    for item in corpus_iter(folder):
        if isinstance(item, Document):
            stats.documents += 1
            stats.bytes += len(item.content.encode("utf-8"))
    stats.articles = stats.documents  # unknown without splitting; the stage pass counts them
    return stats


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
