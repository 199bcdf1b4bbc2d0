"""Who may write to the workbench, from where, and what every answer carries (web/guard.py)."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from workbench_db import Built  # noqa: E402

from conflictwire.store.db import Store  # noqa: E402
from conflictwire.web.app import create_app  # noqa: E402

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture()
def laptop(built: Built) -> TestClient:
    """`conflictwire serve` as on a laptop: 127.0.0.1, no token configured."""
    return TestClient(create_app(Store(built.url), token=""), base_url=LOCAL)


def _first_event(client: TestClient) -> str:
    return client.get("/api/events").json()["items"][0]["event_id"]


def test_on_a_loopback_address_corrections_need_no_token(laptop: TestClient) -> None:
    meta = laptop.get("/api/meta").json()
    assert meta["writable"] and not meta["token_required"]
    event = _first_event(laptop)
    done = laptop.post(f"/api/events/{event}/reject", json={"reason": "not an event", "why": "a hedge"},
                       headers={"Origin": LOCAL})
    assert done.status_code == 200, done.text
    assert done.json()["decision"]["status"] == "applied"
    assert laptop.get(f"/api/events/{event}").json()["superseded_by"] == "rejected"
    listed = laptop.get("/api/decisions").json()["items"]
    assert [(d["kind"], d["author"], d["why"]) for d in listed] == [("reject", "workbench", "a hedge")]
    undone = laptop.post(f"/api/decisions/{listed[0]['decision_id']}/undo", json={"by": "me"})
    assert undone.status_code == 200 and undone.json()["decision"]["undone_by"] == "me"
    assert laptop.get(f"/api/events/{event}").json()["superseded_by"] is None


def test_a_token_once_set_is_required_even_on_a_loopback_address(built: Built) -> None:
    client = TestClient(create_app(Store(built.url), token="s3cret"), base_url=LOCAL)
    assert client.get("/api/meta").json()["token_required"]
    event = _first_event(client)
    assert client.post(f"/api/events/{event}/reject", json={"reason": "x"}).status_code == 401
    ok = client.post(f"/api/events/{event}/reject", json={"reason": "x"}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200


def test_a_request_forwarded_by_a_proxy_is_not_from_this_machine(laptop: TestClient) -> None:
    event = _first_event(laptop)
    proxied = laptop.post(f"/api/events/{event}/reject", json={"reason": "x"},
                          headers={"X-Forwarded-For": "203.0.113.9"})
    assert proxied.status_code == 403 and "CONFLICTWIRE_TOKEN" in proxied.json()["error"]


def test_a_foreign_origin_or_host_is_refused(laptop: TestClient) -> None:
    event = _first_event(laptop)
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Origin": "http://127.0.0.1:9999"}):
        refused = laptop.post(f"/api/events/{event}/reject", json={"reason": "x"}, headers=headers)
        assert refused.status_code == 403, headers
        assert "Origin" in refused.json()["error"]
        assert "default-src 'self'" in refused.headers["content-security-policy"]
    rebound = laptop.get("/api/meta", headers={"Host": "evil.example"})  # DNS rebinding
    assert rebound.status_code == 400
    assert laptop.get("/api/meta", headers={"Host": "localhost:8000"}).status_code == 200
    assert laptop.get("/api/decisions").json()["items"] == []


def test_ingest_refuses_before_reading_the_body(built: Built) -> None:
    shared = TestClient(create_app(Store(built.url), token="s3cret", host="0.0.0.0", hosts=["cw.example.org"]),
                        base_url="http://cw.example.org")
    # a declared 200 MB body without the token: refused on the headers alone
    stranger = shared.post("/api/ingest", content=b"x" * 10, headers={"Content-Length": str(200 * 2**20),
                                                                      "Content-Type": "multipart/form-data"})
    assert stranger.status_code == 401
    big = shared.post("/api/ingest", content=b"x" * 10, headers={"Authorization": "Bearer s3cret",
                                                                 "Content-Length": str(200 * 2**20),
                                                                 "Content-Type": "multipart/form-data"})
    assert big.status_code == 413 and "KB" in big.json()["error"]
    small = shared.post("/api/events/merge", json={"event_ids": ["a", "b"], "why": "x" * 100_000},
                        headers={"Authorization": "Bearer s3cret"})
    assert small.status_code == 413


def test_bad_values_are_422_never_500(laptop: TestClient) -> None:
    for path in ("/api/events", "/api/articles", "/api/statements", "/api/tallies", "/api/sources"):
        assert laptop.get(path, params={"page": "99999999999999999999"}).status_code == 422, path
    event = _first_event(laptop)
    bad = laptop.post(f"/api/events/{event}/edit", json={"changes": {"event_date": "yesterday"}})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.json()["error"]
    assert laptop.post("/api/events/merge", json={"event_ids": [event]}).status_code == 422
    assert laptop.post("/api/events/nope/split", json={"reports": ["x"]}).status_code == 404


def test_event_search_takes_percent_and_underscore_literally(laptop: TestClient) -> None:
    everything = laptop.get("/api/events").json()["total"]
    assert everything > 0
    assert laptop.get("/api/events", params={"q": "a"}).json()["total"] > 1
    for wildcard in ("%", "a%", "a_", "i_a"):  # as LIKE patterns they would match most events
        assert laptop.get("/api/events", params={"q": wildcard}).json()["total"] == 0, wildcard


def test_a_server_error_still_carries_the_security_headers(built: Built) -> None:
    store = Store(built.url)
    client = TestClient(create_app(store, token=""), base_url=LOCAL, raise_server_exceptions=False)
    with store.engine.begin() as c:
        c.execute(text("DROP TABLE claims"))  # a broken database: the server fails, and says little
        c.execute(text("ALTER TABLE events RENAME TO events_gone"))
    broken = client.get("/api/events")
    assert broken.status_code == 500 and broken.json() == {"error": "internal error"}
    assert "default-src 'self'" in broken.headers["content-security-policy"]
    assert broken.headers["x-frame-options"] == "DENY"


def test_only_the_swagger_files_docs_uses_are_served(laptop: TestClient) -> None:
    assert laptop.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert laptop.get("/docs-assets/swagger-ui.css").status_code == 200
    for other in ("index.html", "swagger-initializer.js", "oauth2-redirect.html", "..%2f..%2fetc%2fpasswd"):
        assert laptop.get(f"/docs-assets/{other}").status_code == 404, other


def test_csv_cells_never_start_a_formula(laptop: TestClient, built: Built) -> None:
    from conflictwire.pipeline.decisions import edit_event

    store = Store(built.url)
    event = _first_event(laptop)
    edit_event(store, event, {"actor1": "=HYPERLINK(\"http://x\")", "actor2": "@SUM(1+1)",
                              "responsibility": "+SUM(1)"}, why="-2+3")
    for fmt in ("csv", "acled-csv"):
        body = laptop.get("/api/export", params={"kind": "events", "format": fmt}).text
        for row in csv.reader(io.StringIO(body)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (fmt, cell)
                if cell.startswith("-"):
                    float(cell)  # only a negative number may start with a minus
    body = laptop.get("/api/export", params={"kind": "decisions", "format": "csv"}).text
    assert "'-2+3" in body


def test_an_upload_is_stored_under_its_own_name_not_a_server_path(laptop: TestClient) -> None:
    page = ("BAGHDAD, March 3, 2024 - A drone strike hit a car in eastern Baghdad on Sunday, "
            "killing two members of Kataib Hezbollah, two security officials said.\n")
    done = laptop.post("/api/ingest", files=[("files", ("baghdad.txt", page.encode(), "text/plain"))])
    assert done.status_code == 200 and done.json()["documents_new"] == 1
    documents = [a["document"] for a in laptop.get("/api/articles", params={"page_size": 500}).json()["items"]]
    assert "000-baghdad.txt" in documents
    assert not any(d.startswith("/tmp") or "cw-upload" in d for d in documents)


def test_town_labels_and_tolls_by_source(laptop: TestClient) -> None:
    near_erbil = laptop.get("/api/towns", params={"bbox": "43.5,35.8,44.5,36.6", "zoom": 9}).json()["items"]
    assert near_erbil[0]["name"] == "Erbil" and len(near_erbil) > 3
    assert laptop.get("/api/towns", params={"bbox": "-180,-90,180,90", "zoom": 2}).json()["items"] == []
    assert laptop.get("/api/towns", params={"bbox": "1,2", "zoom": 9}).status_code == 422
    tolls = laptop.get("/api/tolls").json()["items"]
    assert tolls and all(set(r) == {"outlet", "events", "claimed_killed", "recorded_fatalities"} for r in tolls)
    assert tolls == sorted(tolls, key=lambda r: -r["claimed_killed"])
