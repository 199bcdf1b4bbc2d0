"""Incremental merge: reports merged batch by batch into a stored block give exactly the events,
members, merge reasons, possible duplicates and review items of one full merge of all of them,
whatever the order and the batch split, with reviewer decisions (same / different pairs) and
analysts' corrections (merge, split, reject, edit) taken between batches, and whichever blocks the
size rule (``full_share``) sends to the full merge instead."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from conflictwire.pipeline.decisions import apply_decisions
from conflictwire.pipeline.merge import run_merge
from conflictwire.store import merge_store as ms
from conflictwire.store import schema as t
from conflictwire.store.db import Store

# A small world where most reports could be one event with several others: three towns a few km
# apart and one 30 km away (Iraq), their province, the country, and one town in Syria.
TOWNS = [("alqaim", "Al Qaim", 34.37, 41.09), ("husaybah", "Husaybah", 34.39, 41.03),
         ("karabila", "Karabila", 34.35, 41.12), ("rawa", "Rawa", 34.47, 41.92)]
PLACES = [{"place_id": pid, "name": name, "country": "Iraq", "country_code": "IQ", "admin1": "Anbar",
           "admin2": None, "latitude": lat, "longitude": lon, "geo_precision": 1} for pid, name, lat, lon in TOWNS]
PLACES += [
    {"place_id": "anbar", "name": "Anbar", "country": "Iraq", "country_code": "IQ", "admin1": "Anbar",
     "admin2": None, "latitude": 33.4, "longitude": 42.0, "geo_precision": 3},
    {"place_id": "country-iq", "name": "Iraq", "country": "Iraq", "country_code": "IQ", "admin1": None,
     "admin2": None, "latitude": 33.0, "longitude": 44.0, "geo_precision": 3},
    # a region inside the country, no province ("western Iraq"): nested areas join on a shared toll
    {"place_id": "western-iraq", "name": "Western Iraq", "country": "Iraq", "country_code": "IQ", "admin1": None,
     "admin2": None, "latitude": 33.5, "longitude": 41.5, "geo_precision": 3},
    {"place_id": "albukamal", "name": "Al Bukamal", "country": "Syria", "country_code": "SY",
     "admin1": "Deir ez-Zor", "admin2": None, "latitude": 34.45, "longitude": 40.93, "geo_precision": 1},
    None,  # a report kept without a place
]
SUBS = ["Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Peaceful protest"]
ACTORS = [None, "US forces", "Islamic State"]
DAY0 = date(2024, 2, 1)


def same_actor_only(a: str | None, b: str | None) -> bool:
    return a == b


def make_report(n: int, offset: int, precision: int, back: int, sub: str, killed: int | None, article: int,
                actor: str | None, place: dict[str, Any] | None, confidence: float, default: bool = False,
                update: bool = False) -> dict[str, Any]:
    day = DAY0 + timedelta(days=offset)
    start = day - timedelta(days=back) if precision == 2 else day
    event_type = {"Armed clash": "Battles", "Peaceful protest": "Protests"}.get(sub, "Explosions/Remote violence")
    return {
        "mention_id": f"m{n:07d}", "article_id": f"a{article}", "sub_event_type": sub, "event_type": event_type,
        "plover_event": "ASSAULT", "plover_mode": None,
        "date": {"start": start.isoformat(), "end": day.isoformat(), "precision": precision},
        "actor1": actor, "actor2": None, "place": place,
        "claims": [] if killed is None else [{"claimant": "officials", "killed": killed, "injured": None,
                                              "qualifier": None, "quote": {"start": 0, "end": 9, "text": "killed"},
                                              "update": update}],
        # typed by its trigger's default (no weapon named): joins another outlet's weapon on a shared toll
        "evidence": ["type by default (no weapon named)"] if default else [],
        "responsibility": [], "weapons": [], "targets": [], "confidence": confidence,
        # an outlet writes several articles, each with its own text (pipeline/merge_rules.py)
        "quote": {"start": 0, "end": 12, "text": f"report {article:>4}"},
        "_outlet": f"Outlet {article % 5}" if article % 5 else "Reuters News",  # a wire: knowledge/merge.yaml "_published": (DAY0 + timedelta(days=article % 9)).isoformat(),
        "_path": f"a{article}.txt",
    }


CHOICES = dict(offset=range(9), precision=[1, 1, 2], back=[0, 0, 3], sub=SUBS, killed=[None, 3, 16, 40],
               article=range(40), actor=ACTORS, place=PLACES, confidence=[0.5, 0.7], default=[False, True],
               update=[False, False, True])
reports = st.builds(make_report, n=st.integers(0, 10**6),
                    **{k: st.sampled_from(list(v)) for k, v in CHOICES.items()})


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({m["mention_id"]: m for m in items}.values())


def dump(store: Store) -> dict[str, Any]:
    """Everything the merge writes (and the analysts' corrections as applied), in a comparable form."""
    tables = {"events": (t.events, "event_id"), "event_sources": (t.event_sources, "mention_id"),
              "claims": (t.claims, "claim_id"), "possible_duplicates": (t.possible_duplicates, "pair_id"),
              "merge_items": (t.merge_items, "mention_id"), "actors": (t.actors, "name"),
              "decisions": (t.decisions, "decision_id")}
    out: dict[str, Any] = {}
    with store.engine.connect() as c:
        for name, (table, key) in tables.items():
            rows = [dict(r._mapping) for r in c.execute(select(table))]
            out[name] = sorted(rows, key=lambda r: (str(r[key]), str(r.get("rank"))))
        out["unmerged"] = c.execute(select(t.mentions.c.mention_id).where(t.mentions.c.merged.is_(False))).all()
    return out


def _fresh(url: str) -> Store:
    return Store(url)


ANALYST_FIELDS = {"reject": {"reason": "not an event"}, "edit": {"fatalities": 7}, "merge": None, "split": None}


def add_analyst_decision(store: Store, seq: int, kind: str, mentions: list[str]) -> None:
    """An analyst's correction as the workbench stores it, with a fixed id and time (both stores
    must hold the same rows)."""
    with store.engine.begin() as c:
        c.execute(insert(t.decisions).values(
            decision_id=f"d{seq:015d}", seq=seq, kind=kind, mentions=sorted(set(mentions)),
            fields=ANALYST_FIELDS[kind], why=None, author="test", created_at="2026-01-01T00:00:00+00:00",
            event_ids=None, status=None, status_detail=None))


def check_incremental(make_url: Any, mentions: list[dict[str, Any]], cuts: list[int],
                      decided: list[tuple[int, int, str, int]],
                      corrected: list[tuple[str, int, int, int]] = (),  # type: ignore[assignment]
                      share: float | None = None) -> None:
    """Merge ``mentions`` in batches (cut at ``cuts``), with reviewer decisions and analysts'
    corrections taken after some batches, and compare every table the merge writes with one full
    merge of all of them.  ``share``: run_merge's full_share for the batches (None: every block
    incrementally)."""
    incremental, full = _fresh(make_url("inc")), _fresh(make_url("full"))
    bounds = [0, *sorted(set(c % (len(mentions) + 1) for c in cuts)), len(mentions)]
    batches = [mentions[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
    decisions: list[tuple[str, str, str]] = []
    corrections: list[tuple[int, str, list[str]]] = []
    for n, batch in enumerate(batches):
        with incremental.engine.begin() as c:
            ms.insert_mentions(c, batch)
        run_merge(incremental, same_actor_only, full_share=share)
        stored = [m["mention_id"] for b in batches[:n + 1] for m in b]
        for i, j, kind, after in decided:
            if after == n and len(stored) > 1 and stored[i % len(stored)] != stored[j % len(stored)]:
                decision = (stored[i % len(stored)], stored[j % len(stored)], kind)
                incremental.add_decision(*decision)
                decisions.append(decision)
                run_merge(incremental, same_actor_only, full_share=share)
        for kind, i, j, after in corrected:
            if after == n:
                correction = (len(corrections) + 1, kind, [stored[i % len(stored)], stored[j % len(stored)]])
                add_analyst_decision(incremental, *correction)
                apply_decisions(incremental)  # as the workbench does when an analyst decides
                corrections.append(correction)
    with full.engine.begin() as c:
        ms.insert_mentions(c, sorted(mentions, key=lambda m: m["mention_id"]))
    for decision in decisions:
        full.add_decision(*decision)
    for correction in corrections:
        add_analyst_decision(full, *correction)
    run_merge(full, same_actor_only)
    got, want = dump(incremental), dump(full)
    assert not got["unmerged"]
    for table in want:
        assert got[table] == want[table], table
    incremental.dispose()
    full.dispose()


@settings(max_examples=int(os.environ.get("MERGE_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(mentions=st.lists(reports, min_size=1, max_size=40).map(_unique).flatmap(st.permutations),
       cuts=st.lists(st.integers(0, 60), max_size=4),
       decided=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99), st.sampled_from(["same", "different"]),
                                  st.integers(0, 4)), max_size=3),
       corrected=st.lists(st.tuples(st.sampled_from(sorted(ANALYST_FIELDS)), st.integers(0, 99), st.integers(0, 99),
                                    st.integers(0, 4)), max_size=2),
       share=st.sampled_from([None, None, 0.2, 1.0]))
def test_batches_in_any_order_merge_to_the_full_merge(tmp_path_factory: pytest.TempPathFactory,
                                                       mentions: list[dict[str, Any]], cuts: list[int],
                                                       decided: list[tuple[int, int, str, int]],
                                                       corrected: list[tuple[str, int, int, int]],
                                                       share: float | None) -> None:
    folder = tmp_path_factory.mktemp("inc")
    check_incremental(lambda name: f"sqlite:///{folder / name}.db", mentions, cuts, decided, corrected, share)


def test_block_size_counts_no_further_than_asked(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    store = Store(f"sqlite:///{tmp_path / 'size.db'}")
    with store.engine.begin() as c:
        ms.insert_mentions(c, [make_report(n, **{k: rng.choice(list(v)) for k, v in CHOICES.items()})
                               for n in range(30)])
        iq = c.execute(select(t.mentions.c.mention_id).where(t.mentions.c.country_code == "IQ")).all()
        assert ms.block_size(c, "IQ") == len(iq) > 5
        assert ms.block_size(c, "IQ", at_most=5) == 5
        assert ms.block_size(c, "IQ", at_most=len(iq) + 10) == len(iq)
        assert ms.block_size(c, None) == ms.block_size(c, None, at_most=100)
    store.dispose()


def test_batches_merge_to_the_full_merge_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    """A fixed dense example on the real server (hypothesis over a shared server would be slow):
    incremental batches on PostgreSQL, the full merge on SQLite, the same rows."""
    import random

    rng = random.Random(7)
    mentions = [make_report(n, **{k: rng.choice(list(v)) for k, v in CHOICES.items()}) for n in range(80)]
    mentions = _unique(mentions)
    rng.shuffle(mentions)
    urls = {"inc": pg_url, "full": f"sqlite:///{tmp_path / 'full.db'}"}
    check_incremental(urls.__getitem__, mentions, cuts=[20, 35, 36, 70], decided=[(3, 9, "same", 1),
                                                                                 (4, 11, "different", 2)],
                      corrected=[("merge", 5, 17, 1), ("reject", 8, 8, 2), ("edit", 2, 30, 3)], share=0.2)
