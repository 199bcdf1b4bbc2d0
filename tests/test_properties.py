"""Property tests: order-independent results, and stages that never raise on arbitrary input.

* Any order of a small corpus, with duplicates, split over two ingest runs, gives the same
  exports as one run in sorted order (each example runs the whole pipeline, so few examples).
* ``timex.find_time_expressions``, ``timex.parse_date_string``, ``split(clean(doc))`` and the
  reader never raise, and every offset they return points at the text it claims.
The long-running versions of the fuzz properties live in fuzz/ (``make fuzz``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
EXPORTS = [("events", "jsonl"), ("events", "csv"), ("events", "acled-csv"), ("statements", "jsonl"),
           ("tallies", "jsonl"), ("articles", "jsonl")]
PIPELINE_SETTINGS = settings(max_examples=8, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FUZZ_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words the date and article patterns look for, so random text often reaches the deep code paths.
FRAGMENTS = ["March 3, 2024", "3 March 2024", "Feb. 29", "on Sunday", "last Friday", "late on Tuesday",
             "two days ago", "last week", "this month", "since October 7", "2024-02-30", "09.04.2020",
             "13/13/2023", "yesterday", "tonight", "BAGHDAD, Jan 5 (Reuters) -", "By Staff Writer |",
             "\n\n", "\n", " ", ",", ".", "—", "Mar.", "20", "2023", "next month", "will meet on Monday",
             "© 2024 Desert Ledger", "Source:", "<p>", "</p>", "<div>", "<br>", "<script>x</script>", "\u2028"]
textish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join)
anchors = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


# --------------------------------------------------------------------------- order independence


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Four reports, two of them in a second wording (the merge must see multi-source events)."""
    folder = tmp_path_factory.mktemp("small_corpus")
    reports = [json.loads(line) for line in (FIXTURES / "reports.jsonl").read_text().splitlines()]
    chosen = {r["name"]: r["text"] for r in reports
              if r["name"] in ("baghdad_drone", "anbar_rockets", "statement_kh", "tally_week")}
    paths = []
    for name, text in chosen.items():
        paths.append(folder / f"{name}.txt")
        paths[-1].write_text(text + "\n")
        if name in ("baghdad_drone", "anbar_rockets"):
            paths.append(folder / f"{name}_desk2.txt")
            paths[-1].write_text(text.replace(" said.", " told reporters.", 1) + "\n")
    return sorted(paths)


def _ingest_and_export(runs: list[list[Path]], db: Path) -> dict[str, str]:
    from conflictwire.export import export_to_string
    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store

    store = Store(f"sqlite:///{db}")
    try:
        for paths in runs:
            summary = ingest(paths, store)
            assert summary.rejected == 0
        return {f"{kind}.{fmt}": export_to_string(store, kind, fmt) for kind, fmt in EXPORTS}
    finally:
        store.dispose()


@pytest.fixture(scope="session")
def small_reference(small_corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    found = _ingest_and_export([small_corpus], tmp_path_factory.mktemp("small_ref") / "cw.db")
    assert found["events.jsonl"] and found["statements.jsonl"] and found["tallies.jsonl"]
    return found


@PIPELINE_SETTINGS
@given(data=st.data())
def test_any_order_with_duplicates_over_two_runs_gives_the_same_exports(
        data, small_corpus, small_reference, tmp_path_factory):
    order = data.draw(st.permutations(small_corpus), label="order")
    duplicates = data.draw(st.lists(st.sampled_from(small_corpus), max_size=4), label="duplicates")
    inputs = list(order)
    for path in duplicates:
        inputs.insert(data.draw(st.integers(0, len(inputs)), label="at"), path)
    cut = data.draw(st.integers(0, len(inputs)), label="second run starts at")
    db = tmp_path_factory.mktemp("prop") / "cw.db"
    found = _ingest_and_export([inputs[:cut], inputs[cut:]] if 0 < cut < len(inputs) else [inputs], db)
    for name, expected in small_reference.items():
        assert found[name] == expected, name


# --------------------------------------------------------------------------- stages never raise


@FUZZ_SETTINGS
@given(text=textish, anchor=anchors, offset=st.integers(0, 10_000))
def test_find_time_expressions_spans_point_into_the_text(text, anchor, offset):
    from conflictwire.timex import find_time_expressions

    for found in find_time_expressions(text, anchor, offset):
        span = found.span
        assert offset <= span.start < span.end <= offset + len(text)
        assert text[span.start - offset:span.end - offset] == span.text
        assert found.start <= found.end and found.precision in (1, 2, 3)


@FUZZ_SETTINGS
@given(text=textish, day_first=st.sampled_from([None, True, False]))
def test_parse_date_string_spans_point_into_the_text(text, day_first):
    from conflictwire.timex import parse_date_string

    parsed = parse_date_string(text, day_first=day_first)
    if parsed is not None:
        assert 0 <= parsed.span.start <= parsed.span.end <= len(text)
        assert text[parsed.span.start:parsed.span.end] == parsed.span.text


@FUZZ_SETTINGS
@given(text=textish, media=st.sampled_from(["text", "html", "record"]))
def test_clean_and_split_never_raise(text, media):
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.read import make_document
    from conflictwire.pipeline.split import split

    document = make_document("/fuzz/page", media, text, "utf-8", {"title": text[:40]} if media == "record" else None)
    articles = split(clean(document))
    assert [a.index for a in articles] == list(range(len(articles)))
    assert len({a.article_id for a in articles}) == len(articles)
    assert all(a.text.strip() for a in articles)


@FUZZ_SETTINGS
@given(data=st.one_of(st.binary(max_size=600), textish.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       name=st.sampled_from(["page.txt", "page.html", "feed.jsonl", "feed.csv", "crawl.warc", "crawl.warc.gz",
                             "page.txt.gz"]))
def test_reader_never_raises_on_random_bytes(tmp_path_factory, data, name):
    from conflictwire.models import Document, ReadProblem
    from conflictwire.pipeline.read import ReadLimits, iter_inputs

    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    for item in iter_inputs([path], limits=ReadLimits(max_decompressed_bytes=1 << 20)):
        assert isinstance(item, (Document, ReadProblem))
        if isinstance(item, ReadProblem):
            assert item.message and not item.message.startswith("could not read this file"), item.message
        else:
            assert item.content.strip() and "\r" not in item.content
