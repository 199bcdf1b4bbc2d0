"""The headline-verb repair.

Headlines use the present tense without articles ("Iraqi police arrest ISIS suspects", "Israeli
artillery shells villages"), and the small parser then often reads the verb as a noun.  The repair
re-parses the sentence with that one word in the past tense (which it tags reliably) and copies the
parse back onto the original words, so every offset and every word stays verbatim.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER, TAG

from conflictwire import settings
from conflictwire.extraction.events.lexicon import lexicon_for
from conflictwire.knowledge import Knowledge


_IRREGULAR_PAST = {
    "shoot": "shot", "take": "took", "retake": "retook", "overrun": "overran", "strike": "struck", "hit": "hit",
    "set": "set", "beat": "beat", "throw": "threw", "blow": "blew", "bring": "brought", "fight": "fought",
    "withdraw": "withdrew", "hold": "held", "lead": "led", "seize": "seized", "free": "freed", "kidnap": "kidnapped",
    "down": "downed", "pull": "pulled", "hurl": "hurled", "stab": "stabbed", "rob": "robbed", "ban": "banned",
    "agree": "agreed", "sign": "signed", "open": "opened", "loot": "looted", "rape": "raped", "torch": "torched",
}


def _past_of(base: str) -> str:
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def _headline_forms() -> dict[str, str]:
    """Present-tense form ('shells', 'arrest') -> past tense ('shelled', 'arrested')."""
    return _headline_forms_for(settings.knowledge())


@lru_cache(maxsize=4)
def _headline_forms_for(known: Knowledge) -> dict[str, str]:
    forms: dict[str, str] = {}
    for base in lexicon_for(known).headline_verbs:
        past = _past_of(base)
        third = base + ("es" if re.search(r"(s|sh|ch|x|z)$", base) else "s")
        if base.endswith("y") and base[-2] not in "aeiou":
            third = base[:-1] + "ies"
        forms[base] = past
        forms[third] = past
    return forms


def _headline_pasts() -> frozenset[str]:
    """The past tenses of ``_headline_forms``."""
    return _headline_pasts_for(settings.knowledge())


@lru_cache(maxsize=4)
def _headline_pasts_for(known: Knowledge) -> frozenset[str]:
    return frozenset(_headline_forms_for(known).values())


def _inflections(base: str) -> list[str]:
    """Regular inflected forms of a verb: past, third person, -ing ("rape" -> raped, rapes, raping)."""
    third = base + ("es" if re.search(r"(s|sh|ch|x|z)$", base) else "s")
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    return [_past_of(base), third, ing]


def lemma_fixes() -> dict[str, str]:
    """Inflected form -> base of the lexicon's verbs, for the words the small model's lemmatizer gets
    wrong ("raped" -> "rap", "staged" -> "stag"): a trigger is matched on its lemma."""
    return _lemma_fixes_for(settings.knowledge())


@lru_cache(maxsize=4)
def _lemma_fixes_for(known: Knowledge) -> dict[str, str]:
    lex = lexicon_for(known)
    bases = set(lex.headline_verbs) | set(lex.support_verbs)
    bases |= {r.words[0] for r in lex.rules if r.pos == "VERB" and len(r.words) == 1}
    fixes: dict[str, str] = {}
    for base in sorted(bases):
        for form in _inflections(base):
            fixes.setdefault(form, base)
    return fixes


def plural_fixes() -> dict[str, str]:
    """Plural -> singular of the lexicon's nouns (trigger and weapon words), for Title Case headlines,
    whose words the tagger takes for names and lemmatizes as written ("Violent Clashes continue")."""
    return _plural_fixes_for(settings.knowledge())


@lru_cache(maxsize=4)
def _plural_fixes_for(known: Knowledge) -> dict[str, str]:
    lex = lexicon_for(known)
    nouns = {w for r in lex.rules if r.pos != "VERB" for w in r.words} | {w for t in lex.weapon_terms for w in t.words}
    fixes: dict[str, str] = {}
    for noun in sorted(n for n in nouns if n.isalpha() and len(n) > 2):
        fixes.setdefault(noun + ("es" if re.search(r"(s|sh|ch|x|z)$", noun) else "s"), noun)
    return fixes


def fix_lemmas(doc) -> None:
    """Give a verb form of a lexicon verb its base as lemma when the lemmatizer got it wrong, and a
    lexicon noun written in Title Case and tagged a name its singular."""
    fixes, plurals = lemma_fixes(), plural_fixes()
    if not len(doc):
        return
    strings = doc.vocab.strings  # the columns of the whole Doc at once: no Token object per token
    for i, (lower_hash, tag_hash, lemma_hash) in enumerate(doc.to_array([LOWER, TAG, LEMMA]).tolist()):
        lower, tag = strings[lower_hash], strings[tag_hash]
        base = fixes.get(lower)
        if base is not None and strings[lemma_hash] != base and tag.startswith("VB"):
            doc[i].lemma_ = base
        elif tag in ("NNP", "NNPS") and lower in plurals:
            doc[i].lemma_ = plurals[lower]


class HeadlineRepair:
    """The headline-verb repair's rules: which re-parses to try for a sentence, and whether a
    re-parse is better than the original (run by the spaCy component ``pipeline/headline_repair.py``)."""

    def variants(self, doc) -> list[tuple[int, list[str]]]:
        """Re-parses to try, in order, when the sentence reads as a headline whose verb the parser
        took for a noun: (index of the word, the words with that one in the past tense)."""
        if doc is None or len(doc) > 30:
            return []
        # "IS executes 24 civilians", "killed in IS attack": the group's initials read as the verb "is"
        group_initials = [(t.i, [w.text if w.i != t.i else "ISIS" for w in doc]) for t in doc
                          if t.text == "IS" and t.pos_ in ("AUX", "VERB") and not doc.text.isupper()] if "IS" in doc.text else []
        if group_initials:
            return group_initials
        forms = _headline_forms()
        pasts = _headline_pasts()
        strings = doc.vocab.strings  # a word after the first that is a headline form or its past, else nothing to try
        if not any(strings[lower] in forms or strings[lower] in pasts for lower in doc.to_array(LOWER).tolist()[1:]):
            return []
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None:
            return []
        if root.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in root.children):
            return []  # "officials have urged ...", "no attacks were reported": a full clause, not a headline
        # a verb root may be a misread noun too ("Coalition airstrikes/VERB kill/xcomp civilians"): then only
        # a present-tense headline verb after a noun, without a subject of its own, is tried
        verb_root = root.pos_ in ("VERB", "AUX") and root.tag_ != "VBN"
        light = lexicon_for(settings.knowledge()).headline_light_objects
        variants = []
        for tok in doc:
            # a Title Case past tense the tagger took for a name ("Regime Forces Retook Hill In ..."): lower-cased
            title_past = tok.lower_ in pasts and tok.pos_ in ("PROPN", "NOUN") and tok.is_title
            if tok.i == 0 or (tok.lower_ not in forms and not title_past) or (tok.pos_ == "VERB" and tok.dep_ == "ROOT"):
                continue
            if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[: tok.i]):
                continue
            if verb_root and tok.dep_ == "dobj" and tok.head.i == root.i and tok.lower_ in light:
                continue  # "ISIS sets fire to crops": the light verb's object, never a verb of its own
            if verb_root and (
                    doc[tok.i - 1].pos_ not in ("NOUN", "PROPN") and tok.i - 1 != root.i or tok.tag_ in ("VBD", "VBN", "VBG")
                    or tok.dep_ in ("nsubj", "nsubjpass")  # "Islamic State attack kills ...": a subject
                    or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in tok.children)):
                continue
            words = [t.text for t in doc]
            words[tok.i] = tok.lower_ if title_past else forms[tok.lower_]
            variants.append((tok.i, words))
        return variants

    def accept(self, original, reparsed, index: int):
        """The original words with the re-parse, when it makes the replaced word the main verb
        (so "Chemical attack on Douma kills dozens" is left alone), or "IS" a name; None otherwise."""
        return _transplant(original, reparsed) if self.accepts(original, reparsed, index) else None

    def accepts(self, original, reparsed, index: int) -> bool:
        """Whether ``accept`` takes the re-parse (read from parts of speech and dependencies, never entities),
        without building the Doc."""
        if original[index].text == "IS":
            return reparsed[index].pos_ in ("PROPN", "NOUN")
        if any(o.text == "IS" and o.pos_ in ("PROPN", "NOUN") and r.pos_ in ("AUX", "VERB") for o, r in zip(original, reparsed)):
            return False  # "killed in IS attack" -> "killed in IS attacked": the group became the verb "is"
        new_root = next((t for t in reparsed if t.dep_ == "ROOT"), None)
        if new_root is None or new_root.i != index or new_root.pos_ != "VERB":
            return False
        old_root = next((t for t in original if t.dep_ == "ROOT"), None)
        # the original had a verb: take the re-parse only when it gives the new verb a subject
        return not (old_root is not None and old_root.pos_ in ("VERB", "AUX") and old_root.tag_ != "VBN"
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in new_root.children))


def _transplant(original, parsed):
    """The original words with the parse of ``parsed`` (same tokenisation)."""
    from spacy.tokens import Doc

    return Doc(
        original.vocab,
        words=[t.text for t in original],
        spaces=[bool(t.whitespace_) for t in original],
        heads=[t.head.i for t in parsed],
        deps=[t.dep_ for t in parsed],
        pos=[t.pos_ for t in parsed],
        tags=[t.tag_ for t in parsed],
        lemmas=[t.lemma_ for t in parsed],
        ents=[t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") if t.ent_iob_ else "O" for t in parsed],
    )
