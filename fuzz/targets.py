"""Fuzz targets: each takes raw bytes and raises AssertionError (or crashes) only on a real bug.

The same functions are driven two ways (see run.py): by atheris (coverage-guided, libFuzzer)
when it is installed, else by hypothesis with many examples.  The first bytes of the input choose
the options (anchor date, media type, file name), the rest is the text.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta

MEDIA = ("text", "html", "record")
FILE_NAMES = ("page.txt", "page.html", "feed.jsonl", "feed.csv", "crawl.warc", "crawl.warc.gz", "page.txt.gz")
ANCHOR_BASE = date(1950, 1, 1)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _anchor(data: bytes) -> date:
    return ANCHOR_BASE + timedelta(days=int.from_bytes(data[:2].ljust(2, b"\0"), "big") % 50_000)


def timex_find(data: bytes) -> None:
    """find_time_expressions: spans lie inside the text and quote it exactly."""
    from conflictwire.timex import event_date, find_time_expressions

    text, anchor, offset = _text(data[3:]), _anchor(data), data[2] if len(data) > 2 else 0
    for found in find_time_expressions(text, anchor, offset):
        span = found.span
        assert span is not None and offset <= span.start < span.end <= offset + len(text), found
        assert text[span.start - offset:span.end - offset] == span.text, found
        assert found.start <= found.end and found.precision in (1, 2, 3), found
    chosen = event_date(text, anchor, offset)
    assert chosen.start <= chosen.end


def timex_parse(data: bytes) -> None:
    """parse_date_string: a span (when a date is found) that quotes the string."""
    from conflictwire.timex import infer_publication_date, parse_date_string

    text = _text(data[1:])
    day_first = (None, True, False)[data[0] % 3] if data else None
    parsed = parse_date_string(text, day_first=day_first)
    if parsed is not None:
        assert 0 <= parsed.span.start <= parsed.span.end <= len(text)
        assert text[parsed.span.start:parsed.span.end] == parsed.span.text
    infer_publication_date(text)


def clean_split(data: bytes) -> None:
    """split(clean(doc)): never raises; articles numbered in order, unique ids, no empty text."""
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.date import date_articles
    from conflictwire.pipeline.read import make_document
    from conflictwire.pipeline.split import split

    media = MEDIA[data[0] % 3] if data else "text"
    text = _text(data[1:])
    meta = {"title": text[:30], "published": text[30:50]} if media == "record" else None
    cleaned = clean(make_document("/fuzz/page", media, text, "utf-8", meta))
    articles = date_articles(split(cleaned), cleaned)
    assert [a.index for a in articles] == list(range(len(articles)))
    assert len({a.article_id for a in articles}) == len(articles)
    assert all(a.text.strip() for a in articles)


def reader(data: bytes) -> None:
    """iter_inputs on any bytes under any supported name: Documents and ReadProblems, never an exception."""
    from conflictwire.models import Document, ReadProblem
    from conflictwire.pipeline.read import ReadLimits, iter_inputs

    name = FILE_NAMES[data[0] % len(FILE_NAMES)] if data else FILE_NAMES[0]
    with tempfile.TemporaryDirectory(prefix="cw-fuzz-") as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(data[1:])
        for item in iter_inputs([path], limits=ReadLimits(max_decompressed_bytes=1 << 20)):
            assert isinstance(item, (Document, ReadProblem))
            if isinstance(item, ReadProblem):
                # the catch-all message means an unexpected exception inside the reader: a bug
                assert not item.message.startswith("could not read this file"), item.message
            else:
                assert item.content.strip() and "\r" not in item.content


TARGETS = {"timex_find": timex_find, "timex_parse": timex_parse, "clean_split": clean_split, "reader": reader}
