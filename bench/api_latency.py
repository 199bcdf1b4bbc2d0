"""Latency of the events API's filters on a large store (default: 100,000 synthetic events on PostgreSQL).

    .venv/bin/python bench/api_latency.py --pg postgresql://root@127.0.0.1:5432 [--events 100000]

Events are generated (plausible dates, places, types, actors, sources and claims),
written through ``Store.replace_block`` one country block at a time, then each
filter of ``GET /api/events`` (and ``/api/stats``, ``/api/map``) is called through
the real FastAPI app in-process; the median of several calls is reported with the
PostgreSQL plan's top node, so a sequential scan is easy to spot.  The database is
dropped afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

from conflictwire.models import stable_id
from conflictwire.vocab import SUB_EVENT_TO_TYPE

COUNTRIES = [("IQ", "Iraq", 0.5, (29.5, 37.0, 39.0, 48.5)), ("SY", "Syria", 0.25, (32.5, 37.0, 35.8, 42.0)),
             ("YE", "Yemen", 0.15, (12.8, 18.5, 42.6, 53.0)), ("LB", "Lebanon", 0.05, (33.1, 34.6, 35.1, 36.6)),
             ("JO", "Jordan", 0.05, (29.2, 33.3, 35.0, 39.2))]
ADMIN1 = ["Baghdad", "Al Anbar", "Ninewa", "Kirkuk", "Diyala", "Erbil", "Salah al-Din", "Basrah", "Deir ez-Zor",
          "Aleppo", "Idlib", "Raqqa", "Sanaa", "Marib", "Taizz", "Hodeidah", "South", "Beqaa", "Mafraq"]
ACTORS = ["Islamic State", "Kataib Hezbollah", "Military Forces of Iraq (2020-)", "Popular Mobilization Forces",
          "Military Forces of the United States (2021-)", "Military Forces of Turkey (2016-)",
          "Kurdistan Workers Party", "Hezbollah", "Houthis", "Military Forces of Israel (2022-)",
          "Syrian Democratic Forces", "Hayat Tahrir al-Sham", "Harakat al-Nujaba", "Unidentified Armed Group"] + [
          f"Local militia {n}" for n in range(40)]


def synthetic_events(n: int, seed: int = 11) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    sub_types = sorted(SUB_EVENT_TO_TYPE)
    blocks: dict[str, list[dict[str, Any]]] = {cc: [] for cc, *_ in COUNTRIES}
    weights = [w for _, _, w, _ in COUNTRIES]
    for i in range(n):
        cc, country, _, (lat0, lat1, lon0, lon1) = rng.choices(COUNTRIES, weights)[0]
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        sub = rng.choice(sub_types)
        actor1, actor2 = rng.choice(ACTORS), rng.choice(ACTORS + [None] * 10)
        event_id = stable_id("bench-event", i)
        n_sources = rng.randint(1, 3)
        sources = [{"document": f"feed/{i}-{k}.txt", "article_id": stable_id("a", i, k), "outlet": "Bench Wire",
                    "published": day.isoformat(), "quote": "Synthetic quote for latency measurement.",
                    "start": 0, "end": 40, "mention_id": stable_id("m", i, k)} for k in range(n_sources)]
        killed = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20])
        claims = [{"claimant": "officials", "source_outlet": "Bench Wire", "killed": killed, "injured": None,
                   "qualifier": None, "quote": f"{killed} people were killed", "start": 10, "end": 30,
                   "article_id": sources[0]["article_id"]}] if killed else []
        location = rng.choice(ADMIN1) + f" district {rng.randint(1, 30)}"
        blocks[cc].append({
            "event_id": event_id, "event_date": day.isoformat(), "date_range": None, "time_precision": 1,
            "event_type": SUB_EVENT_TO_TYPE[sub], "sub_event_type": sub, "plover_event": "ASSAULT",
            "plover_mode": None, "actor1": actor1, "assoc_actor_1": None, "inter1": 3, "actor2": actor2,
            "assoc_actor_2": None, "inter2": None if actor2 is None else 1, "country": country,
            "country_code": cc, "admin1": rng.choice(ADMIN1), "admin2": None, "location": location,
            "latitude": round(rng.uniform(lat0, lat1), 4), "longitude": round(rng.uniform(lon0, lon1), 4),
            "geo_precision": rng.choice([1, 1, 2, 3]), "fatalities": killed, "injuries": None, "claims": claims,
            "responsibility": [], "weapons": [], "targets": [], "sources": sources,
            "notes": f"On {day.isoformat()}, {actor1} carried out an attack in {location}.",
            "confidence": 0.7, "merge_reasons": []})
    return blocks


QUERIES = [
    ("no filter, newest 50", "/api/events"),
    ("one month", "/api/events?from=2020-03-01&to=2020-03-31"),
    ("country IQ", "/api/events?country=IQ"),
    ("country by name", "/api/events?country=syria"),
    ("country + one year", "/api/events?country=SY&from=2019-01-01&to=2019-12-31"),
    ("admin1", "/api/events?admin1=diyala"),
    ("sub-event type", "/api/events?type=Air/drone%20strike"),
    ("actor", "/api/events?actor=Kataib%20Hezbollah"),
    ("text search", "/api/events?q=district%2017"),
    ("bbox", "/api/events?bbox=43.0,33.0,45.0,35.0"),
    ("page 200 of all", "/api/events?page=200"),
    ("type + country + year, page 2", "/api/events?type=Armed%20clash&country=IQ&from=2018-01-01&to=2018-12-31&page=2"),
    ("stats, all", "/api/stats?by=month"),
    ("stats, country + year", "/api/stats?country=IQ&from=2021-01-01&to=2021-12-31"),
    ("map, zoom 5", "/api/map?zoom=5"),
]


def measure(url: str, repeats: int) -> list[tuple[str, str, float, float, int]]:
    from fastapi.testclient import TestClient

    from conflictwire.store.db import Store
    from conflictwire.web.app import create_app

    store = Store(url)
    client = TestClient(create_app(store), base_url="http://127.0.0.1")
    rows = []
    for label, path in QUERIES:
        client.get(path)  # warm caches and the plan cache once
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - t)
            assert response.status_code == 200, (path, response.status_code, response.text[:200])
        body = response.json()
        total = body.get("total", 0)
        rows.append((label, path, statistics.median(times) * 1000, max(times) * 1000, total))
    store.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="postgresql://root@127.0.0.1:5432", help="server URL without database")
    parser.add_argument("--db", help="use this existing database URL instead (events already loaded)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    from sqlalchemy import create_engine, text

    from conflictwire.store.db import Store, resolve_url

    admin = None
    url = args.db
    if url is None:
        base = resolve_url(args.pg.rstrip("/") + "/postgres")
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        name = f"cw_latency_{os.getpid()}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        url = base.rsplit("/", 1)[0] + "/" + name
        store = Store(url)
        t = time.perf_counter()
        blocks = synthetic_events(args.events)
        for cc, events in blocks.items():
            store.replace_block(cc, events, [])
        with store.engine.begin() as c:
            c.execute(text("ANALYZE"))
        print(f"loaded {args.events:,} events in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        store.dispose()
    try:
        rows = measure(url, args.repeats)
        print(f"| query | median ms | max ms | matching events |\n|---|---:|---:|---:|")
        for label, path, median, worst, total in rows:
            print(f"| {label} (`{path}`) | {median:.0f} | {worst:.0f} | {total:,} |")
    finally:
        if admin is not None and not args.keep:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        elif admin is not None:
            print(f"kept {url}", file=sys.stderr)


if __name__ == "__main__":
    main()
