"""Storing analysts' decisions and the curated events they make (see pipeline/decisions.py).

A decision names the reports (mentions) it concerns by their stable ids, never the events:
events are recomputed by every merge, mentions keep their ids across re-ingests.  Curated
events are written beside the machine's: the machine's events they replace stay stored,
marked ``superseded_by`` (the curated event's id, or ``rejected``), so the curation can be
recomputed from scratch after any merge, and undone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from conflictwire.store import schema as t

KINDS = ("merge", "split", "reject", "edit")
REJECTED = "rejected"  # superseded_by of a machine event whose every report an analyst rejected


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def add(store: Any, *, kind: str, mentions: list[str], fields: dict[str, Any] | None = None,
        why: str | None = None, author: str | None = None, event_ids: list[str] | None = None) -> dict[str, Any]:
    """Record one decision (not yet applied) and return it."""
    if kind not in KINDS:
        raise ValueError(f"unknown decision kind {kind!r}")
    row = dict(decision_id="d" + uuid.uuid4().hex[:15], kind=kind, mentions=sorted(set(mentions)),
               fields=fields or None, why=why or None, author=author or None, created_at=_now(),
               event_ids=event_ids or None, status=None, status_detail=None)
    with store.engine.begin() as c:
        seq = c.execute(select(func.coalesce(func.max(t.decisions.c.seq), 0))).scalar_one() + 1
        c.execute(insert(t.decisions).values(seq=seq, **row))
    return get(store, row["decision_id"]) or row


def get(store: Any, decision_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as c:
        row = c.execute(select(t.decisions).where(t.decisions.c.decision_id == decision_id)).first()
        return dict(row._mapping) if row else None


def listed(store: Any, *, include_undone: bool = False) -> list[dict[str, Any]]:
    """Decisions in the order they apply; undone ones only when asked."""
    query = select(t.decisions).order_by(t.decisions.c.seq)
    if not include_undone:
        query = query.where(t.decisions.c.undone_at.is_(None))
    with store.engine.connect() as c:
        return [dict(r._mapping) for r in c.execute(query)]


def undo(store: Any, decision_id: str, author: str | None = None) -> bool:
    """Mark a decision undone (kept for the record); False when there is no such active decision."""
    with store.engine.begin() as c:
        done = c.execute(update(t.decisions).where(t.decisions.c.decision_id == decision_id,
                                                   t.decisions.c.undone_at.is_(None))
                         .values(undone_at=_now(), undone_by=author or None))
        return bool(done.rowcount)


def current_event_id(store: Any, event_id: str) -> str | None:
    """The visible event an id stands for now: itself, or the curated event that replaced it."""
    with store.engine.connect() as c:
        for _ in range(4):
            row = c.execute(select(t.events.c.superseded_by).where(t.events.c.event_id == event_id)).first()
            if row is None or row[0] == REJECTED:
                return None
            if row[0] is None:
                return event_id
            event_id = row[0]
    return None


def event_mentions(store: Any, event_ids: list[str]) -> dict[str, list[str]]:
    """The reports of each event, by event id."""
    out: dict[str, list[str]] = {}
    with store.engine.connect() as c:
        for chunk in _chunks(sorted(set(event_ids))):
            rows = c.execute(select(t.event_sources.c.event_id, t.event_sources.c.mention_id)
                             .where(t.event_sources.c.event_id.in_(chunk)))
            for event_id, mention_id in rows:
                out.setdefault(event_id, []).append(mention_id)
    return {k: sorted(v) for k, v in out.items()}


def clear_curation(c: Any) -> None:
    """Remove every curated event and un-supersede the machine's: the events of the merge alone."""
    curated = [r[0] for r in c.execute(select(t.events.c.event_id).where(t.events.c.curated.is_(True)))]
    for chunk in _chunks(curated):
        c.execute(delete(t.event_sources).where(t.event_sources.c.event_id.in_(chunk)))
        c.execute(delete(t.claims).where(t.claims.c.event_id.in_(chunk)))
        c.execute(delete(t.events).where(t.events.c.event_id.in_(chunk)))
    c.execute(update(t.events).where(t.events.c.superseded_by.is_not(None)).values(superseded_by=None))


def machine_groups(c: Any, mention_ids: list[str]) -> dict[str, list[str]]:
    """The machine's events holding any of these reports, each with all its reports."""
    es = t.event_sources.c
    event_ids: set[str] = set()
    for chunk in _chunks(sorted(set(mention_ids))):
        event_ids.update(r[0] for r in c.execute(select(es.event_id).where(es.mention_id.in_(chunk)).distinct()))
    groups: dict[str, list[str]] = {}
    for chunk in _chunks(sorted(event_ids)):
        for event_id, mention_id in c.execute(select(es.event_id, es.mention_id).where(es.event_id.in_(chunk))):
            groups.setdefault(event_id, []).append(mention_id)
    return {k: sorted(v) for k, v in groups.items()}


def machine_records(c: Any, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for chunk in _chunks(sorted(set(event_ids))):
        for row in c.execute(select(t.events).where(t.events.c.event_id.in_(chunk))):
            out[row._mapping["event_id"]] = dict(row._mapping)
    return out


def mention_payloads(c: Any, mention_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Stored reports by id, with their article's outlet and date (as the merge reads them)."""
    m, a = t.mentions.c, t.articles.c
    out = {}
    for chunk in _chunks(sorted(set(mention_ids))):
        query = (select(m.payload, a.outlet, a.published, a.document_id, t.documents.c.path)
                 .join(t.articles, a.article_id == m.article_id)
                 .join(t.documents, t.documents.c.document_id == a.document_id)
                 .where(m.mention_id.in_(chunk)))
        for payload, outlet, published, document_id, path in c.execute(query):
            payload = dict(payload)
            payload["_outlet"], payload["_published"] = outlet, published
            payload["_document"], payload["_path"] = document_id, path
            out[payload["mention_id"]] = payload
    return out


def write_curation(c: Any, curated: list[dict[str, Any]], superseded: dict[str, str],
                   statuses: dict[str, tuple[str, str]]) -> None:
    """Insert the curated events, mark the machine's they replace, record each decision's status."""
    from conflictwire.store.db import _event_rows

    event_rows: list[dict[str, Any]] = []
    source_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    for record in curated:
        _event_rows(record, event_rows, source_rows, claim_rows)
    for table, rows in ((t.events, event_rows), (t.event_sources, source_rows), (t.claims, claim_rows)):
        for chunk in _chunks(rows, 1000):
            c.execute(insert(table), chunk)
    by_target: dict[str, list[str]] = {}
    for event_id, target in superseded.items():
        by_target.setdefault(target, []).append(event_id)
    for target, ids in by_target.items():
        for chunk in _chunks(sorted(ids)):
            c.execute(update(t.events).where(t.events.c.event_id.in_(chunk)).values(superseded_by=target))
    for decision_id, (status, detail) in statuses.items():
        c.execute(update(t.decisions).where(t.decisions.c.decision_id == decision_id)
                  .values(status=status, status_detail=detail or None))
