"""Evaluation: score what the store holds against a hand-written gold file.

Approach
--------
* **Gold** (YAML, or JSON Lines with one document per line) lists documents — a file path
  relative to the gold file, ``${SAMPLES}/...`` (the bundled corpus) or ``${SHARED}/...``
  (the shared development data, one record chosen by ``record``) — and for each the
  articles, events, statements and tallies a careful reader finds, the sentences that must
  not give events and the page chrome that must not leak into article text.  The header
  holds the matching tolerances.  The format is documented in ``docs/evaluation.md``; every
  load error names the gold file and the line of the offending entry.
* **System records** are read back through the store (``iter_events`` & co.) and grouped by
  document: a gold document is found in the store by the content hash of what the reader
  makes of it, so a database ingested from another folder still matches.  Documents the
  store lacks are ingested first (into a temporary SQLite file when no ``--db`` is given).
* **Matching** is per document, one-to-one and greedy by score: every eligible
  (gold, system) pair gets a score, pairs are taken best first (ties broken by gold order,
  then system id), so the same inputs always give the same matching.
* **Scores** are counts (TP/FP/FN) per field, summed over documents, then precision,
  recall and F1.  A field is scored only where the gold annotates it; a false event costs
  precision on every field it fills, a missed event costs recall on every field the gold
  annotates.  ``docs/evaluation.md`` defines each count so that an independent scorer
  gets the same numbers.

Where each part lives:

- ``gold``: the gold model and loading it (``load_gold``, ``GoldError``);
- ``system``: the reader's inputs per gold document, ingesting what the store lacks, and the
  store's records read back per document (through ``Store.documents_by_content_hash``);
- ``matching``: comparing and pairing records with gold, and counting (``score``);
- ``records``: the counts and scores that come out (``Count``, ``Scores``, ...);
- ``report``: the console tables and the Markdown/HTML report;
- this module: ``evaluate_gold`` (the library entry point) and ``run_evaluation`` (the command).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from conflictwire.evaluate.gold import SHARED_ENV, Gold, GoldError, load_gold, shared_folder
from conflictwire.evaluate.matching import score
from conflictwire.evaluate.records import Count, Finding, Ratio, Scores, SystemDocument
from conflictwire.evaluate.report import print_scores, render_report
from conflictwire.evaluate.system import ensure_ingested, load_system, prepare_inputs

__all__ = [
    "Count", "Finding", "Gold", "GoldError", "Ratio", "Scores", "SystemDocument", "evaluate_gold", "load_gold",
    "render_report", "run_evaluation", "score", "shared_folder",
]


def evaluate_gold(gold: Gold, store: Any) -> Scores:
    """Ingest what is missing, read the store back and score: the library entry point."""
    workdir = Path(tempfile.mkdtemp(prefix="conflictwire-eval-"))
    try:
        inputs = prepare_inputs(gold, workdir)
        ensure_ingested(store, inputs)
        return score(gold, load_system(store, gold, inputs))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_evaluation(gold: Path, db: str | None, report: Path | None, console: Any) -> Scores:
    """The `conflictwire evaluate` command: score, print the table, write the report.

    Raises GoldError (a ValueError) naming the gold file and line for a bad gold file.
    Without --db the documents are ingested into a temporary SQLite file.
    """
    from conflictwire.store.db import Store

    loaded = load_gold(gold)
    missing_shared = [d for d in loaded.documents if d.uses_shared and not d.path.exists()]
    if missing_shared:
        first = missing_shared[0]
        raise GoldError(f"{loaded.path}:{first.line}: document {first.id} needs the shared data folder "
                        f"({first.shown_path}); set ${SHARED_ENV} to the folder that holds data/")
    if report is not None and report.suffix.lower() not in (".md", ".html", ".htm"):
        raise GoldError(f"--report {report}: use a .md or .html file name")
    tmp: Path | None = None
    if db is None:
        tmp = Path(tempfile.mkdtemp(prefix="conflictwire-evaldb-"))
        db = f"sqlite:///{tmp / 'evaluate.db'}"
    store = Store(db)
    try:
        scores = evaluate_gold(loaded, store)
    finally:
        store.dispose()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print_scores(loaded, scores, console)
    if report is not None:
        report.write_text(render_report(loaded, scores, html_output=report.suffix.lower() in (".html", ".htm")),
                          encoding="utf-8")
        console.print(f"report written to {report}")
    return scores
