"""Stage *curate*: analysts' decisions applied over the machine's events.

An analyst can merge events, split chosen reports out of an event, reject reports (with a
reason) and set an event's date, place, actors, sub-type, toll or responsibility.  Each
decision names the reports (mentions) it concerns by their stable ids, and is stored with
who, when and why (store/decisions.py).  ``apply_decisions`` runs after every merge, the
incremental one and a rebuild alike: it starts again from the machine's events, replays
the active decisions in the order they were made, and writes the events they change as
*curated* events that replace the machine's (which stay stored, marked superseded, so an
undo restores them).  A decision whose reports are all gone is kept and listed as
``orphaned``; one whose reports are partly gone applies to the rest and is listed ``partial``.

Semantics, report by report:
- merge: the events holding any of its reports become one event;
- split: its reports leave the events holding them and form an event of their own;
- reject: its reports leave their events; an event left with no report is rejected;
- edit: the fields are set on the event holding most of its reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from conflictwire.models import stable_id
from conflictwire.pipeline.merge import Cluster, MentionView, build_event, notes_for
from conflictwire.store import decisions as stored
from conflictwire.vocab import SUB_EVENT_TO_TYPE

PLACE_FIELDS = ("location", "country", "country_code", "admin1", "admin2", "latitude", "longitude",
                "geo_precision")
EDITABLE = ("event_date", "place", "actor1", "actor2", "sub_event_type", "fatalities", "injuries",
            "responsibility")
REJECT_REASONS = ("not an event", "duplicate", "wrong theatre", "wrong date", "background mention", "hedged",
                  "other")


class DecisionError(ValueError):
    """A correction that cannot be made as asked (unknown event, bad value): the message says why."""


@dataclass
class _Group:
    mentions: set[str]
    machine_events: set[str] = field(default_factory=set)
    fields: dict[str, Any] = field(default_factory=dict)
    decision_ids: list[str] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    touched: bool = False
    rejected: bool = False  # emptied by a reject: its machine events are superseded as rejected

    def mark(self, decision: dict[str, Any]) -> None:
        self.touched = True
        if decision["decision_id"] not in self.decision_ids:
            self.decision_ids.append(decision["decision_id"])
            self.notes.append({"decision": f"{decision['kind']} by analyst", "decision_id": decision["decision_id"],
                               "by": decision.get("author"), "why": decision.get("why")})


# ---------------------------------------------------------------------------- applying


def apply_decisions(store: Any) -> dict[str, int]:
    """Recompute the curated events from the machine's events and the active decisions.

    Call it after every merge (it is called by ``run_merge``) and after a decision is added or
    undone; the caller holds the merge lock.  Returns counts of decisions by status.
    """
    active = stored.listed(store)
    with store.engine.begin() as c:
        stored.clear_curation(c)
        if not active:
            return {}
        wanted = sorted({m for d in active for m in d["mentions"]})
        payloads = stored.mention_payloads(c, wanted)
        machine = stored.machine_groups(c, [m for m in wanted if m in payloads])
        payloads.update(stored.mention_payloads(c, [m for ms in machine.values() for m in ms if m not in payloads]))
        groups: list[_Group] = [_Group(set(ms), {event_id}) for event_id, ms in machine.items()]
        group_of = {m: g for g in groups for m in g.mentions}
        for mention_id in wanted:  # stored but in no event (yet): a group of its own
            if mention_id in payloads and mention_id not in group_of:
                group_of[mention_id] = _Group({mention_id})
                groups.append(group_of[mention_id])
        rejected: dict[str, str] = {}
        statuses: dict[str, tuple[str, str]] = {}
        for decision in active:
            statuses[decision["decision_id"]] = _apply_one(decision, payloads, groups, group_of, rejected)
        records, superseded = _curated_events(groups, payloads, stored.machine_records(
            c, [e for g in groups if g.touched or not g.mentions for e in g.machine_events]))
        for group in groups:
            if group.rejected and not group.mentions:
                for event_id in group.machine_events:
                    superseded.setdefault(event_id, stored.REJECTED)
        stored.write_curation(c, records, superseded, statuses)
    counts: dict[str, int] = {}
    for status, _detail in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    return counts


def _apply_one(decision: dict[str, Any], payloads: dict[str, Any], groups: list[_Group],
               group_of: dict[str, _Group], rejected: dict[str, str]) -> tuple[str, str]:
    named = list(decision["mentions"])
    gone = [m for m in named if m not in payloads]
    was_rejected = [m for m in named if m in rejected]
    present = [m for m in named if m in payloads and m not in rejected]
    if not present:
        if gone and not was_rejected:
            return "orphaned", f"its {len(gone)} report(s) are no longer stored"
        return "orphaned", f"its reports were rejected by {', '.join(sorted(set(rejected[m] for m in was_rejected)))}"
    kind = decision["kind"]
    if kind == "merge":
        targets = _distinct(group_of[m] for m in present)
        keep = targets[0]
        for other in targets[1:]:
            keep.mentions |= other.mentions
            keep.machine_events |= other.machine_events
            keep.fields = {**other.fields, **keep.fields}
            for i, decision_id in enumerate(other.decision_ids):
                if decision_id not in keep.decision_ids:
                    keep.decision_ids.append(decision_id)
                    keep.notes.append(other.notes[i])
            for m in other.mentions:
                group_of[m] = keep
            other.mentions, other.machine_events = set(), set()
            groups.remove(other)
        keep.mark(decision)
    elif kind in ("split", "reject"):
        chosen = set(present)
        new = _Group(set()) if kind == "split" else None
        for source in _distinct(group_of[m] for m in present):
            source.mentions -= chosen
            source.mark(decision)
            if new is not None:
                new.machine_events |= source.machine_events
            if not source.mentions and kind == "reject":
                source.rejected = True
        if new is not None:
            new.mentions = chosen
            new.mark(decision)
            groups.append(new)
            for m in chosen:
                group_of[m] = new
        else:
            for m in chosen:
                rejected[m] = decision["decision_id"]
                group_of.pop(m, None)
    else:  # edit: the group holding most of its reports
        counted: dict[int, tuple[int, _Group]] = {}
        for m in present:
            g = group_of[m]
            counted[id(g)] = (counted.get(id(g), (0, g))[0] + 1, g)
        target = max(counted.values(), key=lambda item: (item[0], -len(item[1].mentions)))[1]
        target.fields.update(decision.get("fields") or {})
        target.mark(decision)
    if gone or was_rejected:
        return "partial", f"{len(gone) + len(was_rejected)} of its {len(named)} reports are gone or rejected"
    return "applied", ""


def _distinct(items: Any) -> list[_Group]:
    out: list[_Group] = []
    for item in items:
        if not any(item is seen for seen in out):
            out.append(item)
    return out


def _curated_events(groups: list[_Group], payloads: dict[str, Any], machine: dict[str, dict[str, Any]]
                    ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    records: list[dict[str, Any]] = []
    superseded: dict[str, str] = {}
    for group in groups:
        if not group.touched or not group.mentions:
            continue
        members = [MentionView.from_payload(payloads[m]) for m in sorted(group.mentions)]
        reasons = [r for e in sorted(group.machine_events) for r in (machine.get(e, {}).get("merge_reasons") or [])
                   if r.get("mention_id") in group.mentions]
        record = build_event(Cluster(members=members, reasons=reasons + group.notes))
        record["event_id"] = stable_id("curated", min(group.mentions))
        changed = _override(record, group.fields)
        record["notes"] = notes_for(record)
        record["curated"] = True
        record["decision_ids"] = list(group.decision_ids)
        record["machine"] = {"event_ids": sorted(group.machine_events), "fields": changed}
        records.append(record)
        for event_id in group.machine_events:
            superseded[event_id] = record["event_id"]
    return records, superseded


def _override(record: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Set the analyst's values on a built event; returns the machine's values they replace."""
    machine: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if key not in machine:
            machine[key] = record.get(key)
        record[key] = value

    for key, value in fields.items():
        if key == "event_date":
            put("event_date", value)
            put("date_range", None)
            put("time_precision", 1)
        elif key == "place":
            for name in PLACE_FIELDS:
                if name in ("country", "country_code") and not value.get("country_code"):
                    continue  # a map point without a country keeps the event's
                put(name, value.get("name") if name == "location" else value.get(name))
        elif key == "sub_event_type":
            put("sub_event_type", value)
            put("event_type", SUB_EVENT_TO_TYPE[value])
        elif key in ("actor1", "actor2"):
            put(key, value.get("name") if isinstance(value, dict) else value)
            if isinstance(value, dict):
                put("inter" + key[-1], value.get("inter"))
        elif key == "responsibility":
            put("responsibility", [{"claimant": "analyst", "actor": value, "kind": "analyst", "quote": None,
                                    "start": None, "end": None, "article_id": None}] if value else [])
        else:  # fatalities, injuries
            put(key, value)
    return machine


