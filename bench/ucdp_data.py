"""The UCDP GED Syria headlines and their gold events (``../shared/data/ucdp-syria-dev``): the one
loader of bench/ucdp_eval.py and bench/ucdp_places.py.

UCDP GED, CC BY 4.0: Sundberg & Melander 2013; Davies et al. 2024 (see that folder's README).  The
data stays there; nothing here copies it.  ``$CONFLICTWIRE_SHARED`` names another shared folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conflictwire.evaluate import shared_folder

HERE = Path(__file__).resolve().parent
# ../shared/data relative to the repo (a git worktree /work/wt/NAME finds /work/wt/shared)
UCDP = (shared_folder(HERE / "ucdp_data.py") or HERE.parent.parent / "shared") / "data" / "ucdp-syria-dev"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def load_gold(set_name: str) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    """One set's gold (``2016``, ``2018-2019``): its headline records in file order (``url``,
    ``line``, ``event_ids``) and its UCDP events by ``event_id``."""
    headlines: list[dict[str, Any]] = []
    events: dict[int, dict[str, Any]] = {}
    for record in read_jsonl(UCDP / f"{set_name}.gold.jsonl"):
        if record["kind"] == "headline":
            headlines.append(record)
        elif record["kind"] == "event":
            events[record["event_id"]] = record
    return headlines, events
