"""Merging reports into events: same strike told three times is one event; different strikes stay apart."""

from __future__ import annotations

from typing import Any

from conflictwire.pipeline.merge import merge_block, notes_for

AL_QAIM = {"place_id": "alqaim", "name": "Al Qaim", "country": "Iraq", "country_code": "IQ", "admin1": "Anbar",
           "admin2": "Al-Qaim", "latitude": 34.37, "longitude": 41.09, "geo_precision": 1}
AKASHAT = {"place_id": "akashat", "name": "Akashat", "country": "Iraq", "country_code": "IQ", "admin1": "Anbar",
           "admin2": "Al-Qaim", "latitude": 33.79, "longitude": 40.60, "geo_precision": 1}
ANBAR = {"place_id": "anbar", "name": "Anbar", "country": "Iraq", "country_code": "IQ", "admin1": "Anbar",
         "admin2": None, "latitude": 33.4, "longitude": 42.0, "geo_precision": 3}
US = "Military Forces of the United States (2021-)"


def mention(mid: str, *, day: str = "2024-02-02", place: dict[str, Any] = AL_QAIM, sub: str = "Air/drone strike",
            actor1: str | None = US, killed: int | None = None, claimant: str | None = None,
            outlet: str = "Outlet A", precision: int = 1, article: str | None = None) -> dict[str, Any]:
    article_id = article or f"art-{mid}"
    claims = []
    if killed is not None:
        claims.append({"claimant": claimant, "killed": killed, "injured": None, "qualifier": None,
                       "quote": {"start": 0, "end": 10, "text": "killed 16"}})
    return {
        "mention_id": mid, "article_id": article_id, "sub_event_type": sub,
        "event_type": "Explosions/Remote violence" if sub != "Armed clash" else "Battles",
        "plover_event": "ASSAULT", "plover_mode": "aerial",
        "date": {"start": day, "end": day, "precision": precision},
        "actor1": actor1, "actor2": None, "place": place, "claims": claims, "responsibility": [],
        "weapons": [], "targets": [], "confidence": 0.7,
        "quote": {"start": 0, "end": 20, "text": "US aircraft struck Al Qaim"},
        "_outlet": outlet, "_published": day, "_document": "doc-" + mid, "_path": f"{mid}.txt",
    }


def same_actor_only(a: str | None, b: str | None) -> bool:
    return a == b


def test_three_reports_of_one_strike_are_one_event_with_every_toll() -> None:
    reports = [mention("m1", killed=16, claimant="Iraqi government", outlet="Tigris Tribune"),
               mention("m2", killed=29, claimant="Syrian Observatory", outlet="Euphrates Daily"),
               mention("m3", outlet="Wire")]
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 1
    event = events[0]
    assert {s["outlet"] for s in event["sources"]} == {"Tigris Tribune", "Euphrates Daily", "Wire"}
    assert sorted(c["killed"] for c in event["claims"]) == [16, 29]
    assert event["fatalities"] == 16  # ACLED: the most conservative credible figure
    assert pairs == []


def test_two_strikes_same_day_same_province_stay_two() -> None:
    events, _ = merge_block([mention("m1"), mention("m2", place=AKASHAT)], [], same_actor_only)
    assert len(events) == 2
    assert {e["location"] for e in events} == {"Al Qaim", "Akashat"}


def test_different_days_with_day_precision_are_never_merged_automatically() -> None:
    events, pairs = merge_block([mention("m1"), mention("m2", day="2024-02-03")], [], same_actor_only)
    assert len(events) == 2
    assert len(pairs) == 1  # queued for a human instead


def test_province_level_report_joins_the_only_precise_event_inside_it() -> None:
    events, _ = merge_block([mention("m1"), mention("m2", place=ANBAR)], [], same_actor_only)
    assert len(events) == 1
    assert events[0]["location"] == "Al Qaim" and events[0]["geo_precision"] == 1


def test_province_level_report_is_not_guessed_into_one_of_two_events() -> None:
    events, pairs = merge_block([mention("m1"), mention("m2", place=AKASHAT), mention("m3", place=ANBAR)], [],
                                same_actor_only)
    assert len(events) == 3
    assert pairs, "the ambiguous report is offered for review"


def test_incompatible_actors_stay_apart() -> None:
    events, _ = merge_block([mention("m1"), mention("m2", actor1="Military Forces of Turkey (2016-)")], [],
                            same_actor_only)
    assert len(events) == 2


def test_result_does_not_depend_on_input_order() -> None:
    reports = [mention("m1", killed=16), mention("m2", place=AKASHAT), mention("m3", killed=29),
               mention("m4", place=ANBAR), mention("m5", day="2024-02-03")]
    first, _ = merge_block(reports, [], same_actor_only)
    second, _ = merge_block(list(reversed(reports)), [], same_actor_only)
    assert first == second


def test_human_decisions_win() -> None:
    reports = [mention("m1"), mention("m2", day="2024-02-03")]
    events, _ = merge_block(reports, [{"mention_a": "m1", "mention_b": "m2", "decision": "same"}], same_actor_only)
    assert len(events) == 1
    events, _ = merge_block([mention("m1"), mention("m2")],
                            [{"mention_a": "m1", "mention_b": "m2", "decision": "different"}], same_actor_only)
    assert len(events) == 2


