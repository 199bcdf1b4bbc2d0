"""Analysts' corrections: merge, split, reject and edit events, kept across re-ingest and re-merge.

Real pipeline, real databases (SQLite, and PostgreSQL when the server is there): the scale
fixture's four reports give three machine events in Iraq (a Kirkuk IED told by two outlets,
a drone attack on Erbil Air Base, a clash in Baqubah).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import update

from conflictwire.export import export_to_string
from conflictwire.ingest import ingest
from conflictwire.pipeline import decisions as curation
from conflictwire.pipeline.merge import run_merge
from conflictwire.store import decisions as stored
from conflictwire.store import schema as t
from conflictwire.store.db import Store

SCALE = Path(__file__).parent / "fixtures" / "scale"
LATE = "04_diyala_clash.html"  # ingested after the corrections: a re-ingest that re-merges the block


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("decisions")
    first = folder / "first"
    first.mkdir()
    for path in sorted(SCALE.iterdir()):
        if path.name != LATE:
            shutil.copy(path, first / path.name)
    built = Store(f"sqlite:///{folder / 'template.db'}")
    ingest([first], built)
    built.dispose()  # the last connection checkpoints the WAL into the file copied below
    return folder


@pytest.fixture()
def store(template: Path, tmp_path: Path) -> Store:
    shutil.copy(template / "template.db", tmp_path / "cw.db")
    return Store(f"sqlite:///{tmp_path / 'cw.db'}")


def events(store: Store) -> dict[str, dict]:
    """Visible events by place name."""
    return {e["location"]: e for e in store.iter_events()}


def rebuild(store: Store) -> None:
    """Every block merged again from its reports, as after a knowledge change or `merge --rebuild`."""
    with store.engine.begin() as c:
        c.execute(update(t.mentions).values(merged=False))
    run_merge(store)


def reingest_all(store: Store) -> None:
    """The whole corpus again: three documents unchanged, one new that re-merges the Iraq block."""
    ingest([SCALE], store)


def test_machine_events_before_any_correction(store: Store) -> None:
    found = events(store)
    assert set(found) == {"Kirkuk", "Erbil Air Base"}
    assert len(found["Kirkuk"]["sources"]) == 2
    assert not any(e["curated"] for e in found.values())


def test_merge_survives_reingest_and_rebuild_and_is_flagged_in_exports(store: Store) -> None:
    found = events(store)
    result = curation.merge_events(store, [found["Kirkuk"]["event_id"], found["Erbil Air Base"]["event_id"]],
                                   why="one attack told twice", author="analyst-a")
    decision = result["decision"]
    assert decision["status"] == "applied" and decision["author"] == "analyst-a"
    for step in (lambda: None, lambda: reingest_all(store), lambda: rebuild(store)):
        step()
        merged = [e for e in store.iter_events() if len(e["sources"]) == 3]
        assert len(merged) == 1, [(e["location"], len(e["sources"])) for e in store.iter_events()]
        assert merged[0]["curated"] and merged[0]["decision_ids"] == [decision["decision_id"]]
        assert merged[0]["machine"]["event_ids"] == sorted([found["Kirkuk"]["event_id"],
                                                           found["Erbil Air Base"]["event_id"]])
    assert "Baqubah" in events(store)  # the late report's event is the machine's own
    rows = [json.loads(line) for line in export_to_string(store, "events", "jsonl").splitlines()]
    assert sum(r["curated"] for r in rows) == 1
    acled = export_to_string(store, "events", "acled-csv")
    assert f"curated by analyst ({decision['decision_id']})" in acled
    assert store.counts()["events"] == 2  # superseded machine events are not counted


def test_split_by_article_survives_reingest(store: Store) -> None:
    kirkuk = events(store)["Kirkuk"]
    article = kirkuk["sources"][1]["article_id"]
    result = curation.split_event(store, kirkuk["event_id"], [article], why="two different bombs")
    assert len(result["events"]) == 1
    reingest_all(store)
    rebuild(store)
    kirkuks = [e for e in store.iter_events() if e["location"] == "Kirkuk"]
    assert sorted(len(e["sources"]) for e in kirkuks) == [1, 1]
    assert {e["sources"][0]["article_id"] for e in kirkuks} == {s["article_id"] for s in kirkuk["sources"]}
    assert all(e["curated"] for e in kirkuks)


def test_reject_survives_reingest_and_undo_brings_the_event_back(store: Store) -> None:
    erbil = events(store)["Erbil Air Base"]
    decision = curation.reject_event(store, erbil["event_id"], "not an event", why="an interception, no attack")
    assert "Erbil Air Base" not in events(store)
    reingest_all(store)
    rebuild(store)
    assert "Erbil Air Base" not in events(store)
    assert "Erbil Air Base" not in export_to_string(store, "events", "csv")
    assert stored.current_event_id(store, erbil["event_id"]) is None
    curation.undo_decision(store, decision["decision"]["decision_id"], author="analyst-b")
    assert events(store)["Erbil Air Base"]["event_id"] == erbil["event_id"]  # the machine's own, unchanged
    listed = stored.listed(store, include_undone=True)
    assert listed[0]["undone_by"] == "analyst-b" and stored.listed(store) == []


def test_fix_place_from_the_gazetteer_and_a_map_point_keeps_the_machines_values(store: Store) -> None:
    kirkuk = events(store)["Kirkuk"]
    curation.edit_event(store, kirkuk["event_id"], {"place": "Mosul", "fatalities": 7, "event_date": "2023-03-12",
                                                    "actor1": "Islamic State"})
    reingest_all(store)
    rebuild(store)
    fixed = events(store)["Mosul"]
    assert (fixed["fatalities"], fixed["event_date"], fixed["country_code"]) == (7, "2023-03-12", "IQ")
    assert abs(fixed["latitude"] - 36.34) < 0.1 and fixed["geo_precision"] == 1
    assert fixed["machine"]["fields"]["location"] == "Kirkuk"
    assert fixed["machine"]["fields"]["fatalities"] == kirkuk["fatalities"]
    assert "Mosul" in fixed["notes"] and len(fixed["sources"]) == 2
    curation.edit_event(store, fixed["event_id"], {"place": {"latitude": 35.47, "longitude": 44.39,
                                                             "name": "Kirkuk outskirts"}})
    pointed = events(store)["Kirkuk outskirts"]
    assert (pointed["latitude"], pointed["country_code"], pointed["fatalities"]) == (35.47, "IQ", 7)
    assert pointed["machine"]["fields"]["location"] == "Kirkuk"  # the machine's, not the first edit's
    assert len(pointed["decision_ids"]) == 2


def test_bad_corrections_are_refused_with_a_reason(store: Store) -> None:
    kirkuk = events(store)["Kirkuk"]["event_id"]
    cases = [
        (lambda: curation.merge_events(store, [kirkuk, kirkuk]), "two different events"),
        (lambda: curation.split_event(store, kirkuk, ["nope"]), "is not a report"),
        (lambda: curation.reject_event(store, kirkuk, " "), "needs a reason"),
        (lambda: curation.edit_event(store, kirkuk, {"sub_event_type": "Picnic"}), "not an ACLED sub-event type"),
        (lambda: curation.edit_event(store, kirkuk, {"colour": "red"}), "cannot edit colour"),
        (lambda: curation.edit_event(store, kirkuk, {"place": "Xyzzyville Qqq"}), "not in the gazetteer"),
        (lambda: curation.edit_event(store, "0000", {"fatalities": 1}), "no event"),
    ]
    for action, message in cases:
        with pytest.raises(curation.DecisionError, match=message):
            action()
    assert stored.listed(store) == []


def test_a_decision_whose_reports_are_gone_is_listed_not_dropped(store: Store) -> None:
    erbil = events(store)["Erbil Air Base"]
    gone = stored.add(store, kind="merge", mentions=["feedfacefeedface", "deadbeefdeadbeef"], why="old corpus")
    partly = stored.add(store, kind="edit", mentions=["feedfacefeedface", erbil["sources"][0]["mention_id"]],
                        fields={"fatalities": 3})
    counts = curation.apply_decisions(store)
    assert counts == {"orphaned": 1, "partial": 1}
    by_id = {d["decision_id"]: d for d in stored.listed(store)}
    assert by_id[gone["decision_id"]]["status"] == "orphaned"
    assert "no longer stored" in by_id[gone["decision_id"]]["status_detail"]
    assert by_id[partly["decision_id"]]["status"] == "partial"
    assert events(store)["Erbil Air Base"]["fatalities"] == 3


def test_decisions_export(store: Store) -> None:
    kirkuk = events(store)["Kirkuk"]["event_id"]
    curation.reject_event(store, kirkuk, "wrong theatre", why="=HYPERLINK(\"x\")", author="a")
    rows = [json.loads(line) for line in export_to_string(store, "decisions", "jsonl").splitlines()]
    assert [(r["kind"], r["fields"]["reason"], r["status"]) for r in rows] == [("reject", "wrong theatre", "applied")]
    assert rows == stored.listed(store, include_undone=True)  # every field, as stored
    csv_text = export_to_string(store, "decisions", "csv")
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text


def test_corrections_on_postgresql_match_sqlite(pg_url: str, store: Store) -> None:
    pg = Store(pg_url)
    first = [p for p in sorted(SCALE.iterdir()) if p.name != LATE]
    ingest(first, pg)

    def correct(s: Store) -> None:
        found = events(s)
        curation.split_event(s, found["Kirkuk"]["event_id"], [found["Kirkuk"]["sources"][1]["article_id"]])
        curation.edit_event(s, found["Erbil Air Base"]["event_id"], {"place": "Erbil", "fatalities": 2})
        reingest_all(s)
        rebuild(s)

    correct(pg)
    correct(store)

    def shape(s: Store) -> list[tuple]:
        return sorted((e["location"], e["fatalities"], len(e["sources"]), e["curated"]) for e in s.iter_events())

    assert shape(pg) == shape(store)
    assert [d["status"] for d in stored.listed(pg)] == ["applied", "applied"]
    pg.dispose()


def test_the_python_api_corrects_and_lists_decisions(store: Store) -> None:
    import conflictwire

    data = conflictwire.open(store.url)
    kirkuk = events(store)["Kirkuk"]
    fixed = data.edit(kirkuk["event_id"], injuries=9, why="hospital", by="nb")
    assert data.event(fixed["events"][0])["injuries"] == 9
    merged = data.merge(fixed["events"][0], events(store)["Erbil Air Base"]["event_id"], by="nb")
    listed = data.decisions()
    assert list(listed["kind"]) == ["edit", "merge"] and set(listed["author"]) == {"nb"}
    data.undo(merged["decision"]["decision_id"])
    assert len(data.decisions()) == 1 and len(data.decisions(include_undone=True)) == 2
    with pytest.raises(curation.DecisionError, match="needs a reason"):
        data.reject(kirkuk["event_id"], "")
