"""Who did what to whom, from argument tokens: agent actors, patients and targets, a platform's or
facility's owner, the side of those killed (actor2), generic agents that refer back, and the
named organisation a sentence is about.
"""

from __future__ import annotations

import re

from conflictwire import lang
from conflictwire.extraction.events.arguments import Args
from conflictwire.extraction.events.lexicon import WeaponTerm, lexicon, single_weapon_words
from conflictwire.extraction.events.places import (
    FACILITY_NOUNS,
    NON_PLACE_ENTS,
    appositive_facility,
    containers,
    place_name_bounds,
)
from conflictwire.extraction.syntax import (
    DATELINE,
    PRONOUNS,
    dateline_end,
    doc_text,
    noun_phrase,
    past_dateline,
    pobj_of,
)
from conflictwire.models import Sentence


_GROUP_NOUNS = {
    "militants", "militant", "fighters", "forces", "troops", "rebels", "militia", "militias", "insurgents",
    "gunmen", "soldiers", "army", "group", "groups", "police", "jihadists", "terrorists", "coalition", "military",
    "personnel", "units", "unit", "members", "cells", "cell",
}
_OWNER_WORDS = {"coalition", "government", "regime", "enemy", "allied", "rebel", "militia", "insurgent", "jihadist"}


def _owner_phrase(tok) -> str | None:
    """Pre-modifiers naming who owns a target or platform: 'Iraqi army patrol' -> 'Iraqi army',
    'Three Kataib Hezbollah facilities' -> 'Kataib Hezbollah', 'US aircraft' -> 'US'."""
    doc = tok.doc
    left = [t for t in doc[tok.left_edge.i : tok.i] if t.head.i == tok.i or t.head.i in range(tok.left_edge.i, tok.i)]
    start = None
    for t in left:
        if _is_weapon_word(t):
            continue
        named = t.ent_type_ in ("ORG", "NORP", "GPE") or (t.pos_ == "PROPN" and t.ent_type_ not in NON_PLACE_ENTS - {"PERSON"}) or t.lower_ in _OWNER_WORDS
        if start is None and named and t.dep_ in ("compound", "amod", "nmod", "poss"):
            start = t.i
    if start is None:
        of_owner = _of_owner_phrase(tok)
        if of_owner:
            return of_owner
        owner = _owner(tok)
        return modifier_phrase(owner) if owner is not None else None
    end = start
    for i in range(start + 1, tok.i):
        t = doc[i]
        if t.ent_type_ in ("ORG", "NORP", "GPE") or t.pos_ == "PROPN" or t.text in ("-", "–") or t.lower_ in _GROUP_NOUNS or t.lower_ in ("armed", "security", "air", "special", "popular", "mobilization", "mobilisation", "revolutionary", "guard", "guards", "defense", "defence"):
            end = i
        else:
            break
    while end > start and (doc[end].text in ("-", "–") or doc[end].tag_ == "POS"):
        end -= 1
    phrase = DATELINE.sub("", doc[start : end + 1].text)
    return None if not phrase or re.search(r"\d", phrase) else phrase  # "B-1 bombers" is not an owner


def _is_weapon_word(tok) -> bool:
    words = single_weapon_words()
    return tok.lower_ in words or tok.lemma_.lower() in words or bool(
        re.match(r"^[A-Z]{1,3}-\d+[A-Z]?$", tok.text)
    )


