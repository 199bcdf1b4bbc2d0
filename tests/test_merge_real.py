"""Merging as real monitor and wire headlines need it (the classes bench/ucdp_eval.py found).

A daily monitor writes one article per incident: its two articles of one day about "clashes in
the Daraa countryside", or "clashes in <town>" on two consecutive days, are two events although
type, place and day agree.  One article naming two towns tells two events.  Fixtures are written
for these tests in the style of those headlines (no real text).
"""

from __future__ import annotations

from typing import Any

from test_merge import AL_QAIM, IRAQ, mention, same_actor_only

from conflictwire.pipeline.merge import merge_block

TOWN = {"place_id": "town-a", "name": "Kafr Alpha", "country": "Syria", "country_code": "SY", "admin1": "Dar'a",
        "admin2": None, "latitude": 32.80, "longitude": 36.10, "geo_precision": 1}
OTHER_TOWN = {**TOWN, "place_id": "town-b", "name": "Tell Beta", "latitude": 32.90, "longitude": 36.20}  # ~15 km
COUNTRYSIDE = {"place_id": "daraa-countryside", "name": "Daraa countryside", "country": "Syria",
               "country_code": "SY", "admin1": "Dar'a", "admin2": None, "latitude": 32.75, "longitude": 36.05,
               "geo_precision": 2}
SYRIA = {"place_id": "country-sy", "name": "Syria", "country": "Syria", "country_code": "SY", "admin1": None,
         "admin2": None, "latitude": 35.0, "longitude": 38.5, "geo_precision": 3}


def report(mid: str, text: str, *, outlet: str = "Monitor", day: str = "2016-11-10", place: dict[str, Any] = TOWN,
           sub: str = "Armed clash", killed: int | None = None, article: str | None = None,
           actor1: str | None = None, update: bool = False) -> dict[str, Any]:
    """A headline with no day of its own: dated by its publication (precision 2).  ``update``: its toll
    says it rose ("the death toll rises to 30"), as extraction marks it."""
    m = mention(mid, day=day, place=place, sub=sub, actor1=actor1, killed=killed, outlet=outlet, precision=2,
                article=article)
    m["quote"] = {"start": 0, "end": len(text), "text": text}
    for claim in m["claims"]:
        claim["update"] = update
    return m


def groups(events: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset(s["mention_id"] for s in e["sources"]) for e in events}


def test_one_monitors_two_articles_on_clashes_in_a_countryside_are_two_events_offered_for_review() -> None:
    reports = [report("m1", "Renewed clashes in Daraa countryside", place=COUNTRYSIDE),
               report("m2", "Clashes break out in the western countryside of Daraa", place=COUNTRYSIDE)]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2
    assert len(pairs) == 1 and "same outlet" in pairs[0]["reasons"]["held_for_review"]


def test_two_outlets_on_the_same_countryside_the_same_day_still_merge() -> None:
    reports = [report("m1", "Renewed clashes in Daraa countryside", place=COUNTRYSIDE),
               report("m2", "Fighting in rural Daraa", place=COUNTRYSIDE, outlet="Wire")]
    events, _ = merge_block(reports, [], same_actor_only)
    assert len(events) == 1


def test_one_monitors_clashes_in_a_town_on_two_days_are_two_days_of_fighting() -> None:
    reports = [report("m1", "Clashes in Kafr Alpha", day="2016-01-11"),
               report("m2", "Clashes continue in Kafr Alpha", day="2016-01-12")]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and len(pairs) == 1
    # another outlet publishing the next day is the ordinary lag of a second report: one event
    lagged = [reports[0], report("m3", "Fighting reported in Kafr Alpha", day="2016-01-12", outlet="Wire")]
    events, _ = merge_block(lagged, [], same_actor_only)
    assert len(events) == 1


def test_a_monitors_higher_toll_the_next_day_is_an_update_of_its_strike() -> None:
    reports = [report("m1", "Warplanes commit a massacre in Kafr Alpha", sub="Air/drone strike", killed=18),
               report("m2", "Death toll of the Kafr Alpha massacre rises to 44", sub="Air/drone strike", killed=44,
                      day="2016-11-11")]
    events, _ = merge_block(reports, [], same_actor_only)
    assert groups(events) == {frozenset({"m1", "m2"})}
    assert sorted(c["killed"] for c in events[0]["claims"]) == [18, 44]


