"""Full-length articles in the style of the real Syrian-war articles whose tolls failed (issue 14).

26 articles written by the team in the house styles of SANA, Reuters, Al Arabiya, Sputnik, Al Manar,
Asharq Al-Awsat, Jordan Times, Etana and Al Araby (tests/fixtures/real_style_articles/, README there),
each annotated with its main event: date, governorate, type, toll, actor1 class, the claims stated,
and the cumulative/period/background figures that must never be an event's toll. Scored by
bench/real_style_articles.py (matching documented there).

Blind (before the toll rules were read, main 21b2acd): found 88.5%, toll exact 57.7% (15/26), type 76.9%,
governorate+type+toll 53.8%, actor1 class 54.5% (12/22), claims kept 22.7% (5/22), 4 tally leaks in 3
articles, 2 double counts.
After the toll classes were fixed: toll exact 73.1% (19/26), governorate+type+toll 65.4%, claims kept 31.8% (7/22),
no tally leak; actor1 class 63.6% after main's actor pass (9326797).

Set 2 (set2/, 15 articles of 400-550 words in the styles of SOHR, AFP, Al Jazeera, Kurdistan24, Rudaw, Enab Baladi,
Xinhua, Anadolu, North Press, Syrian Observer, The New Arab, INA and Saba; main events in Syria, Iraq and Yemen),
written blind and measured on main fe33ee4 before any fix: found 93.3%, toll exact 53.3% (8/15), type 86.7%,
governorate+type+toll 53.3%, actor1 class 53.8% (7/13), claims kept 40.9% (9/22), 2 tally leaks.
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from real_style_articles import SETS, load_articles, produce, score_article, summarise  # noqa: E402
from support import found_in  # noqa: E402

from conflictwire.extraction.candidates import candidate_filter  # noqa: E402
from conflictwire.extraction.casualties import claimants_by_reference, find_casualty_claims  # noqa: E402
from conflictwire.models import Article  # noqa: E402
from conflictwire.pipeline.annotate import annotate  # noqa: E402

ARTICLES = load_articles()
SET2 = load_articles(SETS["2"])

# Floors a little under the measured numbers (never lowered; raise them when a change lifts a number).
FLOORS = {"found": 0.85, "toll_exact": 0.70, "type_right": 0.75, "all_right": 0.62, "actor1_right": 0.66,
          "claims_kept": 0.48}

# Set 2's floors, a little under the numbers after the articles pass (blind: 93.3 / 53.3 / 86.7 / 53.3 / 53.8 / 40.9).
FLOORS_2 = {"found": 0.90, "toll_exact": 0.65, "type_right": 0.85, "all_right": 0.65, "actor1_right": 0.65,
            "claims_kept": 0.60}

# Tally leaks still present, and why (strict: a fix must remove its line).
KNOWN_LEAKS: dict[str, str] = {}


@cache
def rows(which: str = "1") -> dict[str, dict[str, Any]]:
    articles = ARTICLES if which == "1" else SET2
    events, _ = produce(articles)
    return {a["id"]: score_article(a, events[a["id"]]) for a in articles}


@pytest.mark.parametrize("which, least, words", [("1", 25, (250, 600)), ("2", 15, (400, 800))])
def test_fixtures_are_full_articles(which: str, least: int, words: tuple[int, int]) -> None:
    articles = ARTICLES if which == "1" else SET2
    assert len(articles) >= least
    for a in articles:
        assert words[0] <= len(a["text"].split()) <= words[1], (a["id"], len(a["text"].split()))
        assert {"date", "admin1", "types", "killed", "actor1", "not_tolls"} <= set(a["expect"]), a["id"]


@pytest.mark.parametrize("which, name", [("1", n) for n in sorted(FLOORS)] + [("2", n) for n in sorted(FLOORS_2)])
def test_floor(which: str, name: str) -> None:
    summary = summarise(list(rows(which).values()))
    assert summary[name] >= (FLOORS if which == "1" else FLOORS_2)[name], (name, summary)


@pytest.mark.parametrize("article", [a["id"] for a in SET2])
def test_set_2_no_tally_is_an_event_toll(article: str) -> None:
    """Set 2: 'the total death toll of the clashes at 96', 'responsible for the deaths of some 40,000 people' over a
    35-year campaign, figures over a month or since a date, and the other country's figure on the main event."""
    assert not rows("2")[article]["leaks"], rows("2")[article]["leaks"]


@pytest.mark.parametrize("article", [a["id"] for a in ARTICLES])
def test_no_tally_is_an_event_toll(article: str) -> None:
    """Cumulative, period and background figures ('September was the deadliest month, with 3,000 killed',
    'more than 600 civilians since 2014', a doubled 'two car bombs killed 25') are never an event's toll
    or claim."""
    leaks = rows()[article]["leaks"]
    if article in KNOWN_LEAKS:
        assert leaks, f"{article} no longer leaks: remove it from KNOWN_LEAKS"
        pytest.xfail(KNOWN_LEAKS[article])
    assert not leaks, leaks


# --------------------------------------------------------------------------- the classes, one sentence each

