"""The event lexicon: trigger rules (``knowledge/triggers.yaml``), weapon terms
(``knowledge/weapons.yaml``) and the word lists the role and typing rules read, loaded once;
plus the first-word indexes the trigger and weapon matchers look entries up in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from conflictwire import settings
from conflictwire.knowledge import Knowledge
from conflictwire.vocab import SUB_EVENT_TO_TYPE


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
    noun_only: bool = False  # "bomb": a weapon as a noun, never the verb ("regime forces bomb X")


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
    civilian_sites: frozenset[str] = frozenset()  # places whose attack by armed men is an attack on civilians
    military_victims: frozenset[str] = frozenset()  # victims that make a killing a clash
    prison_words: frozenset[str] = frozenset()  # "escaped from jail"
    curfew_words: frozenset[str] = frozenset()  # "declared a curfew"
    intransitive_verbs: frozenset[str] = frozenset()  # "Graduates protested in ...": the subject acts
    air_raid_cues: frozenset[str] = frozenset()  # "warplanes' raids", "raids and airstrikes": a raid from the air
    air_raid_by: frozenset[str] = frozenset()  # "Russian raids on X": a modifier that makes a raid an air raid
    air_raid_by_agent: frozenset[str] = frozenset()  # "killed in raids by Syrian air": a "by" agent that makes one
    ruler_words: frozenset[str] = frozenset()  # "ousted the president": what a coup removes
    coup_agents: frozenset[str] = frozenset()  # "officers staged a coup": who makes one
    troop_words: frozenset[str] = frozenset()  # "deployed troops", "sent reinforcements": what a deployment moves
    arrest_authorities: frozenset[str] = frozenset()  # non-state groups whose detentions are arrests (registry names)
    headline_light_objects: frozenset[str] = frozenset()  # "ISIS sets fire to ...": a verb's noun read as the verb
    irregular_triggers: dict[str, str] = field(default_factory=dict)  # "struck" -> "strike": one word for coreference
    actor_filler: frozenset[str] = frozenset()  # "forces", "group": words that tell no side apart
    person_only_verbs: frozenset[tuple[str, ...]] = frozenset()  # "shot dead a headmaster": the object is a person
    civilian_status_mods: frozenset[str] = frozenset()  # "a former police officer": no combatant
    disposal_agents: frozenset[str] = frozenset()  # "sappers", "bomb disposal experts"
    disposal_cues: frozenset[str] = frozenset()  # "unexploded", "safely"
    air_defence_words: frozenset[str] = frozenset()  # "air defences destroyed a drone"
    suicide_delivery_verbs: frozenset[str] = frozenset()  # "a suicide attacker drove a truck into ..."
    swap_words: frozenset[str] = frozenset()  # "released detainees under a swap deal"
    protest_purposes: frozenset[str] = frozenset()  # "gathered ... to denounce", "... chanting slogans"


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s-]+", phrase.lower()) if w)


def lexicon() -> EventLexicon:
    """The event lexicon of the active settings' knowledge (``conflictwire.settings``)."""
    return lexicon_for(settings.knowledge())


@lru_cache(maxsize=4)
def lexicon_for(known: Knowledge) -> EventLexicon:
    trig = known.load_lexicon("triggers.yaml")
    weap = known.load_lexicon("weapons.yaml")
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
            terms.append(WeaponTerm(_words(str(term)), name, spec["category"], bool(spec.get("noun_only", False))))
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
        headline_light_objects=wordset(trig, "headline_light_objects"),
        ruler_words=wordset(trig, "ruler_words"),
        coup_agents=wordset(trig, "coup_agents"),
        troop_words=wordset(trig, "troop_words"),
        arrest_authorities=frozenset(str(w) for w in trig.get("arrest_authorities", []) or []),
        mob_words=wordset(trig, "mob_words"),
        rioter_words=wordset(trig, "rioter_words"),
        protest_target_words=wordset(trig, "protest_target_words"),
        base_words=wordset(trig, "base_words"),
        air_raid_cues=wordset(weap, "air_raid_cues"),
        air_raid_by=wordset(weap, "air_raid_by"),
        air_raid_by_agent=wordset(weap, "air_raid_by_agent"),
        territory_words=wordset(trig, "territory_words"),
        state_words=wordset(trig, "state_words"),
        captive_words=wordset(trig, "captive_words"),
        civilian_sites=wordset(trig, "civilian_sites"),
        military_victims=wordset(trig, "military_victims"),
        intransitive_verbs=wordset(trig, "intransitive_verbs"),
        prison_words=wordset(trig, "prison_words"),
        curfew_words=wordset(trig, "curfew_words"),
        irregular_triggers={str(k).lower(): str(v).lower() for k, v in (trig.get("irregular_triggers") or {}).items()},
        actor_filler=wordset(trig, "actor_filler"),
        person_only_verbs=frozenset(_words(str(w)) for w in trig.get("person_only_verbs", []) or []),
        civilian_status_mods=wordset(trig, "civilian_status_mods"),
        disposal_agents=wordset(trig, "disposal_agents"),
        disposal_cues=wordset(trig, "disposal_cues"),
        air_defence_words=wordset(trig, "air_defence_words"),
        suicide_delivery_verbs=wordset(trig, "suicide_delivery_verbs"),
        swap_words=wordset(trig, "swap_words"),
        protest_purposes=wordset(trig, "protest_purposes"),
    )


def candidate_stems() -> list[str]:
    """Word beginnings of the triggers (a space stands for any whitespace), for the sentence filter."""
    return list(lexicon().candidate_stems)


def forms_match(forms: tuple[str, str], word: str) -> bool:
    return forms[0] == word or forms[1] == word


def _by_first_word(entries) -> dict[str, tuple[int, ...]]:
    """First word -> positions of the entries starting with it, in lexicon order."""
    index: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        index.setdefault(entry.words[0], []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def rule_index() -> dict[str, tuple[int, ...]]:
    return _indexes(settings.knowledge())[0]


def weapon_index() -> dict[str, tuple[int, ...]]:
    return _indexes(settings.knowledge())[1]


def single_weapon_words() -> frozenset[str]:
    return _indexes(settings.knowledge())[2]


@lru_cache(maxsize=4)
def _indexes(known: Knowledge) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], frozenset[str]]:
    """Trigger rules and weapon terms by first word, and the one-word weapons, of ``known``'s lexicon."""
    lex = lexicon_for(known)
    return (_by_first_word(lex.rules), _by_first_word(lex.weapon_terms),
            frozenset(term.words[0] for term in lex.weapon_terms if len(term.words) == 1))


def entries_for(index: dict[str, tuple[int, ...]], forms: tuple[str, str]) -> tuple[int, ...]:
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
