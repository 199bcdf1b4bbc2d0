"""The sub-event type: from the weapon named (``refine_type``), from who acted on whom
(``resolve_typed`` for role-typed triggers, ``retype_by_roles`` for any), and the classes of
agents and victims those read.
"""

from __future__ import annotations

import re

from conflictwire.extraction.events.arguments import TARGET_PREPS, Args
from conflictwire.extraction.events.draft import EventDraft
from conflictwire.extraction.events.lexicon import TriggerRule, lexicon
from conflictwire.extraction.events.roles import means_tokens
from conflictwire.extraction.events.triggers import weapon_matches
from conflictwire.extraction.syntax import PRONOUNS, doc_text, pobj_of
from conflictwire.models import EventMention


TYPED_NEEDS = {"violence_victim", "fire_victims", "captive_obj", "territory_obj", "territory_taken", "base_obj", "agent_class", "agent_named",
               "protest_obj"}
# Things whose owner is the one shot at: "opened fire on the vehicle of a commander", "the house of a judge".
_OWNED_THINGS = {"vehicle", "car", "truck", "house", "home", "motorcycle", "convoy", "office", "shop", "tent", "bus"}


def words_of(tok) -> set[str]:
    """The head word and its lemma, plus the head of an "of" phrase ("hundreds of protesters")."""
    out = {tok.lower_, tok.lemma_.lower()}
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and pobj_of(c) is not None and tok.lower_ in ("hundreds", "thousands", "dozens", "scores", "tens", "group", "crowd", "number"):
            out |= {pobj_of(c).lower_, pobj_of(c).lemma_.lower()}
    return out


def agent_class(subjects) -> str | None:
    """Who acts: 'rioters' (protesters), 'mob', 'state' (army, police, "Iraqi forces"), 'armed'
    (gunmen, militants, a named armed group), or None when unknown."""
    lex = lexicon()
    for subj in subjects:
        if subj is None or subj.lower_ in PRONOUNS:
            continue
        words = words_of(subj)
        if words & lex.rioter_words:
            return "rioters"
        if words & lex.mob_words:
            return "mob"
        mods = {c.lower_ for c in subj.children if c.dep_ in ("compound", "amod")}
        if words & lex.state_words and _named_non_state_army(subj):
            return "armed"  # "the Arakan Army", "the Kachin Independence Army": a group's name, not a state's army
        if words & lex.state_words and not (mods & {"rebel", "opposition", "tribal", "militia", "armed"}):
            if words & {"forces", "security"} and not any(
                c.ent_type_ in ("NORP", "GPE") or c.lower_ in lex.state_words or c.lower_ in ("government", "state", "federal")
                for c in subj.children
            ) and subj.ent_type_ not in ("NORP", "GPE"):
                return "armed"  # "Kurdish-led forces", "Rapid Support Forces": not clearly the state's
            return "state"
        if words & lex.armed_words or words & {"group", "groups"} or (
                words & {"member", "members", "elements"} and (mods & lex.armed_words or _named_group_modifier(subj))):
            return "armed"
        if subj.ent_type_ == "ORG" or (subj.pos_ == "PROPN" and subj.ent_type_ not in ("GPE", "PERSON", "LOC", "FAC", "DATE")):
            return "armed"
    return None


def _named_group_modifier(subj) -> bool:
    """'ISIS members', 'Hezbollah elements': members named by a group's name (a name or an acronym), not 'family members'."""
    return any(c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "NORP") or (c.text.isupper() and len(c.text) > 1))
               for c in subj.children)


def _named_non_state_army(subj) -> bool:
    """An "Army" whose proper name says it is a movement ("the Kachin Independence Army", "Free Syrian Army",
    "Karen National Liberation Army"); a country's or people's army ("the Somali National Army", "the Pakistan
    Army") is the state's."""
    if subj.lower_ != "army" or subj.pos_ != "PROPN":
        return False
    names = [c for c in subj.children if c.dep_ in ("compound", "amod", "poss") and c.pos_ == "PROPN"]
    names += [g for c in names for g in c.children if g.dep_ in ("compound", "amod", "poss") and g.pos_ == "PROPN"]
    return any(c.lower_ in _MOVEMENT_NAME_WORDS for c in names)


