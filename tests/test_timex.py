"""Temporal expressions resolved against a publication date, as a user of the dataset sees them."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire.timex import (
    event_date,
    find_time_expressions,
    infer_publication_date,
    parse_date_string,
)

FRI = date(2024, 3, 8)  # a Friday
JAN = date(2024, 1, 10)  # a Wednesday early in the year
D = date.fromisoformat

# (sentence, anchor, span text, start, end, precision)
RESOLVED = [
    # weekdays: the latest such day on or before publication
    ("Gunmen attacked a checkpoint on Friday, police said.",
     FRI, "on Friday", D("2024-03-08"), D("2024-03-08"), 1),
    ("Gunmen attacked a checkpoint on Tuesday.", FRI, "on Tuesday", D("2024-03-05"), D("2024-03-05"), 1),
    ("Sunday's attack killed five soldiers.", FRI, "Sunday's", D("2024-03-03"), D("2024-03-03"), 1),
    ("Militants struck a convoy last Saturday.", FRI, "last Saturday", D("2024-03-02"), D("2024-03-02"), 1),
    ("Militants struck a convoy last Friday.", FRI, "last Friday", D("2024-03-01"), D("2024-03-01"), 1),
    ("The raid happened Thursday night near Idlib.",
     FRI, "Thursday night", D("2024-03-07"), D("2024-03-07"), 1),
    ("Fighting broke out early Monday in Khartoum.",
     FRI, "early Monday", D("2024-03-04"), D("2024-03-04"), 1),
    ("Ministers will meet on Sunday in Doha.", FRI, "on Sunday", D("2024-03-10"), D("2024-03-10"), 1),
    ("Talks are scheduled for Tuesday in Cairo.", FRI, "Tuesday", D("2024-03-12"), D("2024-03-12"), 1),
    ("On Monday, the envoys will travel to Aden.", FRI, "On Monday", D("2024-03-11"), D("2024-03-11"), 1),
    ("He will stand trial over Sunday's attack.", FRI, "Sunday's", D("2024-03-03"), D("2024-03-03"), 1),
    # words relative to the publication day
    ("A roadside bomb exploded yesterday in Kirkuk.", FRI, "yesterday", D("2024-03-07"), D("2024-03-07"), 1),
    ("Shelling continued today across the front.", FRI, "today", D("2024-03-08"), D("2024-03-08"), 1),
    ("Jets struck the town at dawn today.", FRI, "at dawn today", D("2024-03-08"), D("2024-03-08"), 1),
    ("Clashes erupted last night in Tripoli.", FRI, "last night", D("2024-03-07"), D("2024-03-07"), 1),
    ("Overnight, drones hit the air base.", FRI, "Overnight", D("2024-03-07"), D("2024-03-08"), 2),
    ("He was abducted a week ago.", FRI, "a week ago", D("2024-03-01"), D("2024-03-01"), 2),
    ("Two days ago a car bomb killed three.", FRI, "Two days ago", D("2024-03-06"), D("2024-03-06"), 1),
    ("Earlier this month, rebels took the town.",
     FRI, "Earlier this month", D("2024-03-01"), D("2024-03-08"), 2),
    ("Last month, rebels took the town.", FRI, "Last month", D("2024-02-01"), D("2024-02-29"), 3),
    ("In the past 24 hours, jets struck five targets.", FRI, "In the past 24 hours", D("2024-03-07"),
     D("2024-03-08"), 2),
    ("Militias clashed over the weekend.", date(2024, 3, 11), "over the weekend", D("2024-03-09"),
     D("2024-03-10"), 2),
    # calendar dates
    ("The strike came late on March 7.", FRI, "late on March 7", D("2024-03-07"), D("2024-03-07"), 1),
    ("Protests began early on January 3.", FRI, "early on January 3", D("2024-01-03"), D("2024-01-03"), 1),
    ("It happened on the seventh of last October.", FRI, "on the seventh of last October", D("2023-10-07"),
     D("2023-10-07"), 1),
    ("Blasts were heard at midnight on February 3.", FRI, "at midnight on February 3", D("2024-02-03"),
     D("2024-02-03"), 1),
    ("The update was issued 4:00 p.m. (EST) Feb. 02.", FRI, "4:00 p.m. (EST) Feb. 02", D("2024-02-02"),
     D("2024-02-02"), 1),
    ("The base was hit on Feb. 7 by rockets.", FRI, "on Feb. 7", D("2024-02-07"), D("2024-02-07"), 1),
    ("Troops arrived on 2 March.", FRI, "on 2 March", D("2024-03-02"), D("2024-03-02"), 1),
    ("Voting took place on March 2, 2024 amid boycotts.", FRI, "on March 2, 2024", D("2024-03-02"),
     D("2024-03-02"), 1),
    ("He died on January 5, 2020, in Baghdad.",
     FRI, "on January 5, 2020", D("2020-01-05"), D("2020-01-05"), 1),
    ("The siege ended on 28 December.", JAN, "on 28 December", D("2023-12-28"), D("2023-12-28"), 1),
    ("Strikes hit the port on Dec.14th.", JAN, "on Dec.14th", D("2023-12-14"), D("2023-12-14"), 1),
    ("Exercises ran May 15-24 near Aqaba.", FRI, "May 15-24", D("2023-05-15"), D("2023-05-24"), 2),
    ("Clashes flared 11-13 Dec. in the north.", JAN, "11-13 Dec.", D("2023-12-11"), D("2023-12-13"), 2),
    ("On Monday, Dec. 26 a bomb exploded.", date(2017, 1, 9), "On Monday, Dec. 26", D("2016-12-26"),
     D("2016-12-26"), 1),
    ("Rockets fell on 2024-03-05 near Erbil.", FRI, "on 2024-03-05", D("2024-03-05"), D("2024-03-05"), 1),
    # months, years, ranges
    ("The offensive began in December 2023.", FRI, "in December 2023", D("2023-12-01"), D("2023-12-31"), 3),
    ("The group was founded in 2014.", FRI, "in 2014", D("2014-01-01"), D("2014-12-31"), 3),
    ("Attacks have risen since mid-October.", FRI, "since mid-October", D("2023-10-11"), D("2024-03-08"), 3),
    ("Raids intensified in mid-February.", FRI, "in mid-February", D("2024-02-11"), D("2024-02-20"), 2),
    ("In May, rebels attacked the depot.", FRI, "In May", D("2023-05-01"), D("2023-05-31"), 3),
    ("Fighting resumed in March.", FRI, "in March", D("2024-03-01"), D("2024-03-08"), 3),
    ("The dam was seized in the summer of 2017.",
     FRI, "in the summer of 2017", D("2017-06-01"), D("2017-08-31"), 3),
    ("Since the September 11 attacks, the base has grown.", FRI, "September 11", D("2001-09-11"),
     D("2001-09-11"), 1),
]


@pytest.mark.parametrize(("sentence", "anchor", "span", "start", "end", "precision"), RESOLVED)
def test_expression_is_found_and_resolved(sentence, anchor, span, start, end, precision):
    found = find_time_expressions(sentence, anchor)
    assert [t.span.text for t in found] == [span]
    expression = found[0]
    assert (expression.start, expression.end, expression.precision) == (start, end, precision)
    assert sentence[expression.span.start:expression.span.end] == span
    assert expression.basis


FUTURE = [
    ("Ministers will meet on Sunday in Doha.", FRI, True),
    ("The delegation will visit Berlin on November 17.", date(2017, 1, 15), True),
    ("Elections will be held next month.", FRI, True),
    ("The ceasefire is due to expire tomorrow.", FRI, True),
    ("Gunmen attacked the checkpoint on Friday.", FRI, False),
    ("He will stand trial over Sunday's attack.", FRI, False),
    ("On Friday, the army said it will withdraw.", FRI, False),
]


@pytest.mark.parametrize(("sentence", "anchor", "future"), FUTURE)
def test_future_tense_is_flagged(sentence, anchor, future):
    (expression,) = find_time_expressions(sentence, anchor)
    assert expression.future is future
    assert (expression.start > anchor) is future


def test_stated_weekday_picks_the_year_of_a_yearless_date():
    # 7 February is a Wednesday in 2024, not in 2023: the weekday settles the year.
    (expression,) = find_time_expressions("Strikes hit on Wednesday 7 February.", date(2024, 2, 1))
    assert expression.start == date(2024, 2, 7)


def test_month_and_day_do_not_join_across_lines():
    found = find_time_expressions("1. Fuel prices to rise in February\n2. Marathon route", FRI)
    assert [t.span.text for t in found] == ["in February"]


def test_future_calendar_date_without_year_stays_ahead():
    sentence = "The delegation will visit Berlin on November 17."
    (expression,) = find_time_expressions(sentence, date(2017, 1, 15))
    assert expression.start == date(2017, 11, 17)


NO_DATE = [
    "We will continue to support our partners.",
    "They may strike again at any time.",
    "It took a second to realise what happened.",
    "The war has lasted five years.",
    "A decade later the town was rebuilt.",
    "Theresa May met the delegation.",
    "Protesters march on the capital.",
    "The Good Friday Agreement ended the conflict.",
    "At least 2016 people were displaced.",
    "The following day, troops withdrew.",
    "Coalition forces conducted 14 strikes consisting of 22 engagements.",
    "The 2016 elections were postponed.",
    "The operation on April 31 failed.",
    "Sun Jian met the envoy in the capital.",
    "",
]


@pytest.mark.parametrize("sentence", NO_DATE)
def test_no_date_is_invented(sentence):
    assert find_time_expressions(sentence, FRI) == []


def test_offsets_point_into_the_article():
    article = "Officials said nothing. Gunmen attacked a checkpoint on Friday near Mosul."
    sentence_start = article.index("Gunmen")
    sentence = article[sentence_start:]
    (expression,) = find_time_expressions(sentence, FRI, offset=sentence_start)
    assert article[expression.span.start:expression.span.end] == "on Friday"


def test_several_expressions_come_in_text_order():
    sentence = "Raids began on March 2, 2024 and resumed yesterday, with more due next week."
    spans = [t.span.text for t in find_time_expressions(sentence, FRI)]
    assert spans == ["on March 2, 2024", "yesterday", "next week"]


def test_event_date_skips_future_and_falls_back_to_publication():
    assert event_date("Talks will resume on Sunday after yesterday's blast.", FRI).start == date(2024, 3, 7)
    fallback = event_date("Militants attacked the village.", FRI)
    assert (fallback.start, fallback.span) == (FRI, None)


PARSED = [
    ("2024-03-02", date(2024, 3, 2), None),
    ("2024-03-02T10:00:00Z", date(2024, 3, 2), None),
    ("March 2, 2024", date(2024, 3, 2), None),
    ("Updated: Feb. 7, 2024 4:10 PM", date(2024, 2, 7), None),
    ("Saturday 2 March 2024", date(2024, 3, 2), None),
    ("Sat, 02 Mar 2024 10:00:00 GMT", date(2024, 3, 2), None),
    ("02/03/2024", date(2024, 2, 3), None),
    ("02/03/2024", date(2024, 3, 2), True),
    ("13/03/2024", date(2024, 3, 13), None),
    ("09.04.2020", date(2020, 4, 9), None),
    ("2 de marzo de 2024", date(2024, 3, 2), None),
]


@pytest.mark.parametrize(("raw", "expected", "day_first"), PARSED)
def test_parse_date_string(raw, expected, day_first):
    parsed = parse_date_string(raw, day_first=day_first)
    assert parsed is not None and parsed.value == expected
    assert raw[parsed.span.start:parsed.span.end] == parsed.span.text


@pytest.mark.parametrize("raw", ["3 hours ago", "March 2024", "Breaking news", ""])
def test_parse_date_string_needs_a_full_date(raw):
    assert parse_date_string(raw) is None


INFERRED = [
    ("The ministry said on March 4, 2024 that talks failed. A bomb exploded yesterday, Wednesday, in Kirkuk.",
     date(2024, 3, 7), "Thursday"),
    ("Gunmen struck yesterday (March 6, 2024) in Mosul, officials said.", date(2024, 3, 7), "2024-03-06"),
    ("A drone hit a car late yesterday, Wednesday 7 February, officials said. It was the first strike "
     "since the January 28, 2024 attack.", date(2024, 2, 8), "Wednesday 7 February"),
    ("Six days into the new year, fighting resumed. The truce signed on December 20, 2023 collapsed.",
     date(2024, 1, 6), "new year"),
    ("Elections are scheduled for March 30, 2025. The attack on March 2, 2024 killed five.",
     date(2024, 3, 2), "March 2, 2024"),
]


@pytest.mark.parametrize(("text", "expected", "reason_mentions"), INFERRED)
def test_infer_publication_date(text, expected, reason_mentions):
    inferred = infer_publication_date(text)
    assert inferred is not None
    value, reasoning = inferred
    assert value == expected
    assert reason_mentions in reasoning


def test_infer_publication_date_without_evidence():
    assert infer_publication_date("Gunmen attacked a village on Friday, officials said.") is None


def test_short_weekday_with_numeric_day_and_month_is_settled_by_the_weekday() -> None:
    """A digest's "Sat 10/02 - Idlib, Syria: ...": 10 February 2024 is a Saturday, 2 October 2023 is not."""
    from datetime import date

    from conflictwire import timex

    [found] = timex.find_time_expressions("Sat 10/02 – Idlib, Syria: shelling killed two.", date(2024, 2, 12))
    assert (found.start, found.end, found.span.text) == (date(2024, 2, 10), date(2024, 2, 10), "Sat 10/02")
    assert timex.find_time_expressions("Sun 3/4 shelling", date(2024, 2, 12)) == []  # no reading is a Sunday
