"""Stage *date*: give every article a publication date and say where it came from.

Order of evidence (first that yields a date wins):

1. a record's own ``published`` field                    -> ``given``
2. the article's dateline (``published_raw``), or the page's
   stated date for a single-article page, or a dateline opening
   the text ("Wed 05 Apr 2017", "DAMASCUS, Feb 5 (Reuters) -")  -> ``stated``
3. ``--published`` on the command line                    -> ``given``
4. the article's own text (``timex.infer_publication_date``,
   plus a few relative cues handled here)                 -> ``inferred`` (reasoning in warnings)
5. nothing: ``published`` stays None and a warning asks for ``--published``.

Today's date is never used.

Dateline strings are parsed here (this module owns their formats): month-name dates
("Sat February 3, 2024", "25 May 2020"), ISO and year-first dates ("2024/02/22"),
and numeric day/month dates.  Times and zones ("8:43 AM EST") are ignored.  A numeric
date such as 04/09/2020 is ambiguous; it is settled, in order, by a part above 12, by
other dates in the same page written with the same separator, by the neighbouring
articles' dates (digests are listed in date order), and last by the separator's habit
(dotted = day.month.year, slashed = month/day/year).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from conflictwire import lang, timex
from conflictwire.dateline import wire_dateline
from conflictwire.models import Article, CleanedDocument

_MONTHS = timex.MONTHS
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"

# "February 3, 2024", "Feb. 3rd 2024", "Sat February 3, 2024"
_MDY = re.compile(
    rf"\b(?:{_WEEKDAY_ALT}\s+)?(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
# "25 May 2020", "Monday 25th May, 2020"
_DMY = re.compile(
    rf"\b(?:{_WEEKDAY_ALT}\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
# "2024/02/22", "2020-05-25", "2020-05-25T10:00:00Z"
_YMD = re.compile(r"\b(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})(?!\d)")
# "03/27/2020", "09.04.2020", "25-05-2020"
_NUMERIC = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b")


@dataclass
class FoundDate:
    """A full date found in a dateline string, possibly with two readings."""

    raw: str
    start: int
    end: int
    month_first: date | None  # the a/b reading as month/day (None if impossible)
    day_first: date | None  # the a/b reading as day/month
    separator: str = ""  # "", "/", ".", "-": numeric dates only

    @property
    def ambiguous(self) -> bool:
        return (
            self.month_first is not None
            and self.day_first is not None
            and self.month_first != self.day_first
        )

    def resolve(self, day_first: bool | None = None) -> date | None:
        """One reading: the only possible one, else the caller's choice, else the separator's habit."""
        if not self.ambiguous:
            return self.month_first or self.day_first
        if day_first is None:
            day_first = self.separator in (".", "-")
        return self.day_first if day_first else self.month_first


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> FoundDate | None:
    """The first full date (day, month and year) in a short dateline-like string."""
    found: list[FoundDate] = []
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            value = _safe_date(int(m.group("year")), _MONTHS[m.group("month").lower()], int(m.group("day")))
            if value:
                found.append(FoundDate(m.group(0), m.start(), m.end(), value, value))
    for m in _YMD.finditer(text):
        value = _safe_date(int(m.group("year")), int(m.group("a")), int(m.group("b")))
        if value:
            found.append(FoundDate(m.group(0), m.start(), m.end(), value, value))
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        month_first, day_first = _safe_date(year, a, b), _safe_date(year, b, a)
        if month_first or day_first:
            found.append(FoundDate(m.group(0), m.start(), m.end(), month_first, day_first, m.group("sep")))
    if not found:
        return None
    return min(found, key=lambda f: (f.start, -(f.end - f.start)))


# --------------------------------------------------------------------------- the stage


def date_articles(articles: list[Article], cleaned: CleanedDocument) -> list[Article]:
    """Fill ``published`` and ``published_source`` on every article (in place; returned)."""
    document = cleaned.document
    stated = _stated_dates(articles, cleaned)
    record_date = _record_published(cleaned)
    # a page of pasted stories lists what was published before it was compiled: its latest stated date
    # bounds a story whose wire dateline states no year ("SANAA, Feb 4 (EW) -")
    page_found = find_date(cleaned.page_published) if cleaned.page_published else None
    page_latest = max([d for d in stated if d is not None] + ([page_found.resolve()] if page_found else [])
                      + [date.min])
    for article, stated_date in zip(articles, stated):
        if record_date is not None:
            article.published, article.published_source = record_date, "given"
        elif stated_date is not None:
            article.published, article.published_source = stated_date, "stated"
        elif (in_text := text_dateline_date(article, page_latest if len(articles) > 1 else None)) is not None:
            article.published, article.published_source = in_text, "stated"
        elif document.given_published is not None:
            article.published, article.published_source = document.given_published, "given"
        else:
            _infer(article)
    return articles


def _record_published(cleaned: CleanedDocument) -> date | None:
    """A JSONL/CSV record's own ``published`` value (the reader may already have parsed it)."""
    document = cleaned.document
    if document.media_type != "record":
        return None
    raw = document.meta.get("published")
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and raw.strip():
        found = find_date(raw)
        if found:
            return found.resolve()
        parsed = timex.parse_date_string(raw)
        if parsed:
            return parsed.value
    return document.given_published


