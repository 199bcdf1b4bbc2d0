"""Statements: condemnations, accusations, threats, demands, denials, vows (stub; being written)."""

from __future__ import annotations

from conflictwire.models import AnnotatedArticle, Statement


def candidate_patterns() -> list[str]:
    """Regex fragments whose presence makes a sentence worth parsing for statements."""
    return []


def find_statements(annotated: AnnotatedArticle) -> list[Statement]:
    return []
