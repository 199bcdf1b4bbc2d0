"""The Python API for notebooks: ``conflictwire.open(db).events(...)`` -> pandas DataFrame."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conflictwire.store.db import EventFilter, Store


class Dataset:
    """A conflictwire database opened for reading (and ingesting)."""

    def __init__(self, db: str | None = None) -> None:
        self.store = Store(db)

    def events(self, *, date_from: str | None = None, date_to: str | None = None, country: str | None = None,
               actor: str | None = None, type: str | None = None, text: str | None = None,
               limit: int | None = None) -> Any:
        """Events as a pandas DataFrame (nested claims and sources stay lists of dicts)."""
        import pandas as pd

        f = EventFilter(date_from=date_from, date_to=date_to, country=country, actor=actor, event_type=type,
                        text=text)
        return pd.DataFrame.from_records(list(self.store.iter_events(f, limit=limit)),
                                         columns=_columns("events"))

    def statements(self) -> Any:
        import pandas as pd

        return pd.DataFrame.from_records(list(self.store.iter_statements()), columns=_columns("statements"))

    def tallies(self) -> Any:
        import pandas as pd

        return pd.DataFrame.from_records(list(self.store.iter_tallies()), columns=_columns("tallies"))

    def articles(self) -> Any:
        import pandas as pd

        return pd.DataFrame.from_records(list(self.store.iter_articles()), columns=_columns("articles"))

    def event(self, event_id: str) -> dict[str, Any] | None:
        return self.store.get_event(event_id)

    def ingest(self, paths: Sequence[str | Path], **options: Any) -> Any:
        from conflictwire.ingest import ingest

        return ingest(paths, self.store, **options)


def _columns(kind: str) -> list[str]:
    from conflictwire.export import _empty_header
    from conflictwire.store.db import EVENT_FIELDS

    return list(EVENT_FIELDS) if kind == "events" else _empty_header(kind)


def open(db: str | None = None) -> Dataset:  # noqa: A001 - the documented name
    return Dataset(db)