def _stated_dates(articles: list[Article], cleaned: CleanedDocument) -> list[date | None]:
    """Each article's dateline date, ambiguous numeric dates settled page-wide."""
    found = [find_date(a.published_raw) if a.published_raw else None for a in articles]
    if len(articles) == 1 and found[0] is None and cleaned.page_published:
        found[0] = find_date(cleaned.page_published)
    choice = _best_reading(found)
    resolved = [f.resolve(choice.get(f.separator)) if f else None for f in found]
    for article, f, value in zip(articles, found, resolved):
        if f and f.ambiguous and value:
            article.warnings.append(f"ambiguous dateline date {f.raw!r} read as {value.isoformat()}")
    for n, article in enumerate(articles):
        if resolved[n] is None and article.url:
            resolved[n] = _url_date(article)
    return resolved


# News sites put the publication day in article paths: /2024/02/18/slug or /2024-02-18-slug.
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=[/-]|$)")


def _url_date(article: Article) -> date | None:
    """The day in the article's own URL path: the page states it, so it counts as stated."""
    match = _URL_DATE.search(article.url or "")
    if not match:
        return None
    value = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    if value is not None:
        article.warnings.append(f"publication date {value.isoformat()} taken from the article's URL")
    return value


def _best_reading(found: list[FoundDate | None]) -> dict[str, bool]:
    """separator -> day_first for the page, chosen as a whole (one page keeps one habit).

    Every combination of readings is scored: contradictions with unambiguous dates of the
    same separator (27/03/2020 proves day-first), then dates out of the digest's order,
    then how far apart neighbouring articles fall (log days), then breaks of the
    separator's habit (dotted and dashed = day first, slashed = month first).
    """
    separators = sorted({f.separator for f in found if f and f.ambiguous})[:4]
    if not separators:
        return {}
    best: tuple[tuple[float, ...], dict[str, bool]] | None = None
    for bits in itertools.product((True, False), repeat=len(separators)):
        choice = dict(zip(separators, bits))
        score = _reading_score(found, choice)
        if best is None or score < best[0]:
            best = (score, choice)
    return best[1] if best else {}


def _reading_score(found: list[FoundDate | None], choice: dict[str, bool]) -> tuple[float, ...]:
    contradictions = 0
    for f in found:
        if f and f.separator in choice and not f.ambiguous:
            value = f.resolve()
            first = int(re.split(r"[-/.]", f.raw)[0])
            if value and value.day != value.month:
                contradictions += (first == value.day) != choice[f.separator]
    values = [f.resolve(choice.get(f.separator)) for f in found if f]
    dated = [v for v in values if v]
    steps = [(b - a).days for a, b in zip(dated, dated[1:])]
    out_of_order = min(sum(s > 0 for s in steps), sum(s < 0 for s in steps))
    spread = sum(math.log1p(abs(s)) for s in steps)
    habit = sum(day_first != (sep in (".", "-")) for sep, day_first in choice.items())
    return (contradictions, out_of_order, round(spread, 6), habit)


# --------------------------------------------------------------------------- datelines in the text

_DATE_LINE_START = re.compile(
    rf"^(?:(?:published|posted|updated|first published)\s*:?\s*(?:on\s+)?)?(?:{_WEEKDAY_ALT}\s+)?"
    r"(?=\d|[A-Za-z]{3})", re.I)


