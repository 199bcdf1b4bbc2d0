"""Evaluation: score what the store holds against a hand-written gold file.

Approach
--------
* **Gold** (YAML, or JSON Lines with one document per line) lists documents — a file path
  relative to the gold file, ``${SAMPLES}/...`` (the bundled corpus) or ``${SHARED}/...``
  (the shared development data, one record chosen by ``record``) — and for each the
  articles, events, statements and tallies a careful reader finds, the sentences that must
  not give events and the page chrome that must not leak into article text.  The header
  holds the matching tolerances.  The format is documented in ``docs/evaluation.md``; every
  load error names the gold file and the line of the offending entry.
* **System records** are read back through the store (``iter_events`` & co.) and grouped by
  document: a gold document is found in the store by the content hash of what the reader
  makes of it, so a database ingested from another folder still matches.  Documents the
  store lacks are ingested first (into a temporary SQLite file when no ``--db`` is given).
* **Matching** is per document, one-to-one and greedy by score: every eligible
  (gold, system) pair gets a score, pairs are taken best first (ties broken by gold order,
  then system id), so the same inputs always give the same matching.
* **Scores** are counts (TP/FP/FN) per field, summed over documents, then precision,
  recall and F1.  A field is scored only where the gold annotates it; a false event costs
  precision on every field it fills, a missed event costs recall on every field the gold
  annotates.  ``docs/evaluation.md`` defines each count so that an independent scorer
  gets the same numbers.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from conflictwire.vocab import PLOVER_EVENTS, SUB_EVENT_TO_TYPE, TYPE_FAMILY

GOLD_FORMAT_VERSION = 1
SHARED_ENV = "CONFLICTWIRE_SHARED"

# Weights of the pair score; eligibility rules are in _event_pair_score.
ANCHOR_WEIGHT = 3.0
DATE_WEIGHT = 1.0
PLACE_WEIGHT = 1.0
COUNTRY_WEIGHT = 0.5
SUBTYPE_WEIGHT = 1.0
ACTOR_WEIGHT = 0.5

EVENT_FIELDS = ("event_type", "sub_event_type", "date", "place", "country", "actor1", "actor2", "fatalities")
ARTICLE_FIELDS = ("title", "outlet", "published")
NAME_STOPWORDS = frozenset({"the", "a", "an", "of"})


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file and the line."""


# =========================================================================== gold model


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


# =========================================================================== loading


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


# =========================================================================== normalising


