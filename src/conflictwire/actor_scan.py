"""Actors named in an event's own clause, read from the words when the parse gave none.

Headline and monitor wording defeats the parser often ("regime forces shell a village" read as a
verb phrase, "Helicopters of the regime bomb ..."), so the actors stage falls back on the words of
the clause that holds the trigger: the registry's names found in it (``ActorRegistry.find_mentions``)
and the country's implied names of ``knowledge/actor_names.yaml`` (``implied``: "the regime" in
Syria), each given a role from the words around it:

* agent: after "by" ("shelling by regime forces", not "areas held by"), or before the trigger
  with no victim cue ("Russian jets strike ...", "Helicopters of the regime bomb ...");
* victim or target: after "on", "against", "targeting", a kill verb or a count ("kill 22 regime
  fighters", "the death of 5 of the regime forces"), or before "positions", "killed", "losses";
  civilians are always victims;
* held: the holder of a place or post ("areas controlled by X", "X-held areas", "rebel-held", "a
  checkpoint manned by X"; not "backed by X", nor a place moved to: "fled towards X-held areas");
* side: anything else ("clashes with IS", "between X and Y").

actor1 is the first agent (in an armed clash, any side but a holder); actor2 the first victim or other
side that is not actor1, else the holder (the actors stage keeps it only where a place is hit or taken).
Claimants ("according to the Observatory", "X said") are never actors.  The clause ends at ";", ":", ", ", " - ", "..." and
at "and", "while", "after", "as" (not inside "between X and Y", and a comma not before the
event's own ", killing ..."), so an event never takes the actor of another event of the sentence;
without an agent in its clause, the agents of the sentence's clauses that hold no other event count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from conflictwire import lang, settings
from conflictwire.knowledge import Knowledge
from conflictwire.registry import Actor, ActorRegistry

_CLAUSE_END = re.compile(
    r"\s*(?:[;:\u2026|]|\.\.+|,\s|\s[-\u2013\u2014]\s|\s(?:and|while|after|as|amid|following|before|whereas)\s)\s*", re.I)
_BACKGROUND = re.compile(r"\s*(?:[\w'-]+\s+){0,3}?(?:after|following|since|despite|before|in the wake of|in response to)\b"
                         r"[^,;:\u2026]*(?:,|\u2026|\.\.+)", re.I)
_WORD = re.compile(r"[\w'\u2019-]+")
_NUMBER = re.compile(r"^\d[\d,]*$")


@dataclass(frozen=True)
class Found:
    start: int  # in the clause
    end: int
    actor: Actor
    role: str  # agent, victim, side


@lru_cache(maxsize=4)
def _cues_for(known: Knowledge) -> dict:
    data = known.load_lexicon("actor_names.yaml")
    scan = data.get("clause_scan") or {}
    return {
        "implied": {str(cc).upper(): {str(k): str(v) for k, v in (table or {}).items()}
                    for cc, table in (data.get("implied") or {}).items()},
        "claimants": frozenset(str(w).lower() for w in data.get("claimants", []) or []),
        "unowned_air": {str(cc).upper(): dict(spec or {}) for cc, spec in (data.get("unowned_air") or {}).items()},
        "unowned_ground": {str(cc).upper(): dict(spec or {}) for cc, spec in (data.get("unowned_ground") or {}).items()},
        "holder_words": {str(k).lower(): str(v) for k, v in (scan.get("holder_words") or {}).items()},
        **{key: frozenset(str(w).lower() for w in scan.get(key, []) or [])
           for key in ("victim_before", "victim_after", "victim_of", "holder_before", "claim_after",
                       "number_words", "attack_nouns", "attack_modifiers", "attack_verbs", "civilian_words", "air_words",
                       "holder_after", "joined_verbs", "tie_before", "holder_place", "holder_not_after",
                       "target_nouns", "laid_weapons", "ordnance_words", "own_forces", "battle_nouns", "earlier_deeds", "ally_before",
                       "event_nouns")},
    }


def cues() -> dict:
    return _cues_for(settings.knowledge())


def is_claimant(text: str | None) -> bool:
    """A news agency, monitor or source ("AFP", "the Observatory", "activists"): a claimant, never an actor."""
    if not text:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return bool(words) and (" ".join(words) in cues()["claimants"] or words[-1] in cues()["claimants"])


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """(lo, hi) of the clause of ``text`` holding the trigger at [start, end)."""
    lo, hi = 0, len(text)
    for match in _CLAUSE_END.finditer(text):
        word = match.group(0).strip().lower()
        if word == "and" and _joins_verbs(text, match):
            continue  # "the regime forces kill and injure 12 citizens": one clause
        if word == "and" and _between(text, lo, match):
            continue  # "clashes between X and Y"
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            if word == "," and re.match(r"(?:killing|wounding|injuring|leaving|claiming)\b", text[match.end():], re.I):
                continue  # ", killing four civilians": the same event's victims
            hi = match.start()
            break
    return lo, hi


def _between(text: str, lo: int, match: re.Match) -> bool:
    """"between X and Y", not "between 2 factions and the regime forces shell ..." (a new clause)."""
    return bool(re.search(r"\bbetween\b", text[lo:match.start()], re.I)) and not any(
        w in cues()["joined_verbs"] for w in _words_after(text, match.end(), 4))


def _joins_verbs(text: str, match: re.Match) -> bool:
    """"kill and injure", "ground and aerial shelling": two verbs or two modifiers of one attack."""
    before, after = _words_before(text, match.start(), 1), _words_after(text, match.end(), 1)
    return bool(before and after) and any(before[0] in words and after[0] in words
                                          for words in (cues()["joined_verbs"], cues()["attack_modifiers"]))


def _words_before(clause: str, at: int, n: int) -> list[str]:
    """The n words before ``at``, without the article right before the name ("by the regime")."""
    # read a window before ``at``, wider until it holds more than n words (its first may be cut):
    # the same words as reading the whole prefix, without re-reading an article per name
    width = 64
    while True:
        lo = max(0, at - width)
        words = [w for w in (w.lower().strip("'\u2019") for w in _WORD.findall(clause, lo, at)) if w]
        while words and words[-1] in ("the", "a", "an"):
            words.pop()
        if lo == 0 or len(words) > n:
            return words[-n:]
        width *= 4


def _words_after(clause: str, at: int, n: int) -> list[str]:
    # a window after ``at``, wider until it holds more than n words (its last may be cut)
    width = 64
    while True:
        hi = min(len(clause), at + width)
        words = [w for w in (w.lower().strip("'\u2019") for w in _WORD.findall(clause, at, hi)) if w]
        if hi == len(clause) or len(words) > n:
            return words[:n]
        width *= 4


def _role(clause: str, start: int, end: int, trigger_start: int, actor: Actor) -> str | None:
    """agent / victim / side for one name in the clause; None when it is no actor here."""
    c = cues()
    before, after = _words_before(clause, start, 4), _words_after(clause, end, 2)
    if before[-1:] in (["for"], ["in"]) and len(before) > 1 and before[-2] in c["victim_of"]:
        return "victim"  # "casualties for the regime forces", "losses for the SDF", "injuries in Turkish forces"
    if after and after[0] in c["claim_after"] and actor.kind in ("state_forces", "coalition", "rebel", "militia") \
            and _own_forces_after(clause, end):
        return "agent"  # "the coalition said its aircraft struck ...": the speaker's own forces acted
    if after and after[0] in c["claim_after"] or before[-2:] == ["according", "to"] or before[-1:] == ["for"]:
        return None  # "X said", "according to X": a claimant; "spying for X": no party
    if len(before) > 1 and before[-1] in ("to", "with") and before[-2] in c["tie_before"]:
        return None  # "pledges allegiance to X", "affiliated with X": whom someone belongs to, no party here
    if before[-1:] and before[-1] in c["ally_before"]:
        return None  # "militias fighting alongside the Syrian army": an ally of the one acting, neither its target nor named as acting
    by_holder = before[-1:] == ["by"] and len(before) > 1 and before[-2] in c["holder_before"]
    if by_holder or after and after[0].lstrip("-") in c["holder_after"]:
        # "areas controlled by X", "X-held areas": the holder of a place, hit there when the place is the
        # target ("shelling on a town controlled by X"); "backed by X", "areas X fled to": no party
        if by_holder and before[-2] not in c["holder_place"] or _toward(clause, start, by_holder):
            return None
        return "victim" if by_holder and before[-2] == "manned" else "held"  # a post's crew is hit with it
    if actor.kind == "civilians":
        return "victim"
    if before and before[-1] == "by" or len(before) > 1 and before[-2] == "by" and (
            _NUMBER.match(before[-1]) or before[-1] in c["number_words"]):
        return "agent"  # "shelling by the regime forces", "raids by several warplanes believed to be Russian"
    last = before[-1] if before else ""
    # a weapon in the name or right after it ("4 RuAF airstrikes": the strikes are counted, not the actor)
    weapon = bool(set(_words_after(clause, start, 99)[:len(clause[start:end].split()) + 1])
                  & (c["attack_nouns"] | c["air_words"] | {"barrels", "barrel"}) - {"forces", "troops", "soldiers", "army"})
    # "32 explosive barrels", "20 helicopters": counted weapons, not counted victims
    numbered = not weapon and any(_NUMBER.match(w) or w in c["number_words"] for w in before[-2:])
    of_victims = last == "of" and any(w in c["victim_of"] for w in before[-3:])
    passive = after[:1] and after[0] in ("was", "were", "is", "are", "been") and after[1:2] and after[1] in c["victim_after"]
    if last in c["victim_before"] or numbered or of_victims or (after and after[0] in c["victim_after"]) or passive:
        return "victim"  # ("a Turkish soldier was killed in ...")
    if last == "of" and len(before) > 1 and before[-2] in c["attack_nouns"]:
        return "agent"  # "warplanes of the regime", "the shelling of the regime forces": whose fire it is
    if _laid_by(clause, before, after, clause[start:end]):
        return "agent"  # "a landmine of the organization's remnants", "ISIS mines": whose mine it is
    if start < trigger_start:
        return "agent"
    if last in ("with", "between", "and", "against"):
        return "side"
    return "side"


def _own_forces_after(clause: str, end: int) -> bool:
    """After "X said": do the next words give X's own forces as the subject ("said on Monday that its aircraft
    had conducted 12 strikes", "said their fighters repelled ...")?"""
    words = _words_after(clause, end, 8)
    own = cues()["own_forces"]
    return any(w in ("its", "their") and nxt in own for w, nxt in zip(words[1:], words[2:]))


