"""A trigger's arguments read from the parse: subjects (agent side), objects (patient side),
modifiers of a nominal trigger, instruments ("with drones") and the clause that holds the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflictwire.extraction.events.lexicon import lexicon
from conflictwire.extraction.syntax import (
    PRONOUNS,
    doc_text,
    is_headline,
    is_time,
    past_dateline,
    pobj_of,
    resolve_relative,
)


TARGET_PREPS = {"on", "against", "at", "targeting", "toward", "towards", "upon"}
_SAY_VERBS = {"say", "announce", "declare", "state", "confirm", "claim", "add", "report"}
EFFECT_VERBS = {"kill", "injure", "wound", "destroy", "damage", "hit", "target", "strike", "engage", "leave", "claim", "cause",
                "rock", "shake", "tear", "rip"}  # "an explosion tore through a market"
# Of those, the verbs whose object is what was attacked (the others take victims or tolls).
_TARGETING_VERBS = {"destroy", "damage", "hit", "target", "strike", "engage", "rock", "shake"}  # "an explosion rocked the town"
_HARM_VERBS = {"kill", "wound", "injure", "shoot", "execute", "abduct", "kidnap"}
_PERPETRATE_VERBS = {"carry", "commit", "perpetrate", "conduct", "launch", "execute", "stage", "mount"}


@dataclass
class Args:
    subjects: list = field(default_factory=list)  # agent side
    objects: list = field(default_factory=list)  # patient side
    modifiers: list = field(default_factory=list)  # actor-like modifiers of a nominal trigger
    instruments: list = field(default_factory=list)  # "with drones"
    event_root: object = None  # the token whose clause holds the event's places


def _subject_of(verb):
    """nsubj of a verb; a conjoined verb without one inherits its neighbour's; relatives resolved."""
    for _ in range(3):
        subj = past_dateline(next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None))
        if subj is not None and subj.lower_ in ("it", "they", "we") and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAY_VERBS:
            # "X announced it was suspending its attacks", "X said they had targeted the base"
            outer = past_dateline(next((c for c in verb.head.children if c.dep_ == "nsubj"), None))
            if outer is not None and outer.lower_ not in PRONOUNS:
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


# "a wave of air raids", "a series of strikes", "a second round of strikes": many events told as one noun
COLLECTIVE_NOUNS = frozenset({"wave", "series", "spate", "string", "round", "rounds", "campaign", "dozens", "scores",
                              "hundreds"})