def _owner(tok):
    """'PKK positions' -> PKK; 'ISIL's headquarters' -> ISIL; 'US aircraft' -> US."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and (
            c.ent_type_ in ("ORG", "NORP", "GPE") or (c.pos_ == "PROPN" and c.ent_type_ not in NON_PLACE_ENTS - {"PERSON"})
        ):
            return c
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and pobj_of(of) is not None and pobj_of(of).ent_type_ in ("ORG", "NORP"):
        return pobj_of(of)
    return None


def _of_owner_phrase(tok) -> str | None:
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and pobj_of(of) is not None and pobj_of(of).ent_type_ in ("ORG", "NORP"):
        return noun_phrase(pobj_of(of))
    return None


def modifier_phrase(tok) -> str:
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
    return DATELINE.sub("", doc[lo : hi + 1].text)


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


def agent_actor(tok, weapons: dict[int, WeaponTerm]) -> tuple[str | None, list[str]]:
    """Actor text for an agent-side noun, plus weapons it names ('Turkish warplanes' -> 'Turkish warplanes', aircraft)."""
    if tok is None or (tok.lower_ in PRONOUNS and tok.text != "US"):  # "US strikes ...": the country
        return None, []
    if _is_weapon(tok, weapons):
        if tok.lower_ in lexicon().armed_words:  # "gunmen": people who bear the weapon
            return noun_phrase(tok), [weapons[tok.i].name]
        return platform_phrase(tok) or _owner_phrase(tok), [weapons[tok.i].name]
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return None, []
    return noun_phrase(tok), []


def patient(tok, weapons) -> tuple[str | None, str | None, list[str]]:
    """(actor2, target text, weapons) for a patient-side noun."""
    if tok is None or tok.lower_ in PRONOUNS:
        return None, None, []
    if _is_weapon(tok, weapons):
        return _owner_phrase(tok), None, [weapons[tok.i].name]
    target = noun_phrase(tok)
    if tok.pos_ == "PROPN" and appositive_facility(tok):
        return _facility_owner(tok), target, []  # "Camp Taji, a US military base": a place, and whose
    if tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.pos_ == "PROPN":
        return None, None, []  # a place, not an actor
    if tok.lower_ in containers():
        return None, None, []  # "the town of Kafr Nabl": a place
    if (tok.lemma_.lower() in FACILITY_NOUNS or appositive_facility(tok)) and place_name_bounds(tok) is not None:
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
        if c.dep_ == "appos" and (c.lemma_.lower() in FACILITY_NOUNS or c.lower_ in FACILITY_NOUNS):
            owner = _owner_phrase(c)
            if owner:
                return owner
        if c.dep_ == "relcl" and c.lemma_.lower() in _HOST_VERBS:
            guest = next((g for g in c.children if g.dep_ in ("dobj", "obj")), None)
            if guest is not None and guest.lower_ in _GROUP_NOUNS and named_modifier(guest):
                return noun_phrase(guest)
    return None


VEHICLE_NOUNS = {"headquarters", "vehicle", "car", "truck", "convoy", "position", "positions", "building", "house",
                  "depot", "site", "sites", "facility", "facilities", "office", "post"}
_KILL_LEMMAS = {"kill"}
_HARM_LEMMAS = {"kill", "wound", "injure"}
# Victim nouns that stand for their side when a name owns them ("Iraqi soldiers", "a Kataib Hezbollah commander").
_SIDE_PERSONS = {"commander", "commanders", "leader", "leaders", "member", "members", "fighter", "fighters",
                 "militant", "militants", "official", "officials", "operative", "operatives"}


def _killed_tokens(head, args: Args) -> list:
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
    if word in lang.words().words("civilian_nouns") and not named_modifier(victim):  # knowledge/lang/people.yaml
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


def killed_side(head, args: Args) -> str | None:
    """One side for all those killed, or None when they are of no named side or of several."""
    sides = {side for side in map(_victim_side, _killed_tokens(head, args)) if side}
    return sides.pop() if len(sides) == 1 else None


def shares_owner(side: str, actor1: str | None) -> bool:
    """Does the victims' side repeat actor1's name ("US strike ... killing two US soldiers" is no target)?"""
    if not actor1:
        return False
    owner_words = {w for w in re.findall(r"[\w-]+", side.lower()) if w not in _GROUP_NOUNS and w != "civilians"}
    return bool(owner_words & set(re.findall(r"[\w-]+", actor1.lower())))


# Agent nouns that only point back to an organisation named earlier ("the group said it had targeted ...").
GENERIC_AGENTS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction", "umbrella", "alliance"})


def named_modifier(tok) -> bool:
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
