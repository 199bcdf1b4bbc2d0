"""End to end over the bundled sample corpus: articles, provenance, key events, merging, re-runs.

Expectations come from the corpus's gold manifest (src/conflictwire/samples/MANIFEST.yaml).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conflictwire import export as exporter
from conflictwire.ingest import ingest
from conflictwire.samples import sample_dir, sample_files
from conflictwire.store.db import Store

MANIFEST = yaml.safe_load((sample_dir() / "MANIFEST.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("e2e") / "samples.db"
    s = Store(f"sqlite:///{db}")
    summary = ingest(sample_files(), s)
    assert summary.rejected == 0
    return s


@pytest.fixture(scope="module")
def articles(store: Store) -> list[dict[str, Any]]:
    return list(store.iter_articles())


@pytest.fixture(scope="module")
def events(store: Store) -> list[dict[str, Any]]:
    return list(store.iter_events())


def manifest_articles() -> Iterator[tuple[str, dict[str, Any]]]:
    for entry in MANIFEST["files"]:
        for article in entry.get("articles", []):
            yield entry["file"], article


def test_every_manifest_article_is_found_with_title_outlet_and_date(articles: list[dict[str, Any]]) -> None:
    expected = list(manifest_articles())
    assert len(articles) == len(expected)
    by_title = {a["title"]: a for a in articles}
    for file, article in expected:
        found = by_title.get(article["title"])
        assert found is not None, f"{file}: article {article['title']!r} not found"
        assert found["outlet"] == article["outlet"], article["title"]
        assert found["published"] == str(article["published"]), article["title"]
        assert found["published_source"] == article["published_source"], article["title"]


def test_no_boilerplate_reaches_article_text(articles: list[dict[str, Any]]) -> None:
    texts = "\n".join(a["text"] for a in articles)
    for entry in MANIFEST["files"]:
        for line in entry.get("chrome", []):
            assert html.unescape(line) not in texts, f"{entry['file']}: boilerplate leaked: {line!r}"


def test_every_quote_is_verbatim_at_its_offsets(store: Store, articles: list[dict[str, Any]],
                                                events: list[dict[str, Any]]) -> None:
    text_of = {a["article_id"]: a["text"] for a in articles}
    checked = 0
    for event in events:
        for item in event["sources"] + event["claims"] + event["responsibility"]:
            assert text_of[item["article_id"]][item["start"]:item["end"]] == item["quote"]
            checked += 1
    for record in list(store.iter_statements()) + list(store.iter_tallies()):
        source = record["sources"][0]
        assert text_of[source["article_id"]][source["start"]:source["end"]] == source["quote"]
        checked += 1
    assert checked > 50


def test_hedged_future_and_negated_sentences_give_no_event(events: list[dict[str, Any]]) -> None:
    quotes = [s["quote"] for e in events for s in e["sources"]]
    for entry in MANIFEST["files"]:
        for article in entry.get("articles", []):
            for sentence in article.get("must_not_be_events", []):
                text = sentence["quote"] if isinstance(sentence, dict) else sentence
                offenders = [q for q in quotes if text in q or q in text]
                assert not offenders, f"{entry['file']}: event from {text!r}"


def test_no_event_is_dated_after_its_report(events: list[dict[str, Any]]) -> None:
    for event in events:
        latest = max(s["published"] for s in event["sources"] if s["published"])
        assert event["event_date"] <= latest, event["notes"]


def _events_at(events: list[dict[str, Any]], location_word: str, day: str) -> list[dict[str, Any]]:
    return [e for e in events if location_word in (e["location"] or "").lower().replace("-", " ")
            and e["event_date"] == day]


def test_the_al_qaim_strike_is_one_event_with_every_toll(events: list[dict[str, Any]]) -> None:
    matches = _events_at(events, "qaim", "2024-02-02")
    assert len(matches) == 1, [e["notes"] for e in matches]
    event = matches[0]
    assert event["sub_event_type"] == "Air/drone strike"
    assert event["country_code"] == "IQ" and event["admin1"] in ("Anbar", "Al Anbar")
    assert event["actor1"].startswith("Military Forces of the United States")
    files = {Path(s["document"].split("#")[0]).name for s in event["sources"]}
    assert len(files) >= 3, files
    tolls = {c["killed"] for c in event["claims"]}
    assert {16, 29} <= tolls
    assert event["fatalities"] == 16


def test_two_strikes_in_one_province_on_one_night_stay_apart(events: list[dict[str, Any]]) -> None:
    al_qaim = _events_at(events, "qaim", "2024-02-02")
    akashat = _events_at(events, "akashat", "2024-02-02")
    assert al_qaim and akashat
    assert {e["event_id"] for e in al_qaim}.isdisjoint(e["event_id"] for e in akashat)


def test_reingesting_the_corpus_changes_nothing(store: Store) -> None:
    before = {kind: exporter.export_to_string(store, kind, "jsonl") for kind in exporter.KINDS}
    counts = store.counts()
    summary = ingest(sample_files(), store)
    assert summary.documents_new == 0 and summary.documents_skipped == summary.documents_seen
    assert {k: v for k, v in store.counts().items() if k != "warnings"} == \
        {k: v for k, v in counts.items() if k != "warnings"}
    for kind in exporter.KINDS:
        assert exporter.export_to_string(store, kind, "jsonl") == before[kind], kind


# The kinds the pipeline derives (analysts' decisions round-trip in test_decisions.py).
DERIVED = [kind for kind in exporter.KINDS if kind != "decisions"]


def _stored(store: Store, kind: str) -> list[dict[str, Any]]:
    """The store's own records of one kind, in export order."""
    return list({"events": store.iter_events, "statements": store.iter_statements,
                 "tallies": store.iter_tallies, "articles": store.iter_articles}[kind]())


