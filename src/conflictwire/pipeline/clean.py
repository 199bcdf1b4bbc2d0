"""Stage *clean*: one input page -> labelled lines, with nothing from site chrome marked as prose.

Approach
--------
1. Get page text.  HTML goes through ``pipeline/webpage.py``: trafilatura's main text
   (precision mode), labelled by ``classify_main_text`` (prose unless it is a dateline,
   by-line or a whole chrome line), and the page's own metadata; the flattened page
   instead when its dated items with bodies hold trafilatura's prose (a digest).
   Flattened ``.txt`` pages and JSONL/CSV record texts are used as they are.
2. Label every line (``Line.role``): ``blank``; ``meta`` for datelines, bylines,
   date-only lines and ``Source:`` lines (anchors for the splitter); ``chrome`` for
   site furniture matched by ``knowledge/boilerplate.yaml`` (share bars, comment forms,
   cookie banners, "Tags:", copyright lines, ...), ``A | B | C`` menus and bare links;
   ``title`` for short lines without sentence-ending punctuation (candidate headlines,
   kept for the splitter: C4's "must end in punctuation" rule is *not* applied);
   ``text`` for the rest.
3. Page-level passes, which see what one line alone cannot:
   - short lines repeated in the page are chrome (menus printed twice, widget labels);
   - runs of three or more headline-like lines are chrome (menus, "Latest News" lists),
     except a line directly above a dateline, which is the next article's title;
   - after an end-of-article marker ("Related Posts", "Leave a Reply", "Tags:", "©")
     every line is chrome until the next article start (a dateline/byline anchor under
     a headline, with prose after it).

Anchor parsing (``parse_anchor``) is public: the splitter reads outlet, authors, url
and the raw date from the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from conflictwire import settings
from conflictwire.dateline import news_dateline
from conflictwire.knowledge import Knowledge
from conflictwire.models import CleanedDocument, Document, Line, LineRole
from conflictwire.pipeline.date import DAY_HEADING, find_date
from conflictwire.pipeline.webpage import html_text

MAX_ANCHOR_CHARS = 160
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
# Repeated lines up to this length are chrome; longer repeats keep their first copy.
MAX_REPEATED_CHROME_CHARS = 100
MIN_MENU_RUN = 3

_SENTENCE_END = re.compile(r"[.!;:,…]['\"”’)\]]*$")
_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*|\s*[•·]\s*")
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?:GMT[+-]?\d*|UTC[+-]?\d*|[A-Z]{2,5})\)?)?(?![\d.])",
    re.I,
)
_WEEKDAY_WORD = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.I
)
# "9 min read", "5-minute read" beside a by-line's date: reading time, not a name or outlet
_READ_TIME = re.compile(r"\b\d{1,3}[\s-]*min(?:ute)?s?\.?\s+read\b", re.I)
_BY = re.compile(r"^by\s+(?P<names>.+)$", re.I)
_SOURCE = re.compile(r"^(?:source|sources|original(?:ly published)?(?: at| in)?|via)\s*:\s*(?P<value>\S.*)$", re.I)
_URL = re.compile(r"https?://\S+|www\.\S+")
_LOWER_OK = {"of", "the", "and", "for", "al", "el", "de", "du", "la", "le", "van", "von", "bin", "ibn", "on", "in", "&"}


@dataclass(frozen=True)
class Boilerplate:
    chrome: tuple[re.Pattern[str], ...]
    end_markers: tuple[re.Pattern[str], ...]
    date_labels: tuple[str, ...]
    not_outlets: frozenset[str]
    teaser_labels: tuple[re.Pattern[str], ...] = ()
    outlet_words: frozenset[str] = frozenset()
    outlet_names: frozenset[str] = frozenset()
    staff_words: frozenset[str] = frozenset()
    list_end_markers: tuple[re.Pattern[str], ...] = ()
    # A pre-check per list (``_union``): a line that matches none of the patterns (most
    # lines) costs a few regex searches instead of one per pattern.  None when the patterns
    # cannot be joined (a user pattern with a group name): every pattern is tried.
    any_chrome: tuple[re.Pattern[str], ...] | None = None
    any_end_marker: tuple[re.Pattern[str], ...] | None = None

    def is_outlet(self, name: str) -> bool:
        """Does a byline name read as a news outlet rather than a person?"""
        low = name.strip(" .").lower()
        return low in self.outlet_names or any(w in self.outlet_words for w in re.findall(r"[a-z]+", low))


def boilerplate() -> Boilerplate:
    return boilerplate_for(settings.knowledge())


@lru_cache(maxsize=4)
def boilerplate_for(known: Knowledge) -> Boilerplate:
    """The chrome lexicon (package file merged with user knowledge directories)."""
    data = known.load_lexicon("boilerplate.yaml")
    compile_all = lambda key: tuple(re.compile(p, re.I) for p in data.get(key, []))  # noqa: E731
    labels = tuple(sorted((s.lower() for s in data.get("date_labels", [])), key=len, reverse=True))
    chrome, end_markers = compile_all("chrome_lines"), compile_all("end_markers")
    return Boilerplate(
        chrome=chrome,
        end_markers=end_markers,
        date_labels=labels,
        not_outlets=frozenset(s.lower() for s in data.get("not_outlets", [])),
        teaser_labels=compile_all("teaser_labels"),
        outlet_words=frozenset(s.lower() for s in data.get("outlet_words", [])),
        outlet_names=frozenset(s.lower() for s in data.get("outlet_names", [])),
        staff_words=frozenset(s.lower() for s in data.get("byline_staff_words", [])),
        list_end_markers=compile_all("list_end_markers"),
        any_chrome=_union(chrome),
        any_end_marker=_union(end_markers),
    )


def _union(patterns: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...] | None:
    """Few patterns that match where any of ``patterns`` does (a pre-check), or None.

    Patterns anchored at the line's start ("^(share|tweet|...)") are joined under one "^":
    a search for it is tried at the first character only.  The others (a "©" anywhere) stay
    on their own: joined, every position of the line would try every one of them.
    """
    anchored, loose = [], []
    for pattern in patterns:
        (anchored if _anchored(pattern.pattern) else loose).append(pattern)
    try:
        joined = re.compile("^(?:" + "|".join(p.pattern[1:] for p in anchored) + ")", re.I) if anchored else None
    except re.error:
        return None
    return ((joined,) if joined else ()) + tuple(loose)


def _anchored(pattern: str) -> bool:
    """Starts with "^" and has no top-level "|" (so "^" holds for the whole pattern)."""
    from re import _constants as sre, _parser  # type: ignore[attr-defined]

    try:
        parsed = list(_parser.parse(pattern, re.I))
    except re.error:
        return False
    return (bool(parsed) and parsed[0] == (sre.AT, sre.AT_BEGINNING) and pattern.startswith("^")
            and all(op is not sre.BRANCH for op, _ in parsed))


# --------------------------------------------------------------------------- anchors


@dataclass
class Anchor:
    """What a dateline/byline/source line says about its article."""

    kind: str  # dateline | byline | date | source
    date_raw: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None


def parse_anchor(line: str) -> Anchor | None:
    """A dateline-like line -> what it states, or None when the line is anything else (e.g. prose)."""
    text = " ".join(line.split())
    if not text or len(text) > MAX_ANCHOR_CHARS:
        return None
    source = _SOURCE.match(text)
    if source:
        return _source_anchor(source.group("value"))
    found = find_date(text)
    if found is None:
        by = _BY.match(text)
        if by and _names(by.group("names")):
            anchor = Anchor("byline")
            _add_byline_names(anchor, _names(by.group("names")))
            return anchor
        return None
    rest = text[: found.start] + " | " + text[found.end :]
    rest = _READ_TIME.sub(" | ", _WEEKDAY_WORD.sub(" ", _TIME.sub(" ", rest)))
    anchor = Anchor("date", date_raw=found.raw)
    for part in _SEPARATORS.split(rest):
        part = _strip_label(part.strip(" ,;:()[]"))
        if not part:
            continue
        by = _BY.match(part) or re.match(r"^(?:posted |written |published )?by\s+(?P<names>.+)$", part, re.I)
        if by:
            names = _names(by.group("names"))
            if names is None and by.group("names").strip(" .").lower() in boilerplate().not_outlets:
                continue  # "Posted on May 3, 2020 by admin"
            if names is None:
                return None
            _add_byline_names(anchor, [n for n in names if n.lower() not in boilerplate().not_outlets])
        elif _URL.fullmatch(part):
            anchor.url = part
        elif _name_like(part):
            if part.lower() not in boilerplate().not_outlets and anchor.outlet is None:
                anchor.outlet = part
        else:
            return None  # a date inside prose, not a dateline
    if anchor.outlet or anchor.authors:
        anchor.kind = "dateline"
    return anchor


def _add_byline_names(anchor: Anchor, names: list[str]) -> None:
    """Authors go to authors; a name that reads as an outlet ("By A, Northern Post") is the outlet.
    Staff words are no name: "By Example Wire staff" is the outlet Example Wire, "By our correspondent"
    names nobody."""
    for name in (_staff_name(n) for n in names):
        if name == "Staff":
            continue
        if boilerplate().is_outlet(name) and anchor.outlet is None:
            anchor.outlet = name
        else:
            anchor.authors.append(name)


def _source_anchor(value: str) -> Anchor | None:
    url = _URL.search(value)
    if url:
        return Anchor("source", url=url.group(0).rstrip(").,;"))
    value = value.strip(" .")
    if _name_like(value):
        return Anchor("source", outlet=value)
    return None


def _strip_label(part: str) -> str:
    low = part.lower()
    for label in boilerplate().date_labels:
        if low == label:
            return ""
        if low.startswith(label) and len(part) > len(label) and part[len(label)] in " :":
            return part[len(label) :].strip(" :,")
    return part


def _name_like(part: str, max_words: int = 6) -> bool:
    """An outlet or a person's name: few words, mostly capitalised, no sentence inside."""
    words = part.split()
    if not words or len(words) > max_words or not (part[0].isupper() or part[0].isdigit()):
        return False
    if _SENTENCE_END.search(part) and not part.endswith("."):
        return False
    alpha = [w for w in words if w[0].isalpha()]
    return all(w[0].isupper() or w.lower() in _LOWER_OK for w in alpha)


