"""Tolls, claims, responsibility and toll updates as an analyst sees them (issue 14, items 5, 6, 9).

Every text here was written for these tests in the style of a failure seen on real reports (three
reports of one rocket attack, a wire story, an analysis with rival estimates, a digest page); none is
copied from them.  The whole pipeline runs (ingest, merge, export): the assertions read the exported
events the way the workbench card shows them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_extract_events import run

from conflictwire import export as exporter
from conflictwire.extraction.casualties import find_casualty_claims
from conflictwire.extraction.responsibility import find_responsibility
from conflictwire.ingest import ingest
from conflictwire.store.db import Store
from support import found_in


def ingest_reports(tmp_path: Path, reports: list[dict[str, str]]) -> list[dict[str, Any]]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'events.db'}")
    ingest([feed], store)
    return [json.loads(line) for line in exporter.export_to_string(store, "events", "jsonl").splitlines() if line.strip()]


# --------------------------------------------------------------------------- three reports of one attack

THREE_REPORTS = [
    {"url": "https://example.org/kalak-1", "published": "2024-01-21", "outlet": "Zab Wire",
     "text": "Rockets hit army post near Erbil\n\nERBIL, Jan 20 - Two people were killed when rockets hit an army post "
             "on the road between Erbil and Makhmour on Saturday, a security official said. Several others were wounded."},
    {"url": "https://example.org/kalak-2", "published": "2024-01-21", "outlet": "Nineveh Courier",
     "text": "Militia umbrella claims Erbil attack\n\nThe Islamic Resistance in Iraq claimed the attack on the army post "
             "near Erbil on Saturday. Three soldiers and two civilian contractors were killed, officials said."},
    {"url": "https://example.org/kalak-3", "published": "2024-01-22", "outlet": "Zab Wire",
     "text": "Erbil toll rises\n\nThe death toll from Saturday's rocket attack on the army post near Erbil rose to five, "
             "a security official said on Sunday. Separately, militants killed five people collecting truffles near "
             "the town of Rutba on Sunday."},
]


@pytest.fixture(scope="module")
def three_reports(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return ingest_reports(tmp_path_factory.mktemp("three"), THREE_REPORTS)


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return ingest_reports(tmp_path_factory.mktemp("analysis"), [ANALYSIS])


@pytest.fixture(scope="module")
def digest(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return ingest_reports(tmp_path_factory.mktemp("digest"), [DIGEST])


def _kalak(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["location"] and "Erbil" in e["location"]]


def test_three_reports_of_one_rocket_attack_are_one_event_with_the_updated_toll(three_reports):
    [attack] = _kalak(three_reports)
    assert attack["event_date"] == "2024-01-20"
    assert attack["fatalities"] == 5  # "rose to five" replaces the earlier 2 of the same source
    by_figure = {(c["claimant"], c["killed"]): c for c in attack["claims"]}
    assert by_figure[("security official", 2)]["superseded_by"]  # kept on the card, marked replaced
    assert by_figure[("security official", 5)]["update"] is True
    assert ("officials", 5) in by_figure  # "three soldiers and two civilian contractors" = 5
    assert "2 killed" not in attack["notes"]


def test_a_toll_on_the_road_between_two_places_stays_one_event(three_reports):
    assert not [e for e in three_reports if e["location"] and "Makhmour" in e["location"]]
    [attack] = _kalak(three_reports)
    assert attack["geo_precision"] >= 2  # somewhere on the stretch, not in Erbil itself


def test_the_claim_of_responsibility_is_on_the_attack_and_no_event_of_its_own(three_reports):
    [attack] = _kalak(three_reports)
    assert [(r["kind"], r["actor"]) for r in attack["responsibility"]] == [("claimed", "Islamic Resistance in Iraq")]
    assert not [e for e in three_reports if e["geo_precision"] == 3 and e["country_code"] == "IQ"
                and e["event_date"] == "2024-01-20"]  # no country-level "Iraq" event from the claimant's name


def test_killing_people_at_work_is_an_event_of_its_own(three_reports):
    [truffles] = [e for e in three_reports if e["location"] == "Rutba"]
    assert (truffles["sub_event_type"], truffles["fatalities"], truffles["event_date"]) == ("Attack", 5, "2024-01-21")
    [attack] = _kalak(three_reports)
    assert not [c for c in attack["claims"] if "truffles" in (c["quote"] or "")]


# --------------------------------------------------------------------------- rival estimates on a long page

ANALYSIS = {
    "url": "https://example.org/analysis", "published": "2024-02-04", "outlet": "Frontline Review",
    "text": (
        "What the strikes on the border towns tell us\n\n"
        "American bombers struck militia positions in the town of Al-Qaim on Friday night. According to Iraqi "
        "estimates, 16 people were killed and 25 injured in the strikes. The Syrian Observatory for Human Rights "
        "reported that 29 fighters were killed.\n\n"
        "The strikes followed a drone attack on a base in Jordan that killed three American soldiers last week. "
        "Kataib Hezbollah denied any role in that attack, which Washington blamed on Iran-backed militias.\n\n"
        "September was the deadliest month of the year for the militias, with at least 300 fighters killed. "
        "Hundreds of civilians have been killed in operations against the group since the start of the year."
    ),
}


def test_every_estimate_is_kept_with_its_claimant(analysis):
    [strikes] = [e for e in analysis if e["location"] == "Al-Qaim" or (e["location"] or "").startswith("Al Qaim")]
    claims = {(c["claimant"], c["killed"], c["injured"]) for c in strikes["claims"]}
    assert ("Iraqi estimates", 16, 25) in claims
    assert ("Syrian Observatory for Human Rights", 29, None) in claims
    assert strikes["fatalities"] == 16  # the lowest credible figure


def test_period_tolls_are_never_event_tolls(analysis):
    figures = {c["killed"] for e in analysis for c in e["claims"]}
    assert not figures & {300, 100}


def test_no_event_is_dated_after_its_source(analysis, three_reports, digest):
    for event in analysis + three_reports + digest:
        assert all(event["event_date"] <= s["published"] for s in event["sources"] if s.get("published"))


# --------------------------------------------------------------------------- a digest page of dated items

DIGEST = {
    "url": "https://example.org/digest", "published": "2024-02-10", "outlet": "Example Desk",
    "text": (
        "Militia watch: the week in review\nBy the Example Desk | Last updated: 2024/02/10\n\n"
        "February 2 - US bombers struck militia sites near Al Qaim on Friday night. According to Iraqi estimates, "
        "16 people were killed and 25 injured.\n\n"
        "February 3 - In eastern Syria, the Syrian Observatory for Human Rights reported that 23 fighters were killed "
        "in US strikes near Mayadin.\n\n"
        "February 5 - The Islamic Resistance in Iraq claimed a drone attack on a base near Shaddadi that killed six "
        "Kurdish fighters.\n\n"
        "February 7 - A drone strike on a car in eastern Baghdad killed two militia commanders, police sources said. "
        "Kataib Hezbollah blamed the strike on Washington.\n\n"
        "February 8 - Gunmen killed four shepherds grazing sheep near Tuz Khurmatu, a security source said.\n"
    ),
}


def test_each_digest_item_is_its_own_event_with_its_toll_and_claimant(digest):
    got = sorted((e["event_date"], e["fatalities"], [c["claimant"] for c in e["claims"]]) for e in digest)
    assert got == [
        ("2024-02-02", 16, ["Iraqi estimates"]),
        ("2024-02-03", 23, ["Syrian Observatory for Human Rights"]),
        ("2024-02-05", 6, [None]),  # the claim of the attack is responsibility, not the toll's source
        ("2024-02-07", 2, ["police sources"]),
        ("2024-02-08", 4, ["security source"]),  # "February 8 -" is the item's date, not a count of dead
    ]


def test_a_claimants_name_never_places_the_event(digest):
    [claimed] = [e for e in digest if e["event_date"] == "2024-02-05"]
    assert claimed["country_code"] == "SY" and claimed["geo_precision"] <= 2
    assert [(r["kind"], r["actor"]) for r in claimed["responsibility"]] == [("claimed", "Islamic Resistance in Iraq")]
    [baghdad] = [e for e in digest if e["event_date"] == "2024-02-07"]
    assert [(r["kind"], r["actor"], r["claimant"]) for r in baghdad["responsibility"]] == \
        [("blamed", "Washington", "Kataib Hezbollah")]


# --------------------------------------------------------------------------- one sentence, one toll


def toll(text: str) -> tuple[int | None, int | None] | None:
    claims = found_in(text, find_casualty_claims)
    return (claims[0].killed, claims[0].injured) if claims else None


@pytest.mark.parametrize("text,expected", [
    # victims listed in parts are summed
    ("Three soldiers and two civilian contractors were killed in the attack, officials said.", (5, None)),
    ("Two policemen, a teacher and four farmers were killed when the bus was ambushed.", (7, None)),
    # "N people including M children" is N
    ("Nine people, including four children, were killed in the shelling.", (9, None)),
    ("The barrel bombs killed 14 people including six women.", (14, None)),
    # two devices, one toll
    ("Two car bombs killed at least 25 people in the market town on Monday.", (25, None)),
    # killing and wounding
    ("Gunmen opened fire on a minibus, killing four and wounding seven.", (4, 7)),
    # vague quantities: ACLED's conservative values, and none for "a number of"
    ("The shelling killed scores of fighters in the hills.", (20, None)),
    ("Tens of fighters were killed in the clashes.", (10, None)),
    ("Dozens of civilians were killed in the raids.", (12, None)),
    ("A number of fighters were killed in the raid.", None),
    ("The drone killed a number of fighters near the dam.", None),
    # a member of a group, and members named by their group
    ("A member of the Popular Mobilization Forces was killed in the strike.", (1, None)),
    ("8 members of the Hamza Division killed in shelling near the village", (8, None)),
    ("3 members of the regime forces and gunmen loyal to them were killed in a suicide attack", (3, None)),
    ("4 members of the local council assassinated in the town", (4, None)),
    ("2 persons are executed on charge of spying", (2, None)),
    ("3 casualties at least killed in air strikes on the market", (3, None)),
    # coders' wording: fatalities, deaths, losses
    ("The clashes resulted in 4 fatalities on both sides.", (4, None)),
    ("The airstrike caused the death of 3 civilians in the village.", (3, None)),
    ("Turkish forces killed 3 YPG fighters and lost 2 soldiers in clashes near the town.", (5, None)),
    # updates of a toll in monitor wording
    ("The number of people killed in the massacre rose to 7.", (7, None)),
    ("Rose to 31 the number of fighters who were killed in the clashes on the hills", (31, None)),
    # a toll belongs to its own clause's event
    ("The massacre claimed the lives of 16 civilians, coinciding with clashes that killed 28 fighters", (16, None)),
    ("The group beheads 3 of its members in response to killing 22 of its fighters", (3, None)),
    ("After the death of 12 citizens in shelling on the town, warplanes target the villages around it", None),
    # cumulative and period tolls are tallies
    ("September was the deadliest month this year, with at least 3,000 people killed.", None),
    ("Hundreds of civilians have been killed in operations against the group.", None),
    ("More than 200 people have been killed since the start of the year.", None),
    ("763 people were killed in the war, the monitor said.", None),
    ("About 400 civilians including 90 children were killed by the bombardment in 3 consecutive weeks", None),
    ("More than 120 people including 40 women were killed in strikes on the enclave during the past 72 hours", None),
    ("Shelling raises to 318, the number of civilians killed during the truce", None),
    ("The number of casualties and injuries in the market bombing rose to about 60", None),
    # a running total in another clause leaves the event's own toll alone
    ("Mortar rounds on the market today claim the lives of 5 people and raise the death toll to 140 within 12 days",
     (5, None)),
    ("In the worst attack in 90 days of the truce: gunmen kill 6 people in the village, raising the toll to 48",
     (6, None)),
    # the whole, not its part; and the first running count, not the day's
    ("22 casualties including 9 children were killed by warplanes in the village", (22, None)),
    ("More people die and raise to 7 the number of those killed in the massacre in the village", (7, None)),
    ("3 casualties including a child killed by a mine in the village .. and the number killed by mines since the "
     "beginning of this year rises to 140", (3, None)),
])
def test_tolls_in_real_wording(text, expected):
    assert toll(text) == expected


def test_a_toll_update_is_marked_as_one():
    [claim] = found_in("The death toll from Monday's bombing rose to 12, the health ministry said.", find_casualty_claims)
    assert (claim.killed, claim.update, claim.claimant) == (12, True, "health ministry")
    [claim] = found_in("The bombing killed 12 people, raising the month's death toll to 80.", find_casualty_claims)
    assert (claim.killed, claim.update) == (12, False)


@pytest.mark.parametrize("text,claimant", [
    ("According to Iraqi estimates, 16 people were killed and 25 injured.", "Iraqi estimates"),
    ("The Observatory reports 29 killed in the strikes.", "Observatory"),
    ("State media reported that 16 people were killed, including civilians.", "State media"),
    ("At least 16 people were killed, a monitor said.", "monitor"),
    ("A spokesman for the provincial council said the strikes killed 16 people.", "spokesman for provincial council"),
])
def test_every_claimant_is_kept(text, claimant):
    [claim] = found_in(text, find_casualty_claims)
    assert claim.claimant == claimant


def test_two_sources_side_by_side_are_two_claims():
    claims = found_in("The raids killed at least 29 fighters, the Observatory said, while Iraqi estimates put the "
                      "toll at 16.", find_casualty_claims)
    assert [(c.claimant, c.killed) for c in claims] == [("Observatory", 29), ("Iraqi estimates", 16)]


# --------------------------------------------------------------------------- responsibility


@pytest.mark.parametrize("text,expected", [
    ("The Islamic Resistance in Iraq claimed the attack.", [("claimed", "Islamic Resistance in Iraq")]),
    ("Islamic State claimed the bombing in a statement on Telegram.", [("claimed", "Islamic State")]),
    ("Kataib Hezbollah denied any role in the attack.", [("denied", "Kataib Hezbollah")]),
    ("The attack was blamed on Iran-backed militias.", [("blamed", "Iran-backed militias")]),
    ("Washington blamed the attack on Kataib Hezbollah.", [("blamed", "Kataib Hezbollah")]),
    ("The attack claimed the lives of four soldiers.", []),
])
def test_responsibility_wording(text, expected):
    assert [(r.kind, r.actor) for r in found_in(text, find_responsibility)] == expected


def test_a_claim_after_the_attack_attaches_to_it():
    text = ("Rockets struck an army post near Kalak on Saturday, killing two soldiers. "
            "The Islamic Resistance in Iraq claimed the attack.")
    [mention] = run(text).mentions
    assert [(r.kind, r.actor) for r in mention.responsibility] == [("claimed", "Islamic Resistance in Iraq")]
    assert mention.actor1 == "Islamic Resistance in Iraq"


def test_a_claim_before_the_toll_gives_the_toll_to_the_claimed_attack():
    text = ("The Islamic Resistance in Iraq claimed the attack on the army post near Kalak on Saturday. "
            "Three soldiers and two civilian contractors were killed, officials said.")
    [mention] = run(text).mentions
    assert [c.killed for c in mention.claims] == [5]
    assert [r.actor for r in mention.responsibility] == ["Islamic Resistance in Iraq"]
    assert [p.text for p in mention.places] == ["Kalak"]


def test_a_separate_incident_never_lends_its_toll_to_the_event_before_it():
    text = ("Rockets struck an army post near Kalak on Saturday, killing two soldiers. "
            "Separately, five people were found dead in the desert.")
    [mention] = run(text).mentions
    assert [c.killed for c in mention.claims] == [2]