def _laid_by(clause: str, before: list[str], after: list[str], name: str) -> bool:
    """Is the name the owner of a mine or explosive ("mines of ISIS", "ISIS's remnants", "ISIS mines",
    "a mine of ISIS remnants")?"""
    c = cues()
    owned = after[1:2] if after[:1] == ["s"] else after[:1]  # "the organization's remnants"
    owned = owned + [w.lower() for w in _WORD.findall(name)][-1:]
    weapons = [w for w in ([before[-2]] if before[-1:] == ["of"] and len(before) > 1 else []) + owned
               if w in c["laid_weapons"]]
    return bool(weapons) and (any(w not in ("remnant", "remnants") for w in weapons) or bool(
        {w.lower() for w in _WORD.findall(clause)} & c["ordnance_words"]))


def _toward(clause: str, start: int, by_holder: bool) -> bool:
    """Is the held place the name at ``start`` holds one moved to or from ("fled towards X-held areas",
    "leave for areas controlled by X"), not one hit?  The words before the held phrase say."""
    words = _words_before(clause, start, 6)[:-2] if by_holder else _words_before(clause, start, 3)
    return any(w in cues()["holder_not_after"] for w in words[-4:])


def implied_alias(text: str, country: str | None) -> str | None:
    """The alias a country's unnamed side stands for ("the regime" in Syria), or None."""
    words = _WORD.findall(text)
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    phrase = " ".join(words)
    for key, alias in cues()["implied"].get(country or "", {}).items():
        if key == phrase or key.islower() and key == phrase.lower():
            return alias
    return None


