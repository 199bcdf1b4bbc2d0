"""An indexed drop-in for spaCy's ``attribute_ruler``: the same rules, matched without the Matcher.

Part of the *annotate* stage (``annotate.load_parser`` swaps it in).  The English pipeline's
attribute ruler maps every token's fine tag to its coarse POS and morphology, plus some
word-specific exceptions ("'s" -> "be", "n't" -> "not", "gonna"), through 179 Matcher rules.
The Matcher tries every rule at every token, which cost 11% of the whole spaCy pass on the
bench corpus, as much as the dependency parser.  Nearly all rules test one token on a few
attributes (TAG, LOWER, DEP, IS_SPACE), so this ruler:

* indexes each rule under the LOWER or TAG values it requires (or a short list of rules that
  require neither), so a token is tested against the handful of rules that could apply;
* caches the single-token result per combination of the tested attributes (a corpus has far
  fewer distinct (tag, lower, dep, is_space) combinations than tokens);
* returns exactly the match list ``AttributeRuler.match`` returns (same order), so the
  inherited ``set_annotations`` sets exactly the same attributes.

Rules it cannot index (quantifiers such as ``OP``, extension attributes, unknown operators)
make it fall back to the Matcher for the whole pipeline: it is never approximate.  The test
suite compares both rulers token by token on the bench and sample corpora.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy import attrs as spacy_attrs
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "conflictwire_attribute_index"

# Token attributes a rule may test, as the Matcher reads them.
_GETTERS: dict[str, Callable[[Token], Any]] = {
    "ORTH": lambda t: t.text, "TEXT": lambda t: t.text, "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_, "TAG": lambda t: t.tag_, "POS": lambda t: t.pos_, "DEP": lambda t: t.dep_,
    "LEMMA": lambda t: t.lemma_, "SHAPE": lambda t: t.shape_, "ENT_TYPE": lambda t: t.ent_type_,
    "IS_SPACE": lambda t: t.is_space, "IS_PUNCT": lambda t: t.is_punct, "IS_ALPHA": lambda t: t.is_alpha,
    "IS_DIGIT": lambda t: t.is_digit, "IS_LOWER": lambda t: t.is_lower, "IS_UPPER": lambda t: t.is_upper,
    "IS_TITLE": lambda t: t.is_title, "LIKE_NUM": lambda t: t.like_num, "LENGTH": lambda t: len(t.text),
}
# Attributes whose ``Doc.to_array`` column stands for one value (a string's hash, or a flag): a row of
# them is a cache key for the tokens' rules without building a Token per token.
_ARRAY_COLUMNS = {name: getattr(spacy_attrs, name) for name in (
    "ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "ENT_TYPE", "IS_SPACE", "IS_PUNCT", "IS_ALPHA",
    "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM")}
_ARRAY_COLUMNS["TEXT"] = _ARRAY_COLUMNS["ORTH"]
_INDEXED_BY = ("LOWER", "TAG")  # the attributes rules are bucketed under, most selective first


class Unsupported(ValueError):
    """A rule uses a Matcher feature this index does not reproduce."""


@dataclass(frozen=True)
class _Test:
    """One attribute condition of a token spec."""

    attr: str
    kind: str  # "eq", "in", "not_in", "regex"
    value: Any

    def __call__(self, got: Any) -> bool:
        if self.kind == "eq":
            return got == self.value
        if self.kind == "in":
            return got in self.value
        if self.kind == "not_in":
            return got not in self.value
        return isinstance(got, str) and self.value.search(got) is not None


@dataclass(frozen=True)
class _Rule:
    """One token sequence of one ruler pattern, with the ruler's ordinal for it."""

    attr_id: int
    specs: tuple[tuple[_Test, ...], ...]  # one tuple of tests per token


