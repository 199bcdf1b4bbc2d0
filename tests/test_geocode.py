"""geocode(): one event mention per resolved place, precision from the cue, never a guess."""

from __future__ import annotations

from datetime import date

import pytest

from dataclasses import replace

from conflictwire.models import (
    CasualtyClaim,
    Article,
    ArticleExtraction,
    EventMention,
    PlaceMention,
    Span,
    Statement,
    TimeExpression,
    stable_id,
)
from conflictwire.pipeline.geocode import geocode


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def _extraction(text: str, sentence: str, places: list[tuple[str, str]]) -> ArticleExtraction:
    """An article whose one event mention sits in `sentence` and names `places` (text, cue)."""
    article = Article(article_id="a1", document_id="d1", index=0, text=text, published=date(2024, 1, 30))
    quote = _span(text, sentence)
    mention = EventMention(
        mention_id="m1",
        article_id="a1",
        sentence_index=0,
        quote=quote,
        trigger=_span(text, sentence.split()[1], quote.start),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover_event="ASSAULT",
        plover_mode=None,
        date=TimeExpression(start=date(2024, 1, 28), end=date(2024, 1, 28), precision=1),
        places=[PlaceMention(text=p, span=_span(text, p, quote.start), cue=cue) for p, cue in places],
    )
    return ArticleExtraction(article=article, mentions=[mention])


def test_one_mention_per_place_for_three_places():
    text = ("Militants launched drones at Ain al-Assad, Tower 22 and the Conoco field on Sunday, "
            "officials in Iraq, Jordan and Syria said.")
    ex = geocode(_extraction(text, text, [("Ain al-Assad", "at"), ("Tower 22", ""), ("Conoco field", "")]))
    assert len(ex.mentions) == 3
    got = {m.place.place_id: m for m in ex.mentions}
    assert set(got) == {"iq-ain-al-asad", "jo-tower-22", "sy-conoco"}
    assert [got["jo-tower-22"].place.country_code, got["sy-conoco"].place.country] == ["JO", "Syria"]
    for m in ex.mentions:
        assert m.mention_id == stable_id("m1", m.place.place_id)
        assert m.places and m.places[0].resolved == m.place
        assert m.quote.text == text
    assert not ex.warnings


def test_near_a_town_gives_precision_2_at_that_town():
    text = "A drone strike near Deir ez-Zor killed two fighters, the Syrian Observatory said."
    ex = geocode(_extraction(text, text, [("Deir ez-Zor", "near")]))
    (m,) = ex.mentions
    assert m.place.place_id == "sy-deir-ez-zor" and m.place.kind == "town"
    assert m.place.geo_precision == 2 and m.place.admin1 == "Deir-ez-Zor"


def test_cue_read_from_the_text_when_the_extractor_left_it_empty():
    text = "Rockets fell east of Albukamal and in the al-Tanf garrison overnight, in Syria."
    ex = geocode(_extraction(text, text, [("Albukamal", ""), ("al-Tanf", "")]))
    got = {m.place.place_id: m.place for m in ex.mentions}
    assert got["sy-abu-kamal"].geo_precision == 2
    assert got["sy-tanf-garrison"].kind == "base" and got["sy-tanf-garrison"].geo_precision == 1


def test_district_and_countryside_cues():
    text = "Clashes erupted in the Hit district and in the Raqqa countryside, residents in Iraq and Syria said."
    ex = geocode(_extraction(text, text, [("Hit", "district"), ("Raqqa", "countryside")]))
    got = {m.place.country_code: m.place for m in ex.mentions}
    # the district's admin2 as the bundled district table spells it (OCHA's "Heet"; GeoNames writes "Hit"):
    # one spelling per district in the admin2 column
    assert got["IQ"].geo_precision == 2 and got["IQ"].admin2 == "Heet"
    # "the Raqqa countryside" is the area around Raqqa, which names a governorate: that governorate (issue 15)
    assert (got["SY"].kind, got["SY"].geo_precision, got["SY"].admin1) == ("admin1", 3, "Ar-Raqqa")


