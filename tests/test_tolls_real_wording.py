"""Casualty tolls as monitors and wires word them in headlines (issue 14, items 5 and 6).

Each sentence was written for these tests in the style of a failure class seen on real headlines
(the UCDP Syria development set); none is copied from them.  A wrong toll is worse than none: where
the wording leaves the event's own figure unclear, the expected answer is no death figure at all.
"""

from __future__ import annotations

import pytest
from test_extract_events import run

from conflictwire.extraction.casualties import find_casualty_claims
from support import found_in


def killed(text: str) -> int | None:
    claims = found_in(text, find_casualty_claims)
    return claims[0].killed if claims else None


@pytest.mark.parametrize("text,expected", [
    # a victim and his kin, or victims listed in parts, are summed
    ("A brigade commander and 9 of his relatives were killed in an air raid on the village", 10),
    ("Shelling kills a farmer and his daughter near the dam", 2),
    ("Warplanes kill a father with his 3 sons in the eastern countryside", 4),
    ("Drones kill 4 children and their mother on the road to the camp", 5),
    ("Gunmen kill a nurse and two teachers on the road to the town", 3),
    ("Two bombs kill 6 soldiers, 3 civilians in the market of the town", 9),
    ("The raid kills a tribal leader and 14 fighters of the militia near the wells", 15),
    ("A mine kills a family of 5 people near the village", 5),
    # one victim struck and killed, or dead of the event's wounds
    ("A shepherd was shot and killed by a sniper near the dam", 1),
    ("A soldier died on Friday of wounds sustained in a roadside bomb blast near the base", 1),
    ("A girl dies of her injuries after the shelling of the market", 1),
    ("A soldier died in a traffic accident near the base", None),
    # one count over mixed fates is no death toll
    ("Warplanes struck the village, leaving 6 martyrs, missing and injured", None),
    ("The barrel bombs left 9 dead, missing and wounded in the town", None),
    ("The barrel bombs left 9 dead in the town", 9),
    # "kill and injure N": one count of both fates, told by the verbs: neither a death nor an injury toll
    ("A car bomb kills and wounds 12 people in the market of the town", None),
    ("Shells killing and injuring 14 people at the camp near the border", None),
    ("Shells killing 3 and injuring 14 people at the camp near the border", 3),
    # a breakdown that restates the total is not added to it
    ("Jets kill five civilians in the valley Strikes killed two men, three women near the mill", 5),
    # a victim with his plural kin and no count gives only what is certain
    ("Gunmen killed a shepherd and his sons near the village", 1),
    # executions name their victims, or only a count before a place
    ("The group executes a shepherd in the desert on charges of spying", 1),
    ("The court executes 4 in the town square", 4),
    ("The group executes three journalists for working with a news site", 3),
    ("The group executes two of its members in the city", 2),
    # "N martyrs and wounded" / "N casualties and injuries" count both: no death toll
    ("About 25 martyrs and wounded in shelling on the market", None),
    ("Dozens of martyrs and wounded in raids on the town", None),
    ("Shelling leaves 20 casualties and injuries in the town", None),
    # ... but beside a count of the wounded, the first count is the dead
    ("7 martyrs and dozens of wounded in raids on the town", 7),
    ("14 casualties and tens of injuries in shelling on the city", 14),
    ("At least 6 casualties in two quarters of the city, and dozens of wounded under the rubble", 6),
    # a wire's version tag is no part of the count
    ("UPDATE 2-Six soldiers killed in ambush near border - army", 6),
    # an intention is no killing
    ("A gunman was shot dead while trying to kill a judge in the city", 1),
    ("Rebels manage to kill 11 soldiers in an ambush on the highway", 11),
    # an opening 'after' clause tells an earlier killing
    ("After two weeks of raids left about 70 dead, 4 fighters are killed in a strike on the hills", 4),
    ("Hours after a bombing claimed the lives of 12 people… gunmen kill a guard at the checkpoint", 1),
    ("The group executes a guard after about 24 hours of executing a driver on the same charge", 1),
    # running totals of a campaign are tallies, never the event's toll
    ("Renewed shelling targets the valley and more casualties raise the death toll to 130 civilians", None),
    ("Clashes continue on the front and raise the death toll to 35 fighters", None),
    ("More civilians die in mine blasts and raise the death toll to 60 in the same circumstances", None),
    ("New raids hit several villages in the valley raising the death toll to 8 civilians", None),
    ("Rockets hit the suburbs and raise the death toll to 420 civilians killed by shelling", None),
    ("Artillery kills 3 people in the town and raises the death toll to 250 since the truce", 3),
    # ... while an update of one named event's toll stays that event's
    ("The death toll of the market bombing in the town rises to 19", 19),
    ("More casualties raise to 9 including 4 children, the number of people killed in the massacre in the village", 9),
    ("More casualties raise to 5 women and one child, the number of people killed in the massacre", None),
    # a day of a campaign, a day's hours, the highest toll in years: tallies
    ("Shells kill 4 citizens on the 40th day of the offensive", None),
    ("Six fighters killed in less than 24 hours in the province", None),
    ("In the highest toll in two years, 57 people killed in strikes on the province", None),
    ("At least 60 people were killed in the shelling of the camp since the morning", None),
    ("Strikes kill about 40 civilians in the 3 days of the heaviest bombardment", None),
    # a daily summary is never one event's toll
    ("97 people killed yesterday, including 30 fighters, and 21 civilians were killed in shelling, air raids and other "
     "circumstances", None),
    # an aside on the victims, a killing named by its noun, "who were killed"
    ("15 casualties most of them women killed in a massacre by warplanes in the town", 15),
    ("The town witnesses the assassination of 3 members of the local council", 3),
    ("Relatives still seek the identity of 4 men who were killed by a patrol near the crossing", 4),
    ("More fighters are killed rising to 160 members of both sides who were killed around the base", None),
    ("The offensive completes its first week with 40 fighters who were killed in the clashes", None),
    ("At least 70 people were killed by mines in about 90 days", None),
    ("In the lowest monthly toll in years, 300 people were killed across the country in March 2019", None),
    # headline style: a singular victim without article, a group's name as the victims, "N from the X"
    ("Senior militia commander killed in blast near the border - agency", 1),
    ("Border guard killed and two wounded in attack on post", 1),
    ("Guards killed in attack on post", None),
    ("More than 20 people killed and wounded in strikes on the valley", None),
    ("9 YPG killed in clashes near the dam", 9),
    ("At least 12 from the army were killed in the clash near the crossing", 12),
    ("One of the crew members of the downed helicopter was killed", 1),
    ("In 2017 the militia killed 3 fighters near the dam", 3),
    # a part after "including" is not added to the whole
    ("The strikes kill 40 people including 10 children and 3 of the rescue workers", 40),
])
def test_tolls_in_headline_wording(text, expected):
    assert killed(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The death toll of the market bombing in the town rises to 19", 19),
    # wire verbs of a rising toll: "jumps to", "soars to" (the merge stage then keeps the latest figure)
    ("Death toll from the market bombing in the town jumps to 23", 23),
    ("The death toll of the bombing of the bus station soars to 31", 31),
])
def test_an_update_of_a_named_event_is_marked_as_one(text, expected):
    [claim] = found_in(text, find_casualty_claims)
    assert (claim.killed, claim.update) == (expected, True)