_MOVEMENT_NAME_WORDS = {"free", "liberation", "independence", "resistance", "revolutionary", "salvation", "patriotic",
                        "islamic"}


def _person_only(rule: TriggerRule, head) -> bool:
    """A verb whose object can only be a person (``person_only_verbs``), or "shot <someone> dead"."""
    return rule.words in lexicon().person_only_verbs or (
        head.lemma_.lower() == "shoot" and any(t.lower_ == "dead" and t.i > head.i for t in head.subtree))


def _agentless_killing(head) -> bool:
    """A passive or headline participle of a killing verb with no agent ("... were killed", "... killed in X")."""
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in ("kill", "shoot", "gun"):
        return False
    if head.lemma_.lower() != "kill" and not any(t.lower_ in ("dead", "down") for t in head.subtree if t.i > head.i):
        return False  # "four policemen were shot dead", "gunned down": a killing; "shot and wounded" is none
    if any(c.dep_ == "agent" for c in head.children):
        return False
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children) or head.dep_ in ("acl", "ROOT") and head.tag_ == "VBN"


def _victim_tokens(head, args: Args) -> list:
    victims = list(args.objects)
    if head.pos_ in ("VERB", "AUX"):  # "opened fire on a march": the target, even when it is a trigger word itself
        victims += [pobj_of(c) for c in head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS and pobj_of(c) is not None
                    and words_of(pobj_of(c)) & lexicon().protest_target_words]
    for obj in [c for c in head.children if c.dep_ in ("dobj", "obj")]:  # "open fire on protesters"
        victims += [pobj_of(p) for p in obj.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS]
    for c in head.children:  # "open fire on a wedding party, killing three civilians"
        if c.dep_ in ("advcl", "conj") and c.lemma_.lower() in ("kill", "wound", "injure"):
            victims += [g for g in c.children if g.dep_ in ("dobj", "obj")]
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() == "disperse":  # "opened fire to disperse demonstrators"
            victims += [g for g in c.children if g.dep_ in ("dobj", "obj")]
    for v in [v for v in victims if v is not None and v.lemma_.lower() in _OWNED_THINGS]:
        victims += [pobj_of(p) for p in v.children if p.dep_ == "prep" and p.lower_ == "of"]
    return [v for v in victims if v is not None]


def _victim_class(victims) -> str | None:
    lex = lexicon()
    for v in victims:
        words = words_of(v) | {c.lower_ for c in v.children if c.dep_ in ("compound", "amod")}
        if words & lex.protest_target_words or _protesting(v):
            return "protesters"
        if words & lex.military_victims and any(c.dep_ in ("amod", "compound") and c.lower_ in lex.civilian_status_mods
                                                for c in v.children):
            return "person"  # "a former police officer", "a retired soldier": no longer a combatant
        if words & lex.military_victims:
            return "military"
        of = [pobj_of(c) for c in v.children if c.dep_ == "prep" and c.lower_ == "of"]
        if words & {"member", "members", "elements"} and any(
                o is not None and (o.ent_type_ == "ORG" or o.lower_ in lex.military_words or agent_class([o]) in ("state", "armed"))
                for o in of):
            return "military"  # "three members of the SDF"
        if (v.lower_ in ("member", "members", "elements") and not of
                and not any(c.dep_ in ("compound", "amod") for c in v.children)):
            return "military"  # "the Coalition kills 20 members": members of the group fought, not of a family
        if words & (lex.civilian_words | lex.captive_words):
            return "civilians"
        if words & lex.person_words or v.ent_type_ == "PERSON" or v.pos_ == "NUM":
            return "person"
    if any(words_of(v) & lex.civilian_sites for v in victims):
        return "site"  # only when no person is named among the victims
    return None


_WHERE_PREPS = {"at", "in", "near", "on"}


