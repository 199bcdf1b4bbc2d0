"""Coders' notes through the real pipeline: one paragraph each, in the style of ACLED event notes on
Iraq, Syria and Yemen ("On 14 March 2019, around 60 unemployed graduates protested in front of ...").

The fixture (tests/fixtures/coder_notes/notes.jsonl) was written for these tests (issue 14): notes
across the sub-types, plus hedged, negated, planned and background paragraphs that must give no
event.  The held-out judge asks that 90% of real notes yield an event and 75% get the sub-type right;
this fixture measures the same two numbers on our own wording.  Measured 2026-12-03: yield 40/46 and
sub-type 38/46 before the second issue-14 pass, 44/46 and 43/46 after; no negative with an event.

By hand: .venv/bin/python -c "import tests.test_coder_notes as t; t.report()"
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snippets import predicted_type, run_snippets

FIXTURE = Path(__file__).parent / "fixtures" / "coder_notes" / "notes.jsonl"
YIELD_FLOOR = 0.93  # measured 44/46 = 0.957
SUB_TYPE_FLOOR = 0.90  # measured 43/46 = 0.935


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    return run_snippets(tmp_path_factory.mktemp("notes") / "notes.db", FIXTURE)


def scores(notes, per_line) -> tuple[float, float, int]:
    positives = [(n, evs) for n, evs in zip(notes, per_line) if n["expected_sub_event_type"]]
    yielded = sum(1 for _n, evs in positives if evs) / len(positives)
    right = sum(1 for n, evs in positives if predicted_type(evs) == n["expected_sub_event_type"]) / len(positives)
    false_events = sum(1 for n, evs in zip(notes, per_line) if not n["expected_sub_event_type"] and evs)
    return yielded, right, false_events


def test_fixture_spans_the_three_countries_and_has_negatives():
    import json
    notes = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(notes) >= 40
    assert {n["country"] for n in notes} == {"Iraq", "Syria", "Yemen"}
    assert sum(1 for n in notes if n["expected_sub_event_type"] is None) >= 10


def test_notes_yield_events_with_their_sub_type(results):
    yielded, right, _false = scores(*results)
    assert yielded >= YIELD_FLOOR and right >= SUB_TYPE_FLOOR, (yielded, right)


def test_hedged_planned_negated_and_background_notes_give_no_event(results):
    notes, per_line = results
    wrong = [(n["text"][:60], [e["sub_event_type"] for e in evs])
             for n, evs in zip(notes, per_line) if not n["expected_sub_event_type"] and evs]
    assert wrong == []


def report(db_path: str = "/tmp/coder_notes_report.db") -> None:
    Path(db_path).unlink(missing_ok=True)
    notes, per_line = run_snippets(Path(db_path), FIXTURE)
    for n, evs in zip(notes, per_line):
        gold, pred = n["expected_sub_event_type"], predicted_type(evs)
        print(("ok " if gold == pred else "XX ") + f"{n['text'][:80]:80} gold={gold} pred={pred}")
    yielded, right, false_events = scores(notes, per_line)
    print(f"yield {yielded:.3f}  sub-type right {right:.3f}  negatives with an event {false_events}")
