"""Actors of Syria, Iraq and Yemen the registry learned from the real-text development data (issue 14,
point 7): fixtures written in the style of the real failures, not copied from any source."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire.ingest import process_document
from conflictwire.models import Document
from conflictwire.registry import get_registry


def _events(text: str, published: date) -> list:
    doc = Document(f"d-{abs(hash(text))}", "fixture.jsonl#L1", f"h-{abs(hash(text))}", "record", text, "utf-8",
                   given_published=published)
    return [m for extraction in process_document(doc).extractions for m in extraction.mentions]


def _only(text: str, published: date):
    events = _events(text, published)
    assert len(events) == 1, [(m.sub_event_type, m.trigger.text) for m in events]
    return events[0]


@pytest.mark.parametrize(("name", "country", "on", "expected"), [
    # the Saudi-led coalition is no anti-IS coalition, and "the coalition" in Yemen is the Saudi-led one
    ("Saudi-led coalition", "YE", date(2019, 3, 2), "Operation Restoring Hope"),
    ("Saudi-led coalition", "YE", date(2015, 4, 2), "Operation Decisive Storm"),
    ("coalition jets", "YE", date(2019, 3, 2), "Operation Restoring Hope"),
    ("coalition jets", "SY", date(2019, 3, 2), "Coalition Forces (Operation Inherent Resolve)"),
    ("Yemeni troops", "YE", date(2019, 3, 2), "Military Forces of Yemen (2012-)"),
    ("STC fighters", "YE", date(2019, 3, 2), "Southern Transitional Council"),
    ("Hadhrami Elite Forces", "YE", date(2019, 3, 2), "Military Forces of Yemen (2012-) Hadhrami Elite Forces"),
    ("Saudi border guards", "YE", date(2019, 3, 2), "Military Forces of Saudi Arabia (2015-)"),
    # a rebel group whose name holds "Syrian Army" is no Syrian army
    ("the New Syrian Army", "SY", date(2016, 5, 2), "Jaysh Maghawir al-Thawra"),
    ("Jarabulus Military Council", "SY", date(2017, 5, 2), "Jarabulus Military Council"),
    ("pro-Assad militiamen", "SY", date(2016, 5, 2), "Military Forces of Syria (2000-2024) National Defense Forces"),
    ("RuAF", "SY", date(2016, 5, 2), "Military Forces of Russia (2000-)"),
    # Turkey's operation is Turkey's; its Syrian allies' "forces of the operation" are the SNA
    ("Operation Peace Spring", "SY", date(2019, 10, 12), "Military Forces of Turkey (2016-)"),
    ("Olive Branch Operation forces", "SY", date(2018, 2, 12), "Syrian National Army"),
])
def test_the_registry_knows_the_actor(name, country, on, expected):
    actor = get_registry().resolve(name, country, on)
    assert actor is not None and actor.name == expected


def test_a_name_holding_the_syrian_army_is_read_whole_in_running_text():
    found = [actor.name for _s, _e, actor in get_registry().find_mentions("fighters of the New Syrian Army near al-Tanf")]
    assert found == ["Jaysh Maghawir al-Thawra"]


def test_saudi_led_strikes_in_yemen_are_the_saudi_led_operation():
    event = _only("Saudi-led coalition air strikes kill nine civilians at a market in Saada", date(2018, 7, 3))
    assert (event.actor1, event.actor2) == ("Operation Restoring Hope", "Civilians (Yemen)")


def test_government_forces_in_yemen_are_the_recognised_governments():
    event = _only("Security Belt fighters clashed with government troops in Crater district of Aden, leaving six dead",
                  date(2019, 8, 9))
    assert {event.actor1, event.actor2} == {"Military Forces of Yemen (2012-) Security Belt Forces",
                                             "Military Forces of Yemen (2012-)"}


def test_counted_strikes_before_the_weapon_are_no_counted_victims():
    event = _only("5 RuAF airstrikes with cluster munitions wounded 8 fighters near Tal Rifaat", date(2016, 2, 20))
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.actor2 != "Military Forces of Russia (2000-)"


def test_a_turkish_operation_named_as_the_subject_is_turkeys_forces():
    event = _only("Operation “Peace Spring” kills 14 civilians in the countryside of Ras al-Ain", date(2019, 10, 14))
    assert event.actor1 == "Military Forces of Turkey (2016-)"
