"""The store's side of the incremental merge (pipeline/merge_update.py): indexed reads of the
reports near a report, of events' members and review items, and one transaction that swaps the
events an incremental merge changed.

Every read is an index range scan: mentions by (country, start date) with the date-range end,
the type and a latitude/longitude box filtered on the scanned rows; event members by event id;
review items by mention and by the cluster's first member.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Text, and_, bindparam, cast, delete, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from conflictwire.store import schema as t

CHUNK = 500
EARTH_KM_PER_DEG = 111.0


def mention_columns(payload: dict[str, Any]) -> dict[str, Any]:
    """The mention columns the incremental merge filters on, from a mention's payload."""
    when = payload.get("date") or {}
    place = payload.get("place") or {}
    start, end = when.get("start"), when.get("end") or when.get("start")
    span = (date.fromisoformat(end) - date.fromisoformat(start)).days if start and end else 0
    return {"date_end": end, "span_days": span, "latitude": place.get("latitude"),
            "longitude": place.get("longitude"), "geo_precision": int(place.get("geo_precision") or 3)}


# The tables the merge reads by index; planned without statistics (a server without autovacuum,
# never analysed) PostgreSQL read all of event_sources for each IN list: 120 million rows and
# 20 s of server CPU per 1,000-report ingest at a million reports.
MERGE_TABLES = ("mentions", "events", "event_sources", "merge_items", "possible_duplicates", "claims", "actors")
ANALYZE_FROM_PAGES = 1000  # smaller tables are read whole cheaply whatever the plan


def analyze_if_never(c: Connection) -> list[str]:
    """PostgreSQL: ``ANALYZE`` the merge's tables that have no planner statistics at all yet and are
    not small (what autovacuum does on its own; once per store on a server without it)."""
    if c.dialect.name != "postgresql":
        return []
    names = [r[0] for r in c.execute(text(
        "SELECT c.relname FROM pg_class c WHERE c.relname = ANY(:names) AND c.relkind = 'r' "
        "AND c.relnamespace = to_regnamespace(current_schema())::oid AND pg_relation_size(c.oid) >= :pages * 8192 "
        "AND NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = c.relname)"),
        {"names": list(MERGE_TABLES), "pages": ANALYZE_FROM_PAGES})]
    for name in sorted(names):
        c.execute(text(f'ANALYZE "{name}"'))
    return names


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Stored(NamedTuple):
    """A stored mention as the incremental merge first sees it: the indexed columns it sorts and
    filters on, and its current event.  The payload is read (``payloads``) only for the few reports
    the merge scores or builds an event from: reading and decoding every report in the days
    around the new ones was half of an incremental merge."""

    mention_id: str
    date_start: str  # ISO dates: they compare as text
    date_end: str
    precision: int
    geo_precision: int
    sub_event_type: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    event_id: str | None
    merged: bool

    def sort_key(self) -> tuple[Any, ...]:
        """``MentionView.sort_key`` from the columns (the same values as the payload's)."""
        return (self.date_start, self.precision, self.geo_precision, self.mention_id)


@functools.lru_cache(maxsize=None)
def _mention_query() -> Any:
    """Mentions' merge columns and their current event: no join, so the plan is an index scan of
    mentions (and one index lookup per row for the event) with or without planner statistics."""
    m, es = t.mentions.c, t.event_sources.c
    event = select(es.event_id).where(es.mention_id == m.mention_id).limit(1).scalar_subquery()
    return select(m.mention_id, m.event_date, m.date_end, m.time_precision, m.geo_precision, m.sub_event_type,
                  m.country_code, m.latitude, m.longitude, event, m.merged)


def _rows(c: Connection, query: Any, params: dict[str, Any] | None = None) -> list[Stored]:
    return [Stored(mention_id, start, end or start, int(precision or 1), int(geo_precision or 3), sub, cc, lat,
                   lon, event_id, bool(merged))
            for (mention_id, start, end, precision, geo_precision, sub, cc, lat, lon, event_id, merged)
            in c.execute(query, params or {})]


@functools.lru_cache(maxsize=None)
def _payload_queries() -> tuple[Any, Any, Any]:
    ids = bindparam("ids", expanding=True)
    m, a, d = t.mentions.c, t.articles.c, t.documents.c
    return (select(m.mention_id, m.payload, m.article_id).where(m.mention_id.in_(ids)),
            select(a.article_id, a.outlet, a.published, a.document_id).where(a.article_id.in_(ids)),
            select(d.document_id, d.path).where(d.document_id.in_(ids)))


