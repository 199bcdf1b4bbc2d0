"""Tallies: counts of attacks over periods ("more than 40 attacks since March").

A tally is a *count over a period*, never an individual event and never a casualty
figure.  Approach (precision first), on the sentence text with tight patterns from
``knowledge/tallies.yaml``:

1. a count -- digits, number words, or vague words ("dozens" -> 12, qualifier
   "dozens") -- with an optional qualifier ("more than", "over" -> more than,
   "at least", "about") followed directly by a counted noun ("attacks",
   "attacks and attempted attacks", "rocket attacks", "times" when the sentence
   says "attacked"/"targeted" before the count);
2. it is kept only when the text says it is a tally: a period ("since mid-October",
   "in four months", "in 72 hours", "so far this year") in the same clause
   stretch, or a breakdown by place ("166 attacks, 67 in Iraq and 98 in Syria").
   "Three rocket attacks hit the base on Sunday" has no period: it is events.
3. around the count: actor ("by Iran-backed militias", "militias have carried
   out"), target ("on US forces", "US forces have been attacked"), place ("in
   Iraq and Syria"), claimant ("according to the Pentagon", "a US official
   said"); periods are resolved against the publication date ("since October" ->
   the latest 1 October on or before it; "in four months" -> period_to = as_of,
   period_from about four months earlier).

A breakdown gives one tally per part, with ``parent_id`` = the whole's id and
``place`` set.  Every quote is the whole sentence, verbatim.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from conflictwire import lang, settings
from conflictwire.knowledge import Knowledge
from conflictwire.models import AnnotatedArticle, Sentence, Span, Tally, stable_id

UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
_PLACE = r"(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|al-[\w'’-]+))*"


@dataclass(frozen=True)
class Lexicon:
    count: re.Pattern[str]
    qualifiers: dict[str, str]
    vague: dict[str, int]
    numbers: dict[str, int]
    attack_verbs: re.Pattern[str]


def lexicon() -> Lexicon:
    return lexicon_for(settings.knowledge())


@lru_cache(maxsize=4)
def lexicon_for(known: Knowledge) -> Lexicon:
    data = known.load_lexicon("tallies.yaml")
    qualifiers = {k.lower(): v for k, v in (data.get("qualifiers") or {}).items()}
    vague = {k.lower(): int(v) for k, v in (data.get("vague_counts") or {}).items()}
    words = lang.words_for(known)
    # a count of one is an event, not a tally: number words from two up (knowledge/lang/numbers.yaml)
    numbers = {w: v for w, v in {**words.cardinals, **words.hundreds}.items() if v >= 2}
    units = [w for w, v in words.numbers.items() if v < 10]
    nouns = sorted(data.get("what_nouns") or [], key=len, reverse=True)
    modifiers = sorted(data.get("what_modifiers") or [], key=len, reverse=True)
    number = (
        r"\d{1,3}(?:,\d{3})+|\d+|(?:"
        + lang.alternation(numbers)
        + rf")(?:[- ](?:{lang.alternation(units)}))?"
    )
    vague_words = "|".join(re.escape(w) for w in sorted(vague, key=len, reverse=True))
    qual = "|".join(re.escape(q) for q in sorted(qualifiers, key=len, reverse=True))
    modifier = "|".join(re.escape(m) for m in modifiers)
    count = re.compile(
        rf"(?<![\w.,$£€-])(?:(?P<qual>{qual})\s+)?(?:(?P<num>{number})|(?P<vague>{vague_words})(?:\s+of)?)\s+"
        rf"(?P<what>(?:(?:{modifier})\s+){{0,2}}(?:{'|'.join(re.escape(n) for n in nouns)})"
        rf"(?:\s+and\s+attempted\s+attacks)?)\b",
        re.I,
    )
    verbs = "|".join(re.escape(v) for v in data.get("attack_verbs") or [])
    return Lexicon(count, qualifiers, vague, numbers, re.compile(rf"\b(?:{verbs})\b", re.I))


def candidate_patterns() -> list[str]:
    """Regex fragments whose presence makes a sentence worth parsing for tallies."""
    return [r"\b(?:attacks|times|strikes|incidents)\b[^.]{0,80}\b(?:since|past|last|so far|this year|in \w+ (?:hours|days|weeks|months))\b"]


# --------------------------------------------------------------------------- period cues

def _month(words: lang.Words) -> str:
    return rf"(?:{lang.alternation(words.months)})\.?"


@lang.derived
def _month_start(words: lang.Words) -> re.Pattern[str]:
    return re.compile(rf"^{_month(words)}\b", re.I)


@lang.derived
def _period(words: lang.Words) -> re.Pattern[str]:
    """A period cue: "since mid-October", "in the past two weeks", "so far this year"."""
    return re.compile(
        r"\b(?:"
        rf"since\s+(?:(?P<part>early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[\s-]+)?"
        rf"(?P<month>{_month(words)})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{{4}}))?"
        r"|(?:in|over|during|within)\s+(?:the\s+)?(?:(?:past|last|first|previous)\s+)?"
        rf"(?P<n>\d+|{lang.alternation(words.one_words | set(words.cardinals))}|several|a\s+few)?\s*"
        r"(?P<unit>hours?|days?|weeks?|months?|years?)\b"
        r"|(?P<thisyear>(?:so\s+far\s+)?this\s+year)"
        r"|(?P<since_other>since\s+(?:the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:war|conflict|fighting)"
        r"|the\s+war\s+(?:began|started)|(?:the\s+)?(?:Oct\.|October)\s+7\s+attack))"
        r"|(?P<sofar>so\s+far|to\s+date)"
        r")",
        re.I,
    )


@dataclass
class Period:
    start: int  # offsets in the sentence
    end: int
    period_from: date | None
    period_to: date | None


def _find_period(text: str, lo: int, hi: int, as_of: date | None) -> Period | None:
    for m in _period().finditer(text, lo, hi):
        if m.group("unit") and m.group("n") is None and not re.search(r"past|last|previous", m.group(0), re.I):
            continue  # "in days" / "in years": not a counted period
        return Period(m.start(), m.end(), *_resolve_period(m, as_of))
    return None


def _resolve_period(m: re.Match[str], as_of: date | None) -> tuple[date | None, date | None]:
    if as_of is None:
        return None, None
    if m.group("month"):
        return _resolve_since(m, as_of), as_of
    if m.group("unit"):
        raw = (m.group("n") or "a").lower()
        words = lang.words()
        amount = int(raw) if raw.isdigit() else 1 if raw in words.one_words else words.number(raw)
        if amount is None:  # "several days": the period is vague
            return None, as_of
        unit = m.group("unit").lower().rstrip("s")
        return as_of - timedelta(days=round(amount * UNIT_DAYS[unit])), as_of
    if m.group("thisyear"):
        return date(as_of.year, 1, 1), as_of
    return None, as_of


def _resolve_since(m: re.Match[str], as_of: date) -> date | None:
    words = lang.words()
    month = words.months[m.group("month").lower().rstrip(".")]
    # "since mid-October" starts on the first day of mid-October (knowledge/lang/calendar.yaml)
    part = re.sub(r"^the\s+|\s+of$", "", " ".join((m.group("part") or "").lower().split()))
    day = int(m.group("day")) if m.group("day") else words.parts_of_month.get(part, (1, 31))[0]
    year = int(m.group("year")) if m.group("year") else as_of.year
    try:
        start = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return None
    if not m.group("year") and start > as_of:  # "since October" read in January: last year's
        start = start.replace(year=year - 1)
    return start


# --------------------------------------------------------------------------- actors, targets, claimants

_STOP = r"(?=\s+(?:on|against|in|since|over|during|within|so far|this|and attempted|across|at|targeting|according)\b|[,.;:()]|$)"
_BY = re.compile(rf"^\s+(?:carried out\s+|launched\s+|conducted\s+)?by\s+(?P<actor>.+?){_STOP}", re.I)
_ON = re.compile(rf"^\s+(?:[a-z]+\s+)?(?:on|against|targeting)\s+(?P<target>.+?){_STOP}", re.I)
_IN = re.compile(rf"^\s+in\s+(?P<place>{_PLACE}(?:\s*(?:,|and)\s+{_PLACE})*)")
_DOER_BEFORE = re.compile(
    r"(?P<actor>(?:[A-Z][\w'’-]*|Iran-backed|Iranian-backed|pro-Iran|militia|militias|groups?|forces|fighters|rebels)"
    r"(?:\s+[\w'’-]+){0,5}?)\s+(?:(?:have|has|had)\s+(?:now\s+)?)?(?:carried\s+out|launched|conducted|claimed|mounted|staged)\s*$"
)
_VICTIM_BEFORE = re.compile(
    r"(?P<target>(?:US|U\.S\.|American|coalition|Israeli|Iraqi|Turkish)\s+(?:forces|troops|bases|personnel|"
    r"military\s+bases|service\s?members|facilities))\s+(?:in\s+(?P<place>[A-Z][\w ]+?)\s+)?"
    r"(?:have|has|had)\s+(?:now\s+)?(?:been\s+(?:attacked|targeted|hit|struck)|come\s+under)\b"
)
_CLAIMANT = (
    re.compile(r"\baccording\s+to\s+(?P<c>(?:a|an|the)?\s*[^,.;]{2,60}?)\s*(?:[,.;]|$)", re.I),
    re.compile(r"^(?:(?:On|Last)\s+\w+,\s+)?(?P<c>[A-Z][^,;]{1,60}?)\s+(?:said|says|told\s+\w+|reported|announced|stated|estimated|estimates)\b"),
    re.compile(r",\s*(?P<c>[^,;]{2,60}?)\s+(?:said|says|told\s+[\w ]{1,30}?)\s*[.\"”]*$"),
    re.compile(r",\s*(?:said|says)\s+(?P<c>[^,;]{2,60}?)\s*[.\"”]*$"),
)
_NOT_CLAIMANTS = {"there", "it", "this", "that", "he", "she", "they", "we"}


def _claimant(text: str) -> str | None:
    for pattern in _CLAIMANT:
        m = pattern.search(text)
        if m:
            claimant = m.group("c").strip()
            if claimant.lower() not in _NOT_CLAIMANTS and not re.match(r"^(?:there|it)\b", claimant, re.I):
                return claimant
    return None


# --------------------------------------------------------------------------- main entry


def find_tallies(annotated: AnnotatedArticle) -> list[Tally]:
    found: list[Tally] = []
    for sentence in annotated.sentences:
        found.extend(_tallies_in(sentence, annotated.article.article_id, annotated.article.published))
    return found


def _tallies_in(sentence: Sentence, article_id: str, as_of: date | None) -> list[Tally]:
    lex = lexicon()
    text = sentence.text
    matches = [m for m in lex.count.finditer(text) if _is_count(m, text)]
    tallies: list[Tally] = []
    for k, m in enumerate(matches):
        count = _count_value(m)
        if count is None or count < 2:
            continue
        window_end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        window_start = matches[k - 1].end() if k > 0 else 0
        after = text[m.end() : window_end]
        parts = _breakdown(after)
        period = _find_period(text, m.end(), window_end, as_of) or _find_period(text, window_start, m.start(), as_of)
        if period is None and len(parts) < 2:
            continue  # no period and no breakdown: an event report, not a tally
        quote = Span(sentence.start, sentence.end, text)
        whole = _describe(m, count, text, after, period, as_of, sentence, article_id, quote)
        tallies.append(whole)
        for part_count, part_qualifier, place, offset in parts:
            tallies.append(
                Tally(
                    tally_id=stable_id(article_id, "tally", sentence.start + m.end() + offset),
                    article_id=article_id,
                    count=part_count,
                    qualifier=part_qualifier,
                    what=whole.what,
                    quote=quote,
                    actor=whole.actor,
                    target=whole.target,
                    place=place,
                    period_from=whole.period_from,
                    period_to=whole.period_to,
                    as_of=as_of,
                    claimant=whole.claimant,
                    parent_id=whole.tally_id,
                )
            )
    return tallies


def _is_count(m: re.Match[str], text: str) -> bool:
    lex = lexicon()
    what = m.group("what").lower()
    num = m.group("num")
    if num and num.isdigit() and 1900 <= int(num) <= 2100 and not m.group("qual"):
        return False  # "the 2023 attacks": a year, not a count
    if text[: m.start()].rstrip().lower().endswith(("the", "of the", "'s", "’s")) and not m.group("qual"):
        return False  # "the two attacks", "Monday's three strikes": particular events
    if what.endswith("times"):
        return bool(lex.attack_verbs.search(text[: m.start()]))
    return True


def _count_value(m: re.Match[str]) -> int | None:
    lex = lexicon()
    if m.group("vague"):
        return lex.vague.get(m.group("vague").lower())
    raw = m.group("num").lower()
    if raw.replace(",", "").isdigit():
        return int(raw.replace(",", ""))
    if raw in lex.numbers:
        return lex.numbers[raw]
    return lang.words().number(raw)  # "twenty-three"


def _qualifier(m: re.Match[str]) -> str:
    lex = lexicon()
    if m.group("vague"):
        return m.group("vague").lower()
    if m.group("qual"):
        return lex.qualifiers.get(m.group("qual").lower(), m.group("qual").lower())
    return "exactly"


_PART = re.compile(
    rf"(?:(?P<qual>more than|over|at least|about|nearly|some)\s+)?(?P<num>\d+)\s+(?:of\s+them\s+|attacks\s+|strikes\s+)?in\s+(?P<place>{_PLACE})"
)


_BREAKDOWN_HEAD = re.compile(r"\s*(?:,|\(|:|—|–)\s*(?:including\s+)?(?=(?:(?:more than|over|at least|about|nearly|some)\s+)?\d+\s+(?:of\s+them\s+|attacks\s+|strikes\s+)?in\s+[A-Z])")


def _breakdown(after: str) -> list[tuple[int, str, str, int]]:
    """"…, 67 in Iraq and 98 in Syria" right after the whole: (count, qualifier, place, offset)."""
    head = _BREAKDOWN_HEAD.search(after)
    if not head:
        return []
    parts = []
    cursor = head.end()
    while True:
        m = _PART.match(after, cursor)
        if not m:
            break
        qualifier = lexicon().qualifiers.get((m.group("qual") or "").lower(), "exactly")
        parts.append((int(m.group("num")), qualifier, m.group("place"), m.start("num")))
        sep = re.match(r"\s*(?:,\s*(?:and\s+)?|and\s+)", after[m.end():])
        if not sep:
            break
        cursor = m.end() + sep.end()
    return parts if len(parts) >= 2 else []


def _describe(m, count, text, after, period, as_of, sentence, article_id, quote) -> Tally:
    what = re.sub(r"\s+", " ", m.group("what")).lower()
    if what.endswith("times"):
        what = "attacks"
    actor = target = place = None
    rest = after
    by = _BY.match(rest)
    if by:
        actor = by.group("actor")
        rest = rest[by.end():]
    on = _ON.match(rest)
    if on:
        target = on.group("target")
        rest = rest[on.end():]
        by = _BY.match(rest)
        if by and actor is None:
            actor = by.group("actor")
            rest = rest[by.end():]
    located = _IN.match(rest)
    if located and not _month_start().match(located.group("place")):
        place = located.group("place")
    before = text[: m.start()]
    doer = _DOER_BEFORE.search(before)
    if doer and actor is None:
        actor = doer.group("actor")
    victim = _VICTIM_BEFORE.search(before)
    if victim:
        target = target or victim.group("target")
        place = place or victim.group("place")
    return Tally(
        tally_id=stable_id(article_id, "tally", sentence.start + m.start()),
        article_id=article_id,
        count=count,
        qualifier=_qualifier(m),
        what=what,
        quote=quote,
        actor=actor,
        target=target,
        place=place,
        period_from=period.period_from if period else None,
        period_to=period.period_to if period else as_of,
        as_of=as_of,
        claimant=_claimant(text),
    )
