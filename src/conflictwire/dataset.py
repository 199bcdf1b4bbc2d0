"""The Python API for notebooks: ``conflictwire.open(db).events(...)`` -> pandas DataFrame."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conflictwire.pipeline.actors import actor_names
from conflictwire.settings import Settings
from conflictwire.store.db import EventFilter, Store


class Dataset:
    """A conflictwire database opened for reading (and ingesting), with the ``Settings`` it was
    opened with: its knowledge folders reach every worker of ``ingest``."""

    def __init__(self, db: str | None = None, *, knowledge: Sequence[str | Path] = (),
                 settings: Settings | None = None, **options: Any) -> None:
        self.settings = settings or Settings.build(db=db, knowledge=knowledge, **options)
        self.store = Store(self.settings.db)

    def events(self, *, date_from: str | None = None, date_to: str | None = None, country: str | None = None,
               actor: str | None = None, type: str | None = None, text: str | None = None,
               limit: int | None = None) -> Any:
        """Events as a pandas DataFrame (nested claims and sources stay lists of dicts)."""
        import pandas as pd

        with self.settings.active():  # an actor alias from the knowledge folders finds its events
            names = actor_names(actor) if actor else None
        f = EventFilter(date_from=date_from, date_to=date_to, country=country, actor=names, event_type=type,
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

    # ---- analysts' corrections (pipeline/decisions.py): each returns {"decision": ..., "events": [ids]}

    def merge(self, *event_ids: str, why: str | None = None, by: str | None = None) -> dict[str, Any]:
        """These events are one event, from now on and after every re-run."""
        from conflictwire.pipeline.decisions import merge_events

        return merge_events(self.store, list(event_ids), why=why, author=by)

    def split(self, event_id: str, reports: Sequence[str], *, why: str | None = None, by: str | None = None
              ) -> dict[str, Any]:
        """The chosen reports (mention or article ids) of the event are an event of their own."""
        from conflictwire.pipeline.decisions import split_event

        return split_event(self.store, event_id, list(reports), why=why, author=by)

    def reject(self, event_id: str, reason: str, *, why: str | None = None, by: str | None = None) -> dict[str, Any]:
        """The event is not one to keep, for the reason given."""
        from conflictwire.pipeline.decisions import reject_event

        return reject_event(self.store, event_id, reason, why=why, author=by)

    def edit(self, event_id: str, *, why: str | None = None, by: str | None = None, **changes: Any) -> dict[str, Any]:
        """Set fields: event_date, place, actor1, actor2, sub_event_type, fatalities, injuries, responsibility."""
        from conflictwire.pipeline.decisions import edit_event

        return edit_event(self.store, event_id, changes, why=why, author=by)

    def undo(self, decision_id: str, *, by: str | None = None) -> dict[str, Any]:
        from conflictwire.pipeline.decisions import undo_decision

        return undo_decision(self.store, decision_id, author=by)

    def decisions(self, *, include_undone: bool = False) -> Any:
        """The decisions as a DataFrame, in the order they apply, with each one's status."""
        import pandas as pd

        from conflictwire.store.decisions import listed

        return pd.DataFrame.from_records(listed(self.store, include_undone=include_undone),
                                         columns=_columns("decisions"))

    def ingest(self, paths: Sequence[str | Path], **options: Any) -> Any:
        """Ingest ``paths`` under this dataset's settings (workers, executor, knowledge)."""
        from conflictwire.ingest import ingest

        return ingest(paths, self.store, settings=self.settings, **options)


def _columns(kind: str) -> list[str]:
    from conflictwire.export import _empty_header
    from conflictwire.store.db import EVENT_FIELDS

    return list(EVENT_FIELDS) if kind == "events" else _empty_header(kind)


def open(db: str | None = None, *, knowledge: Sequence[str | Path] = (),  # noqa: A001 - the documented name
         settings: Settings | None = None, **options: Any) -> Dataset:
    return Dataset(db, knowledge=knowledge, settings=settings, **options)
