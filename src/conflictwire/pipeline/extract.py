"""Stage *extract*: event mentions, casualty and responsibility claims, statements, tallies.

For each parsed sentence of an article (annotate parses only sentences that pass
``extraction.candidates.candidate_filter()``; their headline parses already repaired):

1. ``extraction.events.find_event_drafts`` finds triggers and fills roles from the parse.
2. Drafts that are hedged/negated/planned, tallies, or background events without a date
   of their own are dropped (precision before recall).
3. A date comes from the sentence's own time expression (``timex``, anchored on the
   publication date); without one, the article's date with precision 2.  Without a
   publication date only absolutely dated events survive; no event is dated after
   publication.
4. Within-article coreference: a definite mention ("the strikes", "Sunday's drone strike")
   of a compatible earlier event adds its details (toll, weapon, places, claimant) to that
   mention instead of creating a new one.  Sentences with a toll or a responsibility claim
   but no trigger of their own attach to the latest event a few sentences back.
5. A claimed responsibility sets actor1; a single blamed actor fills an empty actor1.
6. A sentence without a date of its own that continues a dated event shares its date; "the group" /
   "it" as agent is the named organisation the previous sentences were about.
7. Summaries: an event placed only in whole countries or provinces ("struck 85 targets in Iraq and
   Syria") when the article tells precise events of the same type and date, and counted summaries
   ("conducted 34 strikes in Syria and Iraq"), are not events: they give their actor to those events.

Statements and tallies come from their own modules, called here.
"""

from __future__ import annotations

import re
from datetime import date

from conflictwire import timex
from conflictwire.extraction import statements as statements_mod
from conflictwire.extraction import tallies as tallies_mod
from conflictwire.extraction.candidates import candidate_filter, stem_trie_pattern  # noqa: F401  (still importable from here)
from conflictwire.extraction.casualties import (
    casualty_figure_at,
    claimants_by_reference,
    claims_by_clause,
    find_casualty_claims,
    toll_word,
)
from conflictwire.extraction.clause_edges import DASH, ELLIPSIS, edge, joined
from conflictwire.extraction.events import (
    GENERIC_AGENTS,
    EventDraft,
    find_event_drafts,
    is_country_name,
    lexicon,
    reference_spans,
    sentence_topic,
)
from conflictwire.extraction.events.subtypes import chemical_by_agent
from conflictwire.extraction.events.second_clause import second_clause_drafts
from conflictwire.extraction.responsibility import find_responsibility
from conflictwire.extraction.syntax import dateline_end, release_doc_caches
from conflictwire.models import (
    AnnotatedArticle,
    Article,
    ArticleExtraction,
    CasualtyClaim,
    EventMention,
    ResponsibilityClaim,
    Sentence,
    TimeExpression,
    stable_id,
)
from conflictwire.pipeline.date import compilation_anchor
from conflictwire.vocab import SUB_EVENT_TO_TYPE, TOLL_BEARING_SUB_EVENTS, TYPE_FAMILY, plover_for

# Claims and responsibility without a trigger attach to an event at most this many sentences back.
ATTACH_WINDOW = 3
_ATTRIBUTION_TAIL = re.compile(r",\s+according to\b", re.I)
# A dated summary ("On Jan. 8, ... conducted 34 strikes in Syria and Iraq") dates the items listed at most
# this many sentences after it (a strike report lists about twenty).
LIST_WINDOW = 30
_YEAR = re.compile(r"\b(?:in|since|during|by|of|early|late|mid-?)\s+(?P<year>(?:19|20)\d\d)\b", re.I)
# "property seized in the 1970s": a decade is history told in passing, never an event's date
_DECADE = re.compile(r"\d0'?s\b")  # matched from the year's last two digits ("in the 1970" + "s")
_VAGUE_PAST = re.compile(
    r"\b(last year|years? ago|in the past|previously|earlier this year|last month|months ago|in recent (weeks|months|years)|at the time|back in)\b",
    re.I,
)


def extract(annotated: AnnotatedArticle) -> ArticleExtraction:
    article = annotated.article
    result = ArticleExtraction(article=article)
    mentions: list[EventMention] = []
    topics: list[tuple[int, str]] = []  # (sentence index, the named organisation it is about)
    summaries: list[EventMention] = []  # "conducted 34 strikes in Syria and Iraq": never events themselves
    pending: list[tuple[int, ResponsibilityClaim | CasualtyClaim]] = []  # "X claimed the attack", "the toll rose to 13" before the attack is told
    for sentence in annotated.sentences:
        if sentence.doc is None:
            continue
        _extract_sentence(sentence, article, mentions, topics, summaries, pending, short=len(annotated.sentences) <= 3)
        topic = sentence_topic(sentence)
        if topic:
            topics.append((sentence.index, topic))
    mentions = _absorb_summaries(mentions, summaries)
    claimants_by_reference([c for m in mentions for c in m.claims], annotated.sentences)
    for mention in mentions:
        _apply_responsibility(mention)
        mention.confidence = _confidence(mention)
    result.mentions = mentions
    for name, finder, target in (
        ("statements", statements_mod.find_statements, result.statements),
        ("tallies", tallies_mod.find_tallies, result.tallies),
    ):
        try:
            target.extend(finder(annotated))
        except Exception as exc:  # keep the events even if a sibling finder fails
            result.warnings.append(f"{name} extraction failed: {type(exc).__name__}: {exc}")
    for sentence in annotated.sentences:
        if sentence.doc is not None:
            release_doc_caches(sentence.doc)  # cached Tokens point back at their Doc: a cycle the GC would chase
    return result


