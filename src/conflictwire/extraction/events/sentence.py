"""The main entry: ``find_event_drafts`` reads one parsed sentence into event drafts, calling
the triggers, arguments, requirements, roles, typing and filter rooms in turn.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictwire.extraction import hedging
from conflictwire.extraction.events.arguments import collect_args
from conflictwire.extraction.events.draft import EventDraft, draft_for, merge_related, places_by_clause
from conflictwire.extraction.events.lexicon import lexicon
from conflictwire.extraction.events.filters import (
    DAILY_SUMMARY,
    DEVICE_TYPES,
    HABITUAL,
    TALLY_CUE,
    collective,
    count_of,
    device_went_off,
    in_reported_speech,
    is_background,
    is_bare,
    is_definite,
    is_modifier,
    is_reference,
    long_ago,
    past_perfect,
    present_perfect,
    tried_in_court,
    under_attribution,
    without_effects,
)
from conflictwire.extraction.events.places import is_country_name, places_of
from conflictwire.extraction.events.requirements import requirement_met, troop_destinations
from conflictwire.extraction.events.roles import fill_roles
from conflictwire.extraction.events.subtypes import TYPED_NEEDS, refine_type, resolve_typed, retype_by_roles
from conflictwire.extraction.events.triggers import head_token, match_trigger_options, weapon_matches
from conflictwire.extraction.syntax import CONTENT_KEY, is_headline, pobj_of
from conflictwire.models import Sentence


def find_event_drafts(sentence: Sentence) -> list[EventDraft]:
    """Event drafts stated in one parsed sentence (empty when it has no parse)."""
    doc = sentence.doc
    if doc is None:
        return []
    _repair_nominal_aux(doc)
    _repair_shot_dead(doc)
    weapons = weapon_matches(doc)
    sentence_hedge = hedging.sentence_hedge(sentence.text)
    since_marks = [t for t in doc if t.lower_ == "since" and t.dep_ == "mark"]
    duration = _DURATION.search(sentence.text)  # "warplanes have pounded Idlib for a week": a campaign, not one event
    # a document's first line without closing punctuation is its headline, however long (monitors' are 30-40 words)
    headline = is_headline(sentence.text) or (sentence.index == 0 and sentence.text.rstrip()[-1:] not in ".!?\"'”’)")
    drafts: list[EventDraft] = []
    options = match_trigger_options(doc)
    matches = [(toks, rules[0]) for toks, rules in options]
    all_ids = frozenset(t.i for toks, _rule in matches for t in toks)
    for toks, rules in options:
        head = head_token(toks)
        trigger_ids = {t.i for t in toks}
        args = collect_args(head, trigger_ids, all_ids)
        rule = next((r for r in rules if requirement_met(r, head, args, weapons, trigger_ids)), None)
        if rule is None:
            continue
        if head.pos_ in ("NOUN", "PROPN") and is_modifier(head):
            continue  # "attack helicopters", "IED facilities", "strike assessments"
        if rule.sub_event_type in DEVICE_TYPES and rule.requires is None and not device_went_off(head):
            continue  # "destroyed an IED", "the use of IEDs": a weapon, not an explosion
        draft = draft_for(rule, head, trigger_ids, sentence)
        if rule.requires in TYPED_NEEDS:
            typed = resolve_typed(rule, head, args)
            if typed and typed != rule.sub_event_type:
                draft.sub_event_type = typed
                draft.evidence.append(f"typed by its agent and patient -> {typed}")
        fill_roles(draft, head, args, weapons, sentence, [head_token(t) for t, _r in matches])
        if rule.requires == "crowd" and draft.actor1 is None:
            draft.actor1 = "Protesters"  # ACLED names a crowd by its role; the actors stage adds the country
            draft.evidence.append("actor1: a crowd of protesters")
        if rule.requires == "troops_moved":  # "Damascus, Tehran send reinforcements to X": X, not the senders
            where = [p for prep in troop_destinations(head) for p in places_of(pobj_of(prep), prep.lower_, sentence)]
            if where:
                draft.places = where
                draft.evidence.append("places: where the forces went")
        if rule.sub_event_type == "Change to group/activity" and rule.requires == "armed_party":
            draft.places = [p for p in draft.places if p.cue != "into"]  # "merge into al-Sham Corps": a group, no place
        if rule.refine:
            refine_type(draft, rule, head, args, weapons, trigger_ids)
        retype_by_roles(draft, head, args)
        draft.hedge = sentence_hedge or hedging.trigger_hedge(head)
        if draft.hedge and draft.hedge.startswith("modal") and rule.sub_event_type == "Change to group/activity" \
                and rule.requires != "troops_moved":  # "troops will be deployed, the ministry said": a plan
            if head.dep_ == "ccomp" and head.head.lemma_.lower() in {"announce", "declare", "say", "state"}:
                draft.hedge = None  # "X announced it would suspend attacks": the announcement is the event
                draft.evidence.append("announced change of activity")
        if not draft.hedge and tried_in_court(head):
            draft.hedge = "a deed tried in court: background"
        if not draft.hedge and long_ago(head, args):
            draft.hedge = "years ago: history recalled"
        draft.under_attribution = under_attribution(head)
        draft.background = is_background(head, args, rule.specific)
        draft.definite = is_definite(head)
        draft.reference = is_reference(head)
        draft.reported = in_reported_speech(args.event_root or head)
        clause_root = args.event_root or head
        if clause_root.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "while") for c in clause_root.children):
            clause_root = clause_root.head  # "... were killed late on Monday when militants attacked ...": same time
        lo_i = min(t.i for t in clause_root.subtree)
        hi_i = max(t.i for t in clause_root.subtree)
        shared = clause_root
        while shared.dep_ == "conj" and shared.pos_ in ("VERB", "AUX") and shared.head.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in shared.children):
            shared = shared.head  # "On 9 August, forces launched an operation and detained a man": the date is both verbs'
        if shared is not clause_root and shared.i in all_ids and shared.left_edge.i < clause_root.left_edge.i:
            # the first verb is itself a trigger of the deed ("gunmen stormed a church during Sunday mass and
            # killed 40 worshippers"): its whole clause dates both
            draft.lead_span = (sentence.start + shared.left_edge.idx, sentence.start + clause_root.left_edge.idx)
        elif shared is not clause_root and shared.left_edge.i < shared.i:
            # what stands before the first verb dates both ("founded in 2007 and fought ...": not what follows it)
            draft.lead_span = (sentence.start + shared.left_edge.idx, sentence.start + shared.idx)
        draft.clause_span = (sentence.start + doc[lo_i].idx, sentence.start + doc[hi_i].idx + len(doc[hi_i].text))
        lo_i, hi_i = min(t.i for t in head.subtree), max(t.i for t in head.subtree)
        draft.own_span = (sentence.start + doc[lo_i].idx, sentence.start + doc[hi_i].idx + len(doc[hi_i].text))
        if head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS") and head.head.tag_ in ("VBP", "VBZ") \
                and head.dep_ in ("dobj", "nsubj") and not (headline and not HABITUAL.search(sentence.text)) \
                and not (head.dep_ == "nsubj" and head.head.lemma_.lower() in _UNDER_WAY and not HABITUAL.search(sentence.text)):
            draft.tally = True  # "small cells still carry out attacks": habitual present
            draft.evidence.append("plural trigger with a present-tense verb: habitual")
        number = count_of(head)
        plural = head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS")
        tally_cue = _tally_cue(sentence.text, head, since_marks)
        if (tally_cue or duration) and (present_perfect(head, args) or duration and present_perfect(head.sent.root, args)
                                        or tally_cue and _RUNNING.match(tally_cue.group(0)) and past_perfect(head, args)):
            draft.tally = True  # "have launched dozens of drone and rocket attacks since mid-October"
            draft.evidence.append(f"present perfect with tally cue {(tally_cue or duration).group(0)!r}")
        elif plural and tally_cue and (number is None or number > 1) and counts_trigger(tally_cue, head):
            draft.tally = True
            draft.evidence.append(f"tally cue {tally_cue.group(0)!r}")
        elif DAILY_SUMMARY.search(sentence.text):
            draft.tally = True
            draft.evidence.append("a daily country-wide count: a tally")
        elif plural and present_perfect(head, args):
            draft.tally = True  # "nations which have conducted strikes", "the airstrikes have destroyed 967 ..."
            draft.evidence.append("plural trigger in the present perfect: a running total")
        elif plural and draft.places and all(is_country_name(p.text) for p in draft.places) and (
            (number and number >= 2) or collective(head)
        ):
            draft.tally = True  # "34 strikes in Syria and Iraq": a daily summary broken down elsewhere
            draft.evidence.append("count or wave of strikes over whole countries: a summary")
        elif plural and not draft.places and is_bare(head) and not draft.actor1 and not (headline and headline_news(head)) \
                and not _killed_a_count(head):
            draft.generic = True  # "the execution of airstrikes", "supports the SDF through airstrikes"
        drafts.append(draft)
    merged = merge_related(without_effects(drafts, doc), doc)
    places_by_clause(merged, doc)
    for draft in merged:
        if draft.generic and not draft.places and not draft.actor1:
            draft.tally = True  # still nothing to anchor it after merging: a generic mention
            draft.evidence.append("bare plural without place or actor: generic mention")
    return merged


# Cues of a period counted up to now: with a past perfect ("had killed 3,000 civilians since January"), a running total
_RUNNING = re.compile(r"since|so far|to date|this year|in total|a total of|over the|in the (?:past|last)", re.I)


def _tally_cue(text: str, head, since_marks: list):
    """The first tally cue of the sentence for the trigger at ``head``; "since" opening the trigger's own clause ("has
    been missing since masked men bundled him into a van") tells when, not a running count."""
    own = {m.idx for m in since_marks if m.head.i in (head.i, head.head.i)}
    return next((m for m in TALLY_CUE.finditer(text) if m.start() not in own), None)


