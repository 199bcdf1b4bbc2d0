"""What a test does when something it needs is not on this machine (pytest puts this folder on sys.path).

Locally a missing PostgreSQL server, Chromium, workbench bundle or ../shared data folder skips the
tests that need it, with the reason.  In CI (``CI=true``, as `.ci/run` and most CI services set it)
the same condition is a failure: a green CI run means every test ran.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(reason: str) -> NoReturn:
    """Skip with `reason` locally; fail with it when CI=true."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason} (outside CI this test would be skipped)", pytrace=False)
    pytest.skip(reason)


def shared_data() -> Path:
    """The shared data folder (``$CONFLICTWIRE_SHARED/data``, else ``../shared/data`` beside the repo)."""
    from conflictwire.evaluate import shared_folder

    shared = shared_folder()
    if shared is None or not (shared / "data").is_dir():
        unavailable("the shared data folder is not found (no ../shared/data beside the repo and "
                    "$CONFLICTWIRE_SHARED is not set to a folder holding data/)")
    return shared / "data"


def shared_file(relative: str) -> Path:
    """One file of the shared data folder, or skip/fail naming it."""
    path = shared_data() / relative
    if not path.is_file():
        unavailable(f"{path} is missing from the shared data folder")
    return path
