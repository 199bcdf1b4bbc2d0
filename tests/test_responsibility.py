"""Responsibility claims: claimed, blamed and denied, with the actor named and the quote kept."""

from __future__ import annotations

import pytest

from conflictwire.extraction.responsibility import find_responsibility
from support import found_in


def responsibility_in(text: str):
    return found_in(text, find_responsibility, "r1")


@pytest.mark.parametrize(
    "text,kind,actor,claimant",
    [
        ("The Islamic Resistance in Iraq claimed responsibility for the drone attack.", "claimed", "Islamic Resistance in Iraq", "Islamic Resistance in Iraq"),
        ("Kataib Hezbollah announced the targeting of the Tanf base with drones.", "claimed", "Kataib Hezbollah", "Kataib Hezbollah"),
        ("The Houthis said they targeted the ship with missiles.", "claimed", "Houthis", "Houthis"),
        ("US officials blamed Iran-backed militias for the attack.", "blamed", "Iran-backed militias", "US officials"),
        ("Washington pointed the finger at Kataib Hezbollah.", "blamed", "Kataib Hezbollah", "Washington"),
        ("The attack was blamed on Islamic State militants.", "blamed", "Islamic State militants", None),
        ("Baghdad accused Turkey of carrying out the strike.", "blamed", "Turkey", "Baghdad"),
        ("Tehran denied being behind the attack.", "denied", "Tehran", "Tehran"),
        ("Iran denied any involvement in the strike.", "denied", "Iran", "Iran"),
    ],
)
def test_responsibility_kinds(text, kind, actor, claimant):
    claims = responsibility_in(text)
    assert [(c.kind, c.actor, c.claimant) for c in claims] == [(kind, actor, claimant)]
    assert claims[0].article_id == "r1"


def test_conflicting_attributions_are_all_kept():
    claims = responsibility_in("Israel blamed Hezbollah and Hamas for the rocket fire.")
    assert sorted(c.actor for c in claims) == ["Hamas", "Hezbollah"]


def test_plain_reports_are_not_claims():
    assert responsibility_in("Turkish warplanes struck PKK positions in Zakho on Monday.") == []
    assert responsibility_in("The minister said talks would resume next week.") == []
