"""The gold file: its model (documents, articles, events, claims, statements, tallies,
tolerances) and its loading from YAML or JSON Lines, every error naming the file and line.
The format is documented in ``docs/evaluation.md``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from conflictwire.vocab import PLOVER_EVENTS, SUB_EVENT_TO_TYPE


GOLD_FORMAT_VERSION = 1
SHARED_ENV = "CONFLICTWIRE_SHARED"


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file and the line."""


@dataclass
class Tolerances:
    """Matching rules, set in the gold file header under ``tolerances:``."""

    date_days: int = 1  # a system date may lie this many days outside the gold date or range
    place_km: float = 25.0  # a system location within this distance of the gold point is right
    type_match: str = "family"  # events may pair when their types agree: exact | type | family | any
    title_similarity: float = 90.0  # rapidfuzz ratio (0-100) on normalised titles
    fatalities_tolerance: int = 0  # |system - gold| allowed for fatalities


@dataclass
class GoldClaim:
    claimant: list[str] | None  # alternatives; None = the outlet's own voice
    killed: int | None
    injured: int | None = None
    line: int = 0


@dataclass
class GoldEvent:
    id: str
    line: int
    sub_event_type: str
    event_type: str
    anchor: str | None  # words of the sentence that states the event
    values: dict[str, Any]  # only the fields the annotator filled (None = "none")
    claims: list[GoldClaim] | None = None  # None = claims not annotated
    required: bool = True  # optional events (background mentions) are neither rewarded nor penalised


@dataclass
class GoldStatement:
    id: str
    line: int
    plover: str
    speaker: list[str] | None
    speaker_annotated: bool
    anchor: str | None


@dataclass
class GoldTally:
    id: str
    line: int
    count: int
    what: list[str]
    anchor: str | None


@dataclass
class GoldArticle:
    line: int
    anchor: str | None
    values: dict[str, Any]  # title / outlet / published as annotated


@dataclass
class GoldDocument:
    id: str
    line: int
    path: Path  # the file to read
    shown_path: str  # as written in the gold file
    record: str | None  # JSONL line ("L3") or a shared-data record _id
    title: str | None = None  # for shared-data records: the record's title is used when None
    outlet: str | None = None
    published: date | None = None  # fed as `given` to the reader
    articles: list[GoldArticle] | None = None
    events: list[GoldEvent] = field(default_factory=list)
    statements: list[GoldStatement] | None = None
    tallies: list[GoldTally] | None = None
    no_events: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    uses_shared: bool = False