def test_province_and_country_only_are_precision_3():
    text = "An airstrike hit a convoy in Anbar province on Friday. Another strike was reported in Syria."
    first = "An airstrike hit a convoy in Anbar province on Friday."
    ex = geocode(_extraction(text, first, [("Anbar province", "in")]))
    (m,) = ex.mentions
    assert (m.place.kind, m.place.admin1, m.place.geo_precision) == ("admin1", "Al Anbar", 3)

    second = "Another strike was reported in Syria."
    ex = geocode(_extraction(text, second, [("Syria", "in")]))
    (m,) = ex.mentions
    assert (m.place.name, m.place.country, m.place.geo_precision) == ("Syria", "Syria", 3)


def test_country_that_contains_another_place_is_not_a_second_event():
    text = "A drone struck Erbil air base in Iraq on Monday."
    ex = geocode(_extraction(text, text, [("Erbil air base", ""), ("Iraq", "in")]))
    assert [m.place.place_id for m in ex.mentions] == ["iq-erbil-airbase"]


def test_unresolvable_place_falls_back_to_the_country_of_the_sentence():
    text = "Gunmen attacked a checkpoint at Qaryat al-Zawiyah al-Sharqiya in eastern Syria."
    ex = geocode(_extraction(text, text, [("Qaryat al-Zawiyah al-Sharqiya", "at")]))
    (m,) = ex.mentions
    # the part of the country the sentence names, a region of one governorate (knowledge/places/syria_areas.yaml)
    assert (m.place.name, m.place.country_code, m.place.admin1, m.place.geo_precision) == ("Eastern Syria", "SY", "Deir-ez-Zor", 3)
    text = "Gunmen attacked a checkpoint at Qaryat al-Zawiyah al-Sharqiya in Syria."
    ex = geocode(_extraction(text, text, [("Qaryat al-Zawiyah al-Sharqiya", "at")]))
    (m,) = ex.mentions
    assert (m.place.name, m.place.country_code, m.place.geo_precision) == ("Syria", "SY", 3)


def test_unresolvable_place_without_country_is_kept_without_location_and_warned():
    text = "Gunmen attacked a checkpoint at Qaryat al-Zawiyah al-Sharqiya on Sunday."
    ex = geocode(_extraction(text, text, [("Qaryat al-Zawiyah al-Sharqiya", "at")]))
    assert [m.place for m in ex.mentions] == [None]  # never a guessed place
    assert any("Qaryat al-Zawiyah al-Sharqiya" in w and "kept without location" in w for w in ex.warnings)


def test_an_item_naming_no_place_is_not_placed_in_the_country_its_article_names():
    # Measured on the dev gold: "16 Coalition aircraft fired 22 munitions" is no event in Syria.
    text = "Kataib Hezbollah announced it was suspending attacks. Iraq's government welcomed the move."
    ex = geocode(_extraction(text, "Kataib Hezbollah announced it was suspending attacks.", []))
    assert [m.place for m in ex.mentions] == [None]


def test_tripoli_by_article_context():
    lebanon = "Clashes in Tripoli left two dead. The Lebanese army deployed across northern Lebanon."
    libya = "Clashes in Tripoli left two dead. Militias in Libya blamed each other."
    for text, cc in ((lebanon, "LB"), (libya, "LY")):
        ex = geocode(_extraction(text, "Clashes in Tripoli left two dead.", [("Tripoli", "in")]))
        (m,) = ex.mentions
        assert m.place.country_code == cc


def test_statement_country_is_normalised():
    text = "The ministry said the Syrian Arab Republic rejects the strikes."
    ex = _extraction(text, text, [])
    ex.mentions = []
    ex.statements = [Statement(statement_id="s1", article_id="a1", date=TimeExpression(date(2024, 1, 1), date(2024, 1, 1), 1),
                               speaker="The ministry", speaker_actor=None, plover_event="REJECT", plover_mode=None,
                               target_actor=None, quote=_span(text, text), country="Syrian Arab Republic")]
    assert geocode(ex).statements[0].country == "Syria"


