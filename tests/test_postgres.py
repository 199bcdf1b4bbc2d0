"""PostgreSQL: the same results as SQLite, safe concurrent ingest, and the CLI on a postgresql:// URL."""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path

from conflictwire.export import export_to_string
from conflictwire.ingest import ingest
from conflictwire.store.db import Store

SCALE = Path(__file__).parent / "fixtures" / "scale"
KINDS = ("events", "articles", "statements", "tallies")


def test_postgresql_store_exports_exactly_what_sqlite_exports(pg_url: str, tmp_path: Path) -> None:
    lite = Store(f"sqlite:///{tmp_path / 'cw.db'}")
    pg = Store(pg_url)
    ingest([SCALE], lite)
    ingest([SCALE], pg)
    assert export_to_string(pg, "events", "jsonl").strip()
    for kind in KINDS:
        assert export_to_string(pg, kind, "jsonl") == export_to_string(lite, kind, "jsonl"), kind
    pg.dispose()


def _ingest_in_process(url: str, paths: list[str]) -> None:
    ingest(paths, Store(url))


def test_concurrent_ingest_of_overlapping_inputs_stores_nothing_twice(pg_url: str, tmp_path: Path) -> None:
    files = sorted(SCALE.iterdir())
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, chosen in ((first, files[:3]), (second, files[1:])):  # files[1:3] go to both
        folder.mkdir()
        for path in chosen:
            shutil.copy(path, folder / path.name)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_ingest_in_process, args=(pg_url, [str(folder)]))
               for folder in (first, second)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=240)
        assert worker.exitcode == 0
    together = Store(pg_url)

    alone = Store(f"sqlite:///{tmp_path / 'alone.db'}")
    ingest([SCALE], alone)
    counts, expected = together.counts(), alone.counts()
    for table in ("documents", "articles", "mentions", "events", "statements", "tallies"):
        assert counts[table] == expected[table], table
    assert counts["documents"] == 4
    # Every stored event report is in exactly one event.
    assert _events_without_paths(together) == _events_without_paths(alone)
    together.dispose()


def _events_without_paths(store: Store) -> list[tuple]:
    # The two runs read the same files from different folders: compare what was found, not where.
    return sorted((e["event_date"], e["sub_event_type"], e["location"], e["fatalities"], len(e["sources"]))
                  for e in store.iter_events())


def test_cli_ingests_into_and_exports_from_postgresql(pg_url: str, tmp_path: Path) -> None:
    url = pg_url.replace("postgresql+psycopg://", "postgresql://")  # what a user types
    cli = [str(Path(sys.executable).parent / "conflictwire")]
    done = subprocess.run([*cli, "ingest", str(SCALE), "--db", url], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "events.jsonl"
    done = subprocess.run([*cli, "export", "events", "-o", str(out), "--db", url], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == export_to_string(Store(pg_url), "events", "jsonl")
    assert out.read_text(encoding="utf-8").strip()
