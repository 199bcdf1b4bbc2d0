"""Events from the wording real reports use (issue 14): monitor-style headlines, nominal heads, phase
verbs, weapons seized, raids, massacres.  Every text here was written for these tests in the style of
a failure seen on the real-text development sets; none is copied from them."""

from __future__ import annotations

from datetime import date

import pytest
from test_extract_events import run

from conflictwire.registry import get_registry

PUBLISHED = date(2024, 3, 5)


def types_of(text: str) -> list[str]:
    return sorted(m.sub_event_type for m in run(text, PUBLISHED).mentions)


# (text, the sub-event types it reports)
EVENTS = [
    # a trigger that is the subject of a phase verb is under way, not planned
    ("Heavy clashes continue in the western countryside of Dummar", ["Armed clash"]),
    # battles as a nominal head
    ("Fierce battles on the southern edge of the town of Ard al-Khadra", ["Armed clash"]),
    # a raid on armed men is a clash; warplanes raiding are an air strike
    ("Insurgents raided an army checkpoint on the outskirts of Qasr Amin on Sunday", ["Armed clash"]),
    # weapons taken: disrupted weapons use
    ("Police confiscated four rifles and a quantity of ammunition in the town of Rawa on Monday", ["Disrupted weapons use"]),
    # a crowd taking to the streets
    ("Hundreds of teachers took to the streets of Hilla on Sunday to demand unpaid salaries", ["Peaceful protest"]),
]


@pytest.mark.parametrize("text,expected", EVENTS, ids=[t[:40] for t, _ in EVENTS])
def test_real_wording_gives_events(text, expected):
    assert types_of(text) == expected


NOT_EVENTS = [
    "The strikes will continue until the group surrenders, the minister said.",
    "Clashes did not continue after the truce took hold in the district of Bab Tuma.",
    "The army plans to continue shelling the area, a commander said.",
    "Lawyers won a long legal battle over the land registry.",
    "The police raided a bakery suspected of selling spoiled flour.",
]


@pytest.mark.parametrize("text", NOT_EVENTS, ids=lambda t: t[:40])
def test_unreal_or_non_military_wording_gives_no_event(text):
    assert types_of(text) == []


@pytest.mark.parametrize("alias,country,expected", [
    ("rebels", "SY", "Opposition Rebels (Syria)"),
    ("the factions", "SY", "Opposition Rebels (Syria)"),
    ("regime warplanes", "SY", "Military Forces of Syria (2000-2024)"),
    ("armed loyalists", "SY", "Military Forces of Syria (2000-2024) National Defense Forces"),
    ("Free Army", "SY", "Free Syrian Army"),
    ("Rahman Corps", "SY", "Faylaq al-Rahman"),
    ("ISIS operatives", "SY", "Islamic State (Syria)"),
    ("Kurdish units", "SY", "YPG: People's Protection Units"),
])
def test_actors_named_in_syrian_reports_resolve(alias, country, expected):
    actor = get_registry().resolve(alias, country, date(2018, 6, 1))
    assert actor is not None and actor.name == expected
