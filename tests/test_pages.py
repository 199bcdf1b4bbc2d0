"""Real-page failure classes (issue 13), each in a small page the team wrote in its style.

Nothing here is copied from a real page: the pages imitate how real ones are laid out
(teaser menus with dates, by-lines with outlets, digests with odd by-line formats,
headline-only feed records, HTML metadata) with invented text.
"""

from __future__ import annotations

from conflictwire.models import Document
from conflictwire.pipeline.clean import clean
from conflictwire.pipeline.date import date_articles
from conflictwire.pipeline.split import split


def _run(text: str, name: str = "page.txt", media_type: str = "text", **meta):
    cleaned = clean(Document("d-" + name, name, "h-" + name, media_type, text, "utf-8", meta=meta))
    return date_articles(split(cleaned), cleaned), cleaned


ARTICLE_PROSE = (
    "The ceasefire announced last month has held in most of the province, but local monitors recorded "
    "eleven violations in the first week alone, most of them exchanges of fire near the front line.\n"
    "Residents of the border villages say they have not returned to their fields, and aid groups warn "
    "that the planting season will be lost if the shelling does not stop in the coming weeks.\n"
    "Analysts at the institute argue that the agreement lacks a mechanism to investigate violations, "
    "which leaves each side free to blame the other for every incident reported by the monitors.\n"
)

TEASERS = (
    "Will the truce in the north survive the winter?\nJune 5, 2020\n"
    "What the new border law means for returnees\nJune 2, 2020\n"
    "Five questions about the water dispute\nMay 28, 2020\n"
)


def test_one_article_among_dated_teaser_lists_is_kept_with_its_title():
    page = (
        "Example Policy Institute\nResearch\nEvents\nAbout\n"
        + TEASERS
        + "Why the eastern ceasefire is fragile\nBy Mira Example\nLast updated: 2024/02/22 at 1:42 PM\n"
        + ARTICLE_PROSE
        + "More from the institute\n"
        + "Water, land and the next war\nJanuary 3, 2024\nThe long road back to the villages\nDecember 12, 2023\n"
        + "© 2024 Example Policy Institute. All rights reserved.\n"
    )
    articles, cleaned = _run(page)
    assert [a.title for a in articles] == ["Why the eastern ceasefire is fragile"]
    (article,) = articles
    assert article.authors == ["Mira Example"]
    assert (article.published.isoformat(), article.published_source) == ("2024-02-22", "stated")
    assert "eleven violations" in article.text and "Analysts at the institute" in article.text
    assert "Will the truce" not in article.text and "Water, land" not in article.text
    assert any("teaser" in w for w in cleaned.warnings)


def test_a_page_of_teasers_alone_is_not_a_digest_and_nothing_is_invented():
    articles, _ = _run("Latest analysis\n" + TEASERS)
    assert articles == []


def test_title_found_when_a_source_line_stands_above_the_headline():
    page = (
        "Source: https://www.example-news.test/2024/02/03/world/border-drone/index.html\n"
        "Drone strike on border outpost kills three soldiers\n"
        "By Hana Example and Omar Sample, Example News\n"
        "Updated: 8:43 AM EST, Sat February 3, 2024\n"
        "Three soldiers were killed and dozens wounded when a drone struck a small outpost near the border "
        "on Sunday, officials said.\n"
    )
    (article,), _ = _run(page)
    assert article.title == "Drone strike on border outpost kills three soldiers"
    assert article.outlet == "Example News"
    assert article.published.isoformat() == "2024-02-03"


def test_digest_items_with_curly_quote_titles_and_repeated_title_datelines_stay_apart():
    page = (
        "“Militants storm checkpoint near Kirkuk”\n"
        "By Dara Example | Northern Example Post | March 3, 2021\n"
        "Gunmen attacked an army checkpoint south-west of Kirkuk overnight, killing two soldiers and "
        "wounding four, security sources said.\n\n"
        "Drone strike hits convoy in Sinjar\n"
        "Drone strike hits convoy in Sinjar - March 4, 2021\n"
        "A drone struck a vehicle convoy near Sinjar on Thursday, killing three fighters, a local "
        "official told reporters.\n\n"
        "Rocket lands near Erbil airport\n"
        "By Lina Sample | Example Wire | March 5, 2021\n"
        "A rocket landed near the perimeter of Erbil airport on Friday evening without causing "
        "casualties, officials said.\n"
    )
    articles, _ = _run(page)
    assert [a.title for a in articles] == [
        "“Militants storm checkpoint near Kirkuk”", "Drone strike hits convoy in Sinjar", "Rocket lands near Erbil airport",
    ]
    assert [a.published.isoformat() for a in articles] == ["2021-03-03", "2021-03-04", "2021-03-05"]
    assert articles[0].outlet == "Northern Example Post" and articles[0].authors == ["Dara Example"]
    assert "Sinjar" not in articles[0].text


