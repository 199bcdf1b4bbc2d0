"""Idempotency, determinism and crash safety of ``conflictwire ingest``, through the real command line.

* The same corpus ingested once (one worker) is the reference.  Ingesting it again in another
  order, split over two runs that overlap, with two worker processes, must give byte-identical
  exports (events as jsonl/csv/acled-csv, statements, tallies, articles).
* An ingest killed with SIGKILL after some documents are written, then run again, must end with
  the same exports as an uninterrupted run, no partial document, and a sound SQLite file.

The corpus is short reports written for these tests (tests/fixtures/hostile/reports.jsonl), each
in two wordings, so the merge sees several reports of one event.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).with_name("conflictwire"))
FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
EXPORTS = [("events", "jsonl"), ("events", "csv"), ("events", "acled-csv"), ("statements", "jsonl"),
           ("tallies", "jsonl"), ("articles", "jsonl")]
# the caller's environment (shared gazetteer cache), without a default database
ENV = {k: v for k, v in os.environ.items() if k != "CONFLICTWIRE_DB"}


def write_corpus(folder: Path) -> list[Path]:
    """Every fixture report as a .txt page, plus a second wording from another desk."""
    folder.mkdir(parents=True)
    paths = []
    for line in (FIXTURES / "reports.jsonl").read_text().splitlines():
        report = json.loads(line)
        first = folder / f"{report['name']}.txt"
        first.write_text(report["text"] + "\n")
        second = folder / f"{report['name']}_desk2.txt"
        second.write_text(report["text"].replace(" said.", " told reporters.", 1) + "\nReporting by the night desk.\n")
        paths += [first, second]
    return sorted(paths)


def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([CLI, *args], capture_output=True, text=True, env=ENV, timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def exports(db: str) -> dict[str, str]:
    """Every export the tests compare, read in-process (the ingest is what runs as a command)."""
    from conflictwire.export import export_to_string
    from conflictwire.store.db import Store

    store = Store(db)
    try:
        found = {f"{kind}.{fmt}": export_to_string(store, kind, fmt) for kind, fmt in EXPORTS}
        found["actors"] = json.dumps(store.actors(unknown_only=False), sort_keys=True)
    finally:
        store.dispose()
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "pages")


@pytest.fixture(scope="module")
def reference_db(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'cw.db'}"
    result = cli("ingest", str(corpus[0].parent), "--db", db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def reference(reference_db: str) -> dict[str, str]:
    found = exports(reference_db)
    assert found["events.jsonl"].count("\n") >= 5 and found["statements.jsonl"] and found["tallies.jsonl"]
    return found


def assert_same_exports(found: dict[str, str], reference: dict[str, str]) -> None:
    for name in reference:
        assert found[name] == reference[name], f"{name} differs from the reference run"


def test_reingest_changes_nothing(corpus, reference, reference_db):
    again = cli("ingest", str(corpus[0].parent), "--db", reference_db)
    assert again.returncode == 0 and f"0 new, {len(corpus)} unchanged" in again.stdout
    assert_same_exports(exports(reference_db), reference)


def test_other_order_two_overlapping_runs_and_two_workers_give_identical_exports(corpus, reference, tmp_path):
    db = f"sqlite:///{tmp_path / 'cw.db'}"
    shuffled = [str(p) for p in corpus]
    random.Random(8).shuffle(shuffled)
    half = len(shuffled) // 2
    first = cli("ingest", *shuffled[:half], "--db", db, "--workers", "2")
    second = cli("ingest", *reversed(shuffled[half - 3:]), *shuffled[:2], "--db", db, "--workers", "2")
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert_same_exports(exports(db), reference)


def _documents_written(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as c:
            return c.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:  # not created yet, or the schema is being migrated
        return 0


def test_sigkill_mid_ingest_then_rerun_equals_an_uninterrupted_run(corpus, reference, tmp_path):
    db_path = tmp_path / "cw.db"
    db = f"sqlite:///{db_path}"
    kill_after = random.Random().randint(1, len(corpus) - 2)
    process = subprocess.Popen([CLI, "ingest", str(corpus[0].parent), "--db", db], env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while _documents_written(db_path) < kill_after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    written = _documents_written(db_path)
    assert kill_after <= written, "the ingest ended before it could be killed"

    with sqlite3.connect(db_path) as c:
        assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert c.execute("pragma foreign_key_check").fetchall() == []
        # one transaction per document: every stored page has its articles (each corpus page has one)
        orphans = c.execute("select count(*) from documents d where not exists "
                            "(select 1 from articles a where a.document_id = d.document_id)").fetchone()[0]
        assert orphans == 0

    rerun = cli("ingest", str(corpus[0].parent), "--db", db)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(corpus) - written} new, {written} unchanged" in rerun.stdout
    assert_same_exports(exports(db), reference)
