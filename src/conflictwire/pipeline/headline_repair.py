"""Part of the *annotate* stage: the headline-verb repair as a spaCy component.

``annotate.load_parser`` adds it last, after the parser and the entity recogniser, so every Doc
the pipeline returns is already repaired and no later stage calls back into annotate.  For each
batch of Docs it asks the rules (``extraction/events/headline.py``: ``HeadlineRepair``) which
re-parses to try, runs all of them through the rest of the pipeline in one ``nlp.pipe`` call
(one ``nlp()`` call per variant cost ~5 ms each), and gives each Doc its first accepted variant:
the same choice as trying them one by one.  The entity recogniser runs only on the accepted
variants (the rules read no entities, and nothing else in the pipeline reads the recogniser's).
Last, verb forms of the lexicon's verbs get their base as lemma where the small model's
lemmatizer is wrong ("raped" -> "rap"; ``fix_lemmas``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from conflictwire.extraction.events.headline import HeadlineRepair, fix_lemmas

COMPONENT = "conflictwire_headline_repair"
# Components whose output the repair rules never read: run only on the accepted re-parses.
ENTITY_COMPONENTS = ("ner",)


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
        # The entity recogniser reads nothing the other components write (its own tok2vec) and the
        # rules never read entities: the re-parses are tried without it, and only the accepted ones
        # (a fraction of those tried) get their entities, the same as a full run would have given them.
        ner = [name for name in ENTITY_COMPONENTS if name in self.nlp.pipe_names]
        chosen: dict[int, tuple[Doc, int]] = {}
        for (position, index, _), reparsed in zip(wanted, self.nlp.pipe(tries, batch_size=batch_size,
                                                                        disable=[self.name, *ner])):
            if position not in chosen and self.rules.accepts(docs[position], reparsed, index):
                chosen[position] = (reparsed, index)
        reparsed_docs = [reparsed for reparsed, _ in chosen.values()]
        for name in ner:
            reparsed_docs = list(self.nlp.get_pipe(name).pipe(reparsed_docs, batch_size=batch_size))
        repaired = list(docs)
        for (position, (_, index)), reparsed in zip(chosen.items(), reparsed_docs):
            repaired[position] = self.rules.accept(docs[position], reparsed, index) or docs[position]
        return repaired


@Language.factory(COMPONENT)
def make_headline_repair(nlp: Language, name: str) -> HeadlineRepairComponent:
    return HeadlineRepairComponent(nlp, name)
