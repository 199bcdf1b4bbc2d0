"""Language data is data: the words every stage reads come from knowledge/lang/*.yaml, and a
user's --knowledge folder extends them for a run (in every worker)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import conflictwire
from conflictwire import lang
from conflictwire.geo import haversine_km
from conflictwire.knowledge import Knowledge


def test_number_words_are_read_from_one_file() -> None:
    words = lang.words_for(Knowledge.of())
    assert words.number("seventeen") == 17
    assert words.number("Twenty-three") == words.number("twenty three") == 23
    assert words.number("a hundred") == 100
    assert words.number("twenty-eleven") is None
    assert words.spelled(30) == "thirty" and words.spelled(25) is None
    assert words.months["sept"] == 9 and words.weekdays[0] == "monday"
    assert words.parts_of_month["mid"] == (11, 20)


def test_a_user_folder_extends_a_word_list(tmp_path: Path) -> None:
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "mine.yaml").write_text("numbers: {a score: 20}\n", encoding="utf-8")
    extended = lang.words_for(Knowledge.of([tmp_path]))
    assert extended.number("a score") == 20 and extended.number("nineteen") == 19
    assert lang.words_for(Knowledge.of()).number("a score") is None


def test_one_distance_function() -> None:
    # Baghdad to Erbil (city centres, Wikipedia coordinates): about 320 km by great circle
    assert 315 < haversine_km(33.3152, 44.3661, 36.1901, 44.0091) < 325
    assert haversine_km(33.0, 44.0, 33.0, 44.0) == 0.0


def test_a_users_number_word_and_civilian_noun_reach_every_worker(tmp_path: Path) -> None:
    folder, reports = tmp_path / "knowledge", tmp_path / "reports"
    (folder / "lang").mkdir(parents=True)
    reports.mkdir()
    (folder / "lang" / "mine.yaml").write_text("numbers: {twoscore: 40}\ncivilian_nouns: [herders]\n",
                                               encoding="utf-8")
    for n, day in enumerate(("Monday", "Tuesday", "Wednesday"), 1):
        (reports / f"r{n}.txt").write_text(
            f"Gunmen attacked a camp near Kirkuk on {day}, killing twoscore herders.\n", encoding="utf-8")
    plain = conflictwire.open(f"sqlite:///{tmp_path / 'plain.db'}", cache_dir=tmp_path / "cache")
    plain.ingest([reports], published=date(2024, 5, 13))
    events = plain.events()
    assert set(events["fatalities"]) == {0} and events["actor2"].isna().all()  # the packaged words lack both
    extended = conflictwire.open(f"sqlite:///{tmp_path / 'extended.db'}", knowledge=[folder], workers=2,
                                 cache_dir=tmp_path / "cache")
    extended.ingest([reports], published=date(2024, 5, 13))
    events = extended.events()
    assert list(events["fatalities"]) == [40, 40, 40]
    assert list(events["actor2"]) == ["Civilians (Iraq)"] * 3


def test_a_users_role_noun_joins_a_name_to_its_organisation(tmp_path: Path) -> None:
    from conflictwire.registry import registry_for

    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "mine.yaml").write_text("role_nouns: [quartermaster]\n", encoding="utf-8")
    plain, extended = registry_for(Knowledge.of()), registry_for(Knowledge.of([tmp_path]))
    for text in ("Kataib Hezbollah quartermaster Abu Ali", "Abu Ali, quartermaster of Kataib Hezbollah"):
        assert plain.resolve(text, None, None) is None
        assert extended.resolve(text, None, None).name == "Kataib Hezbollah"
    assert plain.resolve("Kataib Hezbollah commander Abu Ali", None, None).name == "Kataib Hezbollah"


def test_a_users_place_cue_makes_a_place_less_exact(tmp_path: Path) -> None:
    from conflictwire.gazetteer import GeoContext, get_gazetteer
    from conflictwire.models import PlaceMention, Span
    from conflictwire.pipeline.geocode import resolve_place_mention
    from conflictwire.settings import Settings

    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "mine.yaml").write_text("near_words: [hinterland]\n", encoding="utf-8")
    mention = PlaceMention(text="Kirkuk", span=Span(0, 6, "Kirkuk"), cue="hinterland")  # "the Kirkuk hinterland"
    precision = {}
    for name, folders in (("plain", []), ("extended", [tmp_path])):
        with Settings.build(knowledge=folders, cache_dir=tmp_path / "cache").active():
            place = resolve_place_mention(get_gazetteer(), mention, GeoContext(countries=("IQ",)))
            precision[name] = (place.name, place.geo_precision)
    assert precision == {"plain": ("Kirkuk", 1), "extended": ("Kirkuk", 2)}


def test_a_toll_over_a_users_number_of_days_is_a_period_not_an_event(tmp_path: Path) -> None:
    from conflictwire.extraction.casualties import find_casualty_claims
    from conflictwire.models import Sentence
    from conflictwire.settings import Settings

    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "mine.yaml").write_text("numbers: {twoscore: 40}\n", encoding="utf-8")
    text = "Government troops killed 12 fighters in twoscore days of fighting near the town."
    killed = {}
    for name, folders in (("plain", []), ("extended", [tmp_path])):
        with Settings.build(knowledge=folders, cache_dir=tmp_path / "cache").active():
            killed[name] = [c.killed for c in find_casualty_claims(Sentence(0, 0, len(text), text))]
    assert killed == {"plain": [12], "extended": []}  # like "in 40 days": the tallies module keeps it
