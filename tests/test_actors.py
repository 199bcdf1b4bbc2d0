"""Actor registry and the actors stage: what a user sees in the actor columns."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from availability import shared_file

from conflictwire.models import (
    Article, ArticleExtraction, EventMention, Place, ResponsibilityClaim, Span, Statement, TimeExpression,
)
from conflictwire.pipeline.actors import normalise_actors
from conflictwire.registry import get_registry, load_registry
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def registry():
    return get_registry()


def _read_alias_table() -> list[tuple[str, str | None, date | None, str | None]]:
    rows = []
    for line in (FIXTURES / "aliases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, country, day, expected = line.split("\t")
        rows.append((alias, None if country == "-" else country,
                     None if day == "-" else date.fromisoformat(day), None if expected == "-" else expected))
    return rows


# --------------------------------------------------------------------------- registry


def test_alias_table_resolves_to_the_expected_canonical_names(registry):
    rows = _read_alias_table()
    assert len(rows) >= 80
    wrong = []
    for alias, country, day, expected in rows:
        found = registry.resolve(alias, country, day)
        if (found.name if found else None) != expected:
            wrong.append((alias, expected, found.name if found else None))
    assert not wrong, wrong


@pytest.mark.parametrize("text", ["Kata'ib Hizballah", "KATAIB HEZBOLLAH", "Kataib-Hezbollah", "the Hezbollah Brigades",
                                  "Kataib Hezbollah's", "Kata’ib Hizbullah"])
def test_spelling_case_and_punctuation_do_not_matter(registry, text):
    assert registry.resolve(text).name == "Kataib Hezbollah"


def test_short_acronyms_keep_their_case(registry):
    assert registry.resolve("IS", "SY").name == "Islamic State (Syria)"
    assert registry.resolve("is") is None
    assert registry.resolve("us") is None
    assert registry.resolve("US").name.startswith("Military Forces of the United States")


def test_islamic_state_takes_the_country_of_the_event(registry):
    assert registry.resolve("Daesh", "IQ").name == "Islamic State (Iraq)"
    assert registry.resolve("ISIS fighters", "SY").name == "Islamic State (Syria)"
    assert registry.resolve("ISIL").name == "Islamic State"  # no country: the family name


def test_civilians_and_unidentified_groups_are_named_by_country(registry):
    assert registry.resolve("civilians", "IQ").name == "Civilians (Iraq)"
    assert registry.resolve("Syrian civilians", "IQ").name == "Civilians (Syria)"
    victims = registry.resolve("civilians", "SY")
    assert victims.inter == 7 and victims.country == "SY"
    assert registry.resolve("unidentified gunmen", "IQ").name == "Unidentified Armed Group (Iraq)"


def test_instrument_words_after_a_nationality_mean_its_state_forces(registry):
    assert registry.resolve("Turkish drones").name == "Military Forces of Turkey (2016-)"
    assert registry.resolve("Jordanian warplanes").name == "Military Forces of Jordan (1999-)"
    assert registry.resolve("U.S. F-15E jets").name == "Military Forces of the United States (2021-)"
    assert registry.resolve("Iran's").name == "Military Forces of Iran (1989-)"


def test_syrian_state_forces_follow_the_regime_change(registry):
    assert registry.resolve("Syrian army", on=date(2023, 5, 1)).name == "Military Forces of Syria (2000-2024)"
    assert registry.resolve("Syrian army", on=date(2025, 5, 1)).name == "Military Forces of Syria (2024-)"
    assert registry.resolve("Syrian regime").name == "Military Forces of Syria (2000-2024)"


def test_people_resolve_to_their_organisation(registry):
    assert registry.resolve("Akram al-Kaabi").name == "Harakat Hezbollah al-Nujaba"
    assert registry.resolve("Abu Ali al-Askari").name == "Kataib Hezbollah"
    assert registry.resolve("Abu Fadak, a senior Kataib Hezbollah commander").name == "Kataib Hezbollah"
    assert registry.resolve("Hussein Ali, the leader of al-Nujaba").name == "Harakat Hezbollah al-Nujaba"


def test_lists_are_not_taken_for_appositions(registry):
    assert registry.resolve("U.S., German, and Canadian companies") is None


def test_unknown_names_stay_unknown(registry):
    for text in ("Syrian Observatory for Human Rights", "the enemy", "", "   "):
        assert registry.resolve(text) is None


def test_relations_and_inter_codes(registry):
    kh = registry.resolve("KH")
    assert kh.inter == 3 and kh.country == "IQ" and "Islamic Resistance in Iraq" in kh.umbrellas
    assert registry.resolve("PMF").parent == "Military Forces of Iraq (2020-)"
    assert registry.inter_code("Military Forces of the United States (2021-)") == 1
    assert registry.inter_code("Civilians (Iraq)") == 7
    assert registry.inter_code("nobody we know") is None
    assert {a.plover_sector for a in registry.all()} <= {"MIL", "GOV", "REB", "UAF", "CVL", "IGO"}


def test_compatible_actors_for_merging(registry):
    assert registry.compatible("Kataib Hezbollah", "Islamic Resistance in Iraq")
    assert registry.compatible("Islamic Resistance in Iraq", "Kataib Hezbollah")
    assert registry.compatible("Islamic Revolutionary Guard Corps - Quds Force", "Military Forces of Iran (1989-)")
    assert registry.compatible("Civilians (Iraq)", "Civilians")
    assert registry.compatible("Unidentified Armed Group (Iraq)", "Kataib Hezbollah")
    assert registry.compatible(None, "Hamas") and registry.compatible("Kataib Hezbollah", "some new group")
    assert not registry.compatible("Kataib Hezbollah", "Harakat Hezbollah al-Nujaba")
    assert not registry.compatible("Islamic State (Iraq)", "Military Forces of the United States (2021-)")


def test_find_mentions_in_running_text(registry):
    text = ("The U.S.-led coalition said Kataib Hezbollah and al-Nujaba fighters fired rockets; it is not "
            "clear whether Turkish jets or Iran's Quds Force were involved. ISIS was not blamed, us neither.")
    found = [(text[s:e], actor.name) for s, e, actor in registry.find_mentions(text)]
    assert found == [
        ("U.S.-led coalition", "Coalition Forces (Operation Inherent Resolve)"),
        ("Kataib Hezbollah", "Kataib Hezbollah"),
        ("Nujaba", "Harakat Hezbollah al-Nujaba"),
        ("Turkish jets", "Military Forces of Turkey (2016-)"),
        ("Quds Force", "Islamic Revolutionary Guard Corps - Quds Force"),
        ("ISIS", "Islamic State"),
    ]


# --------------------------------------------------------------------------- user overrides


def test_user_knowledge_extends_and_replaces_package_entries(tmp_path):
    user = tmp_path / "actors"
    user.mkdir()
    (user / "mine.yaml").write_text(
        "actors:\n"
        "  - name: Kataib Hezbollah\n"
        "    aliases: [Brigades of the Party of God]\n"
        "    people: [Abu Test al-Example]\n"
        "  - name: Hamas\n"
        "    replace: true\n"
        "    kind: rebel\n"
        "    inter: 2\n"
        "    country: PS\n"
        "    aliases: [Harakat Test]\n"
        "  - name: Saraya Example\n"
        "    kind: militia\n"
        "    inter: 3\n"
        "    country: IQ\n"
        "    umbrellas: [Islamic Resistance in Iraq]\n"
        "    aliases: [Example Companies]\n",
        encoding="utf-8")
    with Settings.build(knowledge=[tmp_path]).active():
        registry = get_registry()
        assert registry.resolve("Brigades of the Party of God").name == "Kataib Hezbollah"
        assert registry.resolve("Abu Test al-Example").name == "Kataib Hezbollah"
        assert registry.resolve("Hezbollah Brigades").name == "Kataib Hezbollah"  # package aliases kept
        assert registry.resolve("Harakat Test").name == "Hamas"
        assert registry.resolve("Qassam Brigades") is None  # replaced entry lost its package aliases
        assert registry.resolve("Example Companies").name == "Saraya Example"
        assert registry.compatible("Saraya Example", "Islamic Resistance in Iraq")
    assert get_registry().resolve("Brigades of the Party of God") is None


def test_a_broken_user_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: Nameless Brigade\n    aliases: [x]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        load_registry([bad])


# --------------------------------------------------------------------------- the actors stage


def _extraction(mentions=(), statements=()) -> ArticleExtraction:
    article = Article(article_id="a1", document_id="d1", index=0, text="(text)")
    return ArticleExtraction(article=article, mentions=list(mentions), statements=list(statements))


def _when(day: date = date(2024, 1, 28)) -> TimeExpression:
    return TimeExpression(start=day, end=day, precision=1)


def _place(code: str, country: str) -> Place:
    return Place(name="Somewhere", country=country, country_code=code, admin1=None, admin2=None,
                 latitude=0.0, longitude=0.0, geo_precision=1)


def _mention(actor1, actor2=None, place=None, responsibility=(), day=date(2024, 1, 28)) -> EventMention:
    span = Span(0, 6, "(text)")
    return EventMention(mention_id="m1", article_id="a1", sentence_index=0, quote=span, trigger=span,
                        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                        plover_event="ASSAULT", plover_mode="aerial", date=_when(day), actor1=actor1,
                        actor2=actor2, place=place, responsibility=list(responsibility))


def test_event_actors_get_canonical_names_and_inter_codes():
    mention = _mention("US warplanes", "Kata'ib Hizballah fighters", place=_place("IQ", "Iraq"))
    normalise_actors(_extraction([mention]))
    assert mention.actor1 == "Military Forces of the United States (2021-)"
    assert mention.inter1 == 8  # a state's forces abroad are external forces in ACLED
    assert mention.actor2 == "Kataib Hezbollah" and mention.inter2 == 3
    assert mention.actor1_known and mention.actor2_known


def test_country_of_the_event_names_victims_and_islamic_state():
    mention = _mention("ISIS", "civilians", place=_place("SY", "Syria"))
    normalise_actors(_extraction([mention]))
    assert (mention.actor1, mention.inter1) == ("Islamic State (Syria)", 2)
    assert (mention.actor2, mention.inter2) == ("Civilians (Syria)", 7)


def test_home_state_forces_keep_code_one():
    mention = _mention("Iraqi security forces", "Daesh remnants", place=_place("IQ", "Iraq"))
    normalise_actors(_extraction([mention]))
    assert (mention.actor1, mention.inter1) == ("Military Forces of Iraq (2020-)", 1)
    assert mention.actor2 == "Islamic State (Iraq)"


def test_unknown_actor_is_kept_as_written_and_flagged():
    mention = _mention("Saraya Nobody-Knows", "US forces")
    extraction = normalise_actors(_extraction([mention]))
    assert mention.actor1 == "Saraya Nobody-Knows" and mention.actor1_known is False and mention.inter1 is None
    assert mention.actor2_known is True
    assert any("Saraya Nobody-Knows" in w for w in extraction.warnings)


def test_missing_actor_is_not_flagged_unknown():
    mention = _mention(None, "civilians", place=_place("IQ", "Iraq"))
    extraction = normalise_actors(_extraction([mention]))
    assert mention.actor1 is None and mention.actor1_known is True and not extraction.warnings


def test_responsibility_claim_names_the_perpetrator_of_an_unattributed_attack():
    claim = ResponsibilityClaim(claimant="Islamic Resistance in Iraq", actor="the Islamic Resistance in Iraq",
                                kind="claimed", quote=Span(0, 6, "(text)"))
    denied = ResponsibilityClaim(claimant="Kataib Hezbollah", actor="KH", kind="denied", quote=Span(0, 6, "(text)"))
    mention = _mention("unidentified drone", "U.S. forces", place=_place("SY", "Syria"), responsibility=[denied, claim])
    normalise_actors(_extraction([mention]))
    assert mention.actor1 == "Islamic Resistance in Iraq" and mention.inter1 == 3
    assert mention.responsibility[1].actor == "Islamic Resistance in Iraq"
    assert mention.responsibility[0].actor == "Kataib Hezbollah"  # normalised, but a denial names nobody


def test_named_actor1_is_not_overridden_by_a_claim():
    claim = ResponsibilityClaim(claimant=None, actor="Hamas", kind="blamed", quote=Span(0, 6, "(text)"))
    mention = _mention("Israeli warplanes", None, responsibility=[claim])
    normalise_actors(_extraction([mention]))
    assert mention.actor1 == "Military Forces of Israel (2022-)"


def test_statement_speaker_and_target_are_normalised():
    span = Span(0, 6, "(text)")
    by_person = Statement(statement_id="s1", article_id="a1", date=_when(), speaker="Akram al-Kaabi",
                          speaker_actor=None, plover_event="THREATEN", plover_mode=None,
                          target_actor="American forces", quote=span)
    by_body = Statement(statement_id="s2", article_id="a1", date=_when(), speaker="the Iraqi government",
                        speaker_actor="the Iraqi government", plover_event="ACCUSE", plover_mode=None,
                        target_actor="Washington's allies", quote=span)
    extraction = normalise_actors(_extraction(statements=[by_person, by_body]))
    assert by_person.speaker_actor == "Harakat Hezbollah al-Nujaba"
    assert by_person.target_actor == "Military Forces of the United States (2021-)"
    assert by_body.speaker_actor == "Government of Iraq"
    assert by_body.target_actor == "Washington's allies"
    assert any("Washington's allies" in w for w in extraction.warnings)


# --------------------------------------------------------------------------- real data (when present)


def test_most_named_organisations_in_centcom_releases_resolve(registry):
    values = []
    for line in shared_file("re3d-centcom/entities.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entity = json.loads(line)
            if entity["type"] == "Organisation" and entity["value"].lower() not in {"we", "our", "they", "their"}:
                values.append(entity["value"])
    resolved = sum(registry.resolve(v) is not None for v in values)
    assert resolved / len(values) > 0.55


def test_find_mentions_does_not_cross_punctuation_or_read_places_as_actors(registry):
    text = "Rockets hit Ain al-Asad air base, officials said of the Islamic State. Iraq denied it."
    found = [(text[s:e], actor.name) for s, e, actor in registry.find_mentions(text)]
    assert found == [("Islamic State", "Islamic State")]


def test_find_mentions_reads_names_across_their_article(registry):
    """"al-" inside a name ("Tahrir al-Sham") is part of it in running text, however it is written."""
    text = ("Hay'at Tahrir al-Sham and Jaysh al Islam fighters clashed near Ahrar al-Sham positions, "
            "a monitor said.")
    found = [(text[s:e], actor.name) for s, e, actor in registry.find_mentions(text)]
    assert found == [
        ("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        ("Jaysh al Islam", "Jaysh al-Islam"),
        ("Ahrar al-Sham", "Harakat Ahrar al-Sham"),
    ]


# --------------------------------------------------------------------------- precision pass


def _in_article(text: str, sentence: str, actor1, actor2=None, code="IQ", country="Iraq") -> tuple:
    """A mention whose quote is `sentence` inside the article `text`."""
    start = text.index(sentence)
    quote = Span(start, start + len(sentence), sentence)
    mention = EventMention(mention_id="m1", article_id="a1", sentence_index=1, quote=quote, trigger=quote,
                           event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                           plover_event="ASSAULT", plover_mode="aerial", date=_when(), actor1=actor1,
                           actor2=actor2, place=_place(code, country))
    article = Article(article_id="a1", document_id="d1", index=0, text=text)
    return mention, ArticleExtraction(article=article, mentions=[mention])


def test_bare_nationality_is_read_with_the_words_after_it_in_the_quote():
    sentence = "Turkish warplanes struck suspected PKK positions north of Zakho on Sunday."
    mention, ex = _in_article(sentence, sentence, "Turkish")
    normalise_actors(ex)
    assert mention.actor1 == "Military Forces of Turkey (2016-)" and mention.inter1 == 8


def test_bare_weapon_model_flown_only_by_the_us_is_the_us_military():
    sentence = "Long-range B-1 bombers flown from the United States hit sites at Al Qaim."
    mention, ex = _in_article(sentence, sentence, "B-1")
    normalise_actors(ex)
    assert mention.actor1 == "Military Forces of the United States (2021-)"


def test_the_group_is_the_armed_group_named_before_it():
    text = ("The Islamic Resistance in Iraq said it fired missiles at Ain al-Asad. "
            "In separate statements, the group said it had targeted the Conoco gas field.")
    mention, ex = _in_article(text, "In separate statements, the group said it had targeted the Conoco gas field.",
                              "group", code="SY", country="Syria")
    normalise_actors(ex)
    assert mention.actor1 == "Islamic Resistance in Iraq" and mention.actor1_known


def test_the_group_without_a_named_group_before_it_is_left_empty():
    sentence = "The group said it had targeted the Conoco gas field."
    mention, ex = _in_article(sentence, sentence, "the group", code="SY", country="Syria")
    normalise_actors(ex)
    assert mention.actor1 is None and mention.actor1_known
    assert not any("the group" in w for w in ex.warnings)


def test_unnamed_pro_iran_group_is_the_unidentified_armed_group_of_the_event_country():
    sentence = "ANBAR - Iran-aligned militants fired ballistic missiles at Ain al-Asad air base."
    mention, ex = _in_article(sentence, sentence, "ANBAR - Iran-aligned militants")
    normalise_actors(ex)
    assert mention.actor1 == "Unidentified Armed Group (Iraq)"


def test_place_names_and_plain_descriptions_never_become_actors():
    sentence = "Officials in Duhok said armed smugglers fled the village."
    for written in ("Duhok", "officials", "armed smugglers", "The army"):
        mention, ex = _in_article(sentence, sentence, written)
        normalise_actors(ex)
        assert mention.actor1 is None, written
        assert not ex.warnings, written


def test_capital_as_subject_stands_for_the_state_but_not_as_a_location():
    sentence = "Ankara responded with a wave of air raids in northern Iraq over the weekend."
    mention, ex = _in_article(sentence, sentence, "Ankara")
    normalise_actors(ex)
    assert mention.actor1 == "Military Forces of Turkey (2016-)"
    sentence = "A drone strike in Baghdad killed a commander on Wednesday."
    mention, ex = _in_article(sentence, sentence, "Baghdad")
    normalise_actors(ex)
    assert mention.actor1 is None


def test_coalition_air_defences_are_the_coalition():
    sentence = "Coalition air defences shot down a drone approaching Erbil airport late on Wednesday."
    mention, ex = _in_article(sentence, sentence, "Coalition air defences")
    normalise_actors(ex)
    assert mention.actor1 == "Coalition Forces (Operation Inherent Resolve)"


def test_unknown_proper_names_are_still_kept_and_flagged():
    sentence = "Saraya Thar al-Muhandis claimed a rocket attack on the base."
    mention, ex = _in_article(sentence, sentence, "Saraya Thar al-Muhandis")
    normalise_actors(ex)
    assert mention.actor1 == "Saraya Thar al-Muhandis" and not mention.actor1_known


@pytest.mark.parametrize("raw", ["Brigade", "Rebel", "the Battalion", "Militants"])
def test_a_group_noun_alone_is_no_actor_name(raw):
    # "clashes against a Brigade that pledged allegiance", "Rebel shelling": a group noun alone names no group
    mention = _mention(raw, "civilians", place=_place("SY", "Syria"))
    normalise_actors(_extraction([mention]))
    assert mention.actor1 in (None, "Unidentified Armed Group (Syria)")
    assert mention.actor1 not in ("Brigade", "Rebel", "the Battalion", "Battalion")


@pytest.mark.parametrize("raw", ["Iran-backed militia", "pro-Iranian militias", "Syria regime"])
def test_described_militias_and_the_regime_resolve_to_registry_names(raw):
    mention = _mention("warplanes", raw, place=_place("SY", "Syria"))
    normalise_actors(_extraction([mention]))
    assert mention.actor2 in ("Unidentified Armed Group (Syria)", "Military Forces of Syria (2000-2024)")
    assert mention.actor2_known


@pytest.mark.parametrize("written, name", [("Sputnik - Daesh terrorists", "Daesh terrorists"),
                                           ("Hama, SANA - Army units", "Army units"),
                                           ("Al Arabiya - Iranian-backed militias", "Iranian-backed militias"),
                                           ("Hawar Kilis Operations Room", "Hawar Kilis Operations Room")])
def test_an_outlet_before_a_spaced_dash_is_no_part_of_the_name(written, name):
    from conflictwire.registry import strip_dateline

    assert strip_dateline(written) == name