def payloads(c: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Mentions' payloads with what building an event needs (outlet, publication, document, path)."""
    mentions, articles, paths = _payload_queries()
    found: dict[str, tuple[dict[str, Any], str]] = {}
    for chunk in _chunks(sorted(set(ids))):
        found.update((mid, (payload, article_id)) for mid, payload, article_id in c.execute(mentions, {"ids": chunk}))
    about: dict[str, tuple[Any, ...]] = {}
    for chunk in _chunks(sorted({article_id for _p, article_id in found.values()})):
        about.update((row[0], tuple(row[1:])) for row in c.execute(articles, {"ids": chunk}))
    path_of: dict[str, str] = {}
    for chunk in _chunks(sorted({a[2] for a in about.values()})):
        path_of.update(c.execute(paths, {"ids": chunk}).all())
    out = {}
    for mention_id, (payload, article_id) in found.items():
        outlet, published, document_id = about[article_id]
        payload = dict(payload)
        payload["_outlet"], payload["_published"] = outlet, published
        payload["_document"], payload["_path"] = document_id, path_of[document_id]
        out[mention_id] = payload
    return out


def unmerged(c: Connection, country_code: str | None) -> list[Stored]:
    cc = t.mentions.c.country_code
    where = cc.is_(None) if country_code is None else cc == country_code
    return _rows(c, _mention_query().where(where, t.mentions.c.merged.is_(False)))


def block_size(c: Connection, country_code: str | None, at_most: int | None = None) -> int:
    """How many mentions the block holds, counting no further than ``at_most`` (counting a
    million-report block to compare it with a thousand new ones read every index entry)."""
    cc = t.mentions.c.country_code
    where = cc.is_(None) if country_code is None else cc == country_code
    if at_most is None:
        return c.execute(select(func.count()).select_from(t.mentions).where(where)).scalar_one()
    capped = select(t.mentions.c.mention_id).where(where).limit(at_most).subquery()
    return c.execute(select(func.count()).select_from(capped)).scalar_one()


def max_span(c: Connection, country_code: str) -> int:
    m = t.mentions.c
    return c.execute(select(func.max(m.span_days)).where(m.country_code == country_code)).scalar() or 0


# Statements are built once and run with bound parameters: building and compiling a SQLAlchemy
# statement costs more than running it on an index.
@functools.lru_cache(maxsize=None)
def _by_ids_query() -> Any:
    return _mention_query().where(t.mentions.c.mention_id.in_(bindparam("ids", expanding=True)))


def by_ids(c: Connection, ids: Iterable[str]) -> list[Stored]:
    out = []
    for chunk in _chunks(sorted(set(ids))):
        out += _rows(c, _by_ids_query(), {"ids": chunk})
    return out


@functools.lru_cache(maxsize=None)
def _near_query(one_type: bool, boxed: bool) -> Any:
    m = t.mentions.c
    conditions = [m.country_code == bindparam("cc"), m.event_date >= bindparam("first"),
                  m.event_date <= bindparam("hi"), m.date_end >= bindparam("lo")]
    if one_type:
        conditions.append(m.sub_event_type == bindparam("sub"))
    if boxed:
        conditions.append(or_(m.geo_precision >= 3, m.geo_precision.is_(None), m.latitude.is_(None),
                              and_(m.latitude.between(bindparam("lat0"), bindparam("lat1")),
                                   m.longitude.between(bindparam("lon0"), bindparam("lon1")))))
    return _mention_query().where(*conditions)


def near(c: Connection, *, country_code: str, start: date, end: date, slack_days: int, span_days: int,
         sub_type: str | None, lat: float | None, lon: float | None, radius_km: float) -> list[Stored]:
    """Every mention that could be one event with a report of ``start``..``end`` at lat/lon.

    A superset: its range comes within ``slack_days`` of the report's, its sub-type is
    ``sub_type`` (None: any), and it lies within ``radius_km`` or is placed coarsely or not at all.
    """
    lo, hi = start - timedelta(days=slack_days), end + timedelta(days=slack_days)
    params: dict[str, Any] = {"cc": country_code, "first": (lo - timedelta(days=span_days)).isoformat(),
                              "hi": hi.isoformat(), "lo": lo.isoformat(), "sub": sub_type}
    boxed = lat is not None and lon is not None
    if boxed:
        params.update(zip(("lat0", "lat1", "lon0", "lon1"), box(lat, lon, radius_km)))  # type: ignore[arg-type]
    return _rows(c, _near_query(sub_type is not None, boxed), params)


def box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """A latitude/longitude box holding every point within ``radius_km`` of lat/lon."""
    dlat = radius_km / EARTH_KM_PER_DEG * 1.01
    widest = math.cos(math.radians(min(89.0, abs(lat) + dlat)))
    dlon = dlat / widest if widest > 0.01 else 360.0
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


@functools.lru_cache(maxsize=None)
def _members_queries() -> tuple[Any, Any]:
    ids = bindparam("ids", expanding=True)
    return (select(t.event_sources.c.event_id, t.event_sources.c.mention_id).where(t.event_sources.c.event_id.in_(ids)),
            select(t.events.c.event_id, cast(t.events.c.merge_reasons, Text)).where(t.events.c.event_id.in_(ids)))


def event_members(c: Connection, event_ids: Iterable[str]) -> tuple[dict[str, list[str]], dict[str, str | None]]:
    """Members (mention ids) and merge reasons of stored events, the reasons as JSON text
    (``decode_reasons``): only the events the merge changes need them."""
    members: dict[str, list[str]] = {}
    reasons: dict[str, str | None] = {}
    sources, events = _members_queries()
    for chunk in _chunks(sorted(set(event_ids))):
        for event_id, mention_id in c.execute(sources, {"ids": chunk}):
            members.setdefault(event_id, []).append(mention_id)
        reasons.update(c.execute(events, {"ids": chunk}).all())
    return members, reasons


def decode_reasons(raw: str | list[Any] | None) -> list[Any]:
    if isinstance(raw, str):
        raw = json.loads(raw)
    return raw or []


def events_of(c: Connection, mention_ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(set(mention_ids))):
        out.update(c.execute(select(t.event_sources.c.mention_id, t.event_sources.c.event_id)
                             .where(t.event_sources.c.mention_id.in_(chunk))).all())
    return out


def items_touching(c: Connection, mention_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Stored review items whose mention or candidate cluster's first member is one of ``mention_ids``."""
    i = t.merge_items.c
    seen: dict[tuple[str, int], dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(mention_ids))):
        for row in c.execute(select(t.merge_items).where(or_(i.mention_id.in_(chunk), i.seed_id.in_(chunk)))):
            record = dict(row._mapping)
            seen[(record["mention_id"], record["rank"])] = record
    return list(seen.values())


def items_of(c: Connection, mention_ids: Iterable[str]) -> list[dict[str, Any]]:
    i = t.merge_items.c
    out = []
    for chunk in _chunks(sorted(set(mention_ids))):
        out += [dict(r._mapping) for r in c.execute(select(t.merge_items).where(i.mention_id.in_(chunk)))]
    return out


def write_update(c: Connection, *, old_events: Iterable[str], events: list[dict[str, Any]],
                 pair_events: Iterable[str], pairs: list[dict[str, Any]], item_mentions: Iterable[str],
                 items: list[dict[str, Any]], merged: Iterable[str]) -> None:
    """Swap the events an incremental merge changed, their possible duplicates and review items."""
    from conflictwire.store.db import _event_rows

    for chunk in _chunks(sorted(set(old_events))):
        c.execute(delete(t.event_sources).where(t.event_sources.c.event_id.in_(chunk)))
        c.execute(delete(t.claims).where(t.claims.c.event_id.in_(chunk)))
        c.execute(delete(t.events).where(t.events.c.event_id.in_(chunk)))
    p = t.possible_duplicates.c
    for chunk in _chunks(sorted(set(pair_events))):
        c.execute(delete(t.possible_duplicates).where(or_(p.event_a.in_(chunk), p.event_b.in_(chunk))))
    for chunk in _chunks(sorted(set(item_mentions))):
        c.execute(delete(t.merge_items).where(t.merge_items.c.mention_id.in_(chunk)))
    event_rows: list[dict[str, Any]] = []
    source_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    for record in events:
        _event_rows(record, event_rows, source_rows, claim_rows)
    for table, rows in ((t.events, event_rows), (t.event_sources, source_rows), (t.claims, claim_rows),
                        (t.possible_duplicates, pairs), (t.merge_items, items)):
        for chunk in _chunks(rows, 1000):
            c.execute(insert(table), chunk)
    for chunk in _chunks(sorted(set(merged))):
        c.execute(update(t.mentions).where(t.mentions.c.mention_id.in_(chunk)).values(merged=True))


def actor_entries(payloads: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Actor rows counted from mentions given in id order: a name's first mention gives its entry."""
    counts: dict[str, dict[str, Any]] = {}
    for payload in payloads:
        for side in ("1", "2"):
            name = payload.get(f"actor{side}")
            if not name:
                continue
            entry = counts.setdefault(name, {
                "name": name, "known": bool(payload.get(f"actor{side}_known", True)),
                "inter": payload.get(f"inter{side}"), "country": None, "mentions": 0,
                "example_quote": (payload.get("quote") or {}).get("text", "")[:500],
                "example_mention": payload["mention_id"]})
            entry["mentions"] += 1
    return counts


def count_actors(c: Connection, payloads: list[dict[str, Any]]) -> None:
    """Add the actors of newly merged mentions to the actor list.

    The same table ``Store.refresh_actors`` rebuilds from every mention: a name's first mention
    (by id) gives its entry, so counting only new mentions in id order gives the same rows.
    """
    counts = actor_entries(sorted(payloads, key=lambda p: p["mention_id"]))
    names = sorted(counts)
    existing: dict[str, tuple[int, str | None]] = {}
    a = t.actors.c
    for chunk in _chunks(names):
        existing.update((name, (n, first)) for name, n, first in c.execute(
            select(a.name, a.mentions, a.example_mention).where(a.name.in_(chunk))))
    counted, renamed = [], []  # one executemany each (a statement per actor was a round trip each)
    for name in names:
        if name not in existing:
            continue
        entry, (before, first) = counts[name], existing[name]
        values: dict[str, Any] = {"key": name, "mentions": before + entry["mentions"]}
        if first is None or entry["example_mention"] < first:  # an earlier mention now gives the entry
            renamed.append({**values, **{k: entry[k] for k in ("known", "inter", "example_quote", "example_mention")}})
        else:
            counted.append(values)
    if counted:
        c.execute(update(t.actors).where(a.name == bindparam("key")).values(mentions=bindparam("mentions")), counted)
    if renamed:
        c.execute(update(t.actors).where(a.name == bindparam("key")).values(
            **{k: bindparam(k) for k in ("mentions", "known", "inter", "example_quote", "example_mention")}), renamed)
    fresh = [counts[n] for n in names if n not in existing]
    for chunk in _chunks(fresh, 1000):
        c.execute(insert(t.actors), chunk)


def insert_mentions(c: Connection, payloads: list[dict[str, Any]]) -> None:
    """Store ready-made mentions (and a document and article for each article id) in bulk.

    For benches and tests of the merge at scale (bench/merge_scale.py): the mentions go in as
    the pipeline would write them, unmerged, without reading or extracting anything.
    """
    documents, articles, mentions = {}, {}, []
    for p in payloads:
        article_id = p["article_id"]
        document_id = p.get("_document") or "d" + article_id
        documents.setdefault(document_id, {
            "document_id": document_id, "content_hash": document_id, "path": p.get("_path") or f"{document_id}.txt",
            "media_type": "text", "encoding": "utf-8", "meta": {}, "content": None, "run_id": None})
        articles.setdefault(article_id, {
            "article_id": article_id, "document_id": document_id, "idx": 0, "title": None,
            "outlet": p.get("_outlet"), "authors": [], "url": None, "published": p.get("_published"),
            "published_source": None, "published_raw": None, "language": "en", "text": "", "warnings": []})
        payload = {k: v for k, v in p.items() if not k.startswith("_")}
        place = payload.get("place") or {}
        mentions.append({"mention_id": payload["mention_id"], "article_id": article_id, "document_id": document_id,
                         "event_date": payload["date"]["start"], "time_precision": payload["date"].get("precision"),
                         "sub_event_type": payload["sub_event_type"], "country_code": place.get("country_code"),
                         "merged": False, "payload": payload, **mention_columns(payload)})
    stored: set[str] = set()
    for chunk in _chunks(sorted(articles)):
        stored.update(r[0] for r in c.execute(select(t.articles.c.article_id).where(t.articles.c.article_id.in_(chunk))))
    articles = {k: v for k, v in articles.items() if k not in stored}
    kept = {a["document_id"] for a in articles.values()}
    documents = {k: v for k, v in documents.items() if k in kept}
    for table, rows in ((t.documents, list(documents.values())), (t.articles, list(articles.values())),
                        (t.mentions, mentions)):
        for chunk in _chunks(rows, 2000):
            c.execute(insert(table), chunk)