@pytest.mark.parametrize("written", ["U.S. forces", "the area"])
def test_things_that_are_not_places_never_become_places(written):
    text = f"Officials said {written} were struck."
    ex = geocode(_extraction(text, text, [(written, "")]))
    assert [m.place for m in ex.mentions] == [None] and ex.warnings


def test_near_phrase_inside_the_place_text():
    text = "Shells landed east of Raqqa and in the vicinity of Ayn Issa, in Syria."
    ex = geocode(_extraction(text, text, [("east of Raqqa", ""), ("the vicinity of Ayn Issa", "")]))
    got = {m.place.place_id: m.place.geo_precision for m in ex.mentions}
    assert got == {"sy-raqqa-city": 2, "sy-ayn-issa": 2}


def test_extractor_style_composite_cues():
    text = ("Airstrikes hit Idlib province and the Zakho district, and a rocket fell east of Hit, "
            "officials in Syria and Iraq said.")
    ex = geocode(_extraction(text, text, [("Idlib", "in"), ("Zakho", "in district"), ("Hit", "east of")]))
    got = {m.place.place_id: m.place for m in ex.mentions}
    assert got["sy-idleb"].geo_precision == 3 and got["sy-idleb"].kind == "admin1"
    assert got["iq-zakho"].geo_precision == 2 and got["iq-zakho"].admin2 == "Zakho"
    assert got["iq-hit"].geo_precision == 2


def test_known_place_in_the_sentence_refines_a_country_only_mention():
    text = "Militants launched a drone attack on Tower 22 in Jordan on Sunday."
    ex = geocode(_extraction(text, text, [("Jordan", "in")]))
    (m,) = ex.mentions
    assert m.place.place_id == "jo-tower-22" and m.place.geo_precision == 1


def test_scanned_place_outside_the_stated_country_is_ignored():
    text = "Officials in Jordan discussed the strike on Ain al-Assad on Sunday."
    ex = geocode(_extraction(text, text, [("Jordan", "in")]))
    (m,) = ex.mentions
    assert m.place.place_id == "country-jo"


# --------------------------------------------------------------------------- parents, landmarks, datelines


def test_district_of_a_city_stays_inside_that_city():
    text = "A drone strike on a car in the Mashtal district of eastern Baghdad killed a commander on Wednesday."
    ex = geocode(_extraction(text, text, [("Mashtal", "in district"), ("Baghdad", "of")]))
    assert [(m.place.name, m.place.country_code) for m in ex.mentions] == [("Mashtal", "IQ")]


def test_unknown_district_falls_back_to_the_named_parent_never_a_look_alike_abroad():
    # "Zawraa" alone spells like towns in Kuwait and Syria; the text puts it inside Baghdad.
    text = "A rocket hit a car in the Zawraa district of western Baghdad on Friday, police said."
    ex = geocode(_extraction(text, text, [("Zawraa", "in district"), ("Baghdad", "of")]))
    assert len(ex.mentions) == 1
    place = ex.mentions[0].place
    assert (place.name, place.country_code, place.geo_precision) == ("Baghdad", "IQ", 2)


def test_village_in_a_district_is_one_event_in_the_right_country():
    text = "A Turkish drone struck a vehicle near Sinun in the Sinjar district on Saturday, officials said."
    ex = geocode(_extraction(text, text, [("Sinun", "near"), ("Sinjar", "in district")]))
    assert [(m.place.name, m.place.country_code, m.place.geo_precision) for m in ex.mentions] == [("Sinun", "IQ", 2)]


def test_landmark_that_places_another_town_is_not_a_second_event():
    text = "Militants attacked a checkpoint near Hawija, west of Kirkuk, on Monday, a security source said."
    ex = geocode(_extraction(text, text, [("Hawija", "near"), ("Kirkuk", "west of")]))
    assert [m.place.name for m in ex.mentions] == ["Hawija"]