_SOME_BEFORE = re.compile(r"\b(?:an?|any|another|every)\s+$", re.I)
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")
_NAME_END = re.compile(r"[,;:.()\u2026]")


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str, flags: int) -> re.Pattern[str]:
    """A name as a whole word (compiled once: a pattern per phrase overflowed re's own cache)."""
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", flags)


def _implied(clause: str, country: str | None) -> list[tuple[int, int, str]]:
    table = cues()["implied"].get(country or "", {})
    found = []
    lowered = clause.lower() if clause.isascii() else None
    for phrase, alias in table.items():
        # a capitalised key keeps its case ("the Organization"), and no capitalised word may come
        # before it ("World Health Organization")
        flags = re.I if phrase.islower() else 0
        # a phrase whose letters the clause lacks cannot match: skip its regex (ASCII only, where
        # re.I's case-folding is exactly str.lower)
        if (phrase not in clause) if not flags else (lowered is not None and phrase.isascii() and phrase not in lowered):
            continue
        for match in phrase_pattern(phrase, flags).finditer(clause):
            if _SOME_BEFORE.search(clause[:match.start()]) \
                    and not set(_words_after(clause, match.end(), 1)) & (cues()["attack_nouns"] | cues()["target_nouns"]):
                continue  # "a commander in an army": some army, not the country's ("a Kurdish militant attack", "an army post" are)
            if flags or not _CAPITAL_BEFORE.search(clause[:match.start()]):
                found.append((match.start(), match.end(), alias))
    return found


