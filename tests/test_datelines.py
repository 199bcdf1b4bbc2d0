"""Wire datelines: where the wire filed from is not where the event happened (issues 14, 15).

Agencies cover Syria from Beirut and Iraq from Baghdad or Erbil; a story opens with that place and
often a full date ("BEIRUT, March 21, 2017 (AFP) -").  Written by the team in the style of wire
copy; none is copied from a report.
"""

from __future__ import annotations

import pytest

from conflictwire.dateline import wire_dateline
from conflictwire.ingest import process_document
from conflictwire.models import Document


def _events(text: str) -> list:
    doc = Document("tdl", "tdl.txt", f"h-{abs(hash(text))}", "text", text, "utf-8")
    return [m for ex in process_document(doc).extractions for m in ex.mentions]


@pytest.mark.parametrize("line, place", [
    ("BEIRUT, March 21, 2017 (AFP) - Warplanes struck ...", "BEIRUT"),
    ("DAMASCUS, Feb 5 (Reuters) - Shelling hit ...", "DAMASCUS"),
    ("ALEPPO, Syria, March 3, 2016 (AFP) - Rebels said ...", "ALEPPO, Syria"),
    ("BEIRUT (AP) — Activists say ...", "BEIRUT"),
    ("Beirut (AFP) - Air strikes killed ...", "Beirut"),
    ("AMMAN - Jordan's army said ...", "AMMAN"),
])
def test_wire_datelines_are_read_with_their_place(line, place):
    found = wire_dateline(line)
    assert found is not None and found.group("place").strip() == place


@pytest.mark.parametrize("line", [
    "Air strikes killed four people in Idlib on Tuesday - a monitor said.",
    "Syria - the war in numbers",  # a title-case heading with no outlet is not a dateline
])
def test_ordinary_openings_are_no_datelines(line):
    assert wire_dateline(line) is None


TOKHAR = """Coalition strikes kill civilians in eastern Syria

BEIRUT, March 21, 2017 (AFP) - Coalition warplanes killed 56 civilians in the village of Tokhar on Tuesday, a monitor said.

The Syrian Observatory for Human Rights said the raids hit homes where displaced families were sheltering.
"""


def test_a_dated_wire_dateline_is_not_the_place_and_an_unknown_village_takes_the_headline_country():
    events = _events(TOKHAR)
    assert len(events) == 1
    event = events[0]
    # Before: placed in Beirut, Lebanon (the dateline with a year was read as the event's place),
    # and without it the village the gazetteer lacks was dropped.
    assert event.place is not None and event.place.country_code == "SY"
    assert event.place.geo_precision == 3
    assert [c.killed for c in event.claims] == [56]


def test_the_headline_country_is_not_used_when_the_text_names_another():
    text = TOKHAR.replace("in the village of Tokhar", "in the village of Tokhar near the Iraqi border town of Qaim in Iraq")
    for event in _events(text):
        assert event.place is None or event.place.country_code != "LB"


def test_a_dated_dateline_keeps_a_known_place_of_the_event():
    events = _events("Strike kills four in Idlib\n\nBEIRUT, March 21, 2017 (AFP) - An air strike killed four civilians "
                     "in the town of Saraqib in Idlib province on Tuesday, a monitor said.\n")
    assert [e.place.name for e in events] == ["Saraqib"]