def test_dateline_city_is_not_where_the_event_happened():
    text = "AMMAN - A drone struck Tower 22, a small US outpost in north-eastern Jordan, on Sunday."
    ex = geocode(_extraction(text, text, [("AMMAN", ""), ("Tower 22", "")]))
    assert [m.place.name for m in ex.mentions] == ["Tower 22"]


def test_dateline_alone_gives_only_its_country_when_the_sentence_names_it():
    text = "BAGHDAD - Kataib Hezbollah, an armed group in Iraq and Syria, said on Tuesday it was suspending attacks."
    ex = geocode(_extraction(text, text, [("BAGHDAD", "")]))
    assert [(m.place.name, m.place.geo_precision) for m in ex.mentions] == [("Iraq", 3)]


def test_name_cut_short_by_the_extractor_is_completed_from_the_text():
    text = "Other targets were hit in the desert near Deir ez-Zor city, activists said."
    ex = geocode(_extraction(text, text, [("ez-Zor", "near")]))
    assert [(m.place.country_code, m.place.admin1) for m in ex.mentions] == [("SY", "Deir-ez-Zor")]


def test_an_unplaced_mention_beside_placed_ones_is_dropped():
    text = "Shells hit Raqqa in Syria on Sunday. Gunmen attacked a checkpoint at Qaryat al-Zawiyah al-Sharqiya."
    ex = _extraction(text, "Shells hit Raqqa in Syria on Sunday.", [("Raqqa", "")])
    placed = ex.mentions[0]
    second = _span(text, "Gunmen attacked a checkpoint at Qaryat al-Zawiyah al-Sharqiya.")
    unplaced = replace(placed, mention_id="m2", quote=second,
                       places=[PlaceMention("Qaryat al-Zawiyah al-Sharqiya", _span(text, "Qaryat al-Zawiyah al-Sharqiya"))])
    ex.mentions = [placed, unplaced]
    out = geocode(ex)
    assert [m.mention_id.startswith("m1") or m.place is not None for m in out.mentions] == [True]
    assert any("dropped unplaced mention m2" in w for w in out.warnings)


def _claim(text: str, words: str, killed: int) -> CasualtyClaim:
    return CasualtyClaim(claimant=None, killed=killed, injured=None, qualifier=None, victims=None,
                         quote=_span(text, words))


def test_a_toll_for_several_places_is_shared_not_counted_twice():
    text = "US warplanes struck militia positions in Raqqa and Ayn Issa in Syria, killing 13 fighters."
    ex = _extraction(text, text, [("Raqqa", "in"), ("Ayn Issa", "")])
    ex.mentions[0].claims = [_claim(text, "killing 13 fighters", 13)]
    out = geocode(ex).mentions
    assert len(out) == 2
    shares = sorted((m.place.place_id, m.claims[0].killed, m.claims[0].killed_share, m.claims[0].shared_by)
                    for m in out)
    assert shares == [("sy-ayn-issa", 13, 6, 2), ("sy-raqqa-city", 13, 7, 2)]  # stated 13 kept; shares add up


def test_a_toll_that_names_one_of_the_places_belongs_to_it_alone():
    text = "Strikes hit Raqqa and Ayn Issa in Syria, killing 12 in Raqqa and six more near Ayn Issa."
    ex = _extraction(text, text, [("Raqqa", "in"), ("Ayn Issa", "")])
    ex.mentions[0].places = ex.mentions[0].places[:2]
    ex.mentions[0].claims = [_claim(text, "killing 12 in Raqqa", 12), _claim(text, "six more near Ayn Issa", 6)]
    out = {m.place.place_id: [c.killed for c in m.claims] for m in geocode(ex).mentions}
    assert out == {"sy-raqqa-city": [12], "sy-ayn-issa": [6]}


