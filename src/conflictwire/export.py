"""Exports: jsonl, csv, geojson, parquet, acled-csv, plover-jsonl.

Every writer streams records from the store (constant memory) in a stable order,
so the same database always gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from typing import IO, Any

import pycountry

from conflictwire.store.db import EVENT_FIELDS, EventFilter, Store

KINDS = ("events", "statements", "tallies", "articles", "decisions")
FORMATS = ("jsonl", "csv", "geojson", "parquet", "acled-csv", "plover-jsonl")
BINARY_FORMATS = {"parquet"}
ALLOWED = {
    "events": set(FORMATS),
    "statements": {"jsonl", "csv", "parquet", "plover-jsonl"},
    "tallies": {"jsonl", "csv", "parquet"},
    "articles": {"jsonl", "csv", "parquet"},
    "decisions": {"jsonl", "csv"},
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell beginning with these

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
REGIONS = {  # ACLED region names for the countries this release knows best
    **dict.fromkeys(["IQ", "SY", "JO", "LB", "YE", "IR", "IL", "PS", "SA", "KW", "BH", "QA", "AE", "OM", "TR"],
                    "Middle East"),
}


class ExportError(ValueError):
    """A kind/format combination that does not exist, or a bad filter value."""


def check(kind: str, fmt: str) -> None:
    if kind not in KINDS:
        raise ExportError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt not in ALLOWED[kind]:
        raise ExportError(f"format {fmt!r} is not available for {kind} "
                          f"(available: {', '.join(sorted(ALLOWED[kind]))})")


def records(store: Store, kind: str, f: EventFilter) -> Iterator[dict[str, Any]]:
    if kind == "events":
        yield from store.iter_events(f)
    elif kind == "statements":
        yield from store.iter_statements(date_from=f.date_from, date_to=f.date_to, actor=f.actor,
                                         country=f.country, text=f.text)
    elif kind == "tallies":
        yield from store.iter_tallies(date_from=f.date_from, date_to=f.date_to, actor=f.actor, text=f.text)
    elif kind == "decisions":
        from conflictwire.store.decisions import listed

        yield from listed(store, include_undone=True)
    else:
        yield from store.iter_articles(date_from=f.date_from, date_to=f.date_to)


def write(store: Store, kind: str, fmt: str, out: IO[Any], f: EventFilter | None = None) -> int:
    """Write one export to an open file (text mode, or binary for parquet); returns the row count."""
    check(kind, fmt)
    f = f or EventFilter()
    rows = records(store, kind, f)
    writer = {
        "jsonl": _write_jsonl, "csv": _write_csv, "geojson": _write_geojson, "parquet": _write_parquet,
        "acled-csv": _write_acled, "plover-jsonl": _write_plover,
    }[fmt]
    return writer(rows, out, kind)


def _dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def _write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str], kind: str) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(_dumps(row) + "\n")
    return n


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return _cell(_dumps(value)) if value else ""
    return "" if value is None else _cell(value)


def _cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: text beginning like a formula gets a leading quote.
    Numbers (a negative longitude) stay numbers."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
        return value
    except ValueError:
        return "'" + value


def _write_csv(rows: Iterable[dict[str, Any]], out: IO[str], kind: str) -> int:
    writer: csv.DictWriter | None = None
    n = 0
    for n, row in enumerate(rows, 1):
        if kind == "events":
            date_range = row.pop("date_range") or [None, None]
            row = {"event_id": row.pop("event_id"), "event_date": row.pop("event_date"),
                   "date_from": date_range[0], "date_to": date_range[1], **row}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _flat(v) for k, v in row.items()})
    if writer is None:  # still give a header so spreadsheet users see the columns
        out.write(",".join(_empty_header(kind)) + "\n")
    return n


def _empty_header(kind: str) -> list[str]:
    if kind == "events":
        return ["event_id", "event_date", "date_from", "date_to"] + [f for f in EVENT_FIELDS if f not in (
            "event_id", "event_date", "date_range")]
    return {"statements": ["statement_id", "date", "time_precision", "speaker", "speaker_actor", "plover_event",
                           "plover_mode", "target_actor", "quote", "country", "sources"],
            "tallies": ["tally_id", "count", "qualifier", "what", "actor", "target", "place", "period_from",
                        "period_to", "as_of", "claimant", "parent_id", "sources"],
            "articles": ["article_id", "document", "title", "outlet", "authors", "published",
                         "published_source", "url", "language", "text"],
            "decisions": ["decision_id", "seq", "kind", "mentions", "fields", "why", "author", "created_at",
                          "event_ids", "undone_at", "undone_by", "status", "status_detail"]}[kind]


def _write_geojson(rows: Iterable[dict[str, Any]], out: IO[str], kind: str) -> int:
    out.write('{"type":"FeatureCollection","features":[\n')
    n = 0
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        feature = {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": row}
        out.write(("," if n else "") + _dumps(feature) + "\n")
        n += 1
    out.write("]}\n")
    return n


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return country.name if country else code


def _iso_numeric(code: str | None) -> int | None:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return int(country.numeric) if country else None


def _acled_row(row: dict[str, Any]) -> dict[str, Any]:
    code = row["country_code"]
    country = pycountry.countries.get(alpha_2=code) if code else None
    iso3 = country.alpha_3 if country else "XXX"
    inter1, inter2 = row["inter1"] or 0, row["inter2"] or 0
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else (inter1 or inter2 or 0)
    outlets = sorted({s["outlet"] for s in row["sources"] if s.get("outlet")})
    published = sorted({s["published"] for s in row["sources"] if s.get("published")})
    civilians = "Civilian targeting" if (row["actor2"] or "").startswith("Civilians") else ""
    disorder = {"Protests": "Demonstrations", "Riots": "Demonstrations",
                "Strategic developments": "Strategic developments"}.get(row["event_type"], "Political violence")
    tags = []
    if row["claims"] and len({(c["killed"], c["injured"]) for c in row["claims"]}) > 1:
        tags.append("conflicting casualty reports")
    if row.get("curated"):
        tags.append(f"curated by analyst ({', '.join(row['decision_ids'])})")
    timestamp = 0
    if published:  # deterministic: the latest source's publication day, not the export time
        timestamp = int(datetime.combine(date.fromisoformat(published[-1]), datetime.min.time(),
                                         tzinfo=timezone.utc).timestamp())
    return {
        "event_id_cnty": f"{iso3}{int(row['event_id'][:8], 16) % 10_000_000:07d}",
        "event_date": row["event_date"], "year": int(row["event_date"][:4]),
        "time_precision": row["time_precision"], "disorder_type": disorder, "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"], "actor1": row["actor1"] or "",
        "assoc_actor_1": row["assoc_actor_1"] or "", "inter1": inter1, "actor2": row["actor2"] or "",
        "assoc_actor_2": row["assoc_actor_2"] or "", "inter2": inter2, "interaction": interaction,
        "civilian_targeting": civilians, "iso": _iso_numeric(code) or "", "region": REGIONS.get(code or "", ""),
        "country": row["country"] or "", "admin1": row["admin1"] or "", "admin2": row["admin2"] or "",
        "admin3": "", "location": row["location"] or "", "latitude": _fmt_coord(row["latitude"]),
        "longitude": _fmt_coord(row["longitude"]), "geo_precision": row["geo_precision"] or "",
        "source": "; ".join(outlets), "source_scale": _source_scale(outlets), "notes": row["notes"] or "",
        "fatalities": row["fatalities"] or 0, "tags": "; ".join(tags), "timestamp": timestamp,
    }


def _fmt_coord(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _source_scale(outlets: list[str]) -> str:
    if not outlets:
        return ""
    return "Other" if len(outlets) == 1 else "Other-Other" if len(outlets) == 2 else "Multiple"


def _write_acled(rows: Iterable[dict[str, Any]], out: IO[str], kind: str) -> int:
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow({k: _cell(v) for k, v in _acled_row(row).items()})
    return n


def _plover_record(row: dict[str, Any], kind: str) -> dict[str, Any]:
    if kind == "statements":
        source = row["sources"][0]
        return {"id": row["statement_id"], "date": row["date"], "actor": {"actorText": row["speaker"],
                "name": row["speaker_actor"]}, "recipient": {"name": row["target_actor"]},
                "event": row["plover_event"], "mode": row["plover_mode"], "context": [],
                "event_text": row["quote"], "offsets": [source["start"], source["end"]],
                "article_id": source["article_id"], "country": row["country"]}
    first = row["sources"][0] if row["sources"] else {}
    return {
        "id": row["event_id"], "date": row["event_date"], "time_precision": row["time_precision"],
        "actor": {"name": row["actor1"], "inter": row["inter1"]},
        "recipient": {"name": row["actor2"], "inter": row["inter2"]},
        "event": row["plover_event"], "mode": row["plover_mode"], "context": [],
        "event_text": first.get("quote"), "offsets": [first.get("start"), first.get("end")],
        "article_id": first.get("article_id"),
        "magnitude": {"dead": row["fatalities"], "injured": row["injuries"]},
        "location": {"name": row["location"], "country": row["country_code"], "admin1": row["admin1"],
                     "lat": row["latitude"], "lon": row["longitude"], "geo_precision": row["geo_precision"]},
        "acled": {"event_type": row["event_type"], "sub_event_type": row["sub_event_type"]},
        "sources": row["sources"],
    }


def _write_plover(rows: Iterable[dict[str, Any]], out: IO[str], kind: str) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(_dumps(_plover_record(row, kind)) + "\n")
    return n


def _parquet_schema(kind: str) -> Any:
    import pyarrow as pa

    text, i64, f64 = pa.string(), pa.int64(), pa.float64()
    source = pa.struct([("document", text), ("article_id", text), ("outlet", text), ("published", text),
                        ("quote", text), ("start", i64), ("end", i64)])
    if kind == "events":
        claim = pa.struct([("claimant", text), ("source_outlet", text), ("killed", i64), ("injured", i64),
                           ("qualifier", text), ("quote", text), ("start", i64), ("end", i64),
                           ("article_id", text), ("shared_by", i64), ("killed_share", i64),
                           ("injured_share", i64)])
        resp = pa.struct([("claimant", text), ("actor", text), ("kind", text), ("quote", text),
                          ("start", i64), ("end", i64), ("article_id", text)])
        fields = [("event_id", text), ("event_date", text), ("date_range", pa.list_(text)),
                  ("time_precision", i64), ("event_type", text), ("sub_event_type", text),
                  ("plover_event", text), ("plover_mode", text), ("actor1", text), ("assoc_actor_1", text),
                  ("inter1", i64), ("actor2", text), ("assoc_actor_2", text), ("inter2", i64), ("country", text),
                  ("country_code", text), ("admin1", text), ("admin2", text), ("location", text),
                  ("latitude", f64), ("longitude", f64), ("geo_precision", i64), ("fatalities", i64),
                  ("injuries", i64), ("claims", pa.list_(claim)), ("responsibility", pa.list_(resp)),
                  ("weapons", pa.list_(text)), ("targets", pa.list_(text)), ("sources", pa.list_(source)),
                  ("notes", text), ("confidence", f64), ("curated", pa.bool_()),
                  ("decision_ids", pa.list_(text)), ("machine", text)]
    elif kind == "statements":
        fields = [("statement_id", text), ("date", text), ("time_precision", i64), ("speaker", text),
                  ("speaker_actor", text), ("plover_event", text), ("plover_mode", text),
                  ("target_actor", text), ("quote", text), ("country", text), ("sources", pa.list_(source))]
    elif kind == "tallies":
        fields = [("tally_id", text), ("count", i64), ("qualifier", text), ("what", text), ("actor", text),
                  ("target", text), ("place", text), ("period_from", text), ("period_to", text),
                  ("as_of", text), ("claimant", text), ("parent_id", text), ("sources", pa.list_(source))]
    else:
        fields = [("article_id", text), ("document", text), ("title", text), ("outlet", text),
                  ("authors", pa.list_(text)), ("published", text), ("published_source", text), ("url", text),
                  ("language", text), ("text", text)]
    return pa.schema(fields)


def _write_parquet(rows: Iterable[dict[str, Any]], out: IO[bytes], kind: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(kind)
    names = schema.names
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({k: _conform(row.get(k), schema.field(k).type) for k in names})
            if len(batch) >= 2000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _conform(value: Any, arrow_type: Any) -> Any:
    """Keep only the struct fields the schema declares (records may carry extra audit keys)."""
    import pyarrow as pa

    if value is None:
        return None
    if isinstance(value, dict) and pa.types.is_string(arrow_type):  # the machine's values: JSON text
        return _dumps(value)
    if pa.types.is_list(arrow_type) and pa.types.is_struct(arrow_type.value_type):
        keys = [arrow_type.value_type.field(i).name for i in range(arrow_type.value_type.num_fields)]
        return [{k: item.get(k) for k in keys} for item in value]
    return value


def export_to_string(store: Store, kind: str, fmt: str, f: EventFilter | None = None) -> str:
    """Convenience for tests and the HTTP API: the whole export as text (not for parquet)."""
    buffer = io.StringIO()
    write(store, kind, fmt, buffer, f)
    return buffer.getvalue()
