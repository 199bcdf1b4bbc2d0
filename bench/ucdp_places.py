"""Where our events land against UCDP GED's points, on real Syrian war headlines.

A measurement script, not a test.  Reads ``../shared/data/ucdp-syria-dev`` (UCDP GED, CC BY 4.0:
Sundberg & Melander 2013; Davies et al. 2024) and skips with a reason when it is absent.  The
headlines of one set (default ``2018-2019``: the 2016 set may feed knowledge files, so measuring
on it would be contaminated) go through the real ``ingest`` exactly as a user's feed would; the
exported events are matched back to their headline through the record's line number, and each is
paired with one of the UCDP events coded from that headline: those whose date window (+-2 days)
contains our date, of the same kind of violence where ours says (battle -> 1/2, violence against
civilians -> 3) when that leaves any, then the nearest.  Printed:

* per produced event: distance to the paired UCDP point (quantiles, share within 25 / 100 km),
  share with no coordinates, our geo_precision x UCDP where_prec, governorate (adm_1) right;
* per UCDP event of a headline that produced any event (the issue's measure): share with one of
  our events within 25 / 100 km.

Usage: .venv/bin/python bench/ucdp_places.py [--set 2018-2019] [--limit N] [--keep-db PATH] [--dump PATH]
                                             [--dump-all PATH]

``--dump PATH`` writes one JSON line per produced event whose governorate is wrong, which has no
coordinates, or which lies more than 100 km from its UCDP point (headline, our place and UCDP's),
for reading the failure classes; ``--dump-all PATH`` writes every produced event the same way (with its
input line), to diff the placements of two runs.  Both stay outside the repo (they quote real headlines).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import re
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from conflictwire.geo import haversine_km

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ucdp_data import UCDP as SHARED  # noqa: E402  (the shared loader: ../shared/data/ucdp-syria-dev)
from ucdp_data import load_gold  # noqa: E402


@functools.lru_cache(maxsize=None)
def _governorate_key(name: str | None) -> str:
    """UCDP's "Rif Dimashq Governorate" and our "Rural Damascus" to one key, through the gazetteer."""
    from conflictwire.gazetteer import get_gazetteer, name_key

    if not name:
        return ""
    name = re.sub(r"\s+(?:governorate|province)$", "", name.strip(), flags=re.I)
    gaz = get_gazetteer()
    for variant in (name, f"{name} governorate", f"{name} province"):  # "Hamah" alone is the town
        for row in gaz.candidates(variant):
            if row.place.kind == "admin1":
                return row.place.place_id
    return name_key(name)


def _violence_ok(ours: dict[str, Any], gold: dict[str, Any]) -> bool:
    kind = ours.get("event_type") or ""
    if kind == "Violence against civilians":
        return gold["type_of_violence"] == 3
    if kind == "Battles":
        return gold["type_of_violence"] in (1, 2)
    return True


def _in_window(ours: dict[str, Any], gold: dict[str, Any], slack: int = 2) -> bool:
    try:
        d = date.fromisoformat(ours["event_date"])
        lo = date.fromisoformat(gold["date_start"]) - timedelta(days=slack)
        hi = date.fromisoformat(gold["date_end"]) + timedelta(days=slack)
    except (TypeError, ValueError, KeyError):
        return True
    return lo <= d <= hi


def pair(ours: dict[str, Any], golds: list[dict[str, Any]]) -> dict[str, Any] | None:
    pool = [g for g in golds if _in_window(ours, g)] or golds
    pool = [g for g in pool if _violence_ok(ours, g)] or pool
    if not pool:
        return None
    if ours.get("latitude") is None:
        return pool[0]
    return min(pool, key=lambda g: haversine_km(ours["latitude"], ours["longitude"], g["latitude"], g["longitude"]))


def _miss(record: str, ev: dict[str, Any], g: dict[str, Any], km: float | None, gov_ok: bool) -> dict[str, Any]:
    return {"text": json.loads(record)["text"], "km": None if km is None else round(km, 1), "gov_ok": gov_ok,
            "ours": [ev.get("location"), ev.get("admin1"), ev.get("admin2"), ev.get("geo_precision")],
            "ucdp": [g.get("place"), g.get("adm_1"), g.get("where_prec")], "notes": ev.get("notes")}


def _placed(line: int, record: str, ev: dict[str, Any], g: dict[str, Any]) -> dict[str, Any]:
    """One produced event for ``--dump-all``: enough to diff two runs' placements line by line."""
    km = None if ev.get("latitude") is None else haversine_km(ev["latitude"], ev["longitude"], g["latitude"], g["longitude"])
    gov_ok = bool(g.get("adm_1")) and bool(ev.get("admin1")) and _governorate_key(ev["admin1"]) == _governorate_key(g["adm_1"])
    return {"line": line, "text": json.loads(record)["text"], "km": None if km is None else round(km, 1),
            "gov_ok": gov_ok, "ours": [ev.get("location"), ev.get("admin1"), ev.get("admin2"), ev.get("geo_precision")],
            "ucdp": [g.get("place"), g.get("adm_1"), g.get("where_prec")]}


