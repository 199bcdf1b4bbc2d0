"""Full-length articles in the style of the real Syrian-war articles (issue 14): the main event's toll,
type, governorate and actor1, and whether a cumulative or period tally leaks into an event.

A measurement script (tests/test_real_style_articles.py guards its numbers with floors).  Reads
tests/fixtures/real_style_articles/*.yaml (written by the team, see the README there), writes them as
one JSONL feed (url, title, outlet, published, text) and ingests it through the real pipeline into a
temporary SQLite store.

Matching, per article: the events sourced from the article, in Syria, dated within a day of the
annotated date, of a lethal type (Battles, Explosions/Remote violence, Violence against civilians).
*Found* when one of them lies in the annotated governorate; the *main* event is, among those, the one
whose type is acceptable, then the one whose first quote comes earliest in the article (the lede).
On the main event: toll exact (fatalities == the annotated figure), type, actor1 class (as in
bench/ucdp_eval.py), claims kept (killed, and injured when annotated, with a claimant containing the
annotated name), and *all right* (governorate, type and toll together).
A *double count* is another event of the article with the main event's (non-zero) toll.
A *tally leak* is any event of the article whose fatalities, or any of whose claims' killed, is one of
the article's `not_tolls` (cumulative, period or background figures, doubled tolls), or a main event whose
fatalities or a claim's killed is one of `not_main` (another event's figure: the other country's strikes).

Two sets, each ingested and scored on its own: set 1 (the folder's own files, 26 articles, Syria) and
set 2 (`set2/`, 15 articles of 400-550 words from other outlets, main events in Syria, Iraq and Yemen;
`country` in the annotation, default Syria; a claimant may list alternatives separated by "|").

Usage: .venv/bin/python bench/real_style_articles.py [--set 1|2] [--json out.json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "tests" / "fixtures" / "real_style_articles"
SETS = {"1": FIXTURES, "2": FIXTURES / "set2"}
sys.path.insert(0, str(HERE))
from ucdp_eval import our_classes as _ucdp_classes  # noqa: E402  (the actor classes of the UCDP bench)

LETHAL = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# Set 2's Yemeni actors, which the (Syrian) UCDP bench has no class for.
_YEMEN_CLASSES = [(r"^Ansar Allah|Houthi", {"ansar allah"}),
                  (r"^Military Forces of Saudi Arabia|^Operation (Decisive Storm|Restoring Hope)", {"saudi state"})]


def our_classes(name: str | None) -> set[str]:
    for pattern, classes in _YEMEN_CLASSES:
        if name and re.search(pattern, name):
            return classes
    return _ucdp_classes(name)


def load_articles(folder: Path = FIXTURES) -> list[dict[str, Any]]:
    articles = []
    for path in sorted(folder.glob("*.yaml")):
        article = yaml.safe_load(path.read_text(encoding="utf-8"))
        article["id"] = path.stem
        articles.append(article)
    return articles


def produce(articles: list[dict[str, Any]]) -> tuple[dict[str, list[dict[str, Any]]], float]:
    """Events per article id, and the CPU seconds the ingest took."""
    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps({k: str(a[k]) for k in ("url", "title", "outlet", "published", "text")},
                                           ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        store = Store(f"sqlite:///{tmp}/articles.db")
        start = time.process_time()
        ingest([feed], store)
        cpu = time.process_time() - start
        by_url = {a["url"]: a["id"] for a in articles}
        ids = {row["article_id"]: by_url.get(row.get("url")) for row in store.iter_articles()}
        events: dict[str, list[dict[str, Any]]] = {a["id"]: [] for a in articles}
        for event in store.iter_events():
            for art in {ids.get(s["article_id"]) for s in event["sources"]} - {None}:
                events[art].append(event)
        return events, cpu


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _claim_kept(event: dict[str, Any], claim: dict[str, Any]) -> bool:
    for c in event.get("claims") or []:
        if c.get("killed") != claim["killed"]:
            continue
        if "injured" in claim and c.get("injured") != claim["injured"]:
            continue
        claimant = (c.get("claimant") or "").lower()
        if any(name.lower() in claimant for name in str(claim["claimant"]).split("|")):
            return True
    return False


def score_article(article: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    want = article["expect"]
    day = _day(want["date"])
    window = [e for e in events if e.get("country") == want.get("country", "Syria") and e.get("event_type") in LETHAL
              and abs((_day(e["event_date"]) - day).days) <= 1]
    placed = [e for e in window if e.get("admin1") == want["admin1"]]
    placed.sort(key=lambda e: (e.get("sub_event_type") not in want["types"],
                               min(s.get("start") or 0 for s in e["sources"])))
    main = placed[0] if placed else None
    leaks = []
    for e in events:
        figures = {e.get("fatalities")} | {c.get("killed") for c in e.get("claims") or []}
        for n in sorted(figures & set(want.get("not_tolls") or []), key=str):
            leaks.append({"figure": n, "event": _brief(e)})
    if main is not None:
        figures = {main.get("fatalities")} | {c.get("killed") for c in main.get("claims") or []}
        for n in sorted(figures & set(want.get("not_main") or []), key=str):
            leaks.append({"figure": n, "event": _brief(main)})
    row: dict[str, Any] = {"id": article["id"], "found": main is not None, "n_events": len(events),
                           "leaks": leaks, "want_killed": want["killed"]}
    if main is not None:
        actor_want = want.get("actor1")
        row.update({
            "toll": main.get("fatalities"),
            "toll_exact": main.get("fatalities") == want["killed"],
            "type_right": main.get("sub_event_type") in want["types"],
            "actor1_right": None if actor_want is None else actor_want in our_classes(main.get("actor1")),
            "claims_kept": [_claim_kept(main, c) for c in want.get("claims") or []],
            "main": _brief(main),
        })
        row["all_right"] = row["toll_exact"] and row["type_right"]
    else:
        row.update({"toll_exact": False, "type_right": False, "all_right": False,
                    "actor1_right": None if want.get("actor1") is None else False,
                    "claims_kept": [False for _ in want.get("claims") or []]})
    row["others"] = [_brief(e) for e in events if e is not main]
    row["double_counted"] = [_brief(e) for e in events if main is not None and e is not main
                             and (main.get("fatalities") or 0) > 0 and e.get("fatalities") == main.get("fatalities")]
    return row


def _brief(e: dict[str, Any]) -> str:
    return (f"{e['event_date']} {e.get('sub_event_type')} @ {e.get('location')}/{e.get('admin1')} "
            f"k={e.get('fatalities')} a1={e.get('actor1')} claims="
            f"{[(c.get('killed'), c.get('injured'), c.get('claimant')) for c in e.get('claims') or []]}")


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    actors = [r["actor1_right"] for r in rows if r["actor1_right"] is not None]
    claims = [k for r in rows for k in r["claims_kept"]]
    return {
        "articles": n,
        "found": sum(r["found"] for r in rows) / n,
        "toll_exact": sum(r["toll_exact"] for r in rows) / n,
        "type_right": sum(r["type_right"] for r in rows) / n,
        "all_right": sum(r["all_right"] for r in rows) / n,
        "actor1_right": sum(actors) / len(actors) if actors else None,
        "actor1_annotated": len(actors),
        "claims_kept": sum(claims) / len(claims) if claims else None,
        "claims": len(claims),
        "tally_leaks": sum(len(r["leaks"]) for r in rows),
        "double_counted": sum(len(r["double_counted"]) for r in rows),
        "articles_with_leak": sum(bool(r["leaks"]) for r in rows),
        "events": sum(r["n_events"] for r in rows),
    }


def run(which: str = "1") -> tuple[dict[str, Any], list[dict[str, Any]], float]:
    articles = load_articles(SETS[which])
    events, cpu = produce(articles)
    rows = [score_article(a, events[a["id"]]) for a in articles]
    return summarise(rows), rows, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="write the summary and the rows here")
    parser.add_argument("--verbose", action="store_true", help="print every article's main and other events")
    parser.add_argument("--set", choices=sorted(SETS), action="append",
                        help="score this set only (repeatable; default: every set, each on its own)")
    args = parser.parse_args()
    out = {}
    for which in args.set or sorted(SETS):
        print(f"== set {which} ==")
        out[which] = _report(which, args.verbose)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1, default=str))


def _report(which: str, verbose: bool) -> dict[str, Any]:
    summary, rows, cpu = run(which)
    summary["cpu_ms_per_article"] = round(1000 * cpu / len(rows), 1)
    for r in rows:
        mark = "ok " if r["all_right"] else ("-- " if not r["found"] else "x  ")
        print(f"{mark}{r['id']:<40} want {r['want_killed']!s:>4} got {r.get('toll')!s:>5} "
              f"type={'y' if r['type_right'] else 'n'} actor={r['actor1_right']} claims={r['claims_kept']}"
              f"{' LEAK ' + str([x['figure'] for x in r['leaks']]) if r['leaks'] else ''}")
        if verbose:
            print("      main:", r.get("main"))
            for o in r["others"]:
                print("      also:", o)
            for leak in r["leaks"]:
                print("      leak:", leak)
    print(json.dumps(summary, indent=1))
    return {"summary": summary, "rows": rows}


if __name__ == "__main__":
    main()
