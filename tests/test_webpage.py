"""HTML pages: the digest check costs a whole-page classification only when it can succeed.

Pages are invented, laid out like real news sites (teaser lists with dates around one
article; a daily digest of several dated reports).
"""

from __future__ import annotations

from conflictwire.models import Document
from conflictwire.pipeline import clean as clean_module
from conflictwire.pipeline.clean import clean
from conflictwire.pipeline.split import split
from conflictwire.pipeline.webpage import _anchor_between_prose

PROSE = [
    "Monitors in the northern district recorded four violations of the truce overnight, most of them "
    "exchanges of small-arms fire near the ridge that both sides claim.",
    "Local officials said two farmers were wounded by a stray round as they crossed to their fields at "
    "dawn, and that the road to the market town was closed for several hours.",
    "The district council asked the mediators to send observers to the ridge before the harvest begins "
    "next month, warning that families cannot wait much longer.",
]


def _teasers(days: list[str]) -> str:
    return "".join(f"<li><a href='/t{n}'>Aid convoy reaches the valley {n}</a><time>{day}</time></li>"
                   for n, day in enumerate(days))


ARTICLE_PAGE = (
    "<html><head><title>Truce violations in the north | Example Monitor</title></head><body>"
    "<nav><ul>" + _teasers(["June 5, 2024", "June 4, 2024"]) + "</ul></nav>"
    "<article><h1>Truce violations in the north</h1><p class='byline'>By Sami Example</p>"
    "<p>June 6, 2024</p>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>"
    "<aside><h2>Latest</h2><ul>" + _teasers(["June 3, 2024", "June 2, 2024", "June 1, 2024"]) + "</ul></aside>"
    "<footer>© 2024 Example Monitor</footer></body></html>"
)


def test_a_plain_article_page_is_not_classified_whole(monkeypatch):
    calls: list[int] = []
    real = clean_module.classify_lines

    def counting(text: str):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(clean_module, "classify_lines", counting)
    cleaned = clean(Document("d1", "truce.html", "h1", "html", ARTICLE_PAGE, "utf-8"))
    (article,) = split(cleaned)
    assert "four violations" in article.text and "observers to the ridge" in article.text
    assert "Aid convoy" not in article.text
    assert calls == []  # dates above the article and teasers below it: no second classification


def test_an_anchor_between_two_paragraphs_of_the_main_text_makes_a_digest_candidate():
    main = "\n".join(PROSE)
    flat_one = "\n".join(["Menu", "June 5, 2024", "Headline", "By Sami Example", *PROSE, "June 1, 2024"])
    assert not _anchor_between_prose(flat_one, main)
    flat_two = "\n".join(["Headline one", "June 5, 2024", PROSE[0], "Headline two", "June 6, 2024", *PROSE[1:]])
    assert _anchor_between_prose(flat_two, main)
    # "Headline" over "Headline - June 6, 2024": the repeated title carries the dateline
    repeated = "\n".join([PROSE[0], "Second report", "Second report - June 6, 2024", *PROSE[1:]])
    assert _anchor_between_prose(repeated, main)
    assert not _anchor_between_prose("\n".join(PROSE), "")


def test_a_digest_page_still_gives_one_article_per_report():
    items = "".join(
        f"<div class='item'><h2>{title}</h2><p>Example Monitor – {day}</p><p>{body}</p></div>"
        for title, day, body in [
            ("Shelling hits the ridge villages", "June 6, 2024", PROSE[0] + " " + PROSE[1]),
            ("Council asks for observers", "June 7, 2024", PROSE[2] + " " + PROSE[1]),
        ])
    page = ("<html><head><title>Daily digest | Example Monitor</title></head><body><main>"
            f"<h1>Daily digest</h1>{items}</main></body></html>")
    articles = split(clean(Document("d2", "digest.html", "h2", "html", page, "utf-8")))
    assert [a.title for a in articles] == ["Shelling hits the ridge villages", "Council asks for observers"]


def _extractor(precise: str, balanced: str):
    return lambda tree, precision: precise if precision else balanced


def test_a_fragment_from_precision_mode_gives_way_to_the_balanced_mode_article(monkeypatch):
    from conflictwire.pipeline import webpage

    article = "\n".join(PROSE * 3)
    monkeypatch.setattr(webpage, "_main_text", _extractor(PROSE[0][:120], article))
    text, page = webpage.html_text(ARTICLE_PAGE, [], clean_module.classify_lines, clean_module.article_starts)
    assert text == article and page["main_text"]
    # a balanced text that is no article either: the flattened page is read, as before
    monkeypatch.setattr(webpage, "_main_text", _extractor("", "Share this page"))
    warnings: list[str] = []
    text, page = webpage.html_text(ARTICLE_PAGE, warnings, clean_module.classify_lines, clean_module.article_starts)
    assert "four violations" in text and not page.get("main_text")
    assert any("found nothing" in w for w in warnings)


FOOTER_PROMOS = [
    "To read the full story, please subscribe to The Example Ledger. Choose a yearly plan or a weekly pass.",
    "First-time subscribers also receive a free tote bag from our partners in the valley!",
    "If you are seeing this message but you're already a subscriber, log in for immediate access to this story.",
    "Subscribe today to our digital edition for the full story.",
    "For the latest stories and breaking news download the Example Ledger app for iOS and Android.",
    "Get The Example Ledger's Morning Briefing by email and never miss our top stories Free Sign Up",
    "Never miss the latest news by signing up to our newsletter today!",
    "Do you want to stay informed of our campaigns? Sign up here",
    "Follow The Example Ledger on Twitter and Instagram @ExampleLedger and on Facebook @LedgerNews.",
    "We want to hear what you think about this article. Write to letters@example-ledger.test.",
    "© 2023, ExampleLedger.test. This article is the copyrighted property of The Example Ledger.",
    "Copyright 2023 Example Broadcasting. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "Release Date:",
    "© Example Agency / Photographer Name",
]


def test_paywall_promotion_and_reprint_lines_at_an_articles_foot_are_chrome():
    from conflictwire.pipeline.clean import classify_main_text

    lines = classify_main_text("\n".join(PROSE + FOOTER_PROMOS))
    assert [line.role for line in lines] == ["text"] * len(PROSE) + ["chrome"] * len(FOOTER_PROMOS)


def test_a_paragraph_glued_to_a_photo_credit_stays_text():
    from conflictwire.pipeline.clean import classify_main_text

    glued = "© Example Agency Northtown (wire) - " + PROSE[0]
    quoted = "Under the motto “some rights reserved” © the licences sit between full copyright and " + PROSE[1]
    assert [line.role for line in classify_main_text(glued + "\n" + quoted)] == ["text", "text"]