def _demonym_attacks(clause: str, registry: ActorRegistry) -> list[tuple[int, int, str]]:
    """"Turkish aerial attack", "Israeli strikes", "“Turkish” shells", "Turkish ground and aerial shelling": a nationality on an attack or
    weapon noun is that state's forces ("Turkish-backed" is no nationality of the attacker)."""
    nouns = cues()["attack_nouns"]
    found = []
    for match in re.finditer(r"(?<![\w-])([A-Z][a-z]+)(?![\w-])(?=[\"\u201c\u201d']?((?:\s+[A-Za-z][a-z]+){1,4}))", clause):
        words = match.group(2).lower().split()  # "“Turkish Shelling”" as a headline capitalises it
        for n in range(1, len(words) + 1):
            # "Turkish ground and aerial shelling", "Russian air and missile strikes"
            if words[n - 1] in nouns and all(w in cues()["attack_modifiers"] or 0 < i < n - 2 and w in ("and", "or")
                                             for i, w in enumerate(words[:n - 1])):
                if registry.demonym_of(match.group(1)):
                    found.append((match.start(1), match.end(1), match.group(1) + " forces"))
                break
    return found


def scan(text: str, trigger_start: int, trigger_end: int, registry: ActorRegistry, country: str | None,
         on: date | None, other_triggers: list[int] = (), flying: bool = False, battle: bool = False,
         lend: bool = True) -> list[Found]:
    """Every actor the trigger's clause names, in order, with its role (see the module docstring).
    Without an agent there, the agents of the sentence's other clauses that hold no other event's
    trigger (``other_triggers``: offsets in ``text``), none between them and the trigger, and name no
    event are added (only states' and the coalition's forces for an air strike, ``flying``).  For a
    battle (``battle``) whose clause names no armed side, the clause right before or after it lends
    its armed victims too ("Nine Turkish soldiers killed, 10 wounded in clashes near Afrin"), never one
    acting there ("clashes in A and X targets B": X's own event).  ``lend`` False: the trigger's clause only
    (an event found as a clause of its own in a headline: "X controls A and violent clashes in B")."""
    lo, hi = clause_of(text, trigger_start, trigger_end)
    found = _scan_clause(text, lo, hi, trigger_start, registry, country, on)
    if not lend:  # from the clause edge right before the trigger, whatever "between X and Y" the scan joined across
        edge = max((m.end() for m in _CLAUSE_END.finditer(text, 0, trigger_start)), default=lo)
        return [f for f in found if f.start >= edge]
    armed = {f.actor.name for f in found if f.actor.kind not in ("civilians", "unidentified")}
    if any(f.role == "agent" and f.actor.kind != "unidentified" for f in found) or battle and len(armed) > 1:
        return found  # (an unnamed "allied militias" acting does not keep the named side before it out)
    battle = battle and not any(f.actor.kind != "civilians" for f in found)  # victims lent only to a battle without sides
    taken = [clause_of(text, t, t + 1) for t in other_triggers]
    # "After 24 hours of control by X, ...", "In the wake of ...…": a sentence-opening background phrase
    background = _BACKGROUND.match(text)
    if background and background.end() <= lo:
        taken.append((0, background.end()))
    pos = 0
    for match in [*_CLAUSE_END.finditer(text), None]:
        a, b = pos, (match.start() if match else len(text))
        pos = match.end() if match else len(text)
        if (a, b) == (lo, hi) or b <= a or any(x < b and a < y for x, y in taken) or lo <= a < hi:
            continue
        if any(min(b, trigger_start) <= t < max(a, trigger_start) for t in other_triggers):
            continue  # "X and helicopters shell A and clashes in B": X is the nearer event's, not the clashes'

        if any(w in lang.words().words("other_event_nouns") for w in _words_after(text, a, 99)[:len(text[a:b].split())]):
            continue  # "... and violent attack by X": an event the extractor missed, not this one's agent
        if a < trigger_start and set(_words_after(text, a, 99)[:len(text[a:b].split())]) & cues()["attack_verbs"]:
            continue  # "IS targets rebels in A and continued clashes in B": X acts in an event of its own
        next_to = _CLAUSE_END.fullmatch(text[b:lo] if b <= lo else text[hi:a]) is not None
        found += [f for f in _scan_clause(text, a, b, trigger_start if a < trigger_start else a, registry,
                                          country, on)
                  if (f.role == "agent" or battle and next_to and f.role == "victim" and f.actor.kind != "civilians")
                  and (not flying or f.actor.kind in ("state_forces", "coalition"))]  # rebels fly no air strike
    return found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])|\n+")
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|this|those|that)\s+(?:[a-z-]+\s+){0,2}$", re.I)


