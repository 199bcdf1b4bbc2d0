"""What makes a trigger no event, or an event told in passing: a noun modifier ("attack
helicopters"), a device that did not go off, talk about an event ("denied", "condemned"),
background (past perfect), references ("after the attack"), definite mentions, reported
speech, tallies and habits, and effects of another trigger ("a strike killed three").
"""

from __future__ import annotations

import re

from conflictwire.extraction.clause_edges import DASH, ELLIPSIS, edge
from conflictwire.extraction.events.arguments import COLLECTIVE_NOUNS, EFFECT_VERBS, Args
from conflictwire.extraction.events.draft import EventDraft
from conflictwire.extraction.events.lexicon import lexicon
from conflictwire.models import Sentence


TALLY_CUE = re.compile(
    r"\b(since(?!\s+(?:early\s+|this\s+|the\s+)?(?:morning|dawn|daybreak|noon|midday|afternoon|evening|midnight|last night"
    r"|yesterday|today|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)|so far|to date|this year|in total|a total of|over the (past|last)|in the (past|last)|per (day|week)"
    r"|every (day|week)|each (day|week)|dozens of|hundreds of|scores of|more than \d+ (attacks|strikes)|at least \d+ (attacks|strikes))\b",
    re.I,
)
# A monitor's daily count for the whole country ("84 were killed yesterday, including 18 soldiers, ... in
# shelling and air strikes"): every trigger in it is part of a tally, never one event.
DAILY_SUMMARY = re.compile(
    r"\b(?:were |people |persons )?killed yesterday,?\s+including\b|\bdeath toll of yesterday\b"
    # a running count of a campaign: "raise the number of citizens killed ... to 12 within the 27th day"
    r"|\brais(?:e|es|ed|ing)\b[^.;]{0,60}\b(?:number|death toll)\b[^.;]{0,140}\b(?:within the \d+(?:st|nd|rd|th) day"
    r"|since the (?:start|beginning)|in \d+ days)",
    re.I,
)
HABITUAL = re.compile(r"\b(still|often|regularly|routinely|usually|frequently|continue to|continues to|every)\b", re.I)
_ON_PROTEST = {"Protest with intervention", "Excessive force against protesters", "Violent demonstration"}
_REASON_PREPS = {"over", "for"}
_RIOTS = {"Violent demonstration", "Mob violence"}


def _clause_verb(tok):
    """The nearest verb at or above ``tok`` with a subject of its own: the clause it stands in."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _killing_of_its_own(killing: EventDraft, others: list[EventDraft], doc) -> bool:
    """A killing verb with a subject of its own, every other trigger in a clause conjoined to it that tells no toll
    ("Snipers of the faction kill a soldier west of X and the regime forces continue to shell Y"): an event of its
    own, no other event's toll."""
    head = doc[killing.head_i]
    if head.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in head.children):
        return False
    clauses = [_clause_verb(doc[o.head_i]) for o in others]
    # "..., skirmishes took their lives": a clause telling the toll tells this killing
    return all(v.i != head.i and v.lemma_.lower() not in EFFECT_VERBS | {"take"} and head in v.conjuncts for v in clauses)