# ---------------------------------------------------------------------------- deciding


def _apply_locked(store: Any) -> None:
    from contextlib import nullcontext

    lock = getattr(store, "merge_lock", None)
    with lock() if lock else nullcontext():
        apply_decisions(store)


def _event_reports(store: Any, event_id: str) -> tuple[str, list[str]]:
    current = stored.current_event_id(store, event_id)
    if current is None:
        raise DecisionError(f"no event {event_id!r} (or it was rejected): see `conflictwire export events`")
    mentions = stored.event_mentions(store, [current]).get(current, [])
    if not mentions:
        raise DecisionError(f"event {event_id!r} has no stored reports")
    return current, mentions


def _decided(store: Any, decision: dict[str, Any]) -> dict[str, Any]:
    _apply_locked(store)
    decision = stored.get(store, decision["decision_id"]) or decision
    events = []
    for event_id in _events_of(store, decision["mentions"]):
        events.append(event_id)
    return {"decision": decision, "events": events}


def _events_of(store: Any, mentions: list[str]) -> list[str]:
    """The visible events holding these reports now."""
    from sqlalchemy import select

    from conflictwire.store import schema as t

    es, e = t.event_sources.c, t.events.c
    with store.engine.connect() as c:
        rows = c.execute(select(es.event_id).join(t.events, e.event_id == es.event_id)
                         .where(es.mention_id.in_(sorted(mentions)), e.superseded_by.is_(None)).distinct())
        return sorted(r[0] for r in rows)


