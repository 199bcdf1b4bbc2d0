"""PLOVER GSR sentences through the real pipeline: event category and source-actor agreement.

A measurement script, not a test.  Each GSR sentence (shared/data/plover-gsr/PLOVER_GSR_CAMEO.txt)
goes in as a JSONL record dated 2000-01-01, exactly as a user's feed would; the exported events
and statements are matched back to their sentence through the record's line number.

For each gold PLOVER category (old names mapped by ``vocab.normalise_plover``) it prints:
  n        sentences in the category
  fired    share of sentences where we output any event or statement
  match    share where one of our events' or statements' plover_event equals the gold category
  actor    among matched sentences, share where a gold source actorText is a substring (either way,
           case-insensitive) of our actor1 / speaker, raw text or canonical name

Usage: .venv/bin/python bench/plover_gsr.py [--gsr PATH] [--keep-db PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from conflictwire import export as exporter
from conflictwire.ingest import ingest
from conflictwire.store.db import Store
from conflictwire.vocab import normalise_plover

DEFAULT_GSR = Path("/work/shared/data/plover-gsr/PLOVER_GSR_CAMEO.txt")
# Categories the event extractor (not only the statement finder) is meant to produce.
EVENT_LIKE = ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "AGREE")


def load_gsr(path: Path) -> list[dict[str, Any]]:
    items = json.loads(path.read_text(encoding="utf-8"))
    return [x for x in items if x.get("text") and x.get("event") != "DOCUMENT"]


def _line_of(record: dict[str, Any], article_lines: dict[str, int]) -> set[int]:
    lines = set()
    for source in record.get("sources") or []:
        m = re.search(r"#L(\d+)$", source.get("document") or "")
        if m:
            lines.add(int(m.group(1)) - 1)
    if record.get("article_id") in article_lines:
        lines.add(article_lines[record["article_id"]])
    return lines


def _actor_texts(record: dict[str, Any]) -> list[str]:
    keys = ("actor1", "actor1_raw", "assoc_actor_1", "speaker", "speaker_actor")
    out = [str(record[k]) for k in keys if record.get(k)]
    for resp in record.get("responsibility") or []:
        if resp.get("actor"):
            out.append(str(resp["actor"]))
    return out


def _agrees(gold_actors: list[str], ours: list[str]) -> bool:
    for gold in gold_actors:
        g = gold.lower().strip()
        if g and any(g in o.lower() or o.lower() in g for o in ours if len(o) > 2):
            return True
    return False


def run(gsr_path: Path, db_path: Path) -> None:
    items = load_gsr(gsr_path)
    feed = db_path.parent / "plover_gsr.jsonl"
    feed.write_text("".join(json.dumps({"text": x["text"], "published": "2000-01-01"}) + "\n" for x in items),
                    encoding="utf-8")
    store = Store(f"sqlite:///{db_path}")
    ingest([feed], store)

    def rows(kind: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in exporter.export_to_string(store, kind, "jsonl").splitlines() if line.strip()]

    article_lines: dict[str, int] = {}
    for art in rows("articles"):
        m = re.search(r"#L(\d+)$", str(art.get("document") or art.get("source") or ""))
        if m and art.get("article_id"):
            article_lines[art["article_id"]] = int(m.group(1)) - 1
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for kind in ("events", "statements"):
        for record in rows(kind):
            for line in _line_of(record, article_lines):
                found[line].append(record)

    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, fired, match, actor
    for i, item in enumerate(items):
        gold = normalise_plover(item["event"])
        ours = found.get(i, [])
        matched = [r for r in ours if r.get("plover_event") == gold]
        s = stats[gold]
        s[0] += 1
        s[1] += bool(ours)
        s[2] += bool(matched)
        if matched and _agrees([a["actorText"] for a in item.get("source") or [] if a.get("actorText")],
                               [t for r in matched for t in _actor_texts(r)]):
            s[3] += 1

    print(f"{'category':10} {'n':>4} {'fired':>6} {'match':>6} {'actor':>6}")
    totals = [0, 0, 0, 0]
    for cat in sorted(stats, key=lambda c: (c not in EVENT_LIKE, c)):
        n, fired, match, actor = stats[cat]
        totals = [a + b for a, b in zip(totals, stats[cat])]
        star = "*" if cat in EVENT_LIKE else " "
        print(f"{cat:9}{star} {n:4} {fired / n:6.2f} {match / n:6.2f} {(actor / match if match else 0):6.2f}")
    n, fired, match, actor = totals
    print(f"{'all':10} {n:4} {fired / n:6.2f} {match / n:6.2f} {(actor / match if match else 0):6.2f}")
    print("* event-like categories; actor = share of matched sentences whose gold source actor we named")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gsr", type=Path, default=DEFAULT_GSR)
    parser.add_argument("--keep-db", type=Path, default=None)
    args = parser.parse_args()
    if args.keep_db:
        args.keep_db.unlink(missing_ok=True)
        run(args.gsr, args.keep_db)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(args.gsr, Path(tmp) / "plover.db")


if __name__ == "__main__":
    main()
