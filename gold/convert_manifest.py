"""Convert src/conflictwire/samples/MANIFEST.yaml into the gold format (docs/evaluation.md).

Run from the repository root:  python gold/convert_manifest.py > gold/samples.part.yaml
The output is pasted into gold/dev.yaml (the samples are the development half). Coordinates
are not in the manifest: they come from PLACES below, written by hand (approximate town /
base centres, well inside the 25 km tolerance), independently of the system's gazetteer.
Places the manifest gives with geo_precision 3 (province or country only) are scored on
country alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

MANIFEST = Path(__file__).resolve().parents[1] / "src" / "conflictwire" / "samples" / "MANIFEST.yaml"

PLACES: dict[str, tuple[float, float]] = {
    "Ain al-Asad Air Base": (33.80, 42.44),
    "Akashat": (33.80, 40.61),
    "Al Qaim": (34.38, 41.02),
    "Al-Bukamal": (34.45, 40.92),
    "Al-Mayadeen": (35.02, 40.45),
    "Al-Omar oil field": (34.93, 40.55),
    "Al-Tanf garrison": (33.50, 38.63),
    "Baghdad International Airport": (33.26, 44.23),
    "Baghdad": (33.31, 44.37),
    "Conoco gas field": (35.35, 40.30),
    "Daquq": (35.14, 44.45),
    "Deir ez-Zor": (35.33, 40.14),
    "Erbil International Airport": (36.24, 43.96),
    "Harir Air Base": (36.53, 44.35),
    "Hawija": (35.32, 43.77),
    "Hit": (33.64, 42.83),
    "Jalawla": (34.27, 45.16),
    "Kani Masi": (37.23, 43.42),
    "Muqdadiyah": (33.98, 44.94),
    "Qayyarah Airfield West": (35.77, 43.12),
    "Ruwaished": (32.51, 38.20),
    "Sinun": (36.46, 41.68),
    "Tower 22": (33.32, 38.69),
    "Zakho": (37.14, 42.68),
}


def _date(value: object) -> object:
    """YYYY-MM-DD stays a day; YYYY-MM and YYYY become [first, last] ranges."""
    text = str(value)
    if len(text) == 10:
        return text
    if len(text) == 7:
        year, month = map(int, text.split("-"))
        last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return [f"{text}-01", f"{text}-{last:02d}"]
    return [f"{text}-01-01", f"{text}-12-31"]


def _names(main: object, alternatives: list | None) -> object:
    if main is None:
        return None
    names = [main] + list(alternatives or [])
    return names[0] if len(names) == 1 else names


MERGED_FATALITIES: dict[str, int | None] = {}  # merge-group key -> best estimate over all its reports


def _event(raw: dict, required: bool) -> dict:
    event: dict = {"id": raw["key"], "sub_event_type": raw["sub_event_type"], "anchor": raw["quote"],
                   "date": _date(raw["date"])}
    if raw.get("geo_precision", 3) <= 2 and raw["location"] in PLACES:
        lat, lon = PLACES[raw["location"]]
        event["place"] = {"name": raw["location"], "lat": lat, "lon": lon}
    event["country"] = raw["country_code"]
    event["actor1"] = _names(raw.get("actor1"), raw.get("actor1_alternatives"))
    event["actor2"] = _names(raw.get("actor2"), raw.get("actor2_alternatives"))
    claims = [{"claimant": c.get("claimant"), "killed": c.get("killed"), "injured": c.get("injured")}
              for c in raw.get("fatalities") or []]
    killed = [c["killed"] for c in claims if c["killed"] is not None]
    # A stored event is the merge of all its reports, so its fatalities are the real-world event's best
    # estimate: for events reported in several files the manifest's merge-group estimate (unscored when it
    # gives none), else the most conservative figure of this file (ACLED's rule).
    if raw["key"] in MERGED_FATALITIES:
        if MERGED_FATALITIES[raw["key"]] is not None:
            event["fatalities"] = MERGED_FATALITIES[raw["key"]]
    else:
        event["fatalities"] = min(killed) if killed else 0
    event["claims"] = claims
    if not required:
        event["required"] = False
    return event


def _anchor(article: dict) -> str | None:
    """A few words of the article body, to find the system's article."""
    for key in ("events", "background_events", "statements", "tallies", "must_not_be_events"):
        for item in article.get(key) or []:
            quote = item if isinstance(item, str) else item.get("quote")
            if quote:
                return " ".join(quote.split()[:8])
    return None


def _tallies(article: dict) -> list[dict]:
    out = []
    for tally in article.get("tallies") or []:
        head = str(tally["what"]).split()[0]
        out.append({"count": tally["count"], "what": head, "anchor": tally["quote"]})
        for part in tally.get("parts") or []:
            out.append({"count": part["count"], "what": head, "anchor": tally["quote"]})
    return out


def _document(file: dict, articles: list[dict], doc_id: str, record: int | None) -> dict:
    doc: dict = {"id": doc_id, "path": f"${{SAMPLES}}/{file['file']}"}
    if record is not None:
        doc["record"] = f"L{record + 1}"
    doc["articles"] = [{"title": a["title"], "outlet": a["outlet"], "published": str(a["published"]),
                        "anchor": _anchor(a)} for a in articles]
    doc["events"] = [_event(e, e.get("required", True) is not False) for a in articles for e in a.get("events") or []]
    doc["events"] += [_event(e, False) for a in articles for e in a.get("background_events") or []]
    doc["statements"] = [{"plover": s["plover_event"], "speaker": _names(s.get("speaker"), [s["speaker_actor"]]
                                                                          if s.get("speaker_actor") else None),
                          "anchor": s["quote"]} for a in articles for s in a.get("statements") or []]
    doc["tallies"] = [t for a in articles for t in _tallies(a)]
    doc["no_events"] = [s for a in articles for s in a.get("must_not_be_events") or []]
    doc["chrome"] = list(file.get("chrome") or []) if record is None or record == 0 else []
    return doc


def convert(manifest: dict) -> list[dict]:
    for group in manifest.get("merge_groups") or []:
        MERGED_FATALITIES[group["key"]] = group.get("best_estimate_fatalities")
    documents = []
    for file in manifest["files"]:
        stem = file["file"].split("_")[0]
        if file.get("format") == "jsonl":
            for article in file["articles"]:
                documents.append(_document(file, [article], f"samples/{stem}-L{article['record'] + 1}",
                                           article["record"]))
        else:
            documents.append(_document(file, file["articles"], f"samples/{stem}", None))
    return documents


if __name__ == "__main__":
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    yaml.safe_dump({"documents": convert(data)}, sys.stdout, sort_keys=False, allow_unicode=True, width=110)
