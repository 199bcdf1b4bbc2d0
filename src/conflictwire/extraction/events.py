"""Event triggers and their arguments, read from one parsed sentence.

Approach (lexicon + dependency rules, no training data):

1. Triggers come from ``knowledge/triggers.yaml``: verbs ("struck", "shelled"), nominals
   ("airstrikes", "drone attack", "roadside bomb"), verb+particle ("shot down").  Each maps to
   an ACLED sub-event type; generic ones ("struck", "attack") are *refined* by the weapon found
   among their arguments (``weapons.yaml``): rockets/missiles/mortars -> shelling, aircraft/drones
   -> air strike, IEDs -> remote explosive.
2. Some triggers need corroboration before they count (``requires``): "intercepted" needs a
   weapon ("intercepted two drones"), "agreed" needs a ceasefire-like object, "arrested" a
   person, "strike" a military argument (so "strike a deal" and labour strikes are not events).
3. Roles from the parse: subject -> actor1, object / "on X" / "against X" -> target and actor2,
   passive "by X" -> actor1, a platform subject ("Turkish warplanes") -> actor text "Turkish
   warplanes" (the minimal noun phrase; the actors stage resolves it) plus a weapon; nominal triggers take actors from modifiers ("US drone strike") and "by X", and from
   the verb they hang on ("X conducted strikes", "the strike on Y killed ...").  Relative
   pronouns are replaced by the noun they refer to; a conjoined verb without a subject
   inherits its neighbour's.  actor2 (ACLED's side attacked) also comes from those killed when
   they name a side ("killing two members of X", "two Iraqi soldiers were killed when ...",
   shepherds -> Civilians) and from a named facility's stated owner ("Tower 22, a US military
   outpost", "a base which hosts US forces"); never from the wounded, unnamed "men"/"people",
   or actor1's own side.  An empty actor2 beats a guessed one.
4. Places: every locative preposition ("in", "near", "at", "outside", "south of",
   "the outskirts of") inside the event's clause whose object is a proper name or a named
   facility, plus conjoined names ("Deir Ezzor, Al-Bukamal and Al-Mayadeen" -> three).
5. Triggers that hang on one another ("launched a drone attack") are one event; different
   sub-types joined by "and" stay separate.
6. A wire dateline ("AMMAN - ", "ERBIL, Jan 25 (Levant Wire) - ", ``dateline_end``) is where the
   reporter is: its words give no place, actor or date, though the quote still starts with it.
   Locators ("Hawija, west of Kirkuk", "Sinun in the Sinjar district") are not second places.
7. Hedging (``hedging.py``), tallies ("more than 40 attacks since March") and background
   aspect ("had struck") are flagged here; ``pipeline/extract.py`` decides what to keep.

All offsets are article offsets: spaCy's sentence-relative offsets plus ``Sentence.start``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from conflictwire.extraction import hedging
from conflictwire.knowledge import load_lexicon
from conflictwire.models import PlaceMention, Sentence, Span
from conflictwire.vocab import SUB_EVENT_TO_TYPE

# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class TriggerRule:
    words: tuple[str, ...]
    pos: str | None
    sub_event_type: str
    refine: bool
    requires: str | None
    specific: bool
    priority: int
    by_agent: tuple[tuple[str, str], ...] = ()  # agent class -> sub-type ("rioters" -> Violent demonstration)


@dataclass(frozen=True)
class WeaponTerm:
    words: tuple[str, ...]
    name: str
    category: str


@dataclass(frozen=True)
class EventLexicon:
    rules: tuple[TriggerRule, ...]
    weapon_terms: tuple[WeaponTerm, ...]
    category_order: tuple[str, ...]
    category_type: dict[str, str]
    platforms: frozenset[str]
    military_words: frozenset[str]
    activity_words: frozenset[str]
    agreement_words: frozenset[str]
    person_words: frozenset[str]
    withdraw_subjects: frozenset[str]
    crowd_words: frozenset[str]
    civilian_words: frozenset[str]
    armed_words: frozenset[str]
    support_verbs: frozenset[str]
    candidate_stems: tuple[str, ...]
    headline_verbs: frozenset[str] = frozenset()  # base forms the headline repair may put in the past tense
    mob_words: frozenset[str] = frozenset()  # agents that make a riot a mob's ("Mob torches church")
    rioter_words: frozenset[str] = frozenset()  # agents that make it a violent demonstration
    protest_target_words: frozenset[str] = frozenset()  # "disperse protesters", "fire tear gas at demonstrators"
    base_words: frozenset[str] = frozenset()  # "sets up a new base"
    territory_words: frozenset[str] = frozenset()  # "seize the town of ...", "retake control of ..."
    state_words: frozenset[str] = frozenset()  # agents that make a territorial gain the government's
    captive_words: frozenset[str] = frozenset()  # people who can be abducted
    military_victims: frozenset[str] = frozenset()  # victims that make a killing a clash


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s-]+", phrase.lower()) if w)


@lru_cache(maxsize=1)
def lexicon() -> EventLexicon:
    trig = load_lexicon("triggers.yaml")
    weap = load_lexicon("weapons.yaml")
    rules = []
    for entry in trig.get("triggers", []):
        sub = entry["sub_event_type"]
        for typed in [sub, *(entry.get("by_agent") or {}).values()]:
            if typed not in SUB_EVENT_TO_TYPE:
                raise ValueError(f"triggers.yaml: unknown ACLED sub-event type {typed!r}")
        rules.append(
            TriggerRule(
                words=_words(entry["phrase"]),
                pos=entry.get("pos"),
                sub_event_type=sub,
                refine=bool(entry.get("refine", False)),
                requires=entry.get("requires"),
                specific=bool(entry.get("specific", False)),
                priority=int(entry.get("priority", 1)),
                by_agent=tuple((str(k), str(v)) for k, v in (entry.get("by_agent") or {}).items()),
            )
        )
    terms = []
    for name, spec in (weap.get("weapons") or {}).items():
        for term in spec.get("terms", []):
            terms.append(WeaponTerm(_words(str(term)), name, spec["category"]))
    terms.sort(key=lambda t: -len(t.words))

    def wordset(data: dict, key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []) or [])

    categories = weap.get("categories") or {}
    return EventLexicon(
        rules=tuple(rules),
        weapon_terms=tuple(terms),
        category_order=tuple(categories),
        category_type=dict(categories),
        platforms=wordset(weap, "platforms"),
        military_words=wordset(trig, "military_words"),
        activity_words=wordset(trig, "activity_words"),
        agreement_words=wordset(trig, "agreement_words"),
        person_words=wordset(trig, "person_words"),
        withdraw_subjects=wordset(trig, "withdraw_subjects"),
        crowd_words=wordset(trig, "crowd_words"),
        civilian_words=wordset(trig, "civilian_words"),
        armed_words=wordset(trig, "armed_words"),
        support_verbs=wordset(trig, "support_verbs"),
        candidate_stems=tuple(str(s) for s in trig.get("candidate_stems", [])),
        headline_verbs=wordset(trig, "headline_verbs"),
        mob_words=wordset(trig, "mob_words"),
        rioter_words=wordset(trig, "rioter_words"),
        protest_target_words=wordset(trig, "protest_target_words"),
        base_words=wordset(trig, "base_words"),
        territory_words=wordset(trig, "territory_words"),
        state_words=wordset(trig, "state_words"),
        captive_words=wordset(trig, "captive_words"),
        military_victims=wordset(trig, "military_victims"),
    )


# --------------------------------------------------------------------------- drafts


@dataclass
class EventDraft:
    """One event as found in one sentence, before dating and coreference."""

    head_i: int  # token index of the trigger head (sentence-relative)
    trigger: Span
    sub_event_type: str
    specific: bool
    priority: int
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    places: list[PlaceMention] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    hedge: str | None = None  # why it is not a real past event
    tally: bool = False  # a count over a period, never an event
    background: bool = False  # past perfect: an earlier event mentioned in passing
    definite: bool = False  # "the strikes", "Sunday's attack": may refer back to an earlier mention
    typed_by_default: bool = False  # generic trigger with no weapon to confirm the type
    token_indices: tuple[int, ...] = ()
    requires: str | None = None  # the trigger rule's corroboration need
    under_attribution: bool = False  # hangs under "denied", "blamed", "condemned": coreference only
    reference: bool = False  # "after the attack", "in response to the strike": needs its own date
    reported: bool = False  # the event clause is what someone said
    clause_span: tuple[int, int] = (0, 0)  # article offsets of the event clause
    own_span: tuple[int, int] = (0, 0)  # article offsets of the trigger's own phrase
    default_clash: bool = False  # a bare "attack" typed as a clash for want of a weapon
    actor1_ref: str | None = None  # "the group", "it": an agent that refers back; the extract stage resolves it


_PLACE_PREPS = {"in", "near", "at", "outside", "around", "inside", "across", "within", "throughout", "into", "from", "over"}
_DIRECTIONS = re.compile(r"^(north|south|east|west)(east|west)?(ern)?$|^(northeast|northwest|southeast|southwest)(ern)?$", re.I)
_CONTAINERS = {
    "city": "", "town": "", "village": "", "province": "", "governorate": "", "district": "district",
    "area": "area", "region": "", "outskirts": "outskirts", "countryside": "countryside", "vicinity": "vicinity",
    "suburb": "suburb", "suburbs": "suburb", "neighbourhood": "", "neighborhood": "", "capital": "", "border": "border",
    "environs": "vicinity", "edge": "outskirts", "state": "",
}
_FACILITY_NOUNS = {
    "base", "airbase", "airfield", "airport", "camp", "field", "oilfield", "crossing", "dam", "refinery",
    "complex", "hospital", "port", "bridge", "compound", "embassy", "consulate", "checkpoint", "university",
    "mosque", "market", "square", "street", "road", "highway", "prison", "palace", "station", "plant",
    "garrison", "outpost", "barracks",
}
_NON_PLACE_ENTS = {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PERSON", "WORK_OF_ART", "LAW", "EVENT"}
_GROUP_NOUNS = {
    "militants", "militant", "fighters", "forces", "troops", "rebels", "militia", "militias", "insurgents",
    "gunmen", "soldiers", "army", "group", "groups", "police", "jihadists", "terrorists", "coalition", "military",
    "personnel", "units", "unit", "members", "cells", "cell",
}
_TARGET_PREPS = {"on", "against", "at", "targeting", "toward", "towards", "upon"}
_OWNER_WORDS = {"coalition", "government", "regime", "enemy", "allied", "rebel", "militia", "insurgent", "jihadist"}
_SAY_VERBS = {"say", "announce", "declare", "state", "confirm", "claim", "add", "report"}
_RELATIVE = {"which", "who", "that", "whom"}
_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "them", "him", "her", "us", "this", "these", "those"}
_TALLY_CUE = re.compile(
    r"\b(since|so far|to date|this year|in total|a total of|over the (past|last)|in the (past|last)|per (day|week)"
    r"|every (day|week)|each (day|week)|dozens of|hundreds of|scores of|more than \d+ (attacks|strikes)|at least \d+ (attacks|strikes))\b",
    re.I,
)
_EFFECT_VERBS = {"kill", "injure", "wound", "destroy", "damage", "hit", "target", "strike", "engage", "leave", "claim", "cause"}
# Of those, the verbs whose object is what was attacked (the others take victims or tolls).
_TARGETING_VERBS = {"destroy", "damage", "hit", "target", "strike", "engage"}
_TIME_WORDS = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|morning|evening|night"
    r"|afternoon|dawn|week|month|year|weekend|january|february|march|april|may|june|july|august|september"
    r"|october|november|december)s?$",
    re.I,
)


def candidate_stems() -> list[str]:
    """Word beginnings of the triggers (a space stands for any whitespace), for the sentence filter."""
    return list(lexicon().candidate_stems)


# --------------------------------------------------------------------------- helpers on tokens


# "BAGHDAD - Kataib Hezbollah", "ERBIL, Jan 25 (Levant Wire) - ...": a dateline glued to the subject
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,[^-–—]{0,40})?\s+[-–—]+\s+")
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .'’-]{2,},")
# "KIRKUK, Feb 15 (Levant Wire) - ": may hold a parenthesis with the outlet
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,[^-–—\n]{0,60})?\s+[-–—]+\s+")


def dateline_end(text: str) -> int:
    """Length of a wire dateline at the start of ``text`` ("AMMAN - ", "ERBIL, Jan 25 (Levant Wire) - "),
    0 when there is none.  The dateline says where the reporter is, never where the event happened
    (ACLED ignores it), so its words fill no role and give no place."""
    m = _DATELINE_PREFIX.match(text)
    if not m or not any(c.isalpha() and c.isupper() for c in m.group(0)[:3]):
        return 0
    head = m.group(0).split(",")[0].strip(" -–—")
    if not head.replace(" ", "").replace("-", "").replace(".", "").isupper() or len(head) < 3:
        return 0
    return m.end()


def resolve_relative(token):
    """'which'/'who' in a relative clause -> the noun the clause hangs on."""
    if token is not None and token.lower_ in _RELATIVE:
        clause = token.head
        if clause.dep_ in ("relcl", "acl") and clause.head.i != clause.i:
            return clause.head
    return token


def noun_phrase(token) -> str | None:
    """The noun phrase headed by ``token``, without relative clauses, appositions, conjuncts or a leading article."""
    if token is None:
        return None
    cut = {"relcl", "acl", "appos", "conj", "cc", "punct", "prep", "advcl", "ccomp", "advmod"}
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in cut or (c.dep_ == "punct" and c.text in ("-", "–"))]
    while stack:
        item = stack.pop()
        keep.append(item)
        stack.extend(c for c in item.children if c.dep_ not in {"relcl", "acl", "appos", "conj", "cc", "advcl", "ccomp"})
    # hyphens inside names ("Al-Bukamal") are punct children: keep those between kept tokens
    indices = sorted(t.i for t in keep)
    lo, hi = indices[0], indices[-1]
    doc = token.doc
    dateline = dateline_end(doc_text(doc))
    while lo < hi and (doc[lo].idx < dateline or doc[lo].dep_ in ("det", "predet") and doc[lo].lower_ in ("the", "a", "an", "some", "all")
                       or doc[lo].lower_ in ("suspected", "alleged")):
        lo += 1  # "Suspected Islamic State gunmen": the suspicion is the claimant's hedge, the actor is the rest
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    if lo > token.i or hi < token.i:
        lo, hi = token.i, token.i
    if token.ent_iob_ in ("B", "I") and token.ent_type_ in ("ORG", "GPE", "NORP", "PERSON", "FAC"):
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:  # "the Islamic Resistance in Iraq": the name runs past the head
            hi = max(hi, ent.end - 1)
            lo = min(lo, ent.start)
            while lo < hi and doc[lo].lower_ in ("the", "a", "an"):
                lo += 1
            if doc[hi].pos_ == "ADP":  # spaCy's entity stops at "in": take the name after it too
                pobj = next((c for c in doc[hi].children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
                hi = pobj.i if pobj is not None else hi - 1
    if token.pos_ == "PROPN" and hi == token.i and any(doc[i].pos_ == "PROPN" for i in range(lo, token.i)):
        # "the Islamic Resistance in Iraq" parsed without an entity: a multi-word name runs on over "in <Country>"
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == token.i + 1), None)
        place = _pobj(prep) if prep is not None else None
        if place is not None and place.ent_type_ == "GPE" and place.i == token.i + 2:
            hi = place.i
    text = _DATELINE.sub("", doc[lo : hi + 1].text)
    if not text or _DATELINE_ONLY.match(text):
        return None
    return text


def _span(sentence: Sentence, doc, lo: int, hi: int) -> Span:
    """Article span of tokens lo..hi (inclusive)."""
    start = sentence.start + doc[lo].idx
    end = sentence.start + doc[hi].idx + len(doc[hi].text)
    return Span(start, end, sentence.text[start - sentence.start : end - sentence.start])


_TEXT_KEY = "conflictwire.text"
_CONTENT_KEY = "conflictwire.content_tokens"


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy re-joins every token's text on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _content_tokens(doc) -> tuple[list, list[tuple[str, str]]]:
    """The tokens lexicon phrases are matched on (dashes left out) and their forms, once per Doc."""
    cached = doc.user_data.get(_CONTENT_KEY)
    if cached is None:
        tokens = [t for t in doc if t.text not in ("-", "–")]
        cached = doc.user_data[_CONTENT_KEY] = (tokens, [_forms(t) for t in tokens])
    return cached


def release_doc_caches(doc) -> None:
    """Drop the per-Doc caches (call when done with the Doc)."""
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(_CONTENT_KEY, None)


def _forms(token) -> tuple[str, str]:
    """The two forms a lexicon word is compared with: lower-cased text and lower-cased lemma."""
    return token.lower_, token.lemma_.lower()


def _forms_match(forms: tuple[str, str], word: str) -> bool:
    return forms[0] == word or forms[1] == word


def _by_first_word(entries) -> dict[str, tuple[int, ...]]:
    """First word -> positions of the entries starting with it, in lexicon order."""
    index: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        index.setdefault(entry.words[0], []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


@lru_cache(maxsize=1)
def _rule_index() -> dict[str, tuple[int, ...]]:
    return _by_first_word(lexicon().rules)


@lru_cache(maxsize=1)
def _weapon_index() -> dict[str, tuple[int, ...]]:
    return _by_first_word(lexicon().weapon_terms)


@lru_cache(maxsize=1)
def _single_weapon_words() -> frozenset[str]:
    return frozenset(term.words[0] for term in lexicon().weapon_terms if len(term.words) == 1)


def _entries_for(index: dict[str, tuple[int, ...]], forms: tuple[str, str]) -> tuple[int, ...]:
    """Positions of the lexicon entries whose first word is one of the token's forms, in lexicon order.

    An entry can only match at a token whose text or lemma is its first word, so looking the
    token's two forms up replaces comparing it with every entry; keeping lexicon order keeps the
    result identical (first weapon term wins; trigger candidates tie-break by insertion order)."""
    by_text = index.get(forms[0], ())
    if forms[1] == forms[0]:
        return by_text
    by_lemma = index.get(forms[1], ())
    if not by_text or not by_lemma:
        return by_text or by_lemma
    return tuple(sorted(set(by_text) | set(by_lemma)))


# --------------------------------------------------------------------------- weapons


def weapon_matches(doc) -> dict[int, WeaponTerm]:
    """Token index -> weapon term, for every token covered by a weapon phrase."""
    found: dict[int, WeaponTerm] = {}
    tokens, forms = _content_tokens(doc)
    terms = lexicon().weapon_terms
    index = _weapon_index()
    for pos in range(len(tokens)):
        if tokens[pos].i in found:
            continue
        for position in _entries_for(index, forms[pos]):
            term = terms[position]
            n = len(term.words)
            if pos + n <= len(tokens) and all(_forms_match(f, w) for f, w in zip(forms[pos : pos + n], term.words)):
                for t in tokens[pos : pos + n]:
                    found[t.i] = term
                break
    return found


# --------------------------------------------------------------------------- triggers


def match_triggers(doc) -> list[tuple[list, TriggerRule]]:
    """Non-overlapping trigger matches: (tokens, rule), longest and highest priority first."""
    candidates: list[tuple[list, TriggerRule]] = []
    tokens, forms = _content_tokens(doc)
    rules = lexicon().rules
    index = _rule_index()
    for pos, token in enumerate(tokens):
        for position in _entries_for(index, forms[pos]):
            rule = rules[position]
            words = rule.words
            if len(words) == 2 and words[1] in ("down", "out", "up", "over") and rule.pos is None:
                # verb + particle: "shot down", "shot the drone down", "pulled out"
                if token.pos_ in ("VERB", "AUX"):
                    prt = [c for c in token.children if c.lower_ == words[1] and (
                        c.dep_ == "prt" or (c.dep_ == "prep" and words[1] == "over" and c.i == token.i + 1))]
                    if prt:
                        candidates.append(([token, prt[0]], rule))
                continue
            n = len(words)
            if pos + n > len(tokens) or not all(_forms_match(f, w) for f, w in zip(forms[pos : pos + n], words)):
                continue
            window = tokens[pos : pos + n]
            head = window[-1]
            if rule.pos == "VERB" and head.pos_ not in ("VERB",):
                continue
            if rule.pos == "NOUN" and head.pos_ not in ("NOUN", "PROPN"):
                continue
            if len(words) == 1 and rule.pos is None and head.pos_ not in ("NOUN", "PROPN", "VERB"):
                continue
            candidates.append((window, rule))
    candidates.sort(key=lambda c: (-len(c[0]), -c[1].priority))
    taken: set[int] = set()
    chosen = []
    for toks, rule in candidates:
        if any(t.i in taken for t in toks):
            continue
        taken.update(t.i for t in toks)
        chosen.append((toks, rule))
    return sorted(chosen, key=lambda c: c[0][0].i)


def _head_token(toks):
    """The syntactic head of a multi-token trigger (the token whose head is outside the group)."""
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]


# --------------------------------------------------------------------------- roles


@dataclass
class _Args:
    subjects: list = field(default_factory=list)  # agent side
    objects: list = field(default_factory=list)  # patient side
    modifiers: list = field(default_factory=list)  # actor-like modifiers of a nominal trigger
    instruments: list = field(default_factory=list)  # "with drones"
    event_root: object = None  # the token whose clause holds the event's places


def past_dateline(tok):
    """A subject the parser took from the dateline ("ERBIL, Jan 25 (Levant Wire) - The Islamic
    Resistance in Iraq said ...": ERBIL is the subject, the real one its apposition) -> the real one."""
    if tok is None:
        return None
    end = dateline_end(doc_text(tok.doc))
    if tok.idx >= end:
        return tok
    return next((c for c in tok.children if c.dep_ == "appos" and c.idx >= end), None)


def _subject_of(verb):
    """nsubj of a verb; a conjoined verb without one inherits its neighbour's; relatives resolved."""
    for _ in range(3):
        subj = past_dateline(next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None))
        if subj is not None and subj.lower_ in ("it", "they", "we") and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAY_VERBS:
            # "X announced it was suspending its attacks", "X said they had targeted the base"
            outer = past_dateline(next((c for c in verb.head.children if c.dep_ == "nsubj"), None))
            if outer is not None and outer.lower_ not in _PRONOUNS:
                return resolve_relative(outer)
        if subj is not None:
            return resolve_relative(subj)
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        if verb.dep_ in ("relcl", "acl") and any(c.dep_ == "nsubjpass" for c in verb.children) is False:
            return None
        break
    return None


