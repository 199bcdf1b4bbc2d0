"""Typed records that flow through the pipeline: document -> article -> mention -> event.

Every stage takes and returns these dataclasses; nothing downstream reaches back
upstream.  Offsets (``start``/``end``) are always character offsets into the
*article* text, so that ``article.text[start:end] == quote`` holds for every
quote the system stores.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

PublishedSource = Literal["stated", "given", "inferred"]
LineRole = Literal["text", "title", "meta", "chrome", "blank"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id from its parts (same input -> same id, any machine)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


# --------------------------------------------------------------------------- read


@dataclass
class Document:
    """One input unit as read from disk: a file, or one record of a JSONL/CSV/WARC file."""

    document_id: str  # sha256 of the content (first 16 hex): the same content twice is one document
    path: str  # file path, with "#<record>" for records inside JSONL/CSV/WARC files
    content_hash: str  # full sha256 hex of the decoded content
    media_type: Literal["text", "html", "record"]
    content: str  # decoded text (raw HTML for html)
    encoding: str
    # metadata supplied by a record or the command line (title, url, outlet, published, authors)
    meta: dict[str, Any] = field(default_factory=dict)
    given_published: date | None = None  # --published, or a record's `published` field
    given_outlet: str | None = None  # --outlet


@dataclass
class ReadProblem:
    """A file or record that could not be read; reported, never fatal to the batch."""

    path: str
    message: str
    severity: Literal["error", "warning"] = "error"


# --------------------------------------------------------------------------- clean


@dataclass
class Line:
    """One line of a cleaned page, labelled by the boilerplate classifier."""

    text: str
    role: LineRole  # text = article prose; title/meta kept for the splitter; chrome never used
    reason: str = ""  # why the classifier chose the role (for debugging and docs)


@dataclass
class CleanedDocument:
    document: Document
    lines: list[Line]
    # page-level metadata found by the cleaner (HTML <title>, meta tags, trafilatura metadata)
    page_title: str | None = None
    page_outlet: str | None = None
    page_published: str | None = None  # raw string, resolved by the date stage
    page_authors: list[str] = field(default_factory=list)
    page_url: str | None = None
    warnings: list[str] = field(default_factory=list)
    main_text: bool = False  # lines are an extractor's main text (HTML): kept as they stand


# --------------------------------------------------------------------------- split / date


@dataclass
class Article:
    article_id: str
    document_id: str
    index: int  # position of the article inside its document (digests hold several)
    text: str  # article body (prose only; no chrome); all offsets point into this
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    published: date | None = None
    published_source: PublishedSource | None = None
    published_raw: str | None = None  # the dateline string as it stood on the page
    language: str = "en"
    warnings: list[str] = field(default_factory=list)

    def to_record(self, document_path: str = "") -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "document": document_path or self.document_id,
            "title": self.title,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "url": self.url,
            "language": self.language,
            "text": self.text,
        }


# --------------------------------------------------------------------------- annotate


@dataclass
class Sentence:
    index: int
    start: int  # offsets into article.text
    end: int
    text: str
    doc: Any = None  # spaCy Doc of this sentence when it was parsed (candidate sentences only)


@dataclass
class AnnotatedArticle:
    article: Article
    sentences: list[Sentence]


# --------------------------------------------------------------------------- extract


@dataclass
class Span:
    """A verbatim piece of an article: text == article.text[start:end]."""

    start: int
    end: int
    text: str


@dataclass
class TimeExpression:
    """A resolved date expression ("on Friday", "late on March 17", "last month")."""

    start: date
    end: date  # == start when the day is known
    precision: int  # 1 day, 2 week/range, 3 month or coarser
    span: Span | None = None  # the words that gave the date; None when taken from the article date
    basis: str = ""  # how it was resolved (for warnings and audit)
    future: bool = False  # the text places it after the anchor ("will meet on Sunday", "next month")


@dataclass
class PlaceMention:
    text: str  # the name as written ("Al-Bukamal")
    span: Span
    cue: str = ""  # "in", "near", "east of", "countryside", "district", "base", ...
    # filled by the geocode stage
    resolved: "Place | None" = None


@dataclass
class Place:
    name: str  # ACLED-style location name
    country: str
    country_code: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    geo_precision: int  # 1 the place itself, 2 near/part of district, 3 province or country only
    kind: str = ""  # city, base, airfield, oilfield, admin1, country, ...
    source: str = ""  # curated | geonames | airportsdata | pycountry
    place_id: str = ""


@dataclass
class CasualtyClaim:
    claimant: str | None  # "Iraqi officials", "Syrian Observatory for Human Rights", None = the outlet
    killed: int | None
    injured: int | None
    qualifier: str | None  # "at least", "more than", "about", "exactly", "dozens", ...
    victims: str | None  # civilians / soldiers / militants / ...
    quote: Span
    captured: int | None = None
    source_outlet: str | None = None
    article_id: str | None = None
    # A toll stated once for several places ("struck X and Y, killing 12") is kept on each
    # place's event as stated; these say how it is shared so the events' best estimates add
    # up to the stated figure instead of counting it once per place.
    shared_by: int = 1
    killed_share: int | None = None
    injured_share: int | None = None
    # "the death toll rose to five": a later figure of a count already given; it supersedes the
    # earlier, lower death figure of the same source (claimant) on the event, here and across reports
    update: bool = False


@dataclass
class ResponsibilityClaim:
    claimant: str | None  # who claims or blames
    actor: str  # who is said to have done it
    kind: Literal["claimed", "blamed", "denied"]
    quote: Span
    article_id: str | None = None


@dataclass
class EventMention:
    """One event as told by one sentence (or a short run of sentences) of one article."""

    mention_id: str
    article_id: str
    sentence_index: int
    quote: Span  # the sentence (or clause) that states the event
    trigger: Span
    event_type: str
    sub_event_type: str
    plover_event: str
    plover_mode: str | None
    date: TimeExpression
    actor1: str | None = None  # raw text until the actors stage normalises it
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    places: list[PlaceMention] = field(default_factory=list)
    place: Place | None = None  # the one resolved place after the geocode stage (one event per place)
    claims: list[CasualtyClaim] = field(default_factory=list)
    responsibility: list[ResponsibilityClaim] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    confidence: float = 0.5
    negated: bool = False
    hedged: bool = False
    # filled by the actors stage
    inter1: int | None = None
    inter2: int | None = None
    actor1_known: bool = True
    actor2_known: bool = True
    evidence: list[str] = field(default_factory=list)  # short reasons, for audit


@dataclass
class Statement:
    statement_id: str
    article_id: str
    date: TimeExpression
    speaker: str | None  # person or body as written
    speaker_actor: str | None  # normalised organisation
    plover_event: str  # ACCUSE, THREATEN, REQUEST, REJECT, AGREE, CONSULT, ...
    plover_mode: str | None
    target_actor: str | None
    quote: Span
    country: str | None = None
    confidence: float = 0.5


@dataclass
class Tally:
    tally_id: str
    article_id: str
    count: int
    qualifier: str | None  # more than / at least / about / exactly
    what: str  # "attacks", "attacks and attempted attacks", ...
    quote: Span
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    as_of: date | None = None
    claimant: str | None = None
    parent_id: str | None = None  # "166 attacks, 67 in Iraq and 98 in Syria": parts link to the whole


@dataclass
class ArticleExtraction:
    """Everything the extract stage found in one article (before geocoding and actors)."""

    article: Article
    mentions: list[EventMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class DocumentResult:
    """The unit the store writes in one transaction."""

    document: Document
    articles: list[Article]
    extractions: list[ArticleExtraction]
    warnings: list[str] = field(default_factory=list)
    failed: bool = False  # a stage crashed: nothing is stored, so the next run retries the document


def to_plain(obj: Any) -> Any:
    """Dataclasses -> JSON-ready dicts (dates as ISO strings, spaCy docs dropped)."""
    if hasattr(obj, "__dataclass_fields__"):  # field by field: asdict's deep copy was thrown away here anyway
        return {f.name: to_plain(getattr(obj, f.name)) for f in fields(obj) if f.name != "doc"}
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items() if k != "doc"}
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