# --------------------------------------------------------------------------- per sentence


def _extract_sentence(
    sentence: Sentence, article: Article, mentions: list[EventMention], topics: list[tuple[int, str]] = (),
    summaries: list[EventMention] | None = None, pending: list[tuple[int, ResponsibilityClaim | CasualtyClaim]] | None = None,
    short: bool = False,
) -> None:
    drafts = second_clause_drafts(sentence, find_event_drafts(sentence))
    chemical_by_agent(drafts, sentence.doc, sentence.start)
    foreign = reference_spans(sentence) if drafts else []
    claims = find_casualty_claims(sentence, article.article_id)
    responsibility = _named_claims(find_responsibility(sentence, article.article_id), sentence, topics)
    touched: list[EventMention] = []  # mentions this sentence created or added to
    trigger_at: dict[str, int] = {}  # mention id -> where its trigger stands in this sentence
    dropped: list[tuple[int, int]] = []  # phrases of drafts left out: a toll inside them is theirs
    for draft in drafts:
        draft.places = _not_in_names(draft, sentence, [n for r in responsibility for n in (r.actor, r.claimant) if n])
        # a date inside another nominal trigger's phrase ("retaliation for the January 28 drone attack") is that event's
        others = [d.own_span for d in drafts if d is not draft and sentence.doc[d.head_i].pos_ in ("NOUN", "PROPN")
                  and not (d.own_span[0] <= draft.trigger.start < d.own_span[1])]
        if draft.hedge or draft.tally:
            dropped.append(draft.own_span)
            if summaries is not None and not draft.hedge and draft.actor1 and any("summary" in e for e in draft.evidence):
                when = _date_for(draft, sentence, article, foreign + others)
                if when is not None:
                    summaries.append(_new_mention(draft, when, sentence, article))
            continue
        when = _date_for(draft, sentence, article, foreign + others)
        earlier = [m for m in mentions if m.sentence_index < sentence.index]
        antecedent = _antecedent(draft, when, earlier) if draft.definite else None
        # "X claimed the attack", and after an attack was told "X claimed a drone attack on the base": what is
        # claimed was told before unless the sentence places it itself ("IS claims bomb attack in Tartous",
        # with nothing before it, is the news)
        claimed = bool(responsibility) and _claimed_deed(sentence, draft) and (
            draft.definite or _recent_violent(sentence, earlier, when) is not None)
        if claimed and antecedent is None:
            # "The Islamic Resistance in Iraq claimed the attack": the attack told before, never an event of
            # its own in the country the claimant's name holds; nothing told before: the next event's claim
            if all(is_country_name(p.text) for p in draft.places):
                draft.places = []
            if draft.definite and when is not None:
                # "ISIS claimed responsibility for the attack through Amaq on Monday": the day is the claim's, the
                # attack (told before, on that day or earlier) is the one claimed
                antecedent = _antecedent(draft, None, [m for m in earlier if m.date.start <= when.end])
            if antecedent is None:
                antecedent = _recent_violent(sentence, earlier, when) if not draft.places else None
            if antecedent is None and not draft.places:
                dropped.append(draft.own_span)
                if pending is not None:
                    pending.extend((sentence.index, r) for r in responsibility)
                continue
        if antecedent is None and draft.sub_event_type in _FORCE_ON_PROTEST:
            protest = _protest_referred_to(draft, sentence, earlier)
            if protest is not None:
                # "Hundreds took to the streets of X. Security forces fired tear gas to disperse them.": the force
                # used on the protest told before makes it that protest's intervention, not a second event
                _retype(protest, draft.sub_event_type, f"force used on it in sentence {sentence.index}")
                if draft.sub_event_type == "Excessive force against protesters":
                    protest.actor1, protest.actor2 = draft.actor1 or protest.actor1, protest.actor1
                else:
                    protest.actor2 = protest.actor2 or draft.actor1
                antecedent = protest
        if antecedent is None and _toll_of_recent(draft, when):
            # "Three soldiers and two contractors were killed, officials said." after the attack: its toll
            antecedent = _recent_violent(sentence, earlier, when)
        if antecedent is not None:
            _absorb_into(antecedent, draft, when, sentence)
            touched.append(antecedent)
            trigger_at[antecedent.mention_id] = draft.trigger.start
            continue
        # the first sentence of a short text (a headline, a coder's note) tells its news with "the" and often
        # with neither place nor actor ("The shelling on Kefraya", "Continued bombardment targets the
        # countryside"): there is nothing earlier for it to refer to -- unless a title told the news first
        # ("Jordan condemns deadly attack" over "Jordan said the drone attack that killed three ... was ...")
        lead = short and sentence.index == 0 and not _titled_apart(article) and not draft.reference
        unanchored = draft.typed_by_default and not (draft.places or draft.actor1) and not (lead and not draft.default_clash)
        if when is None or draft.under_attribution or unanchored or (
            draft.definite and not claimed and not lead and (draft.default_clash or not (draft.places or draft.actor1))
        ):
            # undatable; "denied being behind the attack"; "wounded in the attack" with nothing to refer to
            dropped.append(draft.own_span)
            continue
        when = _carried_date(draft, when, sentence, earlier, summaries or [])
        mention = _new_mention(draft, when, sentence, article)
        if mention.actor1 is None and draft.actor1_ref:
            _resolve_reference(mention, draft.actor1_ref, sentence, topics)
        mentions.append(mention)
        touched.append(mention)
        trigger_at[mention.mention_id] = draft.trigger.start
    # "nine fighters were killed ... in the fighting, which lasted until Tuesday": a sentence whose only events
    # are references to one told before (none found: a date of its own, no place) gives its toll like one
    # without a trigger
    referring = bool(drafts) and not touched and bool(claims) and all(
        d.definite and not (d.hedge or d.tally or d.under_attribution) for d in drafts)
    if (not drafts or referring) and (claims or responsibility) and not _ANOTHER_EVENT.match(sentence.text):
        # "ISIS claimed responsibility for the attack through Amaq, saying ...": a claim of responsibility reaches
        # further back than a bare toll (a report tells the attack, its aftermath, then the claim)
        window = 2 * ATTACH_WINDOW if any(r.kind == "claimed" for r in responsibility) else ATTACH_WINDOW
        recent = [
            m for m in mentions
            if sentence.index - m.sentence_index <= window and TYPE_FAMILY[m.event_type] == "violent"
        ]
        if recent:
            # the event told last: "In Iraq the strikes hit ... / According to Iraqi estimates, 16 were killed"
            # is the strikes' toll, though the attack they answered was named after them in an earlier sentence
            latest = max(reversed(recent), key=_last_told)  # of equals, the newest (as before)
            touched.append(latest)
            latest.evidence.append(f"claims from sentence {sentence.index} without a trigger")
        elif pending is not None:
            pending.extend((sentence.index, r) for r in responsibility)
            # "The death toll from the bombing in X rose to 13" before the bombing is told: the next event's update
            pending.extend((sentence.index, c) for c in claims if referring and c.update and c.killed)
    waiting_tolls: list[CasualtyClaim] = []
    if pending:
        violent_now = [m for m in touched if TYPE_FAMILY[m.event_type] == "violent" and m.sentence_index == sentence.index]
        waiting = [r for i, r in pending if sentence.index - i <= ATTACH_WINDOW]
        if violent_now and waiting:
            responsibility = responsibility + [r for r in waiting if isinstance(r, ResponsibilityClaim) and r not in responsibility]
            waiting_tolls = [c for c in waiting if isinstance(c, CasualtyClaim)]
            pending.clear()
    toll = toll_word().search(sentence.text)
    if toll and any(s <= sentence.start + toll.start() < e for s, e in dropped):
        claims = []  # "... its response to the drone attack that killed three": not this event's toll
    # "Security forces killed two protesters": the force's toll (never a peaceful protest's or an arrest's)
    violent = [m for m in touched if TYPE_FAMILY[m.event_type] == "violent" or m.sub_event_type in TOLL_BEARING_SUB_EVENTS]
    if violent:
        target = _closest_before_toll(violent, trigger_at, sentence, claims)
        # "Warplanes kill 3 in A and shelling kills 2 in B": each clause's toll to its own event, when they differ
        parts = (claims if len(claims) > 1 else claims_by_clause(sentence, article.article_id)) if len(violent) > 1 else []
        targets = [_closest_before_toll(violent, trigger_at, sentence, [part]) for part in parts]
        if len({t.mention_id for t in targets}) > 1:
            for part_target, part in zip(targets, parts):
                _attach_claims(part_target, [part], [])
            claims = []
        _attach_claims(target, claims, responsibility)
        _attach_claims(target, waiting_tolls, [])
    elif touched:
        _attach_claims(touched[0], [], responsibility)  # a toll never belongs to an arrest or a truce


