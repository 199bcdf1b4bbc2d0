"""`ingest --published/--outlet` on pages already stored re-dates or re-attributes them, and their events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictwire.ingest import ingest
from conflictwire.pipeline.decisions import edit_event
from conflictwire.store.db import Store

# Written for this test in the style of a flattened news page that states no date.
UNDATED = ("Drone strike kills two in Baghdad\n\n"
           "A drone strike hit a car in eastern Baghdad on Sunday, killing two members of Kataib Hezbollah, "
           "two security officials said. The strike set the car on fire near a busy market.\n")


def test_published_and_outlet_rederive_a_stored_page_and_keep_corrections(tmp_path: Path) -> None:
    page = tmp_path / "undated.txt"
    page.write_text(UNDATED)
    store = Store(f"sqlite:///{tmp_path / 'cw.db'}")
    first = ingest([page], store)
    assert first.documents_new == 1 and list(store.iter_events()) == []  # no date: no event, a warning

    dated = ingest([page], store, published=date(2024, 3, 4))  # a Monday: "on Sunday" is the 3rd
    assert (dated.documents_new, dated.documents_rederived, dated.documents_skipped) == (0, 1, 0)
    [event] = store.iter_events()
    assert event["event_date"] == "2024-03-03" and event["sources"][0]["published"] == "2024-03-04"

    edit_event(store, event["event_id"], {"fatalities": 3}, why="hospital figure")
    again = ingest([page], store, published=date(2024, 3, 4))
    assert (again.documents_rederived, again.documents_skipped) == (0, 1)  # nothing changes: nothing redone

    redated = ingest([page], store, published=date(2024, 3, 11), outlet="Example Daily")
    assert redated.documents_rederived == 1
    [event] = store.iter_events()
    assert event["event_date"] == "2024-03-10" and event["fatalities"] == 3 and event["curated"]
    assert event["sources"][0]["outlet"] == "Example Daily"

    ingest([page], store, outlet="Other Daily")  # --outlet alone keeps the date given before
    [event] = store.iter_events()
    assert (event["event_date"], event["sources"][0]["outlet"]) == ("2024-03-10", "Other Daily")
    assert store.counts()["documents"] == 1 and store.counts()["mentions"] == 1
