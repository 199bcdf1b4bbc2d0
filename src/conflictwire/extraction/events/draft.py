"""``EventDraft``: one event as found in one sentence, and merging the drafts of triggers that
hang on one another ("launched a drone attack") into one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflictwire.extraction.clause_edges import DASH, ELLIPSIS, edge, joined
from conflictwire.extraction.syntax import doc_text, near_ancestor, token_span
from conflictwire.models import PlaceMention, Span


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
    lead_span: tuple[int, int] = (0, 0)  # "On 9 August, forces launched ... and detained ...": the first verb's lead dates a conjoined verb too
    default_clash: bool = False  # a bare "attack" typed as a clash for want of a weapon
    retyped: bool = False  # the type came from who acted on whom (retype_by_roles), not from the trigger's default
    actor1_ref: str | None = None  # "the group", "it": an agent that refers back; the extract stage resolves it
    generic: bool = False  # a bare plural without place or actor ("through airstrikes"): a tally unless merging anchors it


SUSPENSION = "Change to group/activity"


def draft_for(rule, head, trigger_ids: set[int], sentence) -> EventDraft:
    """A new draft of ``rule`` triggered at ``head`` (its tokens ``trigger_ids``) in ``sentence``."""
    draft = EventDraft(
        head_i=head.i,
        trigger=token_span(sentence, head.doc, min(trigger_ids), max(trigger_ids)),
        sub_event_type=rule.sub_event_type,
        specific=rule.specific,
        priority=rule.priority,
        token_indices=tuple(sorted(trigger_ids)),
        requires=rule.requires,
    )
    draft.evidence.append(f"trigger {draft.trigger.text!r} -> {rule.sub_event_type}")
    return draft


def merge_related(drafts: list[EventDraft], doc) -> list[EventDraft]:
    """Triggers that hang on one another are one event ('launched a drone attack')."""
    merged: list[EventDraft] = []
    for draft in drafts:
        partner = None
        for other in merged:
            a, b = doc[draft.head_i], doc[other.head_i]
            linked = near_ancestor(a, b) or near_ancestor(b, a) or (a.head.i == b.head.i and a.dep_ != "conj" and b.dep_ != "conj" and a.head.pos_ == "VERB" and {a.dep_, b.dep_} <= {"nsubj", "dobj", "nsubjpass", "agent"})
            told = (a.head.i == b.i and _told_by_relative(a, other)) or (b.head.i == a.i and _told_by_relative(b, draft))
            # "A massacre as warplanes raid X": the clause under the bare noun tells what the massacre was
            told = told or _named_outcome(draft, other, doc) or _named_outcome(other, draft, doc)
            linked = linked or told
            if draft.reference != other.reference:
                linked = False  # "struck 85 targets, its response to the drone attack": two events
            if draft.under_attribution != other.under_attribution:
                linked = False  # "protested in Azaz against the shelling of Idlib": the protest, and a shelling told elsewhere
            if bool(draft.hedge) != bool(other.hedge) and "suspend" not in (draft.hedge or other.hedge or "") \
                    and SUSPENSION not in (draft.sub_event_type, other.sub_event_type):
                linked = False  # "killed two guards in a failed attempt to assassinate the governor": what did happen stays
            if _conjoined(a) or _conjoined(b):
                linked = linked and draft.sub_event_type == other.sub_event_type
            if a.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and a.head.i == b.i and not told:
                linked = False
            if b.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and b.head.i == a.i and not told:
                linked = False
            if linked and own_clause_places(draft, other, doc):
                linked = False  # "Clashes in X and the regime forces shell Y": two clauses, two events
            if linked:
                partner = other
                break
        if partner is None:
            merged.append(draft)
            continue
        keep, drop = (partner, draft) if partner.priority >= draft.priority else (draft, partner)
        if keep.sub_event_type == "Peaceful protest" and drop.sub_event_type in _ON_PROTEST:
            keep, drop = drop, keep  # "police shot at villagers protesting peacefully": the force used tells the event
        _absorb(keep, drop)
        if keep is draft:
            merged[merged.index(partner)] = draft
    return merged


_ON_PROTEST = ("Excessive force against protesters", "Protest with intervention")


def _conjoined(tok) -> bool:
    """A conjoined verb, or the infinitive of one ("X kill a soldier and the regime forces continue to shell Y")."""
    return tok.dep_ == "conj" or tok.dep_ == "xcomp" and tok.head.dep_ == "conj"


def _named_outcome(noun: EventDraft, event: EventDraft, doc) -> bool:
    """A bare event noun with no weapon or agent of its own ("Massacre in X: 9 killed in the raids of warplanes
    on the town") names the outcome of the typed event its sentence tells: one event, typed by the other."""
    # only the one-sided default (a massacre, an assassination): a bare "bombing" or "explosion" is an event of its
    # own, and a massacre "coinciding with a violent clash" is not the clash
    return (noun.typed_by_default and not noun.retyped and noun.sub_event_type == "Attack" and event.sub_event_type != "Armed clash"
            and not event.typed_by_default and doc[noun.head_i].pos_ in ("NOUN", "PROPN")
            and noun.actor1 is None and not noun.weapons
            and not (noun.hedge or event.hedge or noun.reference or event.reference or noun.tally or event.tally))


def _told_by_relative(clause, noun: EventDraft) -> bool:
    """A bare event noun that a relative clause tells ("claimed a dual attack in which two bombs killed 28",
    "an attack that killed 5"): one event, the clause saying what it was."""
    return clause.dep_ == "relcl" and not noun.specific and clause.doc[noun.head_i].pos_ in ("NOUN", "PROPN")


# Where one clause of a headline ends and the next begins: "Warplanes raid X .. 3 killed in shelling on Y"
_CLAUSE_EDGE = re.compile(edge(",", ";", ELLIPSIS, DASH, joined("and", "while", "amid") + r"\s"), re.I)


def own_clause_places(a: EventDraft, b: EventDraft, doc) -> bool:
    """Two triggers of different types stand in different clauses and each clause names a place of its own
    that the other does not: two events told side by side, never one."""
    if a.sub_event_type == b.sub_event_type or not a.places or not b.places:
        return False
    cut = _cut(a, b, doc)  # where the later trigger's clause starts
    if cut is None:
        return False
    base = _offset(a, doc)
    first, second = (a, b) if doc[a.head_i].idx < doc[b.head_i].idx else (b, a)
    before = {p.text.lower() for p in first.places if p.span.start - base < cut}
    after = {p.text.lower() for p in second.places if p.span.start - base >= cut}
    return bool(before) and bool(after) and not (before & after)


def _offset(draft: EventDraft, doc) -> int:
    """The sentence's offset in the article (the trigger span starts at its first token)."""
    return draft.trigger.start - doc[min(draft.token_indices or (draft.head_i,))].idx


def _cut(a: EventDraft, b: EventDraft, doc) -> int | None:
    """Where the later of two triggers' clause starts (sentence offset), None when no clause edge parts them."""
    x, y = sorted((doc[a.head_i].idx, doc[b.head_i].idx))
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(doc_text(doc)) if x < m.start() and m.end() <= y]
    return edges[-1] if edges else None