def _object_tokens(head, args: Args) -> list:
    objs = list(args.objects)
    holders = [head, *(c for c in head.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("control", "fire"))]
    for holder in holders:  # "regains control of X", "hand over the town to ...", "took control of X", "set fire to X"
        for c in holder.children:
            if c.dep_ == "prep" and (c.lower_ in ("of", "to", "over") or c.lower_ == "on" and holder.i != head.i
                                     or c.lower_ in ("down", "up") and c.i == holder.i + 1) \
                    and pobj_of(c) is not None:
                objs.append(pobj_of(c))
    return [o for o in objs if o is not None]


def _is_territory(tok) -> bool:
    if tok.lower_ in PRONOUNS:
        return False
    if tok.lemma_.lower() in lexicon().territory_words or tok.lower_ in lexicon().territory_words:
        return True  # whatever a Title Case headline's tagger made of it ("Retook Hill In ...": a PERSON)
    if tok.ent_type_ in ("PERSON", "NORP", "DATE", "TIME", "CARDINAL"):
        return False
    # the small model tags many Syrian and Sahel towns a product or a work of art ("Manbij"): names all the same
    return tok.pos_ == "PROPN" and (tok.ent_type_ in ("GPE", "LOC", "FAC", "", "PRODUCT", "WORK_OF_ART"))