def earlier_agent(before: str, quote: str, trigger_start: int, trigger_end: int, registry: ActorRegistry,
                  country: str | None, on: date | None, flying: bool = False) -> Found | None:
    """The one acting in the deed an event noun written with a definite article refers back to ("The Syrian army
    pounded rebel-held towns in Daraa.  The shelling killed four civilians"): the agent of an attack word of the
    nearest of the two sentences before (the headline included) that names one; None when the trigger is no
    definite attack noun, or no such sentence names exactly one agent (the closest sentence with any agent decides).
    ``before``: the article's text before the event's quote."""
    c = cues()
    if quote[trigger_start:trigger_end].lower() not in c["attack_nouns"] | c["air_words"] \
            or not _DEFINITE_BEFORE.search(quote[max(0, trigger_start - 40):trigger_start]):
        return None
    if set(_words_before(quote, trigger_start, 3)) & (c["air_words"] - {"air", "aerial"}):
        return None  # "the warplanes' strikes": an owner of its own, the clause scan's
    sentences = [s for s in _SENTENCE_END.split(before.strip()) if s.strip()][-2:]
    deeds = c["attack_verbs"] | c["earlier_deeds"] | c["attack_nouns"] - {"forces", "troops", "soldiers", "army"}
    for sentence in reversed(sentences):
        agents: dict[str, Found] = {}
        for m in _WORD.finditer(sentence):
            if m.group(0).lower() not in deeds:
                continue
            found = scan(sentence, m.start(), m.end(), registry, country, on, lend=False)
            agents.update((f.actor.name, f) for f in found if f.role == "agent"
                          and f.actor.kind not in ("civilians", "unidentified")
                          and (not flying or f.actor.kind in ("state_forces", "coalition")))
        if agents:
            return next(iter(agents.values())) if len(agents) == 1 else None
    return None


