"""The workbench in a real browser (Debian's Chromium driven by Playwright) against a real uvicorn server.

An analyst must be able to: load the page, filter, click an event on the map, read
its quote highlighted in the source article, compare every source's toll, and
export what they filtered. Article text is untrusted: markup in it must stay text.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from availability import unavailable
from chromium import ARGS, BUNDLE, CHROMIUM
from playwright.sync_api import expect
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from server import running_server  # noqa: E402
from workbench_db import TURKEY, US, XSS_IMG, Built, build_workbench_db  # noqa: E402

pytestmark = pytest.mark.browser



def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: run `make browsers` (scripts/ensure-chromium.sh, apt chromium)"
    if not BUNDLE.exists():
        return "the workbench bundle is not built: run `make web` (needs npm)"
    return None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_workbench_db(f"sqlite:///{tmp_path_factory.mktemp('wb') / 'workbench.db'}", unsafe=True)


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    with running_server(built.url, token="t0ken") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    reason = _why_no_browser()
    if reason:
        unavailable(reason)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        except Error as exc:
            unavailable(f"Chromium at {CHROMIUM} does not start: {exc}")
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)  # type: ignore[attr-defined]
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.base = base_url  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert not errors, f"script errors in the page: {errors}"


def open_workbench(page: object, query: str = "") -> None:
    page.goto(f"{page.base}/{query}")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready=true]")  # type: ignore[attr-defined]


def test_loads_with_map_timeline_and_list(page: object, built: Built) -> None:
    open_workbench(page)
    page.wait_for_selector(".event-row")
    assert page.locator(".event-row").count() == 5
    assert page.locator(".list-head h2").inner_text() == "5 events"
    page.wait_for_selector("path.event-marker")
    assert page.locator("path.event-marker").count() == 5
    assert page.locator(".timeline-svg .bar").count() >= 4
    assert "25 killed" in page.locator(".counts").inner_text()


def test_filter_is_in_the_url_and_survives_a_reload(page: object) -> None:
    open_workbench(page)
    page.fill("#f-q", "al qaim")
    expect(page.locator(".event-row")).to_have_count(1)
    assert parse_qs(urlparse(page.url).query)["q"] == ["al qaim"]
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator(".event-row")).to_have_count(1)
    assert page.input_value("#f-q") == "al qaim"
    assert "Al Qaim" in page.locator(".event-row").inner_text()
    page.select_option("#f-type", "Violence against civilians")
    page.wait_for_selector(".side .empty")


def test_click_on_map_opens_card_with_quote_and_every_claim(page: object, built: Built) -> None:
    event_id = built.event_of["tigris_alqaim.txt"]
    open_workbench(page)
    page.click(f'path.event-marker[data-event-id="{event_id}"]')
    page.wait_for_selector(".event-card")
    assert page.locator("#card-title").inner_text() == "Air/drone strike in Al Qaim"
    assert parse_qs(urlparse(page.url).query)["event"] == [event_id]
    facts = page.locator(".facts").inner_text()
    assert "2024-02-02" in facts and "day known" in facts and "the named place itself" in facts
    # the source article opens beside the map with the event's quote highlighted
    page.wait_for_selector(".reader mark.focus")
    focus = "".join(page.locator(".reader mark.focus").all_inner_texts())
    assert focus in ("29 fighters were killed in the American strikes near Al Qaim",
                     "US aircraft struck positions of Kataib Hezbollah near Al Qaim")
    # every toll, side by side with who claimed it
    rows = page.locator(".claims-table tbody tr").all_inner_texts()
    assert len(rows) == 2
    assert any("29" in r and "Syrian Observatory for Human Rights" in r for r in rows)
    assert any("16" in r and "Iraqi government" in r and "Tigris Tribune" in r for r in rows)
    assert "16" in page.locator(".fatalities").inner_text()
    # a claim's quote opens its own article with that sentence highlighted
    page.click(".claims-table button.quote >> text=Iraqi government said 16")
    expect(page.locator("#reader-title")).to_contain_text("militia positions")
    assert "".join(page.locator(".reader mark.focus").all_inner_texts()) == \
        "The Iraqi government said 16 people were killed in the strikes"
    assert "US military" in page.locator(".responsibility").inner_text()


def test_export_downloads_the_filtered_csv(page: object) -> None:
    open_workbench(page, "?q=sidakan")
    page.wait_for_selector(".event-row")
    page.click(".export summary")
    with page.expect_download() as download_info:
        page.click('.export-link[data-kind=events][data-format=csv]')
    download = download_info.value
    assert download.suggested_filename == "conflictwire-events.csv"
    rows = list(csv.DictReader(open(download.path(), encoding="utf-8")))
    assert [r["location"] for r in rows] == ["Sidakan"]


def test_markup_in_articles_and_names_stays_inert(browser: object, base_url: str, built: Built) -> None:
    # CSP is bypassed here on purpose: the page itself must never turn text into markup.
    context = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(f"{base_url}/?event={built.event_of['unsafe.txt']}")
        page.wait_for_selector(".reader mark.focus")
        page.click(".chip")  # also list the article's events: names with markup again
        page.wait_for_selector(".reader mark.focus")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("#app img, #app script").count() == 0
        assert XSS_IMG in page.locator(".article-text").inner_text()
        assert XSS_IMG in page.locator(".facts").inner_text()
        assert "<script>" in page.locator("#reader-title ~ .meta").inner_text()
    finally:
        context.close()


def test_timeline_brush_sets_the_dates(page: object) -> None:
    open_workbench(page)
    page.wait_for_selector(".timeline-svg .bar")
    box = page.locator(".timeline-svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=4)
    page.mouse.up()
    page.wait_for_url(lambda url: "from=" in url)
    query = parse_qs(urlparse(page.url).query)
    assert query["from"] == ["2024-01-14"]
    assert page.input_value("#f-from") == "2024-01-14"
    expect(page.locator(".event-row")).not_to_have_count(5)


def test_keyboard_only_analyst_can_open_an_event(page: object) -> None:
    open_workbench(page)
    page.wait_for_selector(".event-row")
    page.focus(".event-row")
    page.keyboard.press("Enter")
    page.wait_for_selector(".event-card")
    expect(page.locator("#card-title")).to_be_focused()


def test_review_queue_merges_with_the_token(page: object, built: Built) -> None:
    open_workbench(page, "?view=review")
    page.wait_for_selector(".dup")
    page.fill("#review-token", "t0ken")
    page.click("text=Same event: merge")
    page.wait_for_selector("text=Nothing to review.")


def _add_statements(built: Built) -> None:
    """Two statements on fixture articles (the shared fixture database has none)."""
    from conflictwire.store import schema as t
    from conflictwire.store.db import Store

    rows = [("wb-st-us", "tigris_alqaim.txt", "2024-02-02", "The US military", US, "Kataib Hezbollah",
             "The US military said its forces carried out the strikes"),
            ("wb-st-tr", "duhok_drone.txt", "2024-03-10", "The Turkish defence ministry", TURKEY, "PKK",
             "The Turkish defence ministry said its aircraft \"neutralised\" PKK militants in northern Iraq")]
    store = Store(built.url)
    with store.engine.begin() as c:
        for statement_id, file, day, speaker, actor, target, quote in rows:
            c.execute(insert(t.statements).prefix_with("OR IGNORE").values(
                statement_id=statement_id, article_id=built.article_of[file], date=day, time_precision=1,
                speaker=speaker, speaker_actor=actor, plover_event="CLAIM", target_actor=target, country="Iraq",
                quote=quote, start=0, end=len(quote)))
    store.dispose()


def test_statements_view_narrows_when_an_actor_is_typed(page: object, built: Built) -> None:
    _add_statements(built)
    open_workbench(page, "?view=statements")
    rows = page.locator(".page table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator(".page table caption")).to_have_text("2 statements")  # how many match, not per page
    page.fill("#f-actor", "pkk")
    expect(rows).to_have_count(1)
    expect(page.locator(".page table caption")).to_have_text("1 statement")
    assert "Turkish defence ministry" in rows.inner_text()
    assert parse_qs(urlparse(page.url).query)["actor"] == ["pkk"]
    page.fill("#f-actor", "no such group")
    expect(page.locator(".page .empty")).to_contain_text("No statements match these filters (actor)")
