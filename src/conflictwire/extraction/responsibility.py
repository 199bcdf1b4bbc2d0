"""Responsibility: who claimed an attack, who was blamed for it, who denied it.

Read from the dependency parse of one sentence:

* claimed  - "X claimed responsibility (for ...)", "X said it targeted ...",
             "X announced the targeting of Z base with drones";
* blamed   - "officials blamed X", "the attack was blamed on X", "Y pointed the finger at X",
             "Y accused X of carrying out the attack", "Y attributed the strike to X",
             "Y held X responsible";
* denied   - "Tehran denied being behind the attack", "X denied any involvement".

One ResponsibilityClaim per (kind, actor); conflicting attributions are all kept and
the extract stage decides whether one of them may set actor1.
"""

from __future__ import annotations

import re

from conflictwire.extraction.syntax import noun_phrase, resolve_relative
from conflictwire.models import ResponsibilityClaim, Sentence, Span

_ATTACK_WORDS = re.compile(
    r"\b(attack|strike|struck|target|bomb|shell|launch|carr|fir|behind|responsib|involve|role|raid|drone|rocket|missile)",
    re.I,
)
_SELF_PRONOUNS = frozenset({"it", "they", "we"})
# What a group claims or is blamed for ("claimed the attack", "blamed the bombing on X"): never the actor
_CLAIMED_DEEDS = frozenset({"attack", "bombing", "strike", "assault", "shelling", "operation", "killing", "assassination",
                            "blast", "explosion", "ambush", "raid", "kidnapping", "abduction", "massacre", "attacks",
                            "bombings", "strikes", "operations", "killings", "rocket", "drone", "explosions"})
_CLAIM_REGEX = re.compile(
    r"(?P<who>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al|of|in|and|the|for|al-\w+)){0,7})\s+"
    r"(?:has\s+|have\s+|had\s+)?claimed\s+(?:the\s+)?(?:responsibility|credit|(?:\w+\s+)?(?:attack|bombing|strike|assault|ambush)s?)\b"
)


def _negative(tok) -> bool:
    return tok.lower_ in ("nobody", "none", "no-one") or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


# Every lemma the loop in find_responsibility acts on.
_CLAIM_LEMMAS = frozenset({"claim", "accept", "assume", "bear", "announce", "say", "declare", "blame", "point",
                           "accuse", "attribute", "hold", "deny"})


def find_responsibility(sentence: Sentence, article_id: str | None = None) -> list[ResponsibilityClaim]:
    doc = sentence.doc
    quote = Span(sentence.start, sentence.end, sentence.text)
    if doc is None:
        m = _CLAIM_REGEX.search(sentence.text)
        return [ResponsibilityClaim(m.group("who"), m.group("who"), "claimed", quote, article_id)] if m else []
    found: list[ResponsibilityClaim] = []

    def add(claimant_tok, actor_tok, kind) -> None:
        if actor_tok is None or _negative(actor_tok) or (claimant_tok is not None and _negative(claimant_tok)):
            return  # "no group has claimed responsibility"
        for tok in [actor_tok, *actor_tok.conjuncts]:
            tok = resolve_relative(tok)
            actor = noun_phrase(tok)
            if not actor or tok.lower_ in ("he", "she", "him", "her", "i", "you"):
                continue
            claimant = noun_phrase(resolve_relative(claimant_tok)) if claimant_tok is not None else None
            if any(c.kind == kind and c.actor == actor for c in found):
                continue
            found.append(ResponsibilityClaim(claimant, actor, kind, quote, article_id))

    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in _CLAIM_LEMMAS:
            continue  # the dependents below are only read for these verbs (and cost 12% of extract)
        kids = list(tok.children)
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        subjpass = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        dobj = next((c for c in kids if c.dep_ == "dobj"), None)
        agent = next((g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        pobj = {c.lower_: next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None) for c in kids if c.dep_ == "prep"}

        if lemma in ("claim", "accept", "assume", "bear") and dobj is not None and dobj.lemma_.lower() in ("responsibility", "credit"):
            add(subj, subj, "claimed")
        elif lemma == "claim" and dobj is not None and dobj.lemma_.lower() in _CLAIMED_DEEDS and subj is not None \
                and not _ATTACK_WORDS.match(subj.lemma_):
            add(subj, subj, "claimed")  # "the Islamic Resistance in Iraq claimed the attack" (never "the attack claimed ...")
        elif lemma in ("claim",) and subjpass is not None and subjpass.lemma_.lower() == "responsibility":
            add(agent, agent, "claimed")
        elif lemma in ("announce", "say", "declare") and subj is not None and subj.lower_ not in _SELF_PRONOUNS | {"he", "she"}:
            # "X said it targeted the base", "X announced the targeting of Z base with drones"
            for c in kids:
                if c.dep_ == "ccomp" and c.pos_ == "VERB" and _ATTACK_WORDS.match(c.lemma_):
                    inner = next((g for g in c.children if g.dep_ == "nsubj"), None)
                    if inner is not None and inner.lower_ in _SELF_PRONOUNS:
                        add(subj, subj, "claimed")
            if dobj is not None and dobj.lemma_.lower() in ("targeting", "attack", "strike", "bombing", "shelling"):
                if not any(d.dep_ == "poss" for d in dobj.children):
                    add(subj, subj, "claimed")
        elif lemma == "blame":
            if dobj is not None and dobj.lemma_.lower() in _CLAIMED_DEEDS:
                # "Washington blamed the attack on Kataib Hezbollah": the last "on" (the parse often hangs it on "attack")
                ons = [pobj.get("on")] + [g for t in dobj.subtree if t.dep_ == "prep" and t.lower_ == "on"
                                          for g in t.children if g.dep_ == "pobj"]
                ons = [o for o in ons if o is not None]
                if ons:
                    add(subj, max(ons, key=lambda o: o.i), "blamed")
            elif dobj is not None and dobj.lemma_.lower() not in _CLAIMED_DEEDS:
                add(subj, dobj, "blamed")
            elif subjpass is not None and pobj.get("on") is not None:
                add(agent, pobj["on"], "blamed")
        elif lemma == "point" and dobj is not None and dobj.lemma_.lower() == "finger" and pobj.get("at") is not None:
            add(subj, pobj["at"], "blamed")
        elif lemma == "accuse" and dobj is not None and pobj.get("of") is not None:
            if _ATTACK_WORDS.search(" ".join(t.text for t in pobj["of"].subtree)):
                add(subj, dobj, "blamed")
        elif lemma == "attribute" and pobj.get("to") is not None:
            add(subj if subjpass is None else agent, pobj["to"], "blamed")
        elif lemma == "hold" and dobj is not None and any(c.lower_ == "responsible" for c in tok.subtree):
            add(subj, dobj, "blamed")
        elif lemma == "deny" and subj is not None:
            denied_text = " ".join(t.text for t in tok.subtree if t not in subj.subtree)
            if _ATTACK_WORDS.search(denied_text):
                add(subj, subj, "denied")
    return found