def _pobj(prep):
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _collect_args(head, trigger_ids: set[int], all_trigger_ids: frozenset[int] = frozenset()) -> _Args:
    args = _Args(event_root=head)
    kids = list(head.children)
    if head.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        if head.dep_ == "ROOT" and (head.tag_ == "VBN" or head.tag_ == "VBD" and is_headline(doc_text(head.doc))
                                       and re.search(r"(ed|shot|struck|hit|downed|taken|seized)$", head.lower_)) \
                and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in kids):
            # a headline's bare participle ("Houthi missile intercepted over Red Sea"): the subject is the patient
            subj = next((c for c in kids if c.dep_ == "nsubj"), None)
            if subj is not None:
                passive = True
                args.objects.append(subj)
        if head.dep_ in ("nsubj", "csubj") and head.tag_ == "VBG" and head.head.pos_ in ("VERB", "AUX"):
            args.event_root = head.head  # "Russian shelling kills three in Kherson": the clause of "kills"
        for c in kids:
            if c.dep_ == "agent" and _pobj(c) is not None:
                args.subjects.append(_pobj(c))
            elif c.dep_ == "nsubjpass":
                args.objects.append(resolve_relative(c))
            elif c.dep_ in ("dobj", "obj", "attr") and c.i not in trigger_ids:
                args.objects.append(c)
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS and _pobj(c) is not None:
                args.objects.append(_pobj(c))
            elif c.dep_ == "prep" and c.lower_ == "with" and _pobj(c) is not None:
                args.instruments.append(_pobj(c))
            elif c.dep_ == "prep" and c.lower_ == "between" and _pobj(c) is not None:
                args.subjects.append(_pobj(c))
        if not passive:
            subj = _subject_of(head)
            if subj is not None:
                args.subjects.insert(0, subj)
        elif head.dep_ in ("acl", "relcl") and not any(c.dep_ == "nsubjpass" for c in kids):
            # "facilities struck by US aircraft": the modified noun is the patient
            args.objects.append(head.head)
        return _without_time(args, all_trigger_ids)
    # nominal trigger; modifiers of any of its words count ("US drone strike": "US" hangs on "drone")
    doc = head.doc
    kids += [c for i in sorted(trigger_ids - {head.i}) for c in doc[i].children
             if c.dep_ in ("amod", "compound", "nmod", "poss")]
    for c in kids:
        if c.i in trigger_ids:
            continue
        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
            args.modifiers.append(c)
        elif c.dep_ == "prep" and _pobj(c) is not None:
            p = c.lower_
            if p == "by":
                args.subjects.append(_pobj(c))
            elif p in _TARGET_PREPS:
                args.objects.append(_pobj(c))
            elif p == "with":
                args.instruments.append(_pobj(c))
            elif p == "between":
                args.subjects.append(_pobj(c))
            elif p == "of" and head.lemma_.lower() in ("suspension", "interception", "exchange", "targeting", "bombing", "shelling",
                                                      "end", "resumption", "halt", "abduction", "kidnapping", "looting"):
                args.objects.append(_pobj(c))
        elif c.dep_ == "acl" and c.lemma_.lower() == "target":
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is not None:
                args.objects.append(obj)
    gov = head.head
    if gov.i != head.i and gov.pos_ in ("VERB", "AUX"):
        if head.dep_ in ("dobj", "obj") and gov.lemma_.lower() in lexicon().support_verbs | {"carry", "claim"}:
            subj = _subject_of(gov)
            if subj is not None:
                args.subjects.append(subj)
            for c in gov.children:
                if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS and _pobj(c) is not None:
                    args.objects.append(_pobj(c))
                elif c.dep_ == "prep" and c.lower_ == "with" and _pobj(c) is not None:
                    args.instruments.append(_pobj(c))
            args.event_root = gov
        elif head.dep_ in ("dobj", "obj") and gov.lemma_.lower() in ("announce", "declare") \
                and head.lemma_.lower() in ("suspension", "end", "resumption", "halt"):
            subj = _subject_of(gov)  # "Kataib Hezbollah announces suspension of attacks": who changes its activity
            if subj is not None:
                args.subjects.append(subj)
        elif head.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() in _EFFECT_VERBS:
            for c in gov.children if gov.lemma_.lower() in _TARGETING_VERBS else ():
                if c.dep_ in ("dobj", "obj"):
                    args.objects.append(c)
                elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS and _pobj(c) is not None:
                    args.objects.append(_pobj(c))
            args.event_root = gov
        elif head.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() not in _SAY_VERBS:
            args.event_root = gov  # "a suicide bomber blew himself up at a checkpoint in Mogadishu"
            for c in gov.children:  # "Heavy fighting erupts between army and RSF"
                if c.dep_ == "prep" and c.lower_ == "between" and _pobj(c) is not None:
                    args.subjects.append(_pobj(c))
    elif gov.i != head.i and gov.dep_ == "prep" and gov.lower_ in ("in", "during") and gov.head.pos_ == "VERB":
        # "16 people were killed in the strike": the clause of the effect verb
        args.event_root = gov.head
        verb = gov.head
        if verb.lemma_.lower() in _EFFECT_VERBS and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            # "Jordanian troops killed four smugglers in a clash": the killers fought the clash
            subj = _subject_of(verb)
            if subj is not None:
                args.subjects.append(subj)
    return _without_time(args, all_trigger_ids)


