"""Two events told side by side in one headline (issue 14): each clause with its own trigger and its own
place is its own event, with the type, place and toll of its own clause; one event told in two clauses
stays one.  Every text here was written for these tests in the style of monitor headlines; none is
copied from the development sets."""

from __future__ import annotations

import pytest
from test_extract_events import run


def events(text: str) -> list[tuple[str, list[str], list[int | None]]]:
    return sorted((m.sub_event_type, [p.text for p in m.places], [c.killed for c in m.claims])
                  for m in run(text).mentions)


TWO = [
    # the parse hangs the second clause's place on the first trigger: each clause keeps its own
    ("Clashes in the town of Inkhil and regime forces shell the countryside of Sweida",
     [("Armed clash", ["Inkhil"], []), ("Shelling/artillery/missile attack", ["Sweida"], [])]),
    ("Heavy clashes in Jobar and warplanes bomb the town of Douma, killing 6 people",
     [("Air/drone strike", ["Douma"], [6]), ("Armed clash", ["Jobar"], [])]),
    ("Government forces pound Kafr Zita with rockets, and 3 fighters killed in clashes near Morek",
     [("Armed clash", ["Morek"], [3]), ("Shelling/artillery/missile attack", ["Kafr Zita"], [])]),
    # the toll's own figure, not a count of towns in the other clause, says whose toll it is
    ("Regime forces shell two villages in the countryside of Hama and an explosion in the countryside of Daraa kills two men",
     [("Remote explosive/landmine/IED", ["Daraa"], [2]), ("Shelling/artillery/missile attack", ["Hama"], [])]),
    # a clause whose own place the parse does not read takes none rather than the next clause's
    ("A rebel commander shells the Wadi area and air strikes targeting places in the countryside of Daraa",
     [("Air/drone strike", ["Daraa"], []), ("Shelling/artillery/missile attack", [], [])]),
    # a province named alone in its clause is that clause's event, not a summary of the other one
    ("Regime forces shell Hama province and aerial bombardment leaves casualties in the province of Idlib",
     [("Air/drone strike", ["Idlib"], []), ("Shelling/artillery/missile attack", ["Hama"], [])]),
]


@pytest.mark.parametrize("text,expected", TWO)
def test_each_clause_is_its_own_event(text, expected):
    assert events(text) == expected


ONE = [
    ("Regime forces shelled Ariha, killing 4 civilians", [("Shelling/artillery/missile attack", ["Ariha"], [4])]),
    ("Warplanes bombed the town of Saraqib .. 5 killed", [("Air/drone strike", ["Saraqib"], [5])]),
]


@pytest.mark.parametrize("text,expected", ONE)
def test_one_event_told_in_two_clauses_stays_one(text, expected):
    assert events(text) == expected


# a second clause the parse gave no event of its own (it hung the noun on the first clause's place, or read
# it as a modifier): the noun that opens the clause is the event, with its own clause's place only
SECOND = [
    ("Clashes in the eastern countryside of Sweida and a blast causes casualties in the countryside of Quneitra",
     [("Armed clash", ["Sweida"], []), ("Remote explosive/landmine/IED", ["Quneitra"], [])]),
    ("Fresh aid reaches the town of Rastan and clashes in the western desert of Homs",
     [("Armed clash", ["Homs"], [])]),
    ("Clashes carry on in Hama countryside and bombardment targets Aleppo",
     [("Armed clash", [], []), ("Shelling/artillery/missile attack", ["Aleppo"], [])]),
]


@pytest.mark.parametrize("text,expected", SECOND)
def test_a_clause_the_parse_left_without_event_is_its_own(text, expected):
    assert events(text) == expected


# no second event: modifiers joined by "and" before one noun; a hedged clause; a blast with nobody hurt;
# (a clause naming no place of its own gives none either: see second_clause.py)
NO_SECOND = [
    ("Air and artillery strikes hit the town of Kafr Nabl", 1),
    ("Clashes in the town of Inkhil and shelling may resume on Nawa", 1),
    ("Clashes in the town of Inkhil and an explosion in the countryside of Daraa", 1),
]


@pytest.mark.parametrize("text,count", NO_SECOND)
def test_no_second_event_without_a_clause_of_its_own(text, count):
    assert len(events(text)) <= count