# A sentence that opens on another incident never adds its toll to the event before it
_ANOTHER_EVENT = re.compile(r"\s*(?:separately|elsewhere|meanwhile|in (?:a |an )?(?:separate|another|other) (?:incident|attack|development)s?)\b", re.I)
def _titled_apart(article: Article) -> bool:
    """The article has a title of its own above the text (not the text's own first line)."""
    title = (article.title or "").strip()
    return bool(title) and not article.text.lstrip().startswith(title)


# "Islamic Resistance in Iraq", "Popular Mobilization Forces of Anbar": a proper name with a place inside
_PROPER_NAME = re.compile(r"^(?:[A-Z][\w'’-]*\s+)+(?:in|of)\s+(?:the\s+)?[A-Z][\w'’-]*$")


def _not_in_names(draft: EventDraft, sentence: Sentence, named: list[str]) -> list:
    """'The Islamic Resistance in Iraq claimed a drone attack on a base near Shaddadi': a place inside an
    actor's name is part of the name, never where the event happened."""
    names = [(m.start(), m.end()) for actor in {draft.actor1, draft.actor2, *named} if actor and _PROPER_NAME.match(actor)
             for m in re.finditer(re.escape(actor), sentence.text)]
    if not names:
        return draft.places
    return [p for p in draft.places
            if not any(s <= p.span.start - sentence.start and p.span.end - sentence.start <= e for s, e in names)]


