"""A blind development set: news snippets written before reading the lexicons or the detection code.

tests/fixtures/blind/blind_snippets.jsonl holds 161 one-to-three-sentence snippets in the style of global
news wires and local papers (Africa, South Asia, Latin America, Middle East), every ACLED sub-type, with
weight on the classes the held-out shared-task snippets miss (disrupted weapons use, peaceful protests,
sexual violence, looting, chemical weapons, arrests), plus 40 negatives (hedged, future, negated,
background, sports and metaphor, policy statements, trials of old events).  It was written on 2026-12-04
by the detect helper before looking at knowledge/triggers.yaml or extraction/events/, as a proxy for the
held-out snippets; its rules must not be fitted snippet by snippet (fix failure classes, not lines).

Sets 4 and 5 (2026-12-04, late evening, the detect helper's second pass): set 4 (167 snippets: 127 events over all
25 sub-types, weighted to disrupted weapons use, protests, sexual violence, looting, chemical weapons, arrests,
abductions, agreements, bases and handovers, plus 40 negatives) was written before reading the rules and measured on
main first (macro-F1 0.842, accuracy 0.832, yield 0.866, 3 false events); its failure classes were then fixed
(0.957 / 0.958 / 0.969, 0 false events), so it is tuned now.  Set 5 (60 snippets: 45 events, 15 negatives, fresh
wording) was written after those fixes and measured once, never tuned: main 0.825 / 0.867 / 0.822, after 0.853 /
0.883 / 0.844, no false event.  It is the honest after-number of that pass; keep it untuned.

Measure by hand (per sub-type precision, recall, F1, yield; ``fixture=t.FIXTURE_2`` for the second set):
    PYTHONPATH=src:. .venv/bin/python -c "import tests.test_blind_snippets as t; t.report()"
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.test_snippets import macro_f1, predicted_type, run_snippets

FIXTURE = Path(__file__).parent / "fixtures" / "blind" / "blind_snippets.jsonl"
# A second set (89 snippets: 69 events, 20 negatives, longer wire-style texts with datelines), written the same
# day after the first round of fixes and measured blind on main before the second round (macro-F1 0.527 on
# main, 0.575 after round one); the second round was then fitted to its failure classes, so it is no longer blind.
FIXTURE_2 = FIXTURE.parent / "blind_snippets_2.jsonl"
# A third set (65 snippets: 50 events, 15 negatives) written after the second round and never tuned on: the
# honest number for that day's rules (main 0.818, after both rounds 0.900).  Keep it untuned: a rule made for
# one of its misses turns it into one more fitted set.
FIXTURE_3 = FIXTURE.parent / "blind_snippets_3.jsonl"
# Set 4 (167: 127 events, 40 negatives), written blind and measured on main (0.842) before the second pass, then
# tuned on (0.957); set 5 (60: 45 events, 15 negatives) written after that pass and measured once: untuned (0.853).
FIXTURE_4 = FIXTURE.parent / "blind_snippets_4.jsonl"
FIXTURE_5 = FIXTURE.parent / "blind_snippets_5.jsonl"
# Set 6 (131: 107 events over all 25 sub-types, 24 negatives; global wires, coders' notes on Iraq, Syria and Yemen,
# monitor headlines), written 2026-12-05 before the third pass and measured on main fe33ee4 (0.832 / 0.817, 3 false
# events), then tuned on (0.980 / 0.985, 0 false events).
FIXTURE_6 = FIXTURE.parent / "blind_snippets_6.jsonl"
# Set 7 (60: 48 events, 12 negatives), written with set 6 and held out: measured on main fe33ee4 (0.876 / 0.900, 2 false
# events: a documentary "retraces the battle", a football striker "fired a rocket") and once after the pass (0.917 /
# 0.917, the same 2).  Never tune on it.
FIXTURE_7 = FIXTURE.parent / "blind_snippets_7.jsonl"

# Floors: (macro-F1, accuracy) per fixture, a little under the measure of 2026-12-04 (set 1 0.890 / 0.925,
# set 2 0.824 / 0.820, set 3 0.900 / 0.892; before the day's changes 0.755 / 0.781, 0.527 / 0.607,
# 0.818 / 0.846).  See docs/evaluation.md.
FLOORS = {FIXTURE: (0.87, 0.91), FIXTURE_2: (0.80, 0.80), FIXTURE_3: (0.88, 0.87),
          FIXTURE_4: (0.93, 0.93),  # measured 0.957 / 0.958 (main 0.842 / 0.832)
          FIXTURE_5: (0.83, 0.86),  # measured once 0.853 / 0.883 (main 0.825 / 0.867)
          FIXTURE_6: (0.95, 0.96),  # measured 0.980 / 0.985 (main fe33ee4 0.832 / 0.817)
          FIXTURE_7: (0.85, 0.88)}  # held out: main fe33ee4 0.876 / 0.900, once after the pass 0.917 / 0.917
# False events allowed on a set's negatives: none, except set 7's two measured on main before the pass (a held-out set
# is not fixed line by line); a third is a regression.
MAX_FALSE_EVENTS = {FIXTURE_7: 2}


def scores(snippets: list[dict[str, Any]], per_line: list[list[dict[str, Any]]]) -> dict[str, Any]:
    gold = [s["expected_sub_event_type"] for s in snippets]
    pred = [predicted_type(evs) for evs in per_line]
    macro, per = macro_f1(gold, pred)
    yielded = Counter(g for g, evs in zip(gold, per_line) if g and evs)
    accuracy = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold)
    positives = [g for g in gold if g]
    return {
        "macro_f1": macro,
        "accuracy": accuracy,
        "yield": sum(yielded.values()) / len(positives),
        "per": {label: (*v, yielded[label]) for label, v in per.items()},
        "false_events": [s["text"] for s, g, evs in zip(snippets, gold, per_line) if g is None and evs],
    }


def report(db_path: str = "/tmp/blind_snippets_report.db", verbose: bool = True, fixture: Path = FIXTURE) -> dict[str, Any]:
    """Print per-snippet results and per-sub-type numbers (a measurement aid, not a test)."""
    Path(db_path).unlink(missing_ok=True)
    snippets, per_line = run_snippets(Path(db_path), fixture)
    result = scores(snippets, per_line)
    if verbose:
        for s, evs in zip(snippets, per_line):
            g, p = s["expected_sub_event_type"], predicted_type(evs)
            print(f"{'ok ' if g == p else 'XX '}{s['text'][:90]:90} gold={g} pred={p}")
    for label, (prec, rec, f1, n, y) in sorted(result["per"].items()):
        print(f"{label:38} P={prec:.2f} R={rec:.2f} F1={f1:.2f} yield={y}/{n}")
    print(f"macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}  yield {result['yield']:.3f}  "
          f"false events on negatives {len(result['false_events'])}")
    return result


@pytest.fixture(scope="module", params=[FIXTURE, FIXTURE_2, FIXTURE_3, FIXTURE_4, FIXTURE_5, FIXTURE_6, FIXTURE_7],
                ids=["set1", "set2", "set3", "set4", "set5", "set6", "set7"])
def results(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    snippets, per_line = run_snippets(tmp_path_factory.mktemp("blind") / "blind.db", request.param)
    return request.param, scores(snippets, per_line)


def test_blind_set_negatives_give_no_event(results) -> None:
    fixture, result = results
    assert len(result["false_events"]) <= MAX_FALSE_EVENTS.get(fixture, 0), result["false_events"]


def test_blind_set_macro_f1_and_accuracy_stay_above_floor(results) -> None:
    fixture, result = results
    macro_floor, accuracy_floor = FLOORS[fixture]
    per = {k: round(v[2], 2) for k, v in result["per"].items()}
    assert result["macro_f1"] >= macro_floor, per
    assert result["accuracy"] >= accuracy_floor, per