def _is_time(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or bool(_TIME_WORDS.match(tok.lower_))


def _without_time(args: _Args, trigger_ids: frozenset[int] = frozenset()) -> _Args:
    """'on Friday' is not a target, and another trigger ('a drone attack targeted ...') is not an actor."""
    args.objects = [t for t in args.objects if t is not None and not _is_time(t)]
    args.subjects = [t for t in args.subjects if t is not None and not _is_time(t) and t.i not in trigger_ids]
    return args


# --------------------------------------------------------------------------- places


def _place_name_bounds(tok) -> tuple[int, int] | None:
    """Token bounds of a proper place name headed by ``tok``, or None when it is not one."""
    doc = tok.doc
    is_facility = tok.lemma_.lower() in _FACILITY_NOUNS or tok.lower_ in _FACILITY_NOUNS
    proper = tok.pos_ == "PROPN" and tok.ent_type_ not in _NON_PLACE_ENTS
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON" and tok.ent_iob_ != "":
        proper = True  # the small model often labels Iraqi towns as people; the cue says place
    if tok.ent_type_ in ("DATE", "TIME", "NORP"):
        return None
    if tok.pos_ == "PROPN" and _appositive_facility(tok):
        # "Tower 22, a small US military outpost": the apposition says it is a place
        lo = min([tok.i] + [c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"])
        hi = max([tok.i] + [c.i for c in tok.children if c.dep_ == "nummod" and c.i == tok.i + 1])
        return lo, hi
    lo = tok.i
    while lo - 1 >= 0:
        prev = doc[lo - 1]
        if prev.head.i != tok.i and prev.head.i not in range(lo - 1, tok.i + 1):
            break
        if prev.pos_ == "PROPN" or prev.text in ("-", "–") or (prev.lower_ in ("al", "el", "ad", "ar", "as", "az", "an", "ash")):
            lo -= 1
        elif is_facility and prev.pos_ in ("NOUN", "ADJ") and prev.dep_ in ("compound", "amod") and prev.lower_[:1].isalpha() and not _DIRECTIONS.match(prev.lower_):
            lo -= 1
        else:
            break
    has_proper = any(doc[i].pos_ == "PROPN" for i in range(lo, tok.i + 1))
    if proper or (is_facility and has_proper):
        while lo < tok.i and doc[lo].text in ("-", "–"):
            lo += 1
        return lo, tok.i
    return None


def _appositive_facility(tok) -> bool:
    return any(c.dep_ == "appos" and (c.lemma_.lower() in _FACILITY_NOUNS or c.lower_ in _FACILITY_NOUNS) for c in tok.children)


def _places_from(pobj, cue: str, sentence: Sentence, out: list[PlaceMention], depth: int = 0) -> None:
    if pobj is None or depth > 3:
        return
    low = pobj.lower_
    if low in _CONTAINERS:
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        extra = _CONTAINERS[low]
        # "in Idlib province", "the Al-Qaim area of Anbar province": a name compounded on the container
        names = [c for c in pobj.children if c.dep_ in ("compound", "amod", "poss") and c.pos_ == "PROPN"
                 and not (c.dep_ == "poss" and any(g.tag_ == "POS" for g in c.children))]  # "Deir ez-Zor city", not "Baghdad's"
        if of is not None:
            if not names:
                _places_from(_pobj(of), f"{cue} {extra}".strip() if extra else cue, sentence, out, depth + 1)
                return
            if low not in ("district", "area", "suburb", "suburbs", "neighbourhood", "neighborhood"):
                _places_from(_pobj(of), cue, sentence, out, depth + 1)
            # else "the Mashtal district of eastern Baghdad": Baghdad only locates the district
        if names:
            lo = min(t.i for t in names[0].subtree)
            hi = max(t.i for t in names[-1].subtree)
            span = _span(sentence, pobj.doc, lo, hi)
            if not any(p.span.start == span.start for p in out):
                out.append(PlaceMention(text=span.text, span=span, cue=f"{cue} {low}".strip()))
        return
    bounds = _place_name_bounds(pobj)
    if bounds is not None:
        lo, hi = bounds
        span = _span(sentence, pobj.doc, lo, hi)
        if not any(p.span.start == span.start for p in out):
            out.append(PlaceMention(text=span.text, span=span, cue=cue))
        # "in Anbar province", "Zakho district": the container noun follows the name
    for conj in pobj.conjuncts:
        if conj.i > pobj.i:
            _places_from(conj, cue, sentence, out, depth + 1)
            break


def _clause_tokens(root):
    """Tokens of the event's clause: the root's subtree minus embedded clauses."""
    cut = {"ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj", "pcomp"}
    result = []
    stack = [root]
    while stack:
        tok = stack.pop()
        result.append(tok)
        for c in tok.children:
            if c.dep_ in cut and c.i != root.i:
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and tok.i == root.i and (
                any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) or root.pos_ not in ("VERB", "AUX")
            ):
                continue  # a conjoined verb with its own subject is another clause; one sharing ours goes on telling it
            stack.append(c)
    return result


_FRONTED_PLACE = re.compile(
    r"^(?P<cue>Near|In|Outside|Around|At|(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)(?:ern)? of)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al|as|ar|az|an|ad|el)(?=[\s,-])){0,3}(?:\s+[A-Z][\w'’-]*)?)\s*,"
)


def _fronted_place(sentence: Sentence) -> PlaceMention | None:
    """'Near Ar Raqqah, 15 strikes ...': the small parser often reads a fronted place as a name."""
    m = _FRONTED_PLACE.match(sentence.text)
    if not m or _TIME_WORDS.match(m.group("name").split()[0]):
        return None
    start = sentence.start + m.start("name")
    return PlaceMention(text=m.group("name"), span=Span(start, start + len(m.group("name")), m.group("name")), cue=m.group("cue").lower())


_PERSON_ROLES = {"leader", "commander", "official", "spokesman", "spokeswoman", "member", "emir", "governor", "chief",
                 "head", "resident", "mayor", "representative", "envoy", "ambassador", "minister"}
_LOCATOR_CONTAINERS = {"district", "area", "suburb", "suburbs", "neighbourhood", "neighborhood", "region"}


def _follows_place(tok, sentence: Sentence, found: list[PlaceMention]) -> bool:
    """Does ``tok`` stand right after a place already found, with at most a comma between?
    ("Hawija, west of Kirkuk", "Sinun in the Sinjar district": a locator of that place, not a second one.)"""
    doc = tok.doc
    i = tok.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0:
        return False
    end = sentence.start + doc[i].idx + len(doc[i].text)
    return any(p.span.end == end for p in found)


def find_places(root, sentence: Sentence, extra_objects=(), blocked: frozenset[int] = frozenset()) -> list[PlaceMention]:
    """Place mentions in the event clause: locative prepositions and named objects.
    ``blocked`` holds token indices that belong to another event's phrase."""
    out: list[PlaceMention] = []
    if root.dep_ == "ROOT":
        fronted = _fronted_place(sentence)
        if fronted is not None:
            out.append(fronted)
    for tok in sorted(_clause_tokens(root), key=lambda t: t.i):
        if tok.i in blocked:
            continue
        low = tok.lower_
        if (tok.dep_ == "prep" or (tok.dep_ == "conj" and tok.pos_ == "ADP")) and low in _PLACE_PREPS:
            if low == "from" and root.lemma_.lower() not in ("withdraw", "pull", "fire", "launch"):
                continue
            if tok.head.lemma_.lower() in _PERSON_ROLES and tok.head.dep_ == "appos":
                continue  # "Abu X, an ISIL leader in Raqqah, was killed near Tabqa": where he led, not the event
            if low == "over" and not any(w.lemma_.lower() in ("down", "intercept", "shoot") for w in [root, *root.children]):
                continue
            cue = low
            if tok.head.lower_ in ("south", "north", "east", "west") or _DIRECTIONS.match(tok.head.lower_ or ""):
                continue  # handled by the direction word
            if low == "in" and _pobj(tok) is not None and _pobj(tok).lower_ in _LOCATOR_CONTAINERS \
                    and _follows_place(tok, sentence, out):
                continue  # "near Sinun in the Sinjar district": the district locates Sinun
            before = len(out)
            _places_from(_pobj(tok), cue, sentence, out)
            # drop a name found inside the fronted place ("Near Ar Raqqah" gives "Raqqah" again)
            out[before:] = [p for p in out[before:] if not any(q is not p and q.span.start <= p.span.start < q.span.end for q in out)]
        elif _DIRECTIONS.match(low) and tok.pos_ in ("ADV", "NOUN", "ADJ") and tok.dep_ not in ("amod",):
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and not _follows_place(tok, sentence, out):
                _places_from(_pobj(of), f"{low} of", sentence, out)
            # else "near Hawija, west of Kirkuk": Kirkuk only says where Hawija is
    for obj in extra_objects:
        if obj is not None and (obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _FACILITY_NOUNS
                                or obj.lower_ in _CONTAINERS or (obj.pos_ == "PROPN" and _appositive_facility(obj))):
            _places_from(obj, "target", sentence, out)
    return sorted(out, key=lambda p: p.span.start)


# --------------------------------------------------------------------------- actors and targets


def _owner_phrase(tok) -> str | None:
    """Pre-modifiers naming who owns a target or platform: 'Iraqi army patrol' -> 'Iraqi army',
    'Three Kataib Hezbollah facilities' -> 'Kataib Hezbollah', 'US aircraft' -> 'US'."""
    doc = tok.doc
    left = [t for t in doc[tok.left_edge.i : tok.i] if t.head.i == tok.i or t.head.i in range(tok.left_edge.i, tok.i)]
    start = None
    for t in left:
        if _is_weapon_word(t):
            continue
        named = t.ent_type_ in ("ORG", "NORP", "GPE") or (t.pos_ == "PROPN" and t.ent_type_ not in _NON_PLACE_ENTS - {"PERSON"}) or t.lower_ in _OWNER_WORDS
        if start is None and named and t.dep_ in ("compound", "amod", "nmod", "poss"):
            start = t.i
    if start is None:
        of_owner = _of_owner_phrase(tok)
        if of_owner:
            return of_owner
        owner = _owner(tok)
        return _modifier_phrase(owner) if owner is not None else None
    end = start
    for i in range(start + 1, tok.i):
        t = doc[i]
        if t.ent_type_ in ("ORG", "NORP", "GPE") or t.pos_ == "PROPN" or t.text in ("-", "–") or t.lower_ in _GROUP_NOUNS or t.lower_ in ("armed", "security", "air", "special", "popular", "mobilization", "mobilisation", "revolutionary", "guard", "guards", "defense", "defence"):
            end = i
        else:
            break
    while end > start and (doc[end].text in ("-", "–") or doc[end].tag_ == "POS"):
        end -= 1
    phrase = _DATELINE.sub("", doc[start : end + 1].text)
    return None if not phrase or re.search(r"\d", phrase) else phrase  # "B-1 bombers" is not an owner


def _is_weapon_word(tok) -> bool:
    words = _single_weapon_words()
    return tok.lower_ in words or tok.lemma_.lower() in words or bool(
        re.match(r"^[A-Z]{1,3}-\d+[A-Z]?$", tok.text)
    )


def _owner(tok):
    """'PKK positions' -> PKK; 'ISIL's headquarters' -> ISIL; 'US aircraft' -> US."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and (
            c.ent_type_ in ("ORG", "NORP", "GPE") or (c.pos_ == "PROPN" and c.ent_type_ not in _NON_PLACE_ENTS - {"PERSON"})
        ):
            return c
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and _pobj(of) is not None and _pobj(of).ent_type_ in ("ORG", "NORP"):
        return _pobj(of)
    return None


def _of_owner_phrase(tok) -> str | None:
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and _pobj(of) is not None and _pobj(of).ent_type_ in ("ORG", "NORP"):
        return noun_phrase(_pobj(of))
    return None


def _modifier_phrase(tok) -> str:
    """A modifier with its own compounds: 'Kataib Hezbollah' from the compound chain."""
    doc = tok.doc
    lo = tok.i
    while lo - 1 >= 0 and doc[lo - 1].dep_ in ("compound", "amod", "punct", "nmod") and doc[lo - 1].head.i in range(lo - 1, tok.i + 2) and doc[lo - 1].pos_ in ("PROPN", "PUNCT", "ADJ", "NOUN") and doc[lo - 1].ent_type_ == tok.ent_type_:
        lo -= 1
    hi = tok.i
    head = tok.head
    # a compound chain "Kataib Hezbollah facilities": include the following compound tokens
    while hi + 1 < head.i and doc[hi + 1].dep_ == "compound" and doc[hi + 1].ent_type_ == tok.ent_type_ and doc[hi + 1].pos_ == "PROPN":
        hi += 1
    return _DATELINE.sub("", doc[lo : hi + 1].text)


def _is_weapon(tok, weapons: dict[int, WeaponTerm]) -> bool:
    return tok.i in weapons


def _names_owner(tok) -> bool:
    return (
        tok.ent_type_ in ("ORG", "NORP", "GPE") or tok.pos_ == "PROPN" or tok.lower_ in _OWNER_WORDS
        or bool(re.match(r"^[A-Z]{1,3}-?\d+[A-Z]?$", tok.text))
    )


def platform_phrase(tok) -> str | None:
    """The minimal noun phrase of a platform that names its owner: 'Turkish warplanes', 'a US drone'
    -> 'US drone', 'Long-range B-1 bombers' -> 'B-1 bombers'; None for 'a one-way attack drone'
    (no owner named: the actors stage cannot tell whose it was)."""
    doc = tok.doc
    lo = tok.i
    while lo - 1 >= 0 and doc[lo - 1].head.i in range(lo - 1, tok.i + 1) and doc[lo - 1].dep_ in (
        "compound", "amod", "nmod", "punct", "npadvmod", "nummod", "poss"
    ):
        lo -= 1
    dateline = dateline_end(doc_text(doc))
    while lo < tok.i and (not _names_owner(doc[lo]) or doc[lo].idx < dateline):
        lo += 1
    if lo == tok.i:
        return None
    return doc[lo : tok.i + 1].text


def _agent_actor(tok, weapons: dict[int, WeaponTerm]) -> tuple[str | None, list[str]]:
    """Actor text for an agent-side noun, plus weapons it names ('Turkish warplanes' -> 'Turkish warplanes', aircraft)."""
    if tok is None or (tok.lower_ in _PRONOUNS and tok.text != "US"):  # "US strikes ...": the country
        return None, []
    if _is_weapon(tok, weapons):
        if tok.lower_ in lexicon().armed_words:  # "gunmen": people who bear the weapon
            return noun_phrase(tok), [weapons[tok.i].name]
        return platform_phrase(tok) or _owner_phrase(tok), [weapons[tok.i].name]
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return None, []
    return noun_phrase(tok), []


def _patient(tok, weapons) -> tuple[str | None, str | None, list[str]]:
    """(actor2, target text, weapons) for a patient-side noun."""
    if tok is None or tok.lower_ in _PRONOUNS:
        return None, None, []
    if _is_weapon(tok, weapons):
        return _owner_phrase(tok), None, [weapons[tok.i].name]
    target = noun_phrase(tok)
    if tok.pos_ == "PROPN" and _appositive_facility(tok):
        return _facility_owner(tok), target, []  # "Camp Taji, a US military base": a place, and whose
    if tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.pos_ == "PROPN":
        return None, None, []  # a place, not an actor
    if tok.lower_ in _CONTAINERS:
        return None, None, []  # "the town of Kafr Nabl": a place
    if (tok.lemma_.lower() in _FACILITY_NOUNS or _appositive_facility(tok)) and _place_name_bounds(tok) is not None:
        # a named facility ("Ain al-Asad air base"): a place and a target; its owner only when the
        # sentence says whose it is ("Tower 22, a small US military outpost", "..., which hosts US forces")
        return _facility_owner(tok), target, []
    if tok.pos_ == "PROPN":
        return (target if tok.ent_type_ in ("ORG", "NORP") else None), target, []
    owner = _owner_phrase(tok) or _held_by(tok)
    if owner is not None:
        return owner, target, []
    if tok.ent_type_ in ("ORG", "NORP") or tok.lower_ in _GROUP_NOUNS:
        return target, target, []
    return None, target, []


_HOST_VERBS = {"host", "house", "station"}


def _facility_owner(tok) -> str | None:
    """Whose a named facility is, when the sentence says so: an apposition with a named owner
    ("Tower 22, a small US military outpost" -> "US military") or a relative clause hosting a named
    force ("Harir air base, which hosts US forces" -> "US forces").  Nothing else: an unmarked
    "Ain al-Asad air base" may host anyone."""
    for c in tok.children:
        if c.dep_ == "appos" and (c.lemma_.lower() in _FACILITY_NOUNS or c.lower_ in _FACILITY_NOUNS):
            owner = _owner_phrase(c)
            if owner:
                return owner
        if c.dep_ == "relcl" and c.lemma_.lower() in _HOST_VERBS:
            guest = next((g for g in c.children if g.dep_ in ("dobj", "obj")), None)
            if guest is not None and guest.lower_ in _GROUP_NOUNS and _named_modifier(guest):
                return noun_phrase(guest)
    return None


_VIOLENT_TARGET_TYPES = frozenset({
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Suicide bomb", "Grenade", "Abduction/forced disappearance", "Sexual violence",
})
_NO_TARGET_TYPES = frozenset({"Change to group/activity"})
_VEHICLE_NOUNS = {"headquarters", "vehicle", "car", "truck", "convoy", "position", "positions", "building", "house",
                  "depot", "site", "sites", "facility", "facilities", "office", "post"}
_KILL_LEMMAS = {"kill"}
_HARM_LEMMAS = {"kill", "wound", "injure"}
# Victim nouns that are civilians whoever reports them; "men", "people" and "workers" may be fighters.
_CIVILIAN_VICTIMS = {
    "civilian", "civilians", "shepherd", "shepherds", "farmer", "farmers", "villager", "villagers", "resident",
    "residents", "children", "child", "pilgrims", "worshippers", "mourners", "schoolchildren", "fishermen",
}
# Victim nouns that stand for their side when a name owns them ("Iraqi soldiers", "a Kataib Hezbollah commander").
_SIDE_PERSONS = {"commander", "commanders", "leader", "leaders", "member", "members", "fighter", "fighters",
                 "militant", "militants", "official", "officials", "operative", "operatives"}


def _killed_tokens(head, args: _Args) -> list:
    """The nouns for those killed in this event, read from the parse: "gunmen killed three shepherds",
    "struck a vehicle, killing two members of X", "two soldiers were killed when militants attacked",
    "a strike on a car killed a senior X commander".  The wounded are left out: a base hit while
    "wounding an Iraqi service member" may still have been aimed at the US forces it hosts."""
    victims = []
    if head.lemma_.lower() in _KILL_LEMMAS and head.pos_ == "VERB":
        victims += [o for o in args.objects if o.dep_ in ("dobj", "obj")]
    for c in head.children:  # "..., killing two members of X"
        if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in _KILL_LEMMAS:
            victims += [g for g in c.children if g.dep_ in ("dobj", "obj")]
    gov = head.head
    if head.dep_ in ("nsubj",) and gov.lemma_.lower() in _KILL_LEMMAS:  # "a strike ... killed X"
        victims += [g for g in gov.children if g.dep_ in ("dobj", "obj")]
    if head.dep_ == "pobj" and gov.dep_ == "agent":  # "X was struck and killed by a coalition airstrike"
        chain = [gov.head]
        while chain[-1].dep_ == "conj":
            chain.append(chain[-1].head)
        if any(v.lemma_.lower() in _KILL_LEMMAS for v in chain):
            victims += [g for v in chain for g in v.children if g.dep_ == "nsubjpass"][:1]
    if head.dep_ == "advcl" and any(c.lower_ == "when" for c in head.children):
        # "two soldiers were killed and three wounded when militants attacked": climb the conjoined harms
        verb = gov
        while verb.lemma_.lower() in _HARM_LEMMAS and verb.dep_ == "conj" and verb.head.lemma_.lower() in _HARM_LEMMAS:
            verb = verb.head
        if verb.lemma_.lower() in _KILL_LEMMAS:
            victims += [g for g in verb.children if g.dep_ == "nsubjpass"]
    return [v for v in victims if v is not None]


def _victim_side(victim) -> str | None:
    """The side a killed victim noun names, or None: "Civilians" for shepherds and villagers,
    "Iraqi soldiers", "US soldiers", "Kataib Hezbollah" (a commander of it), the group named after
    "members of"; nothing for "people", "men" or an unnamed "fighters"."""
    lex = lexicon()
    word = victim.lower_
    if word in _CIVILIAN_VICTIMS and not _named_modifier(victim):
        return "Civilians"
    if word in lex.military_victims:
        owner = _of_group(victim)
        if owner:
            return owner
        owner = _named_premodifiers(victim)
        return f"{owner} {victim.text}" if owner else None  # "Iraqi soldiers": the registry reads both words
    if word in _SIDE_PERSONS:
        return _of_group(victim) or _owner_phrase(victim) or _proper_modifier(victim)
    if victim.ent_type_ == "PERSON" and victim.pos_ == "PROPN":
        # "Abu X, an ISIL leader, was killed": the apposition says whose he was
        appos = next((c for c in victim.children if c.dep_ == "appos" and c.lower_ in _SIDE_PERSONS), None)
        return (_owner_phrase(appos) or _proper_modifier(appos)) if appos is not None else None
    return None


def _named_premodifiers(tok) -> str | None:
    """Names right before a noun ("Two Iraqi soldiers" -> "Iraqi", "three Kataib Hezbollah fighters" ->
    "Kataib Hezbollah"), never reaching back into a wire dateline ("KIRKUK - Two Iraqi soldiers")."""
    doc = tok.doc
    dateline = dateline_end(doc_text(doc))
    lo = tok.i
    while lo - 1 >= 0 and doc[lo - 1].idx >= dateline and doc[lo - 1].head.i in range(lo - 1, tok.i + 1) and (
        doc[lo - 1].ent_type_ in ("NORP", "ORG", "GPE") or doc[lo - 1].pos_ == "PROPN" or doc[lo - 1].text in ("-", "–")
    ):
        lo -= 1
    while lo < tok.i and doc[lo].text in ("-", "–"):
        lo += 1
    return doc[lo : tok.i].text if lo < tok.i else None


def _held_by(tok) -> str | None:
    """'an ISIL-held tank' -> 'ISIL': the holder of a held or controlled target."""
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ in ("held", "controlled", "run", "operated", "owned"):
            names = [g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod") and (g.pos_ == "PROPN" or g.text.isupper())]
            if names and names[0].ent_type_ not in ("GPE", "LOC", "DATE"):
                return names[0].text
    return None


def _proper_modifier(tok) -> str | None:
    """A run of proper-noun compounds before a noun ("an ISIL gang leader" -> "ISIL"), whatever entity
    label the small model gave them (it calls ISIL a number); places and dates are no side."""
    doc = tok.doc
    names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    names += [g for c in tok.children if c.dep_ == "compound" and c.i < tok.i for g in c.children
              if g.dep_ == "compound" and g.pos_ == "PROPN"]
    if not names or any(n.ent_type_ in ("GPE", "LOC", "DATE", "FAC", "PERSON") for n in names):
        return None
    lo = min(n.i for n in names)
    hi = lo
    while hi + 1 < tok.i and doc[hi + 1].pos_ == "PROPN":
        hi += 1
    return doc[lo : hi + 1].text


def _of_group(person) -> str | None:
    """The proper name after "of" ("members of the Sinjar Resistance Units (YBS)", "a commander of
    Harakat al-Nujaba"), read from the tokens: the parser often splits such names oddly."""
    of = next((c for c in person.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    doc = person.doc
    lo = of.i + 1
    while lo < len(doc) and doc[lo].lower_ in ("the", "a", "an"):
        lo += 1
    hi = lo
    while hi < len(doc) and (doc[hi].pos_ == "PROPN" or doc[hi].text in ("-", "–") and hi > lo):
        hi += 1
    while hi > lo and doc[hi - 1].text in ("-", "–"):
        hi -= 1
    if hi == lo or any(doc[i].ent_type_ in ("GPE", "LOC", "DATE", "FAC") for i in range(lo, hi)):
        return None  # "residents of Mosul": a place, not a side
    return doc[lo:hi].text


def _killed_side(head, args: _Args) -> str | None:
    """One side for all those killed, or None when they are of no named side or of several."""
    sides = {side for side in map(_victim_side, _killed_tokens(head, args)) if side}
    return sides.pop() if len(sides) == 1 else None


def _shares_owner(side: str, actor1: str | None) -> bool:
    """Does the victims' side repeat actor1's name ("US strike ... killing two US soldiers" is no target)?"""
    if not actor1:
        return False
    owner_words = {w for w in re.findall(r"[\w-]+", side.lower()) if w not in _GROUP_NOUNS and w != "civilians"}
    return bool(owner_words & set(re.findall(r"[\w-]+", actor1.lower())))


# --------------------------------------------------------------------------- requirements


def _arg_tokens(args: _Args, head) -> list:
    toks = []
    for t in [*args.subjects, *args.objects, *args.instruments, *args.modifiers]:
        if t is not None:
            toks.extend(t.subtree)
    return toks


def _requirement_met(rule: TriggerRule, head, args: _Args, weapons, trigger_ids) -> bool:
    lex = lexicon()
    need = rule.requires
    if need is None:
        return True
    arg_toks = _arg_tokens(args, head)
    if need == "weapon_or_struck_site":
        passive_site = any(
            c.dep_ == "nsubjpass" and (c.lower_ in lex.military_words or c.lemma_.lower() in lex.military_words)
            for c in head.children
        )
        return passive_site or _requirement_met(
            TriggerRule(rule.words, rule.pos, rule.sub_event_type, rule.refine, "weapon_arg", rule.specific, rule.priority),
            head, args, weapons, trigger_ids,
        )
    if need == "weapon_arg":
        return any(t.i in weapons for t in arg_toks) or any(i in weapons for i in trigger_ids - {head.i})
    if need == "military":
        if any(t.i in weapons for t in _clause_tokens(args.event_root or head)):
            return True
        if any(t.lower_ in lex.military_words or t.ent_type_ in ("ORG", "NORP") for t in arg_toks):
            return True
        gov = args.event_root
        if gov is not None and gov.i != head.i and gov.lemma_.lower() in lex.support_verbs | {"carry"} \
                and any(t.ent_type_ == "GPE" and t.dep_ == "nsubj" for t in args.subjects):
            return True  # "Turkey carried out two strikes in Duhok province": a state's strikes
        return gov is not None and gov.i != head.i and gov.lemma_.lower() in _EFFECT_VERBS
    if need == "activity_obj":
        return any(t.lemma_.lower() in lex.activity_words or t.lower_ in lex.activity_words for t in args.objects if t is not None)
    if need == "agreement_obj":
        cands = list(args.objects)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon") and _pobj(c) is not None:
                cands.append(_pobj(c))
            if c.dep_ == "xcomp" and c.lemma_.lower() in ("exchange", "withdraw", "release", "cease", "halt", "stop", "swap"):
                return True
        return any(
            t.lemma_.lower() in lex.agreement_words or t.lower_ in lex.agreement_words
            for c in cands for t in c.subtree
        )
    if need == "place_from":
        frm = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")]
        if any(_pobj(c) is not None and _place_name_bounds(_pobj(c)) is not None for c in frm):
            return True
        return any(t.lower_ in lex.withdraw_subjects for t in args.subjects if t is not None)
    if need == "person_obj":
        for t in args.objects:
            if t is None:
                continue
            if _words_of(t) & lex.person_words or t.ent_type_ in ("PERSON", "NORP", "ORG"):
                return True
            if t.lower_ in ("him", "her", "them"):
                return True
        return False
    if need == "armed_on_civilians":
        # "Suspected Islamic State gunmen killed three shepherds": armed agent, civilian victims
        armed = any(t.lower_ in lex.armed_words for t in args.subjects if t is not None)
        victims = any(t.lower_ in lex.civilian_words or t.lemma_.lower() in lex.civilian_words
                      for t in args.objects if t is not None)
        return armed and victims
    if need == "crowd":
        # the subject itself or its "of" phrase: "Hundreds of supporters of the PMF rallied"
        for subj in args.subjects:
            words = [subj] + [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" and _pobj(c) is not None
                              for g in [_pobj(c)]]
            if any(w.lower_ in lex.crowd_words or w.lemma_.lower() in lex.crowd_words for w in words):
                return True
        return False
    if need == "subject_or_object":
        return bool(args.subjects or args.objects)
    if need in _TYPED_NEEDS:
        return resolve_typed(rule, head, args) is not None
    return True


# --------------------------------------------------------------------------- types from roles

_TYPED_NEEDS = {"violence_victim", "captive_obj", "territory_obj", "base_obj", "agent_class", "protest_obj"}


def _words_of(tok) -> set[str]:
    """The head word and its lemma, plus the head of an "of" phrase ("hundreds of protesters")."""
    out = {tok.lower_, tok.lemma_.lower()}
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and _pobj(c) is not None and tok.lower_ in ("hundreds", "thousands", "dozens", "scores", "group", "crowd"):
            out |= {_pobj(c).lower_, _pobj(c).lemma_.lower()}
    return out


def agent_class(subjects) -> str | None:
    """Who acts: 'rioters' (protesters), 'mob', 'state' (army, police, "Iraqi forces"), 'armed'
    (gunmen, militants, a named armed group), or None when unknown."""
    lex = lexicon()
    for subj in subjects:
        if subj is None or subj.lower_ in _PRONOUNS:
            continue
        words = _words_of(subj)
        if words & lex.rioter_words:
            return "rioters"
        if words & lex.mob_words:
            return "mob"
        mods = {c.lower_ for c in subj.children if c.dep_ in ("compound", "amod")}
        if words & lex.state_words and not (mods & {"rebel", "opposition", "tribal", "militia", "armed"}):
            if words & {"forces", "security"} and not any(
                c.ent_type_ in ("NORP", "GPE") or c.lower_ in lex.state_words or c.lower_ in ("government", "state", "federal")
                for c in subj.children
            ) and subj.ent_type_ not in ("NORP", "GPE"):
                return "armed"  # "Kurdish-led forces", "Rapid Support Forces": not clearly the state's
            return "state"
        if words & lex.armed_words or words & {"group", "groups"}:
            return "armed"
        if subj.ent_type_ == "ORG" or (subj.pos_ == "PROPN" and subj.ent_type_ not in ("GPE", "PERSON", "LOC", "FAC", "DATE")):
            return "armed"
    return None


def _victim_tokens(head, args: _Args) -> list:
    victims = list(args.objects)
    for obj in [c for c in head.children if c.dep_ in ("dobj", "obj")]:  # "open fire on protesters"
        victims += [_pobj(p) for p in obj.children if p.dep_ == "prep" and p.lower_ in _TARGET_PREPS]
    for c in head.children:  # "open fire on a wedding party, killing three civilians"
        if c.dep_ in ("advcl", "conj") and c.lemma_.lower() in ("kill", "wound", "injure"):
            victims += [g for g in c.children if g.dep_ in ("dobj", "obj")]
    return [v for v in victims if v is not None]


def _victim_class(victims) -> str | None:
    lex = lexicon()
    for v in victims:
        words = _words_of(v) | {c.lower_ for c in v.children if c.dep_ in ("compound", "amod")}
        if words & lex.protest_target_words:
            return "protesters"
        if words & lex.military_victims:
            return "military"
        if words & (lex.civilian_words | lex.captive_words):
            return "civilians"
        if words & lex.person_words or v.ent_type_ == "PERSON" or v.pos_ == "NUM":
            return "person"
    return None


def _object_tokens(head, args: _Args) -> list:
    objs = list(args.objects)
    for c in head.children:  # "regains control of X", "hand over the town to ..."
        if c.dep_ == "prep" and c.lower_ in ("of", "to", "over") and _pobj(c) is not None:
            objs.append(_pobj(c))
    return [o for o in objs if o is not None]


def _is_territory(tok) -> bool:
    if tok.lower_ in _PRONOUNS or tok.ent_type_ in ("PERSON", "NORP", "DATE", "TIME", "CARDINAL"):
        return False
    if tok.lemma_.lower() in lexicon().territory_words or tok.lower_ in lexicon().territory_words:
        return True
    return tok.pos_ == "PROPN" and (tok.ent_type_ in ("GPE", "LOC", "FAC", "") )


def resolve_typed(rule: TriggerRule, head, args: _Args) -> str | None:
    """The sub-type a role-typed trigger takes from who did what to whom, or None for no event."""
    lex = lexicon()
    need = rule.requires
    agent = agent_class(args.subjects)
    if need == "violence_victim":
        victim = _victim_class(_victim_tokens(head, args))
        if agent == "mob" and victim is not None:
            return "Mob violence"
        if victim == "protesters" and agent in ("state", None) and args.subjects:
            return "Excessive force against protesters"
        if rule.sub_event_type == "Mob violence":
            return None  # "beat", "lynch" only for mobs
        if victim == "civilians" and agent in ("armed", "state"):
            return "Attack"
        if victim == "military" and agent == "armed":
            return "Armed clash"
        return None
    if need == "captive_obj":
        for obj in _object_tokens(head, args):
            words = _words_of(obj) | {c.lower_ for c in obj.children if c.dep_ in ("compound", "amod")}
            if words & (lex.captive_words | lex.civilian_words | lex.person_words) or obj.ent_type_ == "PERSON" \
                    or obj.lower_ in ("him", "her", "them"):
                return rule.sub_event_type
        return None
    if need == "territory_obj":
        if not any(_is_territory(o) for o in _object_tokens(head, args)):
            return None
        if rule.sub_event_type == "Non-violent transfer of territory":
            return rule.sub_event_type
        if agent == "state":
            return "Government regains territory"
        if agent in ("armed",):
            return "Non-state actor overtakes territory"
        return rule.sub_event_type
    if need == "base_obj":
        for obj in args.objects:
            if obj.lemma_.lower() in lex.base_words or obj.lower_ in lex.base_words:
                return rule.sub_event_type
        return None
    if need == "agent_class":
        if not any(o.lower_ not in _PRONOUNS and o.lower_ not in ("himself", "herself", "themselves") for o in args.objects) \
                and head.pos_ in ("VERB", "AUX"):
            return None  # "blew himself up", "looted": nothing named was destroyed
        return dict(rule.by_agent).get(agent) if agent else None
    if need == "protest_obj":
        for obj in _object_tokens(head, args):
            if _words_of(obj) & lex.protest_target_words:
                return rule.sub_event_type
        return None
    return rule.sub_event_type


# --------------------------------------------------------------------------- main entry


def find_event_drafts(sentence: Sentence) -> list[EventDraft]:
    """Event drafts stated in one parsed sentence (empty when it has no parse)."""
    doc = sentence.doc
    if doc is None:
        return []
    weapons = weapon_matches(doc)
    sentence_hedge = hedging.sentence_hedge(sentence.text)
    tally_cue = _TALLY_CUE.search(sentence.text)
    headline = is_headline(sentence.text)
    drafts: list[EventDraft] = []
    matches = match_triggers(doc)
    all_ids = frozenset(t.i for toks, _rule in matches for t in toks)
    for toks, rule in matches:
        head = _head_token(toks)
        trigger_ids = {t.i for t in toks}
        args = _collect_args(head, trigger_ids, all_ids)
        if not _requirement_met(rule, head, args, weapons, trigger_ids):
            continue
        if head.pos_ in ("NOUN", "PROPN") and _is_modifier(head):
            continue  # "attack helicopters", "IED facilities", "strike assessments"
        if rule.sub_event_type in _DEVICE_TYPES and rule.requires is None and not _device_went_off(head):
            continue  # "destroyed an IED", "the use of IEDs": a weapon, not an explosion
        draft = EventDraft(
            head_i=head.i,
            trigger=_span(sentence, doc, min(trigger_ids), max(trigger_ids)),
            sub_event_type=rule.sub_event_type,
            specific=rule.specific,
            priority=rule.priority,
            token_indices=tuple(sorted(trigger_ids)),
            requires=rule.requires,
        )
        draft.evidence.append(f"trigger {draft.trigger.text!r} -> {rule.sub_event_type}")
        if rule.requires in _TYPED_NEEDS:
            typed = resolve_typed(rule, head, args)
            if typed and typed != rule.sub_event_type:
                draft.sub_event_type = typed
                draft.evidence.append(f"typed by its agent and patient -> {typed}")
        _fill_roles(draft, head, args, weapons, sentence, [_head_token(t) for t, _r in matches])
        if rule.requires == "crowd" and draft.actor1 is None:
            draft.actor1 = "Protesters"  # ACLED names a crowd by its role; the actors stage adds the country
            draft.evidence.append("actor1: a crowd of protesters")
        if rule.refine:
            _refine_type(draft, rule, head, args, weapons, trigger_ids)
        _retype_by_roles(draft, head, args)
        draft.hedge = sentence_hedge or hedging.trigger_hedge(head)
        if draft.hedge and draft.hedge.startswith("modal") and rule.sub_event_type == "Change to group/activity":
            if head.dep_ == "ccomp" and head.head.lemma_.lower() in {"announce", "declare", "say", "state"}:
                draft.hedge = None  # "X announced it would suspend attacks": the announcement is the event
                draft.evidence.append("announced change of activity")
        draft.under_attribution = _under_attribution(head)
        draft.background = _is_background(head, args)
        draft.definite = _is_definite(head)
        draft.reference = _is_reference(head)
        draft.reported = _in_reported_speech(args.event_root or head)
        clause_root = args.event_root or head
        if clause_root.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "while") for c in clause_root.children):
            clause_root = clause_root.head  # "... were killed late on Monday when militants attacked ...": same time
        lo_i = min(t.i for t in clause_root.subtree)
        hi_i = max(t.i for t in clause_root.subtree)
        draft.clause_span = (sentence.start + doc[lo_i].idx, sentence.start + doc[hi_i].idx + len(doc[hi_i].text))
        lo_i, hi_i = min(t.i for t in head.subtree), max(t.i for t in head.subtree)
        draft.own_span = (sentence.start + doc[lo_i].idx, sentence.start + doc[hi_i].idx + len(doc[hi_i].text))
        if head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS") and head.head.tag_ in ("VBP", "VBZ") \
                and head.dep_ in ("dobj", "nsubj") and not (headline and not _HABITUAL.search(sentence.text)):
            draft.tally = True  # "small cells still carry out attacks": habitual present
            draft.evidence.append("plural trigger with a present-tense verb: habitual")
        number = _count_of(head)
        plural = head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS")
        if tally_cue and _present_perfect(head, args):
            draft.tally = True  # "have launched dozens of drone and rocket attacks since mid-October"
            draft.evidence.append(f"present perfect with tally cue {tally_cue.group(0)!r}")
        elif plural and tally_cue and (number is None or number > 1):
            draft.tally = True
            draft.evidence.append(f"tally cue {tally_cue.group(0)!r}")
        elif plural and _present_perfect(head, args):
            draft.tally = True  # "nations which have conducted strikes", "the airstrikes have destroyed 967 ..."
            draft.evidence.append("plural trigger in the present perfect: a running total")
        elif plural and draft.places and all(is_country_name(p.text) for p in draft.places) and (
            (number and number >= 2) or _collective(head)
        ):
            draft.tally = True  # "34 strikes in Syria and Iraq": a daily summary broken down elsewhere
            draft.evidence.append("count or wave of strikes over whole countries: a summary")
        elif plural and not draft.places and _is_bare(head) and not draft.actor1:
            draft.tally = True  # "the execution of airstrikes", "supports the SDF through airstrikes"
            draft.evidence.append("bare plural without place or actor: generic mention")
        drafts.append(draft)
    return _merge_related(_without_effects(drafts, doc), doc)


_HABITUAL = re.compile(r"\b(still|often|regularly|routinely|usually|frequently|continue to|continues to|every)\b", re.I)


def _retype_by_roles(draft: EventDraft, head, args: _Args) -> None:
    """Who fought whom can change the type a trigger or weapon gave: forces arresting or shooting at
    protesters act on a protest; protesters clashing with police riot; a bare "attack" that kills
    civilians is an attack on civilians, not a battle."""
    lex = lexicon()
    victims = _victim_tokens(head, args)
    if head.dep_ in ("nsubj",) and head.head.lemma_.lower() in ("kill", "wound", "injure"):
        victims += [c for c in head.head.children if c.dep_ in ("dobj", "obj")]
    on_protest = any(_words_of(v) & lex.protest_target_words for v in victims)
    new = None
    if on_protest and draft.sub_event_type == "Arrests":
        new = "Protest with intervention"
    elif on_protest and draft.sub_event_type in ("Armed clash", "Attack") and agent_class(args.subjects) in ("state", None):
        new = "Excessive force against protesters"
    elif draft.sub_event_type == "Armed clash" and agent_class(args.subjects) == "rioters":
        new = "Violent demonstration"
    elif draft.default_clash and _victim_class(victims) == "civilians":
        new = "Attack"
    if new and new != draft.sub_event_type:
        draft.sub_event_type = new
        draft.default_clash = False
        draft.evidence.append(f"retyped by its roles -> {new}")


def is_headline(text: str) -> bool:
    """A headline or wire snippet: short and without closing punctuation.  Headlines tell news in the
    present tense ("Clashes leave 10 dead"), so there the present is no sign of a habit."""
    stripped = text.strip()
    return bool(stripped) and stripped[-1] not in ".!?\"'”’)" and len(stripped.split()) <= 25


_REASON_PREPS = {"over", "for"}
_REASON_PHRASES = ("in connection with", "on suspicion of", "suspected of", "accused of", "linked to")


def _without_effects(drafts: list[EventDraft], doc) -> list[EventDraft]:
    """Role-typed killings are the toll of another trigger in the sentence ("a strike killed three
    civilians"), and a trigger inside the reason for an arrest is not an event ("detains two men over
    rocket fire")."""
    if len(drafts) < 2:
        return drafts
    killings = [d for d in drafts if d.requires == "violence_victim"]
    others = [d for d in drafts if d.requires not in ("violence_victim", "agent_class")]
    if others:
        kept = [d for d in drafts if d.requires != "violence_victim"]
    elif killings:  # "gunmen killed two farmers and burned their crops": one attack
        kept = [d for d in drafts if d.requires != "agent_class"]
    else:
        kept = list(drafts)
    arrests = [d for d in kept if d.sub_event_type == "Arrests"]
    for arrest in arrests:
        head = doc[arrest.head_i]
        reason = set()
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in _REASON_PREPS:
                reason |= {t.i for t in c.subtree}
        kept = [d for d in kept if d is arrest or d.head_i not in reason]
    return kept


def _fill_roles(draft: EventDraft, head, args: _Args, weapons, sentence: Sentence, other_heads=()) -> None:
    # tokens of other triggers' own phrases ("... after the anniversary of the 2020 drone strike near Baghdad airport")
    blocked = frozenset(
        t.i for other in other_heads
        if other.i != head.i and not _near_ancestor(other, head, 6) and not _near_ancestor(head, other, 6)
        and head.i not in {x.i for x in other.subtree}
        for t in other.subtree
    )
    dateline = dateline_end(sentence.text)
    in_dateline = frozenset(t.i for t in head.doc if t.idx < dateline)
    blocked = blocked | in_dateline
    for subj in args.subjects:
        if subj.i in in_dateline:
            continue
        if (subj.lower_ in _PRONOUNS and subj.text != "US") or subj.lower_ in GENERIC_AGENTS and not _named_modifier(subj):
            if draft.actor1 is None and draft.actor1_ref is None and subj.dep_ in ("nsubj", "pobj") \
                    and subj.lower_ not in ("i", "you", "we", "us", "this", "these", "those"):
                draft.actor1_ref = subj.text  # resolved against the article by the extract stage
            continue
        actor, names = _agent_actor(subj, weapons)
        draft.weapons.extend(n for n in names if n not in draft.weapons)
        if actor and draft.actor1 is None:
            draft.actor1 = actor
            draft.evidence.append(f"actor1 from {subj.dep_} {subj.text!r}")
        elif actor and draft.actor2 is None and actor != draft.actor1 and subj.dep_ == "pobj" and subj.head.lower_ == "between":
            draft.actor2 = actor
        # "clashes between X and Y"
        for conj in subj.conjuncts:
            if draft.actor2 is None and conj.i > subj.i:
                other, _ = _agent_actor(conj, weapons)
                if other and other != draft.actor1:
                    if draft.sub_event_type in ("Armed clash", "Agreement"):
                        draft.actor2 = other
                    else:
                        draft.assoc_actor_1 = other
    for mod in args.modifiers:
        if mod.i in weapons:
            draft.weapons.append(weapons[mod.i].name) if weapons[mod.i].name not in draft.weapons else None
            continue
        if draft.actor1 is None and mod.i not in in_dateline and (
            mod.ent_type_ in ("ORG", "NORP", "GPE") or mod.pos_ == "PROPN" or mod.lower_ == "coalition"  # "a coalition airstrike"
        ):
            draft.actor1 = _modifier_phrase(mod)
            draft.evidence.append(f"actor1 from modifier {mod.text!r}")
    if draft.actor1 is None:
        # "A Turkish drone struck ...": the platform is part of the trigger, and names the actor
        for i in draft.token_indices:
            t = head.doc[i]
            if i != head.i and i in weapons and t.dep_ in ("nsubj", "nsubjpass") and platform_phrase(t):
                draft.actor1 = platform_phrase(t)
                draft.evidence.append(f"actor1 from platform {draft.actor1!r}")
                break
    for inst in args.instruments:
        for t in inst.subtree:
            if t.i in weapons and weapons[t.i].name not in draft.weapons:
                draft.weapons.append(weapons[t.i].name)
    weapon_objects = rule_requires_weapon(draft)
    actor2_from_facility = False  # actor2 is the owner of a building or vehicle, not people
    for obj in args.objects:
        actor2, target, names = _patient(obj, weapons)
        if weapon_objects:
            names = names + [weapons[t.i].name for t in obj.subtree if t.i in weapons]
            draft.weapons.extend(n for n in dict.fromkeys(names) if n not in draft.weapons)
        if target and target not in draft.targets:
            draft.targets.append(target)
        if actor2 and draft.actor2 is None and actor2 != draft.actor1:
            draft.actor2 = actor2
            draft.evidence.append(f"actor2 from {obj.dep_} {obj.text!r}")
            actor2_from_facility = obj.lemma_.lower() in _FACILITY_NOUNS | _VEHICLE_NOUNS
        for conj in obj.conjuncts:
            if conj.i > obj.i:
                a2, t2, n2 = _patient(conj, weapons)
                if t2 and t2 not in draft.targets:
                    draft.targets.append(t2)
                if a2 and draft.actor2 is None and a2 != draft.actor1 and not weapons.get(conj.i):
                    # "destroyed three tunnel entrances and two ISIL fighting positions"
                    draft.actor2 = a2
                    draft.evidence.append(f"actor2 from conjoined {conj.text!r}")
                if weapon_objects:
                    draft.weapons.extend(n for n in n2 if n not in draft.weapons)
    if (draft.actor2 is None or actor2_from_facility) and draft.sub_event_type in _VIOLENT_TARGET_TYPES:
        # the killed name the side attacked; over a facility's owner too ("a strike on a PMF headquarters
        # killed a commander of Harakat al-Nujaba": the strike was aimed at al-Nujaba)
        side = _killed_side(head, args)
        if side and actor2_from_facility and side == "Civilians":
            side = None  # civilians killed in a strike on a group's base: the base's owner stays the target
        if side and not _shares_owner(side, draft.actor1):
            draft.actor2 = side
            draft.evidence.append(f"actor2 from the side of those killed: {side!r}")
    if draft.sub_event_type in _NO_TARGET_TYPES and draft.actor2 is not None:
        # "suspending its operations against US forces": the group changes course, nobody is attacked
        draft.evidence.append(f"actor2 {draft.actor2!r} dropped: {draft.sub_event_type} has no target")
        draft.actor2 = None
    # weapons named inside the trigger ("drone strike") or as the means ("using aircraft", "with drones")
    for tok in _means_tokens(args, head, draft):
        if tok.i in weapons and weapons[tok.i].name not in draft.weapons:
            draft.weapons.append(weapons[tok.i].name)
    # "the Islamic Resistance in Iraq said ...": a place in the subject's name is not where it happened
    actor_side = {
        t.i
        for subj in args.subjects if subj.dep_ == "nsubj"
        for prep in subj.children if prep.dep_ == "prep" and prep.lower_ == "in"
        for t in prep.subtree
    }
    draft.places = [
        p for p in find_places(args.event_root or head, sentence, extra_objects=args.objects, blocked=blocked)
        if not any(sentence.start + head.doc[i].idx == p.span.start for i in actor_side)
        and p.span.start >= sentence.start + dateline
    ]
    if draft.sub_event_type == "Disrupted weapons use" and not draft.places:
        draft.places = _approach_places(args, sentence)  # "shot down a drone approaching Erbil airport"
    place_names = {p.text for p in draft.places}
    draft.targets = [t for t in draft.targets if t not in place_names]
    if draft.actor2 in place_names:
        draft.actor2 = None
    if draft.places:
        draft.evidence.append("places: " + ", ".join(f"{p.cue} {p.text}".strip() for p in draft.places))


_APPROACH_VERBS = {"approach", "head", "fly", "target", "near"}


def _approach_places(args: _Args, sentence: Sentence) -> list[PlaceMention]:
    """Where an intercepted weapon was going: the interception happened near it."""
    out: list[PlaceMention] = []
    for obj in args.objects:
        for verb in obj.children:
            if verb.dep_ not in ("acl", "relcl") or verb.lemma_.lower() not in _APPROACH_VERBS:
                continue
            for c in verb.children:
                if c.dep_ in ("dobj", "obj"):
                    _places_from(c, "near", sentence, out)
                elif c.dep_ == "prep" and c.lower_ in ("toward", "towards", "for", "over", "near") and _pobj(c) is not None:
                    _places_from(_pobj(c), "near", sentence, out)
    return out


# Agent nouns that only point back to an organisation named earlier ("the group said it had targeted ...").
GENERIC_AGENTS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction", "umbrella", "alliance"})


def _named_modifier(tok) -> bool:
    """'the YBS group', 'Iran-backed militia' carry their own name; 'the group' does not."""
    return any(c.dep_ in ("compound", "amod", "nmod", "poss") and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "NORP", "GPE"))
               for c in tok.children)


def sentence_topic(sentence: Sentence) -> str | None:
    """The named organisation a sentence is about: its main clause's subject, when that is a name
    ("The Islamic Resistance in Iraq said ...", "Kataib Hezbollah, one of ..., announced ...")."""
    doc = sentence.doc
    if doc is None:
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = past_dateline(next((c for c in root.children if c.dep_ == "nsubj"), None)) if root is not None else None
    if subj is None or subj.ent_type_ not in ("ORG", "NORP") and not (subj.pos_ == "PROPN" and subj.ent_type_ != "PERSON"):
        return None
    if subj.ent_type_ in ("GPE", "PERSON", "DATE", "TIME"):
        return None
    return noun_phrase(subj)


def _means_tokens(args: _Args, head, draft: EventDraft) -> list:
    """Tokens that can name the weapon used: the trigger, the agent side, 'with X', 'using X'.
    Objects of 'destroyed' are targets, not means ("destroyed two artillery systems")."""
    doc = head.doc
    toks = [doc[i] for i in draft.token_indices]
    for t in [*args.subjects, *args.instruments, *args.modifiers]:
        toks.extend(t.subtree)
    root = args.event_root or head
    for t in [*_clause_tokens(root), *(c for c in root.children if c.dep_ in ("advcl", "xcomp"))]:
        if t.lemma_.lower() == "use" and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("dobj", "obj"):
                    toks.extend(c.subtree)
        elif t.dep_ == "prep" and t.lower_ == "with" and _pobj(t) is not None:
            toks.extend(_pobj(t).subtree)
    return toks


def rule_requires_weapon(draft: EventDraft) -> bool:
    return draft.requires == "weapon_arg"


def _refine_type(draft: EventDraft, rule: TriggerRule, head, args: _Args, weapons, trigger_ids) -> None:
    lex = lexicon()
    cats = set()
    means = _means_tokens(args, head, draft)
    if rule.requires == "weapon_arg":  # "fired rockets", "launched a missile": the object is the means
        means += [t for o in args.objects for t in o.subtree]
    for tok in means:
        if tok.i in weapons:
            cats.add(weapons[tok.i].category)
    for cat in lex.category_order:
        if cat in cats:
            new = lex.category_type[cat]
            if new != draft.sub_event_type:
                draft.evidence.append(f"type refined by weapon ({cat}) -> {new}")
            draft.sub_event_type = new
            return
    draft.typed_by_default = True
    draft.default_clash = draft.sub_event_type == "Armed clash"
    draft.evidence.append("no weapon named: type is the trigger's default")


_ATTRIBUTION_LEMMAS = {"deny", "blame", "accuse", "condemn", "denounce", "attribute", "investigate", "point", "hold", "assess", "describe", "call"}


def _under_attribution(head) -> bool:
    """'denied being behind the attack', 'condemned the strike': talk about an event told elsewhere."""
    tok = head
    for _ in range(5):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in _ATTRIBUTION_LEMMAS:
            return True
    return False


_DEVICE_TYPES = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
_DEVICE_VERBS = {"explode", "detonate", "go", "strike", "hit", "kill", "wound", "injure", "target", "blow", "rip",
                 "tear", "destroy", "damage", "claim", "leave", "cause", "attack", "ram", "set", "trigger"}


def _is_modifier(head) -> bool:
    """A trigger noun that only modifies another noun ('attack helicopters', 'IED facilities')."""
    tok = head
    for _ in range(3):
        if tok.dep_ in ("compound", "amod", "nmod"):
            return True
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        return False
    return False


def _device_went_off(head) -> bool:
    """'a roadside bomb exploded/struck/killed', 'killed by a car bomb', 'a bombing in X', 'IED attack'."""
    if head.lemma_.lower() in ("bombing", "attack", "explosion", "blast"):
        return True
    gov = head.head
    if head.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() in _DEVICE_VERBS:
        return True
    if head.dep_ == "pobj" and gov.lower_ in ("by", "in") and gov.head.lemma_.lower() in _DEVICE_VERBS | {"die", "kill"}:
        return True
    return head.dep_ == "ROOT"  # a headline: "Roadside bomb in Tarmiyah"


def _present_perfect(head, args: _Args) -> bool:
    for verb in (head, args.event_root, head.head):
        if verb is not None and verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in verb.children
        ):
            return True
    return False