def _claimed_deed(sentence: Sentence, draft: EventDraft) -> bool:
    """The trigger is what a group claims: "X claimed the attack", "claimed responsibility for the bombing"."""
    tok = sentence.doc[draft.head_i]
    if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() == "claim":
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in ("responsibility", "credit")


def _toll_of_recent(draft: EventDraft, when: TimeExpression | None) -> bool:
    """A killing with nobody named, nowhere and at no date of its own ("Three soldiers were killed,
    officials said") goes on telling the event just before it."""
    return draft.requires == "violence_victim" and not draft.places and not draft.actor1 \
        and (when is None or when.span is None)


def _recent_violent(sentence: Sentence, earlier: list[EventMention], when: TimeExpression | None) -> EventMention | None:
    for mention in reversed(earlier):
        if sentence.index - mention.sentence_index > ATTACH_WINDOW:
            return None
        if TYPE_FAMILY[mention.event_type] != "violent":
            continue
        if when is not None and when.span is not None and mention.date.span is not None \
                and (when.end < mention.date.start or mention.date.end < when.start):
            continue
        return mention
    return None


# Where one clause of a headline ends: "Warplanes raid X and shells target Y and 6 fighters killed in clash near Z"
_CLAUSE_EDGE = re.compile(edge("[,;:]", ELLIPSIS, DASH, joined("and", "while", "as", "amid") + r"\s"), re.I)


def _closest_before_toll(candidates: list[EventMention], trigger_at: dict[str, int], sentence: Sentence,
                         claims: list[CasualtyClaim] = ()) -> EventMention:
    """The event whose trigger stands in the clause that states the toll ('... and 6 fighters killed in
    clash near Azaz': the clash's), else nearest before the toll ('the strike ... since the January 28
    drone attack that killed three': the three belong to the drone attack)."""
    toll = toll_word().search(sentence.text)
    at = casualty_figure_at(sentence.text, claims) if len(candidates) > 1 else None
    if at is None and toll is not None:
        at = toll.start()
    if at is None or len(candidates) == 1:
        return candidates[0]
    lo = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence.text, 0, at)), default=0)
    edge = _CLAUSE_EDGE.search(sentence.text, at)
    hi = edge.start() if edge else len(sentence.text)
    own = [m for m in candidates if lo <= trigger_at.get(m.mention_id, -1) - sentence.start < hi]
    if len(own) == 1:
        return own[0]
    where = sentence.start + at
    before = [m for m in candidates if trigger_at.get(m.mention_id, sentence.start) <= where]
    if not before:  # "38 martyrs, most of them children, were shelled in X and the regime advanced": the next one
        return min(candidates, key=lambda m: trigger_at.get(m.mention_id, sentence.end))
    return max(before, key=lambda m: trigger_at.get(m.mention_id, sentence.start))


def _new_mention(draft: EventDraft, when: TimeExpression, sentence: Sentence, article: Article) -> EventMention:
    plover_event, plover_mode = plover_for(draft.sub_event_type)
    return EventMention(
        mention_id=stable_id(article.article_id, sentence.index, draft.trigger.start),
        article_id=article.article_id,
        sentence_index=sentence.index,
        quote=_sentence_span(sentence),
        trigger=draft.trigger,
        event_type=SUB_EVENT_TO_TYPE[draft.sub_event_type],
        sub_event_type=draft.sub_event_type,
        plover_event=plover_event,
        plover_mode=plover_mode,
        date=when,
        actor1=draft.actor1,
        actor2=draft.actor2,
        assoc_actor_1=draft.assoc_actor_1,
        assoc_actor_2=draft.assoc_actor_2,
        places=list(draft.places),
        weapons=list(draft.weapons),
        targets=list(draft.targets),
        evidence=list(draft.evidence)
        + [f"date: {when.basis}"]
        + (["specific trigger"] if draft.specific else [])
        + (["type by default (no weapon named)"] if draft.typed_by_default else []),
    )