def test_one_monitors_two_tolls_of_one_strike_at_one_town_the_same_day_merge() -> None:
    reports = [report("m1", "Warplanes kill three in Kafr Alpha", sub="Air/drone strike", killed=3),
               report("m2", "Five killed in air strikes on Kafr Alpha", sub="Air/drone strike", killed=5)]
    events, _ = merge_block(reports, [], same_actor_only)
    assert len(events) == 1


def test_one_monitors_two_articles_at_one_city_without_both_tolls_wait_for_review() -> None:
    # "Continued clashes in Aleppo" and "Clashes near a district of Aleppo": two items of a monitor's day
    reports = [report("m1", "Continued clashes in Kafr Alpha"),
               report("m2", "Three fighters killed in clashes at Kafr Alpha", killed=3)]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and "death toll" in pairs[0]["reasons"]["held_for_review"]


def test_one_monitor_calling_them_shelling_and_air_strike_tells_two_events() -> None:
    reports = [report("m1", "Shells hit Kafr Alpha", sub="Shelling/artillery/missile attack"),
               report("m2", "Warplanes raid Kafr Alpha", sub="Air/drone strike")]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and len(pairs) == 1


def test_one_headline_naming_two_towns_tells_two_events_never_merged() -> None:
    text = "Clashes in Kafr Alpha and shelling on Tell Beta"
    reports = [report("m1", text, article="a1"), report("m2", text, article="a1", place=OTHER_TOWN)]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and pairs == []


def test_two_outlets_naming_different_towns_wait_for_a_reviewer() -> None:
    reports = [report("m1", "Clashes in Kafr Alpha"), report("m2", "Clashes in Tell Beta", outlet="Wire", place=OTHER_TOWN)]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and len(pairs) == 1
    assert pairs[0]["reasons"]["held_for_review"] == "two reports name different places"


def test_death_tolls_too_far_apart_wait_for_a_reviewer() -> None:
    reports = [report("m1", "Air strikes kill 4 in Kafr Alpha", sub="Air/drone strike", killed=4),
               report("m2", "175 killed in Kafr Alpha", sub="Air/drone strike", killed=175, outlet="Wire")]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and "death tolls" in pairs[0]["reasons"]["held_for_review"]
    close = [reports[0], report("m3", "Six killed in Kafr Alpha raids", sub="Air/drone strike", killed=6,
                                outlet="Wire")]
    assert len(merge_block(close, [], same_actor_only)[0]) == 1
    # a far higher toll published the next day that says it rose is an update of the same strike
    update = [reports[0], report("m4", "Death toll of Kafr Alpha raids rises to 30", sub="Air/drone strike",
                                 killed=30, outlet="Wire", day="2016-11-11", update=True)]
    assert len(merge_block(update, [], same_actor_only)[0]) == 1
    # a bare far higher figure the next day is a tally of something else: it waits for a reviewer
    tally = [reports[0], report("m5", "30 killed by air strikes on Kafr Alpha", sub="Air/drone strike", killed=30,
                                outlet="Wire", day="2016-11-11")]
    events, pairs = merge_block(tally, [], same_actor_only)
    assert len(events) == 2 and "death tolls" in pairs[0]["reasons"]["held_for_review"]


def test_one_monitors_far_higher_bare_toll_the_next_day_is_not_its_update() -> None:
    # "6 soldiers killed by a missile in <city>", next day "442 civilians killed by bombardment on <city>"
    reports = [report("m1", "6 soldiers killed by a missile in Kafr Alpha", sub="Shelling/artillery/missile attack",
                      killed=6),
               report("m2", "442 civilians killed by shelling on Kafr Alpha", sub="Shelling/artillery/missile attack",
                      killed=442, day="2016-11-11")]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and pairs
    # the monitor's own update of its strike's toll still joins it
    rose = [reports[0], report("m3", "Death toll of the missile strike on Kafr Alpha rises to 30",
                               sub="Shelling/artillery/missile attack", killed=30, day="2016-11-11", update=True)]
    assert len(merge_block(rose, [], same_actor_only)[0]) == 1


def test_an_undated_country_level_headline_is_not_guessed_into_the_only_event_that_day() -> None:
    precise = report("m1", "Clashes in Kafr Alpha", killed=3)
    vague = report("m2", "Three soldiers killed in attack in Syria", place=SYRIA, outlet="Wire", killed=2)
    events, pairs = merge_block([precise, vague], [], same_actor_only)
    assert len(events) == 2 and pairs
    tied = report("m3", "Three soldiers killed in attack in Syria", place=SYRIA, outlet="Wire", killed=3)
    assert len(merge_block([precise, tied], [], same_actor_only)[0]) == 1  # the same toll ties them


