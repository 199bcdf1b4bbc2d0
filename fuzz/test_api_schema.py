"""Schemathesis over the API's own OpenAPI spec: no request may produce a 5xx.

Run with ``make fuzz`` (or ``.venv/bin/pytest fuzz/test_api_schema.py``); skipped when
schemathesis is not installed.  The store holds a few real ingested pages, including hostile
markup, so lookups by id and the exports have data to work on.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "hostile"
EXAMPLES = int(os.environ.get("CONFLICTWIRE_FUZZ_API_EXAMPLES", "60"))


def _app():
    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store
    from conflictwire.web.app import create_app

    folder = Path(tempfile.mkdtemp(prefix="cw-api-fuzz-"))
    store = Store(f"sqlite:///{folder / 'cw.db'}")
    ingest([FIXTURES / "hostile_records.jsonl", FIXTURES / "hostile_markup.html"], store)
    return create_app(store, token="fuzz-token")


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_5xx(case):
    # the token lets the fuzzer reach the write endpoints' validation, not just the 401
    response = case.call(headers={"Authorization": "Bearer fuzz-token"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"
    assert "content-security-policy" in {k.lower() for k in response.headers}