def test_a_total_leaves_to_the_other_place_what_the_first_place_does_not_claim():
    text = "Strikes hit Raqqa and Ayn Issa in Syria, killing 18. Officials said 12 were killed in Raqqa."
    sentence = "Strikes hit Raqqa and Ayn Issa in Syria, killing 18."
    ex = _extraction(text, sentence, [("Raqqa", "in"), ("Ayn Issa", "")])
    ex.mentions[0].claims = [_claim(text, "killing 18", 18), _claim(text, "12 were killed in Raqqa", 12)]
    out = geocode(ex).mentions
    best = {m.place.place_id: min(c.killed_share if c.shared_by > 1 else c.killed for c in m.claims) for m in out}
    assert best == {"sy-raqqa-city": 12, "sy-ayn-issa": 6}


# ----------------------------------------------------------------------------- how reports name places (issue 15)


def test_countryside_of_a_governorate_seat_is_the_governorate_not_the_city():
    text = "Shelling hit a village in the eastern countryside of Hama on Sunday, killing two civilians."
    ex = geocode(_extraction(text, text, [("Hama", "")]))
    (m,) = ex.mentions
    # the governorate, or the part of it the direction names when the gazetteer knows that part
    assert (m.place.admin1, m.place.geo_precision) == ("Hama", 3) and m.place.kind in ("admin1", "region")
    assert m.place.name in ("Hama", "Eastern countryside of Hama")


def test_unknown_village_in_a_named_district_gets_the_district_never_precision_1():
    text = "Two fighters were killed in Tell Zarzour village (Harim district, Idleb governorate) on Sunday."
    ex = geocode(_extraction(text, text, [("Tell Zarzour", "in"), ("Harim district", "")]))
    (m,) = ex.mentions
    assert (m.place.kind, m.place.admin1, m.place.admin2, m.place.geo_precision) == ("district", "Idleb", "Harim", 2)


def test_a_named_base_beats_the_city_it_lies_north_of():
    text = "Rockets hit Balad air base north of Baghdad on Sunday, officials said."
    ex = geocode(_extraction(text, text, [("Balad air base", "at"), ("Baghdad", "")]))
    assert [m.place.place_id for m in ex.mentions] == ["iq-balad-airbase"]


def test_an_old_name_never_puts_the_event_in_a_country_the_text_does_not_name():
    text = "The rockets were launched from a field near the town of Yathrib, police in Iraq said."
    ex = geocode(_extraction(text, text, [("Yathrib", "near")]))
    assert all(m.place is None or m.place.country_code == "IQ" for m in ex.mentions)


def test_desert_and_front_of_a_town_are_around_that_town():
    text = "Clashes in the al-Mayadin desert killed four fighters on Sunday."
    ex = geocode(_extraction(text, text, [("al-Mayadin desert", "in")]))
    (m,) = ex.mentions
    assert (m.place.name, m.place.geo_precision, m.place.admin1) == ("Al Mayadin", 2, "Deir-ez-Zor")


def test_a_name_in_two_governorates_is_the_one_near_the_other_places_named():
    # Suran is a town north of Hama and another near A'zaz (Aleppo); the article's other places decide.
    text = "Shelling hit Suran and Morek on Sunday, killing two civilians."
    ex = geocode(_extraction(text, text, [("Suran", "")]))
    assert ex.mentions[0].place.admin1 == "Hama"
    text = "Shelling hit Suran and A'zaz on Sunday, killing two civilians."
    ex = geocode(_extraction(text, text, [("Suran", "")]))
    assert ex.mentions[0].place.admin1 == "Aleppo"


# --------------------------------------------------------------------------- how headlines name places


def test_the_tail_of_a_groups_name_is_never_a_place():
    # "Al-Sham" is also an old name of Damascus: cut out of "Ahrar Al-Sham" it places nothing.
    text = "Ahrar Al-Sham fighters repelled an attack between Douma and Harasta on Sunday"
    ex = geocode(_extraction(text, text, [("Al-Sham", "of"), ("Douma", "between"), ("Harasta", "between")]))
    assert [m.place.name for m in ex.mentions] and all(m.place.admin1 == "Rural Damascus" for m in ex.mentions)
    text = "Jaysh Khalid Ibn Al-Walid executed a man on Sunday"
    ex = geocode(_extraction(text, text, [("Al-Walid", "of")]))
    assert all(m.place is None for m in ex.mentions)  # not the Al-Walid crossing in Iraq


