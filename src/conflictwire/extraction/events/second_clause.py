"""A second clause of a headline that tells an event of its own with no draft from the parse.

Monitors join two events in one headline: "Clashes in X and explosion causes casualties in Y", "Aid enters
X and clashes in the desert of Y", "Clashes continue in X and bombardment targets Y".  The small parser
hangs the second clause on the first (its place then leaks into the first event) or reads its noun as a
modifier, and the second event is lost.  A clause that opens (after "and", "while", a comma or "..") on a
noun of ``second_clause_nouns`` (``knowledge/lang/clauses.yaml``), holds no other trigger, and names a
place of its own is that noun's event, typed by the trigger lexicon; the first event keeps only its own
clause's places (``draft.places_by_clause``).  Hedged, tallied and placeless clauses give nothing.
"""

from __future__ import annotations

import re

from conflictwire import lang
from conflictwire.actor_scan import phrase_pattern
from conflictwire.extraction import hedging
from conflictwire.extraction.casualties import toll_word
from conflictwire.extraction.clause_edges import DASH, ELLIPSIS, edge, joined
from conflictwire.extraction.events.draft import EventDraft, draft_for, places_by_clause
from conflictwire.extraction.events.filters import DAILY_SUMMARY, TALLY_CUE
from conflictwire.extraction.events.places import find_places, is_country_name
from conflictwire.extraction.events.triggers import head_token, match_trigger_options, weapon_matches
from conflictwire.models import PlaceMention, Sentence, Span

# the evidence that marks such an event: its actors come from its own clause only (pipeline/actors.py)
OWN_CLAUSE = "a clause of its own the parse gave no event"
# where a clause of a headline opens: "X and clashes in Y", "X, clashes in Y", "X .. clashes in Y"
_OPENING = re.compile(rf"(?:{edge(',', ';', ELLIPSIS, DASH, joined('and', 'while'))})\s+", re.I)
# the words a clause may put before its noun: "and more shelling", "and renewed clashes", "and 3 air strikes"
_LEAD = re.compile(r"(?:[a-z0-9][\w'’-]*\s+){0,3}$")
_BETWEEN = re.compile(r"\bbetween\s+(?:[^\s,;]+\s+){0,5}?[^\s,;]+$", re.I)