_REAL_AUX = {"be", "have", "do", "get", "keep", "go", "will", "would", "shall", "should", "can", "could", "may", "might",
             "must", "need", "ought", "dare", "use"}


def _repair_nominal_aux(doc) -> None:
    """"Regime shelling killed two civilians": the parser reads "shelling" as an auxiliary of "killed" and "Regime" as
    the subject.  A trigger noun in "-ing" tagged as an auxiliary is the subject's head: make it the subject, and the
    word before it its modifier, so the shelling (not "the regime killed") tells the event."""
    nominals = _nominal_triggers()
    for tok in doc:
        if tok.dep_ != "aux" or tok.pos_ != "AUX" or tok.lower_ not in nominals or tok.lemma_.lower() in _REAL_AUX:
            continue
        verb = tok.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i == tok.i - 1), None)
        if subj is None or verb.i <= tok.i:
            continue
        tok.pos_, tok.tag_, tok.dep_ = "NOUN", "NN", "nsubj"
        subj.dep_ = "amod"  # read as "Israeli shelling": the modifier names who shelled
        subj.head = tok


def _repair_shot_dead(doc) -> None:
    """"Gunmen on a motorcycle shot dead a cleric", "gunmen riding a car shot dead a trader": the small parser hangs
    "shot" on the vehicle as a noun and makes "dead" the root.  Make "shot" the verb, "dead" its complement, the
    vehicle the object of its preposition again, and the noun phrase that holds the vehicle its subject."""
    for dead in doc:
        if dead.lower_ != "dead" or dead.dep_ != "ROOT" or dead.i == 0 or dead.pos_ != "ADJ":
            continue
        shot = doc[dead.i - 1]
        if shot.lower_ != "shot" or not any(c.dep_ in ("dobj", "obj") for c in dead.children):
            continue
        agent = shot.head
        while agent.pos_ not in ("NOUN", "PROPN") or agent.dep_ not in ("nsubj", "ROOT") and agent.head.i != dead.i:
            if agent.head.i == agent.i or agent.i == dead.i:
                return
            agent = agent.head
        if agent.i == dead.i or agent.i > shot.i:
            return
        holder, held = shot.head, [c for c in shot.children if c.dep_ in ("compound", "amod", "det")]
        shot.head = shot
        shot.pos_, shot.tag_, shot.dep_, shot.lemma_ = "VERB", "VBD", "ROOT", "shoot"
        for child in list(dead.children):
            child.head = shot
        dead.head, dead.dep_ = shot, "acomp"
        vehicle = next((c for c in held if c.dep_ == "compound"), None)
        if vehicle is not None and holder.i != shot.i:  # "on a motorcycle": the vehicle is the object again
            vehicle.head, vehicle.dep_ = holder, "pobj" if holder.dep_ == "prep" or holder.pos_ == "ADP" else "dobj"
            for c in held:
                if c is not vehicle:
                    c.head = vehicle
        agent.head, agent.dep_ = shot, "nsubj"
        doc.user_data.pop(CONTENT_KEY, None)  # the lemma changed: trigger forms read before the repair are stale
        return


