"""Statements: who condemned, threatened, demanded, denied, agreed or met whom -- and nothing else."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pytest

from conflictwire.extraction.statements import candidate_patterns, find_statements
from conflictwire.models import Article, Statement, stable_id
from conflictwire.pipeline.annotate import annotate
from conflictwire.vocab import STATEMENT_TYPES

PUBLISHED = date(2024, 1, 30)  # a Tuesday


@lru_cache(maxsize=None)
def statements_of(text: str) -> tuple[Statement, ...]:
    article = Article(article_id="s-" + stable_id(text), document_id="d", index=0, text=text, published=PUBLISHED)
    found = find_statements(annotate([article], lambda s: True)[0])
    for statement in found:  # quotes are verbatim with exact offsets; types from the vocabulary
        assert article.text[statement.quote.start : statement.quote.end] == statement.quote.text
        assert statement.plover_event in STATEMENT_TYPES
    return tuple(found)


# (sentence, PLOVER type, speaker, speaker_actor, target_actor); "?" = not checked
POSITIVES = [
    ("Kataib Hezbollah spokesman Abu Ali al-Askari said the group would respond at a time of its choosing.",
     "THREATEN", "Kataib Hezbollah spokesman Abu Ali al-Askari", "Kataib Hezbollah", None),
    ("Akram al-Kaabi, leader of al-Nujaba, vowed to continue attacks on US forces.",
     "THREATEN", "Akram al-Kaabi", "al-Nujaba", "US forces"),
    ("The Iraqi government condemned the strike as a violation of its sovereignty.",
     "ACCUSE", "The Iraqi government", "The Iraqi government", None),
    ("Iran's foreign ministry denied any involvement in the attack.",
     "REJECT", "Iran's foreign ministry", "Iran's foreign ministry", None),
    ("The attack was condemned by the Arab League.", "ACCUSE", "the Arab League", "the Arab League", None),
    ("US officials accused Kataib Hezbollah of carrying out the drone attack on Tower 22.",
     "ACCUSE", "US officials", "?", "Kataib Hezbollah"),
    ("Hezbollah's spokesman rejected the accusations.", "REJECT", "Hezbollah's spokesman", "Hezbollah", None),
    ("The foreign ministry said it rejected Washington's accusations.",
     "REJECT", "The foreign ministry", "The foreign ministry", "Washington"),
    ("The militia threatened to attack US bases in Iraq and Syria.", "THREATEN", "The militia", "The militia", "?"),
    ("Iran warned that it would respond decisively to any attack on its territory.", "THREATEN", "Iran", "Iran", "?"),
    ("The Pentagon blamed Iran-backed militias for the attack.", "ACCUSE", "The Pentagon", "The Pentagon", "?"),
    ("The United Nations urged all sides to exercise restraint.", "REQUEST", "The United Nations", "?", "?"),
    ("Iraqi Prime Minister Mohammed Shia al-Sudani demanded the withdrawal of coalition forces.",
     "REQUEST", "Iraqi Prime Minister Mohammed Shia al-Sudani", "?", "?"),
    ("The Houthis vowed to retaliate against American and British strikes.", "THREATEN", "The Houthis", "?", "?"),
    ("Hamas rejected the proposal on Sunday.", "REJECT", "Hamas", "Hamas", None),
    ("Turkey's defence ministry denounced the attack on its troops.",
     "ACCUSE", "Turkey's defence ministry", "Turkey's defence ministry", None),
    ("Baghdad and Washington agreed to begin talks on the future of the coalition.", "AGREE", "Baghdad", "?", "?"),
    ("US Secretary of State Antony Blinken met Iraqi Prime Minister Mohammed Shia al-Sudani in Baghdad.",
     "CONSULT", "US Secretary of State Antony Blinken", None, "Iraqi Prime Minister Mohammed Shia al-Sudani"),
    ("The Islamic Resistance in Iraq threatened US forces with further attacks.",
     "THREATEN", "The Islamic Resistance in Iraq", "?", "US forces"),
    ("The Syrian government refused to withdraw its forces from the area.",
     "REJECT", "The Syrian government", "The Syrian government", None),
    ("The group's leader, Qais al-Khazali, warned that the movement would strike back if attacked.",
     "THREATEN", "?", "?", "?"),
    ("The Kurdistan Regional Government welcomed the decision.",
     "SUPPORT", "The Kurdistan Regional Government", "The Kurdistan Regional Government", None),
]


@pytest.mark.parametrize("text,plover,speaker,speaker_actor,target", POSITIVES)
def test_statement_type_speaker_and_target(text, plover, speaker, speaker_actor, target):
    found = statements_of(text)
    assert len(found) == 1, found
    statement = found[0]
    assert statement.plover_event == plover
    if speaker != "?":
        assert statement.speaker == speaker
    if speaker_actor != "?":
        assert statement.speaker_actor == speaker_actor
    if target != "?":
        assert statement.target_actor == target


NEGATIVES = [
    "The strike killed 16 people, including civilians, Iraqi officials said.",
    "US aircraft struck 85 targets at seven facilities.",
    "Two drones hit the base on Sunday.",
    "Iran could condemn the strike.",
    "The ministry did not condemn the strike.",
    "The attack was condemned.",
    "The government is expected to condemn the attack.",
    "The militia fired rockets at the Ain al-Asad air base.",
    "If Iran denies involvement, sanctions will follow.",
    "The group said it carried out the attack on the base.",
    "Analysts say the militias would retaliate.",
    "Officials met on Monday.",
    "Residents called the attack a massacre.",
    "The Houthis did not threaten shipping in the Red Sea.",
    "The commander vowed to rebuild the school.",
    "An Israeli strike hit a car near the airport, killing two.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_statement(text):
    assert statements_of(text) == ()


def test_one_statement_per_speech_act():
    found = statements_of("The Iraqi foreign ministry condemned the attack and called on Washington to respect "
                          "Iraq's sovereignty.")
    assert [(s.plover_event, s.speaker, s.target_actor) for s in found] == [
        ("ACCUSE", "The Iraqi foreign ministry", None),
        ("REQUEST", "The Iraqi foreign ministry", "Washington"),
    ]
    (single,) = statements_of("The Arab League condemned and denounced the strike.")
    assert single.plover_event == "ACCUSE"


def test_pronoun_speaker_taken_from_earlier_statement():
    text = ("The United States strongly condemns the attack on Camp Hurriya. "
            "We also urge the Government of Iraq to provide additional security for the camp.")
    first, second = statements_of(text)
    assert second.plover_event == "REQUEST"
    assert second.speaker == "The United States"
    assert second.target_actor == "the Government of Iraq"
    assert second.confidence < first.confidence


def test_pronoun_without_antecedent_gives_nothing():
    assert statements_of("We condemn in the strongest possible terms the attacks this weekend in Baghdad.") == ()


def test_date_from_sentence_else_publication_date():
    (dated,) = statements_of("Hezbollah's spokesman rejected the accusations on Sunday.")
    assert dated.date.start == date(2024, 1, 28) and dated.date.span is not None
    (undated,) = statements_of("Hamas rejected the proposal.")
    assert undated.date.start == PUBLISHED and undated.date.precision == 1 and undated.date.span is None


def test_quote_is_the_sentence_with_article_offsets():
    text = "Fighting continued overnight.\n\nThe Arab League condemned the strike on Tuesday."
    (statement,) = statements_of(text)
    assert statement.quote.text == "The Arab League condemned the strike on Tuesday."
    assert statement.quote.start == text.index("The Arab League")


def test_statement_ids_are_stable():
    text = "Hamas rejected the proposal."
    first = statements_of(text)[0].statement_id
    article = Article(article_id="s-" + stable_id(text), document_id="d", index=0, text=text, published=PUBLISHED)
    again = find_statements(annotate([article], lambda s: True)[0])[0].statement_id
    assert first == again


def test_unparsed_sentences_are_skipped():
    article = Article(article_id="x", document_id="d", index=0, text="Hamas rejected the proposal.", published=PUBLISHED)
    assert find_statements(annotate([article], lambda s: False)[0]) == []


def test_candidate_patterns_select_statement_sentences():
    combined = re.compile("|".join(candidate_patterns()), re.I)
    for text in ("The ministry condemned the strike.", "Iran denied it.", "The group vowed revenge.",
                 "He urged restraint.", "It will respond at a time of its choosing."):
        assert combined.search(text), text
    assert not combined.search("Two drones hit the base on Sunday.")


MORE_POSITIVES = [
    ("Russia said on Tuesday that Sudan must return the captured helicopter.", "REQUEST", "Russia", "Sudan"),
    ("French President Emmanuel Macron held talks with Iraqi Prime Minister Mohammed Shia al-Sudani in Paris.",
     "CONSULT", "French President Emmanuel Macron", "Iraqi Prime Minister Mohammed Shia al-Sudani"),
    ("Iraqi Foreign Minister Fuad Hussein will visit Tehran next week.", "AGREE", "Iraqi Foreign Minister Fuad Hussein",
     "Tehran"),
    ("The rebels promised to release the captured soldiers.", "AGREE", "The rebels", None),
    ("Damascus rejected a United Nations proposal for a ceasefire.", "REJECT", "Damascus", "United Nations"),
    ("Hezbollah leader Hassan Nasrallah warned that the group would strike back.", "THREATEN",
     "Hezbollah leader Hassan Nasrallah", None),
]


@pytest.mark.parametrize("text,plover,speaker,target", MORE_POSITIVES)
def test_reported_demands_meetings_and_intents(text, plover, speaker, target):
    (statement,) = statements_of(text)
    assert (statement.plover_event, statement.speaker, statement.target_actor) == (plover, speaker, target)


def test_content_of_a_demand_is_not_a_separate_statement():
    found = statements_of("Greece demanded that its partners refuse to recognise the republic.")
    assert [(s.plover_event, s.speaker) for s in found] == [("REQUEST", "Greece")]


def test_speaker_actor_from_compound_role():
    (statement,) = statements_of("Hezbollah leader Hassan Nasrallah warned that the group would strike back.")
    assert statement.speaker_actor == "Hezbollah"


# --------------------------------------------------------------------------- background and non-actors

BACKGROUND_OR_NOT_A_SPEECH_ACT = [
    # a perfect restates an older position
    "Western diplomats have repeatedly urged Ankara to halt its cross-border operations.",
    "Damascus has long blamed Israel for a series of strikes on the airport.",
    "Iraqi officials had promised to track down the rocket crews.",
    # a relative clause recalls a speech act, it does not report one
    "The raid followed strikes on two depots, which the Syrian government also condemned.",
    "Patrols have orders to fire on smugglers who refuse to stop.",
    # unnamed people quoted by the reporter are not actors
    "Villagers called the shelling a massacre.",
    "Speakers at the rally accused Ankara of occupying Iraqi land.",
    "The official blamed Islamic State cells for the bombing.",
    "Kurdish officials blamed armed groups for the drone attack.",
    "Local elders called on Baghdad to send more police.",
    # a base that hosts troops meets nobody
    "The airfield hosts about 900 US troops and a handful of contractors.",
    # "what it called" is the reporter's distance
    "The group said it fired the rockets in response to what it called Israeli crimes.",
]


@pytest.mark.parametrize("text", BACKGROUND_OR_NOT_A_SPEECH_ACT)
def test_background_and_unnamed_speakers_give_no_statement(text):
    assert statements_of(text) == ()


NEW_POSITIVES = [
    # labelling the act is a condemnation
    ("A spokesman for the Syrian army called the raid an act of aggression.", "ACCUSE",
     "A spokesman for the Syrian army", "the Syrian army"),
    ("Lebanon's foreign ministry described the shelling as a flagrant violation of its sovereignty.", "ACCUSE",
     "Lebanon's foreign ministry", "Lebanon's foreign ministry"),
    # threats in words other than "retaliate"
    ("The Jordanian army said it would act with force against anyone crossing the border.", "THREATEN",
     "The Jordanian army", "The Jordanian army"),
    # a named organisation's officials, or a country's, still speak for it
    ("Iraqi officials accused the smugglers of bribing border guards.", "ACCUSE", "Iraqi officials", "?"),
    ("Hamas leaders rejected the truce proposal.", "REJECT", "Hamas leaders", "?"),
]


@pytest.mark.parametrize("text,plover,speaker,speaker_actor", NEW_POSITIVES)
def test_labels_force_threats_and_named_officials(text, plover, speaker, speaker_actor):
    (statement,) = statements_of(text)
    assert (statement.plover_event, statement.speaker) == (plover, speaker)
    if speaker_actor != "?":
        assert statement.speaker_actor == speaker_actor


def test_quoted_threat_before_the_reporting_verb():
    (statement,) = statements_of('"We will hit back at a time of our choosing," a Houthi military spokesman '
                                 'told reporters.')
    assert (statement.plover_event, statement.speaker) == ("THREATEN", "a Houthi military spokesman")


def test_quote_split_from_its_opening_mark_still_counts():
    # the sentence splitter may leave the opening quotation mark with the previous sentence
    found = statements_of('The base was hit twice. "We will respond at a time of our choosing," a senior '
                          'defence official told reporters.')
    assert [(s.plover_event, s.speaker) for s in found] == [("THREATEN", "a senior defence official")]


def test_accusation_and_threat_in_one_sentence_are_two_statements():
    found = statements_of("Kataib Sayyid al-Shuhada blamed Washington for the raid and said in a statement "
                          "that its revenge would be painful.")
    assert sorted(s.plover_event for s in found) == ["ACCUSE", "THREATEN"]
    assert {s.speaker for s in found} == {"Kataib Sayyid al-Shuhada"}


def test_accusation_target_leaves_out_the_charge():
    (statement,) = statements_of("The army accused Iran-backed militias of smuggling drugs across the border.")
    assert statement.target_actor == "Iran-backed militias"


def test_pronoun_finds_the_speaker_of_a_plain_report():
    text = ("The Iraqi government condemned the raid. "
            "The Popular Mobilization Forces said two of its fighters were killed. "
            "It accused Washington of targeting the border guard.")
    found = statements_of(text)
    assert [(s.plover_event, s.speaker) for s in found] == [
        ("ACCUSE", "The Iraqi government"), ("ACCUSE", "The Popular Mobilization Forces")]


def test_country_of_a_state_speaker_and_none_for_a_target_country():
    (state,) = statements_of("Iraq's foreign ministry condemned the Turkish strike.")
    assert state.country == "Iraq"
    (demonym,) = statements_of("The Jordanian government condemned the attack.")
    assert demonym.country == "Jordan"
    (us,) = statements_of("US Secretary of State Antony Blinken urged Baghdad to protect the embassy.")
    assert us.country == "United States"
    # the United States is the target, not where or by whom the statement was made
    (group,) = statements_of("Harakat al-Nujaba blamed the United States for the raid.")
    assert group.country is None
    (backed,) = statements_of("Iran-backed militias rejected the ceasefire.")
    assert backed.country is None


def test_present_perfect_condemnation_is_fresh_news_but_habitual_one_is_background() -> None:
    fresh = statements_of("Iraq's foreign ministry has condemned the strike as a violation of sovereignty.")
    assert [s.plover_event for s in fresh] == ["ACCUSE"]
    assert statements_of("Baghdad has repeatedly condemned Turkish strikes in the Kurdistan Region.") == ()
    assert statements_of("The ministry had condemned a similar raid in 2019.") == ()