_COLLECTIVES = {"wave", "series", "spate", "string", "round", "rounds", "campaign", "dozens", "scores", "hundreds"}


def _collective(head) -> bool:
    """'a wave of air raids', 'a series of strikes': many events told as one."""
    gov = head.head
    return head.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lower_ in _COLLECTIVES


def _is_bare(head) -> bool:
    return not any(c.dep_ in ("det", "poss", "nummod") for c in head.children)


@lru_cache(maxsize=4096)
def _is_country(name: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(name)
        return True
    except LookupError:
        return name.lower() in ("syria", "iran", "russia", "the united states", "us", "u.s.", "turkey", "türkiye")


_REGION_ADJ = re.compile(r"^(?:(?:north|south|east|west)(?:ern)?[- ]?)?(?:(?:north|south|east|west)(?:ern)?\s+)?", re.I)


def is_country_name(text: str) -> bool:
    """'Iraq', 'northern Iraq', 'north-east Syria': a whole country (or a part named by direction only)."""
    return _is_country(_REGION_ADJ.sub("", text).strip())


def _is_background(head, args: _Args) -> bool:
    """Past perfect ('had struck') marks an earlier event told in passing."""
    for verb in (head, args.event_root):
        if verb is None:
            continue
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return True
    return False


_REFERENCE_PREPS = {"after", "before", "since", "following", "prior", "despite", "amid"}
_REFERENCE_NOUNS = {"response", "retaliation", "reaction", "revenge", "reprisal", "anniversary", "wake", "aftermath"}


def _is_reference(head) -> bool:
    """'two days after the drone attack', 'after a drone attack killed ...', 'in response to the strike'."""
    tok = head
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in _REFERENCE_PREPS for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        parent = tok.head
        if parent.lower_ in _REFERENCE_PREPS and parent.dep_ in ("prep", "mark") and tok.dep_ in ("pobj", "pcomp", "nsubj"):
            return True
        if parent.lower_ in ("to", "for", "of") and parent.dep_ == "prep" and parent.head.lemma_.lower() in _REFERENCE_NOUNS:
            return True
        if tok.dep_ in ("ccomp", "relcl", "parataxis", "conj") or tok.dep_ == "ROOT":
            return False
        tok = parent
    return False


def reference_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Article offsets of 'after/since/before ...' phrases: dates inside them belong to other events."""
    doc = sentence.doc
    spans = []
    for tok in doc:
        if tok.lower_ in _REFERENCE_PREPS and tok.dep_ in ("prep", "mark"):
            phrase = list(tok.subtree) if tok.dep_ == "prep" else list(tok.head.subtree)
            lo, hi = min(t.i for t in phrase), max(t.i for t in phrase)
            spans.append((sentence.start + doc[lo].idx, sentence.start + doc[hi].idx + len(doc[hi].text)))
    return spans


def _in_reported_speech(root) -> bool:
    """May a date outside the event clause date the event?  Yes when the clause hangs under
    a saying or announcing verb ('officials said on Friday the strikes killed 16', 'announced on
    Sunday the targeting of ...'); no when it is a conjunct ('was founded in 2007 and fought ...')."""
    # only a conjoined event verb is cut off from its neighbour's date
    return not (root.dep_ == "conj" and root.pos_ in ("VERB", "AUX") and root.head.pos_ in ("VERB", "AUX"))


def _is_definite(head) -> bool:
    if head.pos_ in ("VERB", "AUX"):
        # "the drone hit the soldiers' quarters", "the attackers fought the soldiers": told before
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subj.children) \
            and subj.pos_ == "NOUN"
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    for c in head.children:
        if c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"):
            return True
        if c.dep_ == "poss" and (c.ent_type_ in ("DATE", "TIME") or c.lower_ in ("its", "their")):
            return True
    return False


def _count_of(head) -> int | None:
    for c in head.children:
        if c.dep_ == "nummod":
            text = c.text.replace(",", "")
            if text.isdigit():
                return int(text)
            words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
            return words.get(c.lower_, 2)
    return None


def _merge_related(drafts: list[EventDraft], doc) -> list[EventDraft]:
    """Triggers that hang on one another are one event ('launched a drone attack')."""
    merged: list[EventDraft] = []
    for draft in drafts:
        partner = None
        for other in merged:
            a, b = doc[draft.head_i], doc[other.head_i]
            linked = _near_ancestor(a, b) or _near_ancestor(b, a) or (a.head.i == b.head.i and a.dep_ != "conj" and b.dep_ != "conj" and a.head.pos_ == "VERB" and {a.dep_, b.dep_} <= {"nsubj", "dobj", "nsubjpass", "agent"})
            if draft.reference != other.reference:
                linked = False  # "struck 85 targets, its response to the drone attack": two events
            if a.dep_ == "conj" or b.dep_ == "conj":
                linked = linked and draft.sub_event_type == other.sub_event_type
            if a.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and a.head.i == b.i:
                linked = False
            if b.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and b.head.i == a.i:
                linked = False
            if linked:
                partner = other
                break
        if partner is None:
            merged.append(draft)
            continue
        keep, drop = (partner, draft) if partner.priority >= draft.priority else (draft, partner)
        _absorb(keep, drop)
        if keep is draft:
            merged[merged.index(partner)] = draft
    return merged


_ARG_LINKS = {"dobj", "obj", "nsubj", "nsubjpass", "pobj", "prep", "agent", "compound", "conj", "attr", "prt", "acl"}


def _near_ancestor(tok, ancestor, hops: int = 3) -> bool:
    """``ancestor`` is reached from ``tok`` within a few argument links (not across clauses or appositions)."""
    for _ in range(hops):
        if tok.head.i == tok.i or tok.dep_ not in _ARG_LINKS:
            return False
        tok = tok.head
        if tok.i == ancestor.i:
            return True
    return False


def _absorb(keep: EventDraft, drop: EventDraft) -> None:
    keep.actor1 = keep.actor1 or drop.actor1
    keep.actor2 = keep.actor2 or drop.actor2
    for p in drop.places:
        if not any(q.span.start == p.span.start for q in keep.places):
            keep.places.append(p)
    keep.places.sort(key=lambda p: p.span.start)
    keep.weapons += [w for w in drop.weapons if w not in keep.weapons]
    keep.targets += [t for t in drop.targets if t not in keep.targets]
    keep.hedge = keep.hedge or drop.hedge
    # "suspension of attacks": the attacks are the activity changed, not a count of events
    keep.tally = keep.tally or (drop.tally and keep.sub_event_type not in ("Change to group/activity", "Agreement"))
    keep.background = keep.background or drop.background
    keep.specific = keep.specific or drop.specific
    if keep.typed_by_default and not drop.typed_by_default and drop.sub_event_type != keep.sub_event_type:
        keep.sub_event_type = drop.sub_event_type
        keep.typed_by_default = False
    keep.evidence.append(f"merged with trigger {drop.trigger.text!r}")


# --------------------------------------------------------------------------- headline verbs

# Headlines use the present tense without articles ("Iraqi police arrest ISIS suspects", "Israeli
# artillery shells villages"), and the small parser then often reads the verb as a noun.  The repair
# re-parses the sentence with that one word in the past tense (which it tags reliably) and copies the
# parse back onto the original words, so every offset and every word stays verbatim.
_IRREGULAR_PAST = {
    "shoot": "shot", "take": "took", "retake": "retook", "overrun": "overran", "strike": "struck", "hit": "hit",
    "set": "set", "beat": "beat", "throw": "threw", "blow": "blew", "bring": "brought", "fight": "fought",
    "withdraw": "withdrew", "hold": "held", "lead": "led", "seize": "seized", "free": "freed", "kidnap": "kidnapped",
    "down": "downed", "pull": "pulled", "hurl": "hurled", "stab": "stabbed", "rob": "robbed", "ban": "banned",
    "agree": "agreed", "sign": "signed", "open": "opened", "loot": "looted", "rape": "raped", "torch": "torched",
}


def _past_of(base: str) -> str:
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


@lru_cache(maxsize=1)
def _headline_forms() -> dict[str, str]:
    """Present-tense form ('shells', 'arrest') -> past tense ('shelled', 'arrested')."""
    forms: dict[str, str] = {}
    for base in lexicon().headline_verbs:
        past = _past_of(base)
        third = base + ("es" if re.search(r"(s|sh|ch|x|z)$", base) else "s")
        if base.endswith("y") and base[-2] not in "aeiou":
            third = base[:-1] + "ies"
        forms[base] = past
        forms[third] = past
    return forms


class HeadlineRepair:
    """The headline-verb repair, a hook for ``annotate.repair_parses``: which re-parses to try
    for a sentence, and whether a re-parse is better than the original."""

    def variants(self, doc) -> list[tuple[int, list[str]]]:
        """Re-parses to try, in order, when the sentence reads as a headline whose verb the parser
        took for a noun: (index of the word, the words with that one in the past tense)."""
        if doc is None or len(doc) > 30:
            return []
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or (root.pos_ in ("VERB", "AUX") and root.tag_ not in ("VBN",)):
            return []
        if root.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in root.children):
            return []  # "officials have urged ...", "no attacks were reported": a full clause, not a headline
        forms = _headline_forms()
        variants = []
        for tok in doc:
            if tok.i == 0 or tok.lower_ not in forms or (tok.pos_ == "VERB" and tok.dep_ == "ROOT"):
                continue
            if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[: tok.i]):
                continue
            words = [t.text for t in doc]
            words[tok.i] = forms[tok.lower_]
            variants.append((tok.i, words))
        return variants

    def accept(self, original, reparsed, index: int):
        """The original words with the re-parse, when it makes the replaced word the main verb
        (so "Chemical attack on Douma kills dozens" is left alone); None otherwise."""
        new_root = next((t for t in reparsed if t.dep_ == "ROOT"), None)
        if new_root is None or new_root.i != index or new_root.pos_ != "VERB":
            return None
        return _transplant(original, reparsed)


def _transplant(original, parsed):
    """The original words with the parse of ``parsed`` (same tokenisation)."""
    from spacy.tokens import Doc

    return Doc(
        original.vocab,
        words=[t.text for t in original],
        spaces=[bool(t.whitespace_) for t in original],
        heads=[t.head.i for t in parsed],
        deps=[t.dep_ for t in parsed],
        pos=[t.pos_ for t in parsed],
        tags=[t.tag_ for t in parsed],
        lemmas=[t.lemma_ for t in parsed],
        ents=[t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") if t.ent_iob_ else "O" for t in parsed],
    )
