"""Headline-style snippets through the real pipeline: one ACLED sub-type per snippet.

The fixture (tests/fixtures/snippets/snippets.jsonl) holds short texts written for these tests in
the style of wire headlines, covering all 25 ACLED sub-event types plus negatives (plans, opinion,
visits, court sentences) that must give no event.  Each line goes in as a JSONL record with `text`
and `published`, exactly as a user's feed would; the exported events are matched back to their
snippet through the `sources[].document` line reference.

The helpers (`snippet_predictions`, `macro_f1`) are also used by hand to measure:
    .venv/bin/python -c "import tests.test_snippets as t; t.report()"
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conflictwire import export as exporter
from conflictwire.ingest import ingest
from conflictwire.store.db import Store
from conflictwire.vocab import SUB_EVENT_TO_TYPE

FIXTURE = Path(__file__).parent / "fixtures" / "snippets" / "snippets.jsonl"

# Measured on the fixture: 0.240 before the headline work, 0.725 after (end to end, with geocoding).  A drop
# below the floor means a trigger or typing rule broke headline reading.
MACRO_F1_FLOOR = 0.93  # measured 0.962 on 2026-12-03 evening (0.955 that afternoon, 0.880 on 2026-11-21)

# Snippets the pipeline does not get today, each with why (traced 2026-12-03 stage by stage: trigger
# match, role requirement, typing; none of them reaches the geocode stage).  They are strict xfails
# and still count in the macro-F1: a change that makes one pass fails as XPASS(strict), and whoever
# fixed it removes its line here (and may raise MACRO_F1_FLOOR).
#   trigger gaps:      no trigger for the event at all
#   role/typing gaps:  a trigger matches but its role check or typing rule gives no event or the wrong type
#   parser misreadings: spaCy's small model mis-tags the headline, so no trigger rule applies
KNOWN_MISSES = {
    # --- role and typing gaps
    "Government forces retake Saraqeb from rebels":
        "role gap: NER tags 'Saraqeb' as an organisation, so 'retake' finds no territory as its object",
    # --- parser misreadings
    "Armed men gang-rape displaced woman near camp in Nyala":
        "parser misreading: 'gang-rape' is parsed as noun modifiers of 'woman' (the root), so the trigger has "
        "neither subject nor object",
    "Al-Shabaab kidnaps aid workers in Gedo region":
        "parser misreading: 'kidnaps' is tagged a noun (subject of 'aid', read as the verb), and the kidnap "
        "triggers need the verb 'kidnap' or the noun 'kidnapping'",
    "Sudan's army and RSF sign ceasefire deal in Jeddah":
        "parser misreading: 'sign' is parsed as a noun compound and 'deal' as the verb; neither matches a trigger",
    "Houthis halt attacks on shipping in Red Sea":
        "parser misreading: 'halt' is tagged a noun (subject) and 'attacks' the verb, so the verb-only 'halt' "
        "trigger does not match and 'attacks' lacks the military corroboration it needs",
}


def load_snippets(path: Path = FIXTURE) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def snippet_predictions(events: list[dict[str, Any]], n_lines: int) -> list[list[dict[str, Any]]]:
    """Events per input line (0-based), found through each event's `sources[].document` ("file#L3")."""
    per_line: list[list[dict[str, Any]]] = [[] for _ in range(n_lines)]
    for event in events:
        lines = set()
        for source in event.get("sources", []):
            m = re.search(r"#L(\d+)$", source.get("document") or "")
            if m:
                lines.add(int(m.group(1)) - 1)
        for line in lines:
            if 0 <= line < n_lines:
                per_line[line].append(event)
    return per_line


def predicted_type(events: list[dict[str, Any]]) -> str | None:
    """The snippet's one sub-type: its most confident event's (a headline tells one event)."""
    if not events:
        return None
    return max(events, key=lambda e: e.get("confidence") or 0)["sub_event_type"]


def macro_f1(gold: list[str | None], predicted: list[str | None]) -> tuple[float, dict[str, tuple[float, float, float, int]]]:
    """Macro-F1 over the sub-types present in gold; None (no event) is not a class, so an event on
    a negative snippet is a false positive and a missed event a false negative."""
    labels = sorted({g for g in gold if g})
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        if p == g and g is not None:
            tp[g] += 1
            continue
        if p is not None:
            fp[p] += 1
        if g is not None:
            fn[g] += 1
    per: dict[str, tuple[float, float, float, int]] = {}
    for label in labels:
        prec = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        rec = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[label] = (prec, rec, f1, tp[label] + fn[label])
    return (sum(v[2] for v in per.values()) / len(per) if per else 0.0), per


