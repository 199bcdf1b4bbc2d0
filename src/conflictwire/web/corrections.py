"""The JSON API of analysts' corrections: merge, split, reject, edit, list and undo decisions.

The same operations as `conflictwire edit` and `conflictwire decisions` (pipeline/decisions.py).
Who may call them is web/guard.py's business (token-less on a loopback address).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, HTTPException
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from conflictwire.pipeline import decisions as curation
from conflictwire.store import decisions as stored

EventId = Annotated[str, PathParam(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class Why(BaseModel):
    why: str | None = Field(None, max_length=2000, description="why: kept with the decision")
    by: str | None = Field(None, max_length=128, description="who decides (default: workbench)")


class MergeBody(Why):
    event_ids: list[Id] = Field(..., min_length=2, max_length=50)


class SplitBody(Why):
    reports: list[Id] = Field(..., min_length=1, max_length=500,
                              description="mention ids, or article ids meaning all that article's reports")


class RejectBody(Why):
    reason: str = Field(..., min_length=1, max_length=200,
                        description="not an event, duplicate, wrong theatre, wrong date, background mention, "
                                    "hedged, other")


class EditBody(Why):
    changes: dict[str, Any] = Field(..., description="event_date, place ({query, place_id} or {latitude, "
                                                     "longitude, name?, country_code?}), actor1, actor2, "
                                                     "sub_event_type, fatalities, injuries, responsibility")


def _run(action: Any) -> dict[str, Any]:
    try:
        return action()
    except curation.DecisionError as exc:
        message = str(exc)
        raise HTTPException(404 if message.startswith(("no event", "no active decision")) else 422,
                            message) from None


def add_correction_routes(app: FastAPI, store: Any) -> None:
    @app.post("/api/events/merge", tags=["corrections"])
    def merge(body: MergeBody) -> dict[str, Any]:
        """These events are one event (kept across re-runs)."""
        return _run(lambda: curation.merge_events(store, body.event_ids, why=body.why, author=body.by or "workbench"))

    @app.post("/api/events/{event_id}/split", tags=["corrections"])
    def split(event_id: EventId, body: SplitBody) -> dict[str, Any]:
        """The chosen reports of the event are an event of their own."""
        return _run(lambda: curation.split_event(store, event_id, body.reports, why=body.why,
                                                 author=body.by or "workbench"))

    @app.post("/api/events/{event_id}/reject", tags=["corrections"])
    def reject(event_id: EventId, body: RejectBody) -> dict[str, Any]:
        """The event is not one to keep: its reports leave the dataset."""
        return _run(lambda: curation.reject_event(store, event_id, body.reason, why=body.why,
                                                  author=body.by or "workbench"))

    @app.post("/api/events/{event_id}/edit", tags=["corrections"])
    def edit(event_id: EventId, body: EditBody) -> dict[str, Any]:
        """Set or fix the event's date, place, actors, sub-type, toll or responsibility."""
        return _run(lambda: curation.edit_event(store, event_id, body.changes, why=body.why,
                                                author=body.by or "workbench"))

    @app.get("/api/decisions", tags=["corrections"])
    def list_decisions(all: bool = False) -> dict[str, Any]:
        """Decisions in the order they apply, each with its status (applied, partial, orphaned)."""
        return {"items": stored.listed(store, include_undone=all)}

    @app.post("/api/decisions/{decision_id}/undo", tags=["corrections"])
    def undo(decision_id: EventId, body: Why | None = None) -> dict[str, Any]:
        """Undo a decision (kept in the record as undone)."""
        who = (body.by if body else None) or "workbench"
        return {"decision": _run(lambda: curation.undo_decision(store, decision_id, author=who))}