def test_merge_reasons_are_recorded() -> None:
    events, _ = merge_block([mention("m1"), mention("m2")], [], same_actor_only)
    reasons = events[0]["merge_reasons"]
    assert reasons and reasons[0]["distance_km"] == 0.0 and reasons[0]["date_delta_days"] == 0


def test_notes_read_like_acled() -> None:
    events, _ = merge_block([mention("m1", killed=16, claimant="Iraqi officials")], [], same_actor_only)
    note = notes_for(events[0])
    assert note.startswith(f"On 2 February 2024, {US} carried out an air/drone strike in Al Qaim (Anbar).")
    assert "Iraqi officials reported 16 killed" in note


IRAQ = {"place_id": "iq", "name": "Iraq", "country": "Iraq", "country_code": "IQ", "admin1": None, "admin2": None,
        "latitude": 33.0, "longitude": 44.0, "geo_precision": 3}


def test_a_country_level_summary_is_absorbed_not_counted_twice() -> None:
    summary = mention("m3", place=IRAQ, article="art-m2")  # "strikes on targets in Iraq and Syria"
    events, _ = merge_block([mention("m1"), mention("m2", place=AKASHAT), summary], [], same_actor_only)
    assert len(events) == 2
    akashat = next(e for e in events if e["location"] == "Akashat")
    assert {s["mention_id"] for s in akashat["sources"]} == {"m2", "m3"}  # same article wins
    assert any("country-level report absorbed" in r["decision"] for r in akashat["merge_reasons"])


def test_notes_say_a_claim_repeated_by_several_outlets_once() -> None:
    reports = [mention("m1", killed=16, claimant="Iraqi government", outlet="A"),
               mention("m2", killed=16, claimant="Iraqi government", outlet="B")]
    events, _ = merge_block(reports, [], same_actor_only)
    assert events[0]["notes"].count("Iraqi government reported 16 killed") == 1


YEMEN = {"place_id": "country-ye", "name": "Yemen", "country": "Yemen", "country_code": "YE", "admin1": None,
         "admin2": None, "latitude": 15.6, "longitude": 47.6, "geo_precision": 3}
HODEIDAH = {"place_id": "hodeidah", "name": "Hodeidah", "country": "Yemen", "country_code": "YE",
            "admin1": "Al Hodeidah", "admin2": None, "latitude": 14.80, "longitude": 42.95, "geo_precision": 1}
HODEIDAH_AIRPORT = {"place_id": "hodeidah-airport", "name": "Hodeidah Airport", "country": "Yemen",
                    "country_code": "YE", "admin1": "Al Hodeidah", "admin2": None, "latitude": 14.75,
                    "longitude": 43.02, "geo_precision": 1}


def undated(mid: str, published: str, place: dict[str, Any] = YEMEN, **kw: Any) -> dict[str, Any]:
    """A report that gives no day: dated by its publication, precision 2 ("on or before")."""
    return mention(mid, day=published, place=place, precision=2, **kw)


def test_undated_country_level_reports_a_day_apart_are_two_strikes_until_a_human_says_otherwise() -> None:
    # "US strikes Houthi missiles in Yemen" on Wednesday, "US hits Houthi missiles in Yemen" on Thursday.
    events, pairs = merge_block([undated("m1", "2024-01-17"), undated("m2", "2024-01-18")], [], same_actor_only)
    assert len(events) == 2
    assert len(pairs) == 1 and "neither report gives the day" in pairs[0]["reasons"]["held_for_review"]


def test_overlapping_week_long_ranges_in_one_country_are_not_enough_to_merge() -> None:
    first, second = undated("m1", "2024-01-17"), undated("m2", "2024-01-19")
    first["date"] = {"start": "2024-01-13", "end": "2024-01-19", "precision": 2}  # "this week"
    second["date"] = {"start": "2024-01-15", "end": "2024-01-19", "precision": 2}
    events, pairs = merge_block([first, second], [], same_actor_only)
    assert len(events) == 2 and len(pairs) == 1


def test_undated_country_level_reports_published_the_same_day_merge() -> None:
    events, _ = merge_block([undated("m1", "2024-01-17", outlet="A"), undated("m2", "2024-01-17", outlet="B")], [],
                            same_actor_only)
    assert len(events) == 1 and len(events[0]["sources"]) == 2


def test_undated_follow_up_at_the_same_named_place_joins_the_earlier_report() -> None:
    events, _ = merge_block([undated("m1", "2024-07-20", place=HODEIDAH), undated("m2", "2024-07-21", place=HODEIDAH)],
                            [], same_actor_only)
    assert len(events) == 1


def test_undated_reports_on_different_days_at_nearby_but_different_places_wait_for_review() -> None:
    reports = [undated("m1", "2024-07-20", place=HODEIDAH), undated("m2", "2024-07-21", place=HODEIDAH_AIRPORT)]
    for report in reports:
        report["actor2"] = "Ansar Allah"  # same type, same actors, 9 km apart: only the day is unknown
    events, pairs = merge_block(reports, [], same_actor_only)
    assert len(events) == 2 and len(pairs) == 1