def _staff_name(part: str) -> str:
    """A staff byline's name without its lower-case staff words: "Example Wire staff" -> "Example Wire",
    "our correspondent" -> "" (no name, and still a byline)."""
    words = part.split()
    staff = boilerplate().staff_words
    while words and words[-1] in staff:
        words.pop()
    while words and words[0] in staff:
        words.pop(0)
    return " ".join(words) if words else "Staff"


def _names(raw: str) -> list[str] | None:
    """'Jane Roe and John Doe' -> two names; None when it is not a list of names."""
    parts = [p.strip(" ,.") for p in re.split(r",\s*|\s+and\s+|\s*&\s*", raw) if p.strip(" ,.")]
    if not parts or not all(_name_like(_staff_name(p), max_words=4) for p in parts):
        return None
    return parts


# --------------------------------------------------------------------------- the stage


def clean(document: Document) -> CleanedDocument:
    """Label every line of one document; page-level metadata on the side."""
    warnings: list[str] = []
    page: dict[str, Any] = {}
    if document.media_type == "html":
        text, page = html_text(document.content, warnings, classify_lines, article_starts)
    else:
        text = document.content or ""
    if document.media_type == "record":
        page = _record_meta(document.meta)
    main_text = document.media_type == "html" and page.get("main_text", False)
    lines = classify_main_text(text) if main_text else classify_lines(text)
    if document.media_type == "record" and not any(line.role == "text" for line in lines):
        # A record's `text` field is article text by the user's own word, however short
        # (a headline-length wire snippet reads like a title to the line classifier).
        lines = [Line(line.text, "text" if line.text.strip() else "blank", "record text field")
                 for line in lines]
    if not page.get("sitename"):
        page["sitename"] = _copyright_holder(lines) or _masthead(lines)
    page = {k: visible(v) if isinstance(v, str) else v for k, v in page.items()}
    repeated = [line for line in lines if line.reason in _REPEAT_REASONS and len(line.text.split()) >= 4]
    if len(repeated) > MAX_SILENT_REMOVALS:
        warnings.append(f"{document.path}: left out {len(repeated):,} repeated lines "
                        f"(kept once at most), e.g. {repeated[0].text[:80]!r}")
    if not any(line.role == "text" for line in lines):
        warnings.append(f"{document.path}: no article text found in the document")
    return CleanedDocument(
        document=document,
        lines=lines,
        page_title=page.get("title"),
        page_outlet=page.get("sitename"),
        page_published=page.get("date"),
        page_authors=page.get("authors", []),
        page_url=page.get("url"),
        warnings=warnings,
        main_text=main_text,
    )