@dataclass
class Gold:
    path: Path
    name: str
    tolerances: Tolerances
    documents: list[GoldDocument]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping (for error messages)."""


class _LineDict(dict):
    line: int = 0


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text until _date() checks them, so "2024-13-01" is reported with its line, not a traceback.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def shared_folder(gold_path: Path | None = None) -> Path | None:
    """$CONFLICTWIRE_SHARED, else a ``shared`` folder beside the repository (gold's or the package's)."""
    if os.environ.get(SHARED_ENV):
        return Path(os.environ[SHARED_ENV])
    starts = [Path(__file__).resolve()]
    if gold_path is not None:
        starts.insert(0, gold_path.resolve())
    for start in starts:
        for folder in start.parents:
            if (folder / "pyproject.toml").is_file() and (folder.parent / "shared").is_dir():
                return folder.parent / "shared"
    return None


def load_gold(path: Path | str) -> Gold:
    """Read and check a gold file (YAML, or JSONL: a header line with ``tolerances`` then one document per line)."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such gold file")
    text = path.read_text(encoding="utf-8")
    where = _Where(path)
    try:
        if path.suffix.lower() == ".jsonl":
            data = _jsonl_gold(text, where)
        else:
            data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise GoldError(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise GoldError(f"{path}: expected a mapping with a `documents:` list")
    if data.get("version", GOLD_FORMAT_VERSION) != GOLD_FORMAT_VERSION:
        raise GoldError(f"{path}: gold format version {data.get('version')!r} not supported (expected 1)")
    tolerances = _tolerances(data.get("tolerances") or {}, where)
    shared = shared_folder(path)
    documents = [_document(d, i, where, shared) for i, d in enumerate(data["documents"], start=1)]
    seen: dict[str, int] = {}
    for doc in documents:
        if doc.id in seen:
            raise GoldError(where.at(doc.line, f"document id {doc.id!r} used twice (first at line {seen[doc.id]})"))
        seen[doc.id] = doc.line
    return Gold(path=path, name=str(data.get("name") or path.stem), tolerances=tolerances, documents=documents)


@dataclass
class _Where:
    path: Path

    def at(self, line: int, message: str) -> str:
        return f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"


def _jsonl_gold(text: str, where: _Where) -> dict[str, Any]:
    data: dict[str, Any] = {"documents": []}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldError(where.at(number, f"not valid JSON: {exc.msg}")) from None
        if not isinstance(item, dict):
            raise GoldError(where.at(number, "expected a JSON object"))
        item = _with_line(item, number)
        if "documents" in item or "tolerances" in item or "version" in item:
            data.update({k: v for k, v in item.items() if k != "documents"})
        else:
            data["documents"].append(item)
    return data


def _with_line(value: Any, line: int) -> Any:
    if isinstance(value, dict):
        out = _LineDict({k: _with_line(v, line) for k, v in value.items()})
        out.line = line
        return out
    if isinstance(value, list):
        return [_with_line(v, line) for v in value]
    return value


def _line(node: Any, default: int = 0) -> int:
    return getattr(node, "line", default)


def _tolerances(raw: Any, where: _Where) -> Tolerances:
    if not isinstance(raw, dict):
        raise GoldError(where.at(_line(raw), "`tolerances` must be a mapping"))
    tol = Tolerances()
    for key, value in raw.items():
        if not hasattr(tol, key):
            raise GoldError(where.at(_line(raw), f"unknown tolerance {key!r} (known: {', '.join(vars(tol))})"))
        if key == "type_match":
            if value not in ("exact", "type", "family", "any"):
                raise GoldError(where.at(_line(raw), "tolerances.type_match: choose exact, type, family or any"))
        elif not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise GoldError(where.at(_line(raw), f"tolerances.{key}: expected a number >= 0, got {value!r}"))
        setattr(tol, key, value)
    return tol


def _document(raw: Any, number: int, where: _Where, shared: Path | None) -> GoldDocument:
    if not isinstance(raw, dict):
        raise GoldError(where.at(0, f"document #{number}: expected a mapping"))
    line = _line(raw)
    shown = raw.get("path")
    if not isinstance(shown, str) or not shown:
        raise GoldError(where.at(line, f"document #{number}: `path` is required"))
    doc_id = str(raw.get("id") or shown)
    uses_shared = "${SHARED}" in shown
    path = _resolve_path(shown, where, line, shared)
    record = raw.get("record")
    if path.name == "documents.json" and uses_shared and not record:
        raise GoldError(where.at(line, f"document {doc_id}: a shared-data file needs `record: <_id>`"))
    doc = GoldDocument(
        id=doc_id, line=line, path=path, shown_path=shown, uses_shared=uses_shared,
        record=str(record) if record is not None else None,
        title=_optional_str(raw, "title", where), outlet=_optional_str(raw, "outlet", where),
        published=_date(raw.get("published"), where, line, "published") if raw.get("published") else None,
        no_events=_strings(raw.get("no_events", []), where, line, "no_events"),
        chrome=_strings(raw.get("chrome", []), where, line, "chrome"),
    )
    if "articles" in raw:
        doc.articles = [_article(a, where) for a in _list(raw["articles"], where, line, "articles")]
    doc.events = [_event(e, f"{doc_id}/e{i}", where) for i, e in
                  enumerate(_list(raw.get("events", []), where, line, "events"), start=1)]
    if "statements" in raw:
        doc.statements = [_statement(s, f"{doc_id}/s{i}", where) for i, s in
                          enumerate(_list(raw["statements"], where, line, "statements"), start=1)]
    if "tallies" in raw:
        doc.tallies = [_tally(t, f"{doc_id}/t{i}", where) for i, t in
                       enumerate(_list(raw["tallies"], where, line, "tallies"), start=1)]
    unknown = set(raw) - {"id", "path", "record", "title", "outlet", "published", "articles", "events",
                          "statements", "tallies", "no_events", "chrome", "note"}
    if unknown:
        raise GoldError(where.at(line, f"document {doc_id}: unknown key(s) {', '.join(sorted(unknown))}"))
    return doc


def _resolve_path(shown: str, where: _Where, line: int, shared: Path | None) -> Path:
    from conflictwire.samples import sample_dir

    text = shown.replace("${SAMPLES}", str(sample_dir()))
    if "${SHARED}" in text:
        if shared is None:
            # Resolved lazily: the document can still be listed and filtered out by callers.
            text = text.replace("${SHARED}", "<shared folder not found: set $CONFLICTWIRE_SHARED>")
        else:
            text = text.replace("${SHARED}", str(shared))
    path = Path(os.path.expanduser(text))
    return path if path.is_absolute() else (where.path.parent / path).resolve()


def _optional_str(raw: dict, key: str, where: _Where) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)):
        raise GoldError(where.at(_line(raw), f"`{key}` must be text"))
    return str(value)