def test_a_held_pair_holds_the_whole_event_no_chaining_through_another_outlet() -> None:
    first = report("m1", "Clashes in Kafr Alpha", day="2016-01-11")
    wire = report("m2", "Fighting reported in Kafr Alpha", day="2016-01-12", outlet="Wire")
    next_day = report("m3", "Clashes continue in Kafr Alpha", day="2016-01-12")  # the monitor's next day
    events, _ = merge_block([first, wire, next_day], [], same_actor_only)
    assert frozenset({"m1", "m3"}) not in groups(events) and not any(len(g) == 3 for g in groups(events))


def test_day_precise_country_level_report_still_joins_the_only_event() -> None:
    # unchanged rule: a text that gives the day ties a country-level report to the one strike that day
    events, _ = merge_block([mention("m1"), mention("m2", place=IRAQ, outlet="Wire")], [], same_actor_only)
    assert len(events) == 1 and events[0]["location"] == AL_QAIM["name"]


NORTH = {**SYRIA, "place_id": "north-sy", "name": "Northern Syria", "latitude": 36.5, "longitude": 38.0}
PROVINCE = {**SYRIA, "place_id": "province-raqqa", "name": "Raqqa province", "admin1": "Ar-Raqqa",
            "latitude": 35.9, "longitude": 39.0}
OTHER_PROVINCE = {**PROVINCE, "place_id": "province-daraa", "name": "Daraa province", "admin1": "Dar'a",
                  "latitude": 32.7, "longitude": 36.1}


def by_default(m: dict[str, Any]) -> dict[str, Any]:
    """Typed by its trigger's default: the text names no weapon ("killed in attack")."""
    m["evidence"] = ["type by default (no weapon named)"]
    return m


def test_a_generic_attack_and_another_outlets_shelling_with_the_same_toll_are_one_event() -> None:
    # "Turkish soldier killed in attack in <town>" / "Turkish soldier killed in shelling from <town>"
    attack = by_default(report("m1", "Soldier killed in attack in Kafr Alpha", killed=1, outlet="Wire"))
    shelling = report("m2", "Soldier killed in shelling from Kafr Alpha", sub="Shelling/artillery/missile attack",
                      killed=1, outlet="Agency")
    events, _ = merge_block([attack, shelling], [], same_actor_only)
    assert groups(events) == {frozenset({"m1", "m2"})}
    # no shared toll, the same outlet, or a clash that says what it was: two events
    two = report("m3", "Two soldiers killed in shelling from Kafr Alpha", sub="Shelling/artillery/missile attack",
                 killed=2, outlet="Agency")
    assert len(merge_block([attack, two], [], same_actor_only)[0]) == 2
    own = report("m4", "Soldier killed in shelling from Kafr Alpha", sub="Shelling/artillery/missile attack",
                 killed=1, outlet="Wire")
    assert len(merge_block([attack, own], [], same_actor_only)[0]) == 2
    named = report("m5", "Soldier killed in gun battle in Kafr Alpha", killed=1, outlet="Wire")
    assert len(merge_block([named, shelling], [], same_actor_only)[0]) == 2
    # a bare "killed" typed a clash by who killed whom is as generic: "Three soldiers killed in <town>" /
    # "Three soldiers killed clearing IEDs in <town>"
    bare = report("m6", "Three soldiers killed in Kafr Alpha", killed=3, outlet="Wire")
    bare["evidence"] = ["trigger 'killed' -> Attack", "typed by its agent and patient -> Armed clash"]
    blast = report("m7", "Three soldiers killed clearing IEDs in Kafr Alpha", sub="Remote explosive/landmine/IED",
                   killed=3, outlet="Agency")
    assert len(merge_block([bare, blast], [], same_actor_only)[0]) == 1
    retyped = {**bare, "sub_event_type": "Shelling/artillery/missile attack",
               "event_type": "Explosions/Remote violence"}  # typed by roles, then by a weapon: not generic
    clash = report("m8", "Three soldiers killed in clashes in Kafr Alpha", killed=3, outlet="Agency")
    assert len(merge_block([retyped, clash], [], same_actor_only)[0]) == 2


