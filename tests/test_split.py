"""Digest pages become one article per report; single pages one article, chrome left out."""

from datetime import date
from pathlib import Path

from conflictwire.models import Document, stable_id
from conflictwire.pipeline.clean import clean
from conflictwire.pipeline.split import split

PAGES = Path(__file__).parent / "fixtures" / "pages"

CHROME = [
    "Share", "Facebook", "Twitter", "WhatsApp", "Related Posts", "Leave a Reply", "Tags:", "©",
    "All rights reserved", "Privacy Policy", "Subscribe", "cookie", "Advertisement", "You may also like",
    "Most Read", "Listen to this article", "Army announces new operation", "Twelve militants captured",
    "Drone strike kills commander", "Post Comment", "Source:",
]


def _articles(name: str, media_type: str = "text", **kwargs):
    content = (PAGES / name).read_text(encoding="utf-8")
    document = Document("doc-" + name[:6], name, "hash", media_type, content, "utf-8", **kwargs)
    return split(clean(document))


def _assert_no_chrome(articles):
    for article in articles:
        for word in CHROME:
            assert word not in article.text, (article.title, word)


def test_digest_gives_one_article_per_report():
    articles = _articles("digest_mixed_dates.txt")
    assert [a.title for a in articles] == [
        "Turkish drones strike PKK positions in Iraq's Sinjar district",
        "Rocket attack targets Baghdad airport for second time in a week",
        "Islamic State attack kills four soldiers in Diyala",
        "Airstrike hits fuel convoy near Al-Bukamal",
    ]
    assert [a.outlet for a in articles[:3]] == ["Rudaw", "Reuters", "Al-Monitor"]
    assert articles[1].authors == ["Jane Roe"]
    assert articles[3].url == "https://www.example.org/news/2020/05/bukamal-convoy-strike"
    assert [a.published_raw for a in articles] == ["May 25, 2020", "May 22, 2020", "20.05.2020", "05/19/2020"]
    assert articles[0].article_id == stable_id("doc-digest", 0)
    _assert_no_chrome(articles)


def test_digest_article_text_is_its_own_prose_only():
    first, second = _articles("digest_mixed_dates.txt")[:2]
    assert first.text.startswith("Turkish drones struck two vehicles")
    assert first.text.endswith("in the Kurdistan Region.")
    assert "\n\n" in first.text and "Katyusha" not in first.text
    assert first.title not in first.text and "Reuters" not in second.text


def test_dateline_outlet_beats_given_outlet_which_beats_the_site_name():
    articles = _articles("digest_mixed_dates.txt", given_outlet="Pasted By User")
    assert [a.outlet for a in articles] == ["Rudaw", "Reuters", "Al-Monitor", "Pasted By User"]
    assert _articles("digest_mixed_dates.txt")[3].outlet == "Conflict Monitor Weekly"


def test_boilerplate_heavy_single_page_gives_one_clean_article():
    (article,) = _articles("single_saved_page.txt")
    assert article.title == "Militants kill nine soldiers in attack on army post near Palmyra"
    assert article.text.count("\n\n") == 3
    assert article.text.startswith("Gunmen believed to belong")
    _assert_no_chrome([article])


def test_html_page_gives_one_article_with_page_metadata():
    (article,) = _articles("saved_page.html", "html")
    assert article.title == "Car bomb kills six in Afrin market"
    assert article.outlet == "Levant Daily"
    assert article.authors == ["Lina Haddad"]
    assert article.text.startswith("A car bomb exploded")
    assert "Car bomb kills six in Afrin market" not in article.text
    _assert_no_chrome([article])


def test_record_uses_its_meta_and_keeps_all_prose():
    text = "Coalition forces conducted four strikes near Mosul.\n\nThe strikes destroyed two ISIL tunnels."
    document = Document(
        "rec1", "a.jsonl#1", "h", "record", text, "utf-8",
        meta={"title": "Strikes near Mosul", "outlet": "CENTCOM", "url": "https://example.mil/1"},
    )
    (article,) = split(clean(document))
    assert (article.title, article.outlet, article.url) == ("Strikes near Mosul", "CENTCOM", "https://example.mil/1")
    assert article.text == text


def test_related_posts_list_never_becomes_an_article():
    page = (
        "Clashes in Marib\nSaba – March 2, 2021\n"
        "Fighting between Houthi forces and government troops continued south of Marib city on Monday.\n"
        "Related Posts\nHouthis fire drones at Saudi airport\nMarch 1, 2021\n"
        "Coalition jets strike Sanaa\nFebruary 28, 2021\n"
    )
    articles = split(clean(Document("r", "r.txt", "h", "text", page, "utf-8")))
    assert len(articles) == 1 and articles[0].title == "Clashes in Marib"


