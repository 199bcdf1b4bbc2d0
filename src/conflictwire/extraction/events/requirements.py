"""The corroboration a trigger rule ``requires`` before it counts: "intercepted" needs a weapon,
"agreed" a ceasefire-like object, "arrested" a person, "strike" a military argument, ...
"""

from __future__ import annotations

import re

from conflictwire.extraction.events.arguments import EFFECT_VERBS, Args
from conflictwire.extraction.events.lexicon import TriggerRule, lexicon
from conflictwire.extraction.events.places import place_name_bounds
from conflictwire.extraction.events.filters import stopped_things
from conflictwire.extraction.events.subtypes import TYPED_NEEDS, agent_class, resolve_typed, words_of
from conflictwire.extraction.syntax import clause_tokens, pobj_of


_HARM_LEMMAS = {"kill", "wound", "injure", "die", "hurt"}
_VIOLENCE_ON_BODY = re.compile(r"gunshot|bullet|shot in the|execut|tortur|behead|slaughter|stab|mutilat|handcuff|blindfold"
                               r"|signs of (?:violence|torture)|throat", re.I)
FIRING = {"aircraft", "drone", "rocket", "missile", "mortar", "artillery"}  # weapons that fire on a target
_PLATFORMS = {"aircraft", "drone"}  # what carries a munition


def _munition(term) -> bool:
    """A munition, not its carrier (barrel bombs are typed "aircraft", by who drops them, yet fall)."""
    return term.category not in _PLATFORMS or term.name == "barrel bomb"
_SWAPPED = {"prisoner", "hostage", "detainee", "captive", "body", "remains", "corpse"}
_DEALS = {"deal", "agreement", "accord", "truce", "ceasefire", "understanding", "settlement", "arrangement"}
_RAGING = {"rage", "erupt", "continue", "intensify", "resume", "escalate", "flare"}
_HOLDING_VERBS = {"hold", "stage", "organise", "organize"}
_JOINING_VERBS = {"take", "join", "attend", "participate", "swell"}
_PLACE_OBJECTS = {"countryside", "outskirts", "vicinity", "town", "village", "city", "neighborhood", "neighbourhood",
                  "neighborhoods", "neighbourhoods", "areas", "area", "mountains", "villages", "towns", "district", "suburbs"}


def _is_place_object(tok) -> bool:
    return tok.lower_ in _PLACE_OBJECTS or tok.ent_type_ in ("GPE", "LOC") or (
        tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "ORG", "NORP"))


def _arg_tokens(args: Args, head) -> list:
    toks = []
    for t in [*args.subjects, *args.objects, *args.instruments, *args.modifiers]:
        if t is not None:
            toks.extend(t.subtree)
    return toks


def _fired_by_subject(args: Args, weapons) -> bool:
    """The killing's subject is a weapon that fires on a target (aircraft, drone, rocket, missile, mortar, artillery)."""
    return any(t.i in weapons and weapons[t.i].category in FIRING for s in args.subjects if s is not None for t in s.subtree)