def _sentence_span(sentence: Sentence):
    from conflictwire.models import Span

    return Span(sentence.start, sentence.end, sentence.text)


def _attach_claims(mention: EventMention, claims: list[CasualtyClaim], responsibility: list[ResponsibilityClaim]) -> None:
    for claim in claims:
        if not any(c.quote.start == claim.quote.start and c.claimant == claim.claimant for c in mention.claims):
            if claim.killed is not None and claim.update:
                _supersede(mention, claim)
            mention.claims.append(claim)
    for resp in responsibility:
        if not any(r.quote.start == resp.quote.start and r.actor == resp.actor for r in mention.responsibility):
            mention.responsibility.append(resp)


def _supersede(mention: EventMention, update: CasualtyClaim) -> None:
    """A toll update replaces the earlier, lower death figures this article gave for the event, whoever gave
    them ("four civilians were killed, local sources said ... The death toll climbed to six on Monday, a local
    network reported": the article tells one count rising); what it replaces is said in the evidence, not lost
    silently."""
    def same_source(claim: CasualtyClaim) -> bool:
        return claim.article_id == update.article_id

    for old in [c for c in mention.claims if c.killed is not None and c.killed < update.killed and same_source(c)]:
        mention.evidence.append(f"toll update: {update.killed} killed ({update.quote.text[:60]!r}) replaces "
                                f"the earlier {old.killed} ({old.quote.text[:60]!r})")
        if old.injured is None and old.captured is None:
            mention.claims.remove(old)
        else:
            old.killed = None  # the wounded it counted still stand


# --------------------------------------------------------------------------- dates


def _date_for(
    draft: EventDraft, sentence: Sentence, article: Article, foreign: list[tuple[int, int]] = ()
) -> TimeExpression | None:
    """The event's date, or None when it cannot be dated honestly."""
    published = article.published
    local = compilation_anchor(article, sentence.end)  # a compilation page: the paragraph's own date
    if isinstance(local, tuple):
        return TimeExpression(local[0], local[1], 3, None, "compilation page, no date near the sentence: the page's span")
    if local is not None:
        published = local
    anchor = published or date.today()
    try:
        found = timex.find_time_expressions(sentence.text, anchor, offset=sentence.start)
    except Exception:
        found = []
    found = [t for t in found if t.span is not None and not _DECADE.match(sentence.text, t.span.end - sentence.start - 2)]
    # "ERBIL, Jan 25 (Levant Wire) - ...": the dateline dates the report, not the event
    dateline = sentence.start + dateline_end(sentence.text)
    found = [t for t in found if t.span.start >= dateline]
    # "died Nov. 24 ... of wounds sustained in a blast, according to a release issued yesterday": a date in
    # the attribution after the event dates the report; the event keeps its own date when it has one
    source = _ATTRIBUTION_TAIL.search(sentence.text, draft.trigger.end - sentence.start)
    if source is not None:
        own = [t for t in found if t.span.start < sentence.start + source.start()]
        found = own or found
    # a date inside "after/since ..." belongs to the event that phrase names, unless that is this event
    found = [
        t for t in found
        if not any(s <= t.span.start < e and not (s <= draft.trigger.start < e) for s, e in foreign)
    ]
    if draft.reference:
        # "after the drone attack": only a date inside the phrase itself ("the January 28 drone attack")
        found = [t for t in found if draft.own_span[0] <= t.span.start and t.span.end <= draft.own_span[1]]
        if not found:
            return None
    if published is None:
        found = [t for t in found if re.search(r"\b(19|20)\d\d\b", t.span.text)]  # absolute dates only
    if found and all(getattr(t, "future", False) or (published is not None and t.start > published) for t in found):
        return None  # only future dates: a plan or a threat, not an event
    found = [t for t in found if not getattr(t, "future", False)]
    inside = [t for t in found if draft.clause_span[0] <= t.span.start < draft.clause_span[1]
              or draft.lead_span[0] <= t.span.start < draft.lead_span[1]]
    if found and not inside and not draft.reported:
        return None  # the sentence's date belongs to another clause ("was founded in 2007 and fought ...")
    if found and not inside:
        # only the report is dated ("officials said on Saturday the strikes killed 16"): on or before it
        best = min(found, key=lambda t: abs(t.span.start - draft.trigger.start))
        if published is not None and best.start > published:
            return None
        if draft.sub_event_type in ("Change to group/activity", "Agreement"):
            return best  # "announced on Monday that it was suspending ...": the announcement is the event
        return TimeExpression(
            best.start, best.end, max(2, best.precision), best.span, f"date of the report ({best.basis}); the event on or before it"
        )
    if found:
        best = min(found, key=lambda t: abs(t.span.start - draft.trigger.start))
        if published is not None and best.start > published:
            return None  # a future date: a plan or a threat, not an event
        if published is not None and best.end > published:
            best = TimeExpression(best.start, published, best.precision, best.span, best.basis + "; capped at publication")
        return best
    year = next(
        (m for m in _YEAR.finditer(sentence.text)
         if draft.clause_span[0] <= sentence.start + m.start() < draft.clause_span[1]),
        None,
    )
    if year is None and _YEAR.search(sentence.text):
        return None  # a year elsewhere in the sentence ("founded in 2007 and fought ..."): background
    if year:
        y = int(year.group("year"))
        if published is None or y <= published.year:
            end = date(y, 12, 31) if published is None or y < published.year else published
            return TimeExpression(date(y, 1, 1), end, 3, None, f"year {y} stated in the sentence ({year.group(0)!r})")
        return None
    if published is None or draft.background or _VAGUE_PAST.search(sentence.text):
        return None  # an undated background event, or no anchor at all
    return TimeExpression(published, published, 2, None, "no date in the sentence: article publication date")


