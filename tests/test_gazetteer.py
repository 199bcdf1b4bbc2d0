"""Gazetteer: reporters' spellings resolve to the right place, look-alikes and guesses do not."""

from __future__ import annotations

import pytest

from conflictwire.gazetteer import GeoContext, fold, get_gazetteer, name_key, skeleton


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


@pytest.mark.parametrize(
    "written, place_id",
    [
        ("Ain al-Asad", "iq-ain-al-asad"),
        ("Ain al-Assad", "iq-ain-al-asad"),
        ("al-Asad airbase", "iq-ain-al-asad"),
        ("Ayn al Asad", "iq-ain-al-asad"),
        ("Tower 22", "jo-tower-22"),
        ("Burj 22", "jo-tower-22"),
        ("At-Tanf garrison", "sy-tanf-garrison"),
        ("al-Tanf garrison", "sy-tanf-garrison"),
        ("Harir", "iq-harir"),
        ("Bashur", "iq-harir"),
        ("Abu Kamal", "sy-abu-kamal"),
        ("Albukamal", "sy-abu-kamal"),
        ("Al-Bukamal", "sy-abu-kamal"),
        ("Boukamal", "sy-abu-kamal"),
        ("Deir ez-Zor", "sy-deir-ez-zor"),
        ("Deir Ezzor", "sy-deir-ez-zor"),
        ("Dayr az Zawr", "sy-deir-ez-zor"),
        ("Deir al-Zour", "sy-deir-ez-zor"),
        ("Green Zone", "iq-green-zone"),
        ("Jurf al-Sakhar", "iq-jurf-al-sakhar"),
        ("Jurf al-Nasr", "iq-jurf-al-sakhar"),
        ("Conoco gas field", "sy-conoco"),
        ("al-Omar oil field", "sy-omar-field"),
        ("Erbil air base", "iq-erbil-airbase"),
        ("Victory base", "iq-victory"),
        ("Al-Qaim", "iq-al-qaim"),
        ("Akashat", "iq-akashat"),
        ("Al-Mayadeen", "sy-mayadin"),
        ("Rukban camp", "sy-rukban"),
        ("Shaddadi", "sy-shaddadi"),
        ("Rmeilan", "sy-rmelan"),
        ("Kharab al-Jir", "sy-kharab-al-jir"),
        ("Mission Support Site Euphrates", "sy-mss-euphrates"),
        ("Baghdad airport", "iq-baghdad-airport"),
        ("K1 Kirkuk", "iq-k1"),
        ("Camp Taji", "iq-camp-taji"),
        ("Union III", "iq-union-iii"),
        ("Q-West", "iq-qayyarah-west"),
        ("Qayyarah West", "iq-qayyarah-west"),
        ("Hodeidah port", "ye-hodeidah-port"),
    ],
)
def test_reporters_spellings_resolve_to_the_curated_place(gaz, written, place_id):
    place = gaz.resolve(written, GeoContext())
    assert place is not None, written
    assert place.place_id == place_id


@pytest.mark.parametrize(
    "written, admin1, country",
    [
        ("Anbar", "Al Anbar", "IQ"),
        ("al-Anbar province", "Al Anbar", "IQ"),
        ("Salahuddin", "Salah al-Din", "IQ"),
        ("Salah ad-Din", "Salah al-Din", "IQ"),
        ("Nineveh", "Ninewa", "IQ"),
        ("Ninawa", "Ninewa", "IQ"),
        ("Deir ez-Zor governorate", "Deir-ez-Zor", "SY"),
        ("Idlib province", "Idleb", "SY"),
    ],
)
def test_provinces_resolve_with_precision_3(gaz, written, admin1, country):
    place = gaz.resolve(written, GeoContext(article_countries=(country,)))
    assert place is not None and place.kind == "admin1"
    assert (place.admin1, place.country_code, place.geo_precision) == (admin1, country, 3)


def test_kurdistan_region_is_a_region_of_iraq(gaz):
    place = gaz.resolve("the Iraqi Kurdistan Region", GeoContext())
    assert place is not None and place.country_code == "IQ" and place.geo_precision == 3


def test_transliteration_keys_fold_articles_and_accents():
    assert name_key("Al-Bukamal") == name_key("al Bukamal") == "bukamal"
    assert fold("Ḩamāh") == "hamah"
    assert skeleton(name_key("Deir ez-Zor")) == skeleton(name_key("Dayr az Zawr"))


