"""The annotate stage's speed-ups must not change a single annotation.

Three shortcuts (docs/performance.md): an indexed attribute ruler instead of spaCy's
Matcher-based one, a trie-shaped candidate regex instead of a plain alternation, and
headline re-parses batched per ``nlp.pipe`` batch (the pipeline's last component) instead of
one ``nlp()`` per sentence.  Each
is checked here against the slow original on the packaged sample corpus, so a user's
events, actors and places are exactly what the unoptimised pipeline would give.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import spacy

from conflictwire.extraction import events, statements, tallies
from conflictwire.extraction.candidates import candidate_filter, stem_trie_pattern
from conflictwire.extraction.events.headline import HeadlineRepair
from conflictwire.models import Article, Document
from conflictwire.pipeline import annotate as annotate_stage
from conflictwire.pipeline.attribute_index import IndexedAttributeRuler, RuleIndex, Unsupported
from conflictwire.pipeline.clean import clean
from conflictwire.pipeline.date import date_articles
from conflictwire.pipeline.entity_decoder import EntityDecoder
from conflictwire.pipeline.headline_repair import COMPONENT
from conflictwire.pipeline.lemma_cache import CachedLemmatizer
from conflictwire.pipeline.parser_loop import ParserLoop
from conflictwire.pipeline.read import iter_inputs
from conflictwire.pipeline.split import split

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "conflictwire" / "samples"
# Words the ruler's exception rules exist for: contractions, "gonna", "y'all", auxiliaries.
ODD_WORDS = [
    "They ain't gonna stop, y'all know it, and let's be clear: we've got ta go.",
    "It's what it is; I'm sure you're right, he's been there and she'd done it.",
    "Nothin' was said.  Do they?  He did not.  There are two of them and that is that.",
    "Officials said the militia, which had fired rockets, is not done yet.",
]


@lru_cache(maxsize=1)
def sample_sentences() -> list[str]:
    texts = []
    for document in iter_inputs([SAMPLES]):
        if isinstance(document, Document):
            cleaned = clean(document)
            for article in date_articles(split(cleaned), cleaned):
                texts += [s.text for s in annotate_stage.split_sentences(article.text)]
    return texts


def _attributes(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def test_indexed_attribute_ruler_and_cached_lemmatizer_give_the_same_tokens_as_spacys_own():
    fast = annotate_stage.load_parser()
    assert isinstance(fast.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), CachedLemmatizer)
    assert isinstance(fast.get_pipe("ner"), EntityDecoder)
    assert isinstance(fast.get_pipe("parser"), ParserLoop)
    slow = spacy.load(annotate_stage.model_package())
    assert type(slow.get_pipe("attribute_ruler")) is not IndexedAttributeRuler
    assert type(slow.get_pipe("lemmatizer")) is not CachedLemmatizer
    assert type(slow.get_pipe("ner")) is not EntityDecoder
    assert type(slow.get_pipe("parser")) is not ParserLoop
    texts = sample_sentences() + ODD_WORDS
    with annotate_stage.one_blas_thread():
        got = [_attributes(d) for d in fast.pipe(texts, disable=[COMPONENT])]
        again = [_attributes(d) for d in fast.pipe(texts, disable=[COMPONENT])]  # lemmas from the cache
        want = [_attributes(d) for d in slow.pipe(texts)]
    assert len(texts) > 200
    for text, g, a, w in zip(texts, got, again, want):
        assert g == w, text
        assert a == w, text


def test_ruler_rules_the_index_cannot_reproduce_fall_back_to_the_matcher():
    with pytest.raises(Unsupported):
        RuleIndex([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}, "index": 0}])
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("conflictwire_attribute_index")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    ruler.add([[{"LOWER": "good"}]], {"POS": "ADJ"})
    doc = nlp("very very good")
    assert [t.pos_ for t in doc] == ["ADV", "ADV", "ADJ"]


def test_trie_filter_passes_exactly_the_sentences_the_plain_alternation_passes():
    plain_parts = (
        [r"\b" + re.escape(s).replace(r"\ ", r"\s+") for s in events.candidate_stems()]
        + [r"\bkill", r"\bdead\b", r"\bdeath", r"\bdied\b", r"\binjur", r"\bwound", r"\bcasualt", r"\bcaptur"]
        + statements.candidate_patterns() + tallies.candidate_patterns()
    )
    plain = re.compile("|".join(f"(?:{p})" for p in plain_parts), re.I)
    trie = candidate_filter()
    texts = sample_sentences() + ODD_WORDS + [
        "The deadline passed.", "Two were found dead.", "An air   raid at dawn.", "Airstrikes resumed.",
        "He died.", "They diedx.", "The ceasefire held.", "A cease-fire.", "Nothing happened here.",
    ]
    assert [trie(t) for t in texts] == [bool(plain.search(t)) for t in texts]
    assert not trie("Nothing happened here.") and trie("An air   raid at dawn.")


def test_trie_pattern_drops_stems_that_a_shorter_stem_already_covers():
    pattern = stem_trie_pattern(["end", "ended", "dead\\b", "death", "air raid"])
    assert pattern == r"\b(?:air\s+raid|dea(?:d\b|th)|end)"


def _repair_one_at_a_time(doc):
    """The repair as first written: one nlp() per variant, the first accepted one wins."""
    from spacy.tokens import Doc

    nlp, repair = annotate_stage.load_parser(), HeadlineRepair()
    with nlp.select_pipes(disable=[COMPONENT]):
        for index, words in repair.variants(doc):
            reparsed = nlp(Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc]))
            fixed = repair.accept(doc, reparsed, index)
            if fixed is not None:
                return fixed
    return doc


def test_batched_headline_repair_picks_the_same_parse_as_one_at_a_time():
    headlines = [
        "Iraqi police arrest ISIS suspects in Kirkuk",
        "Israeli artillery shells villages in south Lebanon",
        "Chemical attack on Douma kills dozens",
        "Turkish drones strike PKK targets in Sinjar",
        "Several other people were wounded.",
        "Militants ambush army convoy near Tikrit",
    ]
    articles = [Article(article_id=f"a{i}", document_id="d", index=i, text=h, title=h) for i, h in enumerate(headlines)]
    batched = annotate_stage.annotate(articles)  # the parser's last component repairs them
    nlp = annotate_stage.load_parser()
    assert nlp.pipe_names[-1] == COMPONENT
    with annotate_stage.one_blas_thread():
        unrepaired = list(nlp.pipe(headlines, disable=[COMPONENT]))
    repaired = 0
    for b, plain in zip(batched, unrepaired):
        [bs] = b.sentences
        one = _repair_one_at_a_time(plain)
        repaired += one is not plain
        assert _attributes(bs.doc) == _attributes(one), bs.text
    assert repaired >= 2  # the fixture does exercise the repair
    # the first word parsed as a verb: "arrest" is the main verb of the repaired headline
    assert next(t for t in batched[0].sentences[0].doc if t.dep_ == "ROOT").text == "arrest"


def _extractions(documents: list[Document]) -> list:
    from conflictwire.ingest import process_batch
    from conflictwire.models import to_plain

    return [to_plain(x) for r in process_batch(documents) for x in r.extractions]


# Whitespace tokens (no entity starts on one), several sentences in one text (no entity crosses a
# parser's sentence start), entities at the first and the last token, one-token texts.
ENTITY_EDGES = [
    "Baghdad",
    "Iraq.",
    "  Mosul  and   Kirkuk \n\n saw clashes on 12 March 2019 , police said .",
    "The Islamic State claimed it. Abu Bakr al-Baghdadi\nspoke on Monday. Syria",
    "Gen. Qassem Soleimani met Hezbollah's Hassan Nasrallah in Beirut on Tuesday the 3rd.",
    "",
    "\n",
]


def test_entity_decoder_gives_spacys_own_entities():
    """The NumPy decoder of the recogniser (``pipeline/entity_decoder.py``) sets exactly the entities
    spaCy's own loop sets, sentence by sentence as ``annotate`` runs it (after the parse), in batches
    of mixed lengths; a batch with a preset entity goes to spaCy's own loop."""
    import json

    nlp = annotate_stage.load_parser()
    decoder = nlp.get_pipe("ner")
    assert isinstance(decoder, EntityDecoder)
    fixture = Path(__file__).parent / "fixtures" / "snippets" / "snippets.jsonl"
    texts = sample_sentences() + ODD_WORDS + ENTITY_EDGES
    texts += [json.loads(line)["text"] for line in fixture.read_text(encoding="utf-8").splitlines()]
    with annotate_stage.one_blas_thread():
        parsed = list(nlp.pipe(texts, disable=["ner", COMPONENT]))
        stock = list(decoder.wrapped.pipe([d.copy() for d in parsed], batch_size=64))
        fast = list(decoder.pipe([d.copy() for d in parsed], batch_size=64))
        one = [decoder(d.copy()) for d in parsed[:40]]
        preset = parsed[0].copy()
        preset.set_ents([spacy.tokens.Span(preset, 0, 1, label="ORG")], default="unmodified")
        with_preset = list(decoder.pipe([preset.copy()]))[0]
        stock_preset = list(decoder.wrapped.pipe([preset.copy()]))[0]
    assert len(texts) > 300
    assert sum(len(d.ents) for d in stock) > 500
    for text, s, f in zip(texts, stock, fast):
        assert _attributes(f) == _attributes(s), text
    for s, o in zip(stock, one):
        assert _attributes(o) == _attributes(s)
    assert _attributes(with_preset) == _attributes(stock_preset)


