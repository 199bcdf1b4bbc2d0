"""The bundled sample corpus and its gold manifest agree with each other.

The manifest (src/conflictwire/samples/MANIFEST.yaml) is the development gold set: these
tests keep it honest as files are edited -- every file it names exists, every sub-event type
is spelled as ACLED spells it, every quote and must-not sentence is verbatim in its file,
and the dates it states are consistent with the articles' publication dates.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import pycountry
import pytest
import yaml

import conflictwire
from conflictwire.vocab import ACLED_TAXONOMY, PLOVER_EVENTS, SUB_EVENT_TO_TYPE

SAMPLES = Path(conflictwire.__file__).resolve().parent / "samples"
MANIFEST = yaml.safe_load((SAMPLES / "MANIFEST.yaml").read_text(encoding="utf-8"))
FILES: list[dict[str, Any]] = MANIFEST["files"]
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def file_ids(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["file"] for entry in entries]


def searchable_text(entry: dict[str, Any]) -> str:
    """What a quote must be found in: raw text, unescaped HTML, or the decoded JSONL fields."""
    raw = (SAMPLES / entry["file"]).read_text(encoding="utf-8")
    if entry["format"] == "html":
        return html.unescape(raw)
    if entry["format"] == "jsonl":
        records = [json.loads(line) for line in raw.splitlines() if line.strip()]
        return "\n".join(str(value) for record in records for value in record.values())
    return raw


def all_events(entry: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for article in entry["articles"]:
        for event in article.get("events", []) + article.get("background_events", []):
            yield article, event


def as_iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def test_manifest_lists_exactly_the_sample_files() -> None:
    on_disk = {p.name for p in SAMPLES.iterdir() if p.suffix in {".txt", ".html", ".htm", ".jsonl", ".csv"}}
    listed = set(file_ids(FILES))
    assert listed == on_disk


def test_corpus_size_and_article_count_stay_in_budget() -> None:
    total_bytes = sum(p.stat().st_size for p in SAMPLES.iterdir() if p.is_file())
    articles = sum(len(entry["articles"]) for entry in FILES)
    assert total_bytes < 150_000
    assert 22 <= articles <= 28


@pytest.mark.parametrize("entry", FILES, ids=file_ids(FILES))
def test_every_file_says_it_is_a_sample(entry: dict[str, Any]) -> None:
    text = searchable_text(entry)
    assert entry["sample_note"] in text
    assert "written for conflictwire" in entry["sample_note"]


JSONL_FILES = [entry for entry in FILES if entry["format"] == "jsonl"]


@pytest.mark.parametrize("entry", JSONL_FILES, ids=file_ids(JSONL_FILES))
def test_jsonl_records_carry_the_listed_metadata(entry: dict[str, Any]) -> None:
    lines = (SAMPLES / entry["file"]).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert 3 <= len(records) <= 5
    for article in entry["articles"]:
        record = records[article["record"]]
        assert record["title"] == article["title"]
        assert record["outlet"] == article["outlet"]
        assert record["url"] == article["url"]
        assert record["published"] == as_iso(article["published"])
        assert record["text"].strip()


@pytest.mark.parametrize("entry", FILES, ids=file_ids(FILES))
def test_sub_event_types_are_acled_spellings(entry: dict[str, Any]) -> None:
    for _, event in all_events(entry):
        sub = event["sub_event_type"]
        assert sub in SUB_EVENT_TO_TYPE, f"{event['key']}: {sub!r} is not an ACLED sub-event type"
        assert event["event_type"] in ACLED_TAXONOMY
        assert SUB_EVENT_TO_TYPE[sub] == event["event_type"], event["key"]


@pytest.mark.parametrize("entry", FILES, ids=file_ids(FILES))
def test_event_fields_are_well_formed(entry: dict[str, Any]) -> None:
    for article, event in all_events(entry):
        key = event["key"]
        assert pycountry.countries.get(alpha_2=event["country_code"]), key
        assert event["time_precision"] in (1, 2, 3), key
        assert event["geo_precision"] in (1, 2, 3), key
        assert event["actor1"], key
        assert PARTIAL_DATE.match(as_iso(event["date"])), key
        # contract: no event later than its article's publication date
        assert as_iso(event["date"]) <= as_iso(article["published"]), key
        if event["time_precision"] == 1:
            assert isinstance(event["date"], date), key
        for claim in event.get("fatalities", []):
            assert claim.get("killed") is not None or claim.get("injured") is not None, key


@pytest.mark.parametrize("entry", FILES, ids=file_ids(FILES))
def test_statements_and_tallies_are_well_formed(entry: dict[str, Any]) -> None:
    for article in entry["articles"]:
        published = as_iso(article["published"])
        for statement in article.get("statements", []):
            assert statement["plover_event"] in PLOVER_EVENTS
            assert as_iso(statement["date"]) <= published
        for tally in article.get("tallies", []):
            assert tally["count"] > 0
            assert as_iso(tally["as_of"]) <= published
            parts = tally.get("parts", [])
            if parts:
                assert sum(part["count"] for part in parts) == tally["count"]


@pytest.mark.parametrize("entry", FILES, ids=file_ids(FILES))
def test_quotes_are_verbatim_in_their_file(entry: dict[str, Any]) -> None:
    text = searchable_text(entry)
    quotes: list[str] = list(entry.get("chrome", []))
    for article in entry["articles"]:
        quotes.append(article["title"])
        if article.get("dateline"):
            quotes.append(article["dateline"])
        quotes += [event["quote"] for event in article.get("events", []) + article.get("background_events", [])]
        quotes += [s["quote"] for s in article.get("statements", [])]
        quotes += [t["quote"] for t in article.get("tallies", [])]
        quotes += [m["quote"] for m in article.get("background_mentions", [])]
        for event in article.get("events", []) + article.get("background_events", []):
            quotes += [r["quote"] for r in event.get("responsibility", [])]
    missing = [q for q in quotes if q not in text]
    assert not missing, f"not verbatim in {entry['file']}: {missing}"


@pytest.mark.parametrize("entry", FILES, ids=file_ids(FILES))
def test_must_not_be_event_sentences_occur_verbatim(entry: dict[str, Any]) -> None:
    text = searchable_text(entry)
    sentences = [s for article in entry["articles"] for s in article.get("must_not_be_events", [])]
    missing = [s for s in sentences if s not in text]
    assert not missing, f"not verbatim in {entry['file']}: {missing}"


def test_hedge_coverage_is_present_somewhere() -> None:
    """The brief's hedged and negated phrasings each sit in some must-not sentence."""
    sentences = " ".join(
        s for entry in FILES for article in entry["articles"] for s in article.get("must_not_be_events", [])
    )
    for phrase in ("may seek to strike", "Options under consideration include",
                   "respond at a time of our choosing", "no attacks were reported"):
        assert phrase in sentences, phrase