# Removing more lines than this of one kind is said in a warning naming the file.
MAX_SILENT_REMOVALS = 3
_REPEAT_REASONS = ("short line repeated in the page", "duplicate of an earlier paragraph")


_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?)?\s*,?\s*"
    r"(?P<name>[^.|,]{2,60}?)\s*(?:\.|,|\||$)",
    re.I,
)


def _copyright_holder(lines: list[Line]) -> str | None:
    """The site's name from its footer ("© 2020 Conflict Monitor Weekly. All rights reserved.")."""
    for line in reversed(lines):
        m = _COPYRIGHT.match(line.text) if line.role == "chrome" else None
        if m and _name_like(m.group("name").strip()) and "rights" not in m.group("name").lower():
            return m.group("name").strip()
    return None


def _masthead(lines: list[Line]) -> str | None:
    """The site's name from the page's first line, when the page confirms it is a name.

    A saved page usually opens with the masthead ("BAGHDAD POST ONLINE"). The first line
    counts as the outlet only when it is short, holds no digits and is either named again
    lower down (a footer "Baghdad Post Online. …") or reads as an outlet ("… Post …").
    """
    first = next((line for line in lines if line.role != "blank"), None)
    if first is None or first.role == "text":
        return None
    name = " ".join(first.text.split()).strip(" .|")
    if not (2 <= len(name) <= 60) or len(name.split()) > 6 or re.search(r"\d|[|:]", name):
        return None
    folded = name.casefold()
    repeated = any(line.text.casefold().startswith(folded) for line in lines[lines.index(first) + 1:])
    if not (repeated or boilerplate().is_outlet(name)):
        return None
    return name.title() if name.isupper() else name