@pytest.mark.parametrize("kind", DERIVED)
def test_jsonl_export_round_trips(store: Store, kind: str) -> None:
    """Reading a JSONL export back gives exactly the store's records: every field, nested lists, order."""
    stored = _stored(store, kind)
    read_back = [json.loads(line) for line in exporter.export_to_string(store, kind, "jsonl").splitlines()]
    assert stored, kind
    assert read_back == stored


def _from_csv(text: str, like: Any) -> Any:
    """A CSV cell read back with the type of the stored value (CSV itself has none): lists and
    objects are JSON, an empty cell is None or an empty list."""
    if isinstance(like, (list, dict)):
        return json.loads(text) if text else type(like)()
    if like is None:
        return None if text == "" else text
    if isinstance(like, bool):
        return {"True": True, "False": False}.get(text, text)
    return type(like)(text) if isinstance(like, (int, float)) else text


@pytest.mark.parametrize("kind", DERIVED)
def test_csv_export_reads_back_to_the_stores_values(store: Store, kind: str) -> None:
    stored = _stored(store, kind)
    rows = list(csv.DictReader(io.StringIO(exporter.export_to_string(store, kind, "csv"))))
    assert len(rows) == len(stored)
    for row, record in zip(rows, stored):
        if kind == "events":  # the date range is two columns in CSV
            record = dict(record)
            record["date_from"], record["date_to"] = record.pop("date_range") or [None, None]
        assert set(row) == set(record)
        assert {k: _from_csv(row[k], v) for k, v in record.items()} == record


def test_acled_csv_has_one_row_per_stored_event_with_its_values(store: Store) -> None:
    events = _stored(store, "events")
    rows = list(csv.DictReader(io.StringIO(exporter.export_to_string(store, "events", "acled-csv"))))
    assert rows and list(rows[0]) == list(exporter.ACLED_COLUMNS)
    assert len(rows) == len(events)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)  # each event keeps its own id
    for row, event in zip(rows, events):
        assert (row["event_date"], row["event_type"], row["sub_event_type"]) == \
            (event["event_date"], event["event_type"], event["sub_event_type"])
        assert (row["actor1"], row["actor2"], row["location"], row["country"]) == \
            (event["actor1"] or "", event["actor2"] or "", event["location"] or "", event["country"] or "")
        assert int(row["fatalities"]) == (event["fatalities"] or 0)
        if event["latitude"] is not None:
            assert abs(float(row["latitude"]) - event["latitude"]) < 1e-4
            assert abs(float(row["longitude"]) - event["longitude"]) < 1e-4


def test_geojson_has_a_feature_per_placed_event_with_its_id_and_record(store: Store) -> None:
    placed = [e for e in _stored(store, "events") if e["latitude"] is not None and e["longitude"] is not None]
    features = json.loads(exporter.export_to_string(store, "events", "geojson"))["features"]
    assert placed and len(features) == len(placed)
    assert [f["id"] for f in features] == [e["event_id"] for e in placed]
    for feature, event in zip(features, placed):
        assert feature["geometry"]["coordinates"] == [event["longitude"], event["latitude"]]
        assert feature["properties"] == event


def _kept(read: Any, stored: Any) -> bool:
    """Every value Parquet holds equals the stored one (its schema may leave out audit keys)."""
    if isinstance(read, dict):
        return isinstance(stored, dict) and all(_kept(v, stored.get(k)) for k, v in read.items())
    if isinstance(read, list):
        return isinstance(stored, list) and len(read) == len(stored) and all(map(_kept, read, stored))
    return read == stored


@pytest.mark.parametrize("kind", DERIVED)
def test_parquet_export_reads_back_to_the_stores_values(store: Store, kind: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    stored = _stored(store, kind)
    path = tmp_path / f"{kind}.parquet"
    with open(path, "wb") as handle:
        exporter.write(store, kind, "parquet", handle)
    read_back = pq.read_table(path).to_pylist()
    assert len(read_back) == len(stored)
    assert set(read_back[0]) == set(stored[0])  # every top-level field is a column
    for row, record in zip(read_back, stored):
        assert _kept(row, record), (kind, next(iter(row.values())))