def norm_text(text: str | None) -> str:
    """Casefolded, quotes and dashes straightened, whitespace collapsed: for containment tests."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                                         "\u2013": "-", "\u2014": "-", "\u00a0": " "}))
    return " ".join(text.casefold().split())


def norm_name(name: str | None) -> str:
    """Names compared as words: parenthesised suffixes ("(2017-2021)") and apostrophes dropped."""
    if not name:
        return ""
    text = re.sub(r"\([^)]*\)", " ", norm_text(name))
    text = text.replace("'", "").replace("`", "")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _name_words(name: str | None) -> frozenset[str]:
    return frozenset(w for w in norm_name(name).split() if w not in NAME_STOPWORDS)


def name_equal(gold: Sequence[str], system: str | None) -> bool:
    """Actor / outlet names: equal after norm_name to one of the gold alternatives."""
    return bool(system) and norm_name(system) in {norm_name(g) for g in gold}


def name_overlaps(gold: Sequence[str], system: str | None) -> bool:
    """Claimants and speakers: one alternative's words are a subset of the other's (or vice versa)."""
    words = _name_words(system)
    if not words:
        return False
    return any(g_words and (g_words <= words or words <= g_words) for g_words in map(_name_words, gold))


def anchor_hits(anchor: str | None, quotes: Iterable[str | None]) -> bool:
    """The anchor lies inside one of the quotes, or a quote lies inside the anchor."""
    a = norm_text(anchor)
    if not a:
        return False
    for quote in quotes:
        q = norm_text(quote)
        if q and (a in q or q in a):
            return True
    return False


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _iso(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# =========================================================================== counting


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Count") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class Finding:
    """One line of the misses / false / wrong lists in the report."""

    document: str
    kind: str  # missed event, false event, wrong field, ...
    detail: str
    quote: str = ""


@dataclass
class SystemDocument:
    """What the store holds for one gold document."""

    paths: set[str] = field(default_factory=set)
    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    tallies: list[dict[str, Any]] = field(default_factory=list)
    found: bool = True  # False: the store has none of its documents


@dataclass
class Scores:
    counts: dict[str, Count] = field(default_factory=lambda: defaultdict(Count))
    accuracy: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    confusion: Counter = field(default_factory=Counter)  # (gold sub-type | "(none)", system sub-type | "(none)")
    findings: list[Finding] = field(default_factory=list)
    per_document: dict[str, Count] = field(default_factory=dict)
    documents: int = 0
    gold_sizes: Counter = field(default_factory=Counter)

    def merge(self, other: "Scores") -> None:
        for key, count in other.counts.items():
            self.counts[key].add(count)
        for key, ratio in other.accuracy.items():
            self.accuracy[key].hits += ratio.hits
            self.accuracy[key].total += ratio.total
        self.confusion.update(other.confusion)
        self.findings.extend(other.findings)
        self.per_document.update(other.per_document)
        self.documents += other.documents
        self.gold_sizes.update(other.gold_sizes)

    def summary(self) -> dict[str, Any]:
        """Plain numbers (for tests, floors and JSON output)."""
        out: dict[str, Any] = {}
        for key, count in self.counts.items():
            out[key] = {"tp": count.tp, "fp": count.fp, "fn": count.fn, "precision": count.precision,
                        "recall": count.recall, "f1": count.f1}
        for key, ratio in self.accuracy.items():
            out[f"{key} accuracy"] = {"hits": ratio.hits, "total": ratio.total, "value": ratio.value}
        return out


# =========================================================================== scoring


def score_document(doc: GoldDocument, system: SystemDocument, tol: Tolerances) -> Scores:
    """All counts for one gold document against what the system stored for it."""
    scores = Scores(documents=1)
    scores.gold_sizes.update(documents=1, events=sum(e.required for e in doc.events),
                             optional_events=sum(not e.required for e in doc.events), statements=len(doc.statements or []),
                             tallies=len(doc.tallies or []), articles=len(doc.articles or []))
    if not system.found:
        scores.findings.append(Finding(doc.id, "document not in store", str(doc.path)))
    _score_events(doc, system, tol, scores)
    if doc.statements is not None:
        _score_statements(doc, system, scores)
    if doc.tallies is not None:
        _score_tallies(doc, system, scores)
    if doc.articles is not None:
        _score_articles(doc, system, tol, scores)
    _score_chrome(doc, system, scores)
    return scores


def score(gold: Gold, systems: dict[str, SystemDocument]) -> Scores:
    """Sum of score_document over the gold's documents (systems keyed by gold document id)."""
    total = Scores()
    for doc in gold.documents:
        total.merge(score_document(doc, systems.get(doc.id, SystemDocument(found=False)), gold.tolerances))
    return total