def test_headline_only_records_become_short_articles():
    headline = "Drone strike kills two fighters near Sinjar"
    for meta in ({}, {"title": headline}):
        (article,), _ = _run(headline, "feed.jsonl#L1", "record", **meta)
        assert (article.title, article.text) == (headline, headline)


def test_a_large_left_out_block_of_prose_is_reported_with_its_first_words():
    page = (
        "Clashes in Marib\nExample Wire – March 2, 2021\n"
        "Fighting between the two sides continued south of the city on Monday, local sources said.\n"
        "Leave a Reply\n"
        "Long essay pasted under the comment form starts here and goes on for a while about the war.\n" * 1
        + ("It keeps going with more sentences of running text that nobody marked as part of the article. " * 4 + "\n") * 2
    )
    articles, cleaned = _run(page, "essay.txt")
    assert len(articles) == 1
    (warning,) = [w for w in cleaned.warnings if "prose" in w]
    assert warning.startswith("essay.txt: ")
    assert "Long essay pasted under the comment form" in warning


def test_html_metadata_from_json_ld_open_graph_and_the_url():
    html = (
        "<html><head><title>Ceasefire talks stall | Example Daily</title>"
        '<meta property="og:title" content="Ceasefire talks stall again">'
        '<link rel="canonical" href="https://www.example-daily.test/news/ceasefire-talks">'
        "</head><body><nav><a href='/'>Home</a></nav><article><h1>Ceasefire talks stall again</h1>"
        "<p>" + "Negotiators left the capital on Tuesday without an agreement, officials said. " * 3 + "</p>"
        "<p>" + "The next round is expected after the holiday, according to two diplomats. " * 3 + "</p>"
        "</article></body></html>"
    )
    (article,), cleaned = _run(html, "talks.html", "html")
    assert article.title == "Ceasefire talks stall again"
    assert article.outlet == "example-daily.test"
    assert "Negotiators left the capital" in article.text and "Home" not in article.text
    ld = html.replace(
        "</head>",
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Talks stall in the capital", "datePublished": "2023-06-07T10:00:00+03:00", '
        '"publisher": {"@type": "Organization", "name": "Example Daily"}, '
        '"author": [{"@type": "Person", "name": "Sara Example"}]}</script></head>',
    )
    (article,), _ = _run(ld, "talks-ld.html", "html")
    assert (article.title, article.outlet, article.authors) == ("Talks stall in the capital", "Example Daily", ["Sara Example"])
    assert (article.published.isoformat(), article.published_source) == ("2023-06-07", "stated")


def test_a_file_of_one_repeated_line_says_what_was_removed():
    line = "Two soldiers were wounded when a roadside bomb exploded near their patrol, police said."
    articles, cleaned = _run((line + "\n") * 500, "repeated.txt")
    assert len(articles) == 1 and articles[0].text == line
    assert any(w.startswith("repeated.txt: left out 499 repeated lines") for w in cleaned.warnings)


def test_a_literal_script_tag_quoted_in_a_text_file_is_text():
    page = (
        "Hackers deface ministry site\nExample Wire – March 2, 2021\n"
        "The defaced page carried the string <script>alert('x')</script> for two hours on Monday, "
        "and three militants were killed in a raid near Kirkuk on Tuesday, police said.\n"
    )
    (article,), _ = _run(page)
    assert "<script>alert('x')</script>" in article.text and "three militants were killed" in article.text


def test_a_text_document_too_large_to_process_whole_is_refused_up_front(tmp_path):
    from conflictwire.models import ReadProblem
    from conflictwire.pipeline.read import ReadLimits, iter_inputs

    big = tmp_path / "huge.txt"
    big.write_text("Shelling continued overnight in the eastern districts, residents said.\n" * 50, encoding="utf-8")
    (problem,) = list(iter_inputs([big], limits=ReadLimits(max_text_chars=1000)))
    assert isinstance(problem, ReadProblem) and problem.severity == "error"
    assert problem.message.startswith("too much text for one document (3,550 characters; the limit is 1,000)")