def test_merge_and_distinct_groups_refer_to_listed_events() -> None:
    events_by_key: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for entry in FILES:
        for _, event in all_events(entry):
            events_by_key.setdefault(event["key"], []).append((entry["file"], event))
    listed_files = set(file_ids(FILES))
    for group in MANIFEST["merge_groups"]:
        sources = group["sources"] + group.get("optional_sources", [])
        assert set(sources) <= listed_files, group["key"]
        found_in = {name for name, _ in events_by_key.get(group["key"], [])}
        assert found_in == set(sources), group["key"]
        # one real-world event: every report agrees on its date, type and country
        signatures = {(as_iso(e["date"]), e["sub_event_type"], e["country_code"])
                      for _, e in events_by_key[group["key"]]}
        assert len(signatures) == 1, (group["key"], signatures)
    for group in MANIFEST["distinct_groups"]:
        locations = set()
        for key in group["keys"]:
            assert key in events_by_key, key
            locations.add(events_by_key[key][0][1]["location"])
        assert len(locations) == len(group["keys"])


def test_event_keys_are_unique_within_an_article() -> None:
    for entry in FILES:
        for article in entry["articles"]:
            keys = [e["key"] for e in article.get("events", []) + article.get("background_events", [])]
            assert len(keys) == len(set(keys)), (entry["file"], article["title"])
