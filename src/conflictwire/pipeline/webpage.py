"""HTML pages for the *clean* stage: main text (trafilatura) and page metadata (our own, cheap).

Approach
--------
* **Parse once.**  The page is parsed by lxml once (trafilatura's ``load_html``); trafilatura
  copies the tree before pruning it, so the same tree serves the metadata and the digest check.
* **Main text: trafilatura alone, precision mode.**  Its text is what conflictwire keeps for a
  single-article page; the cleaner then only finds datelines and by-lines in it (it does not
  drop trafilatura's lines as headlines or menus: on the 844 real pages of webpages-dev that
  lost real article text, see docs/evaluation.md).
* **Metadata from the page's own markup**, strongest first: JSON-LD (``headline``,
  ``datePublished``, ``author``, ``publisher``), Open Graph / article meta tags, ``<h1>``,
  ``<title>`` (without the site-name suffix); the outlet from ``og:site_name``, the JSON-LD
  publisher, or else the URL's host.  trafilatura's own metadata pass (htmldate) costs about
  40 ms a page and is not used.
* **Digests.**  trafilatura keeps one article per page; when the flattened page shows more
  dated articles (headline over a dateline) than its text does, the flattened page is used and
  the line classifier and the splitter take it apart.  The check is skipped when the page has
  fewer than two short date lines, so a plain article page costs no second classification.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from conflictwire.models import Line
from conflictwire.pipeline.date import find_date

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt", "figure",
    "figcaption", "time", "address", "main", "form", "hr",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "button", "select", "option"}
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "backgroundnewsarticle", "webpage", "report", "liveblogposting", "opinionnewsarticle"}
_TITLE_SUFFIX = re.compile(r"\s+[|–—·:»-]\s+[^|–—·:»]{2,60}$")
MAX_TITLE_CHARS = 300


def html_text(html: str, warnings: list[str], classify: Callable[[str], list[Line]],
              starts: Callable[[list[Line]], list[Any]]) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page, or the flattened page for a digest."""
    tree = _parse(html)
    if tree is None:
        warnings.append("HTML page has no body text")
        return "", {}
    page = page_metadata(tree)
    main_text = ""
    try:
        main_text = _main_text(tree, precision=True)
        if len(main_text) < SHORT_MAIN_TEXT_CHARS:
            # Precision mode kept a fragment (a caption, the first paragraph) of some real
            # articles: the balanced mode's text, when it is several times longer, is the article.
            balanced = _main_text(tree, precision=False)
            if len(balanced) >= max(LONGER_BALANCED_TEXT * len(main_text), MIN_BALANCED_TEXT_CHARS):
                main_text = balanced
    except Exception as exc:  # noqa: BLE001 - malformed markup must not stop the batch
        warnings.append(f"HTML extraction failed ({type(exc).__name__}); using the page's plain text")
    flat = flatten(tree, html)
    if _may_be_digest(flat) and _anchor_between_prose(flat, main_text) and _is_digest(
            classify(flat), main_text, classify, starts):
        return flat, page  # a digest: trafilatura kept one article of several
    if not main_text.strip():
        if flat.strip():
            warnings.append("HTML main-text extraction found nothing; classified the whole page's lines")
            return flat, page
        warnings.append("HTML page has no body text")
    page["main_text"] = True
    return main_text, page


# Main text shorter than this (characters) is checked against trafilatura's balanced mode,
# which replaces it when at least LONGER_BALANCED_TEXT times as long (and an article's length).
SHORT_MAIN_TEXT_CHARS = 1000
LONGER_BALANCED_TEXT = 3
MIN_BALANCED_TEXT_CHARS = 300  # less is no article either: the flattened page is read instead


def _main_text(tree: Any, precision: bool) -> str:
    import trafilatura

    return trafilatura.extract(tree, favor_precision=precision, include_comments=False,
                               include_tables=True, with_metadata=False) or ""


def _parse(html: str) -> Any:
    try:
        from trafilatura.utils import load_html

        return load_html(html)
    except Exception:  # noqa: BLE001 - an unparsable page is an empty page, reported by the caller
        return None


# --------------------------------------------------------------------------- metadata


def page_metadata(tree: Any) -> dict[str, Any]:
    """title, sitename, date, authors, url from JSON-LD, meta tags, <h1> and <title>."""
    meta = _meta_tags(tree)
    ld = _json_ld(tree)
    url = ld.get("url") or meta.get("og:url") or _link(tree, "canonical")
    title = _clean_title(ld.get("headline") or meta.get("og:title") or meta.get("twitter:title")
                         or _h1(tree) or _title_tag(tree))
    sitename = (meta.get("og:site_name") or ld.get("publisher") or meta.get("application-name")
                or _host(url))
    date = (ld.get("datePublished") or meta.get("article:published_time") or meta.get("datepublished")
            or meta.get("date") or meta.get("dc.date") or meta.get("dc.date.issued") or meta.get("pubdate")
            or meta.get("publishdate") or meta.get("sailthru.date") or meta.get("parsely-pub-date")
            or meta.get("citation_publication_date") or meta.get("citation_date") or meta.get("dcterms.date")
            or meta.get("dcterms.created") or meta.get("dc.date.created") or meta.get("og:article:published_time")
            or meta.get("article:published") or _date_under_h1(tree, _deks(meta)))
    authors = ld.get("authors") or [a for a in re.split(r"\s*[;,]\s*|\s+and\s+", meta.get("author") or "")
                                    if a and not a.startswith("http")]
    date = _text(date)
    if date and re.match(r"(?:19|20)\d\d-\d\d-\d\dT", date):
        date = date[:10]  # the day as the publisher's own clock states it
    return {"title": title, "sitename": _text(sitename), "date": date, "authors": authors[:10],
            "url": _text(url)}