def _record_meta(meta: dict[str, Any]) -> dict[str, Any]:
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r";|,|\band\b", authors) if a.strip()]
    published = meta.get("published")
    return {
        "title": (meta.get("title") or "").strip() or None,
        "sitename": None,  # the record's outlet is applied by the splitter at its own priority
        "date": published if isinstance(published, str) else None,
        "authors": list(authors),
        "url": meta.get("url") or None,
    }


# --------------------------------------------------------------------------- article starts

# A digest item has a body: at least this much prose under its headline and dateline.
# A teaser ("Some headline?" over "June 5, 2020", then the next teaser) has none.
MIN_ITEM_BODY_CHARS = 60


@dataclass(frozen=True)
class Start:
    """A headline line directly above an anchor (dateline, by-line, date, source) line, or a date line
    directly above a headline with prose under it ("February 4, 2024 / US, Britain hit ... / SANAA -")."""

    title: int  # index of the item's first line: its headline, or its date line when the date comes first
    anchor: int  # index of the first anchor line
    body_chars: int  # prose characters from the anchor to the next start
    headline: int | None = None  # the headline's index when it stands under the date line

    @property
    def bodied(self) -> bool:
        return self.body_chars >= MIN_ITEM_BODY_CHARS


def article_starts(lines: list[Line]) -> list[Start]:
    """Every headline-over-anchor pair of the page, with how much prose follows it."""
    pairs: list[tuple[int, int, int | None]] = []
    shown = [i for i, line in enumerate(lines) if line.role not in ("blank", "chrome")]
    for n, i in enumerate(shown):
        if lines[i].role != "meta":
            continue
        before = lines[shown[n - 1]].role if n else None
        if before == "title":
            pairs.append((shown[n - 1], i, None))
        elif (n + 2 < len(shown) and lines[shown[n + 1]].role == "title" and lines[shown[n + 2]].role == "text"
              and news_dateline(lines[shown[n + 2]].text) is not None
              and (anchor := parse_anchor(lines[i].text)) is not None and anchor.date_raw):
            # a pasted wire story: its date over its headline, its prose opening on the wire's dateline
            # (a listing of events or signatures under dates has no wire dateline)
            pairs.append((i, i, shown[n + 1]))
    starts: list[Start] = []
    for n, (title, anchor, headline) in enumerate(pairs):
        end = pairs[n + 1][0] if n + 1 < len(pairs) else len(lines)
        body = sum(len(line.text) for line in lines[anchor:end] if line.role == "text")
        starts.append(Start(title, anchor, body, headline))
    return starts


