"""Temporal expressions: find date phrases in text and resolve them against an anchor date.

Used by the *date* stage (dating undated pages from their own text) and by the
*extract* stage (dating each event against its article's publication date).

Approach
--------
Spans are found with our own tight, precompiled regular expressions, one *rule*
per family of expressions (calendar dates, bare months, years, weekdays, words
such as "yesterday", "N days ago", "last month").  Each rule has a resolver that
turns the match into a :class:`TimeExpression` (start, end, precision, basis).
Overlapping matches are settled by keeping the longest span, so "the seventh of
last October" beats "last October", and "since mid-October" beats "mid-October".

Precision before recall:

* month names and weekdays are matched case-sensitively (``May``/``MAY``, never
  ``may``), and a bare month needs a cue (in/during/since/early/late/mid/last/
  this/next): "may strike", "we", "a second", "five years", "a decade later"
  never produce dates;
* expressions that depend on narrative time ("the following day", "a week
  later") are left out rather than guessed.

Resolution rules (the anchor is usually the publication date):

* a weekday is the latest such day on or before the anchor (the anchor's own
  weekday is the anchor itself); "last Friday" is strictly before; a future cue
  in the clause ("will meet on Sunday", "talks scheduled for Sunday") or "next"
  turns it into the next such day;
* a day and month without a year that would fall after the anchor belong to the
  previous year, unless the clause is in the future tense;
* a range that runs past the anchor ("this month", "in March" in a March article)
  is cut at the anchor; ``since X`` is the range X..anchor.

``future`` on a result is True when the expression lies after the anchor, so the
extractor can tell threats and plans from events.

dateparser is used only in :func:`parse_date_string`, as a strict fallback for
stand-alone date strings in formats our patterns do not cover; in running text it
is slow (~1.3 ms a sentence) and over-matches (see extraction-notes.md).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from conflictwire import lang, settings
from conflictwire.knowledge import Knowledge
from conflictwire.models import Span, TimeExpression

# --------------------------------------------------------------------------- vocabulary

# The words come from knowledge/lang/ (numbers.yaml, calendar.yaml): the package's, compiled into
# the patterns below once, at import.
_WORDS = lang.packaged()
MONTHS = dict(_WORDS.months)
WEEKDAYS = _WORDS.weekdays
_SMALL_NUMBERS = {**dict.fromkeys(_WORDS.one_words, 1), **_WORDS.cardinals}  # "a week ago", "fifteen days ago"
_ORDINAL_WORDS = dict(_WORDS.ordinals)
# Parts of a month / year named by "early", "mid", "late" (day or month ranges).
_PART_OF_MONTH = dict(_WORDS.parts_of_month)
_PART_OF_YEAR = dict(_WORDS.parts_of_year)
_SEASONS = dict(_WORDS.seasons)
_NUMBER_WORD = lang.alternation(_SMALL_NUMBERS)

# --------------------------------------------------------------------------- pattern pieces
# Patterns are compiled with re.I; names of months and weekdays switch it off with (?-i:...)
# so that "may", "march" and "sun" in running text never look like dates.


def _case_forms(words: list[str]) -> str:
    forms = []
    for word in sorted(words, key=len, reverse=True):
        forms += [word.capitalize(), word.upper()]
    return "(?-i:" + "|".join(forms) + r")(?![A-Za-z])"


_MONTH_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = [m for m in MONTHS if m not in _MONTH_FULL]


def _month(name: str = "month") -> str:
    """A month name or abbreviation (``Feb.``/``Feb``), captured as ``name`` (without the dot)."""
    return rf"(?P<{name}>{_case_forms(_MONTH_FULL)}|{_case_forms(_MONTH_ABBR)}(?:\.(?!\s*$))?)"


_WEEKDAY = rf"(?P<weekday>{_case_forms(list(WEEKDAYS))})"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d,.]\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_TIME_OF_DAY = (
    r"(?:(?:at|around|about|before|after|shortly\s+(?:before|after))\s+)?"
    r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)|\d{4}\s*(?:hours|hrs|GMT|UTC)|\d{1,2}:\d\d)"
    r"(?:\s*\(?(?-i:[A-Z]{2,4})\)?)?"
)
_DAYPART = r"(?:dawn|dusk|midnight|noon|daybreak|nightfall|sunrise|sunset|first\s+light)"
# Words that may stand before a day ("late on", "at midnight on", "4:00 p.m. (EST)").
_PRE = (
    r"(?P<pre>"
    rf"{_TIME_OF_DAY},?\s+(?:on\s+)?"
    r"|(?:(?:very\s+)?(?:early|late)|earlier|later)\s+(?:on\s+)?"
    rf"|(?:(?:at|around|before|after|shortly\s+(?:before|after))\s+)?{_DAYPART}\s+(?:on\s+)?"
    r"|(?:on\s+)?the\s+(?:morning|afternoon|evening|night)\s+of\s+"
    r"|in\s+the\s+(?:early\s+)?(?:hours|morning|afternoon|evening)\s+of\s+"
    r"|on\s+)?"
)
_POST = r"(?P<post>\s+(?:morning|afternoon|evening|night))?"
_SINCE = r"(?:(?P<since>since)\s+)?"

# Clause-level tense cues: a future cue before the expression in its clause, or right after
# an expression that opens a clause ("On Sunday, ministers will meet").
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|won['’]t"
    r"|(?:is|are|be)\s+(?:due|set|scheduled|expected|slated|going|planning|poised)\s+to"
    r"|(?:scheduled|planned|slated|set|due)\s+(?:for|on)|to\s+be\s+held|upcoming|intends?\s+to|plans?\s+to)\b"
    r"|['’]ll\b",
    re.I,
)
_FUTURE_AFTER = re.compile(
    r"[,\s]*(?:[\w'’-]+\s+){0,3}?(?:will|shall|is\s+(?:due|set|scheduled|expected)\s+to"
    r"|are\s+(?:due|set|scheduled|expected)\s+to)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.;!?\n]|\b(?:which|who|after|when|while|because|but)\b", re.I)
# Events people schedule: "Sunday's election" can be ahead; "Sunday's attack" cannot.
_SCHEDULED_NOUN = re.compile(
    r"\s+(?:election|elections|vote|poll|polls|summit|meeting|talks|deadline|referendum|ceremony"
    r"|rally|hearing|session|conference|visit)\b",
    re.I,
)
# Named days that are not calendar references.
_NOT_A_WEEKDAY_BEFORE = re.compile(r"(?:Good|Black|Bloody|Holy|Ash|Palm|Maundy|Cyber|Super)\s+$")
_NOT_A_WEEKDAY_AFTER = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Agreement|Mosque)\b")

# Cheap gates: each rule runs only when its gate finds a key word in the text (most
# sentences hold none, and the full patterns with their optional prefixes cost ~0.08 ms each).
_MONTH_GATE = (
    r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
)
_WEEKDAY_GATE = r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY)"
_YEAR_GATE = r"(?<!\d)(?:19|20)\d\d(?!\d)"
_DAY_WORD_GATE = r"today|tonight|yesterday|tomorrow|night|this\s+(?:morning|afternoon|evening)"
_AGO_GATE = r"\bago\b"
_PERIOD_GATE = r"(?:last|this|next)\s+(?:week|month|year)"
_RECENT_GATE = r"(?:past|last)\s+(?:\d|twenty|forty|seventy|week|month|year)|weekend"
# "Sat 10/02": a digest's short weekday and a numeric day and month
_SHORT_WEEKDAY_GATE = r"(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+[0-3]?\d/[01]?\d"
_COMPILED_GATES = {
    gate: re.compile(gate, re.I)
    for gate in (
        _MONTH_GATE, _WEEKDAY_GATE, _YEAR_GATE, _DAY_WORD_GATE, _AGO_GATE, _PERIOD_GATE, _RECENT_GATE,
        _SHORT_WEEKDAY_GATE,
    )
}
_GATE = re.compile(
    "|".join([_MONTH_GATE, _WEEKDAY_GATE, _YEAR_GATE, _DAY_WORD_GATE, _AGO_GATE, _PERIOD_GATE, _RECENT_GATE,
              _SHORT_WEEKDAY_GATE]),
    re.I,
)


# --------------------------------------------------------------------------- results


@dataclass
class ParsedDate:
    value: date
    precision: int  # 1 day, 2 week/range, 3 month or coarser
    span: Span


@dataclass
class _Found:
    """One resolved match before overlap resolution (offsets into the searched text)."""

    start_char: int
    end_char: int
    first: date
    last: date
    precision: int
    basis: str
    future: bool = False


_Resolver = Callable[[re.Match[str], date, str], "_Found | None"]


# --------------------------------------------------------------------------- date arithmetic


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(value: date, months: int) -> tuple[int, int]:
    index = value.year * 12 + value.month - 1 + months
    return index // 12, index % 12 + 1


def _range_precision(first: date, last: date) -> int:
    days = (last - first).days + 1
    return 1 if days <= 1 else 2 if days <= 16 else 3


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


# --------------------------------------------------------------------------- tense


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 90):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end():] if breaks else window


def _is_future(text: str, start: int, end: int) -> bool:
    """Does the clause around text[start:end] speak of something still to come?"""
    if _FUTURE_BEFORE.search(_clause_before(text, start)):
        return True
    return bool(_FUTURE_AFTER.match(text, end, min(len(text), end + 40)))


# --------------------------------------------------------------------------- resolvers


def _found(m: re.Match[str], first: date, last: date, precision: int, basis: str, anchor: date) -> _Found:
    return _Found(m.start(), m.end(), first, last, precision, basis, future=first > anchor)


def _apply_since(found: _Found, m: re.Match[str], anchor: date) -> _Found:
    """``since X``: the range from the start of X to the anchor."""
    if m.groupdict().get("since") and found.first <= anchor:
        found.last = anchor
        found.precision = _range_precision(found.first, anchor)
        found.basis = f"since {found.basis}, up to the anchor"
    elif not found.future and found.last > anchor:
        found.last = anchor  # "this month", "in March" in a March article: nothing after the anchor
        found.precision = max(found.precision, _range_precision(found.first, found.last))
    return found


def _resolve_calendar(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """Day + month (+ year): "March 2, 2024", "2 March", "late on March 17", "11-13 Dec."."""
    month = _month_number(m.group("month"))
    day = _ORDINAL_WORDS.get((m.groupdict().get("ord") or "").lower()) or int(m.group("day"))
    day2 = int(m.group("day2")) if m.groupdict().get("day2") else None
    if day2 is not None and day2 <= day:
        return None
    rel = (m.groupdict().get("rel") or "").lower()
    if m.group("year"):
        year, basis = int(m.group("year")), "calendar date"
    elif rel:
        year = _year_of_month(month, anchor, rel, future=False)
        basis = f"day of {rel} {calendar.month_name[month]}"
    else:
        year, basis = _year_for_yearless(month, day2 or day, anchor, _is_future(text, m.start(), m.end()))
        if m.groupdict().get("weekday") and day2 is None:
            year, basis = _year_from_weekday(month, day, m.group("weekday"), anchor, (year, basis))
    first = _safe_date(year, month, day)
    last = _safe_date(year, month, day2) if day2 else first
    if first is None or last is None:
        return None
    named = _named_date(m, month, day, anchor, text) if not m.group("year") and day2 is None else None
    if named is not None:
        first = last = named
        basis = f"named event date ({named.isoformat()})"
    weekday = m.groupdict().get("weekday")
    if weekday and WEEKDAYS.index(weekday.lower()) != first.weekday() and day2 is None:
        basis += f" (note: {first:%Y-%m-%d} is a {first:%A}, not a {weekday.capitalize()})"
    if m.groupdict().get("pre") and m.group("pre").strip().lower() not in ("on",):
        basis += f", {m.group('pre').strip()}"
    found = _found(m, first, last, _range_precision(first, last), basis, anchor)
    return _apply_since(found, m, anchor)


def _year_from_weekday(
    month: int, day: int, weekday: str, anchor: date, fallback: tuple[int, str]
) -> tuple[int, str]:
    """"Wednesday 7 February" without a year: the year next to the anchor where the weekday fits."""
    target = WEEKDAYS.index(weekday.lower())
    fits = [
        candidate
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (candidate := _safe_date(year, month, day)) is not None and candidate.weekday() == target
    ]
    if not fits:
        return fallback
    best = min(fits, key=lambda candidate: abs((candidate - anchor).days))
    if best.year == fallback[0]:
        return fallback
    return best.year, f"calendar date without year: the year in which it falls on a {weekday.capitalize()}"


def _named_dates() -> dict[tuple[int, int], tuple[date, frozenset[str]]]:
    return _named_dates_for(settings.knowledge())


@functools.lru_cache(maxsize=4)
def _named_dates_for(known: Knowledge) -> dict[tuple[int, int], tuple[date, frozenset[str]]]:
    """(month, day) -> (the event's date, words after it that name the event), from timex.yaml."""
    table: dict[tuple[int, int], tuple[date, frozenset[str]]] = {}
    for entry in known.load_lexicon("timex.yaml").get("named_dates", []) or []:
        value = entry["date"] if isinstance(entry["date"], date) else date.fromisoformat(str(entry["date"]))
        table[(value.month, value.day)] = (value, frozenset(w.lower() for w in entry.get("followed_by", [])))
    return table


def _named_date(m: re.Match[str], month: int, day: int, anchor: date, text: str) -> date | None:
    """"the September 11 attacks" -> 2001-09-11, when the next word names the event."""
    entry = _named_dates().get((month, day))
    if entry is None or entry[0] > anchor:
        return None
    following = re.match(r"[\s-]+([A-Za-z]+)", text[m.end():m.end() + 30])
    return entry[0] if following and following.group(1).lower() in entry[1] else None


def _year_for_yearless(month: int, day: int, anchor: date, future: bool) -> tuple[int, str]:
    candidate = _safe_date(anchor.year, month, min(day, 28 if month == 2 else day))
    if candidate is None:
        return anchor.year, "calendar date, year of the anchor"
    if future and candidate < anchor:
        return anchor.year + 1, "calendar date without year, future tense: next occurrence"
    if future:
        return anchor.year, "calendar date without year, future tense: year of the anchor"
    if not future and candidate > anchor:
        return anchor.year - 1, "calendar date without year after the anchor: previous year"
    return anchor.year, "calendar date, year of the anchor"


def _year_of_month(month: int, anchor: date, rel: str, future: bool) -> int:
    """The year of a bare month name, relative to the anchor."""
    if rel == "last" or rel == "past":
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel in ("next", "coming"):
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "this":
        return anchor.year
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _part_key(part: str | None) -> str:
    return re.sub(r"^the\s+|\s+of$|-$", "", (part or "").lower()).strip()


def _resolve_month(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """A month with a year ("in December 2023") or with a cue ("in May", "mid-October", "last June")."""
    cue, part, rel = m.group("cue"), _part_key(m.group("part")), (m.group("rel") or "").lower()
    rel = rel.split()[-1] if rel else ""
    if not (m.group("year") or cue or part or rel or m.group("since")):
        return None
    month = _month_number(m.group("month"))
    if m.group("year"):
        year, how = int(m.group("year")), "stated year"
    else:
        year = _year_of_month(month, anchor, rel, _is_future(text, m.start(), m.end()))
        how = f"{rel + ' ' if rel else ''}month, year from the anchor"
    first_day, last_day = _PART_OF_MONTH.get(part, (1, 31))
    last_day = min(last_day, calendar.monthrange(year, month)[1])
    first, last = date(year, month, first_day), date(year, month, last_day)
    basis = f"{part + ' ' if part else ''}{calendar.month_name[month]} {year} ({how})"
    found = _found(m, first, last, _range_precision(first, last), basis, anchor)
    return _apply_since(found, m, anchor)


def _resolve_year(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """"in 2014", "since 2014", "early 2015", "the summer of 2017"."""
    year = int(m.group("year"))
    if year > anchor.year + 10:
        return None
    if not (m.group("cue") or m.group("since") or m.group("part") or m.groupdict().get("season")):
        return None  # a bare "2016" may be a count; "the 2016 elections" is left to the reader
    part, season = _part_key(m.group("part")), (m.groupdict().get("season") or "").lower()
    if season:
        months, basis = _SEASONS[season], f"{season} of {year}"
    else:
        months, basis = _PART_OF_YEAR.get(part, (1, 12)), f"{part + ' ' if part else ''}year {year}".strip()
    first, last = date(year, months[0], 1), _month_end(year, months[1])
    return _apply_since(_found(m, first, last, 3, basis, anchor), m, anchor)


def _resolve_iso(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    value = _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("d")))
    if value is None:
        return None
    return _apply_since(_found(m, value, value, 1, "ISO date", anchor), m, anchor)


_SHORT_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _resolve_short_weekday_date(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """"Sat 10/02": day and month in either order, settled by the weekday; the latest fitting date on or before
    the anchor, within a year of it.  No fit, no date."""
    target = _SHORT_WEEKDAYS.index(m.group("short")[:3].lower())
    a, b = int(m.group("a")), int(m.group("b"))
    fits = [d for year in (anchor.year, anchor.year - 1) for day, month in ((a, b), (b, a))
            if (d := _safe_date(year, month, day)) is not None and d <= anchor and (anchor - d).days <= 366
            and d.weekday() == target]
    if not fits:
        return None
    first = max(fits)
    return _found(m, first, first, 1, "short weekday and numeric day/month, settled by the weekday", anchor)


def _resolve_weekday(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """"on Friday", "Sunday's attack", "last Saturday", "Friday night", "will meet on Sunday"."""
    if _NOT_A_WEEKDAY_BEFORE.search(text, max(0, m.start() - 10), m.start()) or _NOT_A_WEEKDAY_AFTER.match(
        text, m.end()
    ):
        return None
    target = WEEKDAYS.index(m.group("weekday").lower())
    rel = " ".join((m.group("rel") or "").lower().split())
    if rel in ("next", "coming", "this coming"):
        future = True
    elif rel in ("last", "past", "this past"):
        future = False
    elif m.group("poss"):  # "Sunday's attack" is past; "Sunday's election" may be ahead
        future = bool(_SCHEDULED_NOUN.match(text, m.end())) and _is_future(text, m.start(), m.end())
    else:
        future = _is_future(text, m.start(), m.end())
    if future:
        ahead = (target - anchor.weekday()) % 7
        if rel in ("next", "coming", "this coming") and ahead == 0:
            ahead = 7
        value, basis = anchor + timedelta(days=ahead), "weekday, future tense: next such day"
    else:
        back = (anchor.weekday() - target) % 7
        if rel in ("last", "past", "this past") and back == 0:
            back = 7
        value, basis = anchor - timedelta(days=back), "weekday on or before the anchor"
        if rel in ("last", "past", "this past"):
            basis = f"{rel} {WEEKDAYS[target].capitalize()}: latest before the anchor"
    if m.group("post"):
        basis += f" ({m.group('post').strip().lower()})"
    return _apply_since(_found(m, value, value, 1, basis, anchor), m, anchor)


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _resolve_day_word(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """"yesterday", "today", "at dawn today", "last night", "overnight", "this morning"."""
    word = " ".join(m.group("word").lower().split())
    if word == "overnight":
        first, last = anchor - timedelta(days=1), anchor
        return _found(m, first, last, 2, "overnight: the night before the anchor", anchor)
    if word == "last night":
        value = anchor - timedelta(days=1)
        return _found(m, value, value, 1, "last night: the day before the anchor", anchor)
    if word == "the day before yesterday":
        value = anchor - timedelta(days=2)
        return _found(m, value, value, 1, "two days before the anchor", anchor)
    if word.startswith(("this ", "earlier today", "later today")):
        return _found(m, anchor, anchor, 1, f"{word}: the anchor day", anchor)
    value = anchor + timedelta(days=_DAY_WORDS[word])
    return _found(m, value, value, 1, f"{word} relative to the anchor", anchor)


def _resolve_ago(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """"two days ago", "a week ago", "three months ago", "five years ago"."""
    raw = m.group("n").lower()
    count = int(raw) if raw.isdigit() else _SMALL_NUMBERS[raw]
    unit = m.group("unit").lower().rstrip("s")
    if unit == "day":
        value = anchor - timedelta(days=count)
        return _found(m, value, value, 1, f"{count} day(s) before the anchor", anchor)
    if unit == "week":
        value = anchor - timedelta(days=7 * count)
        return _found(m, value, value, 2, f"{count} week(s) before the anchor (approximate)", anchor)
    if unit == "month":
        year, month = _shift_months(anchor, -count)
        return _found(m, date(year, month, 1), _month_end(year, month), 3,
                      f"{count} month(s) before the anchor", anchor)
    year = anchor.year - count
    return _found(m, date(year, 1, 1), date(year, 12, 31), 3, f"{count} year(s) before the anchor", anchor)


def _resolve_relative_period(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """"earlier this month", "last month", "this week", "late last year", "next month"."""
    which = m.group("which").lower()
    unit = m.group("unit").lower()
    part = _part_key(m.group("part"))
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=7 * step)
        first, last = monday, monday + timedelta(days=6)
    elif unit == "month":
        year, month = _shift_months(anchor, step)
        lo, hi = _PART_OF_MONTH.get(part, (1, 31))
        first, last = date(year, month, lo), date(year, month, min(hi, calendar.monthrange(year, month)[1]))
    else:
        year = anchor.year + step
        lo, hi = _PART_OF_YEAR.get(part, (1, 12))
        first, last = date(year, lo, 1), _month_end(year, hi)
    said = (m.group("earlier") or "").strip().lower()
    if step == 0 and said.startswith("earlier"):
        last = anchor
    elif step == 0 and said.startswith("later"):
        first = anchor + timedelta(days=1)
    if step <= 0 and last > anchor and not said.startswith("later"):
        last = anchor
    if first > last:
        return None
    whole_month = unit == "month" and step != 0 and not part
    precision = 3 if unit == "year" or whole_month else _range_precision(first, last)
    label = " ".join(m.group(0).split())
    return _found(m, first, last, precision, f"{label}: {first.isoformat()}..{last.isoformat()}", anchor)


def _resolve_recent_span(m: re.Match[str], anchor: date, text: str) -> _Found | None:
    """"in the past 24 hours", "over the last week": a period ending at the anchor."""
    what = (m.group("what") or m.group("weekend")).lower()
    days = {"24": 1, "twenty-four": 1, "48": 2, "forty-eight": 2, "72": 3, "seventy-two": 3,
            "week": 7, "month": 30, "year": 365}
    if what.endswith("weekend"):
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7 or 7)
        last = min(saturday + timedelta(days=1), anchor)
        return _found(m, saturday, last, 2, "the weekend just before the anchor", anchor)
    length = next(v for k, v in days.items() if what.startswith(k))
    first = anchor - timedelta(days=length)
    precision = 2 if length <= 14 else 3
    return _found(m, first, anchor, precision, f"period of {length} day(s) ending at the anchor", anchor)


# --------------------------------------------------------------------------- rules

_FLAGS = re.I
_RULES: list[tuple[re.Pattern[str], _Resolver, str]] = [
    # "Monday, Dec. 26", "late on March 17", "4:00 p.m. (EST) Feb. 02", "March 2, 2024", "May 15-24"
    (
        re.compile(
            rf"{_SINCE}{_PRE}(?:{_WEEKDAY},?\s+)?{_month()}(?:[^\S\n]*|[^\S\n]+the\s+){_DAY}{_DAY2}"
            rf"(?![\d:])(?:,?\s+{_YEAR})?",
            _FLAGS,
        ),
        _resolve_calendar,
        _MONTH_GATE,
    ),
    # "2 March", "28 December", "11-13 Dec.", "the 7th of October 2023"
    (
        re.compile(
            rf"{_SINCE}{_PRE}(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?<![\d.,:/])(?<!\d\s)"
            rf"{_DAY}{_DAY2}[^\S\n]+(?:of\s+)?"
            rf"(?:(?P<rel>last|this)\s+)?{_month()}(?:,?\s+{_YEAR})?",
            _FLAGS,
        ),
        _resolve_calendar,
        _MONTH_GATE,
    ),
    # "the seventh of last October"
    (
        re.compile(
            rf"{_SINCE}{_PRE}the\s+(?P<ord>{'|'.join(sorted(_ORDINAL_WORDS, key=len, reverse=True))})\s+of\s+"
            rf"(?:(?P<rel>last|this)\s+)?{_month()}(?:,?\s+{_YEAR})?(?P<day>)",
            _FLAGS,
        ),
        _resolve_calendar,
        _MONTH_GATE,
    ),
    # "in December 2023", "since mid-October", "in May", "late last June" (bare months need a cue)
    (
        re.compile(
            rf"{_SINCE}(?:(?P<cue>in|during|throughout)\s+)?"
            r"(?:(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[-\s]+)?"
            r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming)\s+)?"
            rf"{_month()}(?!['’]s)(?:,?\s+{_YEAR})?(?![\w-]|[^\S\n]+\d)",
            _FLAGS,
        ),
        _resolve_month,
        _MONTH_GATE,
    ),
    # "in 2014", "since 2014", "early 2015", "mid-2015", "the summer of 2017"
    (
        re.compile(
            rf"{_SINCE}(?:(?P<cue>in|during|throughout)\s+)?(?:the\s+)?"
            r"(?:(?P<part>(?-i:early|mid|late)|(?-i:the\s+(?:beginning|start|middle|end)\s+of))[-\s]+)?"
            rf"(?:(?P<season>spring|summer|autumn|fall)\s+(?:of\s+)?)?{_YEAR}(?![-/]\d)",
            _FLAGS,
        ),
        _resolve_year,
        _YEAR_GATE,
    ),
    (
        re.compile(
            rf"{_SINCE}(?:on\s+)?(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"
        ),
        _resolve_iso,
        _YEAR_GATE,
    ),
    # "on Friday", "last Saturday", "Sunday's attack", "Friday night", "early Monday"
    (
        re.compile(
            rf"{_SINCE}{_PRE}(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?"
            rf"{_WEEKDAY}(?P<poss>['’]s)?{_POST}(?!,?\s*(?:the\s+)?{_month('month2')}\s*\d)(?![\w-])",
            _FLAGS,
        ),
        _resolve_weekday,
        _WEEKDAY_GATE,
    ),
    (
        re.compile(
            rf"(?:(?:(?:very\s+)?early|late|earlier|later)\s+|(?:at|around|before|after)\s+{_DAYPART}\s+|"
            rf"{_DAYPART}\s+)?"
            r"\b(?P<word>the\s+day\s+before\s+yesterday|today|tonight|yesterday|tomorrow"
            r"|last\s+night|overnight"
            r"|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today)\b"
            rf"{_POST}",
            _FLAGS,
        ),
        _resolve_day_word,
        _DAY_WORD_GATE,
    ),
    (
        re.compile(
            rf"\b(?P<n>{_NUMBER_WORD}|\d{{1,2}})\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            _FLAGS,
        ),
        _resolve_ago,
        _AGO_GATE,
    ),
    (
        re.compile(
            r"(?<!the\s)\b(?P<earlier>(?:earlier|later)\s+(?:in\s+)?)?"
            r"(?:(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[-\s]+)?"
            r"(?P<which>last|this|next)\s+(?P<unit>week|month|year)\b(?!\s+of\b)",
            _FLAGS,
        ),
        _resolve_relative_period,
        _PERIOD_GATE,
    ),
    (
        re.compile(
            r"\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last)\s+"
            r"(?P<what>24\s+hours|twenty-four\s+hours|48\s+hours|forty-eight\s+hours|72\s+hours"
            r"|seventy-two\s+hours|week|month|year)\b(?!\s+of\b)"
            r"|\b(?P<weekend>(?:over|during|at)\s+the\s+weekend|(?:last|this\s+past)\s+weekend)\b",
            _FLAGS,
        ),
        _resolve_recent_span,
        _RECENT_GATE,
    ),
    # "Sat 10/02 - Idlib, Syria: ..." (kept last: the rules above are taken by position elsewhere)
    (
        re.compile(r"(?<![\w/])(?-i:(?P<short>Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*)\.?,?\s+(?P<a>[0-3]?\d)/(?P<b>[01]?\d)(?![/\d])",
                   _FLAGS),
        _resolve_short_weekday_date,
        _SHORT_WEEKDAY_GATE,
    ),
]


# --------------------------------------------------------------------------- public API


def find_time_expressions(text: str, anchor: date, offset: int = 0) -> list[TimeExpression]:
    """All date expressions in ``text`` resolved against ``anchor`` (usually the publication date).

    ``offset`` is added to span offsets so that spans point into the article text when
    ``text`` is one sentence of it.  Results are ordered by position.  Expressions
    that cannot be resolved are left out, never guessed.  ``future`` is set on
    expressions that lie after the anchor ("will meet on Sunday", "next month").
    """
    if not _GATE.search(text):
        return []
    return [
        TimeExpression(
            f.first, f.last, f.precision, Span(offset + f.start_char, offset + f.end_char,
                                                text[f.start_char:f.end_char]), f.basis, future=f.future
        )
        for f in _find(text, anchor)
    ]


def _find(text: str, anchor: date) -> list[_Found]:
    candidates: list[_Found] = []
    gates: dict[str, bool] = {}
    for pattern, resolve, gate in _RULES:
        if gate not in gates:
            gates[gate] = _COMPILED_GATES[gate].search(text) is not None
        if not gates[gate]:
            continue
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            found = resolve(m, anchor, text)
            if found is not None:
                candidates.append(_trim(found, text))
    kept: list[_Found] = []
    for cand in sorted(candidates, key=lambda f: (f.start_char - f.end_char, f.start_char)):
        if all(cand.end_char <= k.start_char or k.end_char <= cand.start_char for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda f: f.start_char)


def _trim(found: _Found, text: str) -> _Found:
    """Spans never start or end on whitespace or a trailing comma."""
    while found.start_char < found.end_char and text[found.start_char].isspace():
        found.start_char += 1
    while found.end_char > found.start_char and text[found.end_char - 1] in " \t\n,":
        found.end_char -= 1
    return found


def event_date(text: str, anchor: date, offset: int = 0) -> TimeExpression:
    """The date of what a sentence reports: its first past (not future) expression, else the anchor.

    Falls back to the anchor itself (span None, precision 1) when the sentence has no
    usable expression, as ACLED does with the report date.
    """
    for expression in find_time_expressions(text, anchor, offset):
        if not expression.future:
            return expression
    return TimeExpression(anchor, anchor, 1, None, "no date in the sentence: publication date")


_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                        "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)"
)
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")


def parse_date_string(text: str, *, day_first: bool | None = None) -> ParsedDate | None:
    """A stand-alone date string (a dateline, a record's ``published`` field) -> date.

    ``day_first`` settles numeric dates such as 09.04.2020 when the caller knows the
    convention (e.g. from neighbouring articles); None means "use the format's habit"
    (dots are day-first, slashes month-first unless the first number is over 12).
    Returns None for strings that hold no full date.  Span offsets point into ``text``.
    """
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        m = pattern.search(text)
        if m:
            value = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if value:
                return ParsedDate(value, 1, Span(m.start(), m.end(), m.group(0)))
    for pattern, resolve, _gate in _RULES[:3]:
        for m in pattern.finditer(text):
            if m.group("year") and not m.groupdict().get("day2"):
                found = resolve(m, date(int(m.group("year")), 12, 31), text)
                if found is not None:
                    found = _trim(found, text)
                    span = Span(found.start_char, found.end_char, text[found.start_char:found.end_char])
                    return ParsedDate(found.first, 1, span)
    numeric = _parse_numeric(text, day_first)
    if numeric is not None:
        return numeric
    return _parse_with_dateparser(text)


def _parse_numeric(text: str, day_first: bool | None) -> ParsedDate | None:
    m = _NUMERIC_DATE.search(text)
    if not m:
        return None
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if day_first is None:
        day_first = a > 12 or (m.group("sep") == "." and b <= 12)
    day, month = (a, b) if day_first else (b, a)
    value = _safe_date(year, month, day)
    return ParsedDate(value, 1, Span(m.start(), m.end(), m.group(0))) if value else None


def _parse_with_dateparser(text: str) -> ParsedDate | None:
    """Last resort for stand-alone strings in other formats or languages ("2 de marzo de 2024")."""
    stripped = text.strip()
    if not stripped or len(stripped) > 80 or not re.search(r"(?:19|20)\d\d", stripped):
        return None
    import dateparser  # imported lazily: it costs ~0.5 s to load and is rarely needed

    parsed = dateparser.parse(stripped, settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    start = text.find(stripped)
    return ParsedDate(parsed.date(), 1, Span(start, start + len(stripped), stripped))


# --------------------------------------------------------------------------- undated pages

_DAY_WORD_WITH_WEEKDAY = re.compile(
    rf"\b(?P<word>yesterday|today|tonight|last\s+night)\s*[,(]\s*(?:on\s+)?(?:{_WEEKDAY}(?:,\s*|\s+)?)?"
    rf"(?:(?:the\s+)?{_month()}\.?\s*{_DAY}(?:,?\s+{_YEAR})?"
    rf"|(?:the\s+)?(?P<dm_day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_month('dm_month')}"
    r"(?:,?\s+(?P<dm_year>(?:19|20)\d\d))?)?",
    re.I,
)
_DAYS_INTO_YEAR = re.compile(
    rf"\b(?P<n>(?:{_NUMBER_WORD}|\d{{1,2}}))\s+"
    r"(?P<unit>days?|weeks?)\s+into\s+the\s+new\s+year\b",
    re.I,
)
_WORD_OFFSET = {"yesterday": 1, "last night": 1, "today": 0, "tonight": 0}


def infer_publication_date(text: str) -> tuple[date, str] | None:
    """Date an undated article from its own text: (date, reasoning) or None.

    The reasoning string is stored as a warning on the article so a user sees why.
    Evidence, strongest first: "yesterday, Wednesday 7 February" (the day after,
    the year from the weekday and the latest stated date);
    the latest fully stated past date, moved on to the weekday implied by
    "yesterday, Wednesday" (publication is a Thursday); "six days into the new year".
    """
    latest = _latest_stated_date(text)
    for m in _DAY_WORD_WITH_WEEKDAY.finditer(text):
        inferred = _from_day_word(m, latest)
        if inferred is not None:
            return inferred
    into = _DAYS_INTO_YEAR.search(text)
    if into is not None:
        raw = into.group("n").lower()
        per_unit = 7 if into.group("unit").lower().startswith("week") else 1
        count = (int(raw) if raw.isdigit() else _SMALL_NUMBERS[raw]) * per_unit
        if latest is not None:
            year = latest.value.year + (1 if latest.value.month == 12 else 0)
            value = date(year, 1, 1) + timedelta(days=count - 1)
            if value >= latest.value:
                return value, (
                    f"{into.group(0)!r} with the latest stated date {latest.span.text!r}: "
                    f"publication around {value.isoformat()}"
                )
    if latest is None:
        return None
    return latest.value, (
        f"latest fully stated date in the text: {latest.span.text!r} ({latest.value.isoformat()}); "
        "publication is on or after it"
    )


def _from_day_word(m: re.Match[str], latest: ParsedDate | None) -> tuple[date, str] | None:
    """"yesterday, Wednesday 7 February" / "yesterday (March 6, 2024)" -> the publication date."""
    back = _WORD_OFFSET[" ".join(m.group("word").lower().split())]
    cue = m.group(0).strip(" ,(")
    weekday = WEEKDAYS.index(m.group("weekday").lower()) if m.group("weekday") else None
    stated = _stated_day(m, weekday, latest)
    if stated is not None:
        value = stated + timedelta(days=back)
        return value, f"{cue!r}: publication is {back} day(s) after {stated.isoformat()}"
    if latest is None or weekday is None or m.group("month") or m.group("dm_month"):
        return None
    published_weekday = (weekday + back) % 7
    value = latest.value + timedelta(days=(published_weekday - latest.value.weekday()) % 7)
    return value, (
        f"latest stated date {latest.span.text!r} ({latest.value.isoformat()}) and {cue!r}: "
        f"publication is the first {WEEKDAYS[published_weekday].capitalize()} on or after it"
    )


def _stated_day(m: re.Match[str], weekday: int | None, latest: ParsedDate | None) -> date | None:
    """The day named after "yesterday,"; a missing year comes from the weekday or the latest date."""
    if m.group("month"):
        month, day, year = _month_number(m.group("month")), int(m.group("day")), m.group("year")
    elif m.group("dm_month"):
        month, day, year = _month_number(m.group("dm_month")), int(m.group("dm_day")), m.group("dm_year")
    else:
        return None
    if year:
        return _safe_date(int(year), month, day)
    if latest is None:
        return None  # a weekday fits a day and month once in several years: not enough alone
    candidates = [
        candidate
        for y in (latest.value.year, latest.value.year + 1)
        if (candidate := _safe_date(y, month, day)) is not None and candidate >= latest.value
        and (weekday is None or candidate.weekday() == weekday)
    ]
    return candidates[0] if candidates else None


def _latest_stated_date(text: str) -> ParsedDate | None:
    """The latest day-month-year date in the text that is not spoken of as still to come."""
    latest: ParsedDate | None = None
    for pattern, resolve, gate in _RULES[:3] + _RULES[5:6]:
        if not _COMPILED_GATES[gate].search(text):  # cheap: a 1 MB page without month names costs ~0
            continue
        for m in pattern.finditer(text):
            if not m.group("year") or _is_future(text, m.start(), m.end()):
                continue
            found = resolve(m, date(int(m.group("year")), 12, 31), text)
            if found is None:
                continue
            value = found.last
            if latest is None or value > latest.value:
                found = _trim(found, text)
                span = Span(found.start_char, found.end_char, text[found.start_char:found.end_char])
                latest = ParsedDate(value, 1, span)
    return latest