def requirement_met(rule: TriggerRule, head, args: Args, weapons, trigger_ids) -> bool:
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
        return passive_site or requirement_met(
            TriggerRule(rule.words, rule.pos, rule.sub_event_type, rule.refine, "weapon_arg", rule.specific, rule.priority),
            head, args, weapons, trigger_ids,
        )
    if need == "munition_arg":  # "shells fell on X", "two rockets landed near the base"; "a drone fell" is a crash
        return any(t.i in weapons and _munition(weapons[t.i]) for t in arg_toks) \
            or any(i in weapons and _munition(weapons[i]) for i in trigger_ids - {head.i})
    if need == "weapon_arg":
        if rule.sub_event_type == "Disrupted weapons use":
            arg_toks = arg_toks + [t for c in stopped_things(head) for t in c.subtree]
        return any(t.i in weapons for t in arg_toks) or any(i in weapons for i in trigger_ids - {head.i})
    if need == "armed_party":  # "the armed group X announced its dissolution", "a commander defected with 40 fighters"
        if agent_class(args.subjects) in ("armed", "state"):
            return True
        need = "military"
    if need == "military":
        if any(t.i in weapons for t in clause_tokens(args.event_root or head)):
            return True
        if any(t.lower_ in lex.military_words or t.ent_type_ in ("ORG", "NORP") for t in arg_toks):
            return True
        if head.pos_ == "NOUN" and head.dep_ == "nsubj" and head.head.lemma_.lower() in _RAGING:
            # "Fighting raged for a second day between the army and paramilitaries"
            if any(t.lower_ in lex.military_words for t in head.head.subtree):
                return True
        if head.dep_ in ("dobj", "obj") and head.pos_ in ("NOUN", "PROPN"):
            # "warplanes continue their strikes on X", "the army launched raids": the verb's subject acts
            subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and any(t.i in weapons or t.lower_ in lex.military_words for t in subj.subtree):
                return True
        gov = args.event_root
        if gov is not None and gov.i != head.i and gov.lemma_.lower() in lex.support_verbs | {"carry"} \
                and any(t.ent_type_ == "GPE" and t.dep_ == "nsubj" for t in args.subjects):
            return True  # "Turkey carried out two strikes in Duhok province": a state's strikes
        if head.dep_ == "pobj" and head.head.lower_ in ("by", "in") and (
                head.head.head.lemma_.lower() in _HARM_LEMMAS
                or head.head.head.lower_ in ("casualties", "casualty") and rule.sub_event_type == "Remote explosive/landmine/IED"
                and (head.head.head.dep_ == "ROOT" or head.head.head.dep_ == "nsubj" and head.head.head.head.dep_ == "ROOT")):
            return True  # "12 killed by an explosion in Afrin", "two wounded in a blast", "casualties in the explosion"
        if head.dep_ == "pobj" and head.head.lower_ in ("in", "during") and head.head.head.pos_ in ("NOUN", "PROPN") \
                and words_of(head.head.head) & lex.military_victims and head.head.head.head.lemma_.lower() in _HARM_LEMMAS:
            return True  # "troops killed 12 rebels in fighting near X": the phrase parsed onto the victims
        return gov is not None and gov.i != head.i and gov.lemma_.lower() in EFFECT_VERBS
    if need == "activity_obj":
        return any(t.lemma_.lower() in lex.activity_words or t.lower_ in lex.activity_words for t in args.objects if t is not None)
    if need == "fire_obj":  # "heavy gunfire was exchanged between the army and insurgents"
        return any(o is not None and o.lemma_.lower() in ("fire", "gunfire", "shot", "bullet", "blow") for o in args.objects)
    if need == "swap_obj":  # "exchanged 800 prisoners", never "exchanged views on the ceasefire"
        return any(o is not None and o.lemma_.lower() in _SWAPPED for o in args.objects)
    if need == "deal_obj":  # "reached a deal to open humanitarian corridors", "concluded a truce", never "reached the town"
        if not any(o is not None and o.lemma_.lower() in _DEALS for o in args.objects):
            return False
        need = "agreement_obj"
    if need == "agreement_obj":
        cands = list(args.objects)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon") and pobj_of(c) is not None:
                cands.append(pobj_of(c))
            if c.dep_ == "xcomp" and c.lemma_.lower() in ("exchange", "withdraw", "release", "cease", "halt", "stop", "swap"):
                return True
            if c.dep_ in ("advcl", "xcomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                cands += [g for g in c.children if g.dep_ in ("dobj", "obj")]  # "reached a deal to open humanitarian corridors"
        return any(
            t.lemma_.lower() in lex.agreement_words or t.lower_ in lex.agreement_words
            for c in cands for t in c.subtree
        )
    if need == "place_from":
        frm = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")]
        if any(pobj_of(c) is not None and place_name_bounds(pobj_of(c)) is not None for c in frm):
            return True
        return any(t.lower_ in lex.withdraw_subjects for t in args.subjects if t is not None)
    if need == "person_obj":
        for t in args.objects:
            if t is None:
                continue
            # anyone who can be a victim or a captive can be arrested ("arrested the mayor", "a logistics supplier")
            if words_of(t) & (lex.person_words | lex.armed_words | lex.civilian_words | lex.captive_words) \
                    or t.ent_type_ in ("PERSON", "NORP", "ORG"):
                return True
            if t.lower_ in ("him", "her", "them"):
                return True
            if any(c.dep_ == "amod" and c.lower_ in ("suspected", "alleged", "wanted") for c in t.children):
                return True  # "apprehended a suspected Boko Haram logistics supplier": a suspect is a person
        return False
    if need == "armed_on_civilians":
        # "Suspected Islamic State gunmen killed three shepherds": armed agent, civilian victims
        armed = any(t.lower_ in lex.armed_words for t in args.subjects if t is not None)
        victims = any(t.lower_ in lex.civilian_words or t.lemma_.lower() in lex.civilian_words
                      for t in args.objects if t is not None)
        return armed and victims
    if need == "crowd":
        # the subject itself or its "of" phrase: "Hundreds of supporters of the PMF rallied"
        subjects = list(args.subjects)
        if head.pos_ in ("NOUN", "PROPN"):  # "Thousands took part in a rally", "students joined the march"
            gov = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "in" else head.head if head.dep_ in ("dobj", "obj") else None
            if gov is not None and gov.lemma_.lower() == "part" and gov.dep_ in ("dobj", "obj"):
                gov = gov.head
            if gov is not None and gov.lemma_.lower() in _JOINING_VERBS:
                subjects += [c for c in gov.children if c.dep_ == "nsubj"]
            if head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in _HOLDING_VERBS and any(
                    c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS") for c in head.head.children):
                return True  # "retired soldiers held a demonstration outside parliament": whoever holds one protests
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubjpass", "nsubj") and head.head.lemma_.lower() in _HOLDING_VERBS \
                and (head.dep_ == "nsubjpass" or head.head.tag_ == "VBN"):
            return True  # "Protest held in Karachi against load shedding", "a sit-in was staged outside the ministry"
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT" and any(
                c.dep_ == "prep" and c.lower_ in ("in", "at", "outside", "near") and pobj_of(c) is not None
                and pobj_of(c).pos_ == "PROPN" for c in head.children):
            return True  # a headline's own news: "Protest in Suwayda demanding the release of detainees"
        for subj in subjects:
            words = [subj] + [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" and pobj_of(c) is not None
                              for g in [pobj_of(c)]]
            if any(w.lower_ in lex.crowd_words or w.lemma_.lower() in lex.crowd_words for w in words):
                return True
            if subj.tag_ in ("NNS", "NNPS") and (subj.ent_type_ == "NORP" or any(c.dep_ == "nummod" for c in subj.children)):
                return True  # "Up to 100 ethnic Albanians demonstrated", "Kurds protested": people counted or named by origin
        return False
    if need == "crowd_protesting":
        # a crowd that gathered to protest, demand or denounce something
        purpose = any(c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in lex.protest_purposes for c in head.children) \
            or any(t.dep_ == "acl" and t.tag_ == "VBG" and t.lemma_.lower() in lex.protest_purposes for t in head.subtree)
        # ("gathered outside the governor's office chanting slogans": the participle hung on the place)
        return purpose and requirement_met(
            TriggerRule(rule.words, rule.pos, rule.sub_event_type, rule.refine, "crowd", rule.specific, rule.priority),
            head, args, weapons, trigger_ids)
    if need == "defused_by_forces":
        return any(words_of(s) & lex.state_words for s in args.subjects if s is not None) and requirement_met(
            TriggerRule(rule.words, rule.pos, rule.sub_event_type, rule.refine, "defused_obj", rule.specific, rule.priority),
            head, args, weapons, trigger_ids)
    if need == "defused_obj":
        if _fired_by_subject(args, weapons):
            return False  # "coalition aircraft destroyed a weapons depot": a strike
        things = []  # the object itself, its modifiers and conjuncts, "a cache of weapons" -- not "evidence of ... use"
        for o in args.objects:
            if o is None or any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in o.children):
                continue
            for x in [o, *o.conjuncts]:
                things += [x, *(c for c in x.children if c.dep_ in ("compound", "amod", "nmod"))]
                things += [pobj_of(c) for c in x.children if c.dep_ == "prep" and c.lower_ == "of" and pobj_of(c) is not None]
        return any(t.i in weapons and weapons[t.i].category not in ("aircraft", "drone", "riot_control") for t in things)
    if need == "firing_subject":
        # "coalition aircraft destroyed 14 tanks": what the platform or gun fired at; never "missile launches
        # levelled off" (a particle: a trend, not a blow)
        return not any(c.dep_ == "prt" for c in head.children) and _fired_by_subject(args, weapons)
    if need == "violent_body":
        # "the body of a man was found with gunshot wounds": a killing found, its killers unknown
        own = " ".join(t.text for t in head.subtree
                       if not any(a.dep_ in ("conj", "cc", "parataxis") and a.head.i == head.i for a in [t, *t.ancestors]))
        return any(o is not None and o.lemma_.lower() in ("body", "corpse") for o in args.objects) \
            and _VIOLENCE_ON_BODY.search(own) is not None  # in its own clause: "... and it is not true they were executed"
    if need == "reflexive_obj":  # "two girls blew themselves up at a market"
        return any(o is not None and o.lower_ in ("himself", "herself", "themselves") for o in args.objects) or any(
            c.lower_ in ("himself", "herself", "themselves") for c in head.children)
    if need == "chemical_arg":
        return any(t.i in weapons and weapons[t.i].category == "chemical" for t in arg_toks)
    if need == "riot_control_arg":  # "police used tear gas to break up the rally"
        return any(t.i in weapons and weapons[t.i].category == "riot_control" for t in arg_toks)
    if need == "subject_or_object":
        return bool(args.subjects or args.objects)
    if need == "armed_on_place":
        # "Rebels target Mahrda town", "the regime forces target the outskirts of X": armed men or forces
        # aiming at a place (monitors' shorthand for shelling it)
        armed = agent_class(args.subjects) in ("armed", "state") or any(
            t.lower_ in lex.military_words for s in args.subjects if s is not None for t in [s])
        return armed and any(_is_place_object(t) for o in args.objects if o is not None for t in [o, *o.conjuncts])
    if need == "armed_advance":
        # "Regime forces advance in Der Kheba town", "IS advances over rebels in northern Aleppo"
        return agent_class(args.subjects) in ("armed", "state") and any(
            c.dep_ == "prep" and c.lower_ in ("in", "into", "over", "toward", "towards", "around", "on", "near")
            and pobj_of(c) is not None for c in head.children)
    if need == "munition_obj":
        # "Barrel bombs dropped by regime helicopters killed 10": a participle parsed as the main verb with
        # its "by" agent; what was dropped is then its subject
        dropped = [*args.objects, *(args.subjects if any(c.dep_ == "agent" for c in head.children) else [])]
        return any(t.i in weapons and weapons[t.i].category not in ("aircraft", "drone", "arms") or
                   t.i in weapons and weapons[t.i].name == "barrel bomb"
                   for o in dropped if o is not None for t in o.subtree)
    if need == "prison_from":
        return any(c.dep_ == "prep" and c.lower_ in ("from", "of") and pobj_of(c) is not None
                   and pobj_of(c).lemma_.lower() in lex.prison_words for c in head.children)
    if need == "coup_act":
        return _coup_carried_out(head, args, lex)
    if need == "troops_moved":
        return _troops_moved(head, args, lex)
    if need == "curfew_obj":
        return any(t.lemma_.lower() in lex.curfew_words for o in args.objects if o is not None for t in o.subtree)
    if need == "disposal_clear":  # "sappers cleared landmines from the road": only by who disposes of weapons
        return any(words_of(s) & lex.disposal_agents for s in args.subjects if s is not None) \
            and requirement_met(TriggerRule(rule.words, rule.pos, rule.sub_event_type, rule.refine, "disposal", rule.specific,
                                            rule.priority), head, args, weapons, trigger_ids)
    if need == "disposal":
        # "bomb disposal experts safely detonated an unexploded mortar shell", "sappers destroyed a mine": a weapon
        # got rid of by people who do not fire it
        objs = [t for o in args.objects if o is not None for t in o.subtree]
        if not any(t.i in weapons and weapons[t.i].category not in ("aircraft", "drone", "riot_control") for t in objs):
            return False
        agents = any(words_of(s) & lex.disposal_agents for s in args.subjects if s is not None)
        cues = any(t.lower_ in lex.disposal_cues for t in [*objs, *(c for c in head.children if c.dep_ == "advmod")])
        return (agents or cues) and not _fired_by_subject(args, weapons)
    if need == "air_defence":
        # "Saudi air defences destroyed an explosive-laden drone": what was fired, stopped
        defences = any(words_of(s) & lex.air_defence_words for s in args.subjects if s is not None)
        return defences and any(t.i in weapons and weapons[t.i].category in FIRING for o in args.objects if o is not None
                                for t in o.subtree)
    if need == "released_in_swap":
        # "released 20 detainees under a swap deal", "freed 50 prisoners in an exchange"; never a release alone
        if not any(o is not None and (o.lemma_.lower() in _SWAPPED or words_of(o) & (
                lex.person_words | lex.captive_words | lex.military_victims | lex.civilian_words)) for o in args.objects):
            return False
        return any(c.dep_ == "prep" and c.lower_ in ("under", "in", "as", "within") and any(
            t.lemma_.lower() in lex.swap_words for t in c.subtree) for c in head.children)
    if need == "crowd_fight":
        # "supporters of rival parties fought with sticks and machetes": a crowd, nobody armed or in uniform
        crowd = any(words_of(s) & (lex.crowd_words | lex.mob_words) or any(
            c.dep_ == "prep" and c.lower_ == "of" and pobj_of(c) is not None
            and words_of(pobj_of(c)) & (lex.crowd_words | lex.mob_words) for c in s.children)
            for s in args.subjects if s is not None)
        sides = [*args.subjects, *args.objects, *args.instruments]
        armed = any(words_of(t) & (lex.armed_words | lex.state_words | lex.military_victims) or t.ent_type_ == "ORG"
                    for t in sides if t is not None)
        return crowd and not armed
    if need == "violence_victim" and _fired_by_subject(args, weapons):
        return False  # "Warplanes kill 7 people", "regime shelling killed two civilians": the weapon's type (kill/weapon_arg)
    if need in TYPED_NEEDS:
        return resolve_typed(rule, head, args) is not None
    return True


