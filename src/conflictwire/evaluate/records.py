"""What scoring counts and returns: per-field TP/FP/FN (``Count``), accuracies (``Ratio``),
findings for the report, the system's records per gold document (``SystemDocument``) and
the totals (``Scores``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Count") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class Finding:
    """One line of the misses / false / wrong lists in the report."""

    document: str
    kind: str  # missed event, false event, wrong field, ...
    detail: str
    quote: str = ""


@dataclass
class SystemDocument:
    """What the store holds for one gold document."""

    paths: set[str] = field(default_factory=set)
    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    tallies: list[dict[str, Any]] = field(default_factory=list)
    found: bool = True  # False: the store has none of its documents


@dataclass
class Scores:
    counts: dict[str, Count] = field(default_factory=lambda: defaultdict(Count))
    accuracy: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    confusion: Counter = field(default_factory=Counter)  # (gold sub-type | "(none)", system sub-type | "(none)")
    findings: list[Finding] = field(default_factory=list)
    per_document: dict[str, Count] = field(default_factory=dict)
    documents: int = 0
    gold_sizes: Counter = field(default_factory=Counter)

    def merge(self, other: "Scores") -> None:
        for key, count in other.counts.items():
            self.counts[key].add(count)
        for key, ratio in other.accuracy.items():
            self.accuracy[key].hits += ratio.hits
            self.accuracy[key].total += ratio.total
        self.confusion.update(other.confusion)
        self.findings.extend(other.findings)
        self.per_document.update(other.per_document)
        self.documents += other.documents
        self.gold_sizes.update(other.gold_sizes)

    def summary(self) -> dict[str, Any]:
        """Plain numbers (for tests, floors and JSON output)."""
        out: dict[str, Any] = {}
        for key, count in self.counts.items():
            out[key] = {"tp": count.tp, "fp": count.fp, "fn": count.fn, "precision": count.precision,
                        "recall": count.recall, "f1": count.f1}
        for key, ratio in self.accuracy.items():
            out[f"{key} accuracy"] = {"hits": ratio.hits, "total": ratio.total, "value": ratio.value}
        return out