def without_effects(drafts: list[EventDraft], doc) -> list[EventDraft]:
    """Role-typed killings are the toll of another trigger in the sentence ("a strike killed three
    civilians"), and a trigger inside the reason for an arrest is not an event ("detains two men over
    rocket fire")."""
    if len(drafts) < 2:
        return drafts
    killings = [d for d in drafts if d.requires in ("violence_victim", "fire_victims")]
    # "12 days after kidnapping him, gunmen killed ...": an event named as a reference point tells no toll
    # (nor does a purpose or a count that is no event of its own: "police opened fire to disperse demonstrators",
    # "... within the ongoing assassinations since the start of ...")
    others = [d for d in drafts if d.requires not in ("violence_victim", "fire_victims", "agent_class", "agent_named")
              and not (d.reference or d.hedge or d.tally)
              # a protest has no toll of its own: "police opened fire on residents protesting ..., killing one"
              # is the force used on it
              and not (d.sub_event_type == "Peaceful protest" and any(k.sub_event_type in _ON_PROTEST for k in killings))]
    if others:  # ("destroyed" beside another trigger is what that event did: "two strikes engaged ... and destroyed ...")
        kept = [d for d in drafts if d.requires not in ("violence_victim", "fire_victims", "agent_named")
                or d.requires == "violence_victim" and _killing_of_its_own(d, others, doc)]
    elif killings and all(k.actor1 is None for k in killings) and any(
            d.requires in ("agent_class", "agent_named") and d.sub_event_type in _RIOTS for d in drafts):
        # "rioters set fire to a police station; one policeman was killed": a killing told without its doer is the
        # riot's toll
        kept = [d for d in drafts if d.requires != "violence_victim"]
    elif killings:  # "gunmen killed two farmers and burned their crops": one attack
        kept = [d for d in drafts if d.requires not in ("agent_class", "agent_named")]
    else:
        kept = list(drafts)
    if any(d is not e and not e.reference for d in kept for e in kept):
        # "violent explosions rock X due to Israeli bombardment", "... along with clashes": the blasts heard
        # are another trigger's, never an explosion event of their own
        kept = [d for d in kept if not (doc[d.head_i].lemma_.lower() in ("explosion", "blast")
                                        and doc[d.head_i].head.lemma_.lower() in ("rock", "shake"))]
    if any(d.sub_event_type in _ON_PROTEST for d in kept):
        # "police arrested 30 protesters who had blocked a highway", "youths blocked roads and threw petrol bombs":
        # the protest is the one the other trigger types
        kept = [d for d in kept if d.sub_event_type != "Peaceful protest"]
    for stopped in [d for d in kept if d.sub_event_type == "Disrupted weapons use"]:
        # "Iron Dome intercepted most of the rockets fired from Gaza": the firing is what was stopped
        inside = {t.i for c in stopped_things(doc[stopped.head_i]) for t in c.subtree}
        kept = [d for d in kept if d is stopped or d.head_i not in inside]
    arrests = [d for d in kept if d.sub_event_type == "Arrests"]
    if arrests:  # "raided a house and detained three men": the raid is how the arrest was made, no clash
        kept = [d for d in kept if not ((d.default_clash or d.typed_by_default) and doc[d.head_i].lemma_.lower() in ("raid", "storm"))]
    for arrest in arrests:
        head = doc[arrest.head_i]
        reason = set()
        # "detains two men over rocket fire": the reason hangs on the verb or, as parsed, on the men
        for c in [*head.children, *(g for o in head.children if o.dep_ in ("dobj", "obj") for g in o.children)]:
            if c.dep_ == "prep" and c.lower_ in _REASON_PREPS:
                reason |= {t.i for t in c.subtree}
        kept = [d for d in kept if d is arrest or d.head_i not in reason]
    return kept


