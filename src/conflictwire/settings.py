"""One picklable ``Settings`` for a run: database, knowledge folders, cache folder, options.

The CLI and the Python API (``conflictwire.open``, ``ingest``) build it once; ``ingest``
hands it to every executor and worker with each batch (``process_batch(batch, settings)``),
as a pipeline framework hands each step its configuration.  Nothing is read from module
globals: environment variables ($CONFLICTWIRE_DB, $CONFLICTWIRE_KNOWLEDGE, $CONFLICTWIRE_CACHE)
are read once, when a ``Settings`` is built.

While a stage runs, the settings it was handed are *active* (``with settings.active():``), so
the helpers deep inside a stage reach the lexicons, the actor registry and the gazetteer of
those settings through ``current()`` / ``knowledge()``; each of those is cached by the
``Knowledge`` it was built from.  Outside any run (a notebook calling a stage directly),
``current()`` is the settings the environment describes.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

from conflictwire.knowledge import Knowledge, KnowledgeError

DB_ENV = "CONFLICTWIRE_DB"
KNOWLEDGE_ENV = "CONFLICTWIRE_KNOWLEDGE"  # folders separated by os.pathsep
CACHE_ENV = "CONFLICTWIRE_CACHE"
DEFAULT_DB = "sqlite:///conflictwire.db"
BATCH_DOCUMENTS = 16  # documents per batch sent to a worker: spaCy sees their articles at once


@dataclass(frozen=True)
class Settings:
    """Everything a run is configured by; frozen and picklable (it travels to worker processes)."""

    db: str = DEFAULT_DB
    knowledge: Knowledge = field(default_factory=Knowledge.of)
    cache_dir: str = ""
    workers: int = 1  # local worker processes
    executor: str = "local"  # local or dask
    scheduler: str | None = None  # Dask scheduler address
    max_file_mb: int = 50  # inputs larger than this are rejected
    batch_documents: int = BATCH_DOCUMENTS

    @classmethod
    def build(cls, *, db: str | None = None, knowledge: Iterable[str | Path] = (),
              cache_dir: str | Path | None = None, **options) -> "Settings":
        """Settings from explicit values, then the environment, then defaults.

        ``knowledge`` folders come after those of $CONFLICTWIRE_KNOWLEDGE (so the command line
        wins over the environment); a missing folder raises ``KnowledgeError`` naming it.
        """
        from_env = [p for p in os.environ.get(KNOWLEDGE_ENV, "").split(os.pathsep) if p]
        for folder in from_env:
            if not Path(folder).expanduser().is_dir():
                raise KnowledgeError(f"${KNOWLEDGE_ENV}: {folder}: no such knowledge folder")
        return cls(db=db or os.environ.get(DB_ENV) or DEFAULT_DB,
                   knowledge=Knowledge.of([*from_env, *knowledge]),
                   cache_dir=str(cache_dir or os.environ.get(CACHE_ENV) or _default_cache()), **options)

    def with_options(self, **changes) -> "Settings":
        return replace(self, **changes)

    @contextlib.contextmanager
    def active(self) -> Iterator["Settings"]:
        """Make these the settings that stage helpers see (this thread / task only)."""
        token = _active.set(self)
        try:
            yield self
        finally:
            _active.reset(token)


def _default_cache() -> str:
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "conflictwire")


_active: ContextVar[Settings | None] = ContextVar("conflictwire_settings", default=None)


def current() -> Settings:
    """The active settings, else the process's default ones (a stage called on its own)."""
    found = _active.get()
    return found if found is not None else _process_default()


def active_or_build() -> Settings:
    """The active settings, else settings built now from the environment: what an entry point
    (``ingest``, ``process_batch``) given no settings runs under."""
    found = _active.get()
    return found if found is not None else Settings.build()


def knowledge() -> Knowledge:
    """The knowledge of the active settings: what lexicons, registry and gazetteer are built from."""
    found = _active.get()
    return (found if found is not None else _process_default()).knowledge


@functools.lru_cache(maxsize=1)
def _process_default() -> Settings:
    """Settings from the environment as it was when first needed; for helpers called outside
    any run (tests, notebooks calling one stage).  Every entry point builds its own."""
    return Settings.build()