def test_parser_loop_gives_spacys_own_parses():
    """The parser driven from Python (``pipeline/parser_loop.py``) gives spaCy's own heads, labels and
    sentence starts, in batches of mixed lengths and one text at a time."""
    import json

    nlp = annotate_stage.load_parser()
    loop = nlp.get_pipe("parser")
    assert isinstance(loop, ParserLoop)
    fixture = Path(__file__).parent / "fixtures" / "snippets" / "snippets.jsonl"
    texts = sample_sentences() + ODD_WORDS + ENTITY_EDGES
    texts += [json.loads(line)["text"] for line in fixture.read_text(encoding="utf-8").splitlines()]
    with annotate_stage.one_blas_thread():
        tagged = list(nlp.pipe(texts, disable=["parser", "attribute_ruler", "lemmatizer", "ner", COMPONENT]))
        stock = list(loop.wrapped.pipe([d.copy() for d in tagged], batch_size=64))
        fast = list(loop.pipe([d.copy() for d in tagged], batch_size=64))
        one = [loop(d.copy()) for d in tagged[:40]]

    def parse(doc):
        return [(t.dep_, t.head.i, t.is_sent_start) for t in doc]

    assert len(texts) > 300
    for text, s, f in zip(texts, stock, fast):
        assert parse(f) == parse(s), text
    for s, o in zip(stock, one):
        assert parse(o) == parse(s)


