"""Re-deriving a stored document: `ingest --published/--outlet` on a page already stored.

The page's content is unchanged (same hash), but the date or outlet the user now gives changes
its articles, and so its reports and events.  The document's rows are replaced in one
transaction; the events its old reports were part of are dropped and their other reports
marked for merging again, so the next merge rebuilds them (and the analysts' decisions, keyed
by report ids that do not depend on the date, apply again).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from conflictwire.models import DocumentResult
from conflictwire.store import schema as t


def stored_attribution(store: Any, document_id: str) -> list[tuple[Any, ...]]:
    """(index, published, published_source, outlet) of each stored article of a document."""
    a = t.articles.c
    with store.engine.connect() as c:
        return [tuple(r) for r in c.execute(select(a.idx, a.published, a.published_source, a.outlet)
                                            .where(a.document_id == document_id).order_by(a.idx))]


def keep_given(store: Any, document: Any) -> None:
    """What an earlier run gave and this one does not stays: --published alone keeps an --outlet."""
    stored = stored_attribution(store, document.document_id)
    if document.given_published is None:
        given = [published for _idx, published, source, _outlet in stored if source == "given" and published]
        if given:
            from datetime import date

            document.given_published = date.fromisoformat(given[0])
    if document.given_outlet is None:
        outlets = [outlet for *_rest, outlet in stored if outlet]
        if outlets:
            document.given_outlet = outlets[0]


def attribution_of(result: DocumentResult) -> list[tuple[Any, ...]]:
    out = []
    for article in result.articles:
        record = article.to_record()
        out.append((article.index, record["published"], article.published_source, article.outlet))
    return out


def replace_document(store: Any, result: DocumentResult, run_id: str) -> None:
    """Swap a stored document's articles, reports, statements and tallies for freshly derived ones."""
    document_id = result.document.document_id
    es = t.event_sources.c
    with store.engine.begin() as c:
        old_mentions = [r[0] for r in c.execute(select(t.mentions.c.mention_id)
                                                .where(t.mentions.c.document_id == document_id))]
        event_ids = sorted({r[0] for chunk in _chunks(old_mentions) for r in c.execute(
            select(es.event_id).where(es.mention_id.in_(chunk)).distinct())})
        partners = sorted({r[0] for chunk in _chunks(event_ids) for r in c.execute(
            select(es.mention_id).where(es.event_id.in_(chunk)))} - set(old_mentions))
        for chunk in _chunks(event_ids):
            c.execute(delete(t.event_sources).where(es.event_id.in_(chunk)))
            c.execute(delete(t.claims).where(t.claims.c.event_id.in_(chunk)))
            c.execute(delete(t.events).where(t.events.c.event_id.in_(chunk)))
        for chunk in _chunks(partners):
            c.execute(update(t.mentions).where(t.mentions.c.mention_id.in_(chunk)).values(merged=False))
        article_ids = select(t.articles.c.article_id).where(t.articles.c.document_id == document_id)
        for table in (t.statements, t.tallies):
            c.execute(delete(table).where(table.c.article_id.in_(article_ids)))
        c.execute(delete(t.mentions).where(t.mentions.c.document_id == document_id))
        c.execute(delete(t.warnings).where(t.warnings.c.document_id == document_id))
        c.execute(delete(t.articles).where(t.articles.c.document_id == document_id))
        c.execute(delete(t.documents).where(t.documents.c.document_id == document_id))
        store._insert_document(c, result, run_id)


def _chunks(items: list[Any], size: int = 500) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