def _names(text: str, registry: ActorRegistry, country: str | None, on: date | None) -> list[tuple[int, int, Actor]]:
    """(start, end, actor) of every name in ``text``, in order, without overlaps: the registry's
    (resolved for the event's country and date), then the country's implied names and nationalities
    on attack nouns; claimants left out."""
    spans: list[tuple[int, int, Actor]] = []
    for start, end, actor in registry.find_mentions(text, country):
        if not is_claimant(text[start:end]):
            spans.append((start, end, registry.resolve(text[start:end], country, on) or actor))
    for start, end, alias in _implied(text, country) + _demonym_attacks(text, registry):
        actor = registry.resolve(alias, country, on)
        if actor is not None and not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, actor))
    spans.sort(key=lambda s: s[0])
    # "fighters from the factions of the Syrian Democratic Forces": a generic name ("factions", "militants")
    # of a named group is that group, not a name of its own
    return [s for s, nxt in zip(spans, [*spans[1:], None])
            if nxt is None or not re.fullmatch(r"\s+of\s+(?:the\s+)?", text[s[1]:nxt[0]], re.I)
            or not text[s[0]:s[1]].islower()]


_HOLDER_WORD = re.compile(r"(?<![\w-])([A-Za-z]+)(?=-(?:held|controlled)\b)")
_SIDE_WORD = re.compile(r"(?<![\w-])([A-Za-z]+)(?=(?:['\u2019]s)?\s+([a-z]+)(?![\w-]))")


def _holder_words(clause: str, registry: ActorRegistry, country: str | None, on: date | None,
                  taken: list[tuple[int, int, Actor]]) -> list[tuple[int, int, Actor]]:
    """"rebel-held", "government-held", "regime-held": a place's holder named by a word the registry holds
    no name for (``holder_words`` of knowledge/actor_names.yaml), as a name of the event's country."""
    words = cues()["holder_words"]
    nouns = cues()["attack_nouns"] | cues()["target_nouns"] | cues()["battle_nouns"]
    # "rebel-held", and the same words on an attack or a military target: "rebel shelling", "government positions"
    matches = [*_HOLDER_WORD.finditer(clause), *(m for m in _SIDE_WORD.finditer(clause) if m.group(2) in nouns)]
    spans = []
    for match in matches:
        value = words.get(match.group(1).lower())
        if value is None or any(s < match.end(1) and match.start() < e for s, e, _ in taken + spans):
            continue
        if value == "government":
            actor = registry.state_forces(country, on) if country else None
        else:
            actor = registry.resolve(value, country, on) or registry.resolve(implied_alias(value, country), country, on)
        if actor is not None:
            spans.append((match.start(), match.end(1), actor))
    return spans