def test_tripoli_follows_the_country_the_text_names(gaz):
    lebanon = gaz.resolve("Tripoli", GeoContext(countries=("LB",)))
    libya = gaz.resolve("Tripoli", GeoContext(article_countries=("LY",)))
    assert lebanon is not None and lebanon.country_code == "LB"
    assert libya is not None and libya.country_code == "LY"
    assert gaz.resolve("Tripoli, Lebanon", GeoContext(countries=("LY",))).country_code == "LB"


def test_ambiguous_name_without_context_is_not_guessed(gaz):
    assert gaz.resolve("Tripoli", GeoContext()) is None


def test_base_word_prefers_the_facility_over_the_crossing(gaz):
    base = gaz.resolve("Tanf base", GeoContext())
    bare = gaz.resolve("al-Tanf", GeoContext())
    assert base.place_id == "sy-tanf-garrison" and base.kind == "base"
    assert bare.place_id == "sy-tanf" and bare.kind != "base"
    assert gaz.resolve("Balad", GeoContext(countries=("IQ",))).kind == "town"
    assert gaz.resolve("Balad air base", GeoContext(countries=("IQ",))).kind == "airbase"


@pytest.mark.parametrize("decoy", ["Hat", "Ain al-Assar", "Deir Mawas", "Abu Kamil Street", "there"])
def test_look_alike_decoys_do_not_match_theatre_places(gaz, decoy):
    place = gaz.resolve(decoy, GeoContext(countries=("IQ", "SY")))
    assert place is None


def test_place_never_lands_outside_the_country_the_text_states(gaz):
    # "Hit" is an Iraqi town; the text says Syria for this name, so no Iraqi Hit.
    assert gaz.resolve("Hit, Syria", GeoContext()) is None
    assert gaz.resolve("the Syrian town of Dabiq", GeoContext(countries=("IQ",))).country_code == "SY"


def test_find_names_spots_theatre_toponyms(gaz):
    text = "Drones struck Ain al-Assad and Harir base, while rockets hit near Albukamal on Tuesday."
    names = [surface for _, _, surface in gaz.find_names(text)]
    assert names == ["Ain al-Assad", "Harir base", "Albukamal"]
    for start, end, surface in gaz.find_names(text):
        assert text[start:end] == surface


def test_lookup_lists_places_for_the_api(gaz):
    found = gaz.lookup("Deir ez-Zor", limit=5)
    assert found and found[0].place_id == "sy-deir-ez-zor"
    assert len(found) <= 5


def test_countries_in_text_in_order(gaz):
    assert gaz.countries_in("Strikes in Syria and Iraq; talks in the Hashemite Kingdom of Jordan.") == ["SY", "IQ", "JO"]


@pytest.mark.parametrize("written", ["Zawraa", "Metinah", "Sinunn"])
def test_spelling_look_alikes_never_land_in_a_country_the_text_does_not_name(gaz, written):
    # No country named: a non-exact spelling match abroad (Kuwait, Saudi Arabia, ...) is refused.
    place = gaz.resolve(written, GeoContext())
    assert place is None or place.country_code == "IQ"
    place = gaz.resolve(written, GeoContext(countries=("IQ",)))
    assert place is None or place.country_code == "IQ"


def test_places_the_samples_name_are_curated(gaz):
    assert gaz.resolve("Sinun", GeoContext()).country_code == "IQ"
    assert gaz.resolve("Mashtal", GeoContext()).admin1 == "Baghdad"
    assert gaz.resolve("the Metina region", GeoContext()).admin1 == "Duhok"


def test_possessive_country_names_are_spotted():
    from conflictwire.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    assert gaz.countries_in("Iraq's government and Syria’s army") == ["IQ", "SY"]
    assert [text for text in ("Iraq's",) if gaz.country_mentions(text)[0][1] == 4]  # span excludes "'s"


def _scan_every_span(gaz, text: str, kinds_only=None):
    """The running-text scan without its pruning: try all six span lengths at every capitalised word."""
    import re

    from conflictwire.gazetteer import _POSSESSIVE

    words = [(m.start(), m.end()) for m in re.finditer(r"[\w’'ʿʾ.-]+", text)]
    found, i = [], 0
    while i < len(words):
        hit = None
        # a capital, or a lower-case article before one ("al-Mayadin") not ending a longer name ("Tahrir al-Sham")
        starts = text[words[i][0]].isupper() or (
            re.match(r"(?:al|el|ad|adh|an|ar|as|ash|at|ath|az|ed|es|ez|et|er|en)-[A-Z]", text[words[i][0]:])
            and not (i and text[words[i - 1][0]].isupper() and text[words[i - 1][1]:words[i][0]] == " "))
        for n in range(min(6, len(words) - i), 0, -1):
            s, e = words[i][0], words[i + n - 1][1]
            surface = _POSSESSIVE.sub("", text[s:e].rstrip("."))
            if not starts:
                break
            if not re.fullmatch(r"[\w’'ʿʾ.-]+(?:[ -][\w’'ʿʾ.-]+)*", surface):
                continue
            entry = gaz._scan_table.get(name_key(surface))
            if entry and (kinds_only is None or entry[1] in kinds_only):
                hit = (s, s + len(surface), entry[0], entry[1], n)
                break
        found += [hit[:4]] if hit else []
        i += hit[4] if hit else 1
    return found