def resolve_typed(rule: TriggerRule, head, args: Args) -> str | None:
    """The sub-type a role-typed trigger takes from who did what to whom, or None for no event."""
    lex = lexicon()
    need = rule.requires
    agent = agent_class(args.subjects)
    if need == "violence_victim":
        victims = _victim_tokens(head, args)
        if not victims and head.dep_ == "acl" and head.tag_ == "VBN":
            victims = [head.head]  # "Seven fighters killed in X": the noun the participle hangs on
        victim = _victim_class(victims)
        if victim is None and _person_only(rule, head) and any(
                v.pos_ in ("NOUN", "PROPN") and v.lower_ not in PRONOUNS for v in victims):
            victim = "person"  # "gunmen shot dead a school headmaster": whoever is shot dead is a person
        if agent == "mob" and victims:
            return "Mob violence"  # "villagers beat two suspected kidnappers to death"
        if victim == "protesters" and agent in ("state", None) and args.subjects:
            return "Excessive force against protesters"
        if rule.sub_event_type == "Mob violence":
            return None  # "beat", "lynch" only for mobs
        if victim == "civilians" and agent in ("armed", "state"):
            return "Attack"
        if victim == "site" and agent == "armed" and rule.sub_event_type == "Attack":
            return "Attack"  # "armed bandits attacked the village of X"
        if victim == "military" and agent in ("armed", "state"):
            return "Armed clash"  # "gunmen killed two soldiers", "troops killed 12 rebels": fighters fell fighting
        if victim == "person" and agent in ("armed", "state") and rule.sub_event_type == "Attack":
            return "Attack"  # "gunmen shot dead a driver": a person not named as a fighter
        if victim in ("civilians", "person") and agent is None and not args.subjects and rule.sub_event_type == "Attack" \
                and head.lemma_.lower() != "kill" and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
            return "Attack"  # "A lawyer was gunned down in front of his office": shot or stabbed by someone unnamed
        if victim == "military" and agent is None and not args.subjects and _agentless_killing(head):
            # "Seven Iranian fighters killed in Syria": fighters fall in fighting, whoever fought them
            return "Armed clash"
        return None
    if need == "fire_victims":
        # "two civilians were wounded by sniper fire", "a soldier was killed by gunfire": who fell to the fire
        prep = head.head if head.dep_ == "pobj" else None
        verb = prep.head if prep is not None and prep.lower_ in ("by", "in", "from") else None
        if verb is None or verb.lemma_.lower() not in ("kill", "wound", "injure", "hurt", "die"):
            return None
        victim = _victim_class([c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")])
        return {"civilians": "Attack", "person": "Attack", "military": "Armed clash"}.get(victim)
    if need == "captive_obj":
        for obj in _object_tokens(head, args):
            words = words_of(obj) | {c.lower_ for c in obj.children if c.dep_ in ("compound", "amod")}
            if words & (lex.captive_words | lex.civilian_words | lex.person_words) or obj.ent_type_ == "PERSON" \
                    or obj.lower_ in ("him", "her", "them") or (
                        rule.words in lex.person_only_verbs and obj.pos_ in ("NOUN", "PROPN") and obj.dep_ in ("dobj", "obj", "nsubjpass")) \
                    or (rule.words in (("execute",), ("behead",)) and obj.pos_ == "NUM" and obj.dep_ in ("dobj", "obj")
                        and not any(c.dep_ == "prep" and c.lower_ == "of" and pobj_of(c) is not None
                                    and pobj_of(c).lower_ in PRONOUNS for c in obj.children)):
                # ("al-Fateh army executes 5 in Idlib": a count executed is people)
                if rule.words in (("seize",), ("grab",)) and agent == "state":
                    return "Arrests"  # "police seized two suspects"
                return rule.sub_event_type
        return None
    if need == "territory_taken" and (head.dep_ not in ("ROOT", "conj") or any(
            c.dep_ in ("nsubjpass", "auxpass") for c in head.children)):
        return None  # "areas controlled by the factions", "the forces that control X": a state, not a gain
    if need in ("territory_obj", "territory_taken"):
        # what was taken, not where: "seized a shipment at the port" takes no port
        control = any(c.lemma_.lower() == "control" for c in head.children)  # "took control on X": X was taken
        taken = [o for o in _object_tokens(head, args)
                 if not (o.dep_ == "pobj" and o.head.lower_ in _WHERE_PREPS and not (control and o.head.lower_ == "on"))]
        if not any(_is_territory(o) for o in taken):
            return None
        if rule.words == ("take",) and agent not in ("armed", "state"):
            return None  # "took the road", "took the town" by nobody named: no fighting force
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
    if need == "agent_named":
        # a weak verb ("destroyed") needs its agent named by a word (militants, a mob, rioters), never by a bare
        # capitalised name: "Near Sinjar, two strikes destroyed ..." parses the town as the subject
        named = [s for s in args.subjects if s is not None and words_of(s) & (lex.armed_words | lex.mob_words | lex.rioter_words)]
        if not named:
            return None
        need = "agent_class"
    if need == "agent_class":
        if not any(o.lower_ not in PRONOUNS and o.lower_ not in ("himself", "herself", "themselves") and o.lemma_.lower() != "fire"
                   for o in _object_tokens(head, args)) \
                and head.pos_ in ("VERB", "AUX"):
            return None  # "blew himself up", "looted": nothing named was destroyed
        return dict(rule.by_agent).get(agent) if agent else None
    if need == "protest_obj":
        # "Police baton-charged workers who were protesting": the parser makes the verb a modifier of its object
        misread = [head.head] if head.dep_ == "amod" and head.tag_ in ("VBD", "VBN") else []
        for obj in _object_tokens(head, args) + misread:
            if words_of(obj) & lex.protest_target_words or _protesting(obj) \
                    or obj.doc[obj.left_edge.i : obj.i + 1].text.lower().endswith(("sit-in", "sit in")) \
                    or obj.lemma_.lower() == "gathering" and any(  # "broke up a gathering of pensioners", not "of soldiers"
                        c.dep_ == "prep" and c.lower_ == "of" and pobj_of(c) is not None
                        and words_of(pobj_of(c)) & lex.crowd_words and not words_of(pobj_of(c)) & lex.military_victims
                        for c in obj.children):
                return rule.sub_event_type
        return None
    return rule.sub_event_type


def retype_by_roles(draft: EventDraft, head, args: Args) -> None:
    """Who fought whom can change the type a trigger or weapon gave: forces arresting or shooting at
    protesters act on a protest; protesters clashing with police riot; a bare "attack" that kills
    civilians is an attack on civilians, not a battle."""
    lex = lexicon()
    victims = _victim_tokens(head, args)
    if head.dep_ in ("nsubj",) and head.head.lemma_.lower() in ("kill", "wound", "injure"):
        victims += [c for c in head.head.children if c.dep_ in ("dobj", "obj")]
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "during") and head.head.head.lemma_.lower() in ("kill", "wound", "injure"):
        # "killed 22 villagers in an attack on X", "two people were killed in an attack on a church"
        verb = head.head.head  # "two people were killed and several wounded in ...": the conjoined verb's patients too
        patients = [c for v in (verb, *([verb.head] if verb.dep_ == "conj" else [])) for c in v.children
                    if c.dep_ == "nsubjpass"]
        # a passive's bare "people" are civilians only beside a civilian place attacked ("... in an attack on a church");
        # in monitors' reports they are as often fighters ("20 people are killed in the attack of jihadists on X")
        if not any(words_of(o) & lex.civilian_sites for o in args.objects):
            patients = [p for p in patients if not words_of(p) & {"people", "person", "persons"}]
        if head.lemma_.lower() == "raid":
            patients = []  # "19 civilians were killed during a raid on X": monitors' raids are as often from the air
        victims += [c for c in verb.children if c.dep_ in ("dobj", "obj")] + patients
    if head.pos_ in ("VERB", "AUX"):  # "police killed three people when they shot at villagers protesting"
        victims += [pobj_of(p) for c in head.children if c.dep_ == "advcl" and c.lemma_.lower() in ("shoot", "fire")
                    for p in c.children if p.dep_ == "prep" and p.lower_ in ("at", "on", "into") and pobj_of(p) is not None]
    on_protest = any(words_of(v) & lex.protest_target_words or _protesting(v) for v in victims)
    new = None
    if on_protest and draft.sub_event_type == "Arrests":
        new = "Protest with intervention"
    elif on_protest and draft.sub_event_type in ("Armed clash", "Attack") and agent_class(args.subjects) in ("state", None):
        new = "Excessive force against protesters"
    elif draft.sub_event_type == "Armed clash" and agent_class(args.subjects) == "rioters":
        new = "Violent demonstration"
    elif draft.sub_event_type == "Armed clash" and draft.requires == "agent_class" and agent_class(args.subjects) == "armed" \
            and _victim_class(victims) == "civilians":
        new = "Attack"  # "bandits stormed the village, killing 14 residents": armed men on civilians"
    elif (draft.default_clash or draft.sub_event_type == "Armed clash" and not draft.specific and "firearm" in draft.weapons
          and draft.requires in ("military", "weapon_arg")) \
            and _victim_class(victims) == "civilians":
        new = "Attack"  # "gunmen attacked a bus carrying pilgrims, killing eight passengers": one side armed
    if new and new != draft.sub_event_type:
        draft.sub_event_type = new
        draft.default_clash = False
        draft.retyped = True
        draft.evidence.append(f"retyped by its roles -> {new}")


def _protesting(tok) -> bool:
    """"villagers protesting peacefully", "students who were demonstrating": people described as protesting."""
    return any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in ("protest", "demonstrate", "march", "rally")
               for c in tok.children)