def _scan_clause(text: str, lo: int, hi: int, trigger_start: int, registry: ActorRegistry, country: str | None,
                 on: date | None) -> list[Found]:
    clause = text[lo:hi]
    out = []
    civilian_words = cues()["civilian_words"] | {w.lower() for w in lang.words().words("civilian_nouns")}
    names = _names(clause, registry, country, on)
    names = sorted(names + _holder_words(clause, registry, country, on, names), key=lambda s: s[0])
    for start, end, actor in names:
        if actor.kind in ("igo", "protesters", "rioters"):
            continue
        if actor.kind == "civilians" and _WORD.findall(clause[start:end])[-1].lower() not in civilian_words:
            continue  # "16 people", "the population": whether civilians, the words do not say
        role = _role(clause, start, end, trigger_start - lo, actor)
        if role is not None:
            out.append(Found(lo + start, lo + end, actor, role))
    return out


def pick(found: list[Found], battle: bool) -> tuple[Found | None, Found | None]:
    """(actor1, actor2) from a clause's actors: the first agent (any side in a battle), then the first
    victim or other side that is another actor, else the holder of the place hit."""
    armed = [f for f in found if f.actor.kind != "civilians" and f.role != "held"]
    agents = sorted((f for f in armed if f.role == "agent"), key=lambda f: f.actor.kind == "unidentified")
    if battle:  # any side; an unnamed "militants" only as the one acting ("militants killed by X" is X's)
        agents = agents + [f for f in armed if f.role != "agent" and f.actor.kind != "unidentified"]
    first = agents[0] if agents else None
    # an unnamed "armed group" may act, but as a target it is no side the words can tell
    rest = [f for f in found if (first is None or f.actor.name != first.actor.name) and f.actor.kind != "unidentified"]
    victims = [f for role in ("victim", "side", "held") for f in rest if f.role == role]
    return first, (victims[0] if victims else None)


def air_owners(text: str, registry: ActorRegistry, country: str | None, on: date | None) -> list[Actor]:
    """The actors ``text`` names as flying ("Russian warplanes", "regime helicopters", "coalition
    aircraft", "Israeli strikes"), distinct, in order; never those struck ("downed a regime helicopter")."""
    air = cues()["air_words"]
    owners: dict[str, Actor] = {}
    for start, end, actor in _names(text, registry, country, on):
        words = [w.lower() for w in _WORD.findall(text[start:end])][-1:] + _words_after(
            text[end:_clause_end_after(text, end)], 0, 2)  # "X, warplanes raid ...": not X's
        before = _words_before(text, start, 1)
        if actor.kind in ("state_forces", "coalition") and any(w in air for w in words) \
                and not (before and before[0] in cues()["victim_before"]):
            owners.setdefault(actor.name, actor)
    for match in re.finditer(r"(?<![\w-])([A-Z][a-z]+)\s+(?:and|or)\s+", text):
        code = registry.demonym_of(match.group(1))
        forces = registry.state_forces(code, on) if code else None
        if forces is not None and any(w in air for w in _words_after(text, match.end(), 4)):
            owners.setdefault(forces.name, forces)
    return list(owners.values())


def _clause_end_after(text: str, at: int) -> int:
    """Where the first of , ; : . ( ) … at or after ``at`` is (the text's end without one)."""
    stop = _NAME_END.search(text, at)
    return stop.start() if stop else len(text)


def unowned_air(registry: ActorRegistry, country: str | None, admin1: str | None, admin2: str | None,
                on: date | None, owners: list[Actor]) -> Actor | None:
    """The air force an air strike that names none is by, where one country's reports leave only one
    (``unowned_air`` of knowledge/actor_names.yaml: Syria's warplanes before 8 Dec 2024); None when the
    event is placed no finer than its country, lies where other air forces flew (``not_in``), falls
    outside the years, or the article names another air force than the allies."""
    spec = cues()["unowned_air"].get(country or "")
    if not spec or on is None or not admin1 or {admin1, admin2} & {str(p) for p in spec.get("not_in") or []}:
        return None
    if not _active_on(spec, on):
        return None
    allies = _allies(spec, registry, country, on)
    if any(o.name not in allies for o in owners):
        return None
    return registry.resolve(str(spec.get("alias")), country, on)


