"""Helpers shared by the extraction tests (pytest puts this folder on sys.path)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from conflictwire.extraction.candidates import candidate_filter
from conflictwire.models import Article
from conflictwire.pipeline.annotate import annotate


def found_in(text: str, finder: Callable[[Any, str], list[Any]], article_id: str = "a1") -> list[Any]:
    """Run a per-sentence finder over one article; every quote it returns must be verbatim."""
    article = Article(article_id=article_id, document_id="d1", index=0, text=text, published=date(2024, 3, 5))
    [annotated] = annotate([article], candidate_filter())
    found = []
    for sentence in annotated.sentences:
        for item in finder(sentence, article_id):
            assert text[item.quote.start : item.quote.end] == item.quote.text
            found.append(item)
    return found
