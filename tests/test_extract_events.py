"""The extract stage on short reports written for these tests: types, dates, places, actors, hedges."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire.extraction.candidates import candidate_filter
from conflictwire.models import Article, ArticleExtraction, to_plain
from conflictwire.pipeline.annotate import annotate
from conflictwire.pipeline.extract import extract
from conflictwire.vocab import SUB_EVENT_TO_TYPE, plover_for

PUBLISHED = date(2024, 3, 5)  # a Tuesday


def run(text: str, published: date | None = PUBLISHED) -> ArticleExtraction:
    article = Article(article_id="t1", document_id="d1", index=0, text=text, published=published)
    [annotated] = annotate([article], candidate_filter())
    result = extract(annotated)
    assert_spans_verbatim(result)
    return result


def assert_spans_verbatim(result: ArticleExtraction) -> None:
    """Every span anywhere in the result must be a verbatim slice of the article text."""
    text = result.article.text

    def walk(obj):
        if isinstance(obj, dict):
            if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
                assert text[obj["start"] : obj["end"]] == obj["text"], obj
            for value in obj.values():
                walk(value)
        elif isinstance(obj, list):
            for value in obj:
                walk(value)

    walk(to_plain(result.mentions))


def only(text: str, published: date | None = PUBLISHED):
    result = run(text, published)
    assert len(result.mentions) == 1, [m.trigger.text for m in result.mentions]
    return result.mentions[0]


# (text, sub-event type, date, place names, actor1, actor2 or None)
PLAIN_CASES = [
    ("On 2 March, Turkish warplanes struck PKK positions in Zakho, killing 4.",
     "Air/drone strike", date(2024, 3, 2), ["Zakho"], "Turkish warplanes", "PKK"),
    ("Three Kataib Hezbollah facilities were struck by US aircraft near Al-Qaim on Friday.",
     "Air/drone strike", date(2024, 3, 1), ["Al-Qaim"], "US aircraft", None),
    ("US forces carried out airstrikes on Kataib Hezbollah facilities in Al-Qaim on 2 February.",
     "Air/drone strike", date(2024, 2, 2), ["Al-Qaim"], "US forces", "Kataib Hezbollah"),
    ("Israeli jets bombed Hezbollah positions near Nabatieh on Wednesday.",
     "Air/drone strike", date(2024, 2, 28), ["Nabatieh"], "Israeli jets", "Hezbollah"),
    ("Militants fired rockets at Ain al-Asad air base in western Anbar on Sunday.",
     "Shelling/artillery/missile attack", date(2024, 3, 3), ["Ain al-Asad air base", "Anbar"], "Militants", None),
    ("Syrian government forces shelled the town of Kafr Nabl in Idlib province on Monday, killing three civilians.",
     "Shelling/artillery/missile attack", date(2024, 3, 4), ["Kafr Nabl", "Idlib"], "Syrian government forces", None),
    ("Houthi rebels launched a ballistic missile at a commercial tanker in the Red Sea on Thursday.",
     "Shelling/artillery/missile attack", date(2024, 2, 29), ["Red Sea"], "Houthi rebels", None),
    ("A rocket struck near the US embassy in Baghdad on Monday, officials said.",
     "Shelling/artillery/missile attack", date(2024, 3, 4), ["US embassy", "Baghdad"], None, None),
    ("Two mortar rounds landed inside the Green Zone on Monday.",
     "Shelling/artillery/missile attack", date(2024, 3, 4), ["Green Zone"], None, None),
    ("A drone attack targeted the Conoco gas field in Deir Ezzor on Sunday.",
     "Air/drone strike", date(2024, 3, 3), ["Conoco gas field", "Deir Ezzor"], None, None),
    ("A roadside bomb struck an Iraqi army patrol near Tarmiyah on Tuesday, killing two soldiers.",
     "Remote explosive/landmine/IED", date(2024, 3, 5), ["Tarmiyah"], None, "Iraqi army"),
    ("An explosive device detonated near a convoy in Anbar on Thursday, wounding a pair of soldiers.",
     "Remote explosive/landmine/IED", date(2024, 2, 29), ["Anbar"], None, None),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu on Friday, killing at least 10 people.",
     "Suicide bomb", date(2024, 3, 1), ["Mogadishu"], None, None),
    ("Rebels and government troops clashed near Marib on Saturday, leaving 12 fighters dead.",
     "Armed clash", date(2024, 3, 2), ["Marib"], "Rebels", "government troops"),
    ("Iraqi air defences shot down two drones over Erbil airport on Monday.",
     "Disrupted weapons use", date(2024, 3, 4), ["Erbil airport"], "Iraqi air defences", None),
    ("Israeli air defences intercepted a drone launched from Yemen over Eilat on Monday.",
     "Disrupted weapons use", date(2024, 3, 4), ["Eilat"], "Israeli air defences", None),
    ("Security forces arrested five suspected ISIS members in Kirkuk on Tuesday.",
     "Arrests", date(2024, 3, 5), ["Kirkuk"], "Security forces", "ISIS"),
    ("US forces withdrew from the K1 base near Kirkuk on Friday.",
     "Non-violent transfer of territory", date(2024, 3, 1), ["Kirkuk"], "US forces", None),
    ("Hamas and Israel agreed to a four-day truce on Wednesday.",
     "Agreement", date(2024, 2, 28), [], "Hamas", "Israel"),
    ("Kataib Hezbollah announced on Monday that it was suspending its attacks on US forces.",
     "Change to group/activity", date(2024, 3, 4), [], "Kataib Hezbollah", None),
    ("Coalition aircraft conducted a precision strike on an ISIL headquarters west of Mosul on 7 December.",
     "Air/drone strike", date(2023, 12, 7), ["Mosul"], "Coalition aircraft", "ISIL"),
    ("The Islamic Resistance in Iraq announced the targeting of Ain al-Asad base with drones on Sunday.",
     "Air/drone strike", date(2024, 3, 3), ["Ain al-Asad base"], "Islamic Resistance in Iraq", None),
    ("The Pentagon said three US service members were killed in a drone attack on Tower 22 in Jordan on Sunday.",
     "Air/drone strike", date(2024, 3, 3), ["Jordan"], None, None),
]


REPORT_DATED = {"The Islamic Resistance in Iraq announced the targeting of Ain al-Asad base with drones on Sunday."}


@pytest.mark.parametrize("text,sub_type,when,places,actor1,actor2", PLAIN_CASES, ids=[c[0][:40] for c in PLAIN_CASES])
def test_plain_reports(text, sub_type, when, places, actor1, actor2):
    mention = only(text)
    assert mention.sub_event_type == sub_type
    assert mention.event_type == SUB_EVENT_TO_TYPE[sub_type]
    assert (mention.plover_event, mention.plover_mode) == plover_for(sub_type)
    assert mention.date.start == when
    # "announced on Sunday the targeting of ...": the date is the announcement's; the attack is on or before it
    assert mention.date.precision == (2 if text in REPORT_DATED else 1)
    assert [p.text for p in mention.places] == places
    assert mention.actor1 == actor1
    if actor2 is not None:
        assert mention.actor2 == actor2
    assert 0 < mention.confidence <= 1
    assert mention.evidence


def test_zakho_strike_carries_claim_weapon_and_quote():
    text = "On 2 March, Turkish warplanes struck PKK positions in Zakho, killing 4."
    mention = only(text)
    assert mention.weapons == ["aircraft"]
    assert mention.places[0].cue == "in"
    assert mention.claims[0].killed == 4
    assert mention.quote.text == text
    assert mention.trigger.text == "struck"


def test_coordinated_places_are_all_listed():
    mention = only("Strikes hit Deir Ezzor, Al-Bukamal and Al-Mayadeen on Friday.")
    assert [p.text for p in mention.places] == ["Deir Ezzor", "Al-Bukamal", "Al-Mayadeen"]


@pytest.mark.parametrize("text, place", [
    ("A car bombing in Samarra on Monday killed two policemen, officials said.", "Samarra"),
    ("A car bombing near the town of Samarra on Monday killed two policemen, officials said.", "Samarra"),
])
def test_a_town_the_model_labels_a_nationality_is_still_the_place(text, place):
    # spaCy's small model tags "Samarra" NORP; the gazetteer knows it is a town, so the bombing keeps
    # its place instead of being dropped as an event with neither place nor actor
    mention = only(text)
    assert mention.sub_event_type == "Remote explosive/landmine/IED"
    assert [p.text for p in mention.places] == [place]
    assert mention.claims[0].killed == 2


def test_direction_cue_is_kept():
    mention = only("The strike on the convoy south of Erbil on Monday killed 16 people, Iraq said.")
    assert [(p.cue, p.text) for p in mention.places] == [("south of", "Erbil")]
    assert mention.claims[0].killed == 16 and mention.claims[0].claimant == "Iraq"


def test_sentence_without_date_takes_article_date_with_week_precision():
    mention = only("Kataib Hezbollah said it would suspend military operations against US forces.")
    assert mention.date.start == PUBLISHED
    assert mention.date.precision == 2
    assert "publication" in mention.date.basis
    assert mention.actor1 == "Kataib Hezbollah"


NOT_EVENTS = [
    "Iran may seek to strike US bases in the region.",
    "Options being considered include strikes on Iranian proxies.",
    "The US will respond at times of our choosing.",
    "The threatened strikes did not materialize.",
    "No attacks were reported on Sunday.",
    "Washington is weighing options for strikes on Iranian proxies.",
    "If militias attack US troops again, the US will strike back.",
    "Militias have carried out more than 40 attacks on US forces since March.",
    "Analysts say potential targets include oil facilities in the Gulf.",
    "Militants threatened to attack the base in Erbil.",
    "The jets did not strike the airfield near Palmyra on Monday.",
    "Officials said Iraq could face strikes if it fails to rein in the militias.",
    "Jordanian and US troops fired artillery during a live-fire exercise near Zarqa on Monday.",
    "The union called a general strike in Baghdad on Monday.",
    "The two sides struck a deal on Monday.",
    "Tehran denied being behind the drone attack.",
    "The United States and Iraq signed a loan guarantee agreement on Monday.",
]


def test_attack_as_a_modifier_is_not_an_event():
    result = run("On Monday, coalition forces conducted strikes near Raqqa using attack, bomber and fighter aircraft.")
    assert [m.trigger.text for m in result.mentions] == ["strikes"]
    assert result.mentions[0].weapons == ["aircraft"]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_hypothetical_negated_tally_and_non_military_are_not_events(text):
    assert run(text).mentions == []


def test_background_event_gets_its_own_date_never_the_articles():
    mention = only("On January 3, 2020, a US drone strike killed Qassem Soleimani near Baghdad airport.")
    assert mention.date.start == date(2020, 1, 3)


def test_event_named_only_as_a_reference_point_is_not_dated_by_the_sentence():
    # the vote is dated; the strike it followed is not, so it is left out rather than misdated
    assert run("On January 5, 2020, parliament voted to expel US troops after a US drone strike killed Qassem Soleimani.").mentions == []


def test_date_of_another_clause_is_not_borrowed():
    assert run("Kataib Hezbollah was founded in 2007 and fought US troops during the occupation of Iraq.").mentions == []


def test_background_event_with_only_a_year_is_dated_to_that_year():
    mention = only("In 2019, Israeli drones struck a PMF depot near Amerli.")
    assert mention.date.start == date(2019, 1, 1) and mention.date.end == date(2019, 12, 31)
    assert mention.date.precision == 3


def test_undated_background_is_dropped():
    assert run("US aircraft had struck the same depot near Amerli years ago.").mentions == []


def test_article_without_publication_date_keeps_only_absolute_dates():
    text = (
        "US aircraft struck a weapons depot near Al-Qaim on Friday.\n\n"
        "On 3 February 2024, US aircraft struck militia sites near Al-Bukamal."
    )
    result = run(text, published=None)
    assert [m.date.start for m in result.mentions] == [date(2024, 2, 3)]


def test_no_event_dated_after_publication():
    assert run("US aircraft struck militia sites near Al-Bukamal on 28 March 2024.").mentions == []


def test_coreference_attaches_later_details_to_first_mention():
    text = (
        "US aircraft struck Kataib Hezbollah sites near Al-Qaim on Friday.\n\n"
        "The strikes killed 16 people and injured 25, Iraq said.\n\n"
        "Kataib Hezbollah claimed responsibility for the attack on Tower 22 that prompted them."
    )
    result = run(text)
    assert len(result.mentions) == 1
    mention = result.mentions[0]
    assert mention.claims[0].killed == 16 and mention.claims[0].injured == 25
    assert mention.claims[0].claimant == "Iraq"


def test_sunday_drone_strike_refers_back_and_takes_weapon():
    text = (
        "A strike hit a militia headquarters in Jurf al-Sakhar on Sunday.\n\n"
        "Sunday's drone strike killed a senior commander, a security official said."
    )
    [mention] = run(text).mentions
    assert mention.sub_event_type == "Air/drone strike"
    assert "drone" in mention.weapons
    assert mention.claims and mention.claims[0].killed == 1


def test_toll_sentence_without_trigger_attaches_to_previous_event():
    text = (
        "Turkish drones struck a vehicle near Sulaymaniyah airport on Monday.\n\n"
        "Three people were killed, according to the Kurdistan counter-terrorism service."
    )
    [mention] = run(text).mentions
    assert mention.claims[0].killed == 3
    assert mention.claims[0].claimant == "Kurdistan counter-terrorism service"


def test_two_different_events_in_one_article():
    text = (
        "US aircraft struck militia sites near Al-Qaim on Friday.\n\n"
        "Separately, security forces arrested two suspects in Kirkuk on Saturday."
    )
    result = run(text)
    assert [m.sub_event_type for m in result.mentions] == ["Air/drone strike", "Arrests"]


def test_claimed_responsibility_sets_actor1():
    mention = only("The Islamic Resistance in Iraq claimed responsibility for a drone attack on the Tanf garrison on Saturday.")
    assert mention.actor1 == "Islamic Resistance in Iraq"
    assert mention.responsibility[0].kind == "claimed"
    assert [p.text for p in mention.places] == ["Tanf garrison"]


def test_blame_in_a_later_sentence_is_kept_with_the_event():
    text = (
        "A drone attack hit a US base near Erbil airport on Thursday.\n\n"
        "Officials blamed Iran-backed militias for the attack.\n\n"
        "Tehran denied being behind the attack."
    )
    [mention] = run(text).mentions
    kinds = sorted((r.kind, r.actor) for r in mention.responsibility)
    assert kinds == [("blamed", "Iran-backed militias"), ("denied", "Tehran")]
    assert mention.actor1 == "Iran-backed militias"


def test_candidate_filter_is_cheap_and_selective():
    keep = candidate_filter()
    assert keep("Turkish warplanes struck PKK positions.")
    assert keep("Three people were killed.")
    assert not keep("The minister met his counterpart for talks on trade.")


# --------------------------------------------------------------------------- precision/recall pass (datelines, summaries, actor text)


@pytest.mark.parametrize(
    "text",
    [
        "KARBALA - Two policemen were killed when a roadside bomb struck their patrol near Ain al-Tamr on Sunday.",
        "SULAIMANIYAH, Mar 3 (Levant Wire) - Two Peshmerga fighters were killed when a roadside bomb struck their "
        "patrol near Ain al-Tamr on Sunday.",
    ],
)
def test_dateline_city_is_never_the_place_nor_the_actor(text):
    mention = only(text)
    assert [p.text for p in mention.places] == ["Ain al-Tamr"]
    assert mention.actor1 is None
    assert mention.quote.text == text  # the quote still starts at the dateline: offsets stay exact
    assert mention.quote.start == 0


def test_dateline_gives_no_place_even_when_the_sentence_names_none_else():
    mention = only("HILLA - Gunmen attacked a police checkpoint on Sunday night, killing one officer.")
    assert mention.places == []  # geocode warns; the reporter's city is not where it happened


def test_named_outpost_in_apposition_is_the_place():
    mention = only("MAFRAQ - A drone struck Post 17, a small border outpost in northern Jordan, on Sunday.")
    assert "Post 17" in [p.text for p in mention.places]
    assert all(not p.text.startswith("MAFRAQ") for p in mention.places)


def test_locator_after_a_place_is_not_a_second_place():
    text = ("Militants attacked an army checkpoint near Tuz Khurmatu, south of Kirkuk, on Monday. "
            "A drone struck a vehicle near Sinun in the Sinjar district on Saturday. "
            "A drone strike on a car in the Karrada district of central Baghdad killed two people on Monday.")
    places = [[p.text for p in m.places] for m in run(text).mentions]
    assert places == [["Tuz Khurmatu"], ["Sinun"], ["Karrada"]]


def test_platform_agent_keeps_its_noun():
    assert only("Turkish warplanes struck PKK hideouts near Amedi on Sunday.").actor1 == "Turkish warplanes"
    assert only("A Turkish drone struck a car near Sinun on Saturday.").actor1 == "Turkish drone"
    assert only("A US drone strike hit a car in Baghdad on Monday.").actor1 == "US"
    # an owner-less platform names no actor (never a bare designator or the adjective alone)
    assert only("A one-way attack drone struck a base near Rutba on Sunday.").actor1 is None


def test_the_group_refers_to_the_organisation_named_before():
    text = ("The Islamic Resistance in Iraq said it fired rockets at Harir air base on Saturday. "
            "In a second statement, the group said it had targeted the Khor Mor gas field with drones on Saturday.")
    mentions = run(text).mentions
    khor_mor = next(m for m in mentions if any("Khor Mor" in p.text for p in m.places))
    assert khor_mor.actor1 == "Islamic Resistance in Iraq"


def test_the_group_without_a_named_organisation_stays_unknown():
    mention = only("The group said it had targeted the Khor Mor gas field with drones on Saturday.")
    assert mention.actor1 is None


def test_country_level_summary_is_absorbed_by_precise_events():
    text = ("The United States struck dozens of targets in Iraq and Syria late on Friday. "
            "B-1 bombers hit sites at Al Qaim and at Al-Mayadeen, US Central Command said.")
    mentions = run(text, date(2024, 2, 3)).mentions
    assert sorted(p.text for m in mentions for p in m.places) == ["Al Qaim", "Al-Mayadeen"]
    for mention in mentions:
        # the undated follow-up sentence shares the summary's Friday, not the publication day
        assert mention.date.start == date(2024, 2, 2)
        assert any("summary" in e for e in mention.evidence)


def test_country_level_event_alone_is_kept():
    mention = only("Turkish warplanes bombed PKK positions in northern Iraq on Sunday.")
    assert [p.text for p in mention.places] == ["Iraq"] or [p.text for p in mention.places] == ["northern Iraq"]


def test_a_wave_of_raids_over_whole_countries_is_a_summary():
    result = run("Ankara responded with a wave of air raids in northern Iraq and north-east Syria over the weekend.")
    assert result.mentions == []


def test_state_subject_carrying_out_strikes_is_an_event():
    mention = only("Turkey carried out two strikes near Zakho on Monday, local officials said.")
    assert mention.sub_event_type == "Air/drone strike"
    assert [p.text for p in mention.places] == ["Zakho"]


def test_intercepted_drone_is_placed_where_it_was_heading():
    mention = only("ERBIL - Coalition air defences shot down a drone approaching Erbil international airport on Monday.")
    assert mention.sub_event_type == "Disrupted weapons use"
    assert [p.text for p in mention.places] == ["Erbil international airport"]


def test_dateline_date_and_subject_are_the_reports_not_the_events():
    mention = only("DUHOK, Mar 5 (Levant Wire) - The Islamic Resistance in Iraq said it targeted Harir air base "
                   "with drones on Monday.")
    assert mention.date.start == date(2024, 3, 4)  # Monday, not the dateline's March 5
    assert mention.actor1 == "Islamic Resistance in Iraq"


def test_killers_in_a_clash_are_its_first_actor():
    mention = only("Iraqi troops killed three gunmen in a clash near Rutba on Saturday, the army said.")
    assert mention.sub_event_type == "Armed clash"
    assert mention.actor1 == "Iraqi troops"


def test_counted_summary_gives_its_actor_to_the_breakdown():
    text = ("On March 3, Coalition military forces conducted 12 strikes against ISIL targets in Syria and Iraq. "
            "Near Tal Afar, two strikes engaged an ISIL tactical unit on March 3.")
    mentions = run(text).mentions
    assert [p.text for m in mentions for p in m.places] == ["Tal Afar"]
    assert mentions[0].actor1 == "Coalition military forces"


def test_a_crowd_rallying_is_a_peaceful_protest():
    mention = only("Hundreds of supporters of the Sadrist movement rallied in Basra's Grand Square on Friday "
                   "to protest against power cuts.")
    assert mention.sub_event_type == "Peaceful protest"
    assert mention.actor1 == "Protesters"
    assert [p.text for p in mention.places] == ["Grand Square"]


def test_a_ministry_protesting_is_no_protest_event():
    assert run("Iraq's foreign ministry said on Friday it would protest the strike to the Turkish envoy.").mentions == [] \
        or all(m.sub_event_type != "Peaceful protest" for m in run(
            "Iraq's foreign ministry said on Friday it would protest the strike to the Turkish envoy.").mentions)


def test_where_a_victim_led_is_not_where_the_strike_was():
    mention = only("On Monday, Abu Omar, an ISIL leader in Raqqah, was killed by a coalition airstrike near Tabqa Dam.")
    assert [p.text for p in mention.places] == ["Tabqa Dam"]
    assert mention.actor1 == "coalition"


def test_armed_men_killing_civilians_is_an_attack():
    mention = only("Suspected Islamic State gunmen killed two farmers and burned their crops near Tarmiyah late on Friday.")
    assert mention.sub_event_type == "Attack"
    assert mention.actor1 == "Islamic State gunmen"
    assert [p.text for p in mention.places] == ["Tarmiyah"]  # the place hangs on the second verb


def test_killing_soldiers_is_not_an_attack_on_civilians():
    assert all(m.sub_event_type != "Attack" for m in run("Militants killed two soldiers near Hawija on Monday.").mentions)


def test_place_name_before_city_is_kept_whole():
    mention = only("Other targets were hit by US aircraft in the desert near Deir ez-Zor city on Friday.")
    assert [p.text for p in mention.places] == ["Deir ez-Zor"]


# --------------------------------------------------------------------------- actor2: the side attacked
# (text, actor2 as the extractor writes it; the actors stage maps it to the registry's name)
TARGET_SIDE_CASES = [
    # those killed name their side
    ("Two Iraqi soldiers were killed and one wounded on Sunday when Islamic State militants attacked a checkpoint "
     "near Tuz Khurmatu, police said.", "Iraqi soldiers"),
    ("KIRKUK, May 4 - Three Iraqi soldiers were killed late on Friday when militants attacked their post near Daquq.",
     "Iraqi soldiers"),  # the dateline's KIRKUK is no owner
    ("A Turkish drone struck a pickup truck near Makhmour on Tuesday, killing two members of Kataib Hezbollah, "
     "local officials said.", "Kataib Hezbollah"),
    ("A Turkish drone struck a pickup truck near Makhmour on Tuesday, killing three PKK fighters.", "PKK fighters"),
    ("Gunmen killed four farmers near Tuz Khurmatu on Saturday, police said.", "Civilians"),
    ("Abu Khalid al-Iraqi, an ISIL finance leader, was killed by a coalition airstrike near Mosul on Monday.", "ISIL"),
    # a named victim side over the owner of the building that was hit
    ("An Israeli strike on a Syrian army post near Damascus on Friday killed two commanders of Hezbollah.", "Hezbollah"),
    # whose a named facility is, when the sentence says so
    ("Militants fired rockets at Camp Taji, a US military base north of Baghdad, on Monday.", "US military"),
    ("The Islamic Resistance in Iraq said it targeted Ain al-Asad air base, which houses US troops, with drones "
     "on Thursday.", "US troops"),
    # held or listed targets
    ("Near Raqqah, one strike destroyed an ISIL-held building.", "ISIL"),
    ("Near Sinjar, two strikes destroyed three tunnel entrances and two ISIL fighting positions.", "ISIL"),
]


@pytest.mark.parametrize("text,actor2", TARGET_SIDE_CASES, ids=[c[0][:40] for c in TARGET_SIDE_CASES])
def test_actor2_is_the_side_attacked(text, actor2):
    mention = only(text)
    assert mention.actor2 == actor2


NO_TARGET_SIDE_CASES = [
    "A drone strike on a car near Sinjar on Monday killed three men, officials said.",  # men of no named side
    "Rockets hit Ain al-Asad air base on Sunday, wounding two Iraqi soldiers.",  # wounded guests: not the target
    "Turkish warplanes struck a position near Amedi on Monday, killing two Turkish soldiers by mistake.",  # own side
    "Kataib Hezbollah announced on Tuesday that it was suspending its operations against US forces.",  # no attack
]


@pytest.mark.parametrize("text", NO_TARGET_SIDE_CASES, ids=[c[:40] for c in NO_TARGET_SIDE_CASES])
def test_actor2_left_empty_when_the_target_side_is_not_said(text):
    mention = only(text)
    assert mention.actor2 is None


def test_strike_list_takes_its_target_from_the_summary():
    result = run(
        "On Jan. 3, Coalition military forces conducted 9 strikes against ISIL terrorists in Syria and Iraq.\n"
        "Near Raqqah, one strike destroyed a repeater station.\n"
        "Near Mosul, two strikes destroyed three bridges.",
        date(2017, 1, 4),
    )
    assert [(m.actor1, m.actor2) for m in result.mentions] == [("Coalition military forces", "ISIL")] * 2


def test_killed_side_resolves_in_the_registry():
    from conflictwire.registry import get_registry

    mention = only("Two Iraqi soldiers were killed on Sunday when Islamic State militants attacked a checkpoint near Baiji.")
    assert get_registry().resolve(mention.actor2, "IQ").name.startswith("Military Forces of Iraq")


def test_a_dated_summary_dates_the_strikes_it_lists():
    # a daily strike report (issue 14, long pages): the lead's date, not the publication date, for every item
    text = (
        "Strike report for the week\n\n"
        "On March 1, coalition aircraft conducted 14 strikes against ISIL targets in Syria and Iraq. "
        "In Syria, coalition aircraft conducted nine strikes against ISIL targets.\n\n"
        "Near Kobani, two strikes destroyed an ISIL fighting position and a mortar system.\n\n"
        "Near Palmyra, one strike destroyed an ISIL-held tank.\n\n"
        "Near Mosul, three strikes destroyed four ISIL tunnels and a supply cache.\n"
    )
    mentions = run(text, date(2024, 3, 4)).mentions
    assert len(mentions) == 3
    assert {(m.date.start, m.date.end) for m in mentions} == {(date(2024, 3, 1), date(2024, 3, 1))}


def test_a_dated_event_between_ends_the_summarys_list():
    text = (
        "On March 1, coalition aircraft conducted 14 strikes against ISIL targets in Syria and Iraq. "
        "Near Kobani, two strikes destroyed an ISIL fighting position. "
        "Separately, on March 3 a roadside bomb killed two soldiers near Tikrit. "
        "Near Sinjar, militants fired mortar rounds at a police post."
    )
    by_place = {m.trigger.text: m.date.start for m in run(text, date(2024, 3, 4)).mentions}
    assert date(2024, 3, 1) in by_place.values()
    assert all(d != date(2024, 3, 1) for t, d in by_place.items() if "mortar" in t or "fired" in t)


def test_a_date_in_the_attribution_dates_the_report_not_the_event():
    text = ("A Marine sergeant died Feb. 20 in western Iraq of wounds sustained in a roadside bomb blast, "
            "according to a Pentagon statement released yesterday.")
    [mention] = run(text, date(2024, 3, 5)).mentions
    assert mention.date.start == date(2024, 2, 20)