def unowned_ground(registry: ActorRegistry, country: str | None, sub_event_type: str | None, admin1: str | None,
                   place_name: str | None, on: date | None, sentence: str, target: Actor | None,
                   own_clause: str | None = None) -> Actor | None:
    """The side that is a party to shelling or clashes whose sentence names none, where one country's
    reports leave only one (``unowned_ground`` of knowledge/actor_names.yaml: the Syrian regime in the
    governorates where UCDP codes it a party to >= 90% of such events in 2016 and in 2018-19); None
    outside its governorates (``in``, per sub-type) and years, when the sentence has a word of
    ``not_with`` (missiles: Israel's too; a group name's first word), is placed at one of ``not_at`` (the
    other side's enclaves), names any armed side but the rule's side and its ``allies`` (a target, a place's
    holder, a background phrase's actor: "a hospital supported by X was hit by shelling"), names one of
    those in the event's own clause (``own_clause``) of shelling (there it is the target: "shells fall on
    regime positions"), or the target is that side's ally."""
    spec = cues()["unowned_ground"].get(country or "")
    if not spec or on is None or not admin1 or admin1 not in {str(p) for p in (spec.get("in") or {}).get(sub_event_type) or []}:
        return None
    if not _active_on(spec, on):
        return None
    if {w.lower() for w in _WORD.findall(sentence)} & {str(w).lower() for w in spec.get("not_with") or []}:
        return None
    if (place_name or "").lower() in {str(p).lower() for p in spec.get("not_at") or []}:
        return None
    allies = _allies(spec, registry, country, on)
    spans = [(s, e, actor) for s, e, actor in _names(sentence, registry, country, on)
             if actor.kind not in ("civilians", "unidentified")]
    named = [actor for _s, _e, actor in spans]
    background = _BACKGROUND.match(sentence)
    if background and any(a.kind not in ("civilians", "unidentified")
                          for _s, _e, a in _names(sentence[:background.end()], registry, country, on)):
        return None  # "Two days after their control of X by the regime forces, ...": whose the background is
    if any(actor.name not in allies and actor.parent not in allies for actor in named):
        return None  # another side named: which side fought, the words must say
    if named and sub_event_type != "Armed clash" and (own_clause is None or any(
            actor.kind not in ("civilians", "unidentified") for _s, _e, actor in _names(own_clause, registry, country, on))):
        return None  # the side itself named in the shelling's own clause: its target, or no inference needed
    if sub_event_type != "Armed clash" and any(_role_in_sentence(sentence, s, e, actor) in ("victim", "held")
                                               for s, e, actor in spans):
        return None  # "shelling targets A and losses in the regime forces near B": hit somewhere, maybe by this
    if target is not None and (target.name in allies or target.parent in allies or target.kind == "militia"):
        return None
    if target is not None and target.kind == "civilians" and sub_event_type == "Armed clash":
        return None  # "civilians killed in a raid on <village>": a massacre by either side, no battle of two
    return registry.resolve(str(spec.get("alias")), country, on)


def _role_in_sentence(sentence: str, start: int, end: int, actor: Actor) -> str | None:
    """The role of the name at [start, end) in its own clause of ``sentence``, read as if the clause's
    event came after it."""
    lo, hi = clause_of(sentence, start, end)
    return _role(sentence[lo:hi], start - lo, end - lo, hi - lo, actor)


def _active_on(spec: dict, on: date) -> bool:
    """Is ``on`` inside a rule's ``active: [from, to]`` (either end may be missing)?"""
    start, end = (spec.get("active") or [None, None]) + [None, None][len(spec.get("active") or []):]
    return not (start and on < _as_date(start) or end and on > _as_date(end))


def _allies(spec: dict, registry: ActorRegistry, country: str | None, on: date | None) -> set[str]:
    """The registry names of a rule's ``allies`` (those the registry knows)."""
    return {a.name for a in (registry.resolve(str(n), country, on) for n in spec.get("allies") or []) if a}


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
