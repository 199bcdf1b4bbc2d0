"""Which sentences are worth a spaCy parse: a cheap regex over the word beginnings of every
lexicon the extraction reads (event triggers, casualty words, speech acts, tallies).

The annotate stage parses only the sentences this filter passes (``ingest`` hands it over);
a word added to a trigger, statement or tally lexicon reaches the filter by itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from conflictwire.extraction import statements as statements_mod
from conflictwire.extraction import tallies as tallies_mod
from conflictwire.extraction.events import candidate_stems
from conflictwire.models import Sentence

# Word beginnings; a trailing "\\b" means the word must end there ("dead", not "deadline").
_CASUALTY_STEMS = ["kill", "dead\\b", "death", "died\\b", "injur", "wound", "casualt", "captur"]


def candidate_filter() -> Callable[[str], bool]:
    """Cheap regex test: is this sentence worth a spaCy parse?

    The ~300 word beginnings of the trigger, casualty and speech-act lexicons are compiled into
    one trie-shaped regex ("\\b(?:a(?:ttack|rrest)|...)"): the same sentences pass as with a plain
    alternation, 4x faster (the plain one cost 3.6 ms per bench article)."""
    stems = list(candidate_stems()) + _CASUALTY_STEMS
    patterns: list[str] = []
    for stem_source, pattern_source in ((statements_mod.candidate_stems, statements_mod.candidate_phrase_patterns),
                                        (lambda: [], tallies_mod.candidate_patterns)):
        try:
            stems += stem_source()
            patterns += pattern_source()
        except Exception:  # a sibling module's bug must not stop parsing for events
            pass
    pattern = re.compile("|".join([stem_trie_pattern(stems), *(f"(?:{p})" for p in patterns)]), re.I)
    return lambda text: pattern.search(text) is not None


def stem_trie_pattern(stems: list[str]) -> str:
    """A regex matching wherever any stem starts a word, its alternatives shared as a trie.

    A space in a stem matches any run of whitespace; a trailing "\\b" requires the word to end.
    Once a stem is complete, longer stems through it add nothing to a search, so they are dropped."""
    trie: dict[str, dict] = {}
    for stem in stems:
        node = trie
        for atom in _stem_atoms(stem.lower()):
            node = node.setdefault(atom, {})
        node.clear()
        node[""] = {}
    return r"\b" + _trie_regex(trie)


def _stem_atoms(stem: str) -> list[str]:
    word_end = stem.endswith("\\b")
    return [*(stem[:-2] if word_end else stem), *(["\\b"] if word_end else [])]


def _trie_regex(node: dict[str, dict]) -> str:
    if "" in node:
        return ""
    branches = [(r"\s+" if atom == " " else atom if atom == "\\b" else re.escape(atom)) + _trie_regex(child)
                for atom, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def entity_gate() -> Callable[[Sentence], bool]:
    """Does anything the extraction finds in this parsed sentence (parsed without the entity
    recogniser) depend on entities?  False only when no finder can find anything in it, whatever
    its entities: no count a tally starts from, no event trigger the parse matches, no statement
    verb or threat or obligation report, no casualty count in its text, no responsibility claim.

    Every test is one the finder itself makes before it reads an entity (tallies: the count regex;
    triggers: the lexicon's rules against the words and parts of speech; statements: ``may_state``;
    casualty claims: regexes over the text, the claimant read only once a count is found;
    responsibility: verbs, lemmas and dependencies, entities read only for the claimant's phrase),
    so a sentence the gate passes over gives the same (empty) output without entities.
    ``annotate`` runs the recogniser on the sentences the gate passes and on the few before each
    (``entity_reach``), whose topic or speaker a later sentence may take.
    """
    from conflictwire.extraction.casualties import find_casualty_claims
    from conflictwire.extraction.events.triggers import match_trigger_options
    from conflictwire.extraction.responsibility import find_responsibility

    count = tallies_mod.lexicon().count

    def needs_entities(sentence: Sentence) -> bool:
        return (
            count.search(sentence.text) is not None
            or bool(match_trigger_options(sentence.doc))
            or statements_mod.may_state(sentence.doc)
            or bool(find_casualty_claims(sentence))
            or bool(find_responsibility(sentence))
        )

    return needs_entities


def entity_reach() -> int:
    """How many sentences back a sentence's extraction reads another's entities: the topic of
    "the group" (``extract.REFERENCE_WINDOW``) and the speaker of "it said" (``statements.PRONOUN_REACH``);
    claims attach to events of earlier sentences (``extract.ATTACH_WINDOW``), which the gate passed."""
    from conflictwire.pipeline import extract

    return max(extract.REFERENCE_WINDOW, extract.ATTACH_WINDOW, statements_mod.PRONOUN_REACH)
