"""Actor rules of issue 14 on short wire paragraphs the team wrote in the style of SANA, Reuters, AFP,
Sputnik, Al Arabiya and Al Manar (tests/fixtures/actors/wire_paragraphs.yaml): news agencies, monitors
and sources are claimants, never actors; an actor's name is the registry's or a recognisable noun
phrase, never a capitalised fragment or an outlet glued to the subject; a group's name never sets the
country; implied actors ("rebel shelling", "government positions", "X said its aircraft", "the
shelling" of the sentence before) are read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import pipeline_events

FIXTURE = Path(__file__).parent / "fixtures" / "actors" / "wire_paragraphs.yaml"
PARAGRAPHS = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["paragraphs"]


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> dict[str, list[dict]]:
    out = {}
    for paragraph in PARAGRAPHS:  # each its own publication date: the state forces' period depends on it
        folder = tmp_path_factory.mktemp(paragraph["id"])
        out[paragraph["id"]] = pipeline_events([paragraph["text"]], folder, published=str(paragraph["published"]))[0]
    return out


def test_the_fixture_covers_the_rules():
    assert len(PARAGRAPHS) >= 15
    assert len({p["id"] for p in PARAGRAPHS}) == len(PARAGRAPHS)


@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=[p["id"] for p in PARAGRAPHS])
def test_actor_rule_on_a_wire_paragraph(events, paragraph):
    found = events[paragraph["id"]]
    if "actor1" in paragraph or "actor2" in paragraph or "country" in paragraph:
        assert found, f"no event from {paragraph['id']}"
    names = {e.get(slot) for e in found for slot in ("actor1", "actor2")} - {None}
    for bad in paragraph.get("never", []):
        assert bad not in names, (paragraph["rule"], names)
        assert not any(name.startswith(bad + " ") for name in names), (paragraph["rule"], names)
    for slot in ("actor1", "actor2"):
        if slot in paragraph:
            assert paragraph[slot] in [e.get(slot) for e in found], (paragraph["rule"], [e.get(slot) for e in found])
    if "country" in paragraph:
        assert {e.get("country") for e in found} == {paragraph["country"]}, paragraph["rule"]