def stopped_things(head) -> list:
    """What an interception, seizure or defusal stopped: its objects, and the subject of a clause the parser
    hung on it ("intercepted [most of the rockets] fired from Gaza" read as a clause "most ... fired")."""
    things = [c for c in head.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for c in head.children:
        if c.dep_ in ("advcl", "ccomp") and c.i > head.i and not any(g.dep_ in ("dobj", "obj") for g in head.children):
            things += [c, *(g for g in c.children if g.dep_ == "nsubj")]
    return things


_ATTRIBUTION_LEMMAS = {"deny", "blame", "accuse", "condemn", "denounce", "attribute", "investigate", "point", "hold", "assess", "describe", "call"}


_PROTEST_LEMMAS = {"protest", "demonstrate", "rally", "march"}


def grievance_of(head):
    """'protested in Azaz against the shelling of Idlib', 'rallied over the killing': the protest verb whose
    grievance ``head`` is (told elsewhere, not an event of this sentence), else None."""
    gov = head.head
    if head.dep_ == "pobj" and gov.lower_ in ("against", "over") and gov.head.lemma_.lower() in _PROTEST_LEMMAS:
        return gov.head
    return gov if head.dep_ == "dobj" and gov.lemma_.lower() == "protest" and gov.pos_ == "VERB" else None


def under_attribution(head) -> bool:
    """'denied being behind the attack', 'condemned the strike': talk about an event told elsewhere."""
    if grievance_of(head) is not None:
        return True
    tok = head
    for _ in range(5):
        if tok.head.i == tok.i:
            return False
        if tok.head.lemma_.lower() == "hold" and tok.i == head.i and (
                tok.dep_ in ("dobj", "obj", "nsubjpass") or tok.dep_ == "nsubj" and tok.head.tag_ == "VBN"):
            return False  # "supporters held a rally", "Protest held in Karachi": the support verb, not "held X responsible"
        tok = tok.head
        if tok.lemma_.lower() in _ATTRIBUTION_LEMMAS:
            return True
    return False


DEVICE_TYPES = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
_FOUND_VERBS = {"find", "discover", "recover", "detect", "spot", "uncover", "locate"}
_DEVICE_VERBS = {"explode", "detonate", "go", "strike", "hit", "kill", "wound", "injure", "target", "blow", "rip",
                 "tear", "destroy", "damage", "claim", "leave", "cause", "attack", "ram", "set", "trigger"}


def is_modifier(head) -> bool:
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


def device_went_off(head) -> bool:
    """'a roadside bomb exploded/struck/killed', 'killed by a car bomb', 'a bombing in X', 'IED attack'."""
    if head.lemma_.lower() in ("bombing", "attack", "explosion", "blast"):
        return True
    gov = head.head
    if head.dep_ == "nsubjpass" and gov.lemma_.lower() == "destroy" and any(c.dep_ == "agent" for c in gov.children) \
            and any(c.dep_ == "acl" and c.lemma_.lower() in _FOUND_VERBS for c in head.children):
        return False  # "an IED found on the road was safely destroyed by CRPF personnel": disposed of, not gone off
    if head.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() in _DEVICE_VERBS:
        return True
    if head.dep_ == "nsubj" and gov.lemma_.lower() in lexicon().suicide_delivery_verbs \
            and any(t.lower_ == "suicide" for t in head.subtree):
        return True  # "a suicide attacker drove an explosives-laden truck into a checkpoint"
    if head.dep_ == "pobj" and gov.lower_ in ("by", "in") and gov.head.lemma_.lower() in _DEVICE_VERBS | {"die", "kill"}:
        return True
    return head.dep_ == "ROOT"  # a headline: "Roadside bomb in Tarmiyah"


def past_perfect(head, args: Args) -> bool:
    """'armed groups had killed more than 3,000 civilians since January': with a tally cue, a running total."""
    return any(verb is not None and verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
               for verb in (head, args.event_root))


def present_perfect(head, args: Args) -> bool:
    for verb in (head, args.event_root, head.head):
        if verb is not None and verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in verb.children
        ):
            return True
    return False


def collective(head) -> bool:
    """'a wave of air raids', 'a series of strikes': many events told as one."""
    gov = head.head
    return head.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lower_ in COLLECTIVE_NOUNS


def is_bare(head) -> bool:
    return not any(c.dep_ in ("det", "poss", "nummod") for c in head.children)


_JUDICIAL = {"sentence", "convict", "try", "charge", "jail", "imprison", "indict", "prosecute", "hang", "acquit",
             "trial", "verdict", "conviction", "sentencing"}


_SAYING = {"say", "announce", "report", "claim", "confirm", "state", "tell", "add"}


def is_background(head, args: Args, specific: bool = False) -> bool:
    """Past perfect ('had struck') marks an earlier event told in passing, unless it is what a source said
    ('the army said it had recaptured the town': the report itself, for a trigger that states its sub-type)."""
    for verb in (head, args.event_root):
        if verb is None:
            continue
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children) and not (
                specific and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAYING and verb.head.tag_ == "VBD"
                and verb.head.dep_ == "ROOT"):
            return True
    return False


def long_ago(head, args: Args) -> bool:
    """'Ten years ago, militants stormed a school and killed ...': history recalled, never an event; so is an event
    named by its year ('the 2014 massacre', 'last year's air strikes')."""
    if head.pos_ in ("NOUN", "PROPN") and any(_names_a_year(c) for c in head.children):
        return True
    for verb in (head, args.event_root):
        top = verb
        while top is not None and top.dep_ == "conj" and top.head.i != top.i:
            top = top.head  # both verbs of the clause
        if top is not None and any(t.lower_ == "ago" and any(u.lemma_.lower() in _LONG_AGO for u in t.subtree)
                                   for t in top.children):
            return True
    return False


_LONG_AGO = {"year", "decade", "century"}
_YEAR = re.compile(r"(?:19|20)\d\d")


def _names_a_year(tok) -> bool:
    """A modifier that names a year: "2014" in "the 2014 massacre", "last year's" in "last year's air strikes"."""
    if tok.dep_ in ("nummod", "compound", "amod", "nmod") and _YEAR.fullmatch(tok.text):
        return True
    return tok.dep_ == "poss" and tok.lemma_.lower() == "year" and any(
        c.lower_ in ("last", "previous", "past") for c in tok.children)


