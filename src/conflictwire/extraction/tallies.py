"""Tallies: counts of attacks over periods ("more than 40 attacks since March") (stub; being written)."""

from __future__ import annotations

from conflictwire.models import AnnotatedArticle, Tally


def candidate_patterns() -> list[str]:
    """Regex fragments whose presence makes a sentence worth parsing for tallies."""
    return []


def find_tallies(annotated: AnnotatedArticle) -> list[Tally]:
    return []
