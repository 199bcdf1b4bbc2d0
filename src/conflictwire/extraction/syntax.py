"""Syntax helpers shared by the extraction modules: per-Doc caches, wire datelines, noun
phrases, relative pronouns, clauses and spans on a spaCy parse.

``events``, ``casualties`` and ``responsibility`` read the parse through these; nothing here
knows about triggers or event types.  All offsets are article offsets (spaCy's
sentence-relative offsets plus ``Sentence.start``).
"""

from __future__ import annotations

import re

from conflictwire.dateline import DATELINE_PLACE, GLUED_DATELINE, SENTENCE_DATELINE, DIGEST_ITEM_HEAD
from conflictwire.models import Sentence, Span


_RELATIVE = {"which", "who", "that", "whom"}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "them", "him", "her", "us", "this", "these", "those"}
TIME_WORDS = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|morning|evening|night"
    r"|afternoon|dawn|week|month|year|weekend|january|february|march|april|may|june|july|august|september"
    r"|october|november|december)s?$",
    re.I,
)
DATELINE = GLUED_DATELINE  # the name events/actors.py imports (the patterns: conflictwire/dateline.py)


def dateline_end(text: str) -> int:
    """Length of a wire dateline at the start of ``text`` ("AMMAN - ", "ERBIL, Jan 25 (Levant Wire) - "),
    0 when there is none.  The dateline says where the reporter is, never where the event happened
    (ACLED ignores it), so its words fill no role and give no place."""
    m = SENTENCE_DATELINE.match(text)
    if not m or not any(c.isalpha() and c.isupper() for c in m.group(0)[:3]):
        return 0
    head = m.group(0).split(",")[0].strip(" -–—")
    if not head.replace(" ", "").replace("-", "").replace(".", "").isupper() or len(head) < 3:
        return 0
    return m.end()


def resolve_relative(token):
    """'which'/'who' in a relative clause -> the noun the clause hangs on."""
    if token is not None and token.lower_ in _RELATIVE:
        clause = token.head
        if clause.dep_ in ("relcl", "acl") and clause.head.i != clause.i:
            return clause.head
    return token


def noun_phrase(token) -> str | None:
    """The noun phrase headed by ``token``, without relative clauses, appositions, conjuncts or a leading article."""
    if token is None:
        return None
    cut = {"relcl", "acl", "appos", "conj", "cc", "punct", "prep", "advcl", "ccomp", "advmod"}
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in cut or (c.dep_ == "punct" and c.text in ("-", "–"))]
    while stack:
        item = stack.pop()
        keep.append(item)
        stack.extend(c for c in item.children if c.dep_ not in {"relcl", "acl", "appos", "conj", "cc", "advcl", "ccomp"})
    # hyphens inside names ("Al-Bukamal") are punct children: keep those between kept tokens
    indices = sorted(t.i for t in keep)
    lo, hi = indices[0], indices[-1]
    doc = token.doc
    dateline = dateline_end(doc_text(doc))
    while lo < hi and (doc[lo].idx < dateline or doc[lo].dep_ in ("det", "predet") and doc[lo].lower_ in ("the", "a", "an", "some", "all")
                       or doc[lo].lower_ in ("suspected", "alleged")):
        lo += 1  # "Suspected Islamic State gunmen": the suspicion is the claimant's hedge, the actor is the rest
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    if lo > token.i or hi < token.i:
        lo, hi = token.i, token.i
    if token.ent_iob_ in ("B", "I") and token.ent_type_ in ("ORG", "GPE", "NORP", "PERSON", "FAC"):
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:  # "the Islamic Resistance in Iraq": the name runs past the head
            hi = max(hi, ent.end - 1)
            lo = min(lo, ent.start)
            while lo < hi and doc[lo].lower_ in ("the", "a", "an"):
                lo += 1
            if doc[hi].pos_ == "ADP":  # spaCy's entity stops at "in": take the name after it too
                pobj = next((c for c in doc[hi].children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
                hi = pobj.i if pobj is not None else hi - 1
    if token.pos_ == "PROPN" and hi == token.i and any(doc[i].pos_ == "PROPN" for i in range(lo, token.i)):
        # "the Islamic Resistance in Iraq" parsed without an entity: a multi-word name runs on over "in <Country>"
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == token.i + 1), None)
        place = pobj_of(prep) if prep is not None else None
        if place is not None and place.ent_type_ == "GPE" and place.i == token.i + 2:
            hi = place.i
    text = DATELINE.sub("", doc[lo : hi + 1].text)
    if not text or DATELINE_PLACE.match(text):
        return None
    return text