# --------------------------------------------------------------------------- line classifier


@dataclass
class _Draft:
    text: str
    role: LineRole
    reason: str
    end_marker: bool = False
    anchor: Anchor | None = None


def classify_lines(text: str) -> list[Line]:
    """Label each line of page text as text, title, meta, chrome or blank."""
    drafts = [_classify_one(raw) for raw in text.splitlines()]
    _mark_title_datelines(drafts)
    _mark_repeated(drafts)
    _mark_menu_runs(drafts)
    _mark_after_end_markers(drafts)
    _mark_teasers(drafts)
    _restore_day_headings(drafts)
    return [Line(d.text, d.role, d.reason) for d in drafts]


def _restore_day_headings(drafts: list[_Draft]) -> None:
    """A live blog's day heading ("Friday 12 January") over its entries is part of the article: it dates
    them (``date.compilation_anchor``). A run of short lines made it chrome; it is text when prose follows
    before the next heading."""
    for i, d in enumerate(drafts):
        if d.role not in ("title", "chrome") or d.reason.startswith(("chrome:", "end-of-article", "after an end")) \
                or not DAY_HEADING.fullmatch(d.text):
            continue
        for later in drafts[i + 1:]:
            if later.role == "text" or (later.role != "blank" and DAY_HEADING.fullmatch(later.text)):
                break
        else:
            continue
        if later.role == "text":
            d.role, d.reason = "text", "day heading"


def _mark_title_datelines(drafts: list[_Draft]) -> None:
    """"Headline" over "Headline - March 4, 2021": the second line is the item's dateline."""
    previous: _Draft | None = None
    for draft in drafts:
        if draft.role == "blank":
            continue
        if (previous is not None and previous.role == "title" and draft.role in ("title", "text")
                and len(draft.text) > len(previous.text) and draft.text.startswith(previous.text)):
            anchor = parse_anchor(draft.text[len(previous.text):].strip(" -–—|,:"))
            if anchor is not None:
                draft.role, draft.reason, draft.anchor = "meta", f"{anchor.kind} repeating its title", anchor
        previous = draft


