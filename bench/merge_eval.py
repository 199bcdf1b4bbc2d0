"""Merge evaluation: does the pipeline group reports of the same event, and only those?

What it does (``python bench/merge_eval.py [REPORTS.jsonl] [--headlines]``):

1. reads a JSONL file of short reports (``text``, ``title``, ``outlet``, ``published``) each
   carrying a hand-assigned ``cluster`` label: the real-world event it tells
   (default: ``tests/fixtures/merge/reports.jsonl``);
2. ingests the records through the real pipeline (``conflictwire.ingest.ingest``) into a fresh
   SQLite store, so extraction, dating, geocoding and merging all take part;
3. maps every event's sources back to records through the document path (``file#L<line>``);
4. scores the grouping pairwise over *records*: two records are predicted together when one
   event holds mentions from both; they belong together when their ``cluster`` labels agree.
   Records that produced no event are singletons (they cost recall only) and are counted;
   "R (both with event)" is the recall over the true pairs whose records both produced an
   event, the part of recall that merging alone decides.

``--headlines`` feeds only the headline, as the record's text (no title), the setting of a
headline-clustering benchmark.  The ``cluster`` field is ignored by the reader.

``--ucdp [--per-period N]`` says why reports of one UCDP event are not merged (the real headlines
of ``bench/ucdp_eval.py``, same sample and seed): for every merge-eligible UCDP event whose
candidates are not one event of ours, every pair of its candidate reports from two headlines is
explained by ``merge.explain_pair`` (the hard constraint that fails, the rule that holds the
pair for review, or "merges" when the pair alone would and the clustering put them apart), and the
reasons are counted separately for events told only by one outlet and by several
(docs/evaluation.md, "Why eligible UCDP events are not merged").
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = REPO / "tests" / "fixtures" / "merge" / "reports.jsonl"


@dataclass
class MergeScores:
    records: int
    clusters: int
    events: int
    records_without_event: list[int]
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    false_pairs: list[tuple[int, int]] = field(default_factory=list)
    missed_pairs: list[tuple[int, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def reachable_pairs(self) -> list[tuple[int, int]]:
        """True pairs whose records both produced an event: the pairs merging alone decides."""
        without = set(self.records_without_event)
        return [p for p in self.missed_pairs if p[0] not in without and p[1] not in without]

    @property
    def merge_recall(self) -> float:
        """Recall over true pairs whose records both produced an event (extraction misses left out)."""
        reachable = self.correct_pairs + len(self.reachable_pairs)
        return self.correct_pairs / reachable if reachable else 1.0

    @property
    def f1(self) -> float:
        total = self.predicted_pairs + self.true_pairs
        return 2 * self.correct_pairs / total if total else 1.0


def read_records(path: Path) -> list[dict[str, Any]]:
    """Records by 1-based line number order (blank lines are not allowed in the set)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def write_input(records: list[dict[str, Any]], folder: Path, *, headlines: bool) -> Path:
    target = folder / "merge_reports.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for record in records:
            fed = dict(record)
            if headlines:
                # The reader drops a first line equal to the title, so the headline goes in as the text.
                fed["text"] = fed.pop("title")
            out.write(json.dumps(fed, ensure_ascii=False) + "\n")
    return target


def line_of(document_path: str | None) -> int | None:
    if not document_path or "#L" not in document_path:
        return None
    return int(document_path.rsplit("#L", 1)[1])


def score_grouping(labels: list[str], events: list[dict[str, Any]]) -> MergeScores:
    """Pairwise precision/recall over records; ``labels[i]`` is the cluster of line i+1."""
    predicted: set[tuple[int, int]] = set()
    with_event: set[int] = set()
    for event in events:
        lines = sorted({n for s in event["sources"] if (n := line_of(s.get("document"))) is not None})
        with_event.update(lines)
        predicted.update(combinations(lines, 2))
    truth = {(i, j) for i, j in combinations(range(1, len(labels) + 1), 2) if labels[i - 1] == labels[j - 1]}
    return MergeScores(
        records=len(labels), clusters=len(set(labels)), events=len(events),
        records_without_event=[n for n in range(1, len(labels) + 1) if n not in with_event],
        true_pairs=len(truth), predicted_pairs=len(predicted), correct_pairs=len(predicted & truth),
        false_pairs=sorted(predicted - truth), missed_pairs=sorted(truth - predicted))


def evaluate_merge(reports: Path = DEFAULT_REPORTS, *, headlines: bool = False) -> tuple[MergeScores, list[dict]]:
    """Ingest the reports into a fresh store; return the scores and the events."""
    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store

    records = read_records(reports)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write_input(records, folder, headlines=headlines)
        store = Store(f"sqlite:///{folder / 'merge.db'}")
        ingest([source], store)
        events = list(store.iter_events())
        store.dispose()
    return score_grouping([r["cluster"] for r in records], events), events