def _air_raid(head) -> bool:
    """Monitors' "raids" are air raids when the sentence names aircraft or air strikes ("warplanes' raids",
    "airstrikes and raids") or the raid is an air power's ("Russian raids on X"); a raid on a house stays."""
    lex = lexicon()
    if any(t.lower_ in lex.air_raid_cues for t in head.sent):
        return True
    holders = [head, *([head.head.head] if head.dep_ == "pobj" and head.head.lower_ in ("in", "during") else [])]
    if any(c.dep_ in ("prep", "agent") and c.lower_ == "by" and any(t.lower_ in lex.air_raid_by_agent for t in c.subtree)
           for h in holders for c in h.children):
        return True  # "raids by Syrian air on the eastern Ghouta", "killed in raids by Syrian air"
    before = head.doc[head.i - 1] if head.i > head.sent.start else None  # "Russian raids" parsed as a verb
    return before is not None and before.lower_ in lex.air_raid_by or any(
        c.dep_ in ("amod", "compound", "poss", "nmod") and c.lower_ in lex.air_raid_by for c in head.children)


def refine_type(draft: EventDraft, rule: TriggerRule, head, args: Args, weapons, trigger_ids) -> None:
    lex = lexicon()
    cats = set()
    means = means_tokens(args, head, draft)
    if rule.requires in ("weapon_arg", "munition_obj"):  # "fired rockets", "dropped chlorine bombs": the object is the means
        means += [t for o in args.objects for t in o.subtree]
    # "their vehicle hit a landmine", "struck a roadside bomb": a mine hit is the explosion
    means += [o for o in args.objects if o.i in weapons and weapons[o.i].category == "ied" and o.dep_ in ("dobj", "obj")]
    for tok in means:
        if tok.i in weapons:
            cats.add(weapons[tok.i].category)
    if rule.sub_event_type == "Grenade" and cats & {"bomb", "incendiary"} == {"bomb"}:
        cats.discard("bomb")  # "threw an explosive at a bar": a thrown bomb is a grenade attack
    for cat in lex.category_order:
        if cat in cats:
            new = lex.category_type[cat]
            if new != draft.sub_event_type:
                draft.evidence.append(f"type refined by weapon ({cat}) -> {new}")
            draft.sub_event_type = new
            return
    if rule.words == ("raid",) and _air_raid(head):
        draft.sub_event_type = "Air/drone strike"
        draft.evidence.append("a raid with air cues (knowledge/weapons.yaml air_raid_cues) -> Air/drone strike")
        return
    draft.typed_by_default = True
    draft.default_clash = draft.sub_event_type == "Armed clash"
    draft.evidence.append("no weapon named: type is the trigger's default")