def test_two_area_reports_one_inside_the_other_with_the_same_toll_are_one_event() -> None:
    # "Two soldiers killed in IS attack in Syria" / "... two soldiers killed ... in northern Syria"
    country = report("m1", "Two soldiers killed in attack in Syria", place=SYRIA, killed=2, outlet="Agency")
    region = report("m2", "Two soldiers killed in attack in northern Syria", place=NORTH, killed=2, outlet="Wire")
    assert len(merge_block([country, region], [], same_actor_only)[0]) == 1
    province = report("m3", "Car blast kills two in Raqqa province", place=PROVINCE, killed=2, outlet="Wire")
    assert len(merge_block([country, province], [], same_actor_only)[0]) == 1
    # another toll, one outlet, or two provinces side by side: apart
    three = report("m4", "Three soldiers killed in northern Syria", place=NORTH, killed=3, outlet="Wire")
    assert len(merge_block([country, three], [], same_actor_only)[0]) == 2
    same_outlet = report("m5", "Two soldiers killed in northern Syria", place=NORTH, killed=2, outlet="Agency")
    assert len(merge_block([country, same_outlet], [], same_actor_only)[0]) == 2
    beside = report("m6", "Blast kills two in Daraa province", place=OTHER_PROVINCE, killed=2, outlet="Agency")
    assert len(merge_block([province, beside], [], same_actor_only)[0]) == 2


def test_a_shared_actor_alone_does_not_tie_a_country_level_report() -> None:
    # "Two more soldiers killed in Syria offensive" is not the "five soldiers killed in <town>" of the day
    precise = report("m1", "Five soldiers killed in attack on tank in Kafr Alpha", killed=5, actor1="Army")
    vague = report("m2", "Two more soldiers killed in Syria offensive", place=SYRIA, outlet="Wire", killed=2,
                   actor1="Army")
    events, pairs = merge_block([precise, vague], [], same_actor_only)
    assert len(events) == 2 and "country-level" in pairs[0]["reasons"]["held_for_review"]


def test_two_country_level_reports_with_different_tolls_wait_for_a_reviewer() -> None:
    # "Four soldiers killed in Syria offensive" / "Soldier killed in northern Syria operation": nothing but the
    # country and the day in common, and the tolls disagree
    four = report("m1", "Four soldiers killed in Syria offensive", place=SYRIA, killed=4, outlet="Agency")
    one = report("m2", "Soldier killed in northern Syria operation", place=NORTH, killed=1, outlet="Wire")
    events, pairs = merge_block([four, {**one, "place": SYRIA}], [], same_actor_only)
    assert len(events) == 2 and "country-level" in pairs[0]["reasons"]["held_for_review"]
    # without tolls, or with the same one, two outlets' country-level reports of a day still merge
    blast = report("m3", "Blast strikes north Syria town", place=SYRIA, outlet="Agency")
    again = report("m4", "Blast strikes town in northern Syria", place=SYRIA, outlet="Wire")
    assert len(merge_block([blast, again], [], same_actor_only)[0]) == 1
    same = report("m5", "Soldier killed in Syria offensive", place=SYRIA, killed=1, outlet="Agency")
    assert len(merge_block([same, {**one, "place": SYRIA}], [], same_actor_only)[0]) == 1


def test_a_wire_filing_its_story_again_is_one_event_a_monitors_feed_is_not() -> None:
    # "Blast causes deaths in <town>", then "UPDATE 2-Blast kills 11 in <town>" (knowledge/merge.yaml wire_outlets)
    first = report("m1", "Blast causes deaths in Kafr Alpha", sub="Remote explosive/landmine/IED",
                   outlet="Reuters News")
    update = report("m2", "UPDATE 2-Blast kills 11, wounds many in Kafr Alpha", sub="Remote explosive/landmine/IED",
                    killed=11, outlet="Reuters News")
    assert len(merge_block([first, update], [], same_actor_only)[0]) == 1
    # the monitor's two items of a day stay apart (one article per incident), as does an unknown outlet's
    for outlet in ("Monitor", "Reutersville Gazette"):
        events, pairs = merge_block([{**first, "_outlet": outlet}, {**update, "_outlet": outlet}], [],
                                    same_actor_only)
        assert len(events) == 2 and "same outlet" in pairs[0]["reasons"]["held_for_review"]
    # a wire's two articles at two towns are two reports naming different places: held like two outlets'
    elsewhere = report("m3", "Blast kills 11 in Tell Beta", sub="Remote explosive/landmine/IED", killed=11,
                       outlet="Reuters News", place=OTHER_TOWN)
    events, pairs = merge_block([first, elsewhere], [], same_actor_only)
    assert len(events) == 2 and pairs[0]["reasons"]["held_for_review"] == "two reports name different places"