def _mark_teasers(drafts: list[_Draft]) -> None:
    """"Related article" inside an article: the headlines under the label are links, not prose."""
    labels = boilerplate().teaser_labels
    for i, draft in enumerate(drafts):
        if draft.role != "chrome" or not any(p.search(draft.text) for p in labels):
            continue
        followers = [d for d in drafts[i + 1:] if d.role != "blank"]
        for n, follower in enumerate(followers[:3]):
            if follower.role not in ("text", "title") or follower.text.rstrip().endswith((".", "!", "?", '"', "”", ":")):
                break
            if any(d.role == "meta" for d in followers[n + 1:n + 3]):
                break  # a headline over a dateline starts the next article of a digest
            follower.role, follower.reason = "chrome", "teaser headline under a related-content label"


# Invisible characters that change how text shows without being text: zero-width space, direction
# marks, embeddings and overrides (an RTL override turns "gpj.exe" into "exe.jpg" on screen) and NUL.
INVISIBLE = str.maketrans("", "", "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00")


def visible(text: str) -> str:
    """The text without the invisible control characters above."""
    return text.translate(INVISIBLE)


def classify_main_text(text: str) -> list[Line]:
    """Lines of an extractor's main text (trafilatura on an HTML page): prose unless proven otherwise.

    The extractor has already removed the page's menus and lists, so the page-level passes
    (runs of headline-like lines, repeated lines, everything after an end marker) are not run:
    on real pages they removed real article text (short paragraphs without a full stop,
    list items, sub-headings).  Datelines and by-lines are still found (anchors for the date
    and the splitter) and whole lines of site chrome ("Share this", "Tags: ...") still dropped.
    """
    lines: list[Line] = []
    for raw in text.splitlines():
        draft = _classify_one(raw)
        if draft.end_marker and (chrome := _marker_chrome(draft.text)) is not None:
            # an end marker that is also a whole chrome line (a credit "© Agency / Name", a
            # notice "© 2022 Site. This article is the copyrighted property of ...") is chrome
            draft.reason = f"chrome: /{chrome.pattern[:40]}/"
        elif draft.role == "title" or (draft.role == "chrome" and (draft.end_marker or draft.reason == "menu of links")):
            draft.role, draft.reason = "text", "main text"
        lines.append(Line(draft.text, draft.role, draft.reason))
    return lines


def _classify_one(raw: str) -> _Draft:
    if not raw or raw.isspace():  # saved pages are half blank lines
        return _Draft("", "blank", "empty")
    text = " ".join(visible(raw).split())
    if not text:
        return _Draft("", "blank", "empty")
    rules = boilerplate()
    if _may_match(rules.any_end_marker, text) and any(p.search(text) for p in rules.end_markers):
        return _Draft(text, "chrome", "end-of-article marker", end_marker=True)
    anchor = parse_anchor(text)
    if anchor is not None:
        return _Draft(text, "meta", anchor.kind, anchor=anchor)
    chrome = _chrome_pattern(text)
    if chrome is not None:
        return _Draft(text, "chrome", f"chrome: /{chrome.pattern[:40]}/")
    if _is_link_menu(text):
        return _Draft(text, "chrome", "menu of links")
    if _looks_like_title(text):
        return _Draft(text, "title", "headline-like")
    return _Draft(text, "text", "prose")


def _chrome_pattern(text: str) -> re.Pattern[str] | None:
    """The first chrome-line pattern that matches the line, if any."""
    rules = boilerplate()
    if _may_match(rules.any_chrome, text):
        for pattern in rules.chrome:
            if pattern.search(text):
                return pattern
    return None


# In main text a long line holding "©" or "All rights reserved" may be a paragraph glued to
# a photo credit: it is chrome only when short, or when a chrome pattern of its own says so.
MAX_MAIN_TEXT_CREDIT_CHARS = 100


def _marker_chrome(text: str) -> re.Pattern[str] | None:
    markers = {p.pattern for p in boilerplate().end_markers}
    if _may_match(boilerplate().any_chrome, text):
        for pattern in boilerplate().chrome:
            if pattern.search(text) and (len(text) <= MAX_MAIN_TEXT_CREDIT_CHARS or pattern.pattern not in markers):
                return pattern
    return None


