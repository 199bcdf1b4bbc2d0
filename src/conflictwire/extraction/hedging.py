"""Is a trigger a real, past event, or only talked about?

News about conflict is full of attacks that did not happen: threats ("will respond at
times of our choosing"), plans ("options being considered include strikes"), analysis
("Iran may seek to strike"), negations ("no attacks were reported").  Precision before
recall, so the extract stage drops every trigger this module flags.

Two levels, both driven by ``knowledge/hedges.yaml``:

* sentence level: specific phrases (regexes) that poison every trigger in the sentence;
* trigger level, from the spaCy parse: a negation or modal auxiliary on the trigger or on
  the verb governing a nominal trigger, an infinitive trigger ("threatened *to strike*"),
  a conditional subordinator ("if they attack"), a negative determiner ("*no* attacks"),
  or an irrealis modifier ("*potential* targets").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from conflictwire import settings
from conflictwire.knowledge import Knowledge


@dataclass(frozen=True)
class HedgeLexicon:
    modals: frozenset[str]
    irrealis_governors: frozenset[str]
    irrealis_modifiers: frozenset[str]
    conditional_marks: frozenset[str]
    negative_determiners: frozenset[str]
    habitual_adverbs: frozenset[str]
    phase_verbs: frozenset[str]
    under_way_infinitives: frozenset[str]
    figurative_modifiers: frozenset[str]
    sentence_patterns: tuple[re.Pattern[str], ...]


def lexicon() -> HedgeLexicon:
    return lexicon_for(settings.knowledge())


@lru_cache(maxsize=4)
def lexicon_for(known: Knowledge) -> HedgeLexicon:
    data = known.load_lexicon("hedges.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []) or [])

    return HedgeLexicon(
        modals=words("modals"),
        irrealis_governors=words("irrealis_governors"),
        irrealis_modifiers=words("irrealis_modifiers"),
        conditional_marks=words("conditional_marks"),
        negative_determiners=words("negative_determiners"),
        habitual_adverbs=words("habitual_adverbs"),
        phase_verbs=words("phase_verbs"),
        under_way_infinitives=words("under_way_infinitives"),
        figurative_modifiers=words("figurative_modifiers"),
        sentence_patterns=tuple(re.compile(p, re.I) for p in data.get("sentence_patterns", []) or []),
    )


def sentence_hedge(text: str) -> str | None:
    """The hedging phrase that disqualifies the whole sentence, or None."""
    for pattern in lexicon().sentence_patterns:
        found = pattern.search(text)
        if found:
            return f"sentence cue {found.group(0).strip()!r}"
    return None


def trigger_hedge(token) -> str | None:  # token: spacy.tokens.Token
    """Why the event triggered at ``token`` is not a real past event, or None if it is."""
    lex = lexicon()
    # Nominal triggers inherit the modality of the verb they hang from ("did not
    # materialize", "may launch strikes"); walk up through a few noun/prep links.
    chain = [token]
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            break
        if head.dep_ in ("ccomp", "parataxis"):
            break  # reported speech: "officials said the strikes killed..." keeps its own modality
        head = head.head
        chain.append(head)
        if head.pos_ in ("VERB", "AUX"):
            break
    under_way = -1  # a phase verb whose infinitive the trigger is ("continue to target X"), itself unhedged
    for item in chain:
        for child in item.children:
            low = child.lower_
            if child.dep_ == "advmod" and low in lex.habitual_adverbs:
                return f"habitual ({child.text})"
            if child.dep_ == "neg":
                return f"negated ({child.text} {item.text})"
            if child.dep_ in ("aux", "auxpass") and (low in lex.modals or child.lemma_.lower() in lex.modals):
                return f"modal {child.text!r}"
            if child.dep_ == "mark" and low in lex.conditional_marks:
                return f"conditional {child.text!r}"
            if child.dep_ == "det" and low in lex.negative_determiners and item.i == token.i:
                return f"negative determiner {child.text!r}"
            if child.dep_ in ("amod", "compound") and low in lex.irrealis_modifiers and item.i == token.i:
                return f"irrealis modifier {child.text!r}"
            if child.dep_ in ("amod", "compound") and low in lex.figurative_modifiers and item.i == token.i:
                return f"figurative ({child.text} {token.text})"
        # "threatened to strike", "plans for strikes", "the threat of attacks"; but a trigger that is the
        # subject of a phase verb is under way: "clashes continue in X", "fighting began at dawn"
        if item.i != token.i and item.lemma_.lower() in lex.phase_verbs and len(chain) > 1 \
                and (chain[chain.index(item) - 1].dep_ in ("nsubj", "nsubjpass")
                     or (chain[chain.index(item) - 1].dep_ == "dobj" and token.pos_ in ("NOUN", "PROPN"))
                     or chain[chain.index(item) - 1].lower_ in ("by", "through", "with")):
            continue  # ... and "continue their shelling on X", "continues by assassinating X": it goes on
        if item.i != token.i and item.lemma_.lower() in lex.irrealis_governors and item.i != under_way:
            return f"governed by {item.text!r}"
        if item.pos_ == "VERB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in item.children):
            # an infinitive: "to strike", "vowed to launch attacks"
            governor = item.head
            if governor.i != item.i and governor.lemma_.lower() in lex.phase_verbs and item.dep_ == "xcomp" \
                    and item.lemma_.lower() in lex.under_way_infinitives:
                # "warplanes continue to escalate their shelling on X": under way, unless the phase verb is hedged
                outer = trigger_hedge(governor)
                if outer:
                    return outer
                under_way = governor.i
                continue
            if governor.i != item.i:
                return f"infinitive governed by {governor.text!r}"
    # "committed to carrying out attacks", "ready to strike": an irrealis word further up
    ancestor = chain[-1]
    for _ in range(4):
        if ancestor.head.i == ancestor.i or ancestor.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "acomp", "dobj", "conj"):
            break
        came_from = ancestor
        ancestor = ancestor.head
        if ancestor.lemma_.lower() in lex.phase_verbs and came_from.dep_ == "xcomp" and came_from.pos_ == "VERB" \
                and came_from.lemma_.lower() in lex.under_way_infinitives \
                and any(c.dep_ == "aux" and c.tag_ == "TO" for c in came_from.children):
            return trigger_hedge(ancestor)  # "warplanes continue to escalate their shelling": under way, unless hedged
        if ancestor.lemma_.lower() in lex.irrealis_governors:
            return f"governed by {ancestor.text!r}"
    # Conditional clause higher up: "if militias attack the base, ..."
    ancestor = token
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in lex.conditional_marks for c in ancestor.children):
            return "conditional clause"
        if ancestor.head.i == ancestor.i or ancestor.dep_ in ("ccomp", "parataxis"):
            break
        ancestor = ancestor.head
    return None