@lru_cache(maxsize=1)
def _nominal_triggers() -> frozenset[str]:
    """One-word nominal triggers in "-ing" ("shelling", "bombing", "fighting")."""
    return frozenset(r.words[0] for r in lexicon().rules if len(r.words) == 1 and r.pos != "VERB" and r.words[0].endswith("ing"))


def _killed_a_count(head) -> bool:
    """The trigger is the subject of a killing of counted victims ("air strikes killed 23 civilians on Tuesday in
    the towns of ..."): one event told, whatever the parse made of its place."""
    verb = head.head
    return head.dep_ == "nsubj" and verb.lemma_.lower() in ("kill", "wound", "injure") and any(
        c.dep_ in ("dobj", "obj") and any(g.dep_ == "nummod" for g in c.children) for c in verb.children)


# "For the second consecutive day, clashes continue between the army and the RSF in El Fasher": fighting going on
# now, not a habit
_UNDER_WAY = {"continue", "rage", "erupt", "intensify", "escalate", "resume", "persist", "flare"}
_DURATION = re.compile(r"\b(?:for (?:a|an|one|two|three|several|many|the (?:past|last))|over the (?:past|last)) (?:\w+ )?"
                       r"(?:days?|weeks?|months?|years?|decades?)\b|\bin recent (?:years|months)\b", re.I)