def _may_match(union: tuple[re.Pattern[str], ...] | None, text: str) -> bool:
    if union is None:
        return True
    for pattern in union:
        if pattern.search(text):
            return True
    return False


def _is_link_menu(text: str) -> bool:
    parts = [p for p in re.split(r"\s*[|•·»]\s*|\s{3,}", text) if p]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def _looks_like_title(text: str) -> bool:
    if len(text) > MAX_TITLE_CHARS or len(text.split()) > MAX_TITLE_WORDS:
        return False
    if _SENTENCE_END.search(text) or _SENTENCE_THEN_SOURCE_TAG.search(text):
        return False
    # two sentences in one line are prose, whatever the ending
    return not re.search(r"[a-z]{4,}[.!?]\s+[A-Z]", text)


# A digest item's sentence followed by its source in square brackets: "... the SDF said. [SDF statement]"
# (not a caption's credit in parentheses, "... into a guard rail. (Photo: Police)": captions stay out)
_SENTENCE_THEN_SOURCE_TAG = re.compile(r"[a-z]{2,}[.!?]['\"”’]?\s+\[[^\[\]]{0,30}[A-Za-z][^\[\]]{0,30}\]$")


def _next_nonblank(drafts: list[_Draft], index: int) -> _Draft | None:
    # indexes, not a slice: a slice copies the rest of the page on every call (100,000 short
    # repeated lines took minutes)
    for following in range(index + 1, len(drafts)):
        if drafts[following].role != "blank":
            return drafts[following]
    return None


def _mark_repeated(drafts: list[_Draft]) -> None:
    seen: dict[str, int] = {}
    for d in drafts:
        if d.role in ("text", "title", "chrome"):
            key = d.text.lower()
            seen[key] = seen.get(key, 0) + 1
    first_kept: set[str] = set()
    for i, d in enumerate(drafts):
        key = d.text.lower()
        if d.role not in ("text", "title") or seen.get(key, 0) < 2:
            continue
        if len(d.text) <= MAX_REPEATED_CHROME_CHARS and not _sentence_like(d):
            following = _next_nonblank(drafts, i)
            if not (d.role == "title" and following is not None and following.role == "meta"):
                d.role, d.reason = "chrome", "short line repeated in the page"
        elif key in first_kept:
            d.role, d.reason = "chrome", "duplicate of an earlier paragraph"
        else:
            first_kept.add(key)


def _sentence_like(draft: _Draft) -> bool:
    """A full sentence of prose (a repeated one keeps its first copy, like a long paragraph)."""
    return draft.role == "text" and len(draft.text.split()) >= 8 and draft.text.rstrip()[-1:] in ".!?"


def _mark_menu_runs(drafts: list[_Draft]) -> None:
    """Three or more headline-like lines in a row are a menu or a list of other stories."""
    run: list[int] = []
    for i, d in enumerate(drafts + [_Draft("", "text", "sentinel")]):
        if d.role == "blank":
            continue
        if d.role == "title":
            run.append(i)
            continue
        if len(run) >= MIN_MENU_RUN:
            keep_last = d.role == "meta" or (d.role == "text" and len(drafts[run[-1]].text.split()) >= 5)
            for j in run[:-1] if keep_last else run:
                drafts[j].role, drafts[j].reason = "chrome", "run of headline-like lines (menu or story list)"
        run = []


# Prose characters an article must have before an end marker can end it.
MIN_PROSE_BEFORE_END_MARKER = 200


