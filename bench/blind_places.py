"""Places on the team's blind set of coders' notes and article sentences (issue 15).

A measurement script, not a test.  Reads ``tests/fixtures/places/blind_reports.yaml`` (the team's own
sentences, written before measuring), runs each through the whole pipeline (``process_document``) and
scores its events' places:

* governorate right: an event's admin1 is the expected one (or one of the listed ones);
* district right: where the item names an expected district, the event's admin2 is it;
* precision honest: never precision 1 for a name placed only by its units (precision 1 is honest only
  inside the expected district / governorate, and only where the wording allows it: ``floor``), and never
  finer than ``floor`` otherwise;
* wrong country: any event placed in a country other than the item's.

An item with no placed event counts as unplaced (not as wrong).  ``--show`` prints every item.

Usage: PYTHONPATH=src python bench/blind_places.py [--show] [--file PATH]
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent / "tests" / "fixtures" / "places" / "blind_reports.yaml"


def _key(name: str | None) -> str:
    s = (name or "").lower()
    s = re.sub(r"\b(?:al|ar|as|ash|at|ad|an|az|el)[-\s]", "", s)
    return re.sub(r"[^a-z]", "", s).replace("ou", "u").replace("ee", "i").replace("q", "k")


def _same(a: str | None, b: str | None) -> bool:
    from rapidfuzz import fuzz

    ka, kb = _key(a), _key(b)
    return bool(ka and kb) and (ka == kb or fuzz.ratio(ka, kb) >= 80)


def score(items: list[dict], show: bool = False) -> dict[str, int]:
    from conflictwire.ingest import process_document
    from conflictwire.models import Document

    n = {"items": 0, "placed": 0, "gov": 0, "dist_asked": 0, "dist": 0, "honest": 0, "wrong_country": 0,
         "no_event": 0}
    for i, item in enumerate(items):
        n["items"] += 1
        text = item["text"]
        doc = Document(f"blind{i}", f"blind{i}.txt", f"blind-{i}", "text", text, "utf-8",
                       given_published=date(2019, 3, 26))
        mentions = [m for ex in process_document(doc).extractions for m in ex.mentions]
        places = [m.place for m in mentions if m.place is not None]
        want = item["admin1"] if isinstance(item["admin1"], list) else [item["admin1"]]
        if not mentions:
            n["no_event"] += 1
        wrong_country = any(p.country_code != item["country"] for p in places)
        n["wrong_country"] += wrong_country
        if item.get("admin2"):
            n["dist_asked"] += 1
        verdict = "UNPLACED" if mentions else "NO EVENT"
        if places:
            n["placed"] += 1
            gov = all(p.admin1 in want for p in places)
            dist = bool(item.get("admin2")) and all(_same(p.admin2, item["admin2"]) for p in places)
            honest = all(p.geo_precision >= item["floor"] and not (
                p.geo_precision == 1 and (p.admin1 not in want
                                           or (item.get("admin2") and not _same(p.admin2, item["admin2"]))))
                         for p in places)
            n["gov"] += gov
            n["dist"] += dist
            n["honest"] += honest
            verdict = ("gov " if gov else "GOV-WRONG ") + ("dist " if dist else ("DIST-WRONG " if item.get("admin2") else "")) \
                + ("" if honest else "TOO-PRECISE ") + ("WRONG-COUNTRY" if wrong_country else "")
        if show:
            got = "; ".join(f"{p.name} [{p.country_code}/{p.admin1}/{p.admin2}] p{p.geo_precision}" for p in places)
            print(f"{i:3d} {verdict:28s} {got or '-'}\n     {text[:110]}")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    items = yaml.safe_load(args.file.read_text(encoding="utf-8"))["items"]
    n = score(items, args.show)
    t = n["items"]
    print(f"items {t}; with a placed event {n['placed']} ({n['placed'] / t:.1%}); no event at all {n['no_event']}")
    print(f"governorate right {n['gov']}/{t} ({n['gov'] / t:.1%})")
    print(f"district right {n['dist']}/{n['dist_asked']} ({n['dist'] / max(1, n['dist_asked']):.1%}) of items naming one")
    print(f"precision honest {n['honest']}/{n['placed']} placed; wrong country {n['wrong_country']}")


if __name__ == "__main__":
    main()
