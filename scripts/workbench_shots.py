"""Take the screenshots of docs/workbench.md in headless Chromium: map with town labels, an event card
with its correction panel, the review queue, the charts.

Usage: python scripts/workbench_shots.py --db sqlite:///conflictwire-demo.db [--out docs]
(`conflictwire demo --no-serve` makes that database from the bundled samples.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "web"))
sys.path.insert(0, str(ROOT / "tests"))

from chromium import ARGS  # noqa: E402
from server import running_server  # noqa: E402
from workbench_db import build_workbench_db  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL to show")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from conflictwire.store.db import Store

    events = list(Store(options.db).iter_events(sort="confidence", descending=True, limit=50))
    busiest = max(events, key=lambda e: (len(e["sources"]), e["event_id"]))
    out = Path(options.out)
    with running_server(options.db, token="") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=options.chromium, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/")
        page.wait_for_selector("body[data-ready=true]")
        page.wait_for_selector(".event-row")
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(out / "workbench-map.png"))
        page.goto(f"{base}/?event={busiest['event_id']}")
        page.wait_for_selector("#fix-title")
        page.wait_for_timeout(1000)
        page.locator(".side").evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.screenshot(path=str(out / "workbench-correct.png"))
        page.goto(f"{base}/?view=charts")
        page.wait_for_selector(".chart-weekly svg, .chart-weekly .empty")
        page.screenshot(path=str(out / "workbench-charts.png"), full_page=True)
        with tempfile.TemporaryDirectory() as folder, \
                running_server(build_workbench_db(f"sqlite:///{folder}/review.db").url, token="") as review:
            page.goto(f"{review}/?view=review")  # the web test fixtures hold pairs to review
            page.wait_for_selector(".dup")
            page.screenshot(path=str(out / "workbench-review.png"))
        browser.close()
    print(f"wrote workbench-*.png in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
