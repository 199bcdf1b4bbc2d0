"""The cleaner labels site chrome so that none of it can reach article text."""

from pathlib import Path

import pytest

from conflictwire.models import Document
from conflictwire.pipeline.clean import classify_lines, clean, parse_anchor

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _doc(name: str, media_type: str = "text", **kwargs) -> Document:
    content = (PAGES / name).read_text(encoding="utf-8")
    return Document("d" + name[:8], name, "hash", media_type, content, "utf-8", **kwargs)


def _roles(text: str) -> dict[str, str]:
    return {line.text: line.role for line in classify_lines(text) if line.text}


def test_share_comment_and_footer_lines_are_chrome():
    roles = _roles(
        "Share this:\nFacebook\nTwitter\nLeave a Reply\nYour email address will not be published.\n"
        "Related Posts\nTags: Iraq, Syria\n© 2021 Levant Daily. All rights reserved.\n"
        "We use cookies to improve your experience. By using this site you accept our cookie policy."
    )
    assert set(roles.values()) == {"chrome"}


def test_everything_after_an_end_marker_is_chrome_until_a_new_article():
    page = ("Rocket hits Baghdad airport\nReuters – May 22, 2020\n"
            "Two rockets landed near the airport late on Thursday, the Iraqi military said.\n"
            "Related Posts\nArmy announces new operation in Anbar desert\nMay 19, 2020\n"
            "Twelve militants captured in Kirkuk raids\nMay 18, 2020\n")
    lines = classify_lines(page)
    after = lines[[line.text for line in lines].index("Related Posts"):]
    assert all(line.role in ("chrome", "blank") for line in after)


def test_an_end_marker_above_the_first_paragraph_is_a_menu_label_not_the_end():
    # "Comments" / "Related Posts" in a page header: the article below it is still the article
    page = ("Comments\nRelated Posts\nArmy announces new operation in Anbar desert\n"
            "The army said on Tuesday it had begun an operation to clear militants from the desert west of Ramadi, "
            "with air support from the coalition.\n")
    roles = _roles(page)
    assert roles["The army said on Tuesday it had begun an operation to clear militants from the desert west of "
                 "Ramadi, with air support from the coalition."] == "text"


def test_menu_runs_are_chrome_but_the_headline_above_a_dateline_is_kept():
    roles = _roles("Home\nWorld\nMiddle East\nOpinion\nRocket hits Baghdad airport\nReuters – May 22, 2020\n"
                   "Two rockets landed near the airport late on Thursday, the Iraqi military said.")
    assert roles["Middle East"] == "chrome"
    assert roles["Rocket hits Baghdad airport"] == "title"
    assert roles["Reuters – May 22, 2020"] == "meta"
    assert roles["Two rockets landed near the airport late on Thursday, the Iraqi military said."] == "text"


def test_prose_mentioning_the_islamic_state_newsletter_is_kept():
    line = "The group claimed the attack in its weekly newsletter al-Naba, published on Thursday."
    assert _roles(line)[line] == "text"


@pytest.mark.parametrize(
    "line, outlet, authors, date_raw",
    [
        ("Rudaw – May 25, 2020", "Rudaw", [], "May 25, 2020"),
        ("By Jane Roe | Reuters | April 15, 2020", "Reuters", ["Jane Roe"], "April 15, 2020"),
        ("By Ahmed Saleh – Al-Monitor – 09.04.2020", "Al-Monitor", ["Ahmed Saleh"], "09.04.2020"),
        ("03/27/2020", None, [], "03/27/2020"),
        ("Last updated: 2024/02/22", None, [], "2024/02/22"),
        ("Posted on May 3, 2020 by admin", None, [], "May 3, 2020"),
    ],
)
def test_datelines_are_read(line, outlet, authors, date_raw):
    anchor = parse_anchor(line)
    assert anchor is not None
    assert (anchor.outlet, anchor.authors, anchor.date_raw) == (outlet, authors, date_raw)


def test_updated_line_drops_time_and_zone():
    anchor = parse_anchor("Updated: 8:43 AM EST, Sat February 3, 2024")
    assert anchor is not None and "February 3, 2024" in anchor.date_raw


@pytest.mark.parametrize(
    "prose",
    [
        "On May 25, 2020 the army said it killed ten militants.",
        "September 11, 2001 attacks remembered",
        "By the end of May 2020 the offensive had stalled.",
    ],
)
def test_dates_inside_prose_are_not_datelines(prose):
    assert parse_anchor(prose) is None