# --------------------------------------------------------------------------- the toll's own event


def _toll_on(text: str) -> list[tuple[str, list[int]]]:
    return [(m.sub_event_type, [c.killed for c in m.claims if c.killed is not None]) for m in run(text).mentions]


def test_a_toll_goes_to_the_event_its_own_clause_names():
    found = dict(_toll_on("Jets strike the north of the province and 5 fighters killed in clashes near the village"))
    assert found["Armed clash"] == [5]
    assert all(v == [] for k, v in found.items() if k != "Armed clash")


def test_an_execution_keeps_its_victim_beside_another_event():
    found = _toll_on("Airstrikes hit the eastern villages and the group executes two men in the town square")
    assert ("Attack", [2]) in found
    assert sum(sum(v) for _k, v in found) == 2


def test_a_toll_told_before_its_event_goes_to_the_next_event():
    found = _toll_on("40 martyrs, most of them women, were shelled in the old city and the army advanced on the hills")
    assert ("Shelling/artillery/missile attack", [40]) in found
    assert sum(sum(v) for _k, v in found) == 40


# --------------------------------------------------------------------------- claimants in headline style


@pytest.mark.parametrize("text,claimant", [
    ("Air strike kills 14 civilians in a riverside village: monitor", "monitor"),
    ("Seven soldiers killed in clashes near the border - Turkish military", "Turkish military"),
    ("Car bomb in the northern town kills 6 civilians -Anadolu", "Anadolu"),
    ("Three guards killed in attack on checkpoint: police", "police"),
    ("Shelling kills 3 in the market - Idlib", None),  # a place, not a source
    ("State media reported that 9 people were killed in the blast", "State media"),
])
def test_a_headline_keeps_its_source_as_claimant(text, claimant):
    [claim] = found_in(text, find_casualty_claims)
    assert claim.claimant == claimant


