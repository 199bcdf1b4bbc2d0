"""Stage *merge*, incremental: new reports into a stored country block without recomputing it.

The full merge (pipeline/merge.py) walks a block's mentions in sort order and places each one
with ``place_mention``, given the clusters formed by the mentions before it.  A mention's place
depends only on the clusters that have a member it is compatible with (the hard constraints:
type family, dates within ``FOLLOW_UP_DAYS``, place, actors) and on its reviewer partners.  So
after new mentions arrive, the walk only has to be redone for:

* the new (or re-flagged) mentions themselves, and
* any later mention that is compatible with, or a reviewer partner of, a member of a cluster
  whose membership just changed (old or new membership), or is itself such a member.

Every other mention sees exactly the clusters it saw before and keeps its place.  The mentions
to redo are kept in a heap by sort key, so when one is placed, every mention before it already
has its final place: the clusters it sees, read from the stored events and cut at its sort key,
are the clusters the full walk would give it.  The walk stops when the heap is empty, which is
as soon as a change stops changing anything: typically the few days around the new reports, in
the place and type family of each.  Each report costs a few indexed queries (mentions by
country and start date, filtered on date range, type and a latitude/longitude box; event
members by event id), so an ingest of N reports into a store of M costs O(N log M).

The events whose members or merge reasons changed are rebuilt with ``build_event``; the
possible duplicates touching them are derived again from the stored review items.  The result
is the full merge's, to the row (tests/test_merge_update.py checks it on random orders and
batch splits).
"""

from __future__ import annotations

import bisect
import heapq
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from conflictwire.pipeline.merge import (
    FOLLOW_UP_DAYS,
    NEAR_PRECISION_KM,
    ActorCheck,
    Cluster,
    Decisions,
    MentionView,
    build_event,
    pair_score,
    pairs_from_items,
    place_mention,
    review_item,
)
from conflictwire.models import stable_id
from conflictwire.store import merge_store as ms
from conflictwire.vocab import TYPE_FAMILY

VIOLENT = "violent"


class _Views(dict):  # type: ignore[type-arg]
    """mention id -> MentionView, read from the store on first use (``need`` reads many at once):
    most reports a merge loads (the days around the new ones) are only filtered on their columns,
    never scored."""

    def __init__(self, c: Connection, rows: dict[str, ms.Stored]) -> None:
        super().__init__()
        self.c, self.rows = c, rows

    def need(self, ids: Any) -> None:
        missing = [m for m in ids if m not in self]
        if missing:
            for mention_id, payload in ms.payloads(self.c, missing).items():
                view = MentionView.from_payload(payload)
                assert view.sort_key() == self.rows[mention_id].sort_key(), mention_id  # columns = payload
                self[mention_id] = view

    def __missing__(self, mention_id: str) -> MentionView:
        self.need([mention_id])
        return dict.__getitem__(self, mention_id)


