"""Shared fixtures: databases on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from availability import unavailable

PG_ADMIN_URL = os.environ.get("CONFLICTWIRE_TEST_PG", "postgresql+psycopg://root@127.0.0.1:5432/test")


def _pg_admin():
    """The admin engine, or None and why when the server cannot be reached.

    Only a failed connection (no server, refused, timed out, no such database or role) counts as
    "not available"; any other error is a bug and fails the test."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as c:
            c.execute(text("select 1"))
    except OperationalError as exc:
        engine.dispose()
        cause = str(exc.orig or exc).strip().splitlines()[0]
        return None, f"no PostgreSQL server at {PG_ADMIN_URL} ({cause}); set $CONFLICTWIRE_TEST_PG to use another"
    return engine, ""


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import text

    engine, reason = _pg_admin()
    if engine is None:
        unavailable(reason)
    name = f"cw_test_{uuid.uuid4().hex[:12]}"
    with engine.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cw.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture()
def built(tmp_path: Path):  # -> workbench_db.Built
    """The workbench's test database (tests/fixtures/web/workbench_db.py) on SQLite, fresh for one
    test (test_workbench.py keeps one per module)."""
    web = str(Path(__file__).parent / "fixtures" / "web")
    if web not in sys.path:
        sys.path.insert(0, web)
    from workbench_db import build_workbench_db

    return build_workbench_db(f"sqlite:///{tmp_path / 'web.db'}", unsafe=True)