_COUP_VERBS = {"stage", "launch", "carry", "mount", "lead"}  # "officers staged a coup"
_OUSTING = {"oust", "overthrow", "topple", "depose", "remove", "seize", "take", "grab"}  # "ousted in a coup"
_DESTINATION = {"to", "into", "in", "toward", "towards", "on", "near", "around", "across", "along"}


def _coup_carried_out(head, args: Args, lex) -> bool:
    """A coup made: "officers staged a coup", "the president was ousted in a coup", "a coup toppled the
    government"; soldiers ousting a ruler ("the army overthrew President X").  Never "coup plotters" or "the coup
    government" (a modifier), nor a politician ousted by a vote (no coup, no soldiers)."""
    if head.pos_ in ("NOUN", "PROPN"):
        gov = head.head
        if head.dep_ in ("dobj", "obj") and gov.lemma_.lower() in _COUP_VERBS:
            return True
        if head.dep_ == "pobj" and gov.lower_ == "in" and gov.head.lemma_.lower() in _OUSTING:
            return True
        return head.dep_ == "nsubj" and gov.lemma_.lower() in _OUSTING
    ousted = [t for o in args.objects if o is not None for t in [o, *o.children] if t.dep_ != "prep"]
    if not any(words_of(t) & lex.ruler_words for t in ousted):
        return False
    return any(words_of(s) & lex.coup_agents or s.lower_ == "coup" for s in args.subjects if s is not None)


