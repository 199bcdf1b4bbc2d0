"""Local workers: forked warm from a parent that loaded the pipeline once, or spawned when forking is not safe."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

from conflictwire import ingest as ingest_mod
from conflictwire.ingest import LocalExecutor
from conflictwire.settings import Settings

# In a fresh interpreter: the test process may hold other tests' threads, and then no worker is forked.
FORKED = textwrap.dedent('''
    import datetime, functools, sys
    from conflictwire import ingest as ingest_mod
    from conflictwire.ingest import LocalExecutor, process_batch
    from conflictwire.models import to_plain
    from conflictwire.pipeline.read import make_document
    from conflictwire.settings import Settings

    texts = [
        "Militants killed four soldiers in an attack on a checkpoint near Mosul on Sunday, police said.",
        "An air strike hit a market in Idlib on Tuesday, killing 12 civilians, a monitor said.",
        "Protesters gathered in Basra on Friday to demand jobs and electricity.",
        "Gunmen abducted two aid workers in Maiduguri on Monday, the army said.",
    ]
    batches = [[make_document(f"report-{i}.txt", "text", text, "utf-8")] for i, text in enumerate(texts)]
    for batch in batches:
        batch[0].given_published = datetime.date(2024, 2, 5)
    settings = Settings.build(db="sqlite:///" + sys.argv[1], cache_dir=sys.argv[2], workers=2)
    plain = lambda results: [[to_plain(e.mentions) for e in r.extractions] for batch in results for r in batch]
    warmed = []
    real_warm_up = ingest_mod.warm_up
    ingest_mod.warm_up = lambda s: warmed.append(s) or real_warm_up(s)
    with LocalExecutor(2, settings=settings) as executor:
        pooled = plain(executor.map_ordered(functools.partial(process_batch, settings=settings), batches))
        method = executor.pool._mp_context.get_start_method()
    alone = plain(process_batch(batch, settings) for batch in batches)
    print(method, warmed == [settings], pooled == alone, sum(len(m) for r in alone for m in r))
''')


def test_forked_workers_give_what_one_process_gives(tmp_path) -> None:
    run = subprocess.run([sys.executable, "-c", FORKED, str(tmp_path / "x.db"), str(tmp_path / "cache")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    method, warmed, same, mentions = run.stdout.split()
    assert (method, warmed, same) == ("fork", "True", "True") and int(mentions) >= 3


def test_workers_are_spawned_while_another_thread_runs(tmp_path) -> None:
    settings = Settings.build(db=f"sqlite:///{tmp_path / 'x.db'}", cache_dir=tmp_path / "cache", workers=2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not ingest_mod._can_fork()
        executor = LocalExecutor(2, settings=settings)
        with executor:
            assert list(executor.map_ordered(len, [[1], [1, 2]])) == [1, 2]
            assert executor.pool._mp_context.get_start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_a_reingest_of_nothing_new_starts_no_workers() -> None:
    executor = LocalExecutor(2, settings=Settings.build())
    with executor:
        assert list(executor.map_ordered(len, [])) == []
        assert executor.pool is None
