"""Store round trip, merge through the store, and every export format, from hand-made records."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conflictwire import export as exporter
from conflictwire.models import (
    Article,
    ArticleExtraction,
    CasualtyClaim,
    Document,
    DocumentResult,
    EventMention,
    Place,
    Span,
    Statement,
    Tally,
    TimeExpression,
    stable_id,
)
from conflictwire.pipeline.merge import run_merge
from conflictwire.store.db import EventFilter, Store

QAIM = Place("Al Qaim", "Iraq", "IQ", "Anbar", "Al-Qaim", 34.37, 41.09, 1, "town", "curated", "iq-alqaim")
US = "Military Forces of the United States (2021-)"
KH = "Kataib Hezbollah"


def _span(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece), piece)


def report(outlet: str, text: str, killed: int, claimant: str) -> DocumentResult:
    content = f"{outlet}\n{text}"
    doc_id = stable_id(content)
    document = Document(doc_id, f"{outlet}.txt", stable_id(content, length=64), "text", content, "utf-8")
    article = Article(stable_id(doc_id, 0), doc_id, 0, text, title=f"{outlet} on Al Qaim", outlet=outlet,
                      published=date(2024, 2, 3), published_source="stated")
    sentence = _span(text, text.split(". ")[0] + ".")
    when = TimeExpression(date(2024, 2, 2), date(2024, 2, 2), 1, _span(text, "on Friday"), "weekday")
    claim = CasualtyClaim(claimant, killed, None, None, None, _span(text, f"{killed} people"))
    mention = EventMention(
        mention_id=stable_id(article.article_id, "m0"), article_id=article.article_id, sentence_index=0,
        quote=sentence, trigger=_span(text, "struck"), event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", plover_event="ASSAULT", plover_mode="aerial", date=when,
        actor1=US, actor2=KH, place=QAIM, claims=[claim], confidence=0.8, inter1=1, inter2=3)
    statement = Statement(stable_id(article.article_id, "s0"), article.article_id, when, "Iraq's government",
                          "Government of Iraq", "ACCUSE", None, US, sentence, "Iraq")
    tally = Tally(stable_id(article.article_id, "t0"), article.article_id, 160, "more than", "attacks",
                  _span(text, "more than 160 attacks"), as_of=date(2024, 2, 3))
    extraction = ArticleExtraction(article, [mention], [statement], [tally])
    return DocumentResult(document, [article], [extraction])


TEXT_A = ("US aircraft struck Kataib Hezbollah sites in Al Qaim on Friday. Iraq said 16 people died. "
          "There have been more than 160 attacks on US forces since October.")
TEXT_B = ("American bombers struck militia positions near Al Qaim on Friday. A monitor counted 29 people killed. "
          "The monitor has recorded more than 160 attacks since October.")


@pytest.fixture()
def store(db_url: str) -> Store:
    s = Store(db_url)
    s.write_document(report("Tigris Tribune", TEXT_A, 16, "Iraq"), "run")
    s.write_document(report("Euphrates Daily", TEXT_B, 29, "a monitor"), "run")
    run_merge(s, actors_compatible=lambda a, b: a == b)
    return s


def test_two_reports_become_one_event_with_both_tolls(store: Store) -> None:
    events = list(store.iter_events())
    assert len(events) == 1
    event = events[0]
    assert event["fatalities"] == 16
    assert sorted((c["claimant"], c["killed"]) for c in event["claims"]) == [("Iraq", 16), ("a monitor", 29)]
    assert {s["outlet"] for s in event["sources"]} == {"Tigris Tribune", "Euphrates Daily"}


def test_writing_the_same_document_again_changes_nothing(store: Store) -> None:
    before = store.counts()
    assert store.write_document(report("Tigris Tribune", TEXT_A, 16, "Iraq"), "run2") is False
    assert store.known_hashes([report("Tigris Tribune", TEXT_A, 16, "Iraq").document.content_hash])
    assert store.counts() == before


def test_every_stored_quote_is_an_exact_substring(store: Store) -> None:
    articles = {a["article_id"]: a["text"] for a in store.iter_articles()}
    event = next(store.iter_events())
    for item in event["sources"] + event["claims"]:
        assert articles[item["article_id"]][item["start"]:item["end"]] == item["quote"]
    for st in store.iter_statements():
        src = st["sources"][0]
        assert articles[src["article_id"]][src["start"]:src["end"]] == st["quote"]


def test_filters(store: Store) -> None:
    assert store.count_events(EventFilter(country="IQ")) == 1
    assert store.count_events(EventFilter(country="Iraq")) == 1
    assert store.count_events(EventFilter(country="SY")) == 0
    assert store.count_events(EventFilter(date_from="2024-02-03")) == 0
    assert store.count_events(EventFilter(event_type="air/drone strike")) == 1
    assert store.count_events(EventFilter(event_type="Battles")) == 0
    assert store.count_events(EventFilter(bbox=(40.0, 33.0, 42.0, 35.0))) == 1
    assert store.count_events(EventFilter(bbox=(44.0, 33.0, 45.0, 34.0))) == 0


def test_jsonl_export_has_contract_fields_and_is_deterministic(store: Store) -> None:
    first = exporter.export_to_string(store, "events", "jsonl")
    assert first == exporter.export_to_string(store, "events", "jsonl")
    record = json.loads(first.splitlines()[0])
    assert list(record)[:4] == ["event_id", "event_date", "date_range", "time_precision"]
    assert record["sub_event_type"] == "Air/drone strike" and record["country_code"] == "IQ"


def test_acled_csv_has_acleds_31_columns(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exporter.export_to_string(store, "events", "acled-csv"))))
    assert list(rows[0]) == list(exporter.ACLED_COLUMNS) and len(exporter.ACLED_COLUMNS) == 31
    row = rows[0]
    assert row["event_id_cnty"].startswith("IRQ") and row["iso"] == "368"
    assert row["source"] == "Euphrates Daily; Tigris Tribune" and row["fatalities"] == "16"
    assert row["interaction"] == "13" and row["disorder_type"] == "Political violence"
    assert row["tags"] == "conflicting casualty reports"


def test_geojson_is_a_feature_collection_of_points(store: Store) -> None:
    data = json.loads(exporter.export_to_string(store, "events", "geojson"))
    assert data["type"] == "FeatureCollection"
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [41.09, 34.37]}
    assert feature["properties"]["location"] == "Al Qaim"


def test_plover_jsonl_for_events_and_statements(store: Store) -> None:
    event = json.loads(exporter.export_to_string(store, "events", "plover-jsonl").splitlines()[0])
    assert event["event"] == "ASSAULT" and event["mode"] == "aerial"
    assert event["magnitude"] == {"dead": 16, "injured": None}
    statement = json.loads(exporter.export_to_string(store, "statements", "plover-jsonl").splitlines()[0])
    assert statement["event"] == "ACCUSE"


def test_parquet_keeps_nested_claims(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    with open(path, "wb") as handle:
        exporter.write(store, "events", "parquet", handle)
    table = pq.read_table(path)
    claims = table.column("claims").to_pylist()[0]
    assert sorted(c["killed"] for c in claims) == [16, 29]
    assert table.column("sources").to_pylist()[0][0]["outlet"] in {"Tigris Tribune", "Euphrates Daily"}


def test_tallies_and_articles_export(store: Store) -> None:
    tallies = [json.loads(x) for x in exporter.export_to_string(store, "tallies", "jsonl").splitlines()]
    assert {t["count"] for t in tallies} == {160}
    articles = list(csv.DictReader(io.StringIO(exporter.export_to_string(store, "articles", "csv"))))
    assert {a["outlet"] for a in articles} == {"Tigris Tribune", "Euphrates Daily"}


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(exporter.ExportError, match="not available for tallies"):
        exporter.check("tallies", "geojson")
    with pytest.raises(exporter.ExportError, match="unknown format"):
        exporter.check("events", "xlsx")


def test_python_api_returns_a_dataframe(store: Store) -> None:
    import conflictwire

    frame = conflictwire.open(store.url).events(country="IQ")
    assert len(frame) == 1 and frame.iloc[0]["fatalities"] == 16


def test_review_decision_splits_and_survives_remerge(store: Store) -> None:
    event = next(store.iter_events())
    a, b = (s["mention_id"] for s in event["sources"])
    store.add_decision(a, b, "different")
    run_merge(store, actors_compatible=lambda x, y: x == y)
    assert store.count_events() == 2
    run_merge(store, actors_compatible=lambda x, y: x == y)
    assert store.count_events() == 2
