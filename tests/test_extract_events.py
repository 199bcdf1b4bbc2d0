"""The extract stage on short reports written for these tests: types, dates, places, actors, hedges."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire.models import Article, ArticleExtraction, to_plain
from conflictwire.pipeline.annotate import annotate
from conflictwire.pipeline.extract import candidate_filter, extract
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
     "Air/drone strike", date(2024, 3, 2), ["Zakho"], "Turkish", "PKK"),
    ("Three Kataib Hezbollah facilities were struck by US aircraft near Al-Qaim on Friday.",
     "Air/drone strike", date(2024, 3, 1), ["Al-Qaim"], "US", None),
    ("US forces carried out airstrikes on Kataib Hezbollah facilities in Al-Qaim on 2 February.",
     "Air/drone strike", date(2024, 2, 2), ["Al-Qaim"], "US forces", "Kataib Hezbollah"),
    ("Israeli jets bombed Hezbollah positions near Nabatieh on Wednesday.",
     "Air/drone strike", date(2024, 2, 28), ["Nabatieh"], "Israeli", "Hezbollah"),
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
     "Air/drone strike", date(2023, 12, 7), ["Mosul"], "Coalition", "ISIL"),
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