def run(set_name: str, limit: int | None, db_path: Path, dump: Path | None = None,
        dump_all: Path | None = None) -> None:
    from conflictwire import export as exporter
    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store

    inp = SHARED / f"{set_name}.input.jsonl"
    lines = inp.read_text(encoding="utf-8").splitlines()
    if limit:
        lines = lines[:limit]
    feed = db_path.parent / f"ucdp-{set_name}.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    headlines, events = load_gold(set_name)
    by_line = {g["line"]: [events[i] for i in g["event_ids"] if i in events]
               for g in headlines if g["line"] <= len(lines)}

    store = Store(f"sqlite:///{db_path}")
    ingest([feed], store)
    ours_by_line: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in exporter.export_to_string(store, "events", "jsonl").splitlines():
        if not row.strip():
            continue
        ev = json.loads(row)
        for src in ev.get("sources") or []:
            m = re.search(r"#L(\d+)$", src.get("document") or "")
            if m:
                ours_by_line[int(m.group(1))].append(ev)

    dists: list[float] = []
    no_coords = produced = 0
    confusion: Counter[tuple[Any, int]] = Counter()
    gov_right = gov_n = 0
    misses: list[dict[str, Any]] = []
    every: list[dict[str, Any]] = []
    for line, golds in by_line.items():
        for ev in ours_by_line.get(line, []):
            g = pair(ev, golds)
            if g is None:
                continue
            produced += 1
            every.append(_placed(line, lines[line - 1], ev, g))
            if ev.get("latitude") is None:
                no_coords += 1
                confusion[("none", g["where_prec"])] += 1
                misses.append(_miss(lines[line - 1], ev, g, None, False))
                continue
            km = haversine_km(ev["latitude"], ev["longitude"], g["latitude"], g["longitude"])
            dists.append(km)
            confusion[(ev.get("geo_precision"), g["where_prec"])] += 1
            ok = True
            if g.get("adm_1"):
                gov_n += 1
                ok = bool(ev.get("admin1")) and _governorate_key(ev["admin1"]) == _governorate_key(g["adm_1"])
                gov_right += ok
            if not ok or km > 100:
                misses.append(_miss(lines[line - 1], ev, g, km, ok))
    if dump_all is not None:
        dump_all.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in every), encoding="utf-8")
    if dump is not None:
        dump.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in misses), encoding="utf-8")
    # The measure: per UCDP event of a headline that produced any event.
    g_n = g_25 = g_100 = 0
    for line, golds in by_line.items():
        ours = [e for e in ours_by_line.get(line, []) if e.get("latitude") is not None]
        if not ours_by_line.get(line):
            continue
        for g in golds:
            g_n += 1
            best = min((haversine_km(e["latitude"], e["longitude"], g["latitude"], g["longitude"]) for e in ours),
                       default=math.inf)
            g_25 += best <= 25
            g_100 += best <= 100

    print(f"ucdp-syria-dev/{set_name}: {len(lines)} headlines, {sum(map(len, by_line.values()))} UCDP events; "
          f"{len(ours_by_line)} headlines produced an event")
    print(f"produced events paired with a UCDP event: {produced}; no coordinates: {no_coords} "
          f"({no_coords / max(produced, 1):.1%})")
    if dists:
        q = statistics.quantiles(dists, n=10)
        print(f"distance km: p10 {q[0]:.1f}  p25 {statistics.quantiles(dists, n=4)[0]:.1f}  "
              f"median {statistics.median(dists):.1f}  p75 {statistics.quantiles(dists, n=4)[2]:.1f}  p90 {q[8]:.1f}")
        print(f"within 25 km: {sum(d <= 25 for d in dists) / len(dists):.1%}   "
              f"within 100 km: {sum(d <= 100 for d in dists) / len(dists):.1%}   (of events with coordinates)")
        print(f"governorate right: {gov_right}/{gov_n} ({gov_right / max(gov_n, 1):.1%})")
    print(f"per UCDP event of a producing headline: {g_n}; ours within 25 km {g_25 / max(g_n, 1):.1%}, "
          f"within 100 km {g_100 / max(g_n, 1):.1%}")
    print("geo_precision (rows) x UCDP where_prec (1 exact .. 6 country):")
    print("        " + "".join(f"{w:>6}" for w in range(1, 7)))
    for p in (1, 2, 3, "none"):
        print(f"{p!s:>6}  " + "".join(f"{confusion[(p, w)]:6}" for w in range(1, 7)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="2018-2019", choices=("2018-2019", "2016"))
    parser.add_argument("--limit", type=int, default=None, help="first N headlines only")
    parser.add_argument("--keep-db", type=Path, default=None)
    parser.add_argument("--dump", type=Path, default=None, help="misses as JSON lines (outside the repo)")
    parser.add_argument("--dump-all", type=Path, default=None,
                        help="every produced event as JSON lines, to diff two runs (outside the repo)")
    args = parser.parse_args()
    if not (SHARED / f"{args.set}.input.jsonl").exists():
        sys.exit(f"ucdp_places: skipped: {SHARED}/{args.set}.input.jsonl not found (../shared/data absent)")
    if args.keep_db:
        args.keep_db.unlink(missing_ok=True)
        run(args.set, args.limit, args.keep_db, args.dump, args.dump_all)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(args.set, args.limit, Path(tmp) / "ucdp.db", args.dump, args.dump_all)


if __name__ == "__main__":
    main()