def test_a_village_spelled_another_way_is_found_in_a_headline_that_names_no_country():
    text = "Shelling hits Tal Refaat area and wounds two children"
    ex = geocode(_extraction(text, text, [("Tal Refaat", "in")]))
    (m,) = ex.mentions
    assert (m.place.country_code, m.place.admin1) == ("SY", "Aleppo")


def test_a_spelling_with_two_far_apart_readings_is_not_guessed():
    text = "Shelling hits Barzeh area and wounds two children"
    ex = geocode(_extraction(text, text, [("Barzeh", "in")]))
    assert all(m.place is None for m in ex.mentions)


def test_a_named_governorate_names_its_country_for_spelling_matches():
    # Turkey is the only country written; naming Idlib says the text is about Syria as well.
    text = "Turkey says its drones struck Abu Rasin as fighting spread to Idlib countryside"
    ex = geocode(_extraction(text, text, [("Abu Rasin", "")]))
    (m,) = ex.mentions
    assert (m.place.country_code, m.place.admin1) == ("SY", "Al Hasakeh")


def test_a_known_place_inside_an_unresolved_mention_is_the_place():
    text = "Two guards killed in blast in Syria's Azaz - ministry"
    ex = geocode(_extraction(text, text, [("Azaz - ministry", "in")]))
    (m,) = ex.mentions
    assert (m.place.admin1, m.place.admin2) == ("Aleppo", "A'zaz")


def test_an_unknown_name_holding_a_known_word_is_not_that_place():
    text = "Two fighters were killed in Tell Zarzour on Sunday in Syria"
    ex = geocode(_extraction(text, text, [("Tell Zarzour", "in")]))
    (m,) = ex.mentions
    assert m.place.kind == "country"


def test_a_demonym_with_a_generic_word_is_never_a_look_alike_town():
    text = "Militiamen loyal to Iran were killed in an ambush in the Syrian Desert"
    ex = geocode(_extraction(text, text, [("Syrian Desert", "in")]))
    assert all(m.place is None or m.place.country_code != "IR" for m in ex.mentions)


def test_report_spellings_of_governorates_and_villages():
    text = "Shells hit al-Suwaidaa countryside and the outskirts of al-Fu'ah and Kafriya"
    ex = geocode(_extraction(text, text, [("al-Suwaidaa", ""), ("al-Fu'ah", "of"), ("Kafriya", "")]))
    assert {m.place.admin1 for m in ex.mentions} == {"As-Sweida", "Idleb"}


def test_a_yemeni_district_named_with_its_governorate_is_that_district():
    text = "Houthi shelling killed three civilians in a village of Sirwah district (Marib) on Sunday."
    ex = geocode(_extraction(text, text, [("Sirwah district", "in")]))
    (m,) = ex.mentions
    assert (m.place.country_code, m.place.kind, m.place.admin1, m.place.admin2, m.place.geo_precision) == \
        ("YE", "district", "Marib", "Sirwah", 2)


def test_a_shared_plural_container_makes_every_listed_name_a_governorate():
    # A multi-governorate headline is an event in each governorate, never a city, never the country.
    text = "Shells hit villages in Idlib and Hama provinces on Sunday, killing four"
    ex = geocode(_extraction(text, text, [("Idlib", "in"), ("Hama", "")]))
    assert sorted((m.place.kind, m.place.name, m.place.geo_precision) for m in ex.mentions) == \
        [("admin1", "Hama", 3), ("admin1", "Idleb", 3)]
    text = "Shelling continues on both Hama and Idlib countryside, a monitor said"
    ex = geocode(_extraction(text, text, [("Hama", "on"), ("Idlib", "")]))
    assert {(m.place.kind, m.place.admin1) for m in ex.mentions} == {("admin1", "Hama"), ("admin1", "Idleb")}