def test_entity_gate_changes_no_extraction(monkeypatch):
    """The recogniser runs only where the gate (and the reach before it) asks: every event report,
    statement, tally and warning of the samples and the headline snippets is what the recogniser
    on every parsed sentence gives, and the gate does leave sentences out."""
    import json

    from conflictwire.extraction import candidates
    from conflictwire.pipeline.read import make_document

    fixture = Path(__file__).parent / "fixtures" / "snippets" / "snippets.jsonl"
    documents = [d for d in iter_inputs([SAMPLES]) if isinstance(d, Document)]
    documents += [make_document(f"snippet-{n}.txt", "text", json.loads(line)["text"], "utf-8")
                  for n, line in enumerate(fixture.read_text(encoding="utf-8").splitlines()[:60])]
    gate = candidates.entity_gate()
    skipped = [0]

    def counted(sentence):
        passed = gate(sentence)
        skipped[0] += not passed
        return passed

    monkeypatch.setattr(candidates, "entity_gate", lambda: counted)
    gated = _extractions(documents)
    # the samples hold parsed sentences nothing is found in: 20 of them when the gate came, 19 once the
    # real-wording triggers (same day) made one more a candidate; the check is that the gate leaves
    # sentences out at all, the equality below is what it must keep
    assert skipped[0] >= 15
    monkeypatch.setattr(candidates, "entity_gate", lambda: lambda _sentence: True)
    assert gated == _extractions(documents)
