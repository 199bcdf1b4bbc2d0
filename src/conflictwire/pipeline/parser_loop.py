"""Part of the *annotate* stage: spaCy's dependency parser, its greedy loop driven from Python.

spaCy's ``Parser.greedy_parse`` runs its transition loop inside ``with nogil``; in the installed build
every inline state accessor of that loop (``StateC::B``, ``S``, ``safe_get``...) calls
``PyGILState_Ensure``/``Release``, so each call takes and drops the real GIL (docs/performance.md,
sixth pass).  With the GIL held those calls are cheap.  This wrapper runs the same loop one step at a
time from Python, holding the GIL throughout, and leaves every decision to spaCy's own code:

* the states: ``moves.init_batch``, as ``greedy_parse``;
* each step's features: ``ParserStepModel.get_token_ids`` (spaCy's ``set_context_tokens``);
* each step's scores: the same arithmetic as spaCy's ``predict_states`` (the model's precomputed
  ``lower`` output summed feature by feature from zero, its bias, maxout as thinc's ``Vec.arg_max``, the
  same BLIS ``sgemm`` for the output layer, its bias, unseen classes set to the batch minimum);
* the action: ``Parser.transition_states`` (spaCy's ``set_valid``, ``arg_max_if_valid`` and the
  action itself), then ``set_annotations`` with the parser's own post-processing.

spaCy's batching is kept (batches sorted by length, parsed a quarter at a time).  The parses are
identical to spaCy's: ``tests/test_annotate.py`` compares heads, labels and sentence starts.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy
from spacy.language import Language
from spacy.ml.parser_model import ParserStepModel
from spacy.pipeline import DependencyParser
from spacy.tokens import Doc

from conflictwire.pipeline.transition_step import TransitionWrapper, replace_component

FACTORY = "conflictwire_parser_loop"


class ParserLoop(TransitionWrapper):
    """Wraps a stock ``DependencyParser``; called like it (``__call__`` and ``pipe``)."""

    def wrap(self, parser: Any) -> None:
        super().wrap(parser)
        self.n_features = self.lower.get_dim("nF")
        self.ids_model = SimpleNamespace(state2vec=SimpleNamespace(nF=self.n_features))  # all get_token_ids reads

    @staticmethod
    def fits(parser: Any) -> bool:
        """The model this loop reproduces: spaCy's stock transition model, greedy, with an output layer."""
        try:
            return (isinstance(parser, DependencyParser) and ParserLoop.stock_greedy_model(parser)
                    and isinstance(parser.model.get_ref("upper").get_param("W"), numpy.ndarray))
        except Exception:  # noqa: BLE001 - any other architecture: spaCy's own loop
            return False

    def annotate(self, docs: list[Doc]) -> None:
        self.wrapped.set_annotations(docs, self.predict(docs))

    def predict(self, docs: list[Doc]) -> list[Any]:
        if not any(len(doc) for doc in docs):
            return self.wrapped.moves.init_batch(docs)
        try:
            return self._driven(docs)
        except (AttributeError, TypeError):  # a spaCy whose internals this loop does not know: its own loop
            return self.wrapped.predict(docs)

    def _driven(self, docs: list[Doc]) -> list[Any]:
        parser = self.wrapped
        parser._ensure_labels_are_added(docs)
        states = parser.moves.init_batch(docs)
        cached = self.lower.predict(self.tok2vec.predict(docs))  # (tokens + 1, nF, nO, nP); row 0 pads
        n_features = self.n_features
        table = cached.reshape(-1, cached.shape[2] * cached.shape[3])  # row (token + 1) * nF + feature
        feature = numpy.arange(n_features)
        todo = [state for state in states if not state.is_final()]
        while todo:
            ids = ParserStepModel.get_token_ids(self.ids_model, todo)  # -1 where a feature is missing
            gathered = table[((ids + 1) * n_features + feature).ravel()].reshape(len(todo), n_features, -1)
            unmaxed = numpy.zeros((len(todo), table.shape[1]), dtype="f")
            for f in range(n_features):  # spaCy's sum_state_features: from zero, feature by feature
                unmaxed += gathered[:, f]
            todo = parser.transition_states(todo, self.scores(unmaxed.reshape(len(todo), -1, self.n_pieces)))
        return states


def use_loop(nlp: Language, name: str = "parser") -> bool:
    """Drive the pipeline's parser from Python; False (pipeline untouched) when there is no parser
    under ``name`` or its model is not the architecture this loop reproduces."""
    return replace_component(nlp, name, FACTORY, ParserLoop.fits)


@Language.factory(FACTORY)
def make_parser_loop(nlp: Language, name: str) -> ParserLoop:
    return ParserLoop()
