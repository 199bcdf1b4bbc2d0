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
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from real_style_articles import load_articles, produce, score_article, summarise  # noqa: E402
from support import found_in  # noqa: E402

from conflictwire.extraction.candidates import candidate_filter  # noqa: E402
from conflictwire.extraction.casualties import claimants_by_reference, find_casualty_claims  # noqa: E402
from conflictwire.models import Article  # noqa: E402
from conflictwire.pipeline.annotate import annotate  # noqa: E402

ARTICLES = load_articles()

# Floors a little under the measured numbers (never lowered; raise them when a change lifts a number).
FLOORS = {"found": 0.85, "toll_exact": 0.70, "type_right": 0.75, "all_right": 0.62, "actor1_right": 0.60,
          "claims_kept": 0.30}

# Tally leaks still present, and why (strict: a fix must remove its line).
KNOWN_LEAKS: dict[str, str] = {}


@cache
def rows() -> dict[str, dict[str, Any]]:
    events, _ = produce(ARTICLES)
    return {a["id"]: score_article(a, events[a["id"]]) for a in ARTICLES}


def test_fixtures_are_full_articles() -> None:
    assert len(ARTICLES) >= 25
    for a in ARTICLES:
        words = len(a["text"].split())
        assert 250 <= words <= 600, (a["id"], words)
        assert {"date", "admin1", "types", "killed", "actor1", "not_tolls"} <= set(a["expect"]), a["id"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(name: str) -> None:
    summary = summarise(list(rows().values()))
    assert summary[name] >= FLOORS[name], (name, summary)


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
])
def test_toll_of_one_sentence(text: str, killed: int | None) -> None:
    assert [c.killed for c in found_in(text, find_casualty_claims) if c.killed is not None] == \
        ([] if killed is None else [killed])


def test_a_part_of_the_victims_is_never_the_claimant() -> None:
    [claim] = found_in("Israeli missile strikes near the airport on Tuesday night killed eight pro-government fighters, "
                       "three of them Iranians, the Syrian Observatory for Human Rights said on Wednesday.",
                       find_casualty_claims)
    assert (claim.killed, claim.claimant) == (8, "Syrian Observatory for Human Rights")


def test_a_monitor_referred_to_is_the_one_the_article_names() -> None:
    text = ("Air strikes killed 17 civilians in the city on Wednesday, a war monitor said. The Syrian Observatory for "
            "Human Rights said at least 40 people were wounded.")
    [annotated] = annotate([Article(article_id="a", document_id="d", index=0, text=text,
                                    published=dt.date(2017, 6, 14))], candidate_filter())
    claims = [c for s in annotated.sentences for c in find_casualty_claims(s, "a")]
    claimants_by_reference(claims, annotated.sentences)
    assert [(c.killed, c.claimant) for c in claims][0] == (17, "Syrian Observatory for Human Rights")


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
