"""A cached drop-in for spaCy's rule lemmatizer: the same lemmas, set a document at a time.

Part of the *annotate* stage (``annotate.load_parser`` swaps it in).  spaCy's English rule
lemmatizer is a pure function of a token's (ORTH, POS, MORPH): it caches its answer under that
very key.  But it visits every token as a Python ``Token`` object, builds its morphology object
to make the key and writes the lemma back through the string store: on real text that cost
as much as the dependency parser (7-13 CPU ms per ~750-word article).

This component reads the (ORTH, POS, MORPH, LEMMA) columns of a whole Doc with ``to_array``,
looks every token up in its own cache of the same key, asks the original lemmatizer only on a
miss, and writes the LEMMA column back with ``from_array``.  Tokens that already carry a lemma
(the attribute ruler sets some) are left alone unless the lemmatizer overwrites, as spaCy's own
``__call__`` does: the lemmas are identical.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

_COLUMNS = [ORTH, POS, MORPH, LEMMA]
FACTORY = "conflictwire_cached_lemmatizer"


class CachedLemmatizer:
    """Wraps a rule-mode ``Lemmatizer``; called like it (``__call__`` and ``pipe``)."""

    def __init__(self, lemmatizer: Lemmatizer | None = None) -> None:
        self.cache: dict[tuple[int, int, int], int] = {}
        if lemmatizer is not None:
            self.wrap(lemmatizer)

    def wrap(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = lemmatizer.overwrite
        self.strings = lemmatizer.vocab.strings
        self.cache.clear()
        _index_as_sets(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array(_COLUMNS)
        lemmas = columns[:, 3].copy()
        cache = self.cache
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(numpy.uint64))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """The rule lemmatizer asks ``form in index`` of its word index for every rule whose suffix a
    word ends with, and the model ships each part of speech's index as a list (57,528 nouns): a
    linear scan per rule, ~0.2 ms per new word.  The same words as a frozenset give the same answers."""
    index = lemmatizer.lookups.get_table("lemma_index", None) if lemmatizer.lookups.has_table("lemma_index") else None
    for key, words in list((index or {}).items()):
        if isinstance(words, list):
            index[key] = frozenset(words)


def use_cache(nlp: Language, name: str = "lemmatizer") -> bool:
    """Wrap the pipeline's rule lemmatizer in the cached one; False (pipeline untouched) when there
    is no rule-mode lemmatizer under ``name``."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    cached = nlp.replace_pipe(name, FACTORY)
    cached.wrap(lemmatizer)  # the original answers every key the cache has not seen yet
    return True


@Language.factory(FACTORY)
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer()