def test_html_page_gives_main_text_and_metadata():
    cleaned = clean(_doc("saved_page.html", "html"))
    assert cleaned.page_title == "Car bomb kills six in Afrin market"
    assert cleaned.page_outlet == "Levant Daily"
    assert cleaned.page_published == "2021-03-14"
    text = " ".join(line.text for line in cleaned.lines if line.role == "text")
    assert "killing six civilians" in text
    assert "Related Posts" not in text and "Tal Rifaat" not in text and "Privacy" not in text


def test_html_without_body_warns_and_has_no_text():
    cleaned = clean(Document("empty", "empty.html", "h", "html", "<html><head></head></html>", "utf-8"))
    assert cleaned.warnings
    assert not [line for line in cleaned.lines if line.role == "text"]


def test_footer_names_the_site_of_a_text_page():
    assert clean(_doc("single_saved_page.txt")).page_outlet == "Northern Syria Observer"


def test_the_masthead_named_again_in_the_footer_is_the_outlet() -> None:
    from conflictwire.models import Document
    from conflictwire.pipeline.clean import clean

    page = ("KIRKUK NOW\nHome | Security | Contact\nTwo soldiers hurt\n"
            "Two soldiers were wounded when a bomb exploded near their patrol south of Kirkuk, police said.\n"
            "Police said the patrol was on the road to Daquq when the device went off.\n"
            "Kirkuk Now. All rights reserved.\n")
    cleaned = clean(Document("d", "p.txt", "h", "text", page, "utf-8"))
    assert cleaned.page_outlet == "Kirkuk Now"
    prose = ("Reading list\nTwo soldiers were wounded when a bomb exploded near their patrol south of Kirkuk.\n")
    assert clean(Document("d2", "q.txt", "h2", "text", prose, "utf-8")).page_outlet is None


def test_a_headline_length_record_text_is_kept_as_article_text() -> None:
    from conflictwire.models import Document
    from conflictwire.pipeline.clean import clean

    snippet = "Turkish drone strike kills two in Iraq's Sinjar"
    cleaned = clean(Document("d", "wire.jsonl#L1", "h", "record", snippet, "utf-8", meta={"text": snippet}))
    assert [line.text for line in cleaned.lines if line.role == "text"] == [snippet]


def test_inline_teasers_share_widgets_and_credit_lines_are_chrome() -> None:
    from conflictwire.models import Document
    from conflictwire.pipeline.clean import clean

    page = ("Rockets hit base near Baghdad airport\nBy Lina Test, Example News\nUpdated 9:10 AM EST, Mon March 4, 2024\n"
            "Link Copied!\nThree rockets struck near a base at Baghdad airport on Sunday night, police said.\n"
            "Ad Feedback\nRelated article\nDrone downed over Erbil as attacks rise\n"
            "No group claimed the attack, which caused no casualties, officials said.\n"
            "Example Reporter contributed to this report.\n")
    lines = clean(Document("d", "p.txt", "h", "text", page, "utf-8")).lines
    prose = [line.text for line in lines if line.role == "text"]
    assert prose == ["Three rockets struck near a base at Baghdad airport on Sunday night, police said.",
                     "No group claimed the attack, which caused no casualties, officials said."]


def test_direction_overrides_and_nul_never_reach_article_text_or_metadata(tmp_path):
    import json

    from conflictwire.pipeline.read import iter_inputs

    # An RTL override shows "Kataib\u202eHezbollah" reversed on screen; NUL breaks C-string consumers.
    record = Document("rtl", "r.jsonl#1", "h-rtl", "record",
                      "A drone strike hit \u202eKataib Hezbollah\u202c positions near Baghdad,\x00 officials said.",
                      "utf-8", meta={"title": "Strike\u2066 near\u2069 Baghdad"})
    cleaned = clean(record)
    text = " ".join(line.text for line in cleaned.lines)
    assert text == "A drone strike hit Kataib Hezbollah positions near Baghdad, officials said."
    assert cleaned.page_title == "Strike near Baghdad"
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"text": "Some text.", "outlet": "Daily\u202e Post", "title": "A\x00B"}) + "\n")
    [document] = [d for d in iter_inputs([records]) if isinstance(d, Document)]
    assert document.meta["outlet"] == "Daily Post" and document.meta["title"] == "AB"