def _carried_date(
    draft: EventDraft, when: TimeExpression, sentence: Sentence, earlier: list[EventMention], summaries: list[EventMention] = ()
) -> TimeExpression:
    """A sentence without a date of its own that goes on telling a dated event ("The United States
    struck ... late on Friday. Long-range B-1 bombers ... hit sites at Al Qaim ...") shares that
    event's date, not the publication date."""
    if when.span is not None or not when.basis.startswith("no date in the sentence") or draft.reference:
        return when
    family = TYPE_FAMILY[SUB_EVENT_TO_TYPE[draft.sub_event_type]]
    for mention in reversed(earlier):
        if sentence.index - mention.sentence_index > ATTACH_WINDOW:
            break
        if TYPE_FAMILY[mention.event_type] == family and mention.date.span is not None:
            return _carried(mention)
    # "On Jan. 8, Coalition forces conducted 34 strikes in Syria and Iraq." over a list of "Near <town>, two
    # strikes destroyed ...": the dated summary dates every item of its list, unless a dated event comes between
    summary = next((m for m in reversed(summaries) if m.sentence_index < sentence.index and m.date.span is not None), None)
    if summary is not None and sentence.index - summary.sentence_index <= LIST_WINDOW and TYPE_FAMILY[summary.event_type] == family \
            and not any(m.sentence_index > summary.sentence_index and m.date.span is not None for m in earlier):
        return _carried(summary)
    return when


def _carried(mention: EventMention) -> TimeExpression:
    d = mention.date
    return TimeExpression(d.start, d.end, d.precision, None, f"date carried from sentence {mention.sentence_index} ({d.basis})")


# Named organisations at most this many sentences back may be what "the group" / "it" refers to.
REFERENCE_WINDOW = 3


def _topic_before(sentence: Sentence, topics: list[tuple[int, str]]) -> tuple[int, str] | None:
    for index, name in reversed(topics):
        if index < sentence.index and sentence.index - index <= REFERENCE_WINDOW:
            return index, name
    return None


def _resolve_reference(mention: EventMention, ref: str, sentence: Sentence, topics: list[tuple[int, str]]) -> None:
    """'In separate statements, the group said it had targeted ...' -> the organisation the
    previous sentences were about; nothing when none was named close by."""
    found = _topic_before(sentence, topics)
    if found is not None:
        mention.actor1 = found[1]
        mention.evidence.append(f"actor1 {ref!r} refers to {found[1]!r} (sentence {found[0]})")


def _is_generic(actor: str) -> bool:
    words = actor.lower().split()
    return len(words) <= 2 and bool(words) and words[-1] in GENERIC_AGENTS and words[0] in ("the", "this", "that", words[-1])


def _named_claims(claims: list[ResponsibilityClaim], sentence: Sentence, topics) -> list[ResponsibilityClaim]:
    """A claim made by 'the group' names the organisation the article was just about, or is left out."""
    kept = []
    for claim in claims:
        if _is_generic(claim.actor):
            found = _topic_before(sentence, topics)
            if found is None:
                continue
            claim.actor = found[1]
        kept.append(claim)
    return kept


# --------------------------------------------------------------------------- summaries


def _country_only(mention: EventMention) -> bool:
    """Only whole countries or provinces ("in Iraq and Syria", "in Duhok province") locate it."""
    return bool(mention.places) and all(
        is_country_name(p.text) or p.cue.split()[-1:] in (["province"], ["governorate"]) for p in mention.places
    )


def _dates_touch(a: TimeExpression, b: TimeExpression, slack_days: int = 1) -> bool:
    return (a.start - b.end).days <= slack_days and (b.start - a.end).days <= slack_days