def merge_events(store: Any, event_ids: list[str], *, why: str | None = None, author: str | None = None
                 ) -> dict[str, Any]:
    """The events are one event: from now on and after every re-run."""
    resolved: dict[str, list[str]] = {}
    for event_id in event_ids:
        current, mentions = _event_reports(store, event_id)
        resolved[current] = mentions
    if len(resolved) < 2:
        raise DecisionError("merge needs two different events")
    mentions = sorted({m for ms in resolved.values() for m in ms})
    return _decided(store, stored.add(store, kind="merge", mentions=mentions, why=why, author=author,
                                      event_ids=sorted(resolved)))


def split_event(store: Any, event_id: str, reports: list[str], *, why: str | None = None,
                author: str | None = None) -> dict[str, Any]:
    """The chosen reports (mention ids, or article ids meaning that article's reports) are an event of their own."""
    current, mentions = _event_reports(store, event_id)
    by_article = _reports_by_article(store, mentions)
    chosen: set[str] = set()
    for report in reports:
        if report in mentions:
            chosen.add(report)
        elif report in by_article:
            chosen.update(by_article[report])
        else:
            raise DecisionError(f"{report!r} is not a report (mention id) or article of event {current}")
    if not chosen or chosen == set(mentions):
        raise DecisionError("split needs some, not all, of the event's reports")
    return _decided(store, stored.add(store, kind="split", mentions=sorted(chosen), why=why, author=author,
                                      event_ids=[current]))


def _reports_by_article(store: Any, mentions: list[str]) -> dict[str, list[str]]:
    from sqlalchemy import select

    from conflictwire.store import schema as t

    out: dict[str, list[str]] = {}
    with store.engine.connect() as c:
        for mention_id, article_id in c.execute(select(t.mentions.c.mention_id, t.mentions.c.article_id)
                                                .where(t.mentions.c.mention_id.in_(mentions))):
            out.setdefault(article_id, []).append(mention_id)
    return out


def reject_event(store: Any, event_id: str, reason: str, *, why: str | None = None, author: str | None = None
                 ) -> dict[str, Any]:
    """The event is not one to keep (its reports leave the dataset), for the reason given."""
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError(f"reject needs a reason, e.g. {', '.join(REJECT_REASONS)}")
    current, mentions = _event_reports(store, event_id)
    return _decided(store, stored.add(store, kind="reject", mentions=mentions, fields={"reason": reason[:200]},
                                      why=why, author=author, event_ids=[current]))


def edit_event(store: Any, event_id: str, changes: dict[str, Any], *, why: str | None = None,
               author: str | None = None) -> dict[str, Any]:
    """Set fields of an event; ``changes`` as ``check_changes`` takes them."""
    current, mentions = _event_reports(store, event_id)
    fields = check_changes(changes)
    return _decided(store, stored.add(store, kind="edit", mentions=mentions, fields=fields, why=why,
                                      author=author, event_ids=[current]))