def troop_destinations(head) -> list:
    """The prepositions of where a deployment goes ("to the town of Atarib in Idlib", "in the city of Manbij")."""
    holders = [head, *(c for c in head.children if c.dep_ in ("dobj", "nsubjpass"))]
    if head.pos_ in ("NOUN", "PROPN"):
        holders.append(head.head)
    return [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in _DESTINATION and pobj_of(c) is not None]


def _troops_moved(head, args: Args, lex) -> bool:
    """Forces moved to a place: "deployed hundreds of troops to X", "troops were deployed in X", "sent
    reinforcements to the fronts of X", "reinforcements arrived in X".  Never aid or a letter sent, nor a
    deployment without a destination ("the deployment of troops is being discussed")."""
    def troops(tok) -> bool:
        return tok is not None and bool(words_of(tok) & lex.troop_words)

    if head.pos_ in ("NOUN", "PROPN"):  # "reinforcements arrived in X" (sent ones are the verb's)
        verb = head.head
        return head.dep_ == "nsubj" and verb.lemma_.lower() in ("arrive", "reach", "enter") and any(
            c.dep_ == "prep" and c.lower_ in _DESTINATION and pobj_of(c) is not None for c in verb.children) \
            or head.dep_ == "dobj" and verb.lemma_.lower() in ("send", "dispatch", "deploy", "bring", "rush") and any(
            c.dep_ == "prep" and c.lower_ in _DESTINATION and pobj_of(c) is not None for c in [*verb.children, *head.children])
    if head.dep_ in ("pcomp", "xcomp", "csubj", "relcl") or head.dep_ == "acl" and head.tag_ != "VBN":
        return False  # "an appeal for deploying troops", "agreed to send troops", "areas where forces are deployed"
    if any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "am") for c in head.children):
        return False  # "troops are deployed along the border": where they stand, not a move
    moved = [*args.objects, *(c for c in head.children if c.dep_ == "nsubjpass")]
    if not any(troops(t) for t in moved):
        return False
    return any(c.dep_ == "prep" and c.lower_ in _DESTINATION and pobj_of(c) is not None
               for t in [head, *(m for m in moved if m is not None)] for c in t.children)
