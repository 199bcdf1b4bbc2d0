"""Casualty claims: numbers in digits and words, ACLED's conservative rule, claimants, quotes."""

from __future__ import annotations

import pytest

from conflictwire.extraction.casualties import find_casualty_claims, parse_quantity
from support import found_in


def claims_in(text: str):
    return found_in(text, find_casualty_claims, "c1")


@pytest.mark.parametrize(
    "phrase,value,qualifier",
    [
        ("three", 3, None),
        ("16", 16, None),
        ("at least 16", 16, "at least"),
        ("more than 40", 40, "more than"),
        ("approximately 29", 29, "about"),
        ("a pair of", 2, "pair"),
        ("dozens of", 12, "dozens"),
        ("tens of", 10, "tens"),
        ("hundreds of", 100, "hundreds"),
        ("15 to 20", 15, "at least"),
        ("between 10 and 15", 10, "at least"),
        ("twenty-five", 25, None),
        ("1,200", 1200, None),
    ],
)
def test_quantities_follow_the_conservative_rule(phrase, value, qualifier):
    count = parse_quantity(phrase)
    assert count is not None
    assert (count.value, count.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    "text,killed,injured,claimant",
    [
        ("Iraq said the strikes killed 16 people and injured 25.", 16, 25, "Iraq"),
        ("According to the Syrian Observatory for Human Rights, at least 18 fighters were killed in the raids.", 18, None, "Syrian Observatory for Human Rights"),
        ("A monitoring group reported 18 killed in the strikes.", 18, None, "monitoring group"),
        ("The ministry said approximately 29 people were killed and dozens were wounded.", 29, 12, "ministry"),
        ("The blast killed three soldiers and two civilians.", 5, None, None),
        ("The shelling left 7 people dead, local officials said.", 7, None, "local officials"),
        ("A soldier was killed and four others were wounded in the attack.", 1, 4, None),
        ("The death toll rose to 31 on Tuesday, the health ministry said.", 31, None, "health ministry"),
        ("No casualties were reported, the army said.", 0, 0, "army"),
        ("Two US service members were injured in the attack, the Pentagon said.", None, 2, "Pentagon"),
    ],
)
def test_claims_with_claimants(text, killed, injured, claimant):
    [claim] = claims_in(text)
    assert claim.killed == killed
    assert claim.injured == injured
    assert claim.claimant == claimant
    assert claim.article_id == "c1"


def test_captured_is_kept_apart_from_killed():
    [claim] = claims_in("SDF fighters captured 12 ISIS militants and killed four in the raid near Hasakah.")
    assert claim.captured == 12 and claim.killed == 4


def test_victims_side_is_recorded():
    [claim] = claims_in("The strike killed 16 Iraqi security force members near Al-Qaim.")
    assert claim.victims == "Iraqi security force members"


def test_dates_and_distances_are_not_tolls():
    assert claims_in("The convoy was hit 20 kilometres from the border.") == []
    assert claims_in("Rockets hit the base in Erbil on Monday.") == []


@pytest.mark.parametrize(
    "text,killed",
    [
        ("A Turkish drone hit a car near Amedi on Monday, killing both men inside.", 2),
        ("Both soldiers were killed when a roadside bomb hit their patrol near Tikrit.", 2),
        ("Clashes near Tal Afar killed fighters on both sides, officials said.", None),
    ],
)
def test_both_counts_two_only_with_a_victim(text, killed):
    found = claims_in(text)
    assert (found[0].killed if found else None) == killed


def test_dateline_day_is_no_toll():
    [claim] = claims_in("MOSUL, May 3 - Four civilians were killed when a mortar round hit a market.")
    assert claim.killed == 4


@pytest.mark.parametrize(
    "text,killed",
    [
        ("An Israeli strike on a car near Damascus killed a senior Hezbollah commander and one of his aides.", 2),
        ("The raid killed two ISIS leaders and three of their bodyguards, the coalition said.", 5),
    ],
)
def test_companions_of_the_killed_count_too(text, killed):
    [claim] = claims_in(text)
    assert claim.killed == killed


def test_others_killed_beside_a_named_victim_count_too():
    [claim] = claims_in("A drone strike on a car in Mosul killed a senior ISIS commander and three other people, police said.")
    assert claim.killed == 4


def test_another_wounded_after_the_dead_is_one_injured():
    [claim] = claims_in("Three policemen were killed and another wounded when gunmen attacked their patrol near Baquba.")
    assert (claim.killed, claim.injured) == (3, 1)


def test_counted_officials_are_a_claimant():
    [claim] = claims_in("A drone strike on a car in Baghdad killed two men late on Tuesday, two Iraqi security officials said.")
    assert claim.claimant == "two Iraqi security officials"


def test_a_sayer_parsed_as_a_conjunct_of_the_victims_is_still_the_claimant() -> None:
    claims = claims_in("Jets struck depots near Hajin on Friday, killing at least 14 fighters, local activists said.")
    assert [(c.claimant, c.killed) for c in claims] == [("local activists", 14)]


def test_every_casualty_pattern_match_contains_its_guard_word():
    """The guards only skip sentences a pattern cannot match (checked on the samples and snippets)."""
    import json
    from pathlib import Path

    from conflictwire.extraction import casualties

    root = Path(__file__).resolve().parents[1]
    texts = [json.loads(line)["text"] for line in (root / "tests/fixtures/snippets/snippets.jsonl").read_text().splitlines()
             if line.strip()]
    for path in sorted((root / "src/conflictwire/samples").glob("*.txt")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["Two soldiers were killed and another wounded.", "The death toll rose to 12.",
              "Gunmen captured five police officers.", "Three people lost their lives.", "Both men were slain."]
    matched = 0
    for pattern, guard in casualties._patterns().guards.items():
        for text in texts:
            if pattern.search(text):
                matched += 1
                assert guard.search(text), (pattern.pattern[:40], text)
    assert matched > 50