def text_dateline_date(article: Article, page_latest: date | None = None) -> date | None:
    """The publication date a dateline at the very top of the article's text states.

    "Wed 05 Apr 2017" / "Published February 18 2015" opening the text give the whole date.
    A wire dateline without a year ("DAMASCUS, Feb 5 (Reuters) -") takes the year that puts
    it on or after the latest full date the text states, within a year; with no full date
    in the text its year is unknown and nothing is returned ("BEIRUT (AP) —" states none), unless
    the story is one of several pasted on a page whose latest stated date is ``page_latest``: then
    the year that puts it on or before that date, within a year.
    """
    first = article.text.lstrip()[:200].split("\n", 1)[0]
    if not first:
        return None
    head = _DATE_LINE_START.match(first)
    if head:
        found = find_date(first[: 60])
        if found is not None and found.start <= head.end() + 1 and not found.ambiguous:
            value = found.resolve()
            article.warnings.append(f"publication date {value.isoformat()} from the dateline {found.raw!r}")
            return value
    wire = wire_dateline(first)
    if not wire or not wire.group("month") or not any(ch.islower() for ch in first[wire.end():]):
        return None
    month, day = _MONTHS[wire.group("month").lower()], int(wire.group("day"))
    if wire.group("year"):
        value = _safe_date(int(wire.group("year")), month, day)
    else:
        latest = timex.infer_publication_date(article.text[wire.end():])
        value = None
        if latest is not None:
            anchor = latest[0]
            for year in (anchor.year, anchor.year + 1):
                candidate = _safe_date(year, month, day)
                if candidate is not None and anchor <= candidate <= anchor + timedelta(days=366):
                    value = candidate
                    break
        elif page_latest is not None and page_latest > date.min:
            for year in (page_latest.year, page_latest.year - 1):
                candidate = _safe_date(year, month, day)
                if candidate is not None and candidate <= page_latest:
                    value = candidate
                    break
    if value is not None:
        article.warnings.append(f"publication date {value.isoformat()} from the dateline {wire.group(0).strip()!r}")
    return value


# --------------------------------------------------------------------------- compilation pages

# Paragraphs back (besides the sentence's own) where a local date may stand.
LOCAL_DATE_PARAGRAPHS = 5


def compilation_anchor(article: Article, offset: int) -> date | tuple[date, date] | None:
    """The date a sentence of an undated compilation page is anchored on (issue 13, class 7).

    An undated page that stacks several days of news, newest first, is dated (inferred) from
    the latest full date it mentions; its events must not all take that day.  For a sentence
    at ``offset`` this returns the nearest full date stated before it in its own paragraph or
    the few paragraphs above (weekdays and "yesterday" then resolve against that day); with no
    such date, the span of dates the page covers (first, last), for a coarse range.  Returns
    None for every other article: the publication date anchors it as usual.
    """
    if article.published_source != "inferred":
        return _day_heading(article, offset)
    dates = _stated_full_dates(article.text)
    if len({value for _, value in dates}) < 2 or (max(v for _, v in dates) - min(v for _, v in dates)).days < 2:
        return None
    paragraph_start = article.text.rfind("\n\n", 0, offset)
    floor = paragraph_start
    for _ in range(LOCAL_DATE_PARAGRAPHS):
        if floor <= 0:
            break
        floor = article.text.rfind("\n\n", 0, floor)
    before = sorted([(start, value) for start, value in dates if max(floor, 0) <= start < offset]
                    + _item_dates(article.text, max(floor, 0), offset,
                                  max([v for _, v in dates] + [article.published or date.min])))
    if before:
        return before[-1][1]
    return min(v for _, v in dates), max(v for _, v in dates)


# A line that is nothing but a day: a live blog's or a digest's day heading ("Friday 12 January",
# "12 January 2024", "Friday, January 12").
DAY_HEADING = re.compile(
    rf"^[ \t]*(?:{_WEEKDAY_ALT}\s+)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_ALT})\.?"
    rf"|(?P<month2>{_MONTH_ALT})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(?P<year>(?:19|20)\d\d))?[ \t]*$",
    re.I | re.M,
)
# A day heading dates the entries under it when it falls this close before the page's own date.
DAY_HEADING_DAYS = 31


def _day_heading(article: Article, offset: int) -> date | None:
    """The day heading the sentence at ``offset`` stands under, on a dated page ("Friday 12 January" over a
    live blog's entries of that day: their "yesterday" is the 11th, not the day before the page's date)."""
    published = article.published
    if published is None:
        return None
    heading = None
    for m in DAY_HEADING.finditer(article.text, 0, offset):
        heading = m
    if heading is None:
        return None
    month = _MONTHS[(heading.group("month") or heading.group("month2")).lower()]
    day = int(heading.group("day") or heading.group("day2"))
    years = [int(heading.group("year"))] if heading.group("year") else [published.year, published.year - 1]
    for year in years:
        value = _safe_date(year, month, day)
        if value is not None and value <= published:
            return value if (published - value).days <= DAY_HEADING_DAYS else None
    return None


