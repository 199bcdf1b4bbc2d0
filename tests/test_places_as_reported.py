"""Places the way conflict reports name them (issue 15), through the whole pipeline.

Every sentence here is written by the team in the style of the real failures (a coder's note, a
monitor's headline); none is copied from a report.  Each must give exactly the place stated, with
the precision its wording allows, and admin1 (and, below governorate level, admin2) filled.
"""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire.ingest import process_document
from conflictwire.models import Document


def _places(text: str) -> list:
    doc = Document("t15", "t15.txt", f"h-{abs(hash(text))}", "text", text, "utf-8",
                   given_published=date(2019, 3, 5))
    return [m.place for ex in process_document(doc).extractions for m in ex.mentions]


# (sentence, expected (name, admin1, admin2 or None, geo_precision)) -- one event each
CASES = [
    # "X (District, Governorate)": the village itself when known, inside the named units
    ("Regime shelling killed two civilians in Kafr Zeita (Muhradah District, Hama Governorate) on Monday.",
     ("Kafr Zayta", "Hama", "Muhradah", 1)),
    # ... and an unknown village there is the district (precision 2), never the governorate's capital
    ("An airstrike killed four people in Tell Barqash village (Jisr-Ash-Shugur District, Idleb) on Tuesday.",
     ("Jisr-Ash-Shugur", "Idleb", "Jisr-Ash-Shugur", 2)),
    # "X, Y district": an unknown X is Y district's point, precision 2
    ("Regime shelling killed two civilians in Tell Kharnub, Muhradah district, on Monday.",
     ("Muhradah", "Hama", "Muhradah", 2)),
    ("A mine killed two shepherds in Wadi Nakhla, Harib district, on Monday.",
     ("Harib", "Marib", "Harib", 2)),
    # "the eastern countryside of X": the area (here that part of the governorate X names), not the city
    ("Regime shelling killed three civilians in the eastern countryside of Hama on Monday.",
     ("Eastern countryside of Hama", "Hama", None, 3)),
    ("Regime shelling killed three civilians in Aleppo's western countryside on Monday.",
     ("Western countryside of Aleppo", "Aleppo", None, 3)),
    ("Regime shelling killed three civilians in the northern Homs countryside on Monday.",
     ("Northern countryside of Homs", "Homs", None, 3)),
    ("Regime shelling killed three civilians in the north of Hama on Monday.",
     ("Northern countryside of Hama", "Hama", None, 3)),
    # "north of Hama" with no place or distance the bearing is taken from: that part too; "10 km north of" is a bearing
    ("Regime shelling on positions north of Hama killed two fighters on Monday.",
     ("Northern countryside of Hama", "Hama", None, 3)),
    ("Clashes 10 km north of Hama killed two fighters on Monday.", ("Hamah", "Hama", "Hama", 2)),
    ("Russian airstrikes killed three fighters south of Idlib on Monday.", ("Idleb", "Idleb", None, 3)),
    # a part the gazetteer does not know is the governorate
    ("Regime shelling killed three civilians in the southern countryside of Idlib on Monday.", ("Idleb", "Idleb", None, 3)),
    # "outskirts of X", "near X", "X front": around the town, precision 2
    ("Regime shelling killed five civilians on the outskirts of Ariha on Monday.", ("Ariha", "Idleb", "Ariha", 2)),
    ("A car bomb killed six people near Jarablus on Monday.", ("Jarablus", "Aleppo", "Jarablus", 2)),
    ("Regime shelling killed nine soldiers on the Ariha front on Monday.", ("Ariha", "Idleb", "Ariha", 2)),
    ("An explosion killed four soldiers at an army camp west Daraa on Monday.", ("Dara", "Dar'a", "Dar'a", 2)),
    # "between X and Y": one event on the stretch, precision 2
    ("Regime shelling killed two civilians between Al-Bab and Manbij on Monday.", (None, "Aleppo", None, 2)),
    # a named area in a governorate's desert is that area, not the governorate
    ("Regime shelling killed five ISIS fighters in Tlul al-Safa in the desert of Rif Dimashq on Monday.",
     ("Tulul al-Safa", "Rural Damascus", None, 2)),
    # "X north-east of Y", "X, close to the base in Y": Y is a landmark that says where X is, not a second event
    ("Regime warplanes killed nine people in Tadef north-east of Aleppo on Monday.", ("Tadif", "Aleppo", "Al Bab", 1)),
    ("ISIS killed five soldiers in the desert of Al-Sukhnah, close to the coalition base in Al-Tanf, on Monday.",
     ("As Sukhnah", "Homs", "Tadmor", 2)),
    # "the X - Y road": one event on the stretch, near its first town
    ("A suicide bomber killed four people on the Manbij - Aleppo road on Monday.", ("Menbij", "Aleppo", "Menbij", 2)),
    # "the countryside Daraa" (no "of"): still the countryside, not the town
    ("Regime shelling killed three civilians in towns of the countryside Daraa on Monday.", ("Dar'a", "Dar'a", None, 3)),
    # "the (western) Damascus countryside" is Rural Damascus, a governorate of its own, not Damascus's
    ("Regime shelling killed three civilians in the western Damascus countryside on Monday.",
     ("Rural Damascus", "Rural Damascus", None, 3)),
    ("Clashes killed two fighters in the countryside of Damascus on Monday.", ("Rural Damascus", "Rural Damascus", None, 3)),
    # "Rural Damascus" is the governorate, also around an unknown village in it
    ("Airstrikes killed four civilians in Rural Damascus on Monday.", ("Rural Damascus", "Rural Damascus", None, 3)),
    ("Shelling killed a child in Zorbakh village in Rural Damascus on Monday.",
     ("Rural Damascus", "Rural Damascus", None, 3)),
    # an unknown village "in X countryside": the governorate, precision 3, never the city X
    ("An airstrike killed three people in the village of Umm Kharaiq in Idlib countryside on Monday.",
     ("Idleb", "Idleb", None, 3)),
    # a bare name that is a town and a district named after it: the town
    ("Air and artillery strikes killed three people in Al-Rastan north of Homs on Monday.",
     ("Ar Rastan", "Homs", "Ar-Rastan", 1)),
    # a monitor's names: the Hama airbase is no look-alike base elsewhere; Kabani is not Kobani
    ("Shelling killed two civilians in the Hama Airbase area on Monday.",
     ("Hama Military Airport", "Hama", "Hama", 2)),
    ("Helicopters dropped barrel bombs on Kabani area, killing a fighter, on Monday.",
     ("Kabani", "Lattakia", "Al-Haffa", 2)),
    # "the Latakia Mountains": the governorate's mountains; "the desert of X": around X
    ("Clashes killed five fighters in the Latakia Mountains on Monday.", ("Lattakia", "Lattakia", None, 3)),
    ("Jihadists killed an officer in an attack on the outskirts of Latakia mountains on Monday.",
     ("Lattakia", "Lattakia", None, 3)),
    # "the (eastern) desert of Homs", "Homs Desert": the governorate's desert, not Homs city 150 km west of it
    ("ISIS killed nine soldiers in the eastern desert of Homs on Monday.", ("Desert of Homs", "Homs", None, 3)),
    ("ISIS attacks in Homs Desert killed 13 soldiers on Monday.", ("Desert of Homs", "Homs", None, 3)),
    ("ISIS killed six soldiers in the desert of Deir Ezzor on Monday.",
     ("Deir-ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor", 2)),
    # coders' notes in Iraq and Yemen: an unknown village in "(District, Governorate)" is that district,
    # even when its name is a namesake district elsewhere (Bani Dhabyan is a district of Sana'a)
    ("Unidentified gunmen killed a farmer in Albu Hardan village (Al-Muqdadiya District, Diyala Governorate) on 3 March.",
     ("Al-Muqdadiya", "Diyala", "Al-Muqdadiya", 2)),
    ("Houthi shelling killed two civilians in Bani Dhubyan village (Harib District, Marib Governorate) on 3 March.",
     ("Harib", "Marib", "Harib", 2)),
    ("A landmine killed two children in Al-Ghail village (Hays District, Al Hudaydah Governorate) on 3 March.",
     ("Hays", "Al Hodeidah", "Hays", 2)),
    ("A roadside bomb killed a shepherd in Wadi Hawran (Ar-Rutba district, Anbar Governorate) on 3 March.",
     ("Al-Rutba", "Al Anbar", "Al-Rutba", 2)),
    ("An IED killed two soldiers in Hay al-Karama, Al-Zubair district, Basrah, on 3 March.", (None, "Basrah", "Al-Zubair", 2)),
    ("Gunmen killed a tribal sheikh in the Sudur area on the outskirts of Al-Khalis district, Diyala, on 3 March.",
     (None, "Diyala", "Al-Khalis", 2)),
    ("Clashes killed four fighters in Al-Kasara area in the western countryside of Marib on 3 March.", ("Marib", "Marib", None, 3)),
    # "X village, Y subdistrict, Z district, Governorate": the units hold X, never a namesake abroad (a Zawiya in Libya)
    ("On 3 March, unidentified gunmen killed a PMF member in Zawiya village, Al-Qayyarah subdistrict, Mosul district, Ninewa.",
     (None, "Ninewa", "Mosul", 2)),
    ("On 3 March, unidentified gunmen killed a PMF member in Zawiya village in Ninewa, Iraq.", ("Ninewa", "Ninewa", None, 3)),
    # a monitor's "east of the Euphrates" (2018-19: the east bank in Deir ez-Zor), however written
    ("Coalition strikes killed nine ISIS members east of the Euphrates River on Monday.",
     ("East of the Euphrates", "Deir-ez-Zor", None, 3)),
    ("Fighting killed eleven ISIS members in the Euphrates' east on Monday.", ("East of the Euphrates", "Deir-ez-Zor", None, 3)),
    ("Shelling killed two SDF fighters on the eastern bank of Euphrates on Monday.",
     ("East of the Euphrates", "Deir-ez-Zor", None, 3)),
    ("ISIS killed 14 soldiers in an attack west of the Euphrates River on Monday.",
     ("West of the Euphrates", "Deir-ez-Zor", None, 3)),
    # "the Syrian-Iraqi border" alone: its Syrian side at the main crossing; a unit named with it wins
    ("A drone strike killed four militiamen near the Syria-Iraq border on Monday.", ("Syrian-Iraqi border", "Deir-ez-Zor", None, 3)),
    ("PMF fighters killed three ISIS militants on the Iraqi-Syrian border west of Anbar on Monday.", ("Al Anbar", "Al Anbar", None, 3)),
    # zones monitors name as places: the de-escalation (demilitarized) area is the Idlib pocket, a place named in
    # one of the governorates it spans is where the event is; the Syrian Desert / Badia; Iraq's regions
    ("Regime shelling on the de-escalation zone killed four civilians on Monday.", ("Putin-Erdogan area", "Idleb", None, 3)),
    ("Helicopters dropped barrel bombs on the \u201cde-escalation\u201d area, killing two children on Monday.",
     ("Putin-Erdogan area", "Idleb", None, 3)),
    ("Shelling killed two civilians in the de-escalation zone in Eastern Ghouta on Monday.",
     ("Eastern Ghouta", "Rural Damascus", "Duma", 2)),
    ("An ISIS ambush in the Syrian Desert killed 11 regime soldiers on Tuesday.", ("Syrian Desert", "Homs", None, 3)),
    ("ISIS killed nine soldiers in an attack in the eastern Badia of Homs on Monday.", ("Desert of Homs", "Homs", None, 3)),
    ("Clashes with ISIS killed four SDF fighters in Badia Al-Shadadi on Monday.", ("Ash Shaddadi", "Al Hasakeh", None, 2)),
    ("Two soldiers were killed by a roadside bomb in the Triangle of Death south of Baghdad.",
     ("Triangle of Death", "Baghdad", None, 3)),
    ("Coalition aircraft struck ISIS hideouts in the Hamrin mountains, killing six militants.",
     ("Hamrin Mountains", "Salah al-Din", None, 3)),
    # a wide region written with the town it lies by: the town's surroundings say more than the region's point
    ("An IED killed a PMF member in the Jazira desert west of Samarra on Saturday.", ("Samarra", "Salah al-Din", "Samarra", 2)),
    # a quarter written with its city is the quarter, not a village of the same name elsewhere (Hasakah's Hamdaniyah);
    # a name cut short is the whole name written ("Yarmouk" of "Yarmouk Basin" is no Yarmouk camp); the suburbs of
    # Damascus are Rural Damascus ("the Ghouta of Damascus": one event, in the Ghouta); one spelling per district
    ("Rebel shelling on the Hamdaniyah neighbourhood of Aleppo killed two civilians on Monday.",
     ("Al-Hamdaniya (Aleppo)", "Aleppo", "Jebel Saman", 1)),
    ("Violent clashes and shelling in Yarmouk Basin west of Daraa killed four fighters on Monday.",
     ("Yarmouk Basin", "Dar'a", "Dar'a", 2)),
    ("Regime shelling on the besieged Ghouta of Damascus killed six civilians on Monday.",
     ("Eastern Ghouta", "Rural Damascus", "Duma", 2)),
    ("An airstrike killed three civilians in Khan Sheikhoun on Monday.", ("Khan Shaykhun", "Idleb", "Al Ma'ra", 1)),
    # a name written with a lower-case article ("al-Mayadin"), one the extractor cut to "al" ("al-Bokamal area")
    ("Warplanes killed seven militiamen in al-Mayadin on Monday.", ("Al Mayadin", "Deir-ez-Zor", "Al Mayadin", 1)),
    ("Unidentified warplanes killed 12 members of the militias in al-Bokamal area on Monday.",
     ("Al Bukamal", "Deir-ez-Zor", "Abu Kamal", 2)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_a_place_as_reports_write_it(text, expected):
    places = _places(text)
    assert len(places) == 1, places
    place = places[0]
    got = (place.name if expected[0] is not None else None, place.admin1, place.admin2 if expected[2] else None,
           place.geo_precision)
    assert got == expected
    assert place.admin1, "every placed event names its governorate"
    if place.geo_precision < 3:
        assert place.admin2, "below governorate level an event names its district"


def test_a_village_the_text_puts_nowhere_is_never_placed_abroad():
    """A Syrian headline's "Shafa town" (a village the gazetteer lacks) is not a namesake in a country the
    text never names: no place rather than a wrong one."""
    places = _places("A blast killed four people in Shafa town on Monday.")
    assert all(p is None or p.country_code in ("SY", "IQ", "JO", "LB", "YE") for p in places)


@pytest.mark.parametrize("text,expected", [
    ("Regime shelling killed three civilians in the countryside of Hama, Idlib, and Latakia on Monday.",
     {("Hama", 3), ("Idleb", 3), ("Lattakia", 3)}),
    ("Ground shelling on the countryside of Idlib and Hama killed two civilians on Monday.", {("Idleb", 3), ("Hama", 3)}),
    ("The regime forces resumed missile shelling on the sectors of Idlib, Hama, and Latakia, killing two fighters on Monday.",
     {("Idleb", 3), ("Hama", 3), ("Lattakia", 3)}),
    # a list of governorates' names with no noun at all ("areas in Idlib and Hama") is the provinces too, not the cities
    # at precision 1; "Hama city and Idlib city" are the cities
    ("Renewed shelling targets areas in Idlib and Hama, killing two civilians on Monday.", {("Idleb", 3), ("Hama", 3)}),
    ("Shelling on Hama city and Idlib city killed two civilians on Monday.", {("Hama", 1), ("Idleb", 1)}),
])
def test_the_countryside_of_a_list_is_every_name_s_countryside(text, expected):
    """"The countryside of Idlib and Hama": Hama's countryside too (the governorate), never Hama city's point."""
    assert {(p.admin1, p.geo_precision) for p in _places(text)} == expected


def test_a_namesake_region_with_nothing_to_choose_by_is_placed_nowhere():
    """Syria's "Triangle of Death" (Daraa) and Iraq's (south of Baghdad): a text naming neither country nor a place
    of either gets no place rather than one of them; "the Jazira desert" of a text naming Samarra is never Syria's
    Jazira (Al Hasakeh)."""
    assert all(p is None for p in _places("Airstrikes killed nine civilians in the Triangle of Death on Monday."))
    places = _places("An IED killed a PMF member in the Jazira desert on Saturday, west of Samarra.")
    assert all(p is None or p.country_code == "IQ" for p in places)
    # "al-Sham State" is a group's name, not the old name of Damascus
    assert all(p is None or p.admin1 != "Damascus"
               for p in _places("ISIS cells killed two SDF fighters in the revenge war for al-Sham State on Monday."))


@pytest.mark.parametrize("text,expected", [
    # the text names only Turkey: a Syrian town's usual spelling is still the town, never no place
    ("A car bomb in Manbij city near the border with Turkey killed six people on Monday.", ("Menbij", "Aleppo", 1)),
    ("A motorbike bomb in Jarabulus city on the border with Turkey killed three people on Monday.", ("Jarablus", "Aleppo", 1)),
])
def test_a_theatre_town_in_a_text_naming_only_an_outside_country(text, expected):
    assert [(p.name, p.admin1, p.geo_precision) for p in _places(text) if p is not None] == [expected]


def test_an_old_name_abroad_stays_out_when_a_theatre_country_is_named():
    """The outsiders-only rule never lets a theatre province under another spelling into a Syrian text
    ("the Salah al-Din neighbourhood of Aleppo" is no Iraqi governorate); nor an old name abroad in."""
    places = _places("Rebels fired rocket shells on the Salah al-Din neighbourhood of Aleppo, killing two civilians on Monday.")
    assert all(p is None or p.country_code == "SY" for p in places)
    places = _places("A rocket launched from a field near the town of Yathrib hit the base, killing two contractors on Monday.")
    assert all(p is None or p.country_code != "SA" for p in places)


def test_a_country_named_only_before_border_is_no_second_place():
    """"east of the Euphrates near the Iraq border": the border says where the region lies; one event, in Syria,
    with the whole toll (not a second, Iraqi event sharing it)."""
    doc = Document("t15b", "t15b.txt", "h-border", "text",
                   "Airstrikes killed 40 fighters east of the Euphrates near the Iraq border on Monday.", "utf-8",
                   given_published=date(2019, 3, 5))
    mentions = [m for ex in process_document(doc).extractions for m in ex.mentions]
    assert [(m.place.country_code, m.place.geo_precision) for m in mentions] == [("SY", 3)]
    assert [c.killed_share or c.killed for m in mentions for c in m.claims] == [40]


def _named(text: str) -> list[tuple[str | None, int | None]]:
    return sorted((p.name if p else None, p.geo_precision if p else None) for p in _places(text))


@pytest.mark.parametrize("text,expected", [
    # a place of an earlier clause that tells its own event is that event's only: no second (shelling) event there
    ("Two explosions in Ariha city killed three people and the regime forces shelled Kafr Nabl on Monday.",
     [("Ariha", 1), ("Kafranbel", 1)]),
    ("A blast in Saraqib killed two people and artillery shelling targeted the western countryside of Hama on Monday.",
     [("Hama", 3), ("Saraqib", 1)]),
    # a weapon word before "and" qualifies the same noun: one phrase, its place stays
    ("Twelve days of intense aerial and artillery shelling on Jisr al-Shughur killed about 90 people on Monday.",
     [("Jisr ash Shughur", 1)]),
    # two nouns sharing one verb are one clause
    ("Bombings and air raids killed five people in Syria's rebel-held Ariha on Monday.", [("Ariha", 1)]),
])
def test_each_clause_keeps_its_own_places(text, expected):
    assert _named(text) == expected


@pytest.mark.parametrize("text,expected", [
    # "areas in the northern countryside of Homs": a town name the small model tags as a common noun or an
    # organisation is still the place struck, when the gazetteer knows it by that name
    ("The regime forces targeted Daraa city and areas in the northern countryside of Homs, killing two civilians on Monday.",
     [("Dara", 1), ("Northern countryside of Homs", 3)]),
    ("Air strikes targeted Saraqib and positions in the eastern countryside of Homs, killing two fighters on Monday.",
     [("Eastern countryside of Homs", 3), ("Saraqib", 1)]),
])
def test_a_town_the_parser_calls_a_noun_is_still_a_place(text, expected):
    assert _named(text) == expected


def test_a_title_like_a_village_name_is_no_place():
    """"the Mukhtar of a town": a title, not a spelling of a village (Al Mukhtariyah) far from the place named."""
    places = _places("Gunmen assassinated the Mukhtar of a town in the eastern countryside of Daraa on Monday.")
    assert [(p.admin1, p.geo_precision) for p in places] == [("Dar'a", 3)]


@pytest.mark.parametrize("text,expected", [
    # "shelling on X", "raids on X": the place struck, in the spellings monitors use
    ("Two people were killed on the third day of rocket shelling on Kafrsajna.", [("Kafr Sajnah", 1)]),
    ("Air and missile bombardment on Latakia mountains and the countryside of Jisr al-Shughur killed a fighter on Monday.",
     [("Jisr-Ash-Shugur", 2), ("Lattakia", 3)]),
    # "the massacre of X", "the X massacre": where the massacre was
    ("Nine civilians were killed in the massacre of Urem al-Kubra on Monday.", [("Urum al Kubra", 1)]),
    ("The Harem massacre claimed the lives of eleven civilians on Monday.", [("Harim", 1)]),
])
def test_a_place_struck_or_a_massacre_s_place(text, expected):
    assert _named(text) == expected


@pytest.mark.parametrize("text", [
    "Shelling on Monday killed three civilians in Ariha.",
    "The shelling on charges of treason was denied by the ministry on Monday, which said two fighters were killed in Ariha.",
])
def test_on_a_day_or_on_charges_is_no_place(text):
    assert {p.name for p in _places(text) if p is not None} <= {"Ariha"}


def test_a_quarter_named_like_a_province_abroad_is_in_its_city():
    """"in the Salah al-Din neighbourhood of Aleppo": a quarter of Aleppo, never Iraq's Salah al-Din governorate
    (whose own name made the text look as if it named Iraq)."""
    places = _places("Rebels fired rocket shells in the Salah al-Din neighbourhood of Aleppo, killing two civilians on Monday.")
    assert [(p.country_code, p.admin1) for p in places] == [("SY", "Aleppo")]


def test_a_road_named_after_far_cities_puts_the_event_at_neither():
    """"the Tehran – Beirut road" in a Syrian monitor's headline: no event in Lebanon (or Iran); a short road
    between two towns still places the event near its first town."""
    places = _places("ISIS fighters attacked the Tehran – Beirut road, killing four militiamen on Monday.")
    assert all(p is None or p.country_code == "SY" for p in places)
    assert [(p.name, p.geo_precision) for p in _places("A suicide bomber killed four people on the Manbij - Aleppo road on Monday.")] \
        == [("Menbij", 2)]


def test_where_fighters_came_from_is_not_where_they_fought():
    """"gunmen of a family coming from <Iraqi city>" in a Syrian headline: the origin is no place of the event."""
    places = _places("Fighting killed three gunmen of a family coming from Mosul near the border with Turkey on Monday.")
    assert all(p is None or p.name != "Mosul" for p in places)


def test_a_facility_the_gazetteer_lacks_is_no_town_abroad():
    """"Al-Azraq Oilfield at the eastern banks of the Euphrates": not Jordan's Azraq; the Euphrates bank stays."""
    places = _places("Coalition strikes killed 15 ISIS members who attacked Al-Azraq Oilfield at the eastern banks "
                     "of the Euphrates on Monday.")
    assert places and all(p.country_code == "SY" for p in places)
