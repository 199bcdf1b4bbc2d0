"""Temporal expressions: find date phrases in text and resolve them against an anchor date.

Used by the *date* stage (dating undated pages from their own text) and by the
*extract* stage (dating each event against its article's publication date).

This module owns the public signatures below; everything else is private.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from conflictwire.models import Span, TimeExpression

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b", re.I
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.I
)
_WEEKDAY = re.compile(r"\b(?:on\s+|last\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)


@dataclass
class ParsedDate:
    value: date
    precision: int  # 1 day, 2 week/range, 3 month or coarser
    span: Span


def find_time_expressions(text: str, anchor: date, offset: int = 0) -> list[TimeExpression]:
    """All date expressions in ``text`` resolved against ``anchor`` (usually the publication date).

    ``offset`` is added to span offsets so that spans point into the article text when
    ``text`` is one sentence of it.  Results are ordered by position.  Expressions
    that cannot be resolved are left out, never guessed.
    """
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve_calendar(m, anchor)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            span = Span(offset + m.start(), offset + m.end(), m.group(0))
            found.append(TimeExpression(resolved, resolved, 1, span, "calendar date"))
    for m in _WEEKDAY.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        target = WEEKDAYS.index(m.group("weekday").lower())
        back = (anchor.weekday() - target) % 7
        resolved = anchor - timedelta(days=back)
        span = Span(offset + m.start(), offset + m.end(), m.group(0))
        found.append(TimeExpression(resolved, resolved, 1, span, "weekday on or before publication"))
    return sorted(found, key=lambda t: t.span.start if t.span else 0)


def _resolve_calendar(m: re.Match[str], anchor: date) -> date | None:
    month = MONTHS[m.group("month").lower()]
    day = int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else anchor.year
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    if not m.group("year") and value > anchor:
        # "on 28 December" in a January article is last year's December.
        try:
            value = date(year - 1, month, day)
        except ValueError:
            return None
    return value


def parse_date_string(text: str, *, day_first: bool | None = None) -> ParsedDate | None:
    """A stand-alone date string (a dateline, a record's ``published`` field) -> date.

    ``day_first`` settles numeric dates such as 09.04.2020 when the caller knows the
    convention (e.g. from neighbouring articles); None means "use the format's habit".
    Returns None for strings that hold no full date.
    """
    text = text.strip()
    iso = re.search(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b", text)
    if iso:
        try:
            value = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            return ParsedDate(value, 1, Span(iso.start(), iso.end(), iso.group(0)))
        except ValueError:
            pass
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        m = pattern.search(text)
        if m and m.group("year"):
            try:
                value = date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
            except ValueError:
                continue
            return ParsedDate(value, 1, Span(m.start(), m.end(), m.group(0)))
    return None


def infer_publication_date(text: str) -> tuple[date, str] | None:
    """Date an undated article from its own text: (date, reasoning) or None.

    The reasoning string is stored as a warning on the article so a user sees why.
    Stub: the latest fully stated calendar date in the text.
    """
    latest: ParsedDate | None = None
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        for m in pattern.finditer(text):
            if not m.group("year"):
                continue
            try:
                value = date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
            except ValueError:
                continue
            if latest is None or value > latest.value:
                latest = ParsedDate(value, 1, Span(m.start(), m.end(), m.group(0)))
    if latest is None:
        return None
    return latest.value, f"latest fully stated date in the text: {latest.span.text!r}"
