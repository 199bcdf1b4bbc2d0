"""Running the pipeline over inputs: batching, executors, and writing through the store.

The per-document stages (clean -> split -> date -> annotate -> extract -> geocode
-> actors) run in workers; the parent reads inputs as a stream, skips content it
already stored, and writes each document's results in its own transaction.  The
global merge runs after all documents are written.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from conflictwire.models import ArticleExtraction, Document, DocumentResult, ReadProblem
from conflictwire.settings import Settings, active_or_build


@dataclass
class IngestSummary:
    documents_seen: int = 0
    documents_new: int = 0
    documents_skipped: int = 0
    articles: int = 0
    mentions: int = 0
    statements: int = 0
    tallies: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    warnings: int = 0
    blocks_merged: int = 0
    documents_rederived: int = 0  # stored pages re-dated or re-attributed by --published/--outlet
    # document-level warnings of stored documents (e.g. an HTML page without body text): shown with the problems
    notices: list[ReadProblem] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


def process_document(document: Document, settings: Settings | None = None) -> DocumentResult:
    """All per-document stages for one document (used directly in tests and notebooks)."""
    return process_batch([document], settings)[0]


def process_batch(documents: Sequence[Document], settings: Settings | None = None) -> list[DocumentResult]:
    """Run every per-document stage over a batch; spaCy sees all the batch's articles at once.

    The stages run under ``settings`` (default: the active ones, else built from the environment): it is what a worker process
    receives with each batch, so a worker reads the same knowledge as the parent.  A failure
    inside one document's stages is reported on that document and never stops the batch.
    """
    settings = settings or active_or_build()
    settings.knowledge.verify()
    with settings.active():
        return _process_batch(documents)


def _process_batch(documents: Sequence[Document]) -> list[DocumentResult]:
    _keep_arrays_off_mmap()
    from conflictwire.extraction.candidates import candidate_filter, entity_gate, entity_reach
    from conflictwire.pipeline import annotate as annotate_stage
    from conflictwire.pipeline.actors import normalise_actors
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.date import date_articles
    from conflictwire.pipeline.extract import extract
    from conflictwire.pipeline.geocode import geocode
    from conflictwire.pipeline.split import split

    results: list[DocumentResult] = []
    for document in documents:
        try:
            cleaned = clean(document)
            articles = date_articles(split(cleaned), cleaned)
            results.append(DocumentResult(document, articles, [], list(cleaned.warnings)))
        except Exception as exc:  # a bug must not cost the rest of the batch
            results.append(_failed(document, "clean/split/date", exc))
    annotate = functools.partial(annotate_stage.annotate, needs_entities=entity_gate(), entity_reach=entity_reach())
    by_article, results = _annotate(results, annotate, candidate_filter())
    for result in results:
        for article in result.articles:
            try:
                extraction = normalise_actors(geocode(extract(by_article[article.article_id])))
            except Exception as exc:
                extraction = ArticleExtraction(article=article, warnings=[_internal("extract", exc)])
            result.extractions.append(extraction)
    return results


@functools.lru_cache(maxsize=1)
def _keep_arrays_off_mmap() -> None:
    """Undo the allocator setting Dask's nanny gives its workers, once per process.

    The nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``; setting that freezes
    glibc's otherwise adaptive mmap threshold at 128 KiB, so every activation array spaCy
    allocates and frees is a fresh ``mmap`` with page faults: +25% CPU per article on the
    bench (docs/performance.md).  Raising the mmap threshold to 32 MiB keeps those arrays
    on the heap; the nanny's trim setting still returns freed heap to the system.
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return  # glibc adapts the threshold by itself, or the user chose one
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 32 * 2**20)
    except (OSError, AttributeError):  # not glibc: nothing to undo
        pass


_M_MMAP_THRESHOLD = -3  # mallopt() parameter, from glibc's malloc.h


def _annotate(results: list[DocumentResult], annotate: Callable[..., Any], needs_parse: Callable[[str], bool]
              ) -> tuple[dict[str, Any], list[DocumentResult]]:
    """Annotate the batch in one pass; if that fails, document by document, so one bad
    document fails alone instead of taking its batch neighbours with it."""
    try:
        annotated = annotate([a for r in results for a in r.articles], needs_parse)
        return {item.article.article_id: item for item in annotated}, results
    except Exception:  # noqa: BLE001 - retried per document below, where the error is reported
        pass
    by_article: dict[str, Any] = {}
    kept: list[DocumentResult] = []
    for result in results:
        try:
            by_article.update((item.article.article_id, item) for item in annotate(result.articles, needs_parse))
            kept.append(result)
        except Exception as exc:
            kept.append(_failed(result.document, "annotate", exc))
    return by_article, kept


def _internal(stage: str, exc: Exception) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"internal error in stage {stage}{at}: {type(exc).__name__}: {exc} (please report this)"


def _failed(document: Document, stage: str, exc: Exception) -> DocumentResult:
    return DocumentResult(document, [], [], [_internal(stage, exc)], failed=True)