def test_datelines_opening_the_text_date_records_given_without_published():
    cases = {
        "Wed 05 Apr 2017\nAirstrikes hit the eastern districts of the town overnight, residents said.": "2017-04-05",
        "Published February 18 2015\nFighting continued near the airport for a second day, the army said.": "2015-02-18",
        "ALEPPO, Syria, March 3, 2016 (AFP) - Rebels shelled government-held districts of the city on Thursday.": "2016-03-03",
        # no year in the dateline: the year that puts it just after the latest date the text states
        "DAMASCUS, Feb 5 (Reuters) - Government forces shelled the town on Sunday, a week after the truce "
        "agreed on January 28, 2017 collapsed, a monitor said.": "2017-02-05",
    }
    for n, (text, expected) in enumerate(cases.items()):
        (article,), _ = _run(text, f"wire.jsonl#L{n}", "record")
        assert (article.published.isoformat(), article.published_source) == (expected, "stated"), text


def test_a_dateline_without_a_date_states_none():
    text = "BEIRUT (AP) — Government forces shelled the town on Sunday, a monitor said."
    (article,), _ = _run(text, "wire.jsonl#L9", "record")
    assert article.published is None and article.published_source is None


def test_events_on_an_undated_compilation_page_take_their_own_paragraphs_dates():
    from conflictwire.ingest import process_document

    page = (
        "Weekly conflict notes from the north\n\n"
        "A mortar shell hit a market in Tal Afar on Sunday, killing two civilians, residents said.\n\n"
        "Notes for March 12, 2024: Two soldiers were killed when a roadside bomb struck their patrol near Kirkuk, "
        "police said.\n\n"
        "Gunmen attacked a checkpoint south of Kirkuk at dawn on Saturday, killing one policeman, officials said.\n\n"
        "Notes for February 28, 2024: A drone strike killed three fighters near Sinjar, local officials said.\n\n"
        "Militants attacked an army post near Tuz Khurmatu on Monday, wounding four soldiers, the army said.\n"
    )
    result = process_document(Document("c", "notes.txt", "h-notes", "text", page, "utf-8"))
    (article,) = result.articles
    assert (article.published.isoformat(), article.published_source) == ("2024-03-12", "inferred")
    dates = {m.quote.text.split()[0]: (m.date.start.isoformat(), m.date.end.isoformat(), m.date.precision)
             for e in result.extractions for m in e.mentions}
    assert dates["Gunmen"] == ("2024-03-09", "2024-03-09", 1)  # Saturday before March 12
    assert dates["Militants"] == ("2024-02-26", "2024-02-26", 1)  # Monday before February 28, not March 11
    assert dates["A"] == ("2024-02-28", "2024-03-12", 3)  # before any date: the page's span, never an exact day


def test_a_digest_item_without_a_headline_is_its_own_article_titled_by_its_first_sentence():
    page = (
        "Militants storm checkpoint near Kirkuk\n"
        "By Dara Example | Northern Example Post | March 3, 2021\n"
        "Gunmen attacked an army checkpoint south-west of Kirkuk overnight, killing two soldiers, sources said.\n\n"
        "By Lina Sample | Example Wire | March 5, 2021\n"
        "A rocket landed near Erbil airport on Friday evening. Nobody was hurt, officials said.\n\n"
        "Drone strike hits convoy in Sinjar\n"
        "By Omar Sample | Example Wire | March 6, 2021\n"
        "A drone struck a vehicle convoy near Sinjar on Saturday, killing three fighters, an official said.\n"
    )
    articles, cleaned = _run(page, "digest.txt")
    assert [a.title for a in articles] == [
        "Militants storm checkpoint near Kirkuk", "A rocket landed near Erbil airport on Friday evening.",
        "Drone strike hits convoy in Sinjar",
    ]
    assert [a.published.isoformat() for a in articles] == ["2021-03-03", "2021-03-05", "2021-03-06"]
    assert articles[1].authors == ["Lina Sample"] and "Erbil" not in articles[0].text
    assert any(w.startswith("digest.txt: a digest item has no headline") for w in cleaned.warnings)
