"""The actor registry: canonical ACLED-style actor names, their aliases and relations.

Approach
--------
Knowledge lives in reviewed YAML (``knowledge/actors/*.yaml``; user ``--knowledge`` dirs are read
after the package and a later entry with the same canonical name extends or replaces it).  Every
alias, person name and canonical name is cut into word tokens and *folded* the same way the text
is: case, accents, apostrophes and dots drop ("Kata'ib" = "Kataib", "U.S." = "US"), hyphens split
words, Arabic articles ("al-", "ash-") are ignored, possessives go ("Iran's" = "Iran") and a few
transliteration families collapse ("Hizballah" = "Hezbollah", "al-Qaida" = "al-Qaeda").  Lookup is
then an exact match on the folded token sequence -- no fuzzy matching, because a wrong actor is
worse than an unknown one.  Short all-capital acronyms (IS, US, UN, KH) must keep their case so
that "is" and "us" in prose never match.

``resolve`` tries, in order: the whole text; an apposition ("X, leader of al-Nujaba",
"Kataib Hezbollah commander X"); the text without trailing member or instrument words
("Kataib Hezbollah fighters", "Turkish warplanes" -> Turkish state forces); a leading nationality
on a per-country actor ("Syrian civilians"); and a bare country name (state forces).

Some actors depend on context: a family with ``by_country`` ("Islamic State" -> "Islamic State
(Iraq)") or a ``per_country`` template ("Civilians ({country})") takes the event's country, and
actors with an ``active`` period (ACLED's "(2000-2024)" suffix) are chosen by the event date,
the open-ended one when no date is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflictwire import knowledge, lang, settings
from conflictwire.dateline import NAME_DATELINE, OUTLET_DATELINE
from conflictwire.knowledge import Knowledge


@dataclass
class Actor:
    name: str  # canonical, ACLED style
    aliases: list[str] = field(repr=False)
    inter: int  # ACLED base inter code (vocab.INTER_CODES)
    country: str | None  # ISO 3166-1 alpha-2 of the actor's home country
    kind: str  # state_forces, government, militia, rebel, civilians, unidentified, coalition, ...
    parent: str | None
    umbrellas: list[str]
    plover_sector: str | None  # CAMEO/PLOVER sector code: MIL, GOV, REB, UAF, CVL, IGO
    known: bool = True
    people: list[str] = field(default_factory=list, repr=False)  # persons who stand for the organisation
    active_from: date | None = None  # ACLED period of a state's forces
    active_to: date | None = None
    by_country: dict[str, str] = field(default_factory=dict)  # CC -> country branch's name
    per_country: str | None = None  # "Civilians ({country})"


@dataclass
class Country:
    code: str
    name: str  # as ACLED spells it
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)  # "Ankara responded": the state, by metonymy


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    raw: str  # folded, case kept (for acronyms)
    low: str  # folded, lower case, transliteration collapsed


# --------------------------------------------------------------------------- folding

_TOKEN_RE = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_]+(?:['\u2019\u2018\u02bc`\u00b4][^\W_]+)*['\u2019]?")
_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_ARTICLES = {"al", "el"}  # "al-Nujaba" == "Nujaba": outlets disagree on keeping the article
_SUN_ARTICLES = {"ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ud", "ul"}  # "ash-Shuhada"
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014"

# Transliteration families that outlets spell many ways; collapse each to one form.
_TRANSLIT: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^h[ie]zb[aou]ll?[aeo]h$"), "hezbollah"),
    (re.compile(r"^katae?i?b$"), "kataib"),
    (re.compile(r"^qa[ei]?d[ae]h?$"), "qaeda"),
    (re.compile(r"^dae?i?sh$"), "daesh"),
    (re.compile(r"^(?:j[ou]l|jaw)ani$"), "jolani"),
    (re.compile(r"^s[ae]yy?[ie]d$"), "sayyid"),
    (re.compile(r"^asa[ie]b$"), "asaib"),
    (re.compile(r"^nujaba+$"), "nujaba"),
    (re.compile(r"^sha+bi$"), "shaabi"),
    (re.compile(r"^m[ou]hamm[ae]d$"), "mohammed"),
    (re.compile(r"^qods$"), "quds"),
    (re.compile(r"^defence$"), "defense"),
    (re.compile(r"^(organi|mobili)sation$"), r"\1zation"),
]


@lru_cache(maxsize=65536)
def _fold_low(word: str) -> str:
    low = word.lower()
    if re.fullmatch(r"h[o]?uthis?", low):  # Huthi/Houthi, keeping the plural
        return "houthis" if low.endswith("s") else "houthi"
    for pattern, repl in _TRANSLIT:
        if pattern.match(low):
            return pattern.sub(repl, low)
    return low


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _word_form(word: str) -> tuple[int, str, str, str] | None:
    """(characters cut from the end, raw, raw lower-cased, folded low) of one matched word; None when
    nothing is left of it.  A pure function of the word: cached (tokenize runs over whole articles)."""
    cut = 0
    if word[-1] in _APOSTROPHES:  # plural possessive: "Houthis'"
        word = word[:-1]
        cut = 1
    if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":  # "Iran's"
        word = word[:-2]
    raw = _strip_accents(word)
    raw = "".join(ch for ch in raw if ch not in _APOSTROPHES and ch != ".")
    if not raw:
        return None
    return cut, raw, raw.lower(), _fold_low(raw)


def tokenize(text: str) -> list[_Token]:
    """Folded word tokens with their offsets in ``text`` (articles dropped)."""
    tokens: list[_Token] = []
    size = len(text)
    for match in _TOKEN_RE.finditer(text):
        form = _word_form(match.group(0))
        if form is None:
            continue
        cut, raw, low, folded = form
        end = match.end() - cut
        if low == "al" or (low in _ARTICLES or low in _SUN_ARTICLES) and end < size and text[end] in _HYPHENS:
            continue
        tokens.append(_Token(match.start(), end, raw, folded))
    return tokens


def fold(text: str) -> str:
    """The lookup key of a name: folded tokens joined by spaces."""
    return " ".join(t.low for t in tokenize(text))


def _case_pattern(tokens: list[_Token]) -> tuple[str | None, ...]:
    """Per token: the exact form required (short all-caps acronyms), or None for any case."""
    return tuple(t.raw if t.raw.isupper() and len(t.raw) <= 3 and t.raw.isalpha() else None for t in tokens)


@dataclass(frozen=True)
class _Alias:
    actor: str
    case: tuple[str | None, ...]

    def accepts(self, tokens: list[_Token]) -> bool:
        return all(want is None or want == tok.raw for want, tok in zip(self.case, tokens))


# --------------------------------------------------------------------------- word lists

_LEADING_DROP = {"the", "a", "an", "this", "that", "some", "several", "many", "two", "three", "four", "five",
                 "dozens", "of", "scores", "all", "hundred", "hundreds", "thousand", "thousands", "dozen",
                 "about", "around", "nearly", "more", "than", "at", "least", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "one"}
# Words after an actor that name its members or its weapons, not another actor.
_MEMBER_WORDS = {
    "fighters", "fighter", "militants", "militant", "members", "member", "operatives", "operative",
    "terrorists", "terrorist", "gunmen", "elements", "units", "unit", "tactical", "cells", "cell",
    "militia", "militias", "militiamen", "loyalists", "commanders", "commander", "group", "movement",
    "rebels", "insurgents", "positions", "wing", "branch", "affiliate", "faction", "factions", "arm",
    "jihadists", "jihadist", "extremists", "gangs", "sleeper", "remnants", "loyalist",
}
_INSTRUMENT_WORDS = {
    "warplanes", "warplane", "jets", "jet", "fighter", "drones", "drone", "aircraft", "planes", "helicopters",
    "helicopter", "bombers", "troops", "forces", "force", "soldiers", "military", "army", "artillery",
    "navy", "personnel", "servicemen", "service", "armed", "security", "special", "air", "ground",
    "missiles", "rockets", "gunboats", "warships", "ships", "vessels", "tanks", "strikes", "airstrikes",
    "strike", "airstrike", "raids", "bombardment", "shelling", "reaper", "predator",
}
_INSTRUMENT_WORDS |= {"defences", "defenses", "defense", "bomber", "gunships", "gunship", "policemen", "police",
                      "officers", "guards", "commandos", "soldier"}
_LOCATIVE_WORDS = {"near", "in", "at", "around", "outside", "inside", "across", "on", "from", "along"}


def strip_dateline(text: str) -> str:
    """The text without a leading wire dateline ("ANBAR - Iran-aligned militants" -> "Iran-aligned militants",
    "Sputnik - Daesh terrorists" -> "Daesh terrorists")."""
    stripped = NAME_DATELINE.sub("", text, count=1)
    return OUTLET_DATELINE.sub("", stripped, count=1) if stripped == text else stripped


# Instrument words that can end a "<demonym> ..." phrase in running text ("Jordanian jets"),
# as opposed to modifiers ("American service", "Iraqi security").
_HEAD_INSTRUMENTS = {
    "warplanes", "warplane", "jets", "drones", "aircraft", "planes", "helicopters", "bombers", "troops",
    "forces", "soldiers", "military", "army", "navy", "personnel", "servicemen", "artillery", "gunboats",
    "warships", "defences", "defenses", "bombers", "gunships", "policemen", "guards", "commandos",
    "soldier",  # "One Turkish soldier killed": the state's forces lost him
}
# Words that describe an actor before its name ("the Iran-backed militia Kataib Hezbollah").
_DESCRIPTOR_WORDS = {
    "the", "a", "an", "backed", "led", "allied", "aligned", "affiliated", "linked", "supported", "sponsored",
    "pro", "militia", "militant", "militants", "group", "movement", "armed", "rebel", "rebels", "jihadist",
    "islamist", "shiite", "shia", "sunni", "kurdish", "faction", "paramilitary", "terrorist", "organization",
    "powerful", "hardline", "influential", "notorious", "main", "prime", "senior", "top", "former",
    "sheikh", "ayatollah", "cleric", "iraqi", "kurdish", "lebanese", "palestinian", "yemeni", "leader",
    "group's", "brigade", "force", "invading", "occupying",
}
_BACKING_WORDS = {"backed", "led", "allied", "aligned", "affiliated", "linked", "supported", "sponsored"}
_GOVERNMENT_WORDS = {"government", "authorities", "officials", "administration", "leadership"}


_GAP_RE = re.compile(r"[\s\-\u2010-\u2014'\u2019]*")


# The only words a gap between two name tokens can hold are the articles tokenize() drops
# ("Tahrir al-Sham", "Jaysh al Islam"): the name runs on across them.
_DROPPED_ARTICLE_RE = re.compile(r"\b(?:" + "|".join(sorted(_ARTICLES | _SUN_ARTICLES)) + r")\b", re.I)


def _joined(text: str, window: list[_Token]) -> bool:
    """In running text a name never spans punctuation ("Islamic State. Iraq" is two things)."""
    return all(_GAP_RE.fullmatch(_DROPPED_ARTICLE_RE.sub("", text[a.end:b.start])) for a, b in zip(window, window[1:]))


_SUFFIX_WORDS = _MEMBER_WORDS | _INSTRUMENT_WORDS | _GOVERNMENT_WORDS


def _is_designator(token: _Token) -> bool:
    """A weapon model written after a nationality: "F-15E", "MQ-9", "B-1"."""
    return any(ch.isdigit() for ch in token.raw) or (token.raw.isupper() and len(token.raw) <= 3)


def _parse_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


# --------------------------------------------------------------------------- registry


class ActorRegistry:
    """Canonical actors and an exact-match alias index over folded names."""

    def __init__(self, actors: list[Actor], countries: list[Country], role_words: Iterable[str] | None = None):
        # a person's role between names ("X, leader of Y", "Y commander X"): lang/people.yaml role_nouns
        self._role_words = frozenset(lang.packaged().words("role_nouns") if role_words is None else role_words)
        self._actors: dict[str, Actor] = {a.name: a for a in actors}
        self._countries: dict[str, Country] = {c.code: c for c in countries}
        self._index: dict[tuple[str, ...], list[_Alias]] = {}
        self._max_len = 1
        # first folded word of an alias -> the lengths of the aliases starting with it, longest first
        self._lengths: dict[str, tuple[int, ...]] = {}
        for actor in actors:
            for text in [actor.name, *actor.aliases, *actor.people]:
                self._add_alias(text, actor.name)
        # country names and demonyms, with the same case rule as aliases ("US" yes, "us" no)
        self._country_names: dict[tuple[str, ...], list[_Alias]] = {}
        self._demonyms: dict[tuple[str, ...], list[_Alias]] = {}
        for country in countries:
            for text in [country.name, *country.names]:
                self._add_country_word(self._country_names, text, country.code)
            for text in country.demonyms:
                self._add_country_word(self._demonyms, text, country.code)
        self._capitals: dict[tuple[str, ...], str] = {
            self._key(capital): country.code for country in countries for capital in country.capitals}
        self._instances: dict[str, Actor] = {}

    # ----------------------------------------------------------------- building

    @staticmethod
    def _key(text: str) -> tuple[str, ...]:
        tokens = tokenize(text)
        while len(tokens) > 1 and tokens[0].low == "the":
            tokens = tokens[1:]
        return tuple(t.low for t in tokens)

    def _add_alias(self, text: str, actor_name: str) -> None:
        tokens = tokenize(text)
        while len(tokens) > 1 and tokens[0].low == "the":
            tokens = tokens[1:]
        if not tokens:
            return
        key = tuple(t.low for t in tokens)
        entry = _Alias(actor_name, _case_pattern(tokens))
        bucket = self._index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self._max_len = max(self._max_len, len(key))
        self._lengths[key[0]] = tuple(sorted({*self._lengths.get(key[0], ()), len(key)}, reverse=True))

    def _add_country_word(self, table: dict[tuple[str, ...], list[_Alias]], text: str, code: str) -> None:
        tokens = tokenize(text)
        while len(tokens) > 1 and tokens[0].low == "the":
            tokens = tokens[1:]
        if tokens:
            table.setdefault(tuple(t.low for t in tokens), []).append(_Alias(code, _case_pattern(tokens)))

    @staticmethod
    def _country_in(table: dict[tuple[str, ...], list[_Alias]], tokens: list[_Token]) -> str | None:
        for entry in table.get(tuple(t.low for t in tokens), []):
            if entry.accepts(tokens):
                return entry.actor  # holds the country code here
        return None

    # ----------------------------------------------------------------- public API

    def all(self) -> list[Actor]:
        return list(self._actors.values())

    def get(self, name: str) -> Actor | None:
        """An actor by its exact canonical name (including per-country instances already made)."""
        return self._actors.get(name) or self._instances.get(name)

    def country_name(self, code: str | None) -> str | None:
        if not code:
            return None
        if code in self._countries:
            return self._countries[code].name
        try:
            import pycountry

            found = pycountry.countries.get(alpha_2=code.upper())
        except (ImportError, LookupError):
            return None
        if found is None:
            return None
        return getattr(found, "common_name", None) or found.name

    def resolve(self, text: str | None, context_country: str | None = None, on: date | None = None) -> Actor | None:
        """The actor a name, alias or person stands for; None when the registry does not know it.

        ``context_country`` (alpha-2) picks a country branch ("ISIS" in Iraq -> "Islamic State
        (Iraq)"); ``on`` picks the ACLED period of state forces.
        """
        if not text or not text.strip():
            return None
        text = strip_dateline(text)
        tokens = tokenize(text)
        while len(tokens) > 1 and tokens[0].low == "the":
            tokens = tokens[1:]
        if not tokens:
            return None
        found = self._exact(text, tokens, context_country, on)  # "a civilian" is an alias itself
        if found is not None:
            return found
        tokens = self._drop_leading(tokens)
        for attempt in (self._exact, self._without_parenthesis, self._apposition, self._without_suffix,
                        self._nationality_prefix, self._of_country, self._of_parent, self._descriptor_prefix,
                        self._bare_country, self._without_locative_tail):
            found = attempt(text, tokens, context_country, on)
            if found is not None:
                return found
        return None

    def find_mentions(self, text: str, country: str | None = None) -> list[tuple[int, int, Actor]]:
        """Registry actors named in running text: (start, end, actor), longest match first, no overlaps.
        ``country`` (alpha-2) settles an alias two countries' actors share ("Asayish": Syria's or the
        Kurdistan Region's); without it such an alias is no mention."""
        tokens = tokenize(text)
        found: list[tuple[int, int, Actor]] = []
        i = 0
        while i < len(tokens):
            match = self._longest_at(tokens, i, text, country)
            if match is not None:
                length, actor = match
                found.append((tokens[i].start, tokens[i + length - 1].end, actor))
                i += length
                continue
            state = self._demonym_instrument_at(tokens, i)
            if state is not None:
                length, forces = state
                found.append((tokens[i].start, tokens[i + length - 1].end, forces))
                i += length
                continue
            i += 1
        return found

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Can two actor names stand for the same party in one event?

        True when either side is missing, unknown to the registry or unidentified, when both
        are the same actor, or when one is the other's parent (transitively) or umbrella.
        """
        if not a or not b or a == b:
            return True
        actor_a, actor_b = self._lookup(a), self._lookup(b)
        if actor_a is None or actor_b is None:
            return True
        if actor_a.name == actor_b.name or "unidentified" in (actor_a.kind, actor_b.kind):
            return True
        return actor_b.name in self._ancestry(actor_a) or actor_a.name in self._ancestry(actor_b)

    def inter_code(self, name: str | None) -> int | None:
        actor = self._lookup(name) if name else None
        return actor.inter if actor else None

    def capital_of(self, text: str | None) -> str | None:
        """ISO2 of the state whose capital ``text`` names ("Ankara", "Washington"), else None."""
        if not text:
            return None
        return self._capitals.get(self._key(strip_dateline(text)))

    def demonym_of(self, text: str | None) -> str | None:
        """ISO2 of the country a bare demonym names ("Turkish", "Russian's" no), else None."""
        if not text:
            return None
        tokens = tokenize(strip_dateline(text))
        return self._country_in(self._demonyms, tokens) if tokens else None

    def country_named(self, text: str | None) -> str | None:
        """ISO2 of the country ``text`` names by its name ("Syria", "the United States"; no demonym), else None."""
        if not text:
            return None
        tokens = tokenize(strip_dateline(text))
        while len(tokens) > 1 and tokens[0].low == "the":
            tokens = tokens[1:]
        return self._country_in(self._country_names, tokens) if tokens else None

    def state_forces(self, country_code: str, on: date | None = None) -> Actor | None:
        """The state forces of a country (at a date), if the registry lists them."""
        candidates = [a for a in self._actors.values() if a.kind == "state_forces" and a.country == country_code]
        return self._by_period(candidates, on)

    # ----------------------------------------------------------------- resolution steps

    @staticmethod
    def _drop_leading(tokens: list[_Token]) -> list[_Token]:
        while len(tokens) > 1 and (tokens[0].low in _LEADING_DROP or tokens[0].low.isdigit()):
            tokens = tokens[1:]
        return tokens

    def _candidates(self, tokens: list[_Token]) -> list[str]:
        key = tuple(t.low for t in tokens)
        return [alias.actor for alias in self._index.get(key, []) if alias.accepts(tokens)]

    def _exact(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        names = self._candidates(tokens)
        return self._choose(names, cc, on) if names else None

    def _apposition(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        """"Akram al-Kaabi, leader of al-Nujaba" / "Kataib Hezbollah commander Abu Ali"."""
        if "," in text:
            head, tail = text.split(",", 1)
            tail_tokens = tokenize(tail)
            has_role = any(t.low in self._role_words for t in tail_tokens)
            tail_actor = self.resolve(tail, cc, on)
            head_actor = self.resolve(head, cc, on)
            # only an apposition, not a list ("U.S., German, and Canadian companies")
            if head_actor is not None and head_actor.kind not in ("civilians", "unidentified") and (
                    has_role or (tail_actor is not None and tail_actor.name == head_actor.name)):
                return head_actor
            if has_role:
                named = {m[2].name: m[2] for m in self.find_mentions(tail)}
                named = {n: a for n, a in named.items() if a.kind not in ("civilians", "unidentified")}
                if len(named) == 1:
                    return self._choose(list(named), cc, on)
            return None
        for i, token in enumerate(tokens[1:], start=1):
            if token.low in self._role_words:
                names = self._candidates(tokens[:i])
                if names:
                    return self._choose(names, cc, on)
                break
        return None

    def _without_suffix(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        """"ISIL fighters" -> ISIL; "Turkish warplanes" -> Turkish state forces.

        Trailing member and instrument words go one by one, and a weapon model once some
        instrument word has gone ("US Air Force B-1B bombers").
        """
        rest = list(tokens)
        stripped: set[str] = set()
        while len(rest) > 1:
            if rest[-1].low in _SUFFIX_WORDS:
                stripped.add(rest[-1].low)
            elif not (stripped and _is_designator(rest[-1])):
                break
            rest = rest[:-1]
            names = self._candidates(rest)
            if names:
                return self._choose(names, cc, on)
        if not stripped:
            return None
        code = self._country_in(self._demonyms, rest) or self._country_in(self._country_names, rest)
        if code is None:
            return None
        if stripped & _GOVERNMENT_WORDS and not stripped & _INSTRUMENT_WORDS:
            government = [a for a in self._actors.values() if a.kind == "government" and a.country == code]
            return government[0] if len(government) == 1 else None
        if stripped & _INSTRUMENT_WORDS:
            return self.state_forces(code, on)
        return None

    def _without_parenthesis(self, text: str, tokens: list[_Token], cc: str | None,
                             on: date | None) -> Actor | None:
        """"U.S. Central Command (CENTCOM)", "the Islamic State (IS) group": drop the gloss."""
        if "(" not in text:
            return None
        inner = re.findall(r"\(([^()]*)\)", text)
        outer = re.sub(r"\s*\([^()]*\)", "", text)
        found = self.resolve(outer, cc, on) if outer.strip() and outer != text else None
        if found is None:
            return None
        for gloss in inner:  # a gloss naming someone else means we misread the phrase
            other = self.resolve(gloss, cc, on)
            if other is not None and not self.compatible(other.name, found.name):
                return None
        return found

    def _descriptor_prefix(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        """"Iran-backed Kataib Hezbollah", "Palestinian militant group Hamas",
        "Iraqi Prime Minister Mohammed Shia al-Sudani": descriptive words before a known name.

        A nationality among the descriptors (not followed by "backed"/"led"/...) must agree with
        the actor's own country.
        """
        for cut in range(1, len(tokens)):
            word = tokens[cut - 1]
            is_place = (self._country_in(self._demonyms, [word]) or self._country_in(self._country_names, [word]))
            if not (word.low in _DESCRIPTOR_WORDS or word.low in self._role_words or is_place):
                return None
            if word.low == "pro":
                continue  # "pro-Iran militias": the country after "pro" is a backer, never the name's start
            found = self.resolve(text[tokens[cut].start:], cc, on)
            if found is None:
                continue
            if found.kind == "unidentified" and cc is None:
                return None  # "Iran-backed militias" is some country's unidentified group: which, the event says
            for i, prefix_word in enumerate(tokens[:cut]):
                code = self._country_in(self._demonyms, [prefix_word])
                backer = (i + 1 < len(tokens) and tokens[i + 1].low in _BACKING_WORDS
                          or i > 0 and tokens[i - 1].low == "pro")
                if code and not backer and found.country not in (None, code):
                    return None
            return found
        return None

    def _of_parent(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        """"the Quds Force of Iran's Revolutionary Guards": X of Y, where Y is X's parent or umbrella."""
        for cut in range(1, len(tokens) - 1):
            if tokens[cut].low != "of":
                continue
            head = self.resolve(text[tokens[0].start:tokens[cut - 1].end], cc, on)
            owner = self.resolve(text[tokens[cut + 1].start:], cc, on)
            if head is not None and owner is not None and (
                    owner.name == head.name or owner.name in self._ancestry(head)):
                return head
        return None

    def _nationality_prefix(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        """"Syrian civilians" -> Civilians (Syria); "Yemen's Houthis" -> Ansar Allah.

        The nationality sets the country of a family actor; on any other actor it must agree
        with the actor's own country ("Syrian Hezbollah" stays unknown rather than Lebanese).
        """
        for cut in (1, 2, 3):
            if cut >= len(tokens):
                break
            code = self._country_in(self._demonyms, tokens[:cut]) or self._country_in(
                self._country_names, tokens[:cut])
            if code is None or tokens[cut].low in _BACKING_WORDS:
                continue  # "Iran-aligned militants" are not Iran's: the backer is no nationality
            found = self.resolve(text[tokens[cut].start:], code, on)
            if found is not None and (found.country in (None, code) or self.get(found.parent or "") is not None
                                      and self._actors.get(found.parent or "", found).country is None):
                return found
        return None

    def _of_country(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        """"the people of Iraq", "civilians in Syria": a per-country actor placed by the text."""
        for cut in range(len(tokens) - 2, 0, -1):
            if tokens[cut].low not in ("of", "in"):
                continue
            code = self._country_in(self._country_names, tokens[cut + 1:])
            if code is None:
                return None
            names = [n for n in self._candidates(tokens[:cut])
                     if self._actors[n].per_country or self._actors[n].by_country]
            return self._choose(names, code, on) if names else None
        return None

    def _without_locative_tail(self, text: str, tokens: list[_Token], cc: str | None,
                               on: date | None) -> Actor | None:
        """"Popular Mobilization Forces near Muqdadiyah", "the US-led coalition of repeatedly
        violating ...": a clause the extractor left on the name.  Only after every reading of the
        whole phrase failed ("Islamic Resistance in Iraq" matched as a name first)."""
        for i, token in enumerate(tokens[1:], start=1):
            is_tail = token.low in _LOCATIVE_WORDS or (
                token.low == "of" and any(t.low.endswith("ing") for t in tokens[i + 1:i + 3]))
            if not is_tail:
                continue
            head = text[:token.start].rstrip(" ,")
            found = self.resolve(head, cc, on) if head else None
            if found is not None and found.kind not in ("civilians", "unidentified"):
                return found
            return None
        return None

    def _bare_country(self, text: str, tokens: list[_Token], cc: str | None, on: date | None) -> Actor | None:
        """"Iran" / "the United States" as an actor -> its state forces (ACLED codes state violence so)."""
        code = self._country_in(self._country_names, tokens)
        return self.state_forces(code, on) if code else None

    # ----------------------------------------------------------------- choosing among candidates

    def _choose(self, names: list[str], cc: str | None, on: date | None) -> Actor | None:
        actors = [self._in_country(self._actors[n], cc) for n in dict.fromkeys(names)]
        if len(actors) == 1:
            return actors[0]
        if cc:
            local = [a for a in actors if a.country == cc]
            if local:
                actors = local
        chosen = self._by_period(actors, on)
        return chosen

    def _by_period(self, actors: list[Actor], on: date | None) -> Actor | None:
        if not actors:
            return None
        if len(actors) == 1:
            return actors[0]
        if on is not None:
            active = [a for a in actors if (a.active_from is None or a.active_from <= on)
                      and (a.active_to is None or on <= a.active_to)]
            if len(active) >= 1:
                # on the changeover day both match: the newer period wins
                return max(active, key=lambda a: a.active_from or date.min)
        current = [a for a in actors if a.active_to is None]
        if len(current) == 1:
            return current[0]
        return None  # ambiguous: better unknown than wrong

    def _in_country(self, actor: Actor, cc: str | None) -> Actor:
        """The country branch of a family actor ("Islamic State" in Iraq)."""
        if not cc:
            return actor
        if cc in actor.by_country and actor.by_country[cc] in self._actors:
            return self._actors[actor.by_country[cc]]
        if actor.per_country:
            country = self.country_name(cc)
            if country:
                name = actor.per_country.format(country=country)
                if name not in self._instances:
                    self._instances[name] = replace(
                        actor, name=name, aliases=[], people=[], country=cc, parent=actor.name, per_country=None)
                return self._instances[name]
        return actor

    def _lookup(self, name: str) -> Actor | None:
        direct = self.get(name)
        if direct is not None:
            return direct
        match = re.fullmatch(r"(.+) \(([^()]+)\)", name)  # "Civilians (Iraq)" made by another process
        if match:
            base = self._actors.get(match.group(1))
            if base is not None and base.per_country:
                code = self._code_of(match.group(2))
                if code:
                    return self._in_country(base, code)
        return self.resolve(name)

    def _code_of(self, country_name: str) -> str | None:
        code = self._country_in(self._country_names, tokenize(country_name))
        if code:
            return code
        try:
            import pycountry

            return pycountry.countries.lookup(country_name).alpha_2
        except (ImportError, LookupError):
            return None

    def _ancestry(self, actor: Actor) -> set[str]:
        """Parents (transitively) and the actor's own umbrellas."""
        found = set(actor.umbrellas)
        current: Actor | None = actor
        while current is not None and current.parent and current.parent not in found:
            found.add(current.parent)
            current = self._actors.get(current.parent)
        return found

    def _longest_at(self, tokens: list[_Token], i: int, text: str = "", cc: str | None = None) -> tuple[int, Actor] | None:
        # only the lengths of aliases starting with this word can match (the answer of trying every length)
        available = len(tokens) - i
        for length in self._lengths.get(tokens[i].low, ()):
            if length > available:
                continue
            window = tokens[i:i + length]
            if text and not _joined(text, window):
                continue
            names = self._candidates(window)
            if names:
                actor = self._choose(names, cc, None)
                if actor is not None:
                    return length, actor
        return None

    def _demonym_instrument_at(self, tokens: list[_Token], i: int) -> tuple[int, Actor] | None:
        """"Jordanian jets", "American service members": (length, state forces) or None."""
        code = self._country_in(self._demonyms, tokens[i:i + 1])
        if code is None:
            return None
        length = 0
        j = i + 1
        while j < len(tokens) and (tokens[j].low in _INSTRUMENT_WORDS or tokens[j].low == "members"):
            if tokens[j].low in _HEAD_INSTRUMENTS or tokens[j].low == "members":
                length = j - i + 1
            j += 1
        if not length:
            return None
        forces = self.state_forces(code)
        return (length, forces) if forces else None


# --------------------------------------------------------------------------- loading

_LIST_FIELDS = ("aliases", "people", "umbrellas")


def _merge_entry(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """A later file's entry extends the earlier one (lists grow, scalars change), or replaces it."""
    if old is None or new.get("replace"):
        return dict(new)
    merged = dict(old)
    for key, value in new.items():
        if key in _LIST_FIELDS and isinstance(value, list):
            merged[key] = list(dict.fromkeys([*(old.get(key) or []), *value]))
        elif key == "by_country" and isinstance(value, dict):
            merged[key] = {**(old.get(key) or {}), **value}
        else:
            merged[key] = value
    return merged


def _actor_from(entry: dict[str, Any], path: Path) -> Actor:
    try:
        active = entry.get("active") or [None, None]
        return Actor(
            name=str(entry["name"]),
            aliases=[str(a) for a in entry.get("aliases") or []],
            inter=int(entry["inter"]),
            country=entry.get("country"),
            kind=str(entry.get("kind", "other")),
            parent=entry.get("parent"),
            umbrellas=[str(u) for u in entry.get("umbrellas") or []],
            plover_sector=entry.get("plover_sector"),
            people=[str(p) for p in entry.get("people") or []],
            active_from=_parse_date(active[0]),
            active_to=_parse_date(active[1]),
            by_country={str(k): str(v) for k, v in (entry.get("by_country") or {}).items()},
            per_country=entry.get("per_country"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: actor entry {entry.get('name')!r} is incomplete or malformed: {exc}") from None


def load_registry(paths: list[Path], civilian_nouns: Iterable[str] = (),
                  role_nouns: Iterable[str] | None = None) -> ActorRegistry:
    """Build a registry from actor YAML files, later files overriding earlier ones by name;
    ``civilian_nouns`` (knowledge/lang/people.yaml) are aliases of every ``kind: civilians`` actor;
    ``role_nouns`` (people.yaml too; the package's when None) join names ("X, leader of Y")."""
    entries: dict[str, dict[str, Any]] = {}
    sources: dict[str, Path] = {}
    countries: dict[str, dict[str, Any]] = {}
    for path in paths:
        data = knowledge.load_yaml(path) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with 'actors' and/or 'countries'")
        for entry in data.get("actors") or []:
            if not isinstance(entry, dict) or "name" not in entry:
                raise ValueError(f"{path}: every actor entry needs a 'name'")
            entries[entry["name"]] = _merge_entry(entries.get(entry["name"]), entry)
            sources[entry["name"]] = path
        for entry in data.get("countries") or []:
            code = str(entry["code"]).upper()
            old = countries.get(code)
            countries[code] = _merge_entry(old, {**entry, "code": code}) if old else {**entry, "code": code}
    extra = sorted(civilian_nouns)
    for name, entry in entries.items():
        if entry.get("kind") == "civilians" and extra:
            entries[name] = _merge_entry(entry, {"aliases": extra})
    actors = [_actor_from(entry, sources[name]) for name, entry in entries.items()]
    country_list = [
        Country(code=c["code"], name=str(c.get("name", c["code"])),
                names=[str(n) for n in c.get("names") or []], demonyms=[str(d) for d in c.get("demonyms") or []],
                capitals=[str(n) for n in c.get("capitals") or []])
        for c in countries.values()
    ]
    return ActorRegistry(actors, country_list, role_nouns)


@lru_cache(maxsize=8)
def registry_for(known: Knowledge) -> ActorRegistry:
    """The registry built from ``known``'s actor files (package, then user dirs); cached by it."""
    words = lang.words_for(known)
    return load_registry(list(known.iter_yaml_files("actors")), words.words("civilian_nouns"), words.words("role_nouns"))


def get_registry() -> ActorRegistry:
    """The registry of the active settings' knowledge (``conflictwire.settings``)."""
    return registry_for(settings.knowledge())
