"""Filling a draft's roles from its arguments: actor1/actor2, associated actors, targets,
weapons and places (``fill_roles``), and the tokens that can name the means.
"""

from __future__ import annotations

from conflictwire.extraction.events.actors import (
    GENERIC_AGENTS,
    VEHICLE_NOUNS,
    agent_actor,
    killed_side,
    modifier_phrase,
    named_modifier,
    patient,
    platform_phrase,
    shares_owner,
)
from conflictwire.extraction.events.arguments import Args
from conflictwire.extraction.events.draft import EventDraft
from conflictwire.extraction.events.filters import grievance_of
from conflictwire.extraction.events.places import FACILITY_NOUNS, approach_places, find_places
from conflictwire.extraction.syntax import PRONOUNS, clause_tokens, dateline_end, near_ancestor, pobj_of
from conflictwire.models import Sentence


_VIOLENT_TARGET_TYPES = frozenset({
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Suicide bomb", "Grenade", "Abduction/forced disappearance", "Sexual violence",
})
_NO_TARGET_TYPES = frozenset({"Change to group/activity"})
# Verbs whose conjoined subjects are the two sides ("regime forces and rebels clashed"), not allies.
_RECIPROCAL = frozenset({"clash", "fight", "battle", "exchange", "skirmish", "engage", "confront", "agree", "sign",
                         "negotiate", "meet", "reach"})
# A country name right before one of these is where, not who ("Syria rebel clashes", "Iraq militia attack").
# Common nouns that name a side as a trigger's modifier: "a coalition airstrike", "regime shelling", "rebel shelling".
_SIDE_MODIFIERS = {"coalition", "regime", "government", "army", "military", "rebel", "militia", "insurgent", "jihadist",
                   "opposition", "police", "loyalist"}
_SIDE_WORDS = frozenset({"rebel", "rebels", "opposition", "militant", "militants", "militia", "jihadist", "jihadi",
                         "insurgent", "insurgents", "tribal", "kurdish", "kurd", "kurds", "islamist"})