def _mark_after_end_markers(drafts: list[_Draft]) -> None:
    """After "Related Posts", "Tags:", "©"... everything is chrome until a new article starts.

    A marker ends an article only once some prose has come (a little under a headline and
    dateline, more without them): above the first paragraph it is a menu label ("Comments",
    "Share", "Latest news" in the page header), not the article's end.
    """
    in_chrome = False
    resumable = False  # the chrome is a box of links dropped inside the article ("Most Read")
    prose_seen = 0
    started = False  # a headline over a dateline has opened an article
    previous: _Draft | None = None
    for i, d in enumerate(drafts):
        if d.end_marker:
            listing = any(p.search(d.text) for p in boilerplate().list_end_markers)
            resumable = listing and (resumable or not in_chrome)
            in_chrome = in_chrome or prose_seen >= MIN_PROSE_BEFORE_END_MARKER or (
                started and prose_seen >= MIN_ITEM_BODY_CHARS)
            continue
        if in_chrome and resumable and d.role == "text" and _prose_run(drafts, i) >= RESUMING_PROSE_PARAGRAPHS:
            in_chrome = resumable = False  # the article's paragraphs come again after the box
        if d.role != "blank" and not in_chrome:
            prose_seen += len(d.text) if d.role == "text" else 0
            started = started or (d.role == "meta" and previous is not None and previous.role == "title")
            previous = d
        if not in_chrome or d.role == "blank":
            continue
        if d.role == "meta" and _starts_article(drafts, i):
            in_chrome = False
            title = _previous_nonblank_index(drafts, i)
            if title is not None and _looks_like_title(drafts[title].text) and not drafts[title].end_marker:
                drafts[title].role, drafts[title].reason = "title", "headline above a dateline"
                headline = _previous_nonblank_index(drafts, title)
                if headline is not None and is_outlet_line(drafts[title].text) and _restorable(drafts[headline]):
                    # "Headline / Outlet name / Source: URL": the short line is the outlet
                    drafts[headline].role, drafts[headline].reason = "title", "headline above an outlet line"
            continue
        d.role, d.reason = "chrome", "after an end-of-article marker"


# After a box of links inside an article, this many paragraphs of prose in a row (each a sentence or
# more: MIN_RESUMING_PARAGRAPH_CHARS, closing punctuation) are the article again; a teaser list's
# one-line excerpts alternate with headlines and bylines.
RESUMING_PROSE_PARAGRAPHS = 3
MIN_RESUMING_PARAGRAPH_CHARS = 80


def _prose_run(drafts: list[_Draft], start: int) -> int:
    """Paragraphs of prose in a row from ``start`` (blank lines between them do not break the run)."""
    run = 0
    for d in drafts[start:]:
        if d.role == "blank":
            continue
        if d.role != "text" or d.end_marker or len(d.text) < MIN_RESUMING_PARAGRAPH_CHARS \
                or d.text.rstrip()[-1:] not in ".!?\"”’)":
            break
        run += 1
        if run >= RESUMING_PROSE_PARAGRAPHS:
            break
    return run


def is_outlet_line(text: str) -> bool:
    """A line that is only a short name ("Amman Chronicle") between a headline and its dateline."""
    return len(text.split()) <= 4 and _name_like(text)


def _restorable(draft: _Draft) -> bool:
    return (
        _looks_like_title(draft.text)
        and not draft.end_marker
        and not draft.reason.startswith("chrome:")
        and draft.reason != "menu of links"
        and len(draft.text.split()) >= 4
    )


def _previous_nonblank_index(drafts: list[_Draft], index: int) -> int | None:
    return next((j for j in range(index - 1, -1, -1) if drafts[j].role != "blank"), None)


def _starts_article(drafts: list[_Draft], index: int) -> bool:
    """A dateline under a headline with prose after it (bare dates need two paragraphs of prose)."""
    above = _previous_nonblank_index(drafts, index)
    if above is None or drafts[above].end_marker or not _looks_like_title(drafts[above].text):
        return False
    if drafts[above].reason.startswith("chrome:") or drafts[above].reason == "menu of links":
        return False
    after = [d for d in drafts[index + 1 :] if d.role not in ("blank", "meta")][:2]
    long_prose = [d for d in after if d.role == "text" and len(d.text) >= 80]
    anchor = drafts[index].anchor
    needed = 2 if anchor is not None and anchor.kind == "date" else 1
    return len(long_prose) >= needed