def undo_decision(store: Any, decision_id: str, *, author: str | None = None) -> dict[str, Any]:
    if not stored.undo(store, decision_id, author):
        raise DecisionError(f"no active decision {decision_id!r}: see `conflictwire decisions list`")
    _apply_locked(store)
    return stored.get(store, decision_id) or {}


def check_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise field changes.

    ``event_date`` YYYY-MM-DD; ``place`` a gazetteer name or place id (``{"query": ...}`` or a string),
    or a point ``{"latitude", "longitude", "name"?, "country_code"?}``; ``actor1``/``actor2`` a name
    (any alias; "" clears); ``sub_event_type`` an ACLED sub-event type; ``fatalities``/``injuries``
    whole numbers; ``responsibility`` the actor held responsible ("" clears).
    """
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DecisionError(f"cannot edit {', '.join(unknown)}: editable fields are {', '.join(EDITABLE)}")
    if not changes:
        raise DecisionError(f"nothing to change: give one of {', '.join(EDITABLE)}")
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "event_date":
            try:
                out[key] = date.fromisoformat(str(value)).isoformat()
            except ValueError:
                raise DecisionError(f"event_date {value!r} is not a date: use YYYY-MM-DD") from None
        elif key == "place":
            out[key] = _place(value)
        elif key in ("actor1", "actor2"):
            out[key] = _actor(value)
        elif key == "sub_event_type":
            match = {k.lower(): k for k in SUB_EVENT_TO_TYPE}.get(str(value).strip().lower())
            if match is None:
                raise DecisionError(f"sub_event_type {value!r} is not an ACLED sub-event type (docs/taxonomy.md)")
            out[key] = match
        elif key in ("fatalities", "injuries"):
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise DecisionError(f"{key} {value!r} is not a whole number") from None
            if not 0 <= number <= 1_000_000:
                raise DecisionError(f"{key} {value!r} is out of range")
            out[key] = number
        else:
            out[key] = _actor(value)["name"] if str(value or "").strip() else None
    return out


def _actor(value: Any) -> dict[str, Any] | None:
    name = str(value or "").strip()[:256]
    if not name:
        return None
    from conflictwire.registry import get_registry

    registry = get_registry()
    actor = registry.resolve(name)
    if actor is None:
        return {"name": name, "inter": None}
    return {"name": actor.name, "inter": actor.inter}


def _place(value: Any) -> dict[str, Any]:
    from conflictwire.gazetteer import get_gazetteer

    if isinstance(value, dict) and value.get("latitude") is not None:
        try:
            lat, lon = float(value["latitude"]), float(value["longitude"])
        except (TypeError, ValueError, KeyError):
            raise DecisionError("a map point needs numeric latitude and longitude") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DecisionError(f"point {lat},{lon} is out of range")
        cc = str(value.get("country_code") or "").upper() or None
        country = None
        if cc:
            place = get_gazetteer().resolve_country(cc)
            if place is None:
                raise DecisionError(f"country_code {cc!r} is not a country")
            country = place.country
        name = str(value.get("name") or "").strip()[:256] or f"{lat:.4f}, {lon:.4f}"
        return {"name": name, "country": country, "country_code": cc, "admin1": value.get("admin1"),
                "admin2": value.get("admin2"), "latitude": round(lat, 5), "longitude": round(lon, 5),
                "geo_precision": 1, "place_id": None, "source": "analyst point"}
    query = str(value.get("query") if isinstance(value, dict) else value or "").strip()
    if not query:
        raise DecisionError("place needs a gazetteer name or a map point")
    gazetteer = get_gazetteer()
    found = gazetteer.lookup(query, limit=10)
    wanted_id = value.get("place_id") if isinstance(value, dict) else None
    by_id = [p for p in found if p.place_id in (query, wanted_id)]  # a pick from /api/places
    p = by_id[0] if by_id else gazetteer.resolve(query) or (found[0] if found else None)
    if p is None:
        raise DecisionError(f"place {query!r} is not in the gazetteer: give a map point (latitude, longitude)")
    return {"name": p.name, "country": p.country, "country_code": p.country_code, "admin1": p.admin1,
            "admin2": p.admin2, "latitude": p.latitude, "longitude": p.longitude, "geo_precision": p.geo_precision,
            "place_id": p.place_id, "source": "analyst gazetteer"}