def run_snippets(db_path: Path, fixture: Path = FIXTURE) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    store = Store(f"sqlite:///{db_path}")
    ingest([fixture], store)
    events = [json.loads(line) for line in exporter.export_to_string(store, "events", "jsonl").splitlines() if line.strip()]
    snippets = load_snippets(fixture)
    return snippets, snippet_predictions(events, len(snippets))


def report(db_path: str = "/tmp/snippets_report.db") -> float:
    """Print per-snippet results and per-type F1 (a measurement aid, not a test)."""
    Path(db_path).unlink(missing_ok=True)
    snippets, per_line = run_snippets(Path(db_path))
    gold = [s["expected_sub_event_type"] for s in snippets]
    pred = [predicted_type(evs) for evs in per_line]
    for s, g, p, evs in zip(snippets, gold, pred, per_line):
        mark = "ok " if g == p else "XX "
        actors = [(e.get("actor1"), e.get("actor2"), e.get("fatalities")) for e in evs]
        print(f"{mark}{s['text'][:70]:70} gold={g} pred={p} {actors}")
    score, per = macro_f1(gold, pred)
    for label, (prec, rec, f1, n) in per.items():
        print(f"{label:40} P={prec:.2f} R={rec:.2f} F1={f1:.2f} n={n}")
    print(f"macro-F1 {score:.3f}")
    return score


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    return run_snippets(tmp_path_factory.mktemp("snippets") / "snippets.db")


def test_fixture_covers_every_acled_sub_type() -> None:
    snippets = load_snippets()
    covered = Counter(s["expected_sub_event_type"] for s in snippets if s["expected_sub_event_type"])
    assert set(covered) == set(SUB_EVENT_TO_TYPE)
    assert sum(1 for s in snippets if s["expected_sub_event_type"] is None) >= 10


def test_every_known_miss_is_a_snippet_of_the_fixture() -> None:
    assert set(KNOWN_MISSES) <= {s["text"] for s in load_snippets()}  # a stale entry would mark nothing


def _cases(expected_none: bool) -> list:
    return [
        pytest.param(i, s["text"], s["expected_sub_event_type"], id=s["text"][:60],
                     marks=[pytest.mark.xfail(reason=KNOWN_MISSES[s["text"]], strict=True)] if s["text"] in KNOWN_MISSES else [])
        for i, s in enumerate(load_snippets())
        if (s["expected_sub_event_type"] is None) == expected_none
    ]


@pytest.mark.parametrize("index,text,expected", _cases(expected_none=False))
def test_headline_gets_its_sub_type(results, index: int, text: str, expected: str) -> None:
    _snippets, per_line = results
    assert predicted_type(per_line[index]) == expected, [(e["sub_event_type"], e["actor1"]) for e in per_line[index]]


@pytest.mark.parametrize("index,text,expected", _cases(expected_none=True))
def test_plans_opinion_and_court_news_give_no_event(results, index: int, text: str, expected: None) -> None:
    _snippets, per_line = results
    assert per_line[index] == [], [(e["sub_event_type"], e["actor1"]) for e in per_line[index]]


def test_macro_f1_over_sub_types_stays_above_floor(results) -> None:
    snippets, per_line = results
    score, per = macro_f1([s["expected_sub_event_type"] for s in snippets], [predicted_type(e) for e in per_line])
    assert score >= MACRO_F1_FLOOR, {k: round(v[2], 2) for k, v in per.items()}


def _event_for(results, text: str) -> dict[str, Any]:
    snippets, per_line = results
    [index] = [i for i, s in enumerate(snippets) if s["text"] == text]
    assert per_line[index], text
    return max(per_line[index], key=lambda e: e.get("confidence") or 0)


def test_nominal_subject_with_modifier_names_the_actor(results) -> None:
    """'Turkish drone strike kills two': the modifier is who struck; the toll is the event's."""
    event = _event_for(results, "Turkish drone strike kills two in Qamishli")
    assert event["sub_event_type"] == "Air/drone strike"
    assert "Turkey" in (event["actor1"] or "")
    assert event["fatalities"] == 2


def test_intercepted_missile_is_owned_not_the_actor_text(results) -> None:
    """'Houthi missile intercepted': the owner is named, never the weapon itself."""
    event = _event_for(results, "Houthi missile intercepted over Red Sea")
    assert event["sub_event_type"] == "Disrupted weapons use"
    assert "missile" not in (event["actor1"] or "").lower() and "missile" not in (event["actor2"] or "").lower()


def test_police_firing_tear_gas_is_an_intervention_and_live_fire_excessive_force(results) -> None:
    assert _event_for(results, "Police fire tear gas at demonstrators in Nasiriyah")["sub_event_type"] == "Protest with intervention"
    assert _event_for(results, "Troops shoot dead three demonstrators in Khartoum")["sub_event_type"] == \
        "Excessive force against protesters"
