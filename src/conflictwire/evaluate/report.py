"""Output: the console tables and the Markdown or HTML report.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Any

from conflictwire.evaluate.gold import Gold
from conflictwire.evaluate.records import Finding, Scores


COUNT_ORDER = ("event found", "event_type", "sub_event_type", "date", "place", "country", "actor1", "actor2",
               "fatalities", "claims", "statement found", "statement type", "tallies", "article found",
               "article title", "article outlet", "article published")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def count_rows(scores: Scores) -> list[list[str]]:
    rows = []
    for key in COUNT_ORDER + tuple(sorted(set(scores.counts) - set(COUNT_ORDER))):
        c = scores.counts.get(key)
        if c is None:
            continue
        label = "place ≤ km" if key == "place" else key
        rows.append([label, str(c.tp), str(c.fp), str(c.fn), _pct(c.precision), _pct(c.recall), _pct(c.f1)])
    return rows


def accuracy_rows(scores: Scores) -> list[list[str]]:
    return [[key, f"{r.hits}/{r.total}", _pct(r.value)] for key, r in sorted(scores.accuracy.items())]


def print_scores(gold: Gold, scores: Scores, console: Any) -> None:
    from rich.table import Table

    sizes = scores.gold_sizes
    console.print(f"[bold]{gold.name}[/bold]: {sizes['documents']} documents, {sizes['events']} events, "
                  f"{sizes['statements']} statements, {sizes['tallies']} tallies, {sizes['articles']} articles "
                  f"(place within {gold.tolerances.place_km:g} km, date ±{gold.tolerances.date_days} d)")
    table = Table("field", "TP", "FP", "FN", "P %", "R %", "F1 %")
    for row in count_rows(scores):
        table.add_row(*row)
    console.print(table)
    acc = Table("accuracy", "right/total", "%")
    for row in accuracy_rows(scores):
        acc.add_row(*row)
    console.print(acc)
    kinds = Counter(f.kind for f in scores.findings)
    if kinds:
        console.print("findings: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())), highlight=False)


def render_report(gold: Gold, scores: Scores, *, html_output: bool) -> str:
    """The report as Markdown, or as a standalone HTML page."""
    from conflictwire import __version__

    tol = gold.tolerances
    sizes = scores.gold_sizes
    blocks: list[tuple[str, Any]] = [
        ("p", f"Gold `{gold.path.name}` ({gold.name}): {sizes['documents']} documents, {sizes['events']} events, "
              f"{sizes['statements']} statements, {sizes['tallies']} tallies, {sizes['articles']} articles. "
              f"conflictwire {__version__}. Tolerances: date ±{tol.date_days} days, place ≤ {tol.place_km:g} km, "
              f"type match `{tol.type_match}`, title similarity ≥ {tol.title_similarity:g}."),
        ("h2", "Scores per field"),
        ("table", (["field", "TP", "FP", "FN", "P %", "R %", "F1 %"], count_rows(scores))),
        ("h2", "Accuracies"),
        ("table", (["measure", "right/total", "%"], accuracy_rows(scores))),
        ("h2", "Confusion of sub-event types (rows: gold, columns: system)"),
        ("table", _confusion_table(scores)),
        ("h2", "Events per document"),
        ("table", (["document", "TP", "FP", "FN", "F1 %"],
                   [[d, str(c.tp), str(c.fp), str(c.fn), _pct(c.f1)] for d, c in sorted(scores.per_document.items())])),
    ]
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for finding in scores.findings:
        by_kind[finding.kind].append(finding)
    for kind in sorted(by_kind):
        blocks.append(("h2", f"{kind} ({len(by_kind[kind])})"))
        blocks.append(("table", (["document", "what", "quote"],
                                 [[f.document, f.detail, f.quote] for f in by_kind[kind]])))
    title = f"conflictwire evaluation: {gold.name}"
    return _html(title, blocks) if html_output else _markdown(title, blocks)


def _confusion_table(scores: Scores) -> tuple[list[str], list[list[str]]]:
    golds = sorted({g for g, _ in scores.confusion}, key=lambda s: (s == "(none)", s))
    systems = sorted({s for _, s in scores.confusion}, key=lambda s: (s == "(none)", s))
    rows = [[g] + [str(scores.confusion.get((g, s), "")) for s in systems] for g in golds]
    return ["gold \\ system"] + systems, rows


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _markdown(title: str, blocks: list[tuple[str, Any]]) -> str:
    lines = [f"# {title}", ""]
    for kind, content in blocks:
        if kind == "h2":
            lines += [f"## {content}", ""]
        elif kind == "p":
            lines += [content, ""]
        else:
            headers, rows = content
            lines.append("| " + " | ".join(map(_md_cell, headers)) + " |")
            lines.append("|" + "---|" * len(headers))
            lines += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines)


def _html(title: str, blocks: list[tuple[str, Any]]) -> str:
    e = html.escape
    parts = ["<!doctype html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">", f"<title>{e(title)}</title>",
             "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
             "table{border-collapse:collapse;margin:0 0 1.5em}td,th{border:1px solid #bbb;padding:.2em .5em;"
             "text-align:left;vertical-align:top}th{background:#eee}</style></head><body>", f"<h1>{e(title)}</h1>"]
    for kind, content in blocks:
        if kind in ("h2", "p"):
            parts.append(f"<{kind}>{e(content)}</{kind}>")
        else:
            headers, rows = content
            parts.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr></thead><tbody>")
            parts += ["<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows]
            parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)