def tried_in_court(head) -> bool:
    """The deed a court tries ('sentenced three men to death for their role in the bombing of a market'):
    an earlier event told in passing, whatever date it carries."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    tok, crossed = head, False
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "over"):
            crossed = True
        tok = tok.head
        if crossed and tok.lemma_.lower() in _JUDICIAL:
            return True
    return False


_REFERENCE_PREPS = {"after", "before", "since", "following", "prior", "despite", "amid"}
# "Three demonstrators were killed after security forces opened fire", "dozens suffered breathing difficulties
# after a chlorine attack": the harm told in the main clause is what the "after" event did, so that event is
# the one reported (not "two days after the attack", nor "after the attack, forces arrested ...").
_HARMED = {"kill", "wound", "injure", "die", "hurt", "suffer", "treat", "hospitalise", "hospitalize", "martyr"}
_UNDERGONE = {"die", "suffer"}


def _told_cause(prep) -> bool:
    if prep.lower_ != "after" or any(c.dep_ in ("npadvmod", "advmod") for c in prep.children):
        return False  # "two days after", "shortly after", "soon after": a time line, not the cause
    main = prep.head.head if prep.dep_ == "mark" else prep.head  # "killed after [forces opened fire]" / "after [an attack]"
    if main.pos_ not in ("VERB", "AUX") or main.lemma_.lower() not in _HARMED:
        return False
    # the harm is told without its own doer ("were killed after ...", "suffered ... after"), not "X kills 3 after ..."
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in main.children) or main.lemma_.lower() in _UNDERGONE:
        return True
    # a headline's bare participle: "37 killed in Idlib after a massacre", "Five civilians killed after ..."
    subj = next((c for c in main.children if c.dep_ == "nsubj"), None)
    if main.dep_ == "acl" and main.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in main.children):
        return True  # "37/ROOT killed/acl in Idlib after a massacre"
    return main.dep_ == "ROOT" and main.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "dobj") for c in main.children) \
        and (subj is None or subj.pos_ == "NUM" or any(c.dep_ == "nummod" for c in subj.children))


_REFERENCE_NOUNS = {"response", "retaliation", "reaction", "revenge", "reprisal", "anniversary", "wake", "aftermath"}


def is_reference(head) -> bool:
    """'two days after the drone attack', 'after a drone attack killed ...', 'in response to the strike'."""
    tok = head
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in _REFERENCE_PREPS for c in tok.children):
            mark = next(c for c in tok.children if c.dep_ == "mark" and c.lower_ in _REFERENCE_PREPS)
            if _lead_cut_off(mark, head):
                return False
            return not _told_cause(mark)
        if tok.head.i == tok.i:
            return False
        parent = tok.head
        if parent.lower_ in _REFERENCE_PREPS and parent.dep_ in ("prep", "mark") and tok.dep_ in ("pobj", "pcomp", "nsubj"):
            return not _told_cause(parent)
        if parent.lower_ in ("to", "for", "of") and parent.dep_ == "prep" and parent.head.lemma_.lower() in _REFERENCE_NOUNS:
            return True
        if tok.dep_ in ("ccomp", "relcl", "parataxis", "conj") or tok.dep_ == "ROOT":
            return False
        tok = parent
    return False


_LEAD_EDGE = re.compile(edge(ELLIPSIS, DASH))


def _lead_cut_off(mark, head) -> bool:
    """A headline's lead ends at its ellipsis or dash ("Hours after the strikes…clashes continue between X and
    Y"): a trigger after that edge is the headline's news, whatever the parse hung on the lead's "after"."""
    return mark.i < head.i and _LEAD_EDGE.search(mark.doc.text, mark.idx, head.idx) is not None


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


def in_reported_speech(root) -> bool:
    """May a date outside the event clause date the event?  Yes when the clause hangs under
    a saying or announcing verb ('officials said on Friday the strikes killed 16', 'announced on
    Sunday the targeting of ...'); no when it is a conjunct ('was founded in 2007 and fought ...')."""
    # only a conjoined event verb is cut off from its neighbour's date
    return not (root.dep_ == "conj" and root.pos_ in ("VERB", "AUX") and root.head.pos_ in ("VERB", "AUX"))


def is_definite(head) -> bool:
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


def count_of(head) -> int | None:
    for c in head.children:
        if c.dep_ == "nummod":
            text = c.text.replace(",", "")
            if text.isdigit():
                return int(text)
            words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
            return words.get(c.lower_, 2)
    return None