@pytest.mark.parametrize("text, killed", [
    # a period or a whole war: a tally, never an event's toll
    ("The Observatory says the war, now in its sixth year, has killed more than 300,000 people.", None),
    ("Syria's five-year conflict has killed more than 280,000 people and driven over 11 million from their homes.", None),
    ("It said this week that August was one of the bloodiest months of the year, with nearly 1,700 civilians killed "
     "across Syria.", None),
    ("The Observatory said September was the deadliest month this year, with at least 3,000 people killed.", None),
    ("The Observatory said the organization had executed more than 3,000 people in Syria since it declared its "
     "so-called caliphate in June 2014.", None),
    # a part of a list told over a period is left out of the sum
    ("A double bombing in the spring killed 37 citizens, and tens of citizens have lost their lives in rocket attacks "
     "on the neighborhood since the beginning of the year.", 37),
    # victims with their kin, and one victim shot dead
    ("An air strike killed a woman and her child in the village on Tuesday, rescue workers said.", 2),
    ("The strike killed a man and his baby.", 2),
    ("Unidentified gunmen shot dead a former opposition commander in the town of Tafas on Tuesday evening.", 1),
    ("Gunmen gunned down a policeman in the town.", 1),
    # the sayers after a list of victims are no victims
    ("Russian warplanes hit a market in the town on Thursday, killing 12 people, a monitoring group and residents said.", 12),
    # still summed
    ("Militants killed three soldiers and two civilians in the town on Monday.", 5),
    ("The first strike killed 5 people and the second strike killed 3 civilians.", 8),
    # a breakdown after the total restates it: never doubled
    ("Twin car bombs killed 25 people in the city, the first killing 15 and the second 10.", 25),
    ("Two bombs killed 25 people, the first one killing 15 people near the school.", 25),
    # a week's tally, and the killings of a period told in a relative clause
    ("Over the past week, militants' shelling has claimed the lives of 27 civilians in Damascus.", None),
    ("Etana has documented 23 assassinations in Daraa province since the agreement, in which 17 people were killed.",
     None),
    ("The bombing, in which 12 people were killed, hit a market.", 12),
    # state-agency and kin wording
    ("A citizen was martyred and 3 others were injured in a terrorist attack with mortar shells on Jaramana.", 1),
    ("The attack resulted in the martyrdom of 3 citizens and the injury of 7 others.", 3),
    ("Two brothers were killed when a shell hit their house.", 2),
    ("The number of martyrs of the massacre rose to 21.", 21),
    ("The strike killed a man and his two sons.", 3),
    # set 2: a campaign's age in a trailing 'as' clause dates the campaign, not the count
    ("Air strikes killed 18 civilians including five children on Monday, a war monitor said, as a bombing campaign "
     "on the last major rebel bastion entered its third month.", 18),
    ("Regime bombardment enters its fifth day, killing 30 people.", None),
    # a long 'death toll of ...' before its rise, then how it rose: the new figure
    ("The death toll of the regime's artillery shelling on the city of Ariha in the southern countryside of Idlib rose "
     "to seven on Wednesday evening, after two of the injured died in hospital, the Civil Defence said.", 7),
    # the driver, and a list after 'the martyrdom of'
    ("A Turkish drone struck a vehicle on Monday, killing two members of the Sinjar Resistance Units (YBS) and the "
     "civilian driver of the car, the district's mayor said.", 3),
    ("The Security Media Cell announced the martyrdom of an officer and two soldiers of the army and the injury of four "
     "others in a terrorist attack.", 3),
    # a series that lasted weeks, a 'total' toll, a 35-year campaign: tallies
    ("The clashes, which lasted for about two weeks, killed 25 of its fighters.", None),
    ("The Observatory put the total death toll of the clashes at 96.", None),
    ("In its more than 35-year terror campaign against Turkey, the PKK has been responsible for the deaths of some "
     "40,000 people.", None),
])
def test_toll_of_one_sentence(text: str, killed: int | None) -> None:
    assert [c.killed for c in found_in(text, find_casualty_claims) if c.killed is not None] == \
        ([] if killed is None else [killed])


def test_a_part_of_the_victims_is_never_the_claimant() -> None:
    [claim] = found_in("Israeli missile strikes near the airport on Tuesday night killed eight pro-government fighters, "
                       "three of them Iranians, the Syrian Observatory for Human Rights said on Wednesday.",
                       find_casualty_claims)
    assert (claim.killed, claim.claimant) == (8, "Syrian Observatory for Human Rights")


@pytest.mark.parametrize("text, claimant", [
    ("Russian warplanes hit a market in the town on Thursday, killing 12 people, a monitoring group and residents said.",
     "monitoring group and residents"),
    ("A bomb exploded near a mosque on Monday, killing seven people, a Britain-based monitor said.", "Britain-based monitor"),
    ("Militants shelled western Aleppo on Tuesday, killing seven civilians, a source in the city's police told Sputnik.",
     "source in the city's police"),
    ("SOHR activists have learned that the death toll of the ambush has risen to 14.", "SOHR activists"),
    ("The SDF denied the figure, saying that the attack killed three of its fighters.", "SDF"),
    ("At least six people were killed in a suspected chlorine gas attack on the town late on Monday, activists and a "
     "monitoring group said.", "activists and monitoring group"),
])
def test_the_sayer_of_a_toll(text: str, claimant: str) -> None:
    [claim] = found_in(text, find_casualty_claims)
    assert claim.claimant == claimant


