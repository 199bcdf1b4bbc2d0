"""Part of the *annotate* stage: spaCy's entity recogniser, decoded with NumPy a batch at a time.

``en_core_web_sm``'s recogniser scores one BILUO action per token with a small network over
three state features, then picks the best action its transition system allows.  spaCy runs that
loop in Cython (``Parser.greedy_parse``), but the installed build's inline state accessors
(``StateC::B``, ``B_``, ``safe_get``, ``entity_is_open``, thinc's ``Vec.arg_max``) each take and
release the GIL on every call (``PyGILState_Ensure``/``Release`` compiled into the hot path):
~300 GIL round trips per token, most of the recogniser's CPU on real text (docs/performance.md).

The recogniser's transition system is simple enough to run for a whole batch at once: every action
consumes exactly one token, so all sentences of a batch stand at the same token at each step.
This module runs the same computation as spaCy's loop, step by step over the whole batch:

* features: the token at the buffer's front, the first token of the open entity and the token
  before the front (padding when no entity is open), as ``StateC.set_context_tokens(ids, 3)``;
* hidden layer: the precomputed feature vectors of the model's own ``lower`` layer summed in the
  same order, its bias added, maxout taking the first of equal pieces as ``Vec.arg_max``;
* scores: the same BLIS ``sgemm`` spaCy's loop calls (``blis.py.gemm``, same shapes and strides),
  the output bias added, unseen classes set to the batch minimum;
* the action: the first best-scoring valid one, with the BILUO validity rules of spaCy's
  ``ner.pyx`` (``Begin``/``In``/``Last``/``Unit``/``Out``) for documents without preset entities;
* annotations: spaCy's own ``BiluoPushDown.set_annotations`` (``Doc.set_ents``, then every other
  token marked outside).

A document with preset entity annotations (any ENT_IOB set) sends its batch to spaCy's own loop.
``use_decoder`` checks the model's shape (three features, maxout, an output layer, the standard
BILUO moves) and leaves the pipeline alone otherwise.  The entities are identical to spaCy's:
``tests/test_annotate.py`` compares them on every sentence of the samples and snippets.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictwire.pipeline.transition_step import TransitionWrapper, replace_component

# Move codes in spaCy's ner.pyx (MISSING, BEGIN, IN, LAST, UNIT, OUT).
_MOVES = {"B": 1, "I": 2, "L": 3, "U": 4, "O": 5}
FACTORY = "conflictwire_entity_decoder"


class EntityDecoder(TransitionWrapper):
    """Wraps a stock ``EntityRecognizer``; called like it (``__call__`` and ``pipe``, with spaCy's
    batching: batches of ``batch_size`` sorted by length and decoded a quarter at a time)."""

    def wrap(self, ner: Any) -> None:
        super().wrap(ner)
        moves, labels = [], []
        strings = ner.vocab.strings
        for i in range(ner.moves.n_moves):
            name = ner.moves.get_class_name(i)
            move, _, label = name.partition("-")
            moves.append(_MOVES.get(move, 0) if name not in ("-", "") else 0)
            labels.append(strings[label] if label else 0)
        self.moves = numpy.array(moves)
        self.labels = numpy.array(labels, dtype="uint64")
        labelled = self.labels != 0
        begin, inside, last = (self.moves == 1) & labelled, (self.moves == 2) & labelled, (self.moves == 3) & labelled
        unit, out = (self.moves == 4) & labelled, self.moves == 5
        # The valid actions of a state, by its row in this table (``_token_codes``): with no entity
        # open, 0 (begin, unit, out), 1 (unit, out: no next token in the sentence), 2 (out: a space);
        # with an entity of the j-th label open, 3 + 2j (in or last, of that label), 4 + 2j (last).
        self.entity_labels = sorted({int(label) for label in self.labels[labelled]})
        index = {label: j for j, label in enumerate(self.entity_labels)}
        self.label_index = [index.get(int(label), -1) for label in self.labels]
        rows = [begin | unit | out, unit | out, out]
        for label in self.entity_labels:
            same = self.labels == label
            rows += [(inside | last) & same, last & same]
        self.table = numpy.array(rows)

    @staticmethod
    def fits(ner: Any) -> bool:
        """The model and moves this decoder reproduces: spaCy's stock recogniser architecture."""
        try:
            model = ner.model
            lower = model.get_ref("lower")
            names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
            return (EntityDecoder.stock_greedy_model(ner) and lower.get_dim("nF") == 3
                    and all(name == "O" or name[:2] in ("B-", "I-", "L-", "U-") for name in names)
                    and model.get_ref("upper").get_dim("nO") == len(names))
        except Exception:  # noqa: BLE001 - any other architecture: spaCy's own loop
            return False

    def annotate(self, docs: list[Doc]) -> None:
        if not any(len(doc) for doc in docs) or any(_has_preset(doc) for doc in docs):
            self.wrapped.set_annotations(docs, self.wrapped.predict(docs))  # spaCy's own loop
            return
        for doc, ents in zip(docs, self._decode(docs)):
            doc.set_ents([Span(doc, start, end, label=label) for start, end, label in ents], default="outside")
            for hook in self.wrapped.postprocesses:
                hook(doc)

    def _decode(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]]:
        tokvecs = self.tok2vec.predict(docs)
        cached = self.lower.predict(tokvecs)  # (tokens + 1, 3, nO, nP); row 0 is the padding
        lengths = numpy.array([len(doc) for doc in docs], dtype=numpy.int64)
        offsets = numpy.concatenate(([0], numpy.cumsum(lengths)[:-1]))
        code_closed, can_go_on = self._token_codes(docs, lengths, offsets)
        # The states shortest first (``pipe`` already sorts them so): at step t the unfinished
        # states are a suffix, in spaCy's order; every action consumes one token.
        order = numpy.argsort(lengths, kind="stable")
        ends, starts = lengths[order], offsets[order]
        n = len(docs)
        is_open = numpy.zeros(n, dtype=bool)
        ent_row = numpy.zeros(n, dtype=numpy.int64)  # the open entity's first token, as a row of ``cached``
        ent_code = numpy.zeros(n, dtype=numpy.int64)  # 3 + 2 * the open entity's label index
        found: list[tuple[int, int, int, int]] = []  # (state, start, end, label index)
        table, moves, label_of = self.table, self.moves, self.label_index
        for t in range(int(ends[-1])):
            lo = int(numpy.searchsorted(ends, t, side="right"))
            tok = starts[lo:] + t
            opened = is_open[lo:]
            unmaxed = numpy.zeros((n - lo,) + cached.shape[2:], dtype="f")
            unmaxed += cached[tok + 1, 0]
            unmaxed += cached[numpy.where(opened, ent_row[lo:], 0), 1]
            unmaxed += cached[numpy.where(opened, tok, 0), 2]  # the token before the front: (tok - 1) + 1
            scores = self.scores(unmaxed)
            code = numpy.where(opened, ent_code[lo:] + (~can_go_on[tok]), code_closed[tok])
            guess = numpy.where(table[code], scores, -numpy.inf).argmax(axis=1)
            move = moves[guess]
            if not (move != 5).any():
                continue
            for k in numpy.flatnonzero(move != 5).tolist():
                i, action = lo + k, int(guess[k])
                kind = int(move[k])
                if kind == 1:  # begin
                    is_open[i], ent_row[i], ent_code[i] = True, tok[k] + 1, 3 + 2 * label_of[action]
                elif kind == 3:  # last
                    found.append((i, int(ent_row[i] - starts[i] - 1), t + 1, (int(ent_code[i]) - 3) // 2))
                    is_open[i] = False
                elif kind == 4:  # unit
                    found.append((i, t, t + 1, label_of[action]))
        ents: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        labels = self.entity_labels
        for i, start, end, label in found:
            ents[order[i]].append((start, end, labels[label]))
        return ents

    def _token_codes(self, docs: list[Doc], lengths: numpy.ndarray, offsets: numpy.ndarray
                     ) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Per token of the batch: the validity row of a state with no open entity at it (0: begin,
        unit or out; 1: unit or out, the entity could not go on; 2: out only, a space token), and
        whether an entity open at it may go on past it (a next token in the same sentence)."""
        columns = numpy.concatenate([doc.to_array([IS_SPACE, SENT_START]) for doc in docs if len(doc)]).astype(numpy.int64)
        space = columns[:, 0] != 0
        next_start = numpy.append(columns[1:, 1] == 1, False)
        has_next = numpy.ones(len(space), dtype=bool)
        has_next[offsets[lengths > 0] + lengths[lengths > 0] - 1] = False
        can_go_on = has_next & ~next_start
        code_closed = numpy.where(space, 2, numpy.where(can_go_on, 0, 1))
        return code_closed, can_go_on


def _has_preset(doc: Doc) -> bool:
    return len(doc) > 0 and bool(doc.to_array([ENT_IOB]).any())


def use_decoder(nlp: Language, name: str = "ner") -> bool:
    """Decode the pipeline's recogniser with NumPy; False (pipeline untouched) when there is no
    recogniser under ``name`` or its model is not the architecture this decoder reproduces."""
    return replace_component(nlp, name, FACTORY, EntityDecoder.fits)


@Language.factory(FACTORY)
def make_entity_decoder(nlp: Language, name: str) -> EntityDecoder:
    return EntityDecoder()