# How far below the page's one <h1> its date line may stand (blocks of text), and how long it may be.
DATE_LINE_BLOCKS = 6
MAX_DATE_LINE_WORDS = 16


# A standfirst under the headline (a "dek"): one sentence of summary, not the story's prose.
_DEK_CLASS = re.compile(r"dek|deck|standfirst|strap|subtitle|sub-?head|summary|excerpt|lede|intro", re.I)


def _deks(meta: dict[str, str]) -> set[str]:
    return {" ".join(meta[k].split()) for k in ("description", "og:description", "twitter:description") if meta.get(k)}


def _is_dek(element: Any, text: str, deks: set[str]) -> bool:
    """The headline's standfirst: the page's own description, or a block whose class says so."""
    return text in deks or bool(_DEK_CLASS.search(element.get("class") or ""))


def _date_under_h1(tree: Any, deks: set[str] = frozenset()) -> str | None:
    """The page's date from the markup under its one headline, when no metadata states it.

    A ``<time datetime>`` element or a short line with a full date ("Published 12 February
    2024.", "Sara Example · February 12, 2024 · 9 min read") within the few blocks under the
    ``<h1>``: where pages print their date line. Only under a single ``<h1>`` (a list page has
    no one date) and before any prose paragraph, so a date inside the story is never taken; a
    standfirst ("dek") between the headline and the date line is no prose.
    """
    headings = list(tree.iterfind(".//h1"))
    if len(headings) != 1:
        return None
    seen = 0
    passed = False
    for element in tree.iter():
        if element is headings[0]:
            passed = True
            continue
        if not passed or not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        if element.tag == "time" and element.get("datetime"):
            value = element.get("datetime", "").strip()
            if re.match(r"(?:19|20)\d\d-\d\d-\d\d", value):
                return value[:10]
        if element.tag not in ("p", "div", "span", "time", "li") or len(element):
            continue  # leaf blocks only: a wrapper's text repeats its children's
        text = " ".join((element.text_content() or "").split())
        if not text or text in " ".join((headings[0].text_content() or "").split()):
            continue
        seen += 1
        if seen > DATE_LINE_BLOCKS:
            return None
        if _is_dek(element, text, deks):
            continue
        words = len(text.split())
        if words <= MAX_DATE_LINE_WORDS and (found := find_date(text)) is not None:
            return found.raw
        if words > MAX_DATE_LINE_WORDS:
            return None  # prose has started
    return None


def _meta_tags(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = element.get("content")
        if key and value and value.strip() and key not in found:
            found[key] = " ".join(value.split())
    return found


def _json_ld(tree: Any) -> dict[str, Any]:
    """headline, datePublished, url, publisher name and author names of the page's article object."""
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for item in _ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                continue
            if not item.get("headline") and not item.get("datePublished"):
                continue
            return {
                "headline": _text(item.get("headline")),
                "datePublished": _text(item.get("datePublished")),
                "url": _text(item.get("url")) if isinstance(item.get("url"), str) else None,
                "publisher": _name(item.get("publisher")),
                "authors": [n for a in _as_list(item.get("author")) if (n := _name(a))],
            }
    return {}


def _ld_items(data: Any, depth: int = 0) -> list[dict]:
    if depth > 3:
        return []
    if isinstance(data, list):
        return [found for entry in data for found in _ld_items(entry, depth + 1)]
    if isinstance(data, dict):
        return [data] + _ld_items(data.get("@graph"), depth + 1) if "@graph" in data else [data]
    return []


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
    return _text(value) if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _link(tree: Any, rel: str) -> str | None:
    for element in tree.iterfind(".//link"):
        if (element.get("rel") or "").lower() == rel and element.get("href", "").startswith("http"):
            return element.get("href")
    return None


def _h1(tree: Any) -> str | None:
    headings = [" ".join(h.text_content().split()) for h in tree.iterfind(".//h1")]
    headings = [h for h in headings if h]
    return headings[0] if len(headings) == 1 else None  # several h1: a list page, no one title


def _title_tag(tree: Any) -> str | None:
    element = tree.find(".//title")
    if element is None:
        return None
    title = " ".join((element.text_content() or "").split())
    shorter = _TITLE_SUFFIX.sub("", title)  # "Headline | Site name" -> "Headline"
    return shorter if len(shorter) >= 15 else title or None


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    return title[:MAX_TITLE_CHARS] or None


def _host(url: str | None) -> str | None:
    """The site's name from its URL: www.example-news.com -> example-news.com."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    host = host.removeprefix("www.")
    return host if "." in host else None


# --------------------------------------------------------------------------- flattening


def flatten(tree: Any, html: str) -> str:
    """Every block of the page on its own line (no chrome removed: the classifier does that)."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            if element.tail:
                parts.append(element.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if block:
            parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    body = tree.find(".//body")
    try:
        walk(body if body is not None else tree)
    except RecursionError:
        parts = []
    flat = "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n"))
    if not flat.strip() and len(html) > 200:
        # libxml2 gives up on markup nested over 256 levels (legacy pages with thousands of
        # unclosed <font> tags, or hostile input) and returns nothing: read the tags as a
        # flat stream instead, which has no depth at all.
        flat = flatten_stream(html)
    return flat