def _list(value: Any, where: _Where, line: int, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise GoldError(where.at(line, f"`{key}` must be a list"))
    return value


def _strings(value: Any, where: _Where, line: int, key: str) -> list[str]:
    items = _list(value, where, line, key)
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise GoldError(where.at(line, f"`{key}` must be a list of non-empty strings"))
    return items


def _names(value: Any, where: _Where, line: int, key: str) -> list[str] | None:
    """A name or a list of accepted alternatives; None stays None ("no such actor")."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return list(value)
    raise GoldError(where.at(line, f"`{key}` must be a name, a list of names, or null"))


def _date(value: Any, where: _Where, line: int, key: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise GoldError(where.at(line, f"`{key}`: {value!r} is not a date (YYYY-MM-DD)")) from None


def _int(value: Any, where: _Where, line: int, key: str, *, allow_none: bool = True) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise GoldError(where.at(line, f"`{key}` must be a whole number >= 0, got {value!r}"))
    return value


def _date_range(value: Any, where: _Where, line: int) -> tuple[date, date]:
    if isinstance(value, list):
        if len(value) != 2:
            raise GoldError(where.at(line, "`date` as a range needs exactly [from, to]"))
        start, end = (_date(v, where, line, "date") for v in value)
        if end < start:
            raise GoldError(where.at(line, f"`date` range ends before it starts: {value!r}"))
        return start, end
    day = _date(value, where, line, "date")
    return day, day


def _event(raw: Any, default_id: str, where: _Where) -> GoldEvent:
    if not isinstance(raw, dict):
        raise GoldError(where.at(0, f"event {default_id}: expected a mapping"))
    line = _line(raw)
    sub = raw.get("sub_event_type")
    if sub not in SUB_EVENT_TO_TYPE:
        raise GoldError(where.at(line, f"event {default_id}: sub_event_type {sub!r} is not an ACLED sub-event type"))
    event_type = raw.get("event_type") or SUB_EVENT_TO_TYPE[sub]
    if event_type != SUB_EVENT_TO_TYPE[sub]:
        raise GoldError(where.at(line, f"event {default_id}: {sub!r} belongs to {SUB_EVENT_TO_TYPE[sub]!r}, "
                                       f"not {event_type!r}"))
    values: dict[str, Any] = {"event_type": event_type, "sub_event_type": sub}
    if "date" in raw:
        values["date"] = _date_range(raw["date"], where, line)
    if "place" in raw:
        values.update(_place(raw["place"], where, line))
    if "country" in raw:
        values["country"] = _country(raw["country"], where, line)
    for key in ("actor1", "actor2"):
        if key in raw:
            values[key] = _names(raw[key], where, line, key)
    if "fatalities" in raw:
        values["fatalities"] = _int(raw["fatalities"], where, line, "fatalities")
    claims = None
    if "claims" in raw:
        claims = [_claim(c, where, line) for c in _list(raw["claims"], where, line, "claims")]
    unknown = set(raw) - {"id", "sub_event_type", "event_type", "date", "place", "country", "actor1", "actor2",
                          "fatalities", "claims", "anchor", "note", "required"}
    if unknown:
        raise GoldError(where.at(line, f"event {default_id}: unknown key(s) {', '.join(sorted(unknown))}"))
    anchor = raw.get("anchor")
    if anchor is not None and (not isinstance(anchor, str) or not anchor.strip()):
        raise GoldError(where.at(line, f"event {default_id}: `anchor` must be text"))
    return GoldEvent(id=str(raw.get("id") or default_id), line=line, sub_event_type=sub, event_type=event_type,
                     anchor=anchor, values=values, claims=claims, required=raw.get("required", True) is not False)


def _place(raw: Any, where: _Where, line: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise GoldError(where.at(line, "`place` must be a mapping: {name, lat, lon} or {name, country}"))
    out: dict[str, Any] = {"place_name": raw.get("name")}
    has_lat, has_lon = "lat" in raw, "lon" in raw
    if has_lat != has_lon:
        raise GoldError(where.at(_line(raw, line), "`place` needs both lat and lon"))
    if has_lat:
        lat, lon = raw["lat"], raw["lon"]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lon)) \
                or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GoldError(where.at(_line(raw, line), f"`place`: bad coordinates {lat!r}, {lon!r}"))
        out["place"] = (float(lat), float(lon))
    if "country" in raw:
        out["country"] = _country(raw["country"], where, _line(raw, line))
    return out


def _country(value: Any, where: _Where, line: int) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2}", value):
        raise GoldError(where.at(line, f"country {value!r}: use the ISO 3166-1 alpha-2 code (IQ, SY, ...)"))
    return value.upper()


def _claim(raw: Any, where: _Where, line: int) -> GoldClaim:
    if not isinstance(raw, dict):
        raise GoldError(where.at(line, "each claim must be a mapping {claimant, killed, injured}"))
    cline = _line(raw, line)
    if "claimant" not in raw:
        raise GoldError(where.at(cline, "claim: `claimant` is required (null = the outlet itself)"))
    return GoldClaim(claimant=_names(raw["claimant"], where, cline, "claimant"),
                     killed=_int(raw.get("killed"), where, cline, "killed"),
                     injured=_int(raw.get("injured"), where, cline, "injured"), line=cline)


def _statement(raw: Any, default_id: str, where: _Where) -> GoldStatement:
    if not isinstance(raw, dict):
        raise GoldError(where.at(0, f"statement {default_id}: expected a mapping"))
    line = _line(raw)
    plover = raw.get("plover")
    if plover not in PLOVER_EVENTS:
        raise GoldError(where.at(line, f"statement {default_id}: plover {plover!r} is not a PLOVER event type"))
    return GoldStatement(id=str(raw.get("id") or default_id), line=line, plover=plover,
                         speaker=_names(raw.get("speaker"), where, line, "speaker"),
                         speaker_annotated="speaker" in raw, anchor=raw.get("anchor"))


def _tally(raw: Any, default_id: str, where: _Where) -> GoldTally:
    if not isinstance(raw, dict):
        raise GoldError(where.at(0, f"tally {default_id}: expected a mapping"))
    line = _line(raw)
    what = _names(raw.get("what"), where, line, "what")
    if not what:
        raise GoldError(where.at(line, f"tally {default_id}: `what` is required"))
    return GoldTally(id=str(raw.get("id") or default_id), line=line,
                     count=_int(raw.get("count"), where, line, "count", allow_none=False) or 0,
                     what=what, anchor=raw.get("anchor"))


def _article(raw: Any, where: _Where) -> GoldArticle:
    if not isinstance(raw, dict):
        raise GoldError(where.at(0, "each article must be a mapping {title, outlet, published, anchor}"))
    line = _line(raw)
    values: dict[str, Any] = {}
    if "title" in raw:
        values["title"] = raw["title"]
    if "outlet" in raw:
        values["outlet"] = _names(raw["outlet"], where, line, "outlet")
    if "published" in raw:
        values["published"] = _date(raw["published"], where, line, "published") if raw["published"] else None
    if raw.get("anchor") is None and not values.get("title"):
        raise GoldError(where.at(line, "article: give an `anchor` (words of its body) or a `title`"))
    return GoldArticle(line=line, anchor=raw.get("anchor"), values=values)