def test_page_without_text_gives_no_article():
    page = "Home\nNews\nContact\n© 2020 Example"
    assert split(clean(Document("e", "e.txt", "h", "text", page, "utf-8"))) == []


def test_outlet_name_line_between_headline_and_source_line():
    page = (
        "Rocket hits Erbil airport perimeter\nRudaw – March 1, 2021\n"
        "A rocket struck near the perimeter of Erbil airport late on Sunday, causing no casualties, officials said.\n"
        "Related Posts\nErbil governor visits site\n\n"
        "Jordanian troops kill four smugglers on Syrian border\nAmman Chronicle\n"
        "Source: https://amman.example/2021/03/01/smugglers\n"
        "Jordanian troops killed four armed smugglers in a clash near Ruwaished on Saturday, the army said.\n"
    )
    articles = split(clean(Document("o", "o.txt", "h", "text", page, "utf-8")))
    assert [a.title for a in articles] == [
        "Rocket hits Erbil airport perimeter", "Jordanian troops kill four smugglers on Syrian border"
    ]
    assert articles[1].outlet == "Amman Chronicle"
    assert articles[1].url == "https://amman.example/2021/03/01/smugglers"
    assert "Erbil governor" not in articles[0].text


def test_a_single_article_s_outlet_line_under_the_headline_is_not_its_title():
    # Pan-Arab sites print "Dubai - Al Arabiya.net" between the headline and the text; taken as the title, the
    # headline (and the town it names, the event's only place) was lost.
    from conflictwire.ingest import process_document

    for outlet_line in ("Dubai \u2013 Al Arabiya.net", "Al Arabiya.net, Dubai"):
        page = (f"Regime shelling kills five civilians in Saraqib\n\n{outlet_line}\n\n"
                "Five civilians were killed on Thursday when regime forces shelled the town, a monitor said. "
                "The shelling also wounded ten people.\n")
        document = Document("a", "a.txt", "h-" + outlet_line, "text", page, "utf-8", given_published=date(2016, 5, 12))
        (article,) = split(clean(document))
        assert article.title == "Regime shelling kills five civilians in Saraqib"
        assert outlet_line not in article.text
        events = [m for ex in process_document(document).extractions for m in ex.mentions]
        assert [(m.place.name, m.sub_event_type) for m in events] == [("Saraqib", "Shelling/artillery/missile attack")]


def test_byline_name_that_reads_as_an_outlet_is_the_outlet() -> None:
    from conflictwire.pipeline.clean import parse_anchor

    anchor = parse_anchor("By Dilan Hassan, Northern Post")
    assert anchor is not None and anchor.outlet == "Northern Post" and anchor.authors == ["Dilan Hassan"]
    anchor = parse_anchor("By Jane Roe, Reuters | March 2, 2024")
    assert anchor is not None and anchor.outlet == "Reuters" and anchor.authors == ["Jane Roe"]
    anchor = parse_anchor("By Ann Lee and Bob Wu")
    assert anchor is not None and anchor.outlet is None and anchor.authors == ["Ann Lee", "Bob Wu"]


def test_digest_items_ending_in_read_more_links_stay_separate_articles() -> None:
    from conflictwire.models import Document
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.date import date_articles
    from conflictwire.pipeline.split import split

    page = "\n".join([
        "AXIS WATCH", "Home | News | Analysis | Contact", "Posted by admin on February 10, 2024",
        "Drone strike kills commander in Baghdad", "Furat Herald | Feb 8, 2024",
        "A drone strike hit a car in eastern Baghdad on Wednesday night, security sources said.", "Read more",
        "Group claims drone attack on Conoco base", "Published: 2024-02-06",
        "Source: https://observer.example/news/2024/claim",
        "The group said it launched a drone at the Conoco field base on Monday.", "Read more",
        "Jordan intercepts drone near border", "Amman Daily News", "February 4, 2024",
        "Jordanian air defences shot down a drone near Ruwaished on Sunday, the army said.", "Read more",
        "Related Posts", "Who controls the border?"])
    cleaned = clean(Document("d", "digest.txt", "h", "text", page, "utf-8"))
    articles = date_articles(split(cleaned), cleaned)
    assert [(a.title, a.published.isoformat() if a.published else None) for a in articles] == [
        ("Drone strike kills commander in Baghdad", "2024-02-08"),
        ("Group claims drone attack on Conoco base", "2024-02-06"),
        ("Jordan intercepts drone near border", "2024-02-04")]
    assert articles[0].outlet == "Furat Herald" and articles[2].outlet == "Amman Daily News"
    assert all("Read more" not in a.text for a in articles)
