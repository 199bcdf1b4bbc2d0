"""A real Dask cluster (two worker processes) stores exactly what a local run stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflictwire import ingest as ingest_module
from conflictwire.export import export_to_string
from conflictwire.ingest import DaskExecutor, LocalExecutor, ingest
from conflictwire.store.db import Store

distributed = pytest.importorskip("distributed")

SCALE = Path(__file__).parent / "fixtures" / "scale"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None, silence_logs=40)
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_dask_cluster_stores_the_same_events_and_articles_as_a_local_run(
        tmp_path: Path, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # One document per batch, so both workers get work and results come back out of order.
    monkeypatch.setattr(ingest_module, "BATCH_DOCUMENTS", 1)
    local = Store(f"sqlite:///{tmp_path / 'local.db'}")
    local_summary = ingest([SCALE], local, executor=LocalExecutor(1))
    remote = Store(f"sqlite:///{tmp_path / 'dask.db'}")
    remote_summary = ingest([SCALE], remote, executor=DaskExecutor(client=client))

    assert remote_summary.documents_new == local_summary.documents_new == 4
    assert remote_summary.problems == []
    assert len(client.scheduler_info()["workers"]) == 2
    events = export_to_string(remote, "events", "jsonl")
    assert events.strip(), "the fixtures report events: the export must not be empty"
    assert events == export_to_string(local, "events", "jsonl")
    assert export_to_string(remote, "articles", "jsonl") == export_to_string(local, "articles", "jsonl")


def test_reingest_through_dask_skips_unchanged_documents(tmp_path: Path, client: Any) -> None:
    store = Store(f"sqlite:///{tmp_path / 'again.db'}")
    ingest([SCALE], store, executor=DaskExecutor(client=client))
    before = export_to_string(store, "events", "jsonl")
    again = ingest([SCALE], store, executor=DaskExecutor(client=client))
    assert (again.documents_new, again.documents_skipped) == (0, 4)
    assert export_to_string(store, "events", "jsonl") == before