_VAGUE_COUNTS = {"dozens", "hundreds", "scores"}


def counts_trigger(cue, head) -> bool:
    """A vague quantity is a tally cue only when it counts the trigger ("dozens of airstrikes"), not the
    victims ("airstrikes kill and wound dozens of civilians")."""
    words = cue.group(0).lower().split()
    if words[0] not in _VAGUE_COUNTS:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _VAGUE_COUNTS


def headline_news(head) -> bool:
    """Is the trigger what a headline reports ("Clashes in X", "Heavy clashes continue", "Casualties in
    airstrikes on X"), rather than a generic mention inside it?  Its head, the subject of its main verb
    (not a copula: "Airstrikes are a war crime"), or a conjunct or a prepositional object of those."""
    tok = head
    for _ in range(6):
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "by") \
                and tok.head.head.lemma_.lower() in ("kill", "wound", "injure", "die", "martyr"):
            return True  # "Nine rebels killed in clashes in X", "5 wounded in clashes": what the headline reports
        if tok.dep_ == "ROOT":
            return tok.pos_ in ("NOUN", "PROPN") or tok.lemma_.lower() != "be"
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            return tok.head.lemma_.lower() != "be"
        # up through conjuncts and the nouns' prepositional phrases of a nominal headline ("Martyrs and
        # wounded in raids on X and clashes in Y": the parser hangs the clashes on X)
        if tok.dep_ == "conj" or (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("in", "on", "at", "of")
                                  and tok.head.head.pos_ in ("NOUN", "PROPN")):
            tok = tok.head.head if tok.dep_ == "pobj" else tok.head
            continue
        return False
    return False
