"""The JSON API as the workbench (and any script) uses it: validation, paging caps, tokens, inert article text."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from workbench_db import XSS_IMG, XSS_SCRIPT, Built, build_workbench_db  # noqa: E402

from conflictwire.store.db import EventFilter, Store  # noqa: E402
from conflictwire.web.app import MAX_PAGE, create_app  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture()
def built(tmp_path: Path) -> Built:
    return build_workbench_db(f"sqlite:///{tmp_path / 'web.db'}", unsafe=True)


@pytest.fixture()
def client(built: Built) -> TestClient:
    return TestClient(create_app(Store(built.url), token=TOKEN, tile_url=""))


def test_bad_dates_and_bbox_are_refused_with_a_clear_message(client: TestClient) -> None:
    response = client.get("/api/events", params={"from": "2024-13-45"})
    assert response.status_code == 422
    assert "from" in response.json()["error"] and "YYYY-MM-DD" in response.json()["error"]
    for bbox in ("1,2,3", "a,b,c,d", "50,10,40,20", "0,0,200,10"):
        response = client.get("/api/map", params={"bbox": bbox})
        assert response.status_code == 422, bbox
        assert "bbox" in response.json()["error"]
    assert client.get("/api/sources", params={"to": "yesterday"}).status_code == 422


def test_page_size_is_capped(client: TestClient) -> None:
    assert client.get("/api/events", params={"page_size": MAX_PAGE}).status_code == 200
    assert client.get("/api/events", params={"page_size": MAX_PAGE + 1}).status_code == 422
    assert client.get("/api/sources", params={"page_size": MAX_PAGE + 1}).status_code == 422
    page = client.get("/api/events", params={"page_size": 2, "page": 2}).json()
    assert page["total"] == 5 and len(page["items"]) == 2


def test_writing_needs_the_token(built: Built) -> None:
    read_only = TestClient(create_app(Store(built.url), token="", tile_url=""))
    pair = read_only.get("/api/duplicates").json()["items"][0]["pair_id"]
    assert read_only.post(f"/api/duplicates/{pair}/confirm").status_code == 403
    writable = TestClient(create_app(Store(built.url), token=TOKEN, tile_url=""))
    wrong = writable.post(f"/api/duplicates/{pair}/confirm", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "token" in wrong.json()["error"]
    before = writable.get("/api/events").json()["total"]
    ok = writable.post(f"/api/duplicates/{pair}/confirm", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
    assert writable.get("/api/events").json()["total"] == before - 1
    assert writable.get("/api/duplicates").json()["items"] == []


def test_article_markup_comes_back_as_data_never_as_html(client: TestClient, built: Built) -> None:
    response = client.get(f"/api/articles/{built.article_of['unsafe.txt']}")
    assert response.headers["content-type"].startswith("application/json")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    article = response.json()
    assert XSS_IMG in article["text"] and XSS_SCRIPT in article["text"]
    raw = client.get(f"/api/articles/{built.article_of['unsafe.txt']}/raw")
    assert raw.headers["content-type"].startswith("text/plain")
    assert raw.headers["content-security-policy"].startswith("sandbox")
    assert XSS_IMG in raw.text


def test_article_spans_point_at_the_quotes(client: TestClient, built: Built) -> None:
    article = client.get(f"/api/articles/{built.article_of['tigris_alqaim.txt']}").json()
    quoted = {article["text"][s["start"]:s["end"]] for s in article["spans"]}
    assert "The Iraqi government said 16 people were killed in the strikes" in quoted
    assert [e["event_id"] for e in article["events"]] == [built.event_of["tigris_alqaim.txt"]]


def test_map_sends_points_when_few_and_clusters_when_many(client: TestClient, built: Built) -> None:
    points = client.get("/api/map", params={"zoom": 5, "country": "IQ"}).json()
    assert points["mode"] == "points" and points["located"] == 5
    assert {p["event_id"] for p in points["items"]} == set(built.event_of.values())
    store = Store(built.url)
    clusters = store.map_points(EventFilter(), cell_deg=5.0, max_points=2)
    assert clusters["mode"] == "clusters"
    assert sum(c["count"] for c in clusters["items"]) == 5
    assert len(clusters["items"]) < 5  # the three Muqdadiyah events share a cell
    inside = client.get("/api/map", params={"bbox": "40,33,42,35"}).json()
    assert [p["location"] for p in inside["items"]] == ["Al Qaim"]


def test_sources_say_what_each_article_contributed(client: TestClient, built: Built) -> None:
    data = client.get("/api/sources").json()
    by_id = {a["article_id"]: a for a in data["items"]}
    tigris = by_id[built.article_of["tigris_alqaim.txt"]]
    assert (tigris["outlet"], tigris["events"], tigris["claims"]) == ("Tigris Tribune", 1, 1)
    assert "text" not in tigris
    assert data["total"] == 6


def test_export_applies_the_filter(client: TestClient) -> None:
    response = client.get("/api/export", params={"kind": "events", "format": "csv", "q": "al qaim"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["location"] for r in rows] == ["Al Qaim"]


def test_workbench_page_is_served_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/dist/app.js" in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