class _BlockStream:
    """Tag-by-tag HTML flattener (html.parser): no tree, so no depth limit and no recursion."""

    SKIP = {"script", "style", "noscript", "template", "head", "title", "svg", "iframe"}

    def __init__(self) -> None:
        from html.parser import HTMLParser

        self.parts: list[str] = []
        self.skipping: str | None = None  # the tag whose content is being skipped
        parser = HTMLParser(convert_charrefs=True)
        parser.handle_starttag = self._start  # type: ignore[method-assign]
        parser.handle_endtag = self._end  # type: ignore[method-assign]
        parser.handle_data = self._data  # type: ignore[method-assign]
        self.parser = parser

    def _start(self, tag: str, _attrs: Any) -> None:
        if tag == "body":
            self.skipping = None
        elif self.skipping is None and tag in self.SKIP:
            self.skipping = tag
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def _end(self, tag: str) -> None:
        if tag == self.skipping:
            self.skipping = None
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def _data(self, data: str) -> None:
        if self.skipping is None:
            self.parts.append(data)


def flatten_stream(html: str) -> str:
    stream = _BlockStream()
    try:
        stream.parser.feed(html)
        stream.parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; anything else is not worth a failed document
        pass
    return "\n".join(" ".join(line.split()) for line in "".join(stream.parts).split("\n"))


def _may_be_digest(flat: str) -> bool:
    """Two or more short date or by-lines: only then is the page worth classifying whole."""
    count = 0
    for line in flat.splitlines():
        if 6 <= len(line) <= 160 and (line.startswith(("By ", "BY ", "Source:")) or (
                any(ch.isdigit() for ch in line) and find_date(line) is not None)):
            count += 1
            if count >= 2:
                return True
    return False


def _anchor_between_prose(flat: str, main_text: str) -> bool:
    """Can two items of the flattened page each hold some of trafilatura's prose?

    Only then is the page worth classifying whole (``_is_digest``): a second item starts
    with a dateline, by-line or source line, so such a line must stand between two lines of
    the main text's prose.  A plain article page (its dates above the article and in the
    teasers below it) is settled here without classifying its lines.
    """
    from conflictwire.pipeline.clean import parse_anchor, visible

    prose = _prose_lines(main_text)
    if not prose:
        return False
    lines = [" ".join(visible(line).split()) for line in flat.splitlines()]
    held = [i for i, line in enumerate(lines) if line in prose]
    if len(held) < 2:
        return False
    previous = lines[held[0]]
    for i in range(held[0] + 1, held[-1]):
        line = lines[i]
        if not line:
            continue
        if parse_anchor(line) is not None or (
                previous and len(line) > len(previous) and line.startswith(previous)
                and parse_anchor(line[len(previous):].strip(" -–—|,:")) is not None):
            return True
        previous = line
    return False


def _prose_lines(main_text: str) -> set[str]:
    return {" ".join(line.split()) for line in main_text.splitlines() if len(line) >= 40}


def _is_digest(flat: list[Line], main_text: str, classify: Callable[[str], list[Line]],
               starts: Callable[[list[Line]], list[Any]]) -> bool:
    """A digest: trafilatura's own prose is spread over two or more items with bodies.

    Items with bodies around trafilatura's one article (comment threads, sidebars with
    excerpts, "more from the site" lists) hold none of its prose: that page is one article.
    """
    all_starts = starts(flat)
    items = [start for start in all_starts if start.bodied]
    if len(items) < 2:
        return False
    prose = _prose_lines(main_text)
    if not prose:
        return False
    bounds = sorted({start.title for start in all_starts} | {len(flat)})
    holding = 0
    covered: set[str] = set()
    for item in items:
        end = next(b for b in bounds if b > item.title)
        found = {line.text for line in flat[item.title:end] if line.role == "text"} & prose
        holding += bool(found)
        # the item's own headline is its prose too (trafilatura keeps a pasted story's headline)
        covered |= found | ({line.text for line in flat[item.title:end] if line.role == "title"} & prose)
    return holding >= 2 and sum(map(len, covered)) >= 0.8 * sum(map(len, prose))
