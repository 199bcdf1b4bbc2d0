"""Part of the *annotate* stage: the headline-verb repair as a spaCy component.

``annotate.load_parser`` adds it last, after the parser and the entity recogniser, so every Doc
the pipeline returns is already repaired and no later stage calls back into annotate.  For each
batch of Docs it asks the rules (``extraction/events/headline.py``: ``HeadlineRepair``) which
re-parses to try, runs all of them through the rest of the pipeline in one ``nlp.pipe`` call
(one ``nlp()`` call per variant cost ~5 ms each), and gives each Doc its first accepted variant:
the same choice as trying them one by one.  Last, verb forms of the lexicon's verbs get their
base as lemma where the small model's lemmatizer is wrong ("raped" -> "rap"; ``fix_lemmas``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from conflictwire.extraction.events.headline import HeadlineRepair, fix_lemmas

COMPONENT = "conflictwire_headline_repair"


class HeadlineRepairComponent:
    """Replaces a headline's Doc by its re-parse with the verb in the past tense, when the rules accept it."""

    def __init__(self, nlp: Language, name: str = COMPONENT) -> None:
        self.nlp = nlp
        self.name = name
        self.rules = HeadlineRepair()

    def __call__(self, doc: Doc) -> Doc:
        return self._repair([doc], batch_size=1)[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._repair(list(batch), batch_size)

    def _repair(self, docs: list[Doc], batch_size: int) -> list[Doc]:
        repaired = self._reparsed(docs, batch_size)
        for doc in repaired:
            fix_lemmas(doc)
        return repaired

    def _reparsed(self, docs: list[Doc], batch_size: int) -> list[Doc]:
        wanted = [(position, index, words) for position, doc in enumerate(docs)
                  for index, words in self.rules.variants(doc)]
        if not wanted:
            return docs
        tries = [Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in docs[position]])
                 for position, _, words in wanted]
        repaired = list(docs)
        done: set[int] = set()
        reparsed_docs = self.nlp.pipe(tries, batch_size=batch_size, disable=[self.name])
        for (position, index, _), reparsed in zip(wanted, reparsed_docs):
            if position in done:
                continue
            fixed = self.rules.accept(docs[position], reparsed, index)
            if fixed is not None:
                repaired[position] = fixed
                done.add(position)
        return repaired


@Language.factory(COMPONENT)
def make_headline_repair(nlp: Language, name: str) -> HeadlineRepairComponent:
    return HeadlineRepairComponent(nlp, name)
