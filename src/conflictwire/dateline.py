"""Wire datelines: the opening of a story that says where the reporter filed from and when.

"DAMASCUS, Feb 5 (Reuters) -", "BEIRUT (AP) —", "ALEPPO, Syria, March 3, 2016 (AFP) -",
"BEIRUT, March 21, 2017 (AFP) -", "Beirut (AFP) -".  One pattern for every stage that reads them:
the date stage takes the publication date from it, geocoding knows the place named there is
where the wire sits (Beirut for much of the Syria coverage), not where the event happened.

The stages that read a dateline off a parsed phrase rather than off a story's first line use the
looser patterns below ``wire_dateline``; each says why it is not ``WIRE_DATELINE``.
"""

from __future__ import annotations

import re

from conflictwire import timex

_MONTH_ALT = "|".join(sorted(timex.MONTHS, key=len, reverse=True))

# The place: in capitals ("DEIR EZZOR"), or in title case when an outlet in brackets follows
# ("Beirut (AFP) -"): a title-case name alone before a dash is as often a heading as a dateline.
WIRE_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][A-Z .'’-]{1,40}|[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+){0,2}(?=[^\n(]{0,40}\())"
    r"(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?)"
    rf"(?:,?\s+(?P<month>(?i:{_MONTH_ALT}))\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?)?"
    r"\s*(?:\((?P<outlet>[^)]{2,40})\))?\s*[-—–:]\s"
)


def wire_dateline(line: str) -> re.Match[str] | None:
    """The wire dateline opening ``line`` (its first line only), or None."""
    return WIRE_DATELINE.match(line.split("\n", 1)[0] + "\n")


# A local agency's dateline ("Homs, SANA -", "Aleppo, (SANA) -"): the city the news is from, in title case
# before a short agency name in capitals; WIRE_DATELINE wants the outlet in brackets after a title-case place.
LOCAL_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+){0,2}),\s*\(?(?P<outlet>[A-Z]{3,6})\)?\s*[-\u2013\u2014:]\s")


def news_dateline(line: str) -> re.Match[str] | None:
    """A wire's or a local agency's dateline opening ``line`` (its first line only), or None."""
    return wire_dateline(line) or LOCAL_DATELINE.match(line.split("\n", 1)[0])


# The patterns below read a dateline where ``WIRE_DATELINE`` would not: inside a phrase cut from a
# parse, or the opening of a sentence rather than of a story's first line.  WIRE_DATELINE wants a
# month and day in its own shape and an outlet only in brackets; these take whatever stands between
# the place's comma and the dash ("ERBIL, Jan 25 (Levant Wire) - "), and only a place in capitals
# (a title-case word before a dash in running text is a name, "Hezbollah - ", not a dateline).

# A digest item's head: its day (or weekday) and the place it happened, before a colon or a spaced dash
# ("5 February - Deir ez-Zor, Syria: A drone hit ...", "Tuesday, Kirkuk: ...", "Feb. 8 – Hasakah, Syria – ...",
# "Sat 10/02 – Idlib, Syria: ..."), with or without a list dash.  Unlike a wire dateline its place is where
# the item happened; the parser takes it for the subject of the item's first clause ("Zor ... hit"), so
# ``syntax.past_dateline`` skips a subject inside it.
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_ITEM_PLACE = r"[A-Z][\w'’.-]*(?:\s+(?:(?:al|el|ez|ad|as|ash|ar|an|at|az|ed|es|ul|ud)-)?[A-Z][\w'’.-]*){0,3}"
DIGEST_ITEM_HEAD = re.compile(
    rf"^[-–—•*]?\s*(?:(?i:{_WEEKDAY}),?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{_MONTH_ALT})\.?|(?i:{_MONTH_ALT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}/\d{{1,2}}|(?i:{_WEEKDAY}))"
    rf"\s*(?:,|\s[-–—])\s+{_ITEM_PLACE}(?:,\s*{_ITEM_PLACE})?\s*(?::|\s[-–—])\s+(?=\S)"
)


# A dateline glued to the subject of a sentence, stripped from a noun phrase's text ("BAGHDAD - Kataib
# Hezbollah", "ERBIL, Jan 25 (Levant Wire) - ..."): a place of three capitals or more, then the comma part.
GLUED_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,[^-–—]{0,40})?\s+[-–—]+\s+")
# A phrase that is nothing but a dateline's place and its comma ("ANBAR, Jan 3"): no actor's name.
DATELINE_PLACE = re.compile(r"^[A-Z][A-Z .'’-]{2,},")
# A sentence's opening dateline ("KIRKUK, Feb 15 (Levant Wire) - "), for ``syntax.dateline_end``: at
# most four capitalised words and a comma part of up to 60 characters on the same line (the caller
# checks the place is in capitals).
SENTENCE_DATELINE = re.compile(r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,[^-–—\n]{0,60})?\s+[-–—]+\s+")
# A dateline before an actor's name, stripped before the registry looks the name up ("ANBAR - Iran-aligned
# militants"): leading space allowed, the comma part only a short month and day, an outlet only in
# brackets, and a name after the dash.
NAME_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'\-]{2,}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()]{1,40}\)\s*)?"
    r"\s[-\u2013\u2014]\s+(?=\S)")
# An outlet, or a place and an outlet, in title case before a spaced dash ("Sputnik - ", "Al Arabiya - ",
# "Hama, SANA - "), stripped before an actor's name when NAME_DATELINE found none (issue 14: "Sputnik -
# Daesh terrorists" was kept as an actor's name).  Title case, so only before a name the registry reads:
# in running text a title-case word before a dash is as often the name itself.
OUTLET_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w'.\-]*\s+){0,2}[A-Z][\w'.\-]*(?:,\s*(?:[A-Z][\w'.\-]*\s+){0,2}[A-Z][\w'.\-]*)?"
    r"\s*(?:\([^()]{1,40}\)\s*)?\s[-\u2013\u2014]\s+(?=\S)")
