"""Merge cost against store size: 1,000 new reports into stores of 10k, 100k, 1M reports.

    .venv/bin/python bench/merge_scale.py --sizes 10000 100000 --db sqlite --db postgresql

For each size and database: a store is filled in bulk with synthetic reports (``merge_store.
insert_mentions``, big transactions, no text processing) and merged once in full; then

* **after** (incremental, the default merge): 1,000 new reports are inserted and merged; wall
  and CPU seconds of ``run_merge``, and how many stored reports were placed again;
* **before** (what every merge did before the incremental merge: each country block with new
  reports recomputed in full): another 1,000 new reports, merged with ``full_share=0``.

The world: 30 countries of 200 towns each (random coordinates in a 5-degree box), 6 provinces,
10 reports per country and day (a store grows by covering more days: 10k reports are 33 days,
1M reports 9 years); 75% of reports name a town, 15% a province, 10% only the country; 80% give the
day, the rest a range of up to a week; about two reports per article; a mix of ACLED sub-types.
New reports fall on random days of the whole period (the hardest case for a merge that is
incremental in time: nothing is recent).  Peak RSS is this process's (``ru_maxrss``).

PostgreSQL: a database of its own per run (``cw_bench_merge_<pid>``, dropped at the end) on the
server of ``$CONFLICTWIRE_TEST_PG`` (default 127.0.0.1:5432, db ``test``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text

from conflictwire.pipeline.merge import run_merge
from conflictwire.store import merge_store as ms
from conflictwire.store import schema as t
from conflictwire.store.db import Store

PG_ADMIN = os.environ.get("CONFLICTWIRE_TEST_PG", "postgresql+psycopg://root@127.0.0.1:5432/test")
COUNTRIES = 30
TOWNS = 200
PER_COUNTRY_DAY = 10  # reports per country and day: a store grows by covering more days
DAY0 = date(2022, 1, 1)
SUBS = ([("Air/drone strike", "Explosions/Remote violence")] * 3
        + [("Shelling/artillery/missile attack", "Explosions/Remote violence")] * 3
        + [("Armed clash", "Battles")] * 3 + [("Attack", "Violence against civilians")] * 2
        + [("Peaceful protest", "Protests"), ("Arrests", "Strategic developments")])
BATCH = 1000
INSERT_CHUNK = 20_000


class World:
    def __init__(self, days: int, seed: int = 1) -> None:
        self.days = days
        rng = random.Random(seed)
        self.countries = []
        for n in range(COUNTRIES):
            code = f"{chr(65 + n // 26)}{chr(65 + n % 26)}"
            lat0, lon0 = rng.uniform(-30, 45), rng.uniform(-20, 100)
            provinces = [{"place_id": f"{code}-p{p}", "name": f"Province {p}", "country": f"Country {code}",
                          "country_code": code, "admin1": f"Province {p}", "admin2": None,
                          "latitude": lat0 + 2.5, "longitude": lon0 + 2.5, "geo_precision": 3} for p in range(6)]
            towns = [{"place_id": f"{code}-t{k}", "name": f"Town {k}", "country": f"Country {code}",
                      "country_code": code, "admin1": f"Province {k % 6}", "admin2": None,
                      "latitude": round(lat0 + rng.uniform(0, 5), 4), "longitude": round(lon0 + rng.uniform(0, 5), 4),
                      "geo_precision": 1} for k in range(TOWNS)]
            whole = {"place_id": f"country-{code}", "name": f"Country {code}", "country": f"Country {code}",
                     "country_code": code, "admin1": None, "admin2": None, "latitude": lat0 + 2.5,
                     "longitude": lon0 + 2.5, "geo_precision": 3}
            actors = [f"Actor {code}-{a}" for a in range(8)]
            self.countries.append((towns, provinces, whole, actors))

    def reports(self, rng: random.Random, count: int, prefix: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while len(out) < count:
            towns, provinces, whole, actors = rng.choice(self.countries)
            article = f"{prefix}a{len(out):08d}"
            day = DAY0 + timedelta(days=rng.randrange(self.days))
            for _ in range(min(count - len(out), rng.choice((1, 1, 2, 3)))):
                roll = rng.random()
                place = rng.choice(towns) if roll < 0.75 else rng.choice(provinces) if roll < 0.9 else whole
                precision = 1 if rng.random() < 0.8 else 2
                start = day - timedelta(days=rng.randrange(7)) if precision == 2 else day
                sub, event_type = rng.choice(SUBS)
                killed = rng.choice((None, None, 1, 2, 5, 12))
                out.append({
                    "mention_id": f"{prefix}m{len(out):08d}", "article_id": article, "sub_event_type": sub,
                    "event_type": event_type, "plover_event": "ASSAULT", "plover_mode": None,
                    "date": {"start": start.isoformat(), "end": day.isoformat(), "precision": precision},
                    "actor1": rng.choice(actors + [None]), "actor2": rng.choice(actors + [None, None, None]),
                    "place": place, "confidence": rng.choice((0.5, 0.6, 0.7)),
                    "claims": [] if killed is None else [{"claimant": "officials", "killed": killed, "injured": None,
                                                          "qualifier": None,
                                                          "quote": {"start": 0, "end": 9, "text": "killed"}}],
                    "responsibility": [], "weapons": [], "targets": [],
                    "quote": {"start": 0, "end": 40, "text": "Synthetic report of an event for the bench."},
                    "_outlet": f"Outlet {rng.randrange(50)}", "_published": day.isoformat(),
                    "_path": f"{article}.txt",
                })
        return out


def any_actor(a: str | None, b: str | None) -> bool:
    return a == b


def fill(store: Store, world: World, size: int, seed: int) -> float:
    rng = random.Random(seed)
    started = time.perf_counter()
    done = 0
    while done < size:
        chunk = world.reports(rng, min(INSERT_CHUNK, size - done), f"s{done // INSERT_CHUNK:04d}")
        with store.engine.begin() as c:
            ms.insert_mentions(c, chunk)
        done += len(chunk)
    return time.perf_counter() - started


def timed_merge(store: Store, **kwargs: Any) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run_merge(store, any_actor, **kwargs)
    return {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2)}


def ingest_batch(store: Store, world: World, rng: random.Random, prefix: str, **kwargs: Any) -> dict[str, Any]:
    with store.engine.begin() as c:
        ms.insert_mentions(c, world.reports(rng, BATCH, prefix))
    result = timed_merge(store, **kwargs)
    with store.engine.connect() as c:
        result["events"] = c.execute(select(func.count()).select_from(t.events)).scalar_one()
    return result


def run_one(url: str, size: int, *, before: bool) -> dict[str, Any]:
    world = World(days=max(30, size // (COUNTRIES * PER_COUNTRY_DAY)))
    store = Store(url)
    row: dict[str, Any] = {"size": size}
    row["fill_s"] = round(fill(store, world, size, seed=size), 1)
    row["first_merge"] = timed_merge(store)
    print(json.dumps({"progress": row}), file=sys.stderr, flush=True)
    rng = random.Random(size + 1)
    row["after"] = ingest_batch(store, world, rng, "n1")
    if before:
        row["before"] = ingest_batch(store, world, rng, "n2", full_share=0.0)
    row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    store.dispose()
    return row


def pg_database() -> tuple[str, Any]:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"cw_bench_merge_{os.getpid()}"
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--no-before", action="store_true", help="skip the full-block merge (slow at 1M)")
    parser.add_argument("--json", type=Path, help="append the rows to this JSON-lines file")
    args = parser.parse_args()
    for size in args.sizes:
        for db in args.db or ["sqlite"]:
            with tempfile.TemporaryDirectory(prefix="cw_merge_") as tmp:
                drop = None
                url = f"sqlite:///{tmp}/cw.db"
                if db == "postgresql":
                    url, drop = pg_database()
                try:
                    row = {"db": db, **run_one(url, size, before=not args.no_before)}
                finally:
                    if drop:
                        drop()
            print(json.dumps(row), flush=True)
            if args.json:
                with args.json.open("a") as out:
                    out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    sys.exit(main())