# A digest item opening on its day and month, no year: "8 February - Anbar: ...", "Feb. 8 – Hasakah –",
# "February 8: ...".
_ITEM_DATE = re.compile(
    rf"(?:^|\n\n)[-–—•*]?\s*(?:{_WEEKDAY_ALT}\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_ALT})\.?"
    rf"|(?P<month2>{_MONTH_ALT})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)"
    r"\s*(?:[-–—:|,]|\s[-–—]\s)",
    re.I,
)


def _item_dates(text: str, start: int, end: int, latest: date) -> list[tuple[int, date]]:
    """(offset, date) of the paragraphs in text[start:end] that open on a day and month.

    The year is the one that puts the day on or before the page's latest full date, within a
    year: a digest lists what happened before it was compiled.
    """
    found: list[tuple[int, date]] = []
    for m in _ITEM_DATE.finditer(text, start, end):
        month = _MONTHS[(m.group("month") or m.group("month2")).lower()]
        day = int(m.group("day") or m.group("day2"))
        for year in (latest.year, latest.year - 1):
            value = _safe_date(year, month, day)
            if value is not None and value <= latest:
                found.append((m.start(), value))
                break
    return found


def _stated_full_dates(text: str) -> list[tuple[int, date]]:
    """(offset, date) of every month-name date with day and year in the text, in text order."""
    found: list[tuple[int, date]] = []
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            value = _safe_date(int(m.group("year")), _MONTHS[m.group("month").lower()], int(m.group("day")))
            if value is not None:
                found.append((m.start(), value))
    return sorted(found)


# --------------------------------------------------------------------------- inference

@lang.derived
def _days_into_year_pattern(words: lang.Words) -> re.Pattern[str]:
    """"six days into the new year", "10 days into 2024" (number words from knowledge/lang/)."""
    return re.compile(
        rf"\b(?P<n>\d{{1,3}}|{lang.alternation(words.cardinals)})\s+days?\s+into\s+"
        r"(?:the\s+new\s+year|(?P<year>(?:19|20)\d\d))\b",
        re.I,
    )


def _infer(article: Article) -> None:
    """Date an article from its own text and title, or leave it undated with a warning.

    The title counts: a digest titled "Security digest, 5-11 February 2024" is published on or
    after 11 February 2024, whatever older dates its background lines state.
    """
    title = (article.title or "").strip()
    result = timex.infer_publication_date(f"{title}\n\n{article.text}" if title else article.text)
    if result is None:
        result = _days_into_year(article.text)
    if result is None:
        article.published, article.published_source = None, None
        article.warnings.append(
            "no publication date: the page states none and none could be inferred from the text; "
            "pass --published DATE"
        )
        return
    value, reasoning = result
    article.published, article.published_source = value, "inferred"
    article.warnings.append(f"publication date inferred: {reasoning}")


def _days_into_year(text: str) -> tuple[date, str] | None:
    """"six days into the new year": the year must be stated as the new one ("January 2021")."""
    m = _days_into_year_pattern().search(text)
    if not m:
        return None
    count_word = m.group("n").lower()
    count = int(count_word) if count_word.isdigit() else lang.words().cardinals[count_word]
    year = int(m.group("year")) if m.group("year") else _new_year_named_in(text)
    if year is None or not 1 <= count <= 31:
        return None
    value = date(year, 1, 1) + timedelta(days=count - 1)  # "six days into" = the sixth day
    return value, f"{m.group(0)!r}, with the new year named in the text as {year} (earliest reading)"


# "January 2021", "the start of 2021", "2021 began": a year named as the one just begun.
_NEW_YEAR_CUE = re.compile(
    r"\b(?:jan(?:uary|\.)?|(?:start|beginning|first (?:days?|week|weeks) )\s*of)\s+(?P<a>(?:19|20)\d\d)\b"
    r"|\b(?P<b>(?:19|20)\d\d)\s+(?:began|has begun|opened)\b",
    re.I,
)


def _new_year_named_in(text: str) -> int | None:
    years = {int(m.group("a") or m.group("b")) for m in _NEW_YEAR_CUE.finditer(text)}
    return years.pop() if len(years) == 1 else None
