"""The system side: which files the reader is given per gold document (with the content
hashes it makes of them), ingesting those the store lacks, and reading the store's records
back grouped by gold document.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from conflictwire.evaluate.gold import Gold, GoldDocument, GoldError
from conflictwire.evaluate.records import SystemDocument


@dataclass
class _Input:
    """What the reader is given for one gold document."""

    paths: list[Path]
    published: date | None
    hashes: set[str] = field(default_factory=set)


def shared_record(doc: GoldDocument) -> dict[str, Any]:
    """The shared-data record a gold document points to, as an ingestible JSONL record."""
    try:
        handle = doc.path.open(encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"document {doc.id} (line {doc.line}): cannot read {doc.path}: {exc.strerror}") from None
    with handle:
        for raw in handle:
            if not raw.strip():
                continue
            item = json.loads(raw)
            if str(item.get("_id")) == doc.record:
                record: dict[str, Any] = {"title": doc.title or item.get("title"), "text": item.get("text")}
                if doc.outlet or item.get("sourceName"):
                    record["outlet"] = doc.outlet or item.get("sourceName")
                if doc.published:
                    record["published"] = doc.published.isoformat()
                return record
    raise GoldError(f"document {doc.id} (line {doc.line}): no record with _id {doc.record!r} in {doc.path}")


def prepare_inputs(gold: Gold, workdir: Path) -> dict[str, _Input]:
    """Files to ingest per gold document, with the content hashes the reader gives them."""
    from conflictwire.pipeline.read import iter_inputs

    inputs: dict[str, _Input] = {}
    for doc in gold.documents:
        if doc.uses_shared and doc.path.suffix == ".json":
            target = workdir / f"{doc.id.replace('/', '_')}.jsonl"
            target.write_text(json.dumps(shared_record(doc), ensure_ascii=False) + "\n", encoding="utf-8")
            item = _Input([target], None)
        else:
            if not doc.path.exists():
                raise GoldError(f"{gold.path}:{doc.line}: document {doc.id}: {doc.shown_path} not found ({doc.path})")
            item = _Input([doc.path], doc.published)
        for read in iter_inputs(item.paths, published=item.published):
            if hasattr(read, "content_hash") and _record_selected(doc, getattr(read, "path", "")):
                item.hashes.add(read.content_hash)
        inputs[doc.id] = item
    return inputs


def _record_selected(doc: GoldDocument, path: str) -> bool:
    """A `record: L3` selection on a JSONL file keeps only that line's document."""
    if doc.record is None or doc.uses_shared:
        return True
    return path.endswith(f"#{doc.record}")


def load_system(store: Any, gold: Gold, inputs: dict[str, _Input]) -> dict[str, SystemDocument]:
    """Group the store's records by gold document (found through content hashes)."""
    path_by_hash = store.documents_by_content_hash(h for item in inputs.values() for h in item.hashes)
    systems: dict[str, SystemDocument] = {}
    doc_by_path: dict[str, list[str]] = defaultdict(list)
    for doc in gold.documents:
        paths = {path_by_hash[h] for h in inputs[doc.id].hashes if h in path_by_hash}
        systems[doc.id] = SystemDocument(paths=paths, found=bool(paths))
        for p in paths:
            doc_by_path[p].append(doc.id)
    for article in store.iter_articles():
        for doc_id in doc_by_path.get(article["document"], []):
            systems[doc_id].articles.append(article)
    for record in store.iter_events():
        for doc_id in sorted({d for s in record.get("sources") or [] for d in doc_by_path.get(s.get("document"), [])}):
            systems[doc_id].events.append(record)
    for kind, rows in (("statements", store.iter_statements()), ("tallies", store.iter_tallies())):
        for record in rows:
            for doc_id in sorted({d for s in record.get("sources") or [] for d in doc_by_path.get(s.get("document"), [])}):
                getattr(systems[doc_id], kind).append(record)
    return systems


def ensure_ingested(store: Any, inputs: dict[str, _Input]) -> int:
    """Ingest the gold documents the store lacks; returns how many documents were new."""
    from conflictwire.ingest import ingest

    missing = [item for item in inputs.values() if item.hashes - store.known_hashes(item.hashes)]
    new = 0
    by_published: dict[date | None, list[Path]] = defaultdict(list)
    for item in missing:
        by_published[item.published].extend(item.paths)
    for published, paths in sorted(by_published.items(), key=lambda kv: str(kv[0])):
        summary = ingest(sorted(set(paths)), store, published=published, command_line="evaluate", merge=False)
        new += summary.documents_new
    if new:
        from conflictwire.pipeline.merge import run_merge

        run_merge(store)
    return new
