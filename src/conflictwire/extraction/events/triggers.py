"""Finding triggers and weapon terms in a parsed sentence (lexicon phrases matched on token
text or lemma, verb + particle, part-of-speech checks), and the head token of a multi-word trigger.
"""

from __future__ import annotations

from conflictwire.extraction.events.lexicon import (
    TriggerRule,
    WeaponTerm,
    entries_for,
    forms_match,
    lexicon,
    rule_index,
    weapon_index,
)
from conflictwire.extraction.syntax import content_tokens


def weapon_matches(doc) -> dict[int, WeaponTerm]:
    """Token index -> weapon term, for every token covered by a weapon phrase."""
    found: dict[int, WeaponTerm] = {}
    tokens, forms = content_tokens(doc)
    terms = lexicon().weapon_terms
    index = weapon_index()
    for pos in range(len(tokens)):
        if tokens[pos].i in found:
            continue
        for position in entries_for(index, forms[pos]):
            term = terms[position]
            n = len(term.words)
            if term.noun_only and not _used_as_noun(tokens[min(pos + n, len(tokens)) - 1]):
                continue
            if pos + n <= len(tokens) and all(forms_match(f, w) for f, w in zip(forms[pos : pos + n], term.words)):
                for t in tokens[pos : pos + n]:
                    found[t.i] = term
                break
    return found


def _used_as_noun(tok) -> bool:
    """A noun in use ("defused a bomb"), not a verb, nor a modifier: "bomb squad", or a verb the parser hung on
    a name ("factions bomb al-Thala airbase")."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound"


def match_triggers(doc) -> list[tuple[list, TriggerRule]]:
    """Non-overlapping trigger matches: (tokens, rule), longest and highest priority first."""
    return [(toks, rules[0]) for toks, rules in match_trigger_options(doc)]


def match_trigger_options(doc) -> list[tuple[list, list[TriggerRule]]]:
    """Like ``match_triggers``, with every rule that matches the chosen tokens, best first: "seized"
    is a territorial gain with a place as object and a weapons seizure with weapons, so the caller
    takes the first rule whose requirement the sentence meets."""
    candidates: list[tuple[list, TriggerRule]] = []
    tokens, forms = content_tokens(doc)
    rules = lexicon().rules
    index = rule_index()
    for pos, token in enumerate(tokens):
        for position in entries_for(index, forms[pos]):
            rule = rules[position]
            words = rule.words
            if len(words) == 2 and words[1] in ("down", "out", "up", "over") and rule.pos is None:
                # verb + particle: "shot down", "shot the drone down", "pulled out"
                if token.pos_ in ("VERB", "AUX"):
                    # the parser also hangs the particle as a preposition or adverb right after the verb
                    # ("took over the town", "pulled out of X", "shot down 23 of the 31 drones")
                    prt = [c for c in token.children if c.lower_ == words[1] and (
                        c.dep_ == "prt" or (c.dep_ in ("prep", "advmod") and c.i == token.i + 1))]
                    if prt:
                        candidates.append(([token, prt[0]], rule))
                continue
            n = len(words)
            if pos + n > len(tokens) or not all(forms_match(f, w) for f, w in zip(forms[pos : pos + n], words)):
                continue
            window = tokens[pos : pos + n]
            head = window[-1]
            if rule.pos == "VERB" and head.pos_ not in ("VERB",):
                continue
            if rule.pos == "NOUN" and head.pos_ not in ("NOUN", "PROPN"):
                continue
            if len(words) == 1 and rule.pos is None and head.pos_ not in ("NOUN", "PROPN", "VERB"):
                continue
            candidates.append((window, rule))
    candidates.sort(key=lambda c: (-len(c[0]), -c[1].priority))
    taken: set[int] = set()
    chosen: list[tuple[list, list[TriggerRule]]] = []
    for toks, rule in candidates:
        if any(t.i in taken for t in toks):
            same = next((options for window, options in chosen if [t.i for t in window] == [t.i for t in toks]), None)
            if same is not None and rule not in same:
                same.append(rule)
            continue
        taken.update(t.i for t in toks)
        chosen.append((toks, [rule]))
    return sorted(chosen, key=lambda c: c[0][0].i)


def head_token(toks):
    """The syntactic head of a multi-token trigger (the token whose head is outside the group)."""
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]