def token_span(sentence: Sentence, doc, lo: int, hi: int) -> Span:
    """Article span of tokens lo..hi (inclusive)."""
    start = sentence.start + doc[lo].idx
    end = sentence.start + doc[hi].idx + len(doc[hi].text)
    return Span(start, end, sentence.text[start - sentence.start : end - sentence.start])


_TEXT_KEY = "conflictwire.text"
CONTENT_KEY = "conflictwire.content_tokens"  # public: a parse repair that changes a lemma drops it


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy re-joins every token's text on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def content_tokens(doc) -> tuple[list, list[tuple[str, str]]]:
    """The tokens lexicon phrases are matched on (dashes left out) and their forms, once per Doc."""
    cached = doc.user_data.get(CONTENT_KEY)
    if cached is None:
        tokens = [t for t in doc if t.text not in ("-", "–")]
        cached = doc.user_data[CONTENT_KEY] = (tokens, [_forms(t) for t in tokens])
    return cached


def release_doc_caches(doc) -> None:
    """Drop the per-Doc caches (call when done with the Doc)."""
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(CONTENT_KEY, None)


def _forms(token) -> tuple[str, str]:
    """The two forms a lexicon word is compared with: lower-cased text and lower-cased lemma."""
    return token.lower_, token.lemma_.lower()


def past_dateline(tok):
    """A subject the parser took from the dateline ("ERBIL, Jan 25 (Levant Wire) - The Islamic
    Resistance in Iraq said ...": ERBIL is the subject, the real one its apposition) -> the real one.
    A digest item's head too ("5 February - Deir ez-Zor, Syria: A drone hit ...": Zor and drone are both
    subjects of hit): the real one is then the verb's other subject after the head."""
    if tok is None:
        return None
    text = doc_text(tok.doc)
    item = DIGEST_ITEM_HEAD.match(text)
    end = max(dateline_end(text), item.end() if item else 0)
    if tok.idx >= end:
        return tok
    found = next((c for c in tok.children if c.dep_ == "appos" and c.idx >= end), None)
    if found is None and item is not None:
        found = next((c for c in tok.head.children if c.dep_ == tok.dep_ and c.idx >= end), None)
    return found


def pobj_of(prep):
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def is_time(tok) -> bool:
    if TIME_WORDS.match(tok.lower_):
        # "broke up a march by activists": a month is written with a capital, a march or a "may" is not
        return not (tok.lower_ in ("march", "marches") and tok.text[0].islower())
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    # "February 8 - Gunmen killed ...": a digest item's date runs into its first word, which is no time
    return not (tok.i > 0 and tok.doc[tok.i - 1].text in ("-", "–", "—") and not tok.like_num)


def clause_tokens(root):
    """Tokens of the event's clause: the root's subtree minus embedded clauses."""
    cut = {"ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj", "pcomp"}
    result = []
    stack = [root]
    while stack:
        tok = stack.pop()
        result.append(tok)
        for c in tok.children:
            if c.dep_ in cut and c.i != root.i and not (tok.i == root.i and _victims_doing(root, c)):
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and tok.i == root.i and (
                any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) or root.pos_ not in ("VERB", "AUX")
            ):
                continue  # a conjoined verb with its own subject is another clause; one sharing ours goes on telling it
            stack.append(c)
    return result


def _victims_doing(root, clause) -> bool:
    """'killed five people collecting truffles near X': the parse makes the victims the subject of what
    they were doing; that participle clause is where they were killed (see events.arguments)."""
    return clause.dep_ in ("advcl", "ccomp") and clause.tag_ == "VBG" and root.pos_ == "VERB" \
        and not any(c.dep_ in ("dobj", "obj") for c in root.children) \
        and any(g.dep_ == "nsubj" and g.pos_ in ("NOUN", "NUM") for g in clause.children)


def is_headline(text: str) -> bool:
    """A headline or wire snippet: short and without closing punctuation.  Headlines tell news in the
    present tense ("Clashes leave 10 dead"), so there the present is no sign of a habit."""
    stripped = text.strip()
    return bool(stripped) and stripped[-1] not in ".!?\"'”’)" and len(stripped.split()) <= 25


_ARG_LINKS = {"dobj", "obj", "nsubj", "nsubjpass", "pobj", "prep", "agent", "compound", "conj", "attr", "prt", "acl"}


def near_ancestor(tok, ancestor, hops: int = 3) -> bool:
    """``ancestor`` is reached from ``tok`` within a few argument links (not across clauses or appositions)."""
    for _ in range(hops):
        if tok.head.i == tok.i or tok.dep_ not in _ARG_LINKS:
            return False
        tok = tok.head
        if tok.i == ancestor.i:
            return True
    return False
