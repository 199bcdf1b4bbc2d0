"""Real articles without a publication date: how many of their event-bearing articles survive?

The re3d press releases in ``../shared/data`` (public domain) are run through every
per-document stage twice: once as JSONL records with a ``published`` date, once without
(the date must then come from the text: datelines, stated dates).  An event whose year
cannot be known is dropped, so articles lose events when no date is found.  Prints how many
articles have at least one event each way, and the share kept (the target is at least 95%).

    .venv/bin/python bench/undated.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"
SOURCES = ("re3d-centcom", "re3d-us-state-department")
NOMINAL_PUBLISHED = "2017-01-15"  # re3d states no publication dates; any date in their period


def records(shared: Path) -> list[dict]:
    found = []
    for source in SOURCES:
        for line in (shared / source / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found.append({"title": record.get("title"), "url": record.get("sourceUrl"),
                              "outlet": record.get("sourceName"), "text": record["text"]})
    return found


def event_articles(rows: list[dict], folder: Path, name: str) -> tuple[int, int]:
    """(articles, articles with at least one event mention) for these records."""
    from conflictwire.ingest import process_batch
    from conflictwire.models import Document
    from conflictwire.pipeline.read import iter_inputs

    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    documents = [item for item in iter_inputs([str(path)]) if isinstance(item, Document)]
    articles = with_events = 0
    for result in process_batch(documents):
        articles += len(result.articles)
        with_events += sum(1 for extraction in result.extractions if extraction.mentions)
    return articles, with_events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    args = parser.parse_args()
    if not (args.shared / SOURCES[0] / "documents.json").is_file():
        sys.exit(f"undated: skipped: no re3d documents under {args.shared} (expected {SOURCES[0]}/documents.json)")
    rows = records(args.shared)
    with tempfile.TemporaryDirectory(prefix="cw_undated_") as tmp:
        dated = event_articles([dict(row, published=NOMINAL_PUBLISHED) for row in rows], Path(tmp), "dated")
        undated = event_articles(rows, Path(tmp), "undated")
    print(f"re3d: {dated[0]} articles; with `published`: {dated[1]} have an event; "
          f"without: {undated[1]} ({undated[1] / max(dated[1], 1):.0%} kept)")


if __name__ == "__main__":
    main()