def test_two_clauses_with_their_own_tolls_give_each_event_its_own():
    found = _toll_on("An airstrike killed 3 civilians in the market and 2 fighters were killed in clashes near the bridge")
    assert sorted(found) == [("Air/drone strike", [3]), ("Armed clash", [2])]
    found = _toll_on("Shelling kills 4 people in the old city; 2 fighters killed in clashes near the bridge")
    assert sorted(found) == [("Armed clash", [2]), ("Shelling/artillery/missile attack", [4])]


def test_parts_of_one_toll_stay_together_on_one_event():
    [(kind, tolls)] = _toll_on("Three soldiers and two civilian contractors were killed in the rocket attack on the base")
    assert tolls == [5]


# --------------------------------------------------------------------------- a source's later figure


def _claim(killed, claimant, outlet, published, article):
    return {"killed": killed, "claimant": claimant, "source_outlet": outlet, "published": published,
            "article_id": article, "start": 0, "quote": f"{killed} killed ({article})", "update": False}


def test_a_named_sources_later_higher_figure_in_the_same_outlet_replaces_its_earlier_one():
    from conflictwire.pipeline.merge import supersede
    claims = [_claim(1, "ministry", "Wire A", "2024-02-10", "a1"), _claim(2, "ministry", "Wire A", "2024-02-11", "a2")]
    supersede(claims)
    assert claims[0].get("superseded_by") == "2 killed (a2)" and not claims[1].get("superseded_by")


@pytest.mark.parametrize("other", [
    _claim(2, "ministry", "Wire B", "2024-02-11", "b1"),   # another outlet: a rival figure, the lower one stands
    _claim(2, None, "Wire A", "2024-02-11", "a2"),         # nobody named: no source to follow
    _claim(2, "ministry", "Wire A", "2024-02-09", "a0"),   # the higher figure came first
])
def test_other_higher_figures_replace_nothing(other):
    from conflictwire.pipeline.merge import supersede
    claims = [_claim(1, "ministry", "Wire A", "2024-02-10", "a1"), other]
    supersede(claims)
    assert not claims[0].get("superseded_by")


@pytest.mark.parametrize("text", [
    "A car bomb kills and wounds 12 people in the market of the town",
    "Warplanes killed and injured 9 civilians in the town",
])
def test_one_count_of_both_fates_is_no_injury_toll_either(text):
    assert [(c.killed, c.injured) for c in found_in(text, find_casualty_claims)] == []


def test_protesters_killed_by_force_keep_their_toll():
    # Excessive force against protesters is a Protests event in ACLED's taxonomy but records its deaths: the
    # toll of its own sentence stays on it (it was dropped: tolls went only to Battles, Explosions and Violence
    # against civilians).  A peaceful protest still takes no toll.
    [event] = run("Security forces killed two protesters in Basra on Friday, medical sources said.").mentions
    assert event.sub_event_type == "Excessive force against protesters"
    assert [c.killed for c in event.claims] == [2]
    [protest] = run("Thousands protested peacefully in Baghdad on Friday against the killing of two activists "
                    "last month.").mentions
    assert protest.sub_event_type == "Peaceful protest" and protest.claims == []
