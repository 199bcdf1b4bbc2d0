"""Tallies: counts of attacks over periods, never single events or casualty figures."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from conflictwire.extraction.tallies import candidate_patterns, find_tallies
from conflictwire.models import Article, Tally, stable_id
from conflictwire.pipeline.annotate import annotate

PUBLISHED = date(2024, 1, 30)


@lru_cache(maxsize=None)
def tallies_of(text: str) -> tuple[Tally, ...]:
    article = Article(article_id="t-" + stable_id(text), document_id="d", index=0, text=text, published=PUBLISHED)
    annotated = annotate([article], lambda s: True)[0]
    found = find_tallies(annotated)
    for tally in found:  # every quote is verbatim, with exact offsets
        assert article.text[tally.quote.start : tally.quote.end] == tally.quote.text
    return tuple(found)


# (sentence, count, qualifier, what, period_from)
POSITIVES = [
    ("There have been more than 200 attacks and attempted attacks in four months, according to the Pentagon.",
     200, "more than", "attacks and attempted attacks", date(2023, 10, 2)),
    ("The base came under 7 attacks in 72 hours.", 7, "exactly", "attacks", date(2024, 1, 27)),
    ("US forces in Iraq and Syria have been attacked over 160 times since October.",
     160, "more than", "attacks", date(2023, 10, 1)),
    ("The Pentagon said there had been at least 40 attacks since mid-October.",  # mid-October: days 11-20
     40, "at least", "attacks", date(2023, 10, 11)),
    ("Militias have launched about 60 rocket attacks since Oct. 17.", 60, "about", "rocket attacks", date(2023, 10, 17)),
    ("The group has claimed dozens of attacks since the start of the war.", 12, "dozens", "attacks", None),
    ("Insurgents carried out forty attacks in the past two weeks.", 40, "exactly", "attacks", date(2024, 1, 16)),
    ("There were twenty-three drone attacks in the last month, officials said.",
     23, "exactly", "drone attacks", date(2023, 12, 31)),
    ("Coalition bases were hit nearly 100 times this year.", 100, "about", "attacks", date(2024, 1, 1)),
    ("The militia has conducted 1,200 attacks since January 2023.", 1200, "exactly", "attacks", date(2023, 1, 1)),
    ("Since late December, there have been no fewer than 12 strikes on the airport.",
     12, "at least", "strikes", date(2023, 12, 21)),
    ("Houthi forces have mounted more than 30 attacks on shipping so far this year.",
     30, "more than", "attacks", date(2024, 1, 1)),
    ("US troops have come under fire at least 150 times since Oct. 17, 2023.",
     150, "at least", "attacks", date(2023, 10, 17)),
]


@pytest.mark.parametrize("text,count,qualifier,what,period_from", POSITIVES)
def test_tally_count_qualifier_what_and_period(text, count, qualifier, what, period_from):
    found = tallies_of(text)
    assert len(found) == 1, found
    tally = found[0]
    assert (tally.count, tally.qualifier, tally.what) == (count, qualifier, what)
    assert tally.period_from == period_from
    assert tally.period_to == PUBLISHED and tally.as_of == PUBLISHED


NEGATIVES = [
    "The strike killed 16 people, including civilians.",
    "US aircraft struck 85 targets at seven facilities.",
    "Two drones hit the base on Sunday.",
    "Three rocket attacks hit Ain al-Asad on Sunday.",
    "The 2023 attacks were claimed by the group.",
    "At least 40 people were wounded in the attack.",
    "Two attacks on Monday killed three soldiers.",
    "The drone attack injured 34 US service members.",
    "Militants fired 30 rockets at the base since Monday.",
    "The army said it had killed 85 fighters in the past week.",
    "Israel struck more than 100 targets in Gaza overnight.",
    "The two attacks since Friday were claimed by the group.",
    "The one attack since October that killed Americans came at Tower 22.",
    "Officials said the group has 10,000 fighters in Iraq and 3,000 in Syria.",
    "The group fired two ballistic missiles in days, officials said.",
    "He was attacked three times in his career.",
    "Sixteen people died in four separate incidents.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_events_and_casualty_counts_are_not_tallies(text):
    assert tallies_of(text) == ()


def test_breakdown_gives_whole_and_parts_linked_by_parent_id():
    text = ("Iran-backed militias have carried out 166 attacks on US forces, 67 in Iraq and 98 in Syria, "
            "since October 17, a US official said.")
    whole, iraq, syria = tallies_of(text)
    assert (whole.count, whole.parent_id, whole.place) == (166, None, None)
    assert (iraq.count, iraq.place, iraq.parent_id) == (67, "Iraq", whole.tally_id)
    assert (syria.count, syria.place, syria.parent_id) == (98, "Syria", whole.tally_id)
    assert whole.actor == "Iran-backed militias" and whole.target == "US forces"
    assert whole.claimant == "a US official"
    assert all(t.period_from == date(2023, 10, 17) for t in (whole, iraq, syria))
    assert len({whole.tally_id, iraq.tally_id, syria.tally_id}) == 3


def test_breakdown_without_period_is_still_a_tally():
    found = tallies_of("The Pentagon counted 166 attacks, 67 in Iraq and 98 in Syria.")
    assert [t.count for t in found] == [166, 67, 98]
    assert found[0].claimant is None or found[0].claimant == "The Pentagon"


def test_breakdown_in_parentheses():
    found = tallies_of("Since October 17, US forces have come under at least 66 attacks (32 in Iraq and 34 in Syria).")
    assert [(t.count, t.place) for t in found] == [(66, None), (32, "Iraq"), (34, "Syria")]
    assert found[0].target == "US forces"


def test_claimant_actor_target_and_place():
    (tally,) = tallies_of("The Islamic Resistance in Iraq has claimed more than 150 attacks on US bases since October, "
                          "the group said.")
    assert tally.actor == "The Islamic Resistance in Iraq"
    assert tally.target == "US bases"
    assert tally.claimant == "the group"
    (tally,) = tallies_of("US forces in Iraq and Syria have been attacked over 160 times since October.")
    assert tally.target == "US forces" and tally.place == "Iraq and Syria"
    (tally,) = tallies_of("According to the Pentagon, there have been 151 attacks by Iran-backed groups since Oct. 17.")
    assert tally.claimant == "the Pentagon" and tally.actor == "Iran-backed groups"


def test_since_a_later_month_means_last_year():
    (tally,) = tallies_of("There have been 45 attacks since November.")
    assert tally.period_from == date(2023, 11, 1)


def test_tally_id_is_stable_and_points_at_the_count():
    text = "There have been 45 attacks since November."
    (tally,) = tallies_of(text)
    article_id = "t-" + stable_id(text)
    assert tally.tally_id == stable_id(article_id, "tally", text.index("45"))


def test_two_tallies_in_one_sentence_get_their_own_periods():
    found = tallies_of("Militias have carried out more than 150 attacks since October, including 7 attacks in 72 hours.")
    assert [(t.count, t.period_from) for t in found] == [(150, date(2023, 10, 1)), (7, date(2024, 1, 27))]


def test_candidate_patterns_are_regexes_that_find_tally_sentences():
    import re

    combined = re.compile("|".join(candidate_patterns()), re.I)
    assert combined.search("There have been 45 attacks since November.")
    assert not combined.search("The strike killed 16 people.")