def greedy_match(candidates: list[tuple[float, int, str, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs, best score first; ties by gold index then system id (deterministic).

    candidates: (score, gold_index, system_sort_key, gold_index, system_index).
    """
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _score, _g, _key, gi, si in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


# ----------------------------------------------------------------- events


def _doc_quotes(record: dict[str, Any], paths: set[str]) -> list[str]:
    """The event's source quotes that come from this document."""
    return [s.get("quote") or "" for s in record.get("sources") or [] if s.get("document") in paths]


def _system_interval(record: dict[str, Any]) -> tuple[date | None, date | None]:
    end = _iso(record.get("event_date"))
    rng = record.get("date_range")
    start = _iso(rng[0]) if rng else end
    return start, end


def date_correct(gold: tuple[date, date], record: dict[str, Any], tol: Tolerances) -> bool:
    """The system's event_date lies in the gold day or range, widened by date_days on each side."""
    _start, end = _system_interval(record)
    if end is None:
        return False
    slack = timedelta(days=int(tol.date_days))
    return gold[0] - slack <= end <= gold[1] + slack


def place_correct(gold: tuple[float, float], record: dict[str, Any], tol: Tolerances) -> bool:
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat is None or lon is None:
        return False
    return haversine_km(gold, (float(lat), float(lon))) <= tol.place_km


def _types_compatible(gold: GoldEvent, record: dict[str, Any], tol: Tolerances) -> bool:
    system_type = record.get("event_type")
    if tol.type_match == "any":
        return True
    if tol.type_match == "exact":
        return record.get("sub_event_type") == gold.sub_event_type
    if tol.type_match == "type":
        return system_type == gold.event_type
    return TYPE_FAMILY.get(system_type or "") == TYPE_FAMILY[gold.event_type]


def field_correct(name: str, gold_value: Any, record: dict[str, Any], tol: Tolerances) -> bool:
    """Is the system's value of one event field right, given a non-null gold value?"""
    if name == "date":
        return date_correct(gold_value, record, tol)
    if name == "place":
        return place_correct(gold_value, record, tol)
    if name == "country":
        return (record.get("country_code") or "").upper() == gold_value
    if name in ("actor1", "actor2"):
        return name_equal(gold_value, record.get(name))
    if name == "fatalities":
        value = record.get("fatalities")
        return value is not None and abs(int(value) - gold_value) <= tol.fatalities_tolerance
    return record.get(name) == gold_value


def system_value(name: str, record: dict[str, Any]) -> Any:
    """The system's value of a field, None when it gives none."""
    if name == "date":
        return record.get("event_date")
    if name == "place":
        lat, lon = record.get("latitude"), record.get("longitude")
        return None if lat is None or lon is None else (lat, lon)
    if name == "country":
        return record.get("country_code")
    return record.get(name)


def _event_pair_score(gold: GoldEvent, record: dict[str, Any], paths: set[str], tol: Tolerances) -> float | None:
    """Score of pairing a gold and a system event, or None when they may not pair.

    Eligible: compatible types (tolerances.type_match) and either the gold anchor lies in one of
    the event's quotes from this document, or the date is right and the place is right (or, when
    the gold has no coordinates, the country is).
    """
    if not _types_compatible(gold, record, tol):
        return None
    v = gold.values
    anchor = anchor_hits(gold.anchor, _doc_quotes(record, paths))
    date_ok = "date" in v and date_correct(v["date"], record, tol)
    place_ok = v.get("place") is not None and place_correct(v["place"], record, tol)
    country_ok = v.get("country") is not None and field_correct("country", v["country"], record, tol)
    where_ok = place_ok or (v.get("place") is None and country_ok)
    if not (anchor or (date_ok and where_ok)):
        return None
    total = ANCHOR_WEIGHT * anchor + DATE_WEIGHT * date_ok + PLACE_WEIGHT * place_ok + COUNTRY_WEIGHT * country_ok
    total += SUBTYPE_WEIGHT * (record.get("sub_event_type") == gold.sub_event_type)
    for key in ("actor1", "actor2"):
        if v.get(key):
            total += ACTOR_WEIGHT * field_correct(key, v[key], record, tol)
    return total


def _score_events(doc: GoldDocument, system: SystemDocument, tol: Tolerances, scores: Scores) -> None:
    events = sorted(system.events, key=lambda e: str(e.get("event_id")))
    candidates = []
    for gi, gold in enumerate(doc.events):
        for si, record in enumerate(events):
            pair_score = _event_pair_score(gold, record, system.paths, tol)
            if pair_score is not None:
                candidates.append((pair_score, gi, str(record.get("event_id")), gi, si))
    pairs = greedy_match(candidates)
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    # Optional gold events absorb the system events they match; only their date is checked.
    optional = [(gi, si) for gi, si in pairs if not doc.events[gi].required]
    pairs = [(gi, si) for gi, si in pairs if doc.events[gi].required]
    required = sum(e.required for e in doc.events)
    found = Count(tp=len(pairs), fp=len(events) - len(pairs) - len(optional), fn=required - len(pairs))
    scores.counts["event found"].add(found)
    scores.per_document[doc.id] = found
    for gi, si in pairs:
        _score_event_fields(doc, doc.events[gi], events[si], system, tol, scores)
    for gi, si in optional:
        _check_optional_date(doc, doc.events[gi], events[si], tol, scores)
    for gi, gold in enumerate(doc.events):
        if gi in matched_gold or not gold.required:
            continue
        for name in EVENT_FIELDS:
            if gold.values.get(name) is not None:
                scores.counts[name].fn += 1
        scores.counts["claims"].fn += len(gold.claims or [])
        scores.confusion[(gold.sub_event_type, "(none)")] += 1
        scores.findings.append(Finding(doc.id, "missed event", _describe_gold(gold), gold.anchor or ""))
    for si, record in enumerate(events):
        if si in matched_system:
            continue
        for name in EVENT_FIELDS:
            if system_value(name, record) is not None:
                scores.counts[name].fp += 1
        scores.counts["claims"].fp += len(_doc_claims(record, system))
        scores.confusion[("(none)", record.get("sub_event_type") or "(none)")] += 1
        quotes = _doc_quotes(record, system.paths)
        scores.findings.append(Finding(doc.id, "false event", _describe_system(record), quotes[0] if quotes else ""))
    _score_negatives(doc, events, system, scores)


def _check_optional_date(doc: GoldDocument, gold: GoldEvent, record: dict[str, Any], tol: Tolerances,
                         scores: Scores) -> None:
    """A background event, if extracted, must still carry its own date (never the article's)."""
    if gold.values.get("date") is None:
        return
    right = date_correct(gold.values["date"], record, tol)
    scores.accuracy["date"].total += 1
    scores.accuracy["date"].hits += right
    if not right:
        scores.findings.append(Finding(doc.id, "wrong date", f"{gold.id} (optional): gold "
                                       f"{_show('date', gold.values['date'])}, system {record.get('event_date')}",
                                       gold.anchor or ""))


def _score_event_fields(doc: GoldDocument, gold: GoldEvent, record: dict[str, Any], system: SystemDocument,
                        tol: Tolerances, scores: Scores) -> None:
    scores.confusion[(gold.sub_event_type, record.get("sub_event_type") or "(none)")] += 1
    for name in EVENT_FIELDS:
        if name not in gold.values:
            continue
        gold_value = gold.values[name]
        value = system_value(name, record)
        count = scores.counts[name]
        if gold_value is None:
            if value is not None and not (name == "fatalities" and value == 0):
                count.fp += 1
                scores.findings.append(Finding(doc.id, f"wrong {name}", f"{gold.id}: gold none, system {value!r}",
                                               gold.anchor or ""))
            continue
        right = field_correct(name, gold_value, record, tol)
        if name in ("date", "place"):
            scores.accuracy[name].total += 1
            scores.accuracy[name].hits += right
        if right:
            count.tp += 1
            continue
        count.fn += 1
        if value is not None:
            count.fp += 1
        scores.findings.append(Finding(doc.id, f"wrong {name}",
                                       f"{gold.id}: gold {_show(name, gold_value)}, system {_show(name, value)}",
                                       gold.anchor or ""))
    if gold.claims is not None:
        _score_claims(doc, gold, record, system, scores)


def _show(name: str, value: Any) -> str:
    if value is None:
        return "none"
    if name == "date" and isinstance(value, tuple):
        return value[0].isoformat() if value[0] == value[1] else f"{value[0]}..{value[1]}"
    if name == "place" and isinstance(value, tuple):
        return f"({value[0]:.3f}, {value[1]:.3f})"
    if isinstance(value, list):
        return " | ".join(map(str, value))
    return str(value)


def _describe_gold(gold: GoldEvent) -> str:
    v = gold.values
    bits = [gold.id, gold.sub_event_type]
    if "date" in v:
        bits.append(_show("date", v["date"]))
    if v.get("place_name"):
        bits.append(str(v["place_name"]))
    return ", ".join(bits)


def _describe_system(record: dict[str, Any]) -> str:
    return ", ".join(str(x) for x in (record.get("sub_event_type"), record.get("event_date"),
                                      record.get("location"), record.get("actor1")) if x)


def _doc_claims(record: dict[str, Any], system: SystemDocument) -> list[dict[str, Any]]:
    """The event's casualty claims made in this document's articles."""
    articles = {a.get("article_id") for a in system.articles}
    return [c for c in record.get("claims") or [] if not c.get("article_id") or c.get("article_id") in articles]


def claim_matches(gold: GoldClaim, claim: dict[str, Any]) -> bool:
    """Same claimant (None = the outlet) and the same killed (and injured, when the gold gives it)."""
    claimant = claim.get("claimant")
    if gold.claimant is None:
        same_claimant = claimant is None or norm_name(claimant) == norm_name(claim.get("source_outlet"))
    else:
        same_claimant = name_overlaps(gold.claimant, claimant)
    if not same_claimant or claim.get("killed") != gold.killed:
        return False
    return gold.injured is None or claim.get("injured") == gold.injured


def _score_claims(doc: GoldDocument, gold: GoldEvent, record: dict[str, Any], system: SystemDocument,
                  scores: Scores) -> None:
    claims = _doc_claims(record, system)
    gold_claims = gold.claims or []
    candidates = [(1.0, gi, f"{si:06d}", gi, si) for gi, g in enumerate(gold_claims)
                  for si, c in enumerate(claims) if claim_matches(g, c)]
    pairs = greedy_match(candidates)
    scores.counts["claims"].add(Count(tp=len(pairs), fp=len(claims) - len(pairs), fn=len(gold_claims) - len(pairs)))
    matched = {gi for gi, _ in pairs}
    for gi, g in enumerate(gold_claims):
        if gi not in matched:
            who = " | ".join(g.claimant) if g.claimant else "the outlet"
            scores.findings.append(Finding(doc.id, "missed claim", f"{gold.id}: {who} killed={g.killed}",
                                           gold.anchor or ""))


def _score_negatives(doc: GoldDocument, events: list[dict[str, Any]], system: SystemDocument,
                     scores: Scores) -> None:
    for sentence in doc.no_events:
        culprits = [e for e in events if anchor_hits(sentence, _doc_quotes(e, system.paths))]
        scores.accuracy["no-event sentences"].total += 1
        scores.accuracy["no-event sentences"].hits += not culprits
        for record in culprits:
            scores.findings.append(Finding(doc.id, "event from a no-event sentence", _describe_system(record),
                                           sentence))


# ----------------------------------------------------------------- statements, tallies


def _score_statements(doc: GoldDocument, system: SystemDocument, scores: Scores) -> None:
    records = sorted(system.statements, key=lambda s: str(s.get("statement_id")))
    candidates = []
    for gi, gold in enumerate(doc.statements or []):
        for si, record in enumerate(records):
            speaker_ok = _speaker_ok(gold, record)
            if gold.anchor:
                if not anchor_hits(gold.anchor, [record.get("quote")]):
                    continue
            elif not (gold.speaker and speaker_ok):
                continue
            total = ANCHOR_WEIGHT * bool(gold.anchor) + speaker_ok + (record.get("plover_event") == gold.plover)
            candidates.append((total, gi, str(record.get("statement_id")), gi, si))
    pairs = greedy_match(candidates)
    gold_items = doc.statements or []
    scores.counts["statement found"].add(Count(len(pairs), len(records) - len(pairs), len(gold_items) - len(pairs)))
    typed = sum(records[si].get("plover_event") == gold_items[gi].plover for gi, si in pairs)
    # statement type: a statement counts only when found with the right PLOVER type
    scores.counts["statement type"].add(Count(typed, len(records) - typed, len(gold_items) - typed))
    speakers = [(gi, si) for gi, si in pairs if gold_items[gi].speaker_annotated]
    right = sum(_speaker_ok(gold_items[gi], records[si]) for gi, si in speakers)
    scores.accuracy["statement speaker"].hits += right
    scores.accuracy["statement speaker"].total += len(speakers)
    matched = {gi for gi, _ in pairs}
    for gi, gold in enumerate(gold_items):
        if gi not in matched:
            scores.findings.append(Finding(doc.id, "missed statement", f"{gold.id}: {gold.plover}", gold.anchor or ""))
    for gi, si in pairs:
        if records[si].get("plover_event") != gold_items[gi].plover:
            scores.findings.append(Finding(doc.id, "wrong statement type",
                                           f"{gold_items[gi].id}: gold {gold_items[gi].plover}, "
                                           f"system {records[si].get('plover_event')}", records[si].get("quote") or ""))
    for si in set(range(len(records))) - {si for _, si in pairs}:
        scores.findings.append(Finding(doc.id, "false statement", str(records[si].get("plover_event")),
                                       records[si].get("quote") or ""))


def _speaker_ok(gold: GoldStatement, record: dict[str, Any]) -> bool:
    if gold.speaker is None:
        return not record.get("speaker") and not record.get("speaker_actor")
    return name_overlaps(gold.speaker, record.get("speaker")) or name_overlaps(gold.speaker, record.get("speaker_actor"))


def _singular_words(text: str | None) -> frozenset[str]:
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _name_words(text))


def tally_matches(gold: GoldTally, record: dict[str, Any]) -> bool:
    """Same count, and one `what` alternative's words (plural -s dropped) within the system's `what`.

    The anchor does not decide eligibility (it only ranks candidates: see _score_tallies).
    """
    if record.get("count") != gold.count:
        return False
    words = _singular_words(record.get("what"))
    return any(_singular_words(w) <= words for w in gold.what)


def _score_tallies(doc: GoldDocument, system: SystemDocument, scores: Scores) -> None:
    records = sorted(system.tallies, key=lambda t: str(t.get("tally_id")))
    gold_items = doc.tallies or []
    candidates = [(1.0 + anchor_hits(g.anchor, [r.get("quote")]), gi, str(r.get("tally_id")), gi, si)
                  for gi, g in enumerate(gold_items) for si, r in enumerate(records) if tally_matches(g, r)]
    pairs = greedy_match(candidates)
    scores.counts["tallies"].add(Count(len(pairs), len(records) - len(pairs), len(gold_items) - len(pairs)))
    matched = {gi for gi, _ in pairs}
    for gi, gold in enumerate(gold_items):
        if gi not in matched:
            scores.findings.append(Finding(doc.id, "missed tally", f"{gold.id}: {gold.count} {gold.what[0]}",
                                           gold.anchor or ""))
    for si in sorted(set(range(len(records))) - {si for _, si in pairs}):
        r = records[si]
        scores.findings.append(Finding(doc.id, "false tally", f"{r.get('count')} {r.get('what')}", r.get("quote") or ""))


# ----------------------------------------------------------------- articles, chrome


def title_similarity(a: str | None, b: str | None) -> float:
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    return float(fuzz.ratio(norm_text(a), norm_text(b)))


def article_field_correct(name: str, gold_value: Any, record: dict[str, Any], tol: Tolerances) -> bool:
    if name == "title":
        return title_similarity(gold_value, record.get("title")) >= tol.title_similarity
    if name == "outlet":
        return name_equal(gold_value, record.get("outlet"))
    return _iso(record.get("published")) == gold_value


def _score_articles(doc: GoldDocument, system: SystemDocument, tol: Tolerances, scores: Scores) -> None:
    records = sorted(system.articles, key=lambda a: str(a.get("article_id")))
    gold_items = doc.articles or []
    candidates = []
    for gi, gold in enumerate(gold_items):
        for si, record in enumerate(records):
            similarity = title_similarity(gold.values.get("title"), record.get("title"))
            if gold.anchor:
                if norm_text(gold.anchor) not in norm_text(record.get("text")):
                    continue
                candidates.append((2.0 + similarity / 100, gi, str(record.get("article_id")), gi, si))
            elif similarity >= tol.title_similarity:
                candidates.append((similarity / 100, gi, str(record.get("article_id")), gi, si))
    pairs = greedy_match(candidates)
    scores.counts["article found"].add(Count(len(pairs), len(records) - len(pairs), len(gold_items) - len(pairs)))
    scores.accuracy["article count"].total += 1
    scores.accuracy["article count"].hits += len(records) == len(gold_items)
    if len(records) != len(gold_items):
        scores.findings.append(Finding(doc.id, "article count", f"gold {len(gold_items)}, system {len(records)}"))
    for gi, si in pairs:
        gold, record = gold_items[gi], records[si]
        for name in ARTICLE_FIELDS:
            if name not in gold.values:
                continue
            key = f"article {name}"
            gold_value, value = gold.values[name], record.get(name)
            if gold_value is None:
                scores.counts[key].fp += value is not None
                continue
            if article_field_correct(name, gold_value, record, tol):
                scores.counts[key].tp += 1
                continue
            scores.counts[key].fn += 1
            scores.counts[key].fp += value is not None
            scores.findings.append(Finding(doc.id, f"wrong article {name}",
                                           f"gold {_show(name, gold_value)}, system {value!r}", gold.anchor or ""))
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    for gi, gold in enumerate(gold_items):
        if gi not in matched_gold:
            for name in ARTICLE_FIELDS:
                scores.counts[f"article {name}"].fn += gold.values.get(name) is not None
            scores.findings.append(Finding(doc.id, "missed article", str(gold.values.get("title")), gold.anchor or ""))
    for si, record in enumerate(records):
        if si not in matched_system:
            for name in ARTICLE_FIELDS:
                scores.counts[f"article {name}"].fp += record.get(name) is not None
            scores.findings.append(Finding(doc.id, "false article", str(record.get("title")),
                                           (record.get("text") or "")[:120]))


def _score_chrome(doc: GoldDocument, system: SystemDocument, scores: Scores) -> None:
    texts = [norm_text(a.get("text")) for a in system.articles]
    for chrome in doc.chrome:
        leaked = any(norm_text(chrome) in text for text in texts)
        scores.accuracy["boilerplate clean"].total += 1
        scores.accuracy["boilerplate clean"].hits += not leaked
        if leaked:
            scores.findings.append(Finding(doc.id, "boilerplate leaked", chrome))


# =========================================================================== store side


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
    from sqlalchemy import select

    from conflictwire.store import schema as t

    wanted = {h for item in inputs.values() for h in item.hashes}
    path_by_hash: dict[str, str] = {}
    with store.engine.connect() as c:
        for row in c.execute(select(t.documents.c.content_hash, t.documents.c.path)
                             .where(t.documents.c.content_hash.in_(sorted(wanted)))):
            path_by_hash[row[0]] = row[1]
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


def evaluate_gold(gold: Gold, store: Any) -> Scores:
    """Ingest what is missing, read the store back and score: the library entry point."""
    workdir = Path(tempfile.mkdtemp(prefix="conflictwire-eval-"))
    try:
        inputs = prepare_inputs(gold, workdir)
        ensure_ingested(store, inputs)
        return score(gold, load_system(store, gold, inputs))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_evaluation(gold: Path, db: str | None, report: Path | None, console: Any) -> Scores:
    """The `conflictwire evaluate` command: score, print the table, write the report.

    Raises GoldError (a ValueError) naming the gold file and line for a bad gold file.
    Without --db the documents are ingested into a temporary SQLite file.
    """
    from conflictwire.store.db import Store

    loaded = load_gold(gold)
    missing_shared = [d for d in loaded.documents if d.uses_shared and not d.path.exists()]
    if missing_shared:
        first = missing_shared[0]
        raise GoldError(f"{loaded.path}:{first.line}: document {first.id} needs the shared data folder "
                        f"({first.shown_path}); set ${SHARED_ENV} to the folder that holds data/")
    if report is not None and report.suffix.lower() not in (".md", ".html", ".htm"):
        raise GoldError(f"--report {report}: use a .md or .html file name")
    tmp: Path | None = None
    if db is None:
        tmp = Path(tempfile.mkdtemp(prefix="conflictwire-evaldb-"))
        db = f"sqlite:///{tmp / 'evaluate.db'}"
    store = Store(db)
    try:
        scores = evaluate_gold(loaded, store)
    finally:
        store.dispose()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print_scores(loaded, scores, console)
    if report is not None:
        report.write_text(render_report(loaded, scores, html_output=report.suffix.lower() in (".html", ".htm")),
                          encoding="utf-8")
        console.print(f"report written to {report}")
    return scores


# =========================================================================== output


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
