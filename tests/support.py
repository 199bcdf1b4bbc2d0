"""Helpers shared by the extraction tests (pytest puts this folder on sys.path)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
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


# A user's knowledge folder and six one-line reports that need it: an invented village and an
# invented militia (its alias only), as a new user would try --knowledge.
KNOWLEDGE_PLACE = "Zarqatiya"
KNOWLEDGE_ACTOR = "Saraya Example"
KNOWLEDGE_REPORTS = [
    "Example Companies fighters fired rockets at an army post in Zarqatiya on Monday, killing two soldiers.",
    "Example Companies fighters launched a drone at a checkpoint in Zarqatiya on Tuesday, wounding three policemen.",
    "Example Companies gunmen attacked a police patrol in Zarqatiya on Wednesday, killing one officer.",
    "Example Companies fighters attacked an army outpost in Zarqatiya on Thursday, killing four soldiers.",
    "Example Companies militants ambushed an army convoy in Zarqatiya on Friday, killing two soldiers.",
    "Example Companies militants shelled Zarqatiya on Saturday, killing a farmer.",
]
KNOWLEDGE_PUBLISHED = date(2024, 5, 13)


def write_knowledge_scenario(root: Path) -> tuple[Path, Path]:
    """(knowledge folder, folder of reports) under ``root``."""
    folder, reports = root / "knowledge", root / "reports"
    (folder / "places").mkdir(parents=True)
    (folder / "actors").mkdir()
    reports.mkdir()
    (folder / "places" / "villages.yaml").write_text(
        "places:\n"
        f"  - {{id: iq-test-zarqatiya, name: {KNOWLEDGE_PLACE}, country: IQ, lat: 36.512, lon: 42.871, kind: town,"
        " aliases: [Zarqatiyah], source: invented for a test}\n", encoding="utf-8")
    (folder / "actors" / "militias.yaml").write_text(
        f"actors:\n  - name: {KNOWLEDGE_ACTOR}\n    kind: militia\n    inter: 3\n    country: IQ\n"
        "    aliases: [Example Companies]\n", encoding="utf-8")
    for number, line in enumerate(KNOWLEDGE_REPORTS, 1):
        (reports / f"report{number}.txt").write_text(line + "\n", encoding="utf-8")
    return folder, reports


def assert_every_event_uses_the_knowledge(store: Any) -> None:
    """Six events, each placed in the folder's village and carried out by the folder's militia."""
    events = list(store.iter_events())
    assert len(events) == len(KNOWLEDGE_REPORTS)
    assert [(e["location"], e["latitude"], e["actor1"]) for e in events] == \
        [(KNOWLEDGE_PLACE, 36.512, KNOWLEDGE_ACTOR)] * len(KNOWLEDGE_REPORTS)


def pipeline_events(texts: list[str], folder: Path, published: str = "2024-03-05", outlet: str = "Wire") -> list[list[dict]]:
    """Each text as one feed record through the whole pipeline (ingest, merge included): the exported
    events of each record, in record order."""
    import json

    from conflictwire import export as exporter
    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store

    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps({"url": f"u{i}", "text": text, "published": published, "outlet": outlet}) + "\n"
                            for i, text in enumerate(texts)), encoding="utf-8")
    store = Store(f"sqlite:///{folder / 'events.db'}")
    ingest([feed], store)
    rows = [json.loads(line) for line in exporter.export_to_string(store, "events", "jsonl").splitlines() if line.strip()]
    per_record: list[list[dict]] = [[] for _ in texts]
    for row in rows:
        for line in {int(s["document"].rsplit("#L", 1)[1]) for s in row["sources"]}:
            per_record[line - 1].append(row)
    return per_record