def _absorb_summaries(mentions: list[EventMention], summaries: list[EventMention] = ()) -> list[EventMention]:
    """A sentence that places an event only in whole countries ("The United States struck more than
    85 targets at seven facilities in Iraq and Syria") while the same article tells precise events of
    the same type and date is a summary of those events, not one more: it gives them its actor (where
    they have none) and is dropped.  Its toll is a total over them and is not carried over."""
    kept = []
    for mention in [*mentions, *summaries]:
        precise = [
            m for m in mentions
            if m is not mention and m.places and not _country_only(m) and m.event_type == mention.event_type
            and m.sentence_index != mention.sentence_index  # "shell Hama province and air strikes hit X": two clauses, two events
            and _dates_touch(m.date, mention.date)
            and not _done_by_another(m, mention)
        ]
        if any(mention is s for s in summaries):
            precise = [m for m in precise if m.sentence_index > mention.sentence_index]  # the breakdown follows
        elif not _country_only(mention) or not precise:
            kept.append(mention)
            continue
        one = _one_place_told_next(mention, precise)
        if one is not None:
            # "Air strikes on a crowded market in a town in northwest Syria killed 18 ... / The strikes hit the
            # market in Maaret al-Numan": one place, named in the next sentence; the toll is that event's
            _attach_claims(one, mention.claims, [])
            one.evidence.append(f"toll of sentence {mention.sentence_index}, which names its one place next")
        for m in precise:
            m.evidence.append(f"summary sentence {mention.sentence_index} absorbed")
            if m.actor1 is None and mention.actor1:
                m.actor1 = mention.actor1
                m.evidence.append(f"actor1 from summary sentence {mention.sentence_index}: {mention.actor1!r}")
            if m.actor2 is None and mention.actor2 and m.actor1 == mention.actor1:
                # "conducted 34 strikes against ISIL terrorists", then "Near Ayn Isa, one strike destroyed
                # a repeater station": the breakdown's strikes were aimed at the same enemy
                m.actor2 = mention.actor2
                m.evidence.append(f"actor2 from summary sentence {mention.sentence_index}: {mention.actor2!r}")
            for resp in mention.responsibility:
                if len(precise) == 1 and not any(r.quote.start == resp.quote.start for r in m.responsibility):
                    m.responsibility.append(resp)
    return kept


# "in a town in northwest Syria", "on a village in Idlib province": one place the sentence does not name
_ONE_UNNAMED_PLACE = re.compile(r"\b(?:in|on|at|near)\s+a\s+(?:[\w'’-]+\s+){0,2}?(?:town|village|city|market|neighbou?rhood|camp)\s+"
                                r"(?:in|of|near)\b", re.I)


def _one_place_told_next(summary: EventMention, precise: list[EventMention]) -> EventMention | None:
    """The precise event a sentence placed only as "a town in <region>" tells next, when the next sentence places it."""
    if not any(c.killed for c in summary.claims) or not _ONE_UNNAMED_PLACE.search(summary.quote.text):
        return None
    after = [m for m in precise if m.sentence_index == summary.sentence_index + 1]
    return after[0] if len(after) == 1 else None


def _done_by_another(precise: EventMention, summary: EventMention) -> bool:
    """"A drone attack on the Erbil air base, claimed by the Islamic Resistance in Iraq ... Hours later,
    US aircraft struck three facilities in Iraq": the strikes answer the attack, they do not sum it up.
    Only a claim of responsibility names the precise event's side for sure (a raw actor1 "Turkish drone" is
    the side of a summary "Turkey carried out two strikes"); sharing no word with it is another side."""
    if not summary.actor1:
        return False
    doers = [r.actor for r in precise.responsibility if r.kind == "claimed"]
    filler = lexicon().actor_filler
    words = {w for w in re.findall(r"[\w'’-]+", summary.actor1.lower()) if w not in filler}
    sides = [{w for w in re.findall(r"[\w'’-]+", d.lower()) if w not in filler} for d in doers if d]
    return bool(words) and bool(sides) and all(not (words & side) for side in sides)


# --------------------------------------------------------------------------- coreference


_TOLD_IN = re.compile(r"^(?:coreferent mention .* in sentence|claims from sentence) (\d+)\b")


def _last_told(mention: EventMention) -> int:
    """The last sentence that told of the mention (its own, or one referring back to it)."""
    told = [int(m.group(1)) for e in mention.evidence if (m := _TOLD_IN.match(e))]
    return max([mention.sentence_index, *told])


def _antecedent(draft: EventDraft, when: TimeExpression | None, mentions: list[EventMention]) -> EventMention | None:
    """The earlier event a definite mention ("the strikes") refers to: the newest that fits, unless an older
    one that fits was told with the same word ("US aircraft struck ... the drone attack that killed three
    ... / the Observatory said the strikes killed 29": the strikes, not the drone attack)."""
    fitting = _fitting_antecedents(draft, when, mentions)  # newest first
    if not fitting:
        return None
    word = _trigger_stem(draft.trigger.text)
    return next((m for m in fitting if _trigger_stem(m.trigger.text) == word), fitting[0])