def test_a_day_precise_report_still_anchors_an_undated_country_level_one() -> None:
    events, _ = merge_block([mention("m1", day="2024-01-12", place=YEMEN), undated("m2", "2024-01-13")], [],
                            same_actor_only)
    assert len(events) == 1


def test_a_country_level_summary_from_another_article_is_not_guessed_into_one_strike() -> None:
    # "US says it hit 85 targets in Iraq" (wire) and "B-1 bombers struck targets in Iraq" (another site):
    # both summarise the night's strikes at Al Qaim and Akashat; neither article tells one of them.
    summaries = [mention("m3", place=IRAQ, outlet="Wire"), mention("m4", place=IRAQ, outlet="Monitor")]
    events, pairs = merge_block([mention("m1"), mention("m2", place=AKASHAT)] + summaries, [], same_actor_only)
    assert len(events) == 3
    by_location = {e["location"]: {s["mention_id"] for s in e["sources"]} for e in events}
    assert by_location == {"Al Qaim": {"m1"}, "Akashat": {"m2"}, "Iraq": {"m3", "m4"}}
    assert pairs, "the summary is offered for review against the strikes"


def test_the_new_review_rules_do_not_depend_on_input_order() -> None:
    reports = [mention("m1"), mention("m2", place=AKASHAT), mention("m3", place=IRAQ), mention("m4", place=IRAQ),
               undated("m5", "2024-01-17"), undated("m6", "2024-01-18"), undated("m7", "2024-01-18")]
    first = merge_block(reports, [], same_actor_only)
    second = merge_block(list(reversed(reports)), [], same_actor_only)
    assert first == second


def test_an_undated_follow_up_two_days_later_at_the_same_place_joins_the_strike() -> None:
    # "Al-Qaim buries its dead after US strikes", published on Sunday, no day of its own.
    events, _ = merge_block([mention("m1", killed=16), undated("m2", "2024-02-04", place=AL_QAIM, killed=18)], [],
                            same_actor_only)
    assert len(events) == 1
    assert sorted(c["killed"] for c in events[0]["claims"]) == [16, 18]


def test_a_late_undated_report_elsewhere_or_of_another_kind_stays_apart() -> None:
    strike = mention("m1")
    elsewhere = undated("m2", "2024-02-04", place=AKASHAT)  # 75 km away
    shelling = undated("m3", "2024-02-04", place=AL_QAIM, sub="Shelling/artillery/missile attack")
    too_late = undated("m4", "2024-02-05", place=AL_QAIM)
    for other in (elsewhere, shelling, too_late):
        events, _ = merge_block([strike, other], [], same_actor_only)
        assert len(events) == 2, other["mention_id"]
    undated_before = undated("m5", "2024-02-02", place=AL_QAIM)
    events, _ = merge_block([mention("m6", day="2024-02-04"), undated_before], [], same_actor_only)
    assert len(events) == 2  # reported before the dated strike happened: another strike


def test_reports_without_a_location_are_never_merged() -> None:
    nowhere: dict[str, Any] = {}
    events, pairs = merge_block([mention("m1", place=nowhere), mention("m2", place=nowhere)], [], same_actor_only)
    assert len(events) == 2 and pairs == []
    assert all(e["location"] is None and e["country_code"] is None for e in events)


def test_a_shared_toll_counts_with_this_events_share() -> None:
    report = mention("m1", killed=13, claimant="a monitor")
    report["claims"][0].update(shared_by=2, killed_share=7)
    event = merge_block([report], [], same_actor_only)[0][0]
    assert event["fatalities"] == 7 and event["claims"][0]["killed"] == 13
    assert "a monitor reported 13 killed across 2 places" in event["notes"]


def test_explain_pair_names_the_rule_that_keeps_two_reports_apart() -> None:
    from conflictwire.pipeline.merge import MentionView, explain_pair

    def view(mid: str, **kw: Any) -> MentionView:
        return MentionView.from_payload({**mention(mid, **kw), "event_type": None})  # typed by its sub-type

    strike = view("m1", outlet="Wire")
    assert explain_pair(strike, view("m2"), same_actor_only) == "merges"
    assert explain_pair(strike, view("m2", sub="Peaceful protest"), same_actor_only) == "type"
    assert explain_pair(strike, view("m2", day="2024-02-09"), same_actor_only) == "date"
    assert explain_pair(strike, view("m2", day="2024-02-03"), same_actor_only) == \
        "held: two day-precise reports a day apart"
    assert explain_pair(strike, view("m2", place=AKASHAT), same_actor_only) == "place: two places too far apart"
    assert explain_pair(strike, view("m2", place={**AL_QAIM, "country_code": None}), same_actor_only) == \
        "place: one report has no place (a block of its own)"
    assert explain_pair(strike, view("m2", actor1="Islamic State"), same_actor_only) == "actors"
    held = explain_pair(view("m1", killed=4), view("m2", killed=175), same_actor_only)
    assert held.startswith("held: ") and "death tolls" in held
