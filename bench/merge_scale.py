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
server of ``$CONFLICTWIRE_TEST_PG`` (default 127.0.0.1:5432, db ``test``).  On PostgreSQL the
server's CPU seconds for the merge (its backends' utime + stime from /proc) are reported as
``server_cpu_s`` next to the client's.

``--cache DIR``: keep each filled and fully merged store (a SQLite file under DIR, a PostgreSQL
template database ``cw_bench_tpl_<size>``) and start from a copy of it next time: filling a
million reports and merging them in full takes most of an hour, the measured ingest seconds.
A PostgreSQL store is copied from the SQLite one of the same size when
that is cached (the same rows: the merge gives the same events on both).  ``--drop-cache`` removes them.
``--vacuum``: ``VACUUM ANALYZE`` a PostgreSQL store before the measured ingest (autovacuum's work
on a server that runs it; without it the planner has no statistics and indexes keep dead entries).  ``--profile FILE`` writes a cProfile of the "after" merge.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import random
import resource
import shutil
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


def server_cpu(store: Store) -> dict[int, float] | None:
    """CPU seconds so far of each PostgreSQL backend serving this database (None: not PostgreSQL or
    not readable)."""
    if store.engine.dialect.name != "postgresql":
        return None
    with store.engine.connect() as c:
        pids = [r[0] for r in c.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))]
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        out[pid] = (int(fields[11]) + int(fields[12])) / tick
    return out


def timed_merge(store: Store, profile: Path | None = None, **kwargs: Any) -> dict[str, float]:
    server = server_cpu(store)
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profiler = cProfile.Profile(time.process_time)  # CPU: wall time on a loaded machine misleads
        profiler.runcall(run_merge, store, any_actor, **kwargs)
        profiler.dump_stats(str(profile))
    else:
        run_merge(store, any_actor, **kwargs)
    out = {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2)}
    after = server_cpu(store) if server is not None else None
    if server is not None and after is not None:
        out["server_cpu_s"] = round(sum(v - server.get(pid, 0.0) for pid, v in after.items()), 2)
    return out


def ingest_batch(store: Store, world: World, rng: random.Random, prefix: str, profile: Path | None = None,
                 **kwargs: Any) -> dict[str, Any]:
    started = time.perf_counter()
    with store.engine.begin() as c:
        ms.insert_mentions(c, world.reports(rng, BATCH, prefix))
    insert_s = round(time.perf_counter() - started, 2)
    result = timed_merge(store, profile, **kwargs)
    result["insert_s"] = insert_s
    with store.engine.connect() as c:
        result["events"] = c.execute(select(func.count()).select_from(t.events)).scalar_one()
    return result


def digest(store: Store) -> str:
    """A hash of every table the merge writes (to check two versions of the merge agree to the row)."""
    import hashlib

    tables = (t.events, t.event_sources, t.claims, t.possible_duplicates, t.merge_items, t.actors)
    h = hashlib.sha256()
    with store.engine.connect() as c:
        for table in tables:
            key = list(table.primary_key.columns) or list(table.columns)
            for row in c.execute(select(table).order_by(*key)):
                h.update(json.dumps([str(v) for v in row], sort_keys=True).encode())
    return h.hexdigest()[:16]


