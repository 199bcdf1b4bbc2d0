"""Real headlines against the UCDP GED events they were coded into: recall, tolls, actors, merging.

A measurement script, not a test.  Reads ``../shared/data/ucdp-syria-dev`` (UCDP GED Syria, CC BY
4.0: Sundberg & Melander 2013, Davies et al. 2024; see that folder's README) and never copies it.

What runs: a seeded sample of headlines from each period (``--per-period``, default 1,000; ``0`` =
all) is written as one JSONL feed (``url``, ``text``, ``published``, ``outlet`` exactly as given) and
ingested through the real pipeline into a temporary SQLite store, merge included.  Exported events
are traced back to their headlines through ``sources[].document`` (``feed.jsonl#L<n>``).

Matching (documented in docs/evaluation.md, "Real headlines"):
  * A gold event is *in the sample* when at least one of its headlines is sampled.
  * A produced event is a *candidate* for a gold event when one of its sources is one of the gold
    event's sampled headlines, its ``event_date`` lies in [date_start - 1 day, date_end + 1 day],
    and its type is lethal political violence (Battles, Explosions/Remote violence, Violence
    against civilians): UCDP codes only fatal organised violence, so protests, riots and strategic
    developments never match.
  * Pairs are taken greedily one-to-one, best first: same toll as deaths_best, then toll within
    [deaths_low, deaths_high], then place distance, then ids (deterministic).
  * recall = matched gold events / gold events in the sample.  Headline recall = sampled headlines
    whose gold events include at least one matched event / sampled headlines.

Fields on matched pairs: toll exact (fatalities == deaths_best), toll within [low, high], and toll
exact when stated (among pairs whose headline writes UCDP's deaths_best as digits: the part of the
toll a headline can give; most headlines state no number and UCDP's figure comes from elsewhere); actor1
right = actor1's class is one of the two sides' classes (for one-sided violence, type 3, it must be
side_a, the perpetrator); both sides = actor1 and actor2 together name side_a and side_b; the UCDP
type_of_violence against our event type; place within UCDP's precision (where_prec 1: 10 km, 2: 25
km, 3: 50 km, 4: 100 km, 5-6: country) when we gave coordinates.
Merging: gold events with two or more sampled headlines that each produced a candidate: merged when
all those candidates are one event.  Over-merge: produced events whose headlines share no gold event.

The actor classes (UCDP side name -> our registry names) are ``UCDP_CLASSES`` / ``our_classes`` below.

Usage: .venv/bin/python bench/ucdp_eval.py [--per-period 1000] [--seed 14] [--json out.json]
       [--dump misses.jsonl]   (every sampled headline with its gold events and our events)
       [--clusters merged.jsonl]   (every event built from 2+ headlines: its headlines, their gold
                                    events, and whether it over-merges)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from conflictwire.geo import haversine_km

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ucdp_data import UCDP, load_gold, read_jsonl  # noqa: E402  (the shared loader; $CONFLICTWIRE_SHARED wins)
PERIODS = ("2016", "2018-2019")
LETHAL = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
PLACE_KM = {1: 10.0, 2: 25.0, 3: 50.0, 4: 100.0}

# UCDP side name -> actor class.  Anything else on a side (composite rebel names such as
# "Hawar Kilis Operations Room", "Ahrar al-Sham, Jabhat Fateh al-Sham, ...", "SNA", "HTS") is a
# Syrian insurgent for this comparison.
UCDP_CLASSES = {
    "Government of Syria": "syrian state", "Syrian insurgents": "syrian insurgents", "IS": "islamic state",
    "SDF": "sdf", "Civilians": "civilians", "Government of Turkey": "turkish state",
    "Government of Iraq": "iraqi state", "Government of Israel": "israeli state",
    "Government of Iran": "iranian state", "Hezbollah": "hezbollah", "Government of Russia": "russian state",
    "Government of United States of America": "us/coalition",
}
_OUR_CLASS_PATTERNS = [  # (regex on our actor name, classes); first match wins
    (r"^(Military|Police) Forces of Syria|^Government of Syria|National Defense Forces|Syrian state",
     {"syrian state"}),
    (r"^Military Forces of Russia", {"russian state", "syrian state"}),
    (r"^Military Forces of Iran|Islamic Revolutionary Guard", {"iranian state", "syrian state"}),
    (r"^Hezbollah", {"hezbollah", "syrian state"}),
    (r"^Islamic State|^Jaysh Khalid ibn al-Walid", {"islamic state"}),
    (r"^(SDF|YPG|YPJ)\b|Syrian Arab Coalition|Asayish", {"sdf"}),
    (r"^(Military|Police) Forces of Turkey", {"turkish state"}),
    (r"^(Military|Police) Forces of Iraq|^Government of Iraq|Popular Mobilization", {"iraqi state"}),
    (r"^Military Forces of Israel", {"israeli state"}),
    (r"^Military Forces of the United States|^Coalition Forces", {"us/coalition"}),
    (r"^Civilians", {"civilians"}),
    (r"Tahrir al-Sham|National Army|^Opposition Rebels|Faylaq|^NLF|Zenki|Turkistan|Jund al-Aqsa|Free Syrian Army|Ahrar al-Sham|Jaysh al-Islam|Faylaq al-Rahman|"
     r"Rahman Corps|National Front for Liberation|Opposition|Rebels \(Syria\)|Syrian rebels|Hurras al-Din|"
     r"Nour al-Din|Sham Legion|Jaysh al-Izza|Jaish al-Izza|Southern Front|Liwa|Brigade|Division|Army of|"
     r"Turkistan|Jaysh|Jabhat|Fatah Halab|Ahrar al-Sharqiya|Hamza", {"syrian insurgents"}),
]


def ucdp_classes(side: str | None) -> set[str]:
    if not side:
        return set()
    return {UCDP_CLASSES.get(side, "syrian insurgents")}


def our_classes(name: str | None) -> set[str]:
    if not name:
        return set()
    for pattern, classes in _OUR_CLASS_PATTERNS:
        if re.search(pattern, name):
            return classes
    return {"other:" + name}


def load(period: str) -> tuple[list[dict[str, Any]], dict[str, list[int]], dict[int, dict[str, Any]]]:
    inputs = read_jsonl(UCDP / f"{period}.input.jsonl")
    headline_records, events = load_gold(period)
    headlines = {record["url"]: record["event_ids"] for record in headline_records}
    return inputs, headlines, events


def sample(inputs: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    if n <= 0 or n >= len(inputs):
        return list(inputs)
    return random.Random(seed).sample(inputs, n)


def sample_periods(per_period: int, seed: int, periods: tuple[str, ...] | list[str] = PERIODS
                   ) -> tuple[list[tuple[str, list[dict[str, Any]], dict[str, list[int]], dict[int, dict[str, Any]]]],
                              list[dict[str, Any]]]:
    """Each period's sample (period, sampled records, headline -> gold ids, gold events) and all sampled
    records in order: the feed every measurement on these headlines ingests."""
    period_samples = []
    records: list[dict[str, Any]] = []
    for period in periods:
        inputs, headlines, events = load(period)
        chosen = sample(inputs, per_period, seed)
        period_samples.append((period, chosen, headlines, events))
        records += chosen
    return period_samples, records


def run_pipeline(records: list[dict[str, Any]], folder: Path) -> tuple[list[dict[str, Any]], float]:
    """Ingest ``records`` (one headline each) into a temporary store; exported events and wall seconds
    (the pipeline runs in a worker process; wall time moves with the machine's load)."""
    from conflictwire import export as exporter
    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store

    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    store = Store(f"sqlite:///{folder / 'ucdp.db'}")
    started = time.perf_counter()
    ingest([feed], store)
    cpu = time.perf_counter() - started
    rows = [json.loads(line) for line in exporter.export_to_string(store, "events", "jsonl").splitlines()
            if line.strip()]
    return rows, cpu


def _lines(event: dict[str, Any]) -> set[int]:
    out = set()
    for source in event.get("sources") or []:
        m = re.search(r"#L(\d+)$", source.get("document") or "")
        if m:
            out.add(int(m.group(1)) - 1)
    return out


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def candidate(ours: dict[str, Any], gold: dict[str, Any]) -> bool:
    day = _iso(ours.get("event_date"))
    start, end = _iso(gold["date_start"]), _iso(gold["date_end"])
    if day is None or start is None or end is None:
        return False
    return ours.get("event_type") in LETHAL and start - timedelta(days=1) <= day <= end + timedelta(days=1)


def _pair_score(ours: dict[str, Any], gold: dict[str, Any]) -> tuple:
    toll = ours.get("fatalities")
    exact = toll is not None and toll == gold.get("deaths_best")
    within = toll is not None and (gold.get("deaths_low") or 0) <= toll <= (gold.get("deaths_high") or 0)
    km = 1e9
    if ours.get("latitude") is not None and gold.get("latitude") is not None:
        km = haversine_km(ours["latitude"], ours["longitude"], gold["latitude"], gold["longitude"])
    return (not exact, not within, km)


def actor1_right(ours: dict[str, Any], gold: dict[str, Any]) -> bool:
    mine = our_classes(ours.get("actor1"))
    if gold["type_of_violence"] == 3:
        return bool(mine & ucdp_classes(gold["side_a"]))
    return bool(mine & (ucdp_classes(gold["side_a"]) | ucdp_classes(gold["side_b"])))


def both_sides(ours: dict[str, Any], gold: dict[str, Any]) -> bool:
    a1, a2 = our_classes(ours.get("actor1")), our_classes(ours.get("actor2"))
    sa, sb = ucdp_classes(gold["side_a"]), ucdp_classes(gold["side_b"])
    return bool((a1 & sa and a2 & sb) or (a1 & sb and a2 & sa))


def place_right(ours: dict[str, Any], gold: dict[str, Any]) -> bool | None:
    if ours.get("latitude") is None:
        return None
    prec = gold.get("where_prec") or 6
    if prec >= 5:
        return ours.get("country_code") == "SY"
    return haversine_km(ours["latitude"], ours["longitude"], gold["latitude"], gold["longitude"]) <= PLACE_KM[prec]


def evaluate(period_samples: list[tuple[str, list[dict[str, Any]], dict[str, list[int]], dict[int, dict]]],
             events: list[dict[str, Any]], url_of_line: list[str]) -> dict[str, Any]:
    headline_gold: dict[str, list[int]] = {}
    gold: dict[int, dict[str, Any]] = {}
    for _period, records, headlines, period_events in period_samples:
        for record in records:
            ids = [e for e in headlines.get(record["url"], []) if e in period_events]  # a few ids have no record
            headline_gold[record["url"]] = ids
            for event_id in ids:
                gold[event_id] = period_events[event_id]
    by_url: dict[str, list[int]] = defaultdict(list)  # url -> indexes into events
    for i, event in enumerate(events):
        for line in _lines(event):
            by_url[url_of_line[line]].append(i)
    gold_urls: dict[int, set[str]] = defaultdict(set)
    for url, ids in headline_gold.items():
        for event_id in ids:
            gold_urls[event_id].add(url)

    pairs = []
    for event_id, urls in gold_urls.items():
        seen = set()
        for url in urls:
            for i in by_url.get(url, []):
                if i not in seen and candidate(events[i], gold[event_id]):
                    seen.add(i)
                    pairs.append((_pair_score(events[i], gold[event_id]), event_id, events[i]["event_id"], i))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _score, event_id, _eid, i in pairs:
        if event_id not in matched and i not in used:
            matched[event_id] = i
            used.add(i)

    n_headlines = len(headline_gold)
    with_event = sum(1 for url in headline_gold if by_url.get(url))
    headline_hit = sum(1 for url, ids in headline_gold.items() if any(e in matched for e in ids))
    m = list(matched.items())
    toll_exact = sum(1 for g, i in m if events[i].get("fatalities") == gold[g].get("deaths_best"))
    toll_within = sum(1 for g, i in m if events[i].get("fatalities") is not None
                      and (gold[g].get("deaths_low") or 0) <= events[i]["fatalities"] <= (gold[g].get("deaths_high") or 0))
    toll_given = sum(1 for _g, i in m if events[i].get("fatalities"))
    texts = {r["url"]: r["text"] for _p, records, _h, _e in period_samples for r in records}
    stated = [(g, i) for g, i in m if (gold[g].get("deaths_best") or 0) > 0 and any(
        re.search(rf"(?<![\d,.]){gold[g]['deaths_best']}(?![\d,])", texts[u]) for u in gold_urls[g])]
    stated_exact = sum(1 for g, i in stated if events[i].get("fatalities") == gold[g]["deaths_best"])
    a1 = sum(1 for g, i in m if actor1_right(events[i], gold[g]))
    a1_empty = sum(1 for _g, i in m if not events[i].get("actor1"))
    sides = sum(1 for g, i in m if both_sides(events[i], gold[g]))
    placed = [place_right(events[i], gold[g]) for g, i in m]
    tov = Counter((gold[g]["type_of_violence"], events[i].get("sub_event_type")) for g, i in m)

    # merging: gold events reported by >= 2 sampled headlines that each gave a candidate
    merge_n = merge_ok = 0
    for event_id, urls in gold_urls.items():
        per_url = []
        for url in urls:
            cands = {events[i]["event_id"] for i in by_url.get(url, []) if candidate(events[i], gold[event_id])}
            if cands:
                per_url.append(cands)
        if len(per_url) >= 2:
            merge_n += 1
            merge_ok += bool(set.intersection(*per_url))
    multi = [e for e in events if len({url_of_line[ln] for ln in _lines(e)}) >= 2]
    over = sum(1 for e in multi
               if not set.intersection(*[set(headline_gold.get(url_of_line[ln], [])) for ln in _lines(e)]))
    unmatched = Counter(events[i].get("sub_event_type") for i in range(len(events)) if i not in used)

    def share(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "headlines": n_headlines, "headlines_with_event": with_event, "share_with_event": share(with_event, n_headlines),
        "events_produced": len(events), "gold_events": len(gold), "matched": len(matched),
        "event_recall": share(len(matched), len(gold)), "headline_recall": share(headline_hit, n_headlines),
        "toll_exact": share(toll_exact, len(m)), "toll_within": share(toll_within, len(m)),
        "toll_given": share(toll_given, len(m)),
        "toll_stated": len(stated), "toll_exact_when_stated": share(stated_exact, len(stated)),
        "actor1_right": share(a1, len(m)), "actor1_empty": share(a1_empty, len(m)), "both_sides": share(sides, len(m)),
        "place_given": share(sum(p is not None for p in placed), len(m)),
        "place_right_of_given": share(sum(bool(p) for p in placed), sum(p is not None for p in placed)),
        "type_of_violence_vs_ours": {f"{k[0]}|{k[1]}": v for k, v in sorted(tov.items(), key=lambda kv: -kv[1])},
        "merge_eligible": merge_n, "merged": share(merge_ok, merge_n),
        "multi_headline_events": len(multi), "over_merged": over,
        "unmatched_events_by_type": dict(unmatched.most_common()),
        "_matched": matched,
    }


def write_clusters(path: Path, period_samples: list, produced: list[dict[str, Any]], url_of_line: list[str]) -> None:
    """Every produced event with headlines from two or more sampled lines: what over-merging looks like."""
    gold_all = {k: v for _p, _r, _h, ev in period_samples for k, v in ev.items()}
    headline_gold = {r["url"]: [g for g in h.get(r["url"], []) if g in gold_all] for _p, rs, h, _e in period_samples for r in rs}
    text = {r["url"]: r for _p, rs, _h, _e in period_samples for r in rs}
    with path.open("w", encoding="utf-8") as out:
        for event in produced:
            urls = sorted({url_of_line[line] for line in _lines(event)})
            if len(urls) < 2:
                continue
            shared = set.intersection(*[set(headline_gold[u]) for u in urls])
            out.write(json.dumps({
                "over_merged": not shared, **{k: event.get(k) for k in ("event_id", "event_date", "sub_event_type",
                                                                         "location", "geo_precision", "fatalities")},
                "headlines": [{"text": text[u]["text"], "outlet": text[u]["outlet"], "published": text[u]["published"],
                               "gold": [{k: gold_all[g][k] for k in ("event_id", "date_start", "place", "deaths_best")}
                                        for g in headline_gold[u]]} for u in urls]},
                ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-period", type=int, default=1000, help="headlines sampled per period (0 = all)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--periods", nargs="*", default=list(PERIODS))
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument("--dump", type=Path, help="write every sampled headline with gold and our events (JSONL)")
    parser.add_argument("--clusters", type=Path, help="write every event built from 2+ headlines (JSONL)")
    parser.add_argument("--produced", type=Path, help="save the exported events here; with --reuse, read them instead")
    parser.add_argument("--reuse", action="store_true", help="score the events saved with --produced (no pipeline run)")
    args = parser.parse_args()
    if not (UCDP / "2016.input.jsonl").is_file():
        sys.exit(f"ucdp_eval: no UCDP headlines under {UCDP} (expected 2016.input.jsonl): nothing to measure")
    period_samples, records = sample_periods(args.per_period, args.seed, args.periods)
    if args.reuse and args.produced and args.produced.is_file():
        produced, cpu = [json.loads(line) for line in args.produced.open(encoding="utf-8")], 0.0
    else:
        with tempfile.TemporaryDirectory(prefix="cw_ucdp_") as tmp:
            produced, cpu = run_pipeline(records, Path(tmp))
        if args.produced:
            args.produced.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in produced), encoding="utf-8")
    url_of_line = [r["url"] for r in records]
    result = evaluate(period_samples, produced, url_of_line)
    matched = result.pop("_matched")
    result["wall_seconds"] = round(cpu, 1)
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if args.clusters:
        write_clusters(args.clusters, period_samples, produced, url_of_line)
    if args.dump:
        gold_all = {k: v for _p, _r, _h, ev in period_samples for k, v in ev.items()}
        headline_gold = {r["url"]: [g for g in h.get(r["url"], []) if g in gold_all] for _p, rs, h, _e in period_samples for r in rs}
        ours_by_url: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event in produced:
            for line in _lines(event):
                ours_by_url[url_of_line[line]].append(event)
        matched_ids = {produced[i]["event_id"]: g for g, i in matched.items()}
        with args.dump.open("w", encoding="utf-8") as out:
            for record in records:
                gold_events = [{k: gold_all[g][k] for k in ("event_id", "date_start", "place", "deaths_best", "side_a",
                                                            "side_b", "type_of_violence")} | {"found": g in matched}
                               for g in headline_gold[record["url"]]]
                ours = [{k: e.get(k) for k in ("event_id", "event_date", "sub_event_type", "actor1", "actor2", "location",
                                               "fatalities")} | {"gold": matched_ids.get(e["event_id"])}
                        for e in ours_by_url.get(record["url"], [])]
                out.write(json.dumps({"text": record["text"], "published": record["published"],
                                      "outlet": record["outlet"], "gold": gold_events, "ours": ours},
                                     ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