def _trigger_stem(text: str) -> str:
    """'strikes', 'struck', 'strike' -> 'strik'; 'drone attack' -> 'attack': the trigger's head word, crudely."""
    words = text.lower().split()
    word = lexicon().irregular_triggers.get(words[-1], words[-1]) if words else ""
    for suffix in ("ings", "ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _fitting_antecedents(draft: EventDraft, when: TimeExpression | None,
                         mentions: list[EventMention]) -> list[EventMention]:
    family = TYPE_FAMILY[SUB_EVENT_TO_TYPE[draft.sub_event_type]]
    fitting: list[EventMention] = []
    for mention in reversed(mentions):
        if TYPE_FAMILY[mention.event_type] != family:
            continue
        compatible_type = (
            mention.sub_event_type == draft.sub_event_type or draft.typed_by_default or not draft.specific
        )
        if not compatible_type:
            continue
        if when is not None and when.span is not None and mention.date.span is not None:
            if when.end < mention.date.start or mention.date.end < when.start:
                continue  # dates that cannot overlap: a different event
        if draft.places and mention.places:
            names = {p.text.lower() for p in mention.places}
            if not any(p.text.lower() in names for p in draft.places):
                continue
        fitting.append(mention)
    return fitting


def _absorb_into(mention: EventMention, draft: EventDraft, when: TimeExpression | None, sentence: Sentence) -> None:
    mention.evidence.append(f"coreferent mention {draft.trigger.text!r} in sentence {sentence.index}")
    mention.actor1 = mention.actor1 or draft.actor1
    mention.actor2 = mention.actor2 or draft.actor2
    for place in draft.places:
        if not any(p.span.start == place.span.start for p in mention.places):
            mention.places.append(place)
    mention.weapons += [w for w in draft.weapons if w not in mention.weapons]
    mention.targets += [t for t in draft.targets if t not in mention.targets]
    if when is not None and when.span is not None and (mention.date.span is None or when.precision < mention.date.precision):
        mention.date = when
        mention.evidence.append(f"date from coreferent mention: {when.basis}")
    if draft.specific and not _specific(mention) and draft.sub_event_type != mention.sub_event_type:
        mention.sub_event_type = draft.sub_event_type
        mention.event_type = SUB_EVENT_TO_TYPE[draft.sub_event_type]
        mention.plover_event, mention.plover_mode = plover_for(draft.sub_event_type)
        mention.evidence.append(f"type from coreferent mention -> {draft.sub_event_type}")


_FORCE_ON_PROTEST = ("Protest with intervention", "Excessive force against protesters")
_THEM = re.compile(r"\b(?:them|they|those)\b", re.I)


def _protest_referred_to(draft: EventDraft, sentence: Sentence, earlier: list[EventMention]) -> EventMention | None:
    """The peaceful protest told in the last few sentences that a force used without a place of its own refers back
    to ("... to disperse them", "... at the protesters")."""
    if draft.places:
        return None
    lo, hi = draft.clause_span
    clause = sentence.text[max(0, lo - sentence.start): hi - sentence.start]
    crowd = lexicon().protest_target_words
    if not (_THEM.search(clause) or any(f"the {w}" in clause.lower() for w in crowd)):
        return None
    protests = [m for m in earlier if m.sub_event_type == "Peaceful protest"
                and 0 < sentence.index - m.sentence_index <= ATTACH_WINDOW]
    return protests[-1] if protests else None


def _retype(mention: EventMention, sub_event_type: str, why: str) -> None:
    mention.sub_event_type = sub_event_type
    mention.event_type = SUB_EVENT_TO_TYPE[sub_event_type]
    mention.plover_event, mention.plover_mode = plover_for(sub_event_type)
    mention.evidence.append(f"type -> {sub_event_type}: {why}")


def _specific(mention: EventMention) -> bool:
    return "specific trigger" in mention.evidence


# --------------------------------------------------------------------------- responsibility, confidence


def _apply_responsibility(mention: EventMention) -> None:
    claimed = [r.actor for r in mention.responsibility if r.kind == "claimed"]
    blamed = {r.actor for r in mention.responsibility if r.kind == "blamed"}
    if claimed:
        if mention.actor1 != claimed[0]:
            mention.evidence.append(f"actor1 from claim of responsibility: {claimed[0]!r}")
        mention.actor1 = claimed[0]
    elif mention.actor1 is None and len(blamed) == 1:
        mention.actor1 = next(iter(blamed))
        mention.evidence.append(f"actor1 from the only attribution: {mention.actor1!r}")


def _confidence(mention: EventMention) -> float:
    score = 0.45
    if _specific(mention):
        score += 0.15
    if any(e.startswith("type by default") for e in mention.evidence):
        score -= 0.1
    if mention.actor1:
        score += 0.1
    if mention.actor2 or mention.targets:
        score += 0.05
    if mention.places:
        score += 0.1
    if mention.date.span is not None:
        score += 0.1
    if mention.claims or mention.responsibility:
        score += 0.05
    return round(max(0.1, min(0.95, score)), 2)
