"""Every article gets a publication date and says where it came from; today is never used."""

from datetime import date
from pathlib import Path

from conflictwire.models import Document
from conflictwire.pipeline.clean import clean
from conflictwire.pipeline.date import date_articles, find_date
from conflictwire.pipeline.split import split

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _dated(content: str, media_type: str = "text", **kwargs):
    cleaned = clean(Document("doc", "page", "hash", media_type, content, "utf-8", **kwargs))
    return date_articles(split(cleaned), cleaned)


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_digest_datelines_in_mixed_formats_are_stated():
    articles = _dated(_page("digest_mixed_dates.txt"))
    assert [a.published for a in articles] == [
        date(2020, 5, 25), date(2020, 5, 22), date(2020, 5, 20), date(2020, 5, 19)
    ]
    assert {a.published_source for a in articles} == {"stated"}


def test_ambiguous_numeric_dates_follow_separator_habit_and_digest_order():
    articles = _dated(_page("ambiguous_digest.txt"))
    assert [a.published for a in articles] == [
        date(2020, 4, 12), date(2020, 4, 9), date(2020, 4, 8), date(2024, 2, 3)
    ]


def test_neighbours_turn_a_slashed_date_day_first():
    page = (
        "Strike on Idlib market\nEnab Baladi – April 10, 2020\n"
        "Warplanes struck a market in Idlib on Friday, killing four people, rescuers said afterwards.\n\n"
        "Shelling hits Atarib\n09/04/2020\n"
        "Government artillery shelled the town of Atarib on Thursday, wounding two children, a monitor said.\n"
        "Residents said many families had already fled north towards the border with Turkey.\n\n"
        "Drone downed over Hama\nSANA – April 8, 2020\n"
        "Air defences shot down a drone over the Hama countryside on Wednesday, state media reported.\n"
    )
    articles = _dated(page)
    assert articles[1].published == date(2020, 4, 9)
    assert any("ambiguous" in w for w in articles[1].warnings)


def test_record_published_is_given():
    (article,) = _dated(
        "Coalition forces conducted four strikes near Mosul on Jan. 8, 2017.", "record",
        meta={"title": "Strikes near Mosul", "published": "2017-01-09"},
    )
    assert (article.published, article.published_source) == (date(2017, 1, 9), "given")


def test_cli_published_dates_an_undated_page():
    (article,) = _dated(_page("undated_no_clue.txt"), given_published=date(2021, 3, 5))
    assert (article.published, article.published_source) == (date(2021, 3, 5), "given")


def test_stated_dateline_beats_cli_published():
    (article,) = _dated(_page("single_saved_page.txt"), given_published=date(2021, 3, 5))
    assert (article.published, article.published_source) == (date(2024, 2, 22), "stated")


def test_html_page_date_is_stated():
    (article,) = _dated(_page("saved_page.html"), "html")
    assert (article.published, article.published_source) == (date(2021, 3, 14), "stated")


def test_undated_page_is_inferred_from_its_text_with_reasoning():
    (article,) = _dated(_page("undated_page.txt"))
    assert (article.published, article.published_source) == (date(2021, 1, 6), "inferred")
    assert any("inferred" in w for w in article.warnings)


def test_page_with_no_date_clue_asks_for_published():
    (article,) = _dated(_page("undated_no_clue.txt"))
    assert article.published is None and article.published_source is None
    assert any("--published" in w for w in article.warnings)


def test_find_date_readings():
    dotted = find_date("09.04.2020")
    assert dotted.resolve() == date(2020, 4, 9)
    slashed = find_date("04/09/2020")
    assert slashed.resolve() == date(2020, 4, 9)
    assert find_date("03/27/2020").resolve() == date(2020, 3, 27)
    assert find_date("Sat February 3, 2024").resolve() == date(2024, 2, 3)
    assert find_date("no date here") is None


def test_a_date_in_the_articles_own_url_counts_as_stated() -> None:
    from conflictwire.models import CleanedDocument, Document, Line
    from conflictwire.pipeline.date import date_articles
    from conflictwire.models import Article

    document = Document("d1", "page.txt", "h", "text", "x", "utf-8")
    article = Article("a1", "d1", 0, "Troops clashed with smugglers on Saturday.",
                      url="https://amman.example/2024/02/18/border-clash")
    date_articles([article], CleanedDocument(document, [Line("x", "text")]))
    assert article.published is not None and article.published.isoformat() == "2024-02-18"
    assert article.published_source == "stated"
