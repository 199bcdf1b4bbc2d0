"""Part of the *annotate* stage: what one step of spaCy's greedy transition loop computes, shared by
the recogniser's NumPy decoder (``entity_decoder``) and the parser's Python-driven loop (``parser_loop``).

Both wrap a stock spaCy transition component (``TransitionWrapper.wrapped``), read the same weights
of its model, score a batch of states the way ``predict_states`` does and batch documents the way
spaCy's ``pipe`` does; each subclass says how a sub-batch is annotated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from blis.py import gemm
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch


class TransitionWrapper:
    """Wraps a stock transition component; called like it (``__call__`` and ``pipe``)."""

    def __init__(self, component: Any = None) -> None:
        if component is not None:
            self.wrap(component)

    def wrap(self, component: Any) -> None:
        self.wrapped = component
        model = component.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        self.upper_W = numpy.ascontiguousarray(upper.get_param("W"), dtype="f")
        self.upper_b = numpy.asarray(upper.get_param("b"), dtype="f")
        self.bias = numpy.asarray(self.lower.get_param("b"), dtype="f")  # (nO, nP)
        self.n_pieces = self.lower.get_dim("nP")
        self.unseen = sorted(model.attrs.get("unseen_classes", ()))

    @staticmethod
    def stock_greedy_model(component: Any) -> bool:
        """spaCy's stock transition model with an output layer, decoded greedily."""
        model = component.model
        return (model.attrs.get("has_upper") is True and model.get_ref("lower").get_dim("nP") >= 2
                and component.cfg.get("beam_width", 1) == 1)

    def __getattr__(self, name: str) -> Any:  # labels, model, moves...: the wrapped component's
        if name == "wrapped":
            raise AttributeError(name)
        return getattr(self.wrapped, name)

    def __call__(self, doc: Doc) -> Doc:
        self.annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """spaCy's batching: batches of ``batch_size`` sorted by length, annotated a quarter at a time."""
        for batch in minibatch(docs, size=batch_size):
            batch_in_order = list(batch)
            by_length = sorted(batch_in_order, key=len)
            for sub in minibatch(by_length, size=max(batch_size // 4, 2)):
                self.annotate(list(sub))
            yield from batch_in_order

    def annotate(self, docs: list[Doc]) -> None:
        raise NotImplementedError

    def scores(self, unmaxed: numpy.ndarray) -> numpy.ndarray:
        """The actions' scores of a batch of states from their summed feature vectors ``(states, nO,
        nP)`` (updated in place): the ``lower`` bias, maxout as thinc's, the same BLIS ``sgemm`` as
        spaCy's loop, the output bias, unseen classes set to the batch minimum."""
        unmaxed += self.bias
        scores = gemm(maxout_like_thinc(unmaxed, self.n_pieces), self.upper_W, trans2=True, beta=0.0)
        scores += self.upper_b
        if self.unseen:
            scores[:, self.unseen] = scores.min()
        return scores


def maxout_like_thinc(unmaxed: numpy.ndarray, pieces: int) -> numpy.ndarray:
    """thinc's ``Vec.arg_max`` over the pieces: for two, the first only when strictly greater."""
    if pieces == 2:
        first, second = unmaxed[..., 0], unmaxed[..., 1]
        return numpy.ascontiguousarray(numpy.where(first > second, first, second))
    best = unmaxed[..., 0].copy()
    for p in range(1, pieces):
        piece = unmaxed[..., p]
        best = numpy.where(piece > best, piece, best)
    return numpy.ascontiguousarray(best)


def replace_component(nlp: Language, name: str, factory: str, fits: Any) -> bool:
    """Put the wrapper made by ``factory`` in place of the component ``name``; False (pipeline
    untouched) when there is no such component or ``fits`` says its model is not one the wrapper
    reproduces."""
    if name not in nlp.pipe_names or not fits(nlp.get_pipe(name)):
        return False
    component = nlp.get_pipe(name)
    nlp.replace_pipe(name, factory).wrap(component)
    return True