class BlockUpdate:
    """One country block's incremental merge, over a read connection."""

    def __init__(self, c: Connection, country_code: str | None, decisions: Decisions,
                 actors_compatible: ActorCheck) -> None:
        self.c, self.country, self.decisions, self.check = c, country_code, decisions, actors_compatible
        self.rows: dict[str, ms.Stored] = {}  # every report loaded: columns, payload undecoded
        self.views = _Views(c, self.rows)
        self.keys: dict[str, tuple[Any, ...]] = {}
        self.old_event: dict[str, str | None] = {}
        self.start: set[str] = set()
        self.seed_of: dict[str, str] = {}  # mention -> first member of its cluster (current)
        self.members: dict[str, list[str]] = {}  # first member -> members in sort order (current)
        self.reason_of: dict[str, dict[str, Any] | None] = {}  # merge reasons decoded or placed again
        self.reason_event: dict[str, str] = {}  # member -> its stored event (whose reasons give its own)
        self.raw_reasons: dict[str, Any] = {}  # stored event -> its merge reasons, not decoded yet
        self.loaded_events: set[str] = set()
        self.old_members: dict[str, list[str]] = {}  # stored event -> its members
        self.neighbours_of: dict[str, list[str]] = {}
        self.loaded: list[tuple[date, date]] = []  # stretches of days whose reports are all loaded
        self.by_start: list[tuple[str, str]] = []
        self.span = ms.max_span(c, country_code) if country_code is not None else 0
        # partners of each mention in reviewer decisions ("same" and "different")
        self.partners: dict[str, set[str]] = {}
        for pair in decisions.same | decisions.different:
            for mention_id in pair:
                self.partners.setdefault(mention_id, set()).update(pair - {mention_id})
        self.changed: set[str] = set()  # first members of clusters whose members changed
        self.rebuilt: set[str] = set()  # ... or whose merge reasons changed
        self.redone: set[str] = set()
        self.items: dict[str, list[dict[str, Any]]] = {}  # redone mention -> its new review items
        self.item_seeds: set[str] = set()  # candidate clusters named by the redone mentions' items
        self.new_payloads: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ loading

    def _take(self, rows: list[ms.Stored]) -> list[str]:
        ids = []
        for row in rows:
            mention_id = row.mention_id
            ids.append(mention_id)
            if mention_id in self.rows:
                continue
            self.rows[mention_id], self.keys[mention_id] = row, row.sort_key()
            self.old_event[mention_id] = row.event_id
        return ids

    def events_of(self, ids: set[str]) -> None:
        """Load the stored events (members, reasons) of these loaded mentions.  Only the clusters of
        the reports a placement looks at are needed: loading the events of every report in the
        days around the new ones was a quarter of the merge."""
        events = {self.old_event[m] for m in ids if self.old_event.get(m) is not None} - self.loaded_events
        if events:
            self._load_events(events)

    def _load_events(self, event_ids: set[str]) -> None:
        members, reasons = ms.event_members(self.c, event_ids)
        self.loaded_events |= event_ids
        missing = {m for ids in members.values() for m in ids if m not in self.rows}
        if missing:
            self._take(ms.by_ids(self.c, missing))
        for event_id, ids in members.items():
            ordered = sorted(ids, key=self.keys.__getitem__)
            self.old_members[event_id] = ordered
            seed = ordered[0]
            self.members[seed] = list(ordered)
            for mention_id in ordered:
                self.seed_of[mention_id] = seed
                self.reason_event[mention_id] = event_id
                self.reason_of.pop(mention_id, None)
            self.raw_reasons[event_id] = reasons.get(event_id)

    def reason(self, mention_id: str) -> dict[str, Any] | None:
        """The merge reason the mention's cluster records for it (None: its first member, or new)."""
        if mention_id not in self.reason_of:
            event_id = self.reason_event.get(mention_id)
            if event_id is not None and event_id in self.raw_reasons:
                stored = {r["mention_id"]: r for r in ms.decode_reasons(self.raw_reasons.pop(event_id))}
                for member in self.old_members[event_id]:
                    self.reason_of.setdefault(member, stored.get(member))
        return self.reason_of.get(mention_id)

    def visible(self, mention_id: str) -> bool:
        """False for a report another ingest stored after this merge began: the next merge places it."""
        row = self.rows.get(mention_id)
        return row is not None and (mention_id in self.start or row.merged or row.event_id is not None)

    def load(self, ids: set[str]) -> None:
        missing = {m for m in ids if m not in self.rows}
        if missing:
            self._take(ms.by_ids(self.c, missing))

    def prefetch(self, ids: list[str]) -> None:
        """Load, one query per stretch of days, every report of the block near these reports'
        dates (theirs and their clusters' neighbours'): far fewer round trips than one query each."""
        if self.country is None:
            return
        reach = timedelta(days=2 * FOLLOW_UP_DAYS)
        spans = sorted((date.fromisoformat(self.rows[m].date_start) - reach,
                        date.fromisoformat(self.rows[m].date_end) + reach) for m in ids)
        merged: list[list[date]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1] + timedelta(days=1):
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for lo, hi in merged:
            self._take(ms.near(self.c, country_code=self.country, start=lo, end=hi, slack_days=0,
                               span_days=self.span, sub_type=None, lat=None, lon=None, radius_km=0.0))
            self.loaded.append((lo, hi))
        self.by_start = sorted((row.date_start, m) for m, row in self.rows.items())

    def neighbours(self, mention_id: str) -> list[str]:
        """Mentions that may be compatible with this one (a superset: see merge_store.near)."""
        if mention_id in self.neighbours_of:
            return self.neighbours_of[mention_id]
        view = self.views[mention_id]
        found: list[str] = []
        if self.country is not None:
            violent = TYPE_FAMILY.get(view.event_type) == VIOLENT
            precise = view.geo_precision < 3 and view.lat is not None and view.lon is not None
            lo = view.date_start - timedelta(days=FOLLOW_UP_DAYS)
            hi = view.date_end + timedelta(days=FOLLOW_UP_DAYS)
            if any(a <= lo and hi <= b for a, b in self.loaded):
                found = self._near_loaded(view, lo, hi, violent, precise)
            else:
                found = self._take(ms.near(
                    self.c, country_code=self.country, start=view.date_start, end=view.date_end,
                    slack_days=FOLLOW_UP_DAYS, span_days=self.span,
                    sub_type=None if violent else view.sub_event_type,
                    lat=view.lat if precise else None, lon=view.lon if precise else None,
                    radius_km=NEAR_PRECISION_KM))
            found = [m for m in found if m != mention_id and self.visible(m)]
        self.neighbours_of[mention_id] = found
        return found

    def _near_loaded(self, view: MentionView, lo: date, hi: date, violent: bool, precise: bool) -> list[str]:
        """merge_store.near over the reports already loaded (a loaded stretch holds all of them),
        on their columns."""
        first = bisect.bisect_left(self.by_start, ((lo - timedelta(days=self.span)).isoformat(), ""))
        last = bisect.bisect_right(self.by_start, (hi.isoformat(), "\uffff"))
        lat0, lat1, lon0, lon1 = ms.box(view.lat, view.lon, NEAR_PRECISION_KM) if precise else (0, 0, 0, 0)
        low = lo.isoformat()
        out = []
        for _start, m in self.by_start[first:last]:
            z = self.rows[m]
            if z.date_end < low or (not violent and z.sub_event_type != view.sub_event_type):
                continue
            if precise and z.geo_precision < 3 and z.lat is not None and not (
                    lat0 <= z.lat <= lat1 and z.lon is not None and lon0 <= z.lon <= lon1):
                continue
            out.append(m)
        return out

    # ------------------------------------------------------------------ the walk

    def run(self, start: list[ms.Stored]) -> None:
        ids = self._take(start)
        self.start = set(ids)
        self.prefetch(ids)
        # the reports the first placements look at, and their clusters, read at once
        self.views.need(ids)
        near = {z for m in ids for z in self.neighbours(m)}
        self.events_of(near | self.start)
        self.views.need(sorted(near | {x for z in near if z in self.seed_of for x in self.members[self.seed_of[z]]}))
        self.new_payloads = [self.views[m].payload for m in ids if self.old_event[m] is None]
        heap = [(self.keys[m], m) for m in ids]
        heapq.heapify(heap)
        queued = set(ids)
        while heap:
            _key, mention_id = heapq.heappop(heap)
            for later in self._redo(mention_id):
                if later not in queued:
                    queued.add(later)
                    heapq.heappush(heap, (self.keys[later], later))

    def _cluster_at(self, seed: str, key: tuple[Any, ...]) -> Cluster:
        return Cluster(members=[self.views[m] for m in self.members.get(seed, []) if self.keys[m] < key])

    def _redo(self, mention_id: str) -> list[str]:
        """Place one mention again; returns the later mentions that may now be placed differently."""
        view, key = self.views[mention_id], self.keys[mention_id]
        self.redone.add(mention_id)
        before = {m for m in self.neighbours(mention_id) if self.keys[m] < key}
        self.events_of(before | {mention_id})
        self.views.need([x for z in before for x in self.members.get(self.seed_of[z], ())])
        clusters = {}
        for m in sorted(before):
            seed = self.seed_of[m]
            if seed not in clusters:
                clusters[seed] = self._cluster_at(seed, key)
        forced = None
        for partner in sorted(self.decisions.partners.get(mention_id, ())):
            self.load({partner})
            if self.visible(partner) and self.rows[partner].country_code == view.country_code \
                    and self.keys[partner] < key:
                self.events_of({partner})
                seed = self.seed_of[partner]
                forced = clusters.get(seed) or self._cluster_at(seed, key)
                break
        placed = place_mention(view, [c for c in clusters.values() if c.members], self.decisions, forced, self.check)
        new_seed = placed.target.members[0].mention_id if placed.target is not None else mention_id
        self.items[mention_id] = [review_item(view, rank, cluster.members[0].mention_id, score, why)
                                  for rank, (score, cluster, why) in enumerate(placed.review)]
        self.item_seeds.update(item["seed_id"] for item in self.items[mention_id])
        old_seed = self.seed_of.get(mention_id)
        if placed.reason != self.reason(mention_id):
            self.reason_of[mention_id] = placed.reason
            self.rebuilt.add(new_seed)
        if old_seed == new_seed:
            return []
        touched = set(self.members.get(old_seed, [])) if old_seed is not None else set()
        if old_seed is not None:
            self.members[old_seed].remove(mention_id)
            self.changed.add(old_seed)
        self.seed_of[mention_id] = new_seed
        joined = self.members.setdefault(new_seed, [])
        joined.append(mention_id)
        joined.sort(key=self.keys.__getitem__)
        self.changed.add(new_seed)
        touched |= set(joined)
        return self._affected(touched, key)

    def _affected(self, members: set[str], key: tuple[Any, ...]) -> list[str]:
        """Later mentions that a change to clusters with these members may place differently."""
        out: set[str] = set()
        partners = {p for m in members for p in self.partners.get(m, ())}
        self.load(partners)
        self.views.need(members)
        self.views.need([z for m in members for z in self.neighbours(m) if self.keys[z] > key])
        for m in sorted(members):
            out.add(m)
            out.update(p for p in self.partners.get(m, ()) if self.visible(p)
                       and self.rows[p].country_code == self.country)
            view = self.views[m]
            out.update(z for z in self.neighbours(m)
                       if self.keys[z] > key and pair_score(self.views[z], view, self.check) is not None)
        return sorted(z for z in out if self.keys[z] > key)

    # ------------------------------------------------------------------ the result

    def result(self) -> dict[str, Any]:
        """What to write: events to drop and to insert, pairs and review items to replace."""
        seeds = {s for s in self.changed | self.rebuilt if self.members.get(s)}
        for seed in seeds:  # a rebuilt cluster must still start with its first member
            assert self.members[seed][0] == seed, (seed, self.members[seed])
        events, event_of = [], {}
        old_events: set[str] = set()
        self.views.need([m for seed in seeds for m in self.members[seed]])
        for seed in sorted(seeds):
            members = [self.views[m] for m in self.members[seed]]
            reasons = [self.reason(m.mention_id) for m in members[1:]]
            record = build_event(Cluster(members=members, reasons=reasons))  # type: ignore[arg-type]
            events.append(record)
            for m in members:
                event_of[m.mention_id] = record["event_id"]
                if self.old_event.get(m.mention_id):
                    old_events.add(self.old_event[m.mention_id])
        # Possible duplicates: those of every cluster whose event, members or review items changed.
        pair_seeds = set(seeds)
        for mention_id in self.redone:
            pair_seeds.add(self.seed_of[mention_id])
        old_items = ms.items_of(self.c, self.redone)
        item_seeds = self.item_seeds | {i["seed_id"] for i in old_items}
        self.load(item_seeds)
        self.events_of(item_seeds)
        pair_seeds.update(self.seed_of[seed_id] for seed_id in item_seeds if seed_id in self.seed_of)
        for seed in pair_seeds - seeds:
            members = self.members[seed]
            event_of.update((m, stable_id("event", min(members))) for m in members)
        pair_members = {m for s in pair_seeds for m in self.members.get(s, [])}
        pair_events = {event_of[m] for m in pair_members}
        items = [i for i in ms.items_touching(self.c, pair_members) if i["mention_id"] not in self.redone]
        items += [i for m in self.redone for i in self.items[m]
                  if i["mention_id"] in pair_members or i["seed_id"] in pair_members]
        unknown = {x for i in items for x in (i["mention_id"], i["seed_id"]) if x not in event_of}
        self.load({i["mention_id"] for i in items})
        event_of.update(ms.events_of(self.c, unknown))
        items.sort(key=lambda i: (self.keys[i["mention_id"]], i["rank"]))
        pairs = [p for p in pairs_from_items(items, event_of)
                 if p["event_a"] in pair_events or p["event_b"] in pair_events]
        return {"old_events": old_events, "events": events, "pair_events": pair_events | old_events,
                "pairs": pairs, "item_mentions": self.redone,
                "items": [i for m in sorted(self.redone) for i in self.items[m]],
                "merged": self.redone}


def update_block(store: Any, country_code: str | None, decisions: Decisions, actors_compatible: ActorCheck,
                 unmerged: list[ms.Stored]) -> int:
    """Merge a block's unmerged mentions into its stored events; returns how many mentions were placed."""
    with store.engine.connect() as c:
        update = BlockUpdate(c, country_code, decisions, actors_compatible)
        update.run(unmerged)
        result = update.result()
        new_payloads = update.new_payloads
    with store.engine.begin() as c:
        ms.count_actors(c, new_payloads)
        ms.write_update(c, **result)
    return len(update.redone)
