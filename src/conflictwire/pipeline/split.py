"""Stage *split*: labelled lines of one page -> one or several articles.

A digest page pastes several articles one after another, each introduced by its
headline and a dateline/byline (``Outlet – May 25, 2020``, ``By A | Outlet | Date``,
``03/27/2020``, ``Source: URL``...).  The cleaner labels those lines ``meta``; here
each block of consecutive meta lines that sits directly under a headline (the nearest
non-chrome line above it) starts an article, which runs until the next such headline.
Meta lines with prose above them instead of a headline (``Source: URL`` after an
article, an "Updated" line at its foot) belong to the article they follow.

With fewer than two such starts the page is one article: its title comes from the
page or record metadata, else from the headline line above the first paragraph.

Article text is the prose lines (plus sub-headings that stand between paragraphs)
joined by blank lines; wrapped lines of one paragraph are re-joined first.  Articles
with no prose (a "Related Posts" list that slipped through) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflictwire.models import Article, CleanedDocument, Line, stable_id
from conflictwire.pipeline.clean import Anchor, Start, article_starts, is_outlet_line, parse_anchor

# A digest article needs at least this much prose, or it is a teaser list item.
MIN_DIGEST_ARTICLE_CHARS = 60


@dataclass
class _Segment:
    """Lines of one article: its headline, its anchor lines and its body lines."""

    title: str | None
    anchors: list[Anchor] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    prefix: list[Line] = field(default_factory=list)  # prose above the anchor (standfirst)


def split(cleaned: CleanedDocument) -> list[Article]:
    """Articles of one cleaned page, in page order."""
    lines = [line for line in cleaned.lines if line.role != "chrome"]
    starts = article_starts(lines)
    items = [start for start in starts if start.bodied]
    digest = len(items) >= 2
    if digest:
        untitled = _untitled_items(lines, starts)
        starts = sorted(starts + untitled, key=lambda start: start.title)
        items = sorted(items + untitled, key=lambda start: start.title)
        segments = _digest_segments(lines, items, starts, {start.title for start in untitled})
    elif items and len(starts) > 1 and cleaned.document.media_type != "record":
        # One article among teaser lists (headlines over dates, no bodies): that article alone.
        segments = _digest_segments(lines, items, starts)
    elif cleaned.document.media_type == "record":
        segments = [_record_segment(lines, cleaned)]
    else:
        segments = [_single_segment(lines, cleaned)]
    teasers = len(starts) - len(items) if digest or items else 0
    if teasers:
        cleaned.warnings.append(f"left out {teasers} teaser headline(s) with a date but no article text under them")
    articles: list[Article] = []
    for segment in segments:
        article = _build_article(segment, cleaned, index=len(articles), digest=digest)
        if article is None:
            continue
        articles.append(article)
    _check_coverage(cleaned, articles)
    return articles


# Prose lines: running text, not menus.  A left-out block of prose this long is reported.
MIN_PROSE_LINE_CHARS = 40
MIN_REPORTED_BLOCK_CHARS = 300


def _check_coverage(cleaned: CleanedDocument, articles: list[Article]) -> None:
    """Nothing lost silently: the share of the page's prose that ended up in some article.

    A block of prose lines (consecutive, chrome and blanks between them ignored) that no
    article holds is reported when it is large: the warning names the file, gives the share
    of the page's prose kept and quotes the block's first words.
    """
    kept = "\n".join(article.text for article in articles)
    blocks: list[list[str]] = []
    total = left_out = 0
    open_block = False
    for line in cleaned.lines:
        if not _is_prose(line):
            if line.role in ("title", "meta"):
                open_block = False
            continue
        total += len(line.text)
        if line.text in kept:
            open_block = False
            continue
        left_out += len(line.text)
        if not open_block:
            blocks.append([])
            open_block = True
        blocks[-1].append(line.text)
    largest = max(blocks, key=lambda block: sum(map(len, block)), default=[])
    if sum(map(len, largest)) < MIN_REPORTED_BLOCK_CHARS and not (total and not articles):
        return
    first_words = " ".join(" ".join(largest).split()[:12]) if largest else ""
    share = 1 - left_out / total if total else 0.0
    cleaned.warnings.append(
        f"{cleaned.document.path}: {share:.0%} of the page's prose is in an article; "
        f"{left_out:,} characters of prose left out"
        + (f", largest block starting {first_words!r}" if first_words else ""))


def _is_prose(line: Line) -> bool:
    """Running text, whatever role the page-level passes gave it (not a chrome pattern, not a menu)."""
    if len(line.text) < MIN_PROSE_LINE_CHARS or line.role in ("meta", "blank"):
        return False
    if line.role == "chrome" and (line.reason.startswith("chrome:") or line.reason in (
            "menu of links", "end-of-article marker")):
        return False
    return line.role == "text" or len(line.text.split()) >= 8 and line.text.rstrip()[-1:] in ".!?\"”’"


def _untitled_items(lines: list[Line], starts: list[Start]) -> list[Start]:
    """Digest items with a dateline but no headline: "By A | Outlet | March 5, 2021" right under
    the previous item's prose, with prose of its own after it (an "Updated ..." or "Source: URL"
    line closing an article states no outlet or author, and has no body of its own)."""
    taken = {start.anchor for start in starts}
    found: list[Start] = []
    previous: int | None = None
    for i, line in enumerate(lines):
        if line.role == "blank":
            continue
        if (line.role == "meta" and i not in taken and previous is not None and lines[previous].role == "text"
                and (anchor := parse_anchor(line.text)) is not None and anchor.kind == "dateline"
                and anchor.date_raw):
            end = next((j for j in range(i + 1, len(lines)) if lines[j].role in ("meta", "title")
                        and any(s.title == j for s in starts)), len(lines))
            body = sum(len(l.text) for l in lines[i + 1:end] if l.role == "text")
            if body >= MIN_DIGEST_ARTICLE_CHARS:
                found.append(Start(i, i, body))
        previous = i
    return found


def _digest_segments(lines: list[Line], items: list[Start], starts: list[Start],
                     untitled: set[int] = frozenset()) -> list[_Segment]:
    """One segment per item with a body, running to the next start of any kind (a teaser ends it too)."""
    segments: list[_Segment] = []
    bounds = sorted({start.title for start in starts} | {len(lines)})
    for item in items:
        end = next(b for b in bounds if b > item.title)
        title_index = item.title
        if title_index in untitled:
            segment = _Segment(title=None)
            for line in lines[title_index:end]:
                _add_line(segment, line)
            segments.append(segment)
            continue
        if item.headline is not None:  # the date line first, the headline under it
            segment = _Segment(title=lines[item.headline].text)
            for line in lines[title_index:end]:
                if line is not lines[item.headline]:
                    _add_line(segment, line)
            segments.append(segment)
            continue
        segment = _Segment(title=lines[title_index].text)
        headline = _headline_above_outlet(lines, title_index)
        if headline is not None:
            # "Headline / Amman Chronicle / Source: URL": the short name line is the outlet
            segment.title = lines[headline].text
            segment.anchors.append(Anchor("outlet-line", outlet=lines[title_index].text))
        for line in lines[title_index + 1 : end]:
            _add_line(segment, line)
        segments.append(segment)
    return segments


def _headline_above_outlet(lines: list[Line], index: int) -> int | None:
    """The headline line above a short outlet-name line, when there is one."""
    if not is_outlet_line(lines[index].text):
        return None
    above = next((j for j in range(index - 1, -1, -1) if lines[j].role != "blank"), None)
    if above is None or lines[above].role != "title" or len(lines[above].text.split()) < 4:
        return None
    return above


# An outlet's line as sites print it under a headline: a place and the outlet ("Dubai - Al Arabiya.net",
# "Al Arabiya.net, Dubai") or a web name; a bare short capitalised line ("Peanut Butter Truffles") is a title.
_PLACED_OUTLET = re.compile(r"\s[-\u2013\u2014]\s|,\s|\.(?:net|com|org|info|news)\b", re.I)


def _single_segment(lines: list[Line], cleaned: CleanedDocument) -> _Segment:
    first_text = next((i for i, l in enumerate(lines) if l.role == "text"), len(lines))
    first_title = next((i for i, l in enumerate(lines) if l.role == "title"), len(lines))
    # the first dateline under a headline ("Source: URL" lines above the headline do not count)
    first_meta = next((i for i, l in enumerate(lines) if l.role == "meta" and i > first_title), None)
    headline_zone = lines[: first_meta if first_meta is not None and first_meta < first_text else first_text]
    headlines = [i for i, l in enumerate(headline_zone) if l.role == "title"]
    if (headlines and _PLACED_OUTLET.search(lines[headlines[-1]].text)
            and (above := _headline_above_outlet(lines, headlines[-1])) is not None):
        headlines.append(above)  # "Dubai - Al Arabiya.net" under the headline: the outlet's line, not the title
    title = _meta_title(cleaned) or (lines[headlines[-1]].text if headlines else None)
    segment = _Segment(title=title)
    body_started = False
    for i, line in enumerate(lines):
        if line.role == "title" and not body_started:
            continue  # headlines above the first paragraph: the title and its kicker
        if line.role == "text":
            body_started = True
        if title and _same_text(line.text, title) and not (cleaned.main_text and segment.body):
            continue  # the headline printed above the text (an extractor's text keeps it only lower down)
        _add_line(segment, line)
    return segment


def _record_segment(lines: list[Line], cleaned: CleanedDocument) -> _Segment:
    """A JSONL/CSV record: its ``text`` field is the article, however short.

    A headline-only record (a feed item, an alert, a wire flash: the title empty or equal to the
    text) is a short article whose title is its text, so its events are still extracted.
    """
    segment = _single_segment(lines, cleaned)
    if not any(line.role == "text" for line in segment.body):
        segment.body = [line for line in lines if line.role in ("text", "title")]
    if segment.title is None and segment.body and len(segment.body) == 1:
        segment.title = segment.body[0].text
    return segment


def _meta_title(cleaned: CleanedDocument) -> str | None:
    meta_title = cleaned.document.meta.get("title") if cleaned.document.media_type == "record" else None
    title = (meta_title or cleaned.page_title or "").strip()
    return " ".join(title.split()) or None


def _add_line(segment: _Segment, line: Line) -> None:
    if line.role == "meta":
        anchor = parse_anchor(line.text) or _title_dateline(segment.title, line.text)
        if anchor is not None:
            segment.anchors.append(anchor)
        return
    if line.role in ("text", "title"):
        segment.body.append(line)


def _title_dateline(title: str | None, text: str) -> Anchor | None:
    """"Headline - March 4, 2021" under the same headline: the dateline repeats its title."""
    if title and text.startswith(title):
        return parse_anchor(text[len(title):].strip(" -–—|,:"))
    return None


def _same_text(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return bool(norm(a)) and norm(a) == norm(b)


# --------------------------------------------------------------------------- building articles


def _build_article(segment: _Segment, cleaned: CleanedDocument, index: int, digest: bool) -> Article | None:
    paragraphs = _paragraphs(segment.body)
    text = "\n\n".join(paragraphs)
    if not text or (digest and len(text) < MIN_DIGEST_ARTICLE_CHARS):
        if segment.title:
            cleaned.warnings.append(f"left out {segment.title!r}: no article text under it")
        return None
    document = cleaned.document
    if segment.title is None and digest:
        segment.title = _first_sentence(text)
        cleaned.warnings.append(f"{document.path}: a digest item has no headline; its first sentence is its title: "
                                f"{segment.title[:80]!r}")
    meta = document.meta if document.media_type == "record" else {}
    date_raw = next((a.date_raw for a in segment.anchors if a.date_raw), None)
    stated_outlet = next((a.outlet for a in segment.anchors if a.outlet and a.kind != "outlet-line"), None) or next(
        (a.outlet for a in segment.anchors if a.outlet), None
    )
    stated_authors = [name for a in segment.anchors for name in a.authors]
    stated_url = next((a.url for a in segment.anchors if a.url), None)
    outlet = stated_outlet or meta.get("outlet") or document.given_outlet or cleaned.page_outlet
    authors = stated_authors or ([] if digest else _meta_authors(meta) or list(cleaned.page_authors))
    url = stated_url or (None if digest else meta.get("url") or cleaned.page_url)
    return Article(
        article_id=stable_id(document.document_id, index),
        document_id=document.document_id,
        index=index,
        text=text,
        title=segment.title,
        outlet=outlet or None,
        authors=list(dict.fromkeys(authors)),
        url=url or None,
        published_raw=date_raw,
    )


def _first_sentence(text: str, limit: int = 200) -> str:
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def _meta_authors(meta: dict) -> list[str]:
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        return [a.strip() for a in re.split(r";|,|\band\b", authors) if a.strip()]
    return [str(a) for a in authors]


def _paragraphs(body: list[Line]) -> list[str]:
    """Body lines -> paragraphs: wrapped lines re-joined, stray headlines kept only as sub-headings."""
    first_text = next((i for i, line in enumerate(body) if line.role == "text"), len(body))
    kept = [
        line for i, line in enumerate(body)
        if line.role == "text" or _subheading(body, i, first_text)
    ]
    paragraphs: list[str] = []
    for line in kept:
        if paragraphs and _continues(paragraphs[-1], line.text):
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
    return paragraphs


def _subheading(body: list[Line], index: int, first_text: int) -> bool:
    """A sub-heading ("Syria", "Iraq") stands between paragraphs and introduces the next one;
    a headline-like line followed by another (a menu, a list of links) or by nothing is debris."""
    return first_text < index and index + 1 < len(body) and body[index + 1].role == "text"


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one goes on in lower case."""
    return not re.search(r"[.!?:;\"”’)]$", previous) and bool(re.match(r"[a-z(]", line))
