"""Take docs/screenshot.png: the workbench at 1366x768 with an event open, in headless Chromium.

Usage: python scripts/screenshot.py [--db URL] [--event ID] [--out docs/screenshot.png]
Without --db, a temporary database is filled with the web test fixtures (tests/fixtures/web).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "web"))

from server import running_server  # noqa: E402
from workbench_db import build_workbench_db  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL to show (default: the web test fixtures)")
    parser.add_argument("--event", help="event id to open (default: the one with the most sources)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        url = options.db or build_workbench_db(f"sqlite:///{folder}/screenshot.db").url
        with running_server(url) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=options.chromium, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            event = options.event
            if not event:
                import json
                import urllib.request

                with urllib.request.urlopen(f"{base}/api/events?page_size=500") as response:
                    items = json.load(response)["items"]
                event = max(items, key=lambda e: (len(e["sources"]), len(e["claims"])))["event_id"] if items else ""
            page.goto(f"{base}/?event={event}" if event else base)
            page.wait_for_selector(".event-card, .event-list, .empty")
            page.wait_for_timeout(1200)  # outlines and markers settle
            Path(options.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=options.out)
            browser.close()
    print(f"wrote {options.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