def _tests(spec: dict[str, Any]) -> tuple[_Test, ...]:
    tests = []
    for raw_key, value in spec.items():
        key = raw_key.upper()
        if key not in _GETTERS:
            raise Unsupported(f"token attribute {raw_key!r}")
        if isinstance(value, (str, bool, int)):
            tests.append(_Test(key, "eq", value))
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op == "IN" and isinstance(arg, list):
                tests.append(_Test(key, "in", frozenset(arg)))
            elif op == "NOT_IN" and isinstance(arg, list):
                tests.append(_Test(key, "not_in", frozenset(arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append(_Test(key, "regex", re.compile(arg)))
            else:
                raise Unsupported(f"operator {op!r} on {raw_key!r}")
        else:
            raise Unsupported(f"value {value!r} for {raw_key!r}")
    return tuple(tests)


def _required_values(tests: tuple[_Test, ...], attr: str) -> frozenset | None:
    """The values ``attr`` must take for these tests to pass, or None when any value might."""
    for test in tests:
        if test.attr == attr and test.kind == "eq":
            return frozenset([test.value])
        if test.attr == attr and test.kind == "in":
            return test.value
    return None


class RuleIndex:
    """The ruler's patterns compiled for lookup; raises Unsupported for rules it cannot reproduce."""

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.rules: list[_Rule] = []
        for attr_id, pattern in enumerate(patterns):
            for sequence in pattern["patterns"]:
                if not sequence or any(not isinstance(spec, dict) for spec in sequence):
                    raise Unsupported("an empty or non-token pattern")
                index = pattern.get("index", 0)
                if not -len(sequence) <= index < len(sequence):
                    raise Unsupported(f"index {index} outside a {len(sequence)}-token pattern")
                self.rules.append(_Rule(attr_id, tuple(_tests(spec) for spec in sequence)))
        self.tested = tuple(sorted({t.attr for rule in self.rules for t in rule.specs[0]}))
        self._getters = [_GETTERS[a] for a in self.tested]
        self.buckets: dict[str, dict[Any, list[_Rule]]] = {attr: {} for attr in _INDEXED_BY}
        self.unbucketed: list[_Rule] = []
        for rule in self.rules:
            for attr in _INDEXED_BY:
                values = _required_values(rule.specs[0], attr)
                if values is not None:
                    for value in values:
                        self.buckets[attr].setdefault(value, []).append(rule)
                    break
            else:
                self.unbucketed.append(rule)
        self._cache: dict[tuple, tuple[_Rule, ...]] = {}
        # the tested attributes as to_array columns (None: some attribute has no such column)
        arrayable = all(a in _ARRAY_COLUMNS for a in self.tested)
        self._columns = [_ARRAY_COLUMNS[a] for a in self.tested] if arrayable else None
        self._row_cache: dict[tuple, tuple[_Rule, ...]] = {}

    def starting_at(self, token: Token) -> tuple[_Rule, ...]:
        """Rules whose first token spec this token satisfies (cached per attribute combination)."""
        key = tuple(get(token) for get in self._getters)
        found = self._cache.get(key)
        if found is None:
            values = dict(zip(self.tested, key))
            candidates = list(self.unbucketed)
            for attr in _INDEXED_BY:
                candidates += self.buckets[attr].get(values.get(attr), ())
            found = tuple(rule for rule in candidates
                          if all(test(values[test.attr]) for test in rule.specs[0]))
            if len(self._cache) < 200_000:  # bounded: a pathological stream cannot grow it forever
                self._cache[key] = found
        return found

    def matches(self, doc: Doc) -> set[tuple[int, int, int]]:
        """(attr_id, start, end) of every rule match in the doc."""
        found: set[tuple[int, int, int]] = set()
        n = len(doc)
        for i, rules in enumerate(self._rules_by_token(doc)):
            for rule in rules:
                end = i + len(rule.specs)
                if end > n:
                    continue
                if all(test(_GETTERS[test.attr](doc[i + k]))
                       for k in range(1, len(rule.specs)) for test in rule.specs[k]):
                    found.add((rule.attr_id, i, end))
        return found

    def _rules_by_token(self, doc: Doc) -> list[tuple[_Rule, ...]]:
        """``starting_at`` for every token; tokens whose tested columns (hashes of the same strings,
        the same flags) equal an earlier token's share its answer without a Token object."""
        if self._columns is None or not self.tested or not len(doc):
            return [self.starting_at(token) for token in doc]
        cache = self._row_cache
        out = []
        for i, row in enumerate(doc.to_array(self._columns).tolist()):
            key = tuple(row)
            rules = cache.get(key)
            if rules is None:
                rules = self.starting_at(doc[i])
                if len(cache) < 200_000:
                    cache[key] = rules
            out.append(rules)
        return out


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` with ``match`` answered from a ``RuleIndex`` (same result, same order)."""

    _index: RuleIndex | None = None
    _index_failed = False

    def add(self, patterns, attrs, index=0):  # type: ignore[override]
        super().add(patterns, attrs, index)
        self._index, self._index_failed = None, False

    def match(self, doc: Doc):  # type: ignore[override]
        index = self._rule_index()
        if index is None:
            return super().match(doc)
        strings = self.vocab.strings
        return sorted((attr_id, strings.add(str(attr_id)), start, end)
                      for attr_id, start, end in index.matches(doc))

    def set_annotations(self, doc: Doc, matches) -> None:  # type: ignore[override]
        """``AttributeRuler.set_annotations`` without a Span per match: the same token gets the same
        attributes in the same order (a bad index is left to the inherited method, which raises)."""
        for match in matches:
            attr_id, _match_id, start, end = match
            index = self.indices[attr_id]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                super().set_annotations(doc, [match])
                continue
            set_token_attrs(doc[at], self.attrs[attr_id])

    def _rule_index(self) -> RuleIndex | None:
        if self._index is None and not self._index_failed:
            try:
                self._index = RuleIndex(self.patterns)
            except Unsupported:
                self._index_failed = True  # the Matcher it is, for this pipeline
        return self._index


@Language.factory(FACTORY, default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def use_index(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the pipeline's attribute ruler for the indexed one with the same patterns.

    Returns False (and leaves the pipeline alone) when there is no such component or its
    rules use something the index does not reproduce."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    patterns = ruler.patterns
    try:
        index = RuleIndex(patterns)
    except Unsupported:
        return False
    indexed = nlp.replace_pipe(name, FACTORY)
    indexed.add_patterns(patterns)
    indexed._index = index  # built from these very patterns above: not built again on first use
    return True
