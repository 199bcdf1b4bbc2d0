"""One picklable Settings reaches every worker: a user's --knowledge folder is read in each of them."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import KNOWLEDGE_PUBLISHED, assert_every_event_uses_the_knowledge, write_knowledge_scenario

import conflictwire
from conflictwire.knowledge import Knowledge, KnowledgeError
from conflictwire.registry import get_registry
from conflictwire.settings import KNOWLEDGE_ENV, Settings, active_or_build
from conflictwire.store.db import Store


def test_the_knowledge_folder_reaches_two_local_worker_processes(tmp_path: Path) -> None:
    folder, reports = write_knowledge_scenario(tmp_path)
    dataset = conflictwire.open(f"sqlite:///{tmp_path / 'two.db'}", knowledge=[folder], workers=2,
                                cache_dir=tmp_path / "cache")
    summary = dataset.ingest([reports], published=KNOWLEDGE_PUBLISHED)
    assert (summary.documents_new, summary.problems) == (6, [])
    assert_every_event_uses_the_knowledge(dataset.store)
    assert set(dataset.events(actor="Example Companies")["location"]) == {"Zarqatiya"}


def test_the_cli_hands_its_knowledge_folder_to_its_workers(tmp_path: Path) -> None:
    folder, reports = write_knowledge_scenario(tmp_path)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    run = subprocess.run([sys.executable, "-m", "conflictwire.cli", "ingest", str(reports), "--db", db,
                          "--published", KNOWLEDGE_PUBLISHED.isoformat(), "--workers", "2", "--knowledge", str(folder)],
                         capture_output=True, text=True, env=_env(CONFLICTWIRE_CACHE=str(tmp_path / "cache")))
    assert run.returncode == 0, run.stderr
    assert_every_event_uses_the_knowledge(Store(db))


def test_settings_pickle_to_equal_settings_with_the_same_cache_key(tmp_path: Path) -> None:
    folder, _ = write_knowledge_scenario(tmp_path)
    settings = Settings.build(db="sqlite:///x.db", knowledge=[folder], workers=2)
    copy = pickle.loads(pickle.dumps(settings))
    assert copy == settings and hash(copy.knowledge) == hash(settings.knowledge)
    assert copy.knowledge.user_dirs == (str(folder.resolve()),)


def test_caches_are_keyed_by_the_knowledge_they_were_built_from(tmp_path: Path) -> None:
    folder, _ = write_knowledge_scenario(tmp_path)
    packaged, extended = Settings.build(), Settings.build(knowledge=[folder])
    with extended.active():
        assert get_registry().resolve("Example Companies").name == "Saraya Example"
    with packaged.active():
        assert get_registry().resolve("Example Companies") is None
    # an edited file is new knowledge: the registry is built again, not served stale
    (folder / "actors" / "militias.yaml").write_text(
        "actors:\n  - {name: Saraya Example, kind: militia, inter: 3, country: IQ, aliases: [Example Squads]}\n",
        encoding="utf-8")
    with Settings.build(knowledge=[folder]).active():
        assert get_registry().resolve("Example Squads").name == "Saraya Example"


def test_the_environment_variable_is_read_when_settings_are_built(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = write_knowledge_scenario(tmp_path)
    monkeypatch.setenv(KNOWLEDGE_ENV, str(folder))
    settings = Settings.build()
    assert settings.knowledge.user_dirs == (str(folder.resolve()),)
    assert active_or_build().knowledge == settings.knowledge
    monkeypatch.delenv(KNOWLEDGE_ENV)
    assert settings.knowledge.user_dirs == (str(folder.resolve()),)  # built once: the value stays
    assert active_or_build().knowledge == Knowledge.of()


def test_a_missing_knowledge_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KnowledgeError, match="nowhere: no such knowledge folder"):
        Settings.build(knowledge=[tmp_path / "nowhere"])
    monkeypatch.setenv(KNOWLEDGE_ENV, str(tmp_path / "gone"))
    with pytest.raises(KnowledgeError, match=r"\$CONFLICTWIRE_KNOWLEDGE: .*gone: no such knowledge folder"):
        Settings.build()


def _env(**extra: str) -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(Path(conflictwire.__file__).parents[1]), **extra}


def test_a_worker_without_the_knowledge_folder_says_so(tmp_path: Path) -> None:
    from conflictwire.ingest import process_batch

    folder, _ = write_knowledge_scenario(tmp_path)
    settings = Settings.build(knowledge=[folder])
    shutil.rmtree(folder)  # as on a Dask worker machine the folder was never copied to
    with pytest.raises(KnowledgeError, match="knowledge folder not found on this machine"):
        process_batch([], settings)