def run_one(url: str, size: int, *, before: bool, cached: bool = False, save: Any = None,
            profile: Path | None = None, check: bool = False, vacuum: bool = False) -> dict[str, Any]:
    world = World(days=max(30, size // (COUNTRIES * PER_COUNTRY_DAY)))
    started = time.perf_counter()
    store = Store(url)
    row: dict[str, Any] = {"size": size}
    if cached:
        row["open_s"] = round(time.perf_counter() - started, 1)  # the copy, and any migration
    else:
        row["fill_s"] = round(fill(store, world, size, seed=size), 1)
        row["first_merge"] = timed_merge(store)
        if save:
            store.dispose()
            save()
    print(json.dumps({"progress": row}), file=sys.stderr, flush=True)
    if vacuum and store.engine.dialect.name == "postgresql":  # what autovacuum does after a bulk load
        started = time.perf_counter()
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
        row["vacuum_s"] = round(time.perf_counter() - started, 1)
    rng = random.Random(size + 1)
    row["after"] = ingest_batch(store, world, rng, "n1", profile)
    if check:
        row["after"]["digest"] = digest(store)
    if before:
        row["before"] = ingest_batch(store, world, rng, "n2", full_share=0.0)
    row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    store.dispose()
    return row


def pg_database(template: str | None = None) -> tuple[str, Any]:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"cw_bench_merge_{os.getpid()}"
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}", drop


def pg_databases() -> set[str]:
    admin = create_engine(PG_ADMIN)
    with admin.connect() as c:
        names = {r[0] for r in c.execute(text("SELECT datname FROM pg_database"))}
    admin.dispose()
    return names


def pg_copy(source: str, target: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{target}" TEMPLATE "{source}"'))
    admin.dispose()


def pg_drop(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def copy_sqlite_to_pg(sqlite_path: Path, url: str) -> None:
    """Fill a fresh PostgreSQL store with every row of a merged SQLite store (COPY): the merge is
    the same function of the reports on both (the digests agree), and a million-report full merge
    on PostgreSQL took most of an hour on this machine."""
    import sqlite3

    Store(url).dispose()  # the schema, by the migrations
    engine = create_engine(url)
    source = sqlite3.connect(sqlite_path)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for table in t.metadata.sorted_tables:
            names = [c.name for c in table.columns]
            quoted = ", ".join(f'"{n}"' for n in names)
            with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                for row in source.execute(f'SELECT {quoted} FROM "{table.name}"'):
                    copy.write_row(row)
        raw.commit()
    finally:
        raw.close()
        source.close()
        engine.dispose()


def prepare(db: str, size: int, tmp: str, cache: Path | None) -> tuple[str, Any, bool, Any]:
    """The store's URL, how to drop it, whether it is a cached copy, and how to save it to the cache."""
    if db == "sqlite":
        path = Path(tmp) / "cw.db"
        cached = cache / f"cw_{size}.db" if cache else None
        if cached and cached.exists():
            shutil.copyfile(cached, path)
            return f"sqlite:///{path}", None, True, None
        save = (lambda: shutil.copyfile(path, cached)) if cached else None  # noqa: E731
        return f"sqlite:///{path}", None, False, save
    template = f"cw_bench_tpl_{size}"
    if cache and template in pg_databases():
        url, drop = pg_database(template)
        return url, drop, True, None
    if cache and (cache / f"cw_{size}.db").exists():  # the SQLite store of this size, copied
        url, drop = pg_database()
        copy_sqlite_to_pg(cache / f"cw_{size}.db", url)
        pg_copy(url.rsplit("/", 1)[1], template)
        return url, drop, True, None
    url, drop = pg_database()
    save = (lambda: pg_copy(url.rsplit("/", 1)[1], template)) if cache else None  # noqa: E731
    return url, drop, False, save


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--no-before", action="store_true", help="skip the full-block merge (slow at 1M)")
    parser.add_argument("--json", type=Path, help="append the rows to this JSON-lines file")
    parser.add_argument("--cache", type=Path, help="keep filled and merged stores here (and in PostgreSQL "
                        "template databases) and start from them next time")
    parser.add_argument("--drop-cache", action="store_true", help="remove the cached stores of --sizes and exit")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the 'after' merge (FILE.<db>.<size>)")
    parser.add_argument("--digest", action="store_true", help="hash every merge table after the 'after' merge")
    parser.add_argument("--vacuum", action="store_true", help="PostgreSQL: VACUUM ANALYZE the store before the "
                        "ingest, as autovacuum would (this server runs without it: no planner statistics)")
    args = parser.parse_args()
    if args.drop_cache:
        for size in args.sizes:
            if args.cache:
                (args.cache / f"cw_{size}.db").unlink(missing_ok=True)
            pg_drop(f"cw_bench_tpl_{size}")
        return
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        for db in args.db or ["sqlite"]:
            with tempfile.TemporaryDirectory(prefix="cw_merge_") as tmp:
                url, drop, cached, save = prepare(db, size, tmp, args.cache)
                profile = Path(f"{args.profile}.{db}.{size}") if args.profile else None
                try:
                    row = {"db": db, **run_one(url, size, before=not args.no_before, cached=cached, save=save,
                                               profile=profile, check=args.digest, vacuum=args.vacuum)}
                finally:
                    if drop:
                        drop()
            print(json.dumps(row), flush=True)
            if args.json:
                with args.json.open("a") as out:
                    out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    sys.exit(main())