def test_pruned_name_scan_finds_exactly_what_trying_every_span_finds(gaz):
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "src" / "conflictwire" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))]
    texts += ["Deir ez-Zor's countryside", "Al-Bukamal and Al Qaim.", "The Syrian town of Al-Bab.",
              "U.S. forces in Iraq’s Anbar", "ALEPPO - Idlib", "Kurdistan Region of Iraq", "Al", "Abu Kamal’s",
              "Strikes on al-Mayadin and al-Bokamal by Tahrir al-Sham"]
    assert len(texts) > 10
    for kinds in (None, {"country"}, {"admin1"}):
        for text in texts:
            assert gaz._scan(text, kinds) == _scan_every_span(gaz, text, kinds), text[:80]
    assert [n for _, _, n in gaz.find_names("Shelling hit Deir ez-Zor's countryside")] == ["Deir ez-Zor"]
    # a lower-case article before a capital starts a name, unless it ends a longer one (a group's)
    assert [n for _, _, n in gaz.find_names("Hayyaat Tahrir al-Sham shelled al-Mayadin")] == ["al-Mayadin"]
    # a place's phrases are spotted in any case ("east of the Euphrates")
    assert [n for _, _, n in gaz.find_names("clashes east of the Euphrates River")] == ["east of the Euphrates"]


def test_place_ids_are_unique_across_the_packaged_place_files():
    """A town entry reusing its governorate's id silently replaced the governorate (Homs, Raqqa, Hasakah)."""
    from collections import Counter

    from conflictwire.knowledge import Knowledge, load_yaml

    ids = Counter(str(e["id"]) for path in Knowledge.of().iter_yaml_files("places") for section in ("countries", "admin1", "regions", "places")
                  for e in (load_yaml(path) or {}).get(section) or [])
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize(
    "written, kind, admin1, admin2",
    [
        ("Harim district", "district", "Idleb", "Harim"),          # Syria, OCHA district
        ("Bulbul nahiya", "subdistrict", "Aleppo", "Afrin"),   # Syria, OCHA sub-district
        ("Hit district", "district", "Al Anbar", "Heet"),         # Iraq, OCHA spells it Heet
        ("Marjayoun district", "district", "Nabatieh", "Marjaayoun"),  # Lebanon
        ("Eastern Ghouta", "area", "Rural Damascus", "Duma"),
    ],
)
def test_administrative_units_and_named_areas_resolve_with_their_admin_names(gaz, written, kind, admin1, admin2):
    place = gaz.resolve(written, GeoContext())
    assert (place.kind, place.admin1, place.admin2, place.geo_precision) == (kind, admin1, admin2, 2)


def test_a_town_gets_the_district_of_its_nearest_seat():
    from conflictwire.gazetteer import get_gazetteer

    saraqib = get_gazetteer().resolve("Saraqib", GeoContext(countries=("SY",)))
    assert (saraqib.admin1, saraqib.admin2) == ("Idleb", "Idleb")


def test_the_index_is_the_same_whatever_the_hash_seed(tmp_path):
    """Two builds of the gazetteer index must be identical: lookups by spelling skeleton return rows in
    insertion order, so an index whose name rows followed a set's (hash-seeded) order placed some
    names differently after a rebuild of the cache, with the same code and data."""
    import os
    import sqlite3
    import subprocess
    import sys

    build = ("import sys; from pathlib import Path; from conflictwire import settings; "
             "from conflictwire.gazetteer import build_index; "
             "build_index(Path(sys.argv[1]), settings.current().knowledge)")
    dumps = []
    for seed in ("1", "2"):
        path = tmp_path / f"index-{seed}.sqlite"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", build, str(path)], env=env, check=True)
        dumps.append(list(sqlite3.connect(path).iterdump()))
    assert dumps[0] == dumps[1]
