"""Casualty claims: who says how many were killed, injured or captured.

Tolls in news follow a handful of shapes ("killing at least 16 people", "18 were
killed", "the death toll rose to 29", "injured 25", "no casualties were reported"),
so the numbers are found with patterns over the sentence text; the parse (when the
sentence has one) only names the claimant: the subject of a reporting verb ("Iraq
said ...", "the ministry said", "a monitoring group reported") or the object of
"according to".  Vague quantities follow ACLED's conservative rule: "dozens" = 12,
"tens" = 10, "hundreds" = 100, "scores" = 20, ranges take the lower bound.  Vague words
without a number ("several", "many") give no figure at all: precision before recall.

Every claim keeps the sentence that states it as its quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictwire import lang
from conflictwire.extraction.syntax import dateline_end, noun_phrase
from conflictwire.models import CasualtyClaim, Sentence, Span

# Vague quantities and their conservative value (ACLED's rule).
_VAGUE = {
    "a pair of": 2, "a couple of": 2, "a dozen": 12, "dozens of": 12, "dozens": 12,
    "tens of": 10, "scores of": 20, "hundreds of": 100, "hundreds": 100,
}
_QUALIFIERS = {
    "at least": "at least", "more than": "more than", "over": "more than", "upwards of": "more than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "nearly": "nearly", "almost": "nearly", "up to": "up to", "as many as": "up to",
    "at most": "up to", "exactly": "exactly",
}

_DIGITS = r"\d{1,3}(?:,\d{3})+|\d{1,5}"
_VAGUE_RE = "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
_QUAL_RE = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))

VICTIM_NOUNS = (
    r"people|persons|person|civilians?|soldiers?|troops|fighters?|militants?|members?|policem[ae]n|police"
    r"|officers?|children|child|women|woman|men|man|personnel|servicem[ae]n|service members?|insurgents?"
    r"|terrorists?|jihadists?|gunmen|workers?|contractors?|guards?|staff|others|americans|iraqis|syrians"
    r"|israelis|palestinians|kurds|residents?|villagers?|passengers?|pilgrims?|protesters?|demonstrators?"
    r"|journalists?|commanders?|leaders?|operatives?|recruits?|conscripts?|sailors?|marines?|paramedics?"
    r"|doctors?|students?|relatives|family members|individuals?|suspects?|victims?|bodies|wounded"
    r"|rebels?|militiam[ae]n|loyalists|citizens?|operatives|elements|persons"
)
_MODS = r"(?:[\w'’-]+\s+){0,4}?"
_VICTIMS = rf"(?P<victims>{_MODS}(?:{VICTIM_NOUNS}))\b"

# "10 children killed and wounded", "18 killed or injured": one count of both, so no death toll
_NOT_BOTH = r"(?!\s+(?:and|or|and/or)\s+(?:wounded|injured|hurt)\b)"
# A toll over a period is a tally, never one event's toll: "36 killed in the past 48 hours",
# "84 were killed yesterday, including ...", "more than 180 killed during 11 days of fighting"
# (built in _patterns: its number words are the run's, from two up; "in one day" is left alone).
_PERIOD_AFTER = (
    r"(?:(?!\band\b)[^.;,]){{0,40}}?\b(?:yesterday,?\s+including|in\s+(?:the\s+)?(?:past|last)\s+(?:\d+|few|several|{some})?\s*(?:hours|days|weeks|months)"
    r"|(?:during|in|within|over)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:about\s+|nearly\s+|more\s+than\s+|some\s+)?"
    r"(?:\d+|{many})\s+(?:hours|days|weeks|months)"
    r"|since\b|so\s+far\s+this)"
)

_KILL_BOTH = re.compile(  # "killing both men inside", "both soldiers were killed": exactly two, victims named
    rf"\b(?:killed|killing|kills)\s+(?P<num>both)\s+(?:of\s+the\s+)?{_VICTIMS}"
    rf"|\b(?P<num2>both)\s+{_VICTIMS.replace('victims', 'victims2')}\s+(?:were|have been|had been)\s+(?:killed|slain)\b",
    re.I,
)
_SINGLE_KILLED = re.compile(
    rf"\b(?:an?|one)\s+(?P<victims>{_MODS}(?:{VICTIM_NOUNS}))\s+(?:was|has been|had been)\s+(?:killed|slain)\b"
    rf"|\b(?:killing|killed|kills)\s+(?:an?|one)\s+(?P<victims2>{_MODS}(?:{VICTIM_NOUNS}))\b",
    re.I,
)
_INJURE_ANOTHER = re.compile(  # "two soldiers were killed and another wounded": one more, the wounded
    rf"\b(?:killed|dead)\s+and\s+(?P<num>another)\s+(?:(?:{VICTIM_NOUNS})\s+)?(?:(?:was|were)\s+)?(?:injured|wounded|hurt)\b",
    re.I,
)
_NONE_KILLED = re.compile(
    r"\bno (?:one|deaths|fatalities|casualties|immediate casualties)\b[^.;]{0,30}?\b(?:reported|killed|recorded)"
    r"|\bno one was (?:killed|hurt|injured)|\bwithout (?:causing )?casualties|\bno (?:reports of )?casualties\b"
    r"|\bthere were no (?:casualties|deaths|fatalities)",
    re.I,
)
_NONE_INJURED = re.compile(
    r"\bno (?:one|injuries|casualties)\b[^.;]{0,30}?\b(?:reported|hurt|injured)|\bno one was (?:hurt|injured)"
    r"|\bno (?:reports of )?(?:casualties|injuries)\b|\bthere were no (?:casualties|injuries)|\bwithout (?:causing )?casualties",
    re.I,
)
_REPORT_LEMMAS = frozenset({"say", "report", "tell", "state", "announce", "confirm", "add", "claim", "put", "estimate", "document", "record"})
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;]{2,80})", re.I)


@dataclass(frozen=True)
class _Patterns:
    """The patterns that read a count, built from the number and month words of knowledge/lang/."""

    quantity: str
    kill_active: re.Pattern[str]
    kill_more: re.Pattern[str]
    kill_companions: re.Pattern[str]
    kill_others: re.Pattern[str]
    kill_left: re.Pattern[str]
    kill_passive: re.Pattern[str]
    executed: re.Pattern[str]
    kill_noun: re.Pattern[str]
    toll: re.Pattern[str]
    injure_active: re.Pattern[str]
    injure_passive: re.Pattern[str]
    capture: re.Pattern[str]
    guards: dict[re.Pattern[str], re.Pattern[str]]
    period_checked: frozenset[re.Pattern[str]]
    month_after: re.Pattern[str]
    period_after: re.Pattern[str]


@lang.derived
def _patterns(words: lang.Words) -> _Patterns:
    """Every pattern that reads a count; a new one goes here (it needs the words of the run)."""
    units = [w for w, v in words.numbers.items() if v < 10]
    word_num = (rf"(?:(?:{lang.alternation(words.tens)})(?:[- ](?:{lang.alternation(units)}))?"
                rf"|{lang.alternation(words.numbers)})")
    one_num = rf"(?:{_DIGITS}|{word_num})"
    range_ = rf"(?:between\s+{one_num}\s+and\s+{one_num}|{one_num}(?:\s*(?:-|–|to|or)\s*{one_num})?)"
    # A count: optional qualifier + number/range, or a vague quantity, or "a/an" before a singular victim.
    quantity = rf"(?:(?:{_QUAL_RE})\s+)?(?:{_VAGUE_RE}|{range_})"
    kill_active = re.compile(
        rf"\b(?:killed|killing|kills|kill|(?:claimed|claims|claiming|claim|takes|took) (?:the )?lives of)\s+(?P<num>{quantity})\b(?:\s+{_VICTIMS})?",
        re.I,
    )
    kill_more = re.compile(  # "killed three soldiers and two civilians": the second group
        rf"\b(?:killed|killing|kills)\s+{quantity}\s+{_MODS}(?:{VICTIM_NOUNS})\s+and\s+(?P<num>{quantity})\s+{_VICTIMS}",
        re.I,
    )
    kill_companions = re.compile(  # "killed a senior commander and one of his aides": the aides count too
        rf"\b(?:killed|killing|kills)\s+[^.;]{{0,80}}?\band\s+(?P<num>{quantity})\s+of\s+(?:his|her|their)\s+"
        rf"(?P<victims>aides|guards|bodyguards|companions|escorts|deputies|associates|sons|relatives)\b",
        re.I,
    )
    kill_others = re.compile(  # "killed a senior commander and two other people": one named, then the others
        rf"\b(?:killed|killing|kills)\s+(?:an?|one)\s+[^.;,]{{0,60}}?\band\s+(?P<num>{quantity})\s+(?:other|more)\s+{_VICTIMS}",
        re.I,
    )
    kill_left = re.compile(
        rf"\b(?:left|leaving|leaves|leave)\s+(?P<num>{quantity})\b(?:\s+{_VICTIMS})?\s+dead\b", re.I
    )
    kill_passive = re.compile(
        rf"(?P<num>\b{quantity})\b(?:\s+{_VICTIMS})?(?:,[^,.;]{{1,40}},)?\s+(?:(?:were|was|have been|had been|are|being|reportedly)\s+)*"
        rf"(?:killed|dead|died|slain|perished|lost their lives|martyred)\b{_NOT_BOTH}",
        re.I,
    )
    executed = re.compile(  # "executes two young men", "five men were executed": only with the victims named
        rf"\b(?:executed|executes|executing|execute|beheaded|beheads|beheading|behead)\s+(?P<num>{quantity})\s+{_VICTIMS}"
        rf"|(?P<num2>\b{quantity})\s+{_VICTIMS.replace('victims', 'victims2')}\s+(?:were|was|have been|had been)\s+(?:executed|beheaded)\b",
        re.I,
    )
    kill_noun = re.compile(  # "3 martyrs and several wounded", "at least 32 martyrs in Aleppo"
        rf"(?P<num>\b{quantity})\s+(?:{_MODS})?martyrs\b", re.I
    )
    toll = re.compile(
        rf"\bdeath toll\b[^.;]{{0,120}}?\b(?:to|at|of|reached|is|was|hit)\s+(?P<num>{quantity})\b", re.I
    )
    injure_active = re.compile(
        rf"\b(?:injuring|injured|injures|wounding|wounded|wounds|hurting)\s+(?P<num>{quantity})\b(?:\s+{_VICTIMS})?",
        re.I,
    )
    injure_passive = re.compile(
        rf"(?P<num>\b{quantity})\b(?:\s+{_VICTIMS})?\s+(?:(?:were|was|have been|had been|are|being|others)\s+)*"
        rf"(?:injured|wounded|hurt)\b",
        re.I,
    )
    capture = re.compile(
        rf"\b(?:captured|capturing|took prisoner|taking prisoner)\s+(?P<num>{quantity})\b(?:\s+{_VICTIMS})?"
        rf"|(?P<num2>\b{quantity})\b(?:\s+{_VICTIMS.replace('victims', 'victims2')})?\s+(?:were|was|had been|have been)\s+(?:captured|taken prisoner)\b",
        re.I,
    )
    # A word every match of the pattern contains: a sentence without it is not scanned (the patterns
    # that open with a count try a match at every word, a fifth of the extract stage's time).
    guards = {
        pattern: re.compile(cue, re.I) for pattern, cue in (
            (kill_active, r"kill|lives of"), (kill_more, r"kill"), (_KILL_BOTH, r"kill|slain"),
            (kill_companions, r"kill"), (kill_others, r"kill"), (kill_left, r"dead"),
            (kill_passive, r"kill|dead|died|slain|perished|lost their lives|martyred"), (toll, r"death toll"),
            (kill_noun, r"martyrs"), (executed, r"execut|behead"),
            (injure_active, r"injur|wound|hurt"), (injure_passive, r"injur|wound|hurt"), (_INJURE_ANOTHER, r"another"),
            (capture, r"captur|prisoner"),
        )
    }
    period_checked = frozenset({kill_active, kill_passive, kill_noun, toll})
    month_after = re.compile(rf"\s*(?:{lang.alternation(words.months)})\b"
                             r"|\s*(?:percent|%|km|kilomet|mile|meter|metre|year|month|week|day|hour|minute)", re.I)
    many = [w for w, v in words.numbers.items() if 2 <= v]
    period_after = re.compile(_PERIOD_AFTER.format(
        some=lang.alternation(w for w in many if words.numbers[w] <= 3),
        many=rf"(?:{lang.alternation(words.tens)})(?:[- ](?:{lang.alternation(units)}))?|{lang.alternation(many)}"), re.I)
    return _Patterns(quantity, kill_active, kill_more, kill_companions, kill_others, kill_left, kill_passive, executed, kill_noun, toll, injure_active, injure_passive, capture, guards, period_checked, month_after, period_after)


@dataclass
class Count:
    value: int
    qualifier: str | None


def parse_quantity(text: str) -> Count | None:
    """'at least 16' -> 16/at least; 'dozens of' -> 12/dozens; '15 to 20' -> 15; 'a pair of' -> 2."""
    low = " ".join(text.lower().split())
    if low in ("both", "another"):
        return Count(2 if low == "both" else 1, None)
    qualifier = None
    for phrase in sorted(_QUALIFIERS, key=len, reverse=True):
        if low.startswith(phrase + " "):
            qualifier = _QUALIFIERS[phrase]
            low = low[len(phrase) + 1:]
            break
    for phrase in sorted(_VAGUE, key=len, reverse=True):
        if low.startswith(phrase):
            return Count(_VAGUE[phrase], qualifier or phrase.replace(" of", "").replace("a ", ""))
    low = low.removeprefix("between ")
    whole = _number(low)
    if whole is not None:  # "twenty-five" is one number, not a range
        return Count(whole, qualifier)
    first = re.split(r"\s*(?:-|–|\bto\b|\bor\b|\band\b)\s*", low, maxsplit=1)
    value = _number(first[0])
    if value is None:
        return None
    if len(first) > 1 and first[1].strip():
        qualifier = qualifier or "at least"  # a range: ACLED keeps the lower bound
    return Count(value, qualifier)


def _number(word: str) -> int | None:
    word = word.strip().replace(",", "")
    if word.isdigit():
        return int(word)
    return lang.words().number(word)


def _victims(match: re.Match[str]) -> str | None:
    for name in ("victims", "victims2"):
        if name in match.re.groupindex and match.group(name):
            return " ".join(match.group(name).split())
    return None




def _sum_matches(patterns: list[re.Pattern[str]], text: str) -> tuple[int | None, str | None, list[str]]:
    """Total of the distinct counts stated ("3 soldiers and 2 civilians" = 5), first qualifier, victims."""
    total: int | None = None
    qualifier: str | None = None
    victims: list[str] = []
    taken: list[tuple[int, int]] = []
    p = _patterns()
    for pattern in patterns:
        guard = p.guards.get(pattern)
        if guard is not None and guard.search(text) is None:
            continue
        for m in pattern.finditer(text):
            group = next((g for g in ("num", "num2") if g in m.re.groupindex and m.group(g)), None)
            if group is None:
                continue
            s, e = m.span(group)
            if any(s < te and ts < e for ts, te in taken):
                continue
            if _looks_like_date(text, e):
                continue
            if pattern in p.period_checked and p.period_after.match(text, m.end()):
                continue  # a period's toll: the tallies module keeps it
            count = parse_quantity(m.group(group))
            if count is None:
                continue
            taken.append((s, e))
            total = (total or 0) + count.value
            qualifier = qualifier or count.qualifier
            who = _victims(m)
            if who:
                victims.append(who)
    return total, qualifier, victims




def _looks_like_date(text: str, end: int) -> bool:
    return bool(_patterns().month_after.match(text, end))


def find_casualty_claims(sentence: Sentence, article_id: str | None = None) -> list[CasualtyClaim]:
    """The casualty claim stated in one sentence (at most one per sentence; empty if none)."""
    text = _without_dateline(sentence.text)
    p = _patterns()
    killed, kill_qual, kill_victims = _sum_matches([p.kill_active, p.kill_more, _KILL_BOTH, p.kill_left, p.kill_passive, p.kill_noun,
                                                    p.executed], text)
    if killed is None:  # "kill 11 people ..., raising the death toll to 62": the toll is a running total, never added
        killed, kill_qual, kill_victims = _sum_matches([p.toll], text)
    single = [m for m in _SINGLE_KILLED.finditer(text)]
    if killed is None and single:
        killed, kill_victims = len(single), [v for v in (_victims(m) for m in single) if v]
    if killed is not None:
        extra, _q, _v = _sum_matches([p.kill_companions, p.kill_others], text)
        killed += extra or 0
    injured, inj_qual, inj_victims = _sum_matches([p.injure_active, p.injure_passive, _INJURE_ANOTHER], text)
    captured, _cap_qual, cap_victims = _sum_matches([p.capture], text)
    if killed is None and _NONE_KILLED.search(text):
        killed = 0
    if injured is None and _NONE_INJURED.search(text):
        injured = 0
    if killed is None and injured is None and captured is None:
        return []
    victims = kill_victims or inj_victims or cap_victims
    return [
        CasualtyClaim(
            claimant=find_claimant(sentence),
            killed=killed,
            injured=injured,
            qualifier=kill_qual if killed is not None else inj_qual,
            victims=", ".join(dict.fromkeys(victims)) or None,
            quote=Span(sentence.start, sentence.end, sentence.text),
            captured=captured,
            article_id=article_id,
        )
    ]


def _without_dateline(text: str) -> str:
    """The sentence with its wire dateline blanked ("KIRKUK, April 14 - Two soldiers ...": "14 - Two" is no
    range), same length so positions still hold."""
    end = dateline_end(text)
    return " " * end + text[end:] if end else text


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "which", "who"})


def find_claimant(sentence: Sentence) -> str | None:
    """Who states the sentence's claim: 'according to X', or the subject of a reporting verb."""
    according = _ACCORDING.search(sentence.text)
    if according:
        who = re.split(r"\s+(?:who|which|that|in a|on|said)\b", according.group("who"))[0].strip()
        who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.I)
        return who or None
    doc = sentence.doc
    if doc is None:
        said = re.search(r"(?:^|,\s*)(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}?)\s+(?:said|says|reported|told)\b", sentence.text)
        return said.group("who") if said else None
    for token in doc:
        if token.lemma_.lower() not in _REPORT_LEMMAS or token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in _PRONOUNS:
            continue
        if token.lemma_.lower() == "claim" and any(c.lemma_.lower() == "life" for c in token.subtree):
            continue  # "the attack claimed the lives of ..." is a toll, not a claimant
        phrase = noun_phrase(subject)
        if phrase and re.match(rf"(?:{_patterns().quantity})\b", phrase, re.I) and re.fullmatch(rf"(?:{VICTIM_NOUNS})", subject.lower_):
            # "killing at least 18 fighters, local activists said": the small model often makes the
            # sayer a conjunct of the victims; the conjunct that is no victim noun is the claimant.
            sayer = next((c for c in subject.children if c.dep_ == "conj"
                          and not re.fullmatch(rf"(?:{VICTIM_NOUNS})", c.lower_)), None)
            if sayer is not None and noun_phrase(sayer):
                return noun_phrase(sayer)
            continue  # "at least 18 fighters were killed, ..." parsed as the sayer; "two officials said" is one
        if phrase and not re.search(r"\b(strike|attack|bomb|blast|explosion|raid|shelling)s?\b", phrase, re.I):
            return phrase
    return None