@pytest.mark.parametrize("text, published, claim", [
    # "a war monitor said", then the monitor named
    ("Air strikes killed 17 civilians in the city on Wednesday, a war monitor said. The Syrian Observatory for "
     "Human Rights said at least 40 people were wounded.", dt.date(2017, 6, 14), (17, "Syrian Observatory for Human Rights")),
    # the monitor among joint sayers
    ("Air strikes hit a market in the town on Thursday, killing 12 people, a monitoring group and residents said. "
     "The Syrian Observatory for Human Rights said more than 30 people were wounded.", dt.date(2015, 10, 1),
     (12, "Syrian Observatory for Human Rights and residents")),
])
def test_a_monitor_referred_to_is_the_one_the_article_names(text: str, published: dt.date, claim: tuple) -> None:
    [annotated] = annotate([Article(article_id="a", document_id="d", index=0, text=text,
                                    published=published)], candidate_filter())
    claims = [c for s in annotated.sentences for c in find_casualty_claims(s, "a")]
    claimants_by_reference(claims, annotated.sentences)
    assert (claims[0].killed, claims[0].claimant) == claim


def _events_of(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    import json

    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "u", "title": "", "published": "2016-05-24", "outlet": "X", "text": text}) + "\n")
    store = Store(f"sqlite:///{tmp_path}/x.db")
    ingest([feed], store)
    return list(store.iter_events())


def test_an_update_told_before_its_event_replaces_the_earlier_figure(tmp_path: Path) -> None:
    """'The death toll from the bombing rose to 13' opens the report, the bombing and its first figure follow."""
    [event] = _events_of(tmp_path, (
        "The death toll from the terrorist suicide bombing on Tuesday rose to 13 martyrs, Syrian state media said. "
        "Earlier in the day, SANA had reported that eight people were martyred and more than 20 wounded when a suicide "
        "bomber blew himself up at the entrance of the bus station in Jableh, in Latakia province."))
    assert event["fatalities"] == 13
    assert [c["killed"] for c in event["claims"] if c.get("superseded_by")] == [8]


def test_a_claim_of_responsibility_dated_after_its_attack_reaches_it(tmp_path: Path) -> None:
    """'ISIS claimed responsibility for the attack through Amaq on Monday, saying ... killed five': the day is the
    claim's; the attack told four sentences before (on Sunday) is the one claimed, and its claim keeps the figure."""
    events = _events_of(tmp_path, (
        "Three fighters of the Syrian Democratic Forces were killed on Sunday evening in an attack by Islamic State cells "
        "on a checkpoint in the town of Thiban, in the eastern countryside of Deir ez-Zor. "
        "A military source said that gunmen riding two motorcycles opened fire on the checkpoint. "
        "The SDF later imposed a curfew on the town. Residents said they were afraid. "
        "ISIS claimed responsibility for the attack through its Amaq news agency on Monday, saying its members had "
        "killed five fighters in Thiban. "
        "The attack comes days after the end of the clashes between the SDF and Arab tribes in late August."))
    [attack] = [e for e in events if e["event_date"] >= "2016-05-20"]
    assert attack["fatalities"] == 3
    assert sorted(c["killed"] for c in attack["claims"] if c.get("killed")) == [3, 5]
    assert any(r.get("kind") == "claimed" for r in attack["responsibility"]) or attack["actor1"].startswith("Islamic State")


def test_the_owner_written_before_the_deed_is_actor1(tmp_path: Path) -> None:
    [event] = [e for e in _events_of(tmp_path, (
        "DAMASCUS, May 24 -- Four Syrian soldiers were killed and six others injured early Tuesday in Israeli missile "
        "strikes on positions near the town of al-Kiswah, the state news agency SANA reported.")) if e["fatalities"]]
    assert event["actor1"].startswith("Military Forces of Israel")


def test_the_jihadists_are_the_jihadist_group_named_before(tmp_path: Path) -> None:
    """'clashes between the Islamic State group and the US-backed SDF ... as the jihadists launched a counter-attack':
    the jihadists are the Islamic State, not the SDF named last."""
    events = _events_of(tmp_path, (
        "Fierce clashes between the Islamic State group and the US-backed Syrian Democratic Forces near the town of "
        "Hajin in eastern Syria left 39 fighters dead on Sunday, a war monitor said, as the jihadists launched a "
        "counter-attack under the cover of fog."))
    assert events and all(e["actor1"] == "Islamic State (Syria)" for e in events)


@pytest.mark.parametrize("text", ["A 35-year-old man was killed in the town on Monday.",
                                  "Gunmen shot dead a 20-year-old young man in the village of Tafas on Tuesday."])
def test_an_age_is_no_count(text: str) -> None:
    assert [c.killed for c in found_in(text, find_casualty_claims)] == [1]
