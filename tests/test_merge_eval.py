"""Merging measured through the whole pipeline on tests/fixtures/merge/reports.jsonl.

50 short reports (headline + one or two sentences) about 20 events in Iraq, Syria, Yemen and
Jordan, each told by 2-4 outlets with their own wording, tolls, dates and place precision,
with hard negatives (two strikes in one province on one day, one base hit on consecutive days,
undated strikes in one country on consecutive days, country-level summaries).  Each record
carries a hand-assigned ``cluster``; bench/merge_eval.py scores the grouping pairwise.
Floors are set from the measured numbers (docs/evaluation.md, "Merging") with a small margin
for extraction changes; precision is held highest: a wrong merge is worse than a missed one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from merge_eval import DEFAULT_REPORTS, MergeScores, evaluate_merge, line_of, read_records  # noqa: E402

RECORDS = read_records(DEFAULT_REPORTS)


def lines_of(cluster: str) -> set[int]:
    return {n for n, r in enumerate(RECORDS, start=1) if r["cluster"] == cluster}


def event_lines(event: dict[str, Any]) -> set[int]:
    return {n for s in event["sources"] if (n := line_of(s["document"])) is not None}


@pytest.fixture(scope="module")
def full() -> tuple[MergeScores, list[dict[str, Any]]]:
    return evaluate_merge(DEFAULT_REPORTS)


def test_grouping_of_full_reports_meets_the_floor(full: tuple[MergeScores, list[dict[str, Any]]]) -> None:
    scores, _ = full
    assert scores.records == 50 and scores.clusters == 20
    assert scores.precision >= 0.95, scores.false_pairs
    assert scores.f1 >= 0.75
    assert scores.merge_recall >= 0.80, scores.reachable_pairs
    assert len(scores.records_without_event) <= 10, scores.records_without_event


def test_one_strike_told_by_three_sites_is_one_event_with_every_toll(
        full: tuple[MergeScores, list[dict[str, Any]]]) -> None:
    _, events = full
    al_qaim = lines_of("c01-alqaim-us-strike")
    holding = [e for e in events if event_lines(e) & al_qaim and e["sub_event_type"] == "Air/drone strike"]
    assert len(holding) == 1, [sorted(event_lines(e)) for e in holding]
    event = holding[0]
    assert {1, 2, 3} <= event_lines(event)
    assert {c["killed"] for c in event["claims"]} >= {16, 18}
    assert {s["outlet"] for s in event["sources"]} >= {"Tigris Tribune", "Euphrates Daily", "Gulf Monitor"}


@pytest.mark.parametrize("one, other", [
    ("c01-alqaim-us-strike", "c02-akashat-strike"),          # same day, same province
    ("c11-mayadin-us-strike", "c12-bukamal-us-strike"),      # same day, same province
    ("c03-ainalasad-missiles", "c04-ainalasad-drone-nextday"),  # same base, consecutive days
    ("c14-yemen-missiles-17jan", "c15-yemen-antiship-18jan"),   # undated, one country, consecutive days
    ("c13-summary-85-targets", "c01-alqaim-us-strike"),      # a country-level summary from other sites
    ("c13-summary-85-targets", "c02-akashat-strike"),
    ("c13-summary-85-targets", "c11-mayadin-us-strike"),
])
def test_hard_negatives_stay_apart(full: tuple[MergeScores, list[dict[str, Any]]], one: str, other: str) -> None:
    _, events = full
    left, right = lines_of(one), lines_of(other)
    glued = [sorted(event_lines(e)) for e in events if event_lines(e) & left and event_lines(e) & right]
    assert not glued


def test_grouping_of_headlines_alone_makes_no_false_merge() -> None:
    scores, _ = evaluate_merge(DEFAULT_REPORTS, headlines=True)
    assert scores.precision >= 0.95, scores.false_pairs
    assert scores.correct_pairs >= 4