def test_x_city_is_the_town_not_the_district_named_after_it():
    text = "Shells hit Daraa city on Sunday and wounded three people"
    ex = geocode(_extraction(text, text, [("Daraa", "target city")]))
    (m,) = ex.mentions
    assert m.place.kind not in ("district", "admin1") and m.place.geo_precision == 1


def test_a_jordanian_district_is_named_as_such_and_its_bare_name_stays_the_town():
    text = "A drone was shot down over Ramtha district near the Syrian border, Jordan's army said."
    ex = geocode(_extraction(text, text, [("Ramtha district", "over")]))
    (m,) = ex.mentions
    assert (m.place.country_code, m.place.kind, m.place.admin1, m.place.geo_precision) == ("JO", "district", "Irbid", 2)
    text = "A drone was shot down over Ramtha near the Syrian border, Jordan's army said."
    ex = geocode(_extraction(text, text, [("Ramtha", "over")]))
    (m,) = ex.mentions
    assert (m.place.country_code, m.place.kind != "district", m.place.admin2) == ("JO", True, "Ar Ramtha")


@pytest.mark.parametrize("headline, expected", [
    # a monitor's two-event headline: the second event's place is never the first one's
    ("Artillery shelling hits Nawa city and clashes in the eastern countryside of Hama",
     {("Shelling/artillery/missile attack", "Dar'a"), ("Armed clash", "Hama")}),
    ("Warplanes bomb Jisr al-Shughur and clashes in the outskirts of Latakia",
     {("Air/drone strike", "Idleb"), ("Armed clash", "Lattakia")}),
])
def test_a_place_after_another_events_phrase_is_that_events(headline, expected):
    from test_extract_events import run

    result = geocode(run(headline, date(2019, 3, 5)))
    assert {(m.sub_event_type, m.place.admin1) for m in result.mentions if m.place} == expected


# issue 14, real articles: a neighbourhood of a city placed at a namesake in another governorate or
# country when the extractor passed on neither name. (Not yet: "the Zahraa district of Homs", where the
# extractor passes on only "Zahraa" -- the gazetteer's Zahraa, Aleppo; joining the scanned container
# to the mention's places fixed it but moved 8 UCDP headlines and cost one matched event.)
@pytest.mark.parametrize("text, expected", [
    # neither name is passed on; "Salah al-Din" alone is an Iraqi governorate; "the Salah al-Din neighbourhood"
    # is Aleppo's quarter (knowledge/places/syria_city_quarters.yaml), which the city's name only locates
    ("Two civilians were killed on Monday when rebels fired rocket shells on the Salah al-Din neighbourhood "
     "of Aleppo, a police source told SANA.", [("Salaheddine", "SY")]),
])
def test_a_neighbourhood_is_looked_for_inside_the_city_the_text_puts_it_in(text, expected):
    from test_extract_events import run
    ex = geocode(run(text, date(2018, 10, 2)))
    assert [(m.place.name, m.place.country_code) for m in ex.mentions] == expected


def test_a_neighbourhood_is_never_a_namesake_city_in_a_country_the_article_does_not_name():
    # a digest about Aleppo; "Mashhad" alone is the Iranian city
    from test_extract_events import run
    text = ("Aleppo: the day's reports\n\n"
            "Searches continue under the rubble of buildings in the east of Aleppo city after the night's air raids.\n\n"
            "At least nine people were killed in a massacre carried out by helicopters with explosive barrels "
            "in Mashhad neighbourhood on Sunday.\n")
    ex = geocode(run(text, date(2018, 10, 2)))
    assert not any(m.place is not None and m.place.country_code == "IR" for m in ex.mentions)


def test_a_loose_in_or_of_further_on_does_not_make_a_town_a_namesake():
    # "Palmyra ..., shelling hits the countryside of Quneitra": Quneitra does not contain Palmyra
    from test_extract_events import run
    text = "Warplanes strike Palmyra Desert, while shelling hits the countryside of Quneitra and casualties in Daraa"
    ex = geocode(run(text, date(2016, 12, 17)))
    assert "Tadmor" in {m.place.name for m in ex.mentions if m.place is not None}