def render(name: str, scores: MergeScores, records: list[dict[str, Any]], *, verbose: bool) -> str:
    rows = [
        f"### {name}",
        "",
        "| records | clusters | events | records without event | true pairs | predicted pairs | correct | "
        "P | R | F1 | R (both with event) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {scores.records} | {scores.clusters} | {scores.events} | {len(scores.records_without_event)} | "
        f"{scores.true_pairs} | {scores.predicted_pairs} | {scores.correct_pairs} | {scores.precision:.3f} | "
        f"{scores.recall:.3f} | {scores.f1:.3f} | {scores.merge_recall:.3f} |",
    ]
    if verbose:
        def show(n: int) -> str:
            r = records[n - 1]
            return f"L{n} [{r['cluster']}] {r['title']}"
        rows += ["", "False merges:"] + [f"  {show(a)}  <->  {show(b)}" for a, b in scores.false_pairs]
        rows += ["", "Missed pairs (both records have an event):"]
        rows += [f"  {show(a)}  <->  {show(b)}" for a, b in scores.reachable_pairs]
        rows += ["", "No event:"] + [f"  {show(n)}" for n in scores.records_without_event]
    return "\n".join(rows)


def ucdp_misses(per_period: int = 1000, seed: int = 14) -> dict[str, Any]:
    """Why merge-eligible UCDP events are not merged: reasons per pair of candidate reports."""
    from collections import Counter

    sys.path.insert(0, str(REPO / "bench"))
    import ucdp_eval as ue

    from conflictwire import export as exporter
    from conflictwire.ingest import ingest
    from conflictwire.pipeline.merge import MentionView, default_actor_check, explain_pair
    from conflictwire.store.db import Store

    samples, records = ue.sample_periods(per_period, seed)
    with tempfile.TemporaryDirectory(prefix="cw_misses_") as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        store = Store(f"sqlite:///{Path(tmp) / 'ucdp.db'}")
        ingest([feed], store)
        produced = [json.loads(line) for line in exporter.export_to_string(store, "events", "jsonl").splitlines()
                    if line.strip()]
        views = {p["mention_id"]: MentionView.from_payload(p) for country in store.all_countries()
                 for p in store.mentions_in(country)}
        store.dispose()
    check = default_actor_check()
    gold = {k: v for _p, _r, _h, events in samples for k, v in events.items()}
    urls_of: dict[int, set[str]] = {}
    for _p, chosen, headlines, events in samples:
        for record in chosen:
            for event_id in headlines.get(record["url"], []):
                if event_id in events:
                    urls_of.setdefault(event_id, set()).add(record["url"])
    url_of_line = [r["url"] for r in records]
    outlet = {r["url"]: r["outlet"] for r in records}
    sources: dict[str, list[tuple[str, str, str]]] = {}  # url -> (event id, mention id, its event's index)
    for i, event in enumerate(produced):
        for source in event["sources"]:
            n = line_of(source.get("document"))
            if n is not None:
                sources.setdefault(url_of_line[n - 1], []).append((event["event_id"], source["mention_id"], str(i)))
    reasons: Counter[tuple[str, str]] = Counter()
    counts: Counter[str] = Counter()
    for event_id, urls in sorted(urls_of.items()):
        per_url = {}
        for url in sorted(urls):
            found = [s for s in sources.get(url, []) if ue.candidate(produced[int(s[2])], gold[event_id])]
            if found:
                per_url[url] = found
        if len(per_url) < 2:
            continue
        counts["eligible"] += 1
        if set.intersection(*[{s[0] for s in found} for found in per_url.values()]):
            counts["merged"] += 1
            continue
        told_by = "one outlet" if len({outlet[u] for u in per_url}) == 1 else "several outlets"
        counts[f"not merged, {told_by}"] += 1
        ordered = sorted(per_url)
        for x, first in enumerate(ordered):
            for second in ordered[x + 1:]:
                for _e1, m1, _i1 in per_url[first]:
                    for _e2, m2, _i2 in per_url[second]:
                        reasons[(told_by, explain_pair(views[m1], views[m2], check))] += 1
    return {"counts": dict(counts), "reasons": reasons}


def render_misses(found: dict[str, Any]) -> str:
    reasons = found["reasons"]
    rows = [f"{k}: {v}" for k, v in sorted(found["counts"].items())]
    rows += ["", "| why a pair of candidate reports is not merged | pairs (events of one outlet) | "
                 "pairs (events of several outlets) |", "|---|---|---|"]
    for why in sorted({w for _t, w in reasons}, key=lambda w: -(reasons[("one outlet", w)]
                                                                 + reasons[("several outlets", w)])):
        rows.append(f"| {why} | {reasons[('one outlet', why)]} | {reasons[('several outlets', why)]} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="?", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--headlines", action="store_true", help="only the headline mode")
    parser.add_argument("--full", action="store_true", help="only the headline + text mode")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false, missed and eventless records")
    parser.add_argument("--ucdp", action="store_true",
                        help="why reports of one UCDP event are not merged (real headlines, bench/ucdp_eval.py)")
    parser.add_argument("--per-period", type=int, default=1000, help="with --ucdp: headlines per period (0 = all)")
    args = parser.parse_args(argv)
    if args.ucdp:
        print(render_misses(ucdp_misses(args.per_period)))
        return 0
    records = read_records(args.reports)
    modes = [("headline + text", False), ("headline only", True)]
    if args.headlines:
        modes = modes[1:]
    elif args.full:
        modes = modes[:1]
    for name, headlines in modes:
        scores, _events = evaluate_merge(args.reports, headlines=headlines)
        print(render(f"{name} ({args.reports.name})", scores, records, verbose=args.verbose))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