def second_clause_drafts(sentence: Sentence, drafts: list[EventDraft]) -> list[EventDraft]:
    """``drafts`` plus the events of clauses that open on an event noun and gave no draft."""
    doc = sentence.doc
    text = sentence.text
    if doc is None or not _OPENING.search(text):
        return drafts
    words = lang.words()
    nouns = words.words("second_clause_nouns")
    if not any(w.lower_ in nouns for w in doc):
        return drafts
    if hedging.sentence_hedge(text) or TALLY_CUE.search(text) or DAILY_SUMMARY.search(text):
        return drafts
    # the headline's first clause too: "Air strikes target X and clashes in Y", when the parse folded it into Y's
    openings = sorted({0} | {m.end() for m in _OPENING.finditer(text)})
    # "clashes between the regime forces and the factions in Y": that "and" joins the two sides, no clauses
    edges = sorted({m.start() for m in _OPENING.finditer(text) if not _BETWEEN.search(text, 0, m.start())} | {len(text)})
    # a bare plural the parse left without a place ("X and clashes in the desert of Y" hung on X) is no
    # trigger of its own yet: its clause may give it one
    loose = [d for d in drafts if d.generic and d.tally and not d.places]
    weapons = weapon_matches(doc)
    modifiers = words.words("second_clause_modifiers")
    taken = {doc[i].idx for d in drafts if d not in loose for i in (d.head_i, *d.token_indices)}
    added: list[EventDraft] = []
    for toks, rules in match_trigger_options(doc):
        head = head_token(toks)
        if head.lower_ not in nouns or head.idx in taken:
            continue
        start = max((o for o in openings if o <= min(t.idx for t in toks)), default=None)
        if start is None or not _LEAD.fullmatch(text[start:min(t.idx for t in toks)]):
            continue
        lead = [t for t in doc if start <= t.idx < min(t.idx for t in toks)]
        before = text[:start].rstrip().rsplit(None, 2)
        if any(t.i in weapons for t in lead) or any(t.lower_ in modifiers for t in lead) \
                or (len(before) > 1 and before[-1].lower() in ("and", "while") and before[-2].lower() in modifiers):
            continue  # "air and artillery strikes", "coalition aircraft shelling": the weapon would type it
        end = min(e for e in edges if e > head.idx)
        if any(start <= t < end for t in taken):
            continue  # the clause has a trigger of its own: the parse's event stands
        if head.lower_ in words.words("second_clause_needs_toll") and not toll_word().search(text[head.idx:end]):
            continue
        if any(w.lower() in words.words("second_clause_hedges") for w in re.findall(r"[\w'’]+", text[start:end])):
            continue  # "and clashes may erupt in Y", "and no shelling on Y"
        places = _clause_places(sentence, head, drafts, start, end)
        if not places:
            continue  # nowhere of its own: never borrow the first clause's place
        # a rule that needs a crowd as the fighters is no bare clause's default ("Fighting in X": a battle)
        rule = next((r for r in rules if r.requires != "crowd_fight"), rules[0])
        draft = draft_for(rule, head, {t.i for t in toks}, sentence)
        draft.requires = None  # the clause of its own stands for the rule's corroboration
        draft.places = places
        draft.evidence.append(OWN_CLAUSE)
        draft.clause_span = draft.own_span = (sentence.start + start, sentence.start + end)
        _take_actors(draft, drafts, text, start, end)
        added.append(draft)
        taken.add(head.idx)
        drafts = [d for d in drafts if d.head_i != head.i]
    if not added:
        return drafts
    merged = sorted([*drafts, *added], key=lambda d: doc[d.head_i].idx)
    places_by_clause(merged, doc)
    return merged


def _take_actors(draft: EventDraft, drafts: list[EventDraft], text: str, start: int, end: int) -> None:
    """Actors the parse gave another draft but written only in this clause ("Clashes in A and renewed clashes
    between the regime forces and the factions in B": the sides are B's) go to this clause's event."""
    for other in drafts:
        for attr in ("actor1", "actor2"):
            written = getattr(other, attr)
            spots = [m.start() for m in phrase_pattern(written, 0).finditer(text)] if written else []
            if spots and all(start <= at < end for at in spots) and getattr(draft, attr) is None:
                setattr(draft, attr, written)
                setattr(other, attr, None)
                other.evidence.append(f"{attr} {written!r}: written in another clause's event")


def _clause_places(sentence: Sentence, head, drafts: list[EventDraft], start: int, end: int) -> list[PlaceMention]:
    """The places named in the clause [start, end) of the sentence (sentence offsets): the parse's, else
    the gazetteer's names in it (never a whole country: "and clashes in Syria" says nothing of where)."""
    lo, hi = sentence.start + start, sentence.start + end
    found: dict[int, PlaceMention] = {}
    for pm in [*find_places(head, sentence), *(p for d in drafts for p in d.places)]:
        if lo <= pm.span.start < hi:
            found.setdefault(pm.span.start, pm)
    if not found:
        from conflictwire.gazetteer import get_gazetteer  # lazy: the index opens on first use

        clause = sentence.text[head.idx + len(head.text):end]
        base = sentence.start + head.idx + len(head.text)
        for s, e, surface in get_gazetteer().find_names(clause):
            if not surface[:1].isupper():
                continue
            found.setdefault(base + s, PlaceMention(text=surface, span=Span(base + s, base + e, surface), cue="in"))
    return sorted((p for p in found.values() if not is_country_name(p.text)), key=lambda p: p.span.start)