# ---------------------------------------------------------------------------- executors


def executor_for(settings: Settings, client: Any = None) -> "LocalExecutor | DaskExecutor":
    """The executor ``settings`` ask for (a ``client`` given means Dask on that client)."""
    if client is not None or settings.executor == "dask":
        return DaskExecutor(settings.scheduler, client=client)
    return LocalExecutor(settings.workers, settings=settings)


class LocalExecutor:
    """Batches in this process (workers=1) or in a pool of local processes.

    The function mapped carries the settings (``ingest`` maps ``partial(process_batch,
    settings=...)``), so workers need no configuration of their own.

    Given ``settings`` (``executor_for`` gives them), on Linux and with no other thread running,
    the parent loads the pipeline once (``warm_up``: imports, the spaCy model, the knowledge, the
    gazetteer) and the workers are forked from it, warm: each spawned worker spent ~1.4 CPU s
    loading the same things again (docs/performance.md).  Otherwise they are spawned."""

    def __init__(self, workers: int = 1, settings: Settings | None = None) -> None:
        self.workers = max(1, workers)
        self.settings = settings
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "LocalExecutor":
        return self

    def _start(self) -> ProcessPoolExecutor:
        """The pool, started at the first batch (a re-ingest of unchanged input loads nothing)."""
        import multiprocessing

        if self.settings is not None and _can_fork():
            warm_up(self.settings)
            pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            pool.submit(int).result()  # a fork pool forks all its workers at its first submit: now, still alone
            return pool
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    def __exit__(self, *exc: object) -> None:
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def map_ordered(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        if self.workers == 1:
            for item in items:
                yield fn(item)
            return

        def submit(f: Callable[[Any], Any], item: Any) -> Future:
            if self.pool is None:
                self.pool = self._start()
            return self.pool.submit(f, item)

        yield from _bounded(submit, fn, items, in_flight=self.workers * 2)


def _can_fork() -> bool:
    """Forking is safe here: Linux (fork is not safe on macOS), and this is the only thread (a
    thread holding a lock at the fork, such as a progress display's writing to the terminal,
    leaves it held forever in the child)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


WARM_UP_TEXT = ("US forces carried out an air strike on a militia base near Al Qaim in Anbar province on "
                "Sunday, killing 16 fighters, Iraqi officials said.")


def warm_up(settings: Settings) -> None:
    """Every per-document stage once, on a short text file and a short HTML page, under
    ``settings``: what a worker loads on its first batch (imports, the spaCy model, lexicons,
    the actor registry, the gazetteer), loaded here before the workers are forked.  What it loaded
    is then moved out of the collector's generations, as ``annotate.load_parser`` does for the
    model: the workers' collections do not walk it (nor copy its pages to write its GC headers)."""
    from conflictwire.pipeline.read import make_document

    process_batch([make_document("warm-up.txt", "text", WARM_UP_TEXT, "utf-8"),
                   make_document("warm-up.html", "html", f"<html><body><article><p>{WARM_UP_TEXT}</p></article>"
                                 "</body></html>", "utf-8")], settings)
    gc.collect()
    gc.freeze()


class DaskExecutor:
    """Batches on a Dask distributed cluster (models load once per worker process)."""

    def __init__(self, scheduler: str | None = None, client: Any = None) -> None:
        self.scheduler = scheduler
        self.client = client
        self._own_client = client is None

    def __enter__(self) -> "DaskExecutor":
        if self.client is None:
            from distributed import Client

            self.client = Client(self.scheduler, timeout="20s")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own_client and self.client is not None:
            self.client.close()

    def map_ordered(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        # nthreads() asks the scheduler; scheduler_info() may hand back a cached identity whose
        # worker list a periodic refresh has emptied (distributed 2026.x), starving the cluster.
        threads = max(1, sum(self.client.nthreads().values()))
        yield from _bounded(lambda f, x: self.client.submit(f, x, pure=False), fn, items, in_flight=threads * 2)


def _bounded(submit: Callable[..., Future], fn: Callable[[Any], Any], items: Iterable[Any],
             in_flight: int) -> Iterator[Any]:
    """Submit lazily, keep at most ``in_flight`` batches pending, yield results in order."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(submit(fn, item))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# ---------------------------------------------------------------------------- ingest


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Sequence[str | Path],
    store: Any,
    *,
    published: date | None = None,
    outlet: str | None = None,
    executor: Any = None,
    limits: Any = None,
    command_line: str = "ingest",
    on_document: Callable[[Document, str], None] | None = None,
    merge: bool = True,
    path_root: str | Path | None = None,
    settings: Settings | None = None,
) -> IngestSummary:
    """Read, process and store inputs, then merge; the one entry point the CLI and API share.

    ``path_root``: store document paths relative to this folder (an upload's temporary folder is
    nobody's business).  ``settings`` (default: the active ones, else built from the environment)
    are handed to every batch, whichever executor runs it; the parent's own work (storing, merging)
    runs under them too.  ``executor`` defaults to the one the settings name.
    """
    settings = settings or active_or_build()
    with settings.active():
        return _ingest(paths, store, settings, published=published, outlet=outlet, executor=executor,
                       limits=limits, command_line=command_line, on_document=on_document, merge=merge,
                       path_root=path_root)


def _ingest(paths: Sequence[str | Path], store: Any, settings: Settings, *, published: date | None,
            outlet: str | None, executor: Any, limits: Any, command_line: str,
            on_document: Callable[[Document, str], None] | None, merge: bool,
            path_root: str | Path | None) -> IngestSummary:
    from conflictwire.pipeline.merge import run_merge
    from conflictwire.pipeline.read import ReadLimits, iter_inputs

    summary = IngestSummary()
    run_id = store.start_run(command_line)
    executor = executor or executor_for(settings)
    limits = limits or ReadLimits(max_file_bytes=settings.max_file_mb * 1024 * 1024)
    run_batch = functools.partial(process_batch, settings=settings)
    rederive: set[str] = set()  # stored pages to derive again with the date or outlet given now

    def new_documents() -> Iterator[Document]:
        for batch in _batches(_report_problems(iter_inputs(paths, published=published, outlet=outlet,
                                                            limits=limits), store, run_id, summary), 64):
            known = store.known_hashes(d.content_hash for d in batch)
            for document in batch:
                summary.documents_seen += 1
                if path_root is not None:
                    document.path = os.path.relpath(document.path, path_root)
                if document.content_hash in known and (published or outlet):
                    from conflictwire.store.rederive import keep_given

                    keep_given(store, document)
                    rederive.add(document.content_hash)
                elif document.content_hash in known:
                    summary.documents_skipped += 1
                    if on_document:
                        on_document(document, "unchanged")
                    continue
                yield document

    if not (isinstance(executor, LocalExecutor) and executor.workers == 1):
        _build_gazetteer_once(settings)
    with executor:
        for results in executor.map_ordered(run_batch, _batches(new_documents(), settings.batch_documents)):
            for result in results:
                if result.document.content_hash in rederive:
                    status = _rederive(result, store, run_id, summary)
                else:
                    _write(result, store, run_id, summary)
                    status = "failed" if result.failed else "stored"
                if on_document:
                    on_document(result.document, status)
    if merge:
        # A re-derived page removed reports the stored events were merged from (and counted actors
        # of): only a full recompute gives what merging the store from scratch gives.
        summary.blocks_merged = run_merge(store, rebuild=summary.documents_rederived > 0)
    store.finish_run(run_id, new=summary.documents_new, skipped=summary.documents_skipped,
                     problems=len(summary.problems))
    return summary


def _build_gazetteer_once(settings: Settings) -> None:
    """Build the gazetteer index of the settings' knowledge here, before the workers start, so
    they open one index instead of each building the same one (5 s of CPU per worker)."""
    from conflictwire.gazetteer import gazetteer_for

    gazetteer_for(settings.knowledge, settings.cache_dir)


def _report_problems(items: Iterable[Document | ReadProblem], store: Any, run_id: str,
                     summary: IngestSummary) -> Iterator[Document]:
    for item in items:
        if isinstance(item, ReadProblem):
            summary.problems.append(item)
            store.record_problem(run_id, item)
        else:
            yield item


def _rederive(result: DocumentResult, store: Any, run_id: str, summary: IngestSummary) -> str:
    """A stored page again, with --published/--outlet: replaced when that changes its articles."""
    from conflictwire.store.rederive import attribution_of, replace_document, stored_attribution

    if result.failed or stored_attribution(store, result.document.document_id) == attribution_of(result):
        summary.documents_skipped += 1
        return "unchanged"
    replace_document(store, result, run_id)
    summary.documents_rederived += 1
    _count(result, summary)
    return "re-dated"


def _write(result: DocumentResult, store: Any, run_id: str, summary: IngestSummary) -> None:
    if result.failed:
        # Not stored, so the next run retries it; the message says what broke.
        problem = ReadProblem(result.document.path, "; ".join(result.warnings), "error")
        summary.problems.append(problem)
        store.record_problem(run_id, problem)
        return
    if not store.write_document(result, run_id):
        summary.documents_skipped += 1
        return
    summary.documents_new += 1
    _count(result, summary)


def _count(result: DocumentResult, summary: IngestSummary) -> None:
    path = result.document.path
    summary.notices.extend(ReadProblem(path, message.removeprefix(f"{path}: "), "warning")
                           for message in result.warnings)
    summary.articles += len(result.articles)
    summary.warnings += len(result.warnings) + sum(len(a.warnings) for a in result.articles)
    for extraction in result.extractions:
        summary.mentions += len(extraction.mentions)
        summary.statements += len(extraction.statements)
        summary.tallies += len(extraction.tallies)
        summary.warnings += len(extraction.warnings)