def places_by_clause(drafts: list[EventDraft], doc) -> None:
    """Side-by-side events in one sentence ("Clashes in X and the regime forces shell Y"): each keeps the
    places of its own clause, when its clause names one."""
    if len(drafts) < 2:
        return
    ordered = sorted(drafts, key=lambda d: doc[d.head_i].idx)
    cuts = [_cut(a, b, doc) for a, b in zip(ordered, ordered[1:])]
    if None in cuts:
        return  # two triggers in one clause: the parse's places stand
    base = _offset(ordered[0], doc)
    bounds = [0, *cuts, len(doc_text(doc))]
    clause = list(zip(ordered, bounds, bounds[1:]))
    for draft, lo, hi in clause:
        own = [p for p in draft.places if lo <= p.span.start - base < hi]
        if own and len(own) < len(draft.places):
            for p in draft.places:
                if p in own:
                    continue  # another clause's place goes to that clause's event ("... and clashes in X and Y")
                for other, o_lo, o_hi in clause:
                    if o_lo <= p.span.start - base < o_hi and not (other.hedge or other.reference) \
                            and not any(q.span.start == p.span.start for q in other.places):
                        other.places = sorted([*other.places, p], key=lambda q: q.span.start)
            draft.places = own
            draft.evidence.append("places: its own clause's")
        elif not own and draft.places and all(
                any(q.span.start == p.span.start for _o, o_lo, o_hi in clause
                    if not (o_lo == lo and o_hi == hi) and not (_o.hedge or _o.reference or _o.tally)
                    for q in _o.places if o_lo <= q.span.start - base < o_hi)
                for p in draft.places):
            # "X shells A and air strikes target places in the countryside of B": B is the strikes' (their clause
            # names it and their event has it), never the shelling's; no place beats another clause's
            draft.places = []
            draft.evidence.append("places: none of its own clause (those named are another clause's event's)")


def _absorb(keep: EventDraft, drop: EventDraft) -> None:
    keep.actor1 = keep.actor1 or drop.actor1
    keep.actor2 = keep.actor2 or drop.actor2
    for p in drop.places:
        if not any(q.span.start == p.span.start for q in keep.places):
            keep.places.append(p)
    keep.places.sort(key=lambda p: p.span.start)
    keep.weapons += [w for w in drop.weapons if w not in keep.weapons]
    keep.targets += [t for t in drop.targets if t not in keep.targets]
    if not (drop.hedge and keep.trigger.text in drop.hedge and keep.sub_event_type == SUSPENSION):
        keep.hedge = keep.hedge or drop.hedge  # but "suspend attacks": the attacks' "governed by 'suspend'" is the change
    # "suspension of attacks": the attacks are the activity changed, not a count of events
    keep.tally = keep.tally or (drop.tally and keep.sub_event_type not in (SUSPENSION, "Agreement"))
    keep.background = keep.background or drop.background
    keep.specific = keep.specific or drop.specific
    if keep.typed_by_default and not drop.typed_by_default and drop.sub_event_type != keep.sub_event_type:
        keep.sub_event_type = drop.sub_event_type
        keep.typed_by_default = False
    if (0, 0) not in (keep.clause_span, drop.clause_span):  # "On 19 May, forces attacked X, and clashes ensued": one date
        keep.clause_span = (min(keep.clause_span[0], drop.clause_span[0]), max(keep.clause_span[1], drop.clause_span[1]))
    if keep.lead_span == (0, 0):
        keep.lead_span = drop.lead_span
    keep.evidence.append(f"merged with trigger {drop.trigger.text!r}")
