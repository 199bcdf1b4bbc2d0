"""A real Dask cluster (two worker processes) stores exactly what a local run stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import KNOWLEDGE_PUBLISHED, assert_every_event_uses_the_knowledge, write_knowledge_scenario

from conflictwire.export import export_to_string
from conflictwire.ingest import DaskExecutor, LocalExecutor, ingest
from conflictwire.settings import Settings
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


def test_dask_cluster_stores_the_same_events_and_articles_as_a_local_run(tmp_path: Path, client: Any) -> None:
    # One document per batch, so both workers get work and results come back out of order.
    one_per_batch = Settings.build(batch_documents=1)
    local = Store(f"sqlite:///{tmp_path / 'local.db'}")
    local_summary = ingest([SCALE], local, executor=LocalExecutor(1), settings=one_per_batch)
    remote = Store(f"sqlite:///{tmp_path / 'dask.db'}")
    remote_summary = ingest([SCALE], remote, executor=DaskExecutor(client=client), settings=one_per_batch)

    assert remote_summary.documents_new == local_summary.documents_new == 4
    assert remote_summary.problems == []
    assert len(client.nthreads()) == 2, "a worker died during the run"
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


def test_the_knowledge_folder_reaches_the_dask_workers(tmp_path: Path, client: Any) -> None:
    folder, reports = write_knowledge_scenario(tmp_path)
    settings = Settings.build(knowledge=[folder], cache_dir=tmp_path / "cache", batch_documents=1)
    store = Store(f"sqlite:///{tmp_path / 'knowledge.db'}")
    summary = ingest([reports], store, executor=DaskExecutor(client=client), settings=settings,
                     published=KNOWLEDGE_PUBLISHED)
    assert (summary.documents_new, summary.problems) == (6, [])
    assert_every_event_uses_the_knowledge(store)