def collect_args(head, trigger_ids: set[int], all_trigger_ids: frozenset[int] = frozenset()) -> Args:
    args = Args(event_root=head)
    kids = list(head.children)
    if head.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        if head.dep_ == "ROOT" and (head.tag_ == "VBN" or head.tag_ == "VBD" and is_headline(doc_text(head.doc))
                                       and re.search(r"(ed|shot|struck|hit|downed|taken|seized)$", head.lower_)) \
                and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in kids) \
                and head.lemma_.lower() not in lexicon().intransitive_verbs:
            # a headline's bare participle ("Houthi missile intercepted over Red Sea"): the subject is the patient
            subj = next((c for c in kids if c.dep_ == "nsubj"), None)
            if subj is not None:
                passive = True
                args.objects.append(subj)
        if head.dep_ in ("nsubj", "csubj") and head.tag_ == "VBG" and head.head.pos_ in ("VERB", "AUX"):
            args.event_root = head.head  # "Russian shelling kills three in Kherson": the clause of "kills"
        for c in kids:
            if c.dep_ == "agent" and pobj_of(c) is not None:
                args.subjects.append(pobj_of(c))
            elif c.dep_ == "nsubjpass":
                args.objects.append(resolve_relative(c))
            elif c.dep_ in ("dobj", "obj", "attr") and c.i not in trigger_ids:
                args.objects.append(c)
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS and pobj_of(c) is not None:
                args.objects.append(pobj_of(c))
            elif c.dep_ == "prep" and c.lower_ == "with" and pobj_of(c) is not None:
                args.instruments.append(pobj_of(c))
            elif c.dep_ == "prep" and c.lower_ == "between" and pobj_of(c) is not None:
                args.subjects.append(pobj_of(c))
            elif c.dep_ == "prep" and c.lower_ == "by" and head.tag_ == "VBG" and pobj_of(c) is not None:
                args.subjects.append(pobj_of(c))  # "casualties in shelling by the regime forces"
        if not any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in kids):
            # "intercepted and destroyed an explosive-laden boat", "snipers shot and injured a child": two verbs
            # joined before their one object share it
            args.objects += [g for c in kids if c.dep_ == "conj" and c.pos_ == "VERB" and c.i == min(t.i for t in c.subtree)
                             for g in c.children if g.dep_ in ("dobj", "obj")]
        if head.lemma_.lower() in _HARM_VERBS and not any(c.dep_ in ("dobj", "obj") for c in kids):
            # "militants killed five people collecting truffles": the parse makes the victims the subject of
            # the participle that says what they were doing
            args.objects += [g for c in kids if c.dep_ in ("advcl", "ccomp", "acl", "xcomp") and c.tag_ == "VBG"
                             for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN", "NUM")]
        if not passive and head.dep_ == "acl" and head.tag_ == "VBD" and head.head.pos_ in ("NOUN", "PROPN") \
                and any(c.dep_ in ("dobj", "obj") for c in kids):
            args.subjects.append(head.head)  # "22 explosive barrels targeted Khan al-Shekh": a past tense hung on its subject
        if not passive:
            subj = _subject_of(head)
            if subj is None and head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN") \
                    and head.lemma_.lower() in lexicon().intransitive_verbs:
                subj = head.head  # "Graduates/ROOT protested/acl in front of ...": a headline read as a noun phrase
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
        elif c.dep_ == "prep" and pobj_of(c) is not None:
            p = c.lower_
            if p == "by":
                args.subjects.append(pobj_of(c))
            elif p in TARGET_PREPS:
                args.objects.append(pobj_of(c))
            elif p == "with":
                args.instruments.append(pobj_of(c))
            elif p == "between":
                args.subjects.append(pobj_of(c))
            elif p == "of" and head.lemma_.lower() in ("suspension", "interception", "exchange", "targeting", "bombing", "shelling", "detonation",
                                                      "end", "resumption", "halt", "abduction", "kidnapping", "looting",
                                                      "fall", "execution"):
                args.objects.append(pobj_of(c))
        elif c.dep_ == "acl" and c.lemma_.lower() == "target":
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is not None:
                args.objects.append(obj)
        elif c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _PERPETRATE_VERBS:
            # "a massacre carried out by warplanes", "an attack committed by gunmen": the agent is the actor
            for g in c.children:
                if g.dep_ == "agent" and pobj_of(g) is not None:
                    args.subjects.append(pobj_of(g))
    gov = head.head
    if head.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lower_ in COLLECTIVE_NOUNS and gov.head.dep_ in ("dobj", "obj"):
        # "carried out a second round of joint strikes": the verb of the round is the strikes' own
        head, gov = gov.head, gov.head.head
    if gov.i != head.i and gov.pos_ in ("VERB", "AUX"):
        if head.dep_ in ("dobj", "obj") and gov.lemma_.lower() in lexicon().support_verbs | {"carry", "claim"}:
            subj = _subject_of(gov)
            if subj is not None:
                args.subjects.append(subj)
            for c in gov.children:
                if c.dep_ == "prep" and c.lower_ in TARGET_PREPS and pobj_of(c) is not None:
                    args.objects.append(pobj_of(c))
                elif c.dep_ == "prep" and c.lower_ == "with" and pobj_of(c) is not None:
                    args.instruments.append(pobj_of(c))
            args.event_root = gov
        elif head.dep_ in ("dobj", "obj") and gov.lemma_.lower() in ("announce", "declare") \
                and head.lemma_.lower() in ("suspension", "end", "resumption", "halt", "dissolution", "merger"):
            subj = _subject_of(gov)  # "Kataib Hezbollah announces suspension of attacks": who changes its activity
            if subj is not None:
                args.subjects.append(subj)
        elif head.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() in EFFECT_VERBS:
            for c in gov.children if gov.lemma_.lower() in _TARGETING_VERBS else ():
                if c.dep_ in ("dobj", "obj"):
                    args.objects.append(c)
                elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS and pobj_of(c) is not None:
                    args.objects.append(pobj_of(c))
            args.event_root = gov
        elif head.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() not in _SAY_VERBS:
            args.event_root = gov  # "a suicide bomber blew himself up at a checkpoint in Mogadishu"
            for c in gov.children:  # "Heavy fighting erupts between army and RSF"
                if c.dep_ == "prep" and c.lower_ == "between" and pobj_of(c) is not None:
                    args.subjects.append(pobj_of(c))
    elif gov.i != head.i and gov.dep_ == "prep" and gov.lower_ in ("in", "during") and gov.head.pos_ == "VERB":
        # "16 people were killed in the strike": the clause of the effect verb
        args.event_root = gov.head
        verb = gov.head
        if verb.lemma_.lower() in EFFECT_VERBS and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            # "Jordanian troops killed four smugglers in a clash": the killers fought the clash
            subj = _subject_of(verb)
            if subj is not None:
                args.subjects.append(subj)
    return _without_time(args, all_trigger_ids)


def _without_time(args: Args, trigger_ids: frozenset[int] = frozenset()) -> Args:
    """'on Friday' is not a target, and another trigger ('a drone attack targeted ...') is not an actor."""
    args.objects = [t for t in args.objects if t is not None and not is_time(t)]
    args.subjects = [t for t in args.subjects if t is not None and not is_time(t) and t.i not in trigger_ids]
    return args