def fill_roles(draft: EventDraft, head, args: Args, weapons, sentence: Sentence, other_heads=()) -> None:
    # tokens of other triggers' own phrases ("... after the anniversary of the 2020 drone strike near Baghdad airport")
    blocked = frozenset(
        t.i for other in other_heads
        if other.i != head.i and not near_ancestor(other, head, 6) and not near_ancestor(head, other, 6)
        and head.i not in {x.i for x in other.subtree}
        for t in other.subtree
    )
    # what a crowd protests is no place of the protest ("protested in Azaz against the shelling of Idlib")
    blocked |= frozenset(t.i for other in other_heads if other.i != head.i and (gov := grievance_of(other)) is not None
                         and gov.i == head.i for t in other.subtree)
    dateline = dateline_end(sentence.text)
    in_dateline = frozenset(t.i for t in head.doc if t.idx < dateline) if dateline else frozenset()
    blocked = blocked | in_dateline
    for subj in args.subjects:
        if subj.i in in_dateline:
            continue
        if (subj.lower_ in PRONOUNS and subj.text != "US") or subj.lower_ in GENERIC_AGENTS and not named_modifier(subj):
            if draft.actor1 is None and draft.actor1_ref is None and subj.dep_ in ("nsubj", "pobj") \
                    and subj.lower_ not in ("i", "you", "we", "us", "this", "these", "those"):
                draft.actor1_ref = subj.text  # resolved against the article by the extract stage
            continue
        actor, names = agent_actor(subj, weapons)
        draft.weapons.extend(n for n in names if n not in draft.weapons)
        if actor and draft.actor1 is None:
            draft.actor1 = actor
            draft.evidence.append(f"actor1 from {subj.dep_} {subj.text!r}")
        elif actor and draft.actor2 is None and actor != draft.actor1 and subj.dep_ == "pobj" and subj.head.lower_ == "between":
            draft.actor2 = actor
        # "clashes between X and Y"
        for conj in subj.conjuncts:
            if draft.actor2 is None and conj.i > subj.i:
                other, _ = agent_actor(conj, weapons)
                if other and other != draft.actor1:
                    # "X and Y clashed" are the two sides; "X and Y advance", "X and Y attack Z", "between X and
                    # Y against Z" act together
                    against = any(c.lower_ == "against" for c in conj.children) or (
                        conj.right_edge.i + 1 < len(conj.doc) and conj.doc[conj.right_edge.i + 1].lower_ == "against")
                    if draft.sub_event_type in ("Armed clash", "Agreement") and not against and (
                            subj.dep_ == "pobj" or head.lemma_.lower() in _RECIPROCAL):
                        draft.actor2 = other
                    else:
                        draft.assoc_actor_1 = other
    for mod in args.modifiers:
        if mod.i in weapons:
            draft.weapons.append(weapons[mod.i].name) if weapons[mod.i].name not in draft.weapons else None
            if draft.actor1 is None and mod.dep_ == "poss" and mod.i not in in_dateline and platform_phrase(mod):
                draft.actor1 = platform_phrase(mod)  # "the Turkish warplanes' massacre": whose platform did it
                draft.evidence.append(f"actor1 from the platform owning the trigger {draft.actor1!r}")
            continue
        if draft.actor1 is None and mod.i not in in_dateline and (
            mod.ent_type_ in ("ORG", "NORP", "GPE") or mod.pos_ == "PROPN" or mod.lower_ in _SIDE_MODIFIERS  # "a coalition airstrike"
        ) and not (mod.ent_type_ == "GPE" and mod.i + 1 < len(mod.doc) and mod.nbor(1).lower_ in _SIDE_WORDS) \
                and not (mod.pos_ == "ADJ" and mod.i == mod.sent.start and mod.ent_type_ != "NORP"):
            # ("Fierce fighting raged ...": an adjective capitalised by the sentence start, tagged an organisation)
            # ("Syria rebel clashes": the country is where, the rebels who)
            draft.actor1 = modifier_phrase(mod)
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
        actor2, target, names = patient(obj, weapons)
        if weapon_objects:
            names = names + [weapons[t.i].name for t in obj.subtree if t.i in weapons]
            draft.weapons.extend(n for n in dict.fromkeys(names) if n not in draft.weapons)
        if target and target not in draft.targets:
            draft.targets.append(target)
        if actor2 and draft.sub_event_type == "Peaceful protest" and obj.dep_ == "pobj" and obj.head.lower_ != "against":
            actor2 = None  # "a walkout at the port of Mombasa": where a protest stood; only "against X" is its target
        if actor2 and draft.actor2 is None and actor2 != draft.actor1:
            draft.actor2 = actor2
            draft.evidence.append(f"actor2 from {obj.dep_} {obj.text!r}")
            actor2_from_facility = obj.lemma_.lower() in FACILITY_NOUNS | VEHICLE_NOUNS
        for conj in obj.conjuncts:
            if conj.i > obj.i:
                a2, t2, n2 = patient(conj, weapons)
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
        side = killed_side(head, args)
        if side and actor2_from_facility and side == "Civilians":
            side = None  # civilians killed in a strike on a group's base: the base's owner stays the target
        if side and not shares_owner(side, draft.actor1):
            draft.actor2 = side
            draft.evidence.append(f"actor2 from the side of those killed: {side!r}")
    if draft.sub_event_type in _NO_TARGET_TYPES and draft.actor2 is not None:
        # "suspending its operations against US forces": the group changes course, nobody is attacked
        draft.evidence.append(f"actor2 {draft.actor2!r} dropped: {draft.sub_event_type} has no target")
        draft.actor2 = None
    # weapons named inside the trigger ("drone strike") or as the means ("using aircraft", "with drones")
    for tok in means_tokens(args, head, draft):
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
        draft.places = approach_places(args, sentence)  # "shot down a drone approaching Erbil airport"
    if not draft.places and head.pos_ in ("NOUN", "PROPN") and head.i + 1 < len(head.doc):
        # "... and clashes in the countryside of Hama", the parser hanging "in ..." on an earlier noun: the
        # locative phrase right after a nominal trigger is its place
        nxt = head.doc[head.i + 1]
        if nxt.dep_ == "prep" and nxt.lower_ in ("in", "near", "at", "around", "outside") and nxt.i not in blocked:
            draft.places = [p for p in find_places(nxt, sentence) if p.span.start >= sentence.start + dateline]
    place_names = {p.text for p in draft.places}
    draft.targets = [t for t in draft.targets if t not in place_names]
    if draft.actor2 in place_names:
        draft.actor2 = None
    if draft.places:
        draft.evidence.append("places: " + ", ".join(f"{p.cue} {p.text}".strip() for p in draft.places))


def means_tokens(args: Args, head, draft: EventDraft) -> list:
    """Tokens that can name the weapon used: the trigger, the agent side, 'with X', 'using X'.
    Objects of 'destroyed' are targets, not means ("destroyed two artillery systems")."""
    doc = head.doc
    toks = [doc[i] for i in draft.token_indices]
    for t in [*args.subjects, *args.instruments, *args.modifiers]:
        toks.extend(t.subtree)
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "obj"):
        # "Russian warplanes resume their bombardment": the verb's subject did it
        toks.extend(t for c in head.head.children if c.dep_ == "nsubj" for t in c.subtree)
    root = args.event_root or head
    for t in [*clause_tokens(root), *(c for c in root.children if c.dep_ in ("advcl", "xcomp"))]:
        if t.lemma_.lower() == "use" and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("dobj", "obj"):
                    toks.extend(c.subtree)
        elif t.dep_ == "prep" and t.lower_ == "with" and pobj_of(t) is not None:
            toks.extend(pobj_of(t).subtree)
    return toks


def rule_requires_weapon(draft: EventDraft) -> bool:
    return draft.requires == "weapon_arg"