_NON_STATE_INTERS = (2, 3, 4)  # rebels, political and identity militias (ACLED inter codes)


def arrests_by_taker(mention: EventMention) -> None:
    """ACLED: arrests by a non-state armed group are abductions ("IS militants detained five young men"),
    unless the group holds a territory as its authority (``knowledge/triggers.yaml`` arrest_authorities: the SDF,
    the Houthis); state forces arrest.  Read after the actors stage, from actor1's registry inter code."""
    if mention.sub_event_type != "Arrests" or not mention.actor1_known or mention.inter1 not in _NON_STATE_INTERS:
        return
    if mention.actor1 in lexicon().arrest_authorities:
        return
    mention.evidence.append(f"type 'Arrests' -> 'Abduction/forced disappearance': detained by {mention.actor1}, "
                            "a non-state group")
    mention.sub_event_type = "Abduction/forced disappearance"


# what a chemical agent is delivered by: "barrel bombs containing chlorine", "warplanes target X with toxic gas"
_DELIVERY_TYPES = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"}
_EARLIER = re.compile(r"\b(?:after|since|anniversary|years?|months?|pretext|fear|accus\w*|alleg\w*|suspected|investigat\w*)\W+(?:\w+\W+){0,3}$", re.I)


def chemical_by_agent(drafts: list[EventDraft], doc, start: int) -> None:
    """A strike, shelling or bomb whose own clause names a chemical agent it carried is a chemical attack
    (ACLED's Chemical weapon, whatever delivered it): "barrel bombs containing chlorine gas", "warplanes
    target X with poisonous gas".  Not an agent named in another event's phrase, nor one told as the past
    or a suspicion ("two years after the chemical massacre", "under the pretext of a chemical strike").
    ``start``: the sentence's article offset."""
    agents = [t for i, term in weapon_matches(doc).items() if term.category == "chemical" for t in (doc[i],)]
    if not agents:
        return
    for draft in drafts:
        if draft.sub_event_type not in _DELIVERY_TYPES or draft.hedge or draft.tally:
            continue
        lo, hi = draft.clause_span
        if len([d for d in drafts if not (d.hedge or d.tally)]) == 1:
            lo, hi = start, start + len(doc_text(doc))  # the sentence's one event: "barrel bombs by helicopters contain chlorine"
        own = [t for t in agents if lo <= start + t.idx < hi and not _EARLIER.search(doc_text(doc)[:t.idx])
               and not any(o is not draft and o.own_span[0] <= start + t.idx < o.own_span[1] for o in drafts)]
        if own:
            draft.evidence.append(f"type {draft.sub_event_type!r} -> 'Chemical weapon': carried {own[0].text!r}")
            draft.sub_event_type = "Chemical weapon"
