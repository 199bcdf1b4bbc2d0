"""The product contract (docs/schema.md) held by tests: vocabularies, record fields, commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conflictwire import export as exporter
from conflictwire.store.db import EVENT_FIELDS
from conflictwire.vocab import ACLED_TAXONOMY, ACLED_TO_PLOVER, PLOVER_EVENTS, SUB_EVENT_TO_TYPE

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_acled_taxonomy_has_6_types_and_25_sub_types_spelled_as_acled() -> None:
    assert len(ACLED_TAXONOMY) == 6
    assert len(SUB_EVENT_TO_TYPE) == 25
    assert SUB_EVENT_TO_TYPE["Air/drone strike"] == "Explosions/Remote violence"
    assert SUB_EVENT_TO_TYPE["Shelling/artillery/missile attack"] == "Explosions/Remote violence"
    assert SUB_EVENT_TO_TYPE["Remote explosive/landmine/IED"] == "Explosions/Remote violence"
    assert SUB_EVENT_TO_TYPE["Armed clash"] == "Battles"
    assert SUB_EVENT_TO_TYPE["Disrupted weapons use"] == "Strategic developments"
    assert SUB_EVENT_TO_TYPE["Change to group/activity"] == "Strategic developments"


def test_every_sub_type_has_a_plover_code_among_the_16() -> None:
    assert len(PLOVER_EVENTS) == 16
    assert set(ACLED_TO_PLOVER) == set(SUB_EVENT_TO_TYPE)
    assert all(event in PLOVER_EVENTS for event, _mode in ACLED_TO_PLOVER.values())


def test_event_record_fields_are_the_contracts() -> None:
    contract = ("event_id event_date date_range time_precision event_type sub_event_type plover_event plover_mode "
                "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 country country_code admin1 admin2 "
                "location latitude longitude geo_precision fatalities injuries claims responsibility weapons "
                "targets sources notes confidence curated decision_ids machine").split()
    assert list(EVENT_FIELDS) == contract


def test_schema_doc_lists_every_event_field_and_format() -> None:
    text = (DOCS / "schema.md").read_text()
    for field in EVENT_FIELDS:
        assert f"`{field}`" in text, field
    for fmt in exporter.FORMATS:
        assert f"`{fmt}`" in text, fmt


def test_cli_offers_the_contracts_commands() -> None:
    help_text = subprocess.run([sys.executable, "-m", "conflictwire.cli", "--help"], capture_output=True,
                               text=True, check=True).stdout
    for command in ("ingest", "export", "serve", "demo", "evaluate"):
        assert re.search(rf"\b{command}\b", help_text), command
