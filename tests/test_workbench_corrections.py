"""Correcting events in the workbench, in a real browser, without a token on 127.0.0.1.

Each correction path (merge, split, reject, fix place) is made by clicking, then the corpus is
ingested again with a new report (the Iraq block is merged again) and every block rebuilt, and
the page must still show the analyst's version.  The scale fixture gives three machine events:
a Kirkuk IED told by two outlets, a drone attack on Erbil Air Base, a clash in Baqubah (late).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from availability import unavailable
from chromium import ARGS, BUNDLE, CHROMIUM
from playwright.sync_api import expect
from sqlalchemy import update

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from server import running_server  # noqa: E402

from conflictwire.ingest import ingest  # noqa: E402
from conflictwire.pipeline.merge import run_merge  # noqa: E402
from conflictwire.store import schema as t  # noqa: E402
from conflictwire.store.db import Store  # noqa: E402

pytestmark = pytest.mark.browser

SCALE = Path(__file__).parent / "fixtures" / "scale"
LATE = "04_diyala_clash.html"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wbfix")
    (folder / "first").mkdir()
    for path in sorted(SCALE.iterdir()):
        if path.name != LATE:
            shutil.copy(path, folder / "first" / path.name)
    store = Store(f"sqlite:///{folder / 'template.db'}")
    ingest([folder / "first"], store)
    store.dispose()
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM}: run `make browsers`")
    if not BUNDLE.exists():
        unavailable("the workbench bundle is not built: run `make web` (needs npm)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def site(template: Path, tmp_path: Path, browser: object) -> Iterator[tuple[object, Store]]:
    """A page on a fresh copy of the database, served on 127.0.0.1 with no token."""
    shutil.copy(template / "template.db", tmp_path / "cw.db")
    url = f"sqlite:///{tmp_path / 'cw.db'}"
    with running_server(url, token="") as base:
        context = browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.base = base  # type: ignore[attr-defined]
        store = Store(url)
        yield page, store
        context.close()
        store.dispose()
        assert not errors, f"errors in the page: {errors}"


def _open(page: object, place: str) -> None:
    page.goto(f"{page.base}/")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready=true]")
    page.click(f".event-row:has-text('{place}')")
    page.wait_for_selector("#fix-title")


def _rerun(store: Store) -> None:
    """A re-ingest that adds a report to the block, then every block merged again (a rebuild)."""
    ingest([SCALE], store)
    with store.engine.begin() as c:
        c.execute(update(t.mentions).values(merged=False))
    run_merge(store)


def _rows(page: object) -> list[str]:
    page.goto(f"{page.base}/")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector(".event-row")
    return [r.inner_text() for r in page.locator(".event-row").all()]


def test_reject_in_the_workbench_survives_a_reingest(site: tuple[object, Store]) -> None:
    page, store = site
    _open(page, "Erbil Air Base")
    page.select_option("#fix-reason", "not an event")
    page.fill("#fix-why", "an interception, nothing hit")
    page.click("#fix-reject")
    expect(page.locator(".list-head h2")).to_have_text("1 event")
    _rerun(store)
    rows = _rows(page)
    assert not any("Erbil" in r for r in rows) and any("Baqubah" in r for r in rows)


def test_split_in_the_workbench_survives_a_reingest(site: tuple[object, Store]) -> None:
    page, store = site
    _open(page, "Kirkuk")
    page.check("#fix-src-1")
    page.click("#fix-split")
    page.wait_for_selector(".curated-note")
    _rerun(store)
    rows = _rows(page)
    assert sum("Kirkuk" in r for r in rows) == 2
    assert all("1 source" in r for r in rows if "Kirkuk" in r)


def test_merge_in_the_workbench_survives_a_reingest(site: tuple[object, Store]) -> None:
    page, store = site
    _open(page, "Erbil Air Base")
    page.click("#fix-mark")
    page.click(".back")
    page.click(".event-row:has-text('Kirkuk')")
    page.click("#fix-merge")
    expect(page.locator(".card-head")).to_contain_text("Kirkuk")
    expect(page.locator(".curated-note")).to_be_visible()
    _rerun(store)
    rows = _rows(page)
    assert len(rows) == 2 and any("3 sources" in r for r in rows)


def test_fix_place_from_the_gazetteer_survives_a_reingest_and_shows_in_acled_csv(site: tuple[object, Store]) -> None:
    page, store = site
    _open(page, "Kirkuk")
    page.fill("#fix-place", "Mosul")
    page.click(".place-pick:has-text('Mosul')")
    expect(page.locator(".card-head h2")).to_contain_text("Mosul")
    _rerun(store)
    rows = _rows(page)
    assert any("Mosul" in r for r in rows) and not any("Kirkuk" in r for r in rows)
    body = page.request.get(f"{page.base}/api/export?kind=events&format=acled-csv").text()  # type: ignore[attr-defined]
    assert "Mosul" in body and "curated by analyst" in body


def test_views_an_analyst_asked_for(site: tuple[object, Store]) -> None:
    """Town labels offline, the list following the map, arrow keys in the list, the charts, no "null"."""
    page, store = site
    rows = _rows(page)
    assert len(rows) == 2
    page.wait_for_selector(".town-label")
    labels = page.locator(".town-label").all_inner_texts()
    assert "Baghdad" in labels and "Tehran" in labels  # the big cities of the region at zoom 5
    page.focus(".event-row")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.eventId") == \
        page.locator(".event-row").nth(1).get_attribute("data-event-id")
    # zoom onto Erbil: the list follows the map's view
    erbil = next(e for e in store.iter_events() if e["location"] == "Erbil Air Base")
    page.goto(f"{page.base}/?event={erbil['event_id']}")  # type: ignore[attr-defined]
    page.wait_for_selector("#fix-title")
    page.click(".back")
    expect(page.locator(".list-head h2")).to_have_text("2 events")
    page.wait_for_timeout(800)  # the map's pan back from the card has settled: the marker stays put
    box = page.locator(f"path[data-event-id='{erbil['event_id']}']").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # the mouse wheel over Erbil's marker zooms in around it; how far one notch zooms depends on
    # the browser's wheel delta, so zoom notch by notch until the view holds Erbil alone
    heading = page.locator(".list-head h2")
    for _ in range(8):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(700)
        if heading.inner_text() == "1 event":
            break
    expect(heading).to_have_text("1 event")
    assert "Erbil" in page.locator(".event-row").inner_text()
    page.uncheck("#follow-map")
    expect(page.locator(".list-head h2")).to_have_text("2 events")
    # an article left without events shows no literal "null"
    page.goto(f"{page.base}/?event={erbil['event_id']}")  # type: ignore[attr-defined]
    page.wait_for_selector("#fix-title")
    page.click("#fix-reject")
    page.goto(f"{page.base}/?view=sources")  # type: ignore[attr-defined]
    page.click("button.quote:has-text('Erbil')")
    page.wait_for_selector(".article-text")
    assert "null" not in page.locator("dialog").inner_text()
    page.keyboard.press("Escape")
    page.goto(f"{page.base}/?view=charts")  # type: ignore[attr-defined]
    page.wait_for_selector(".chart-weekly svg .bar")
    tolls = page.locator("table.data tbody tr").all_inner_texts()
    assert any("Northern Post" in row for row in tolls)
