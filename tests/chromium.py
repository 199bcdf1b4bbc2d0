"""Where the browser tests find Chromium and the workbench bundle, and how they start it."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("CONFLICTWIRE_CHROMIUM", "/usr/bin/chromium")
BUNDLE = Path(__file__).resolve().parents[1] / "src" / "conflictwire" / "web" / "static" / "dist" / "app.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
