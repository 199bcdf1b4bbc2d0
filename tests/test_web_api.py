"""The JSON API as the workbench (and any script) uses it: validation, paging caps, tokens, inert article text."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from workbench_db import TURKEY, US, XSS_IMG, XSS_SCRIPT, Built  # noqa: E402

from conflictwire.store import schema as t  # noqa: E402
from conflictwire.store.db import EventFilter, Store  # noqa: E402
from conflictwire.web.app import MAX_PAGE, create_app  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture()
def client(built: Built) -> TestClient:
    return TestClient(create_app(Store(built.url), token=TOKEN, tile_url=""), base_url="http://127.0.0.1")


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


def test_writing_beyond_this_machine_needs_the_token(built: Built) -> None:
    shared = {"host": "0.0.0.0", "hosts": ["cw.example.org"]}
    read_only = TestClient(create_app(Store(built.url), token="", tile_url="", **shared),
                           base_url="http://cw.example.org")
    pair = read_only.get("/api/duplicates").json()["items"][0]["pair_id"]
    refused = read_only.post(f"/api/duplicates/{pair}/confirm")
    assert refused.status_code == 403 and "CONFLICTWIRE_TOKEN" in refused.json()["error"]
    writable = TestClient(create_app(Store(built.url), token=TOKEN, tile_url="", **shared),
                          base_url="http://cw.example.org")
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


# Who said what, and running counts, on three of the fixture articles (each quote is in its article).
STATEMENTS = [
    ("tigris_alqaim.txt", "2024-02-02", "The US military", US, "CLAIM", "Kataib Hezbollah", "Iraq",
     "The US military said its forces carried out the strikes"),
    ("duhok_drone.txt", "2024-03-10", "The Turkish defence ministry", TURKEY, "ASSAULT", "PKK", "Iraq",
     "The Turkish defence ministry said its aircraft \"neutralised\" PKK militants in northern Iraq"),
    ("diyala_shepherds.txt", "2024-03-05", "Security officials", None, "ACCUSE", "Islamic State", "Iraq",
     "Security officials blamed Islamic State remnants active in the area"),
]
TALLIES = [
    ("tigris_alqaim.txt", 25, "people wounded", US, "Iraqi government", "2024-02-03", "25 others were wounded"),
    ("diyala_shepherds.txt", 3, "shepherds killed", None, "provincial police", "2024-03-07",
     "killing three of them, the provincial police said"),
]


def add_statements_and_tallies(store: Store, built: Built) -> None:
    with store.engine.begin() as c:
        for n, (file, day, speaker, actor, plover, target, country, quote) in enumerate(STATEMENTS):
            c.execute(insert(t.statements).values(
                statement_id=f"st{n}", article_id=built.article_of[file], date=day, time_precision=1,
                speaker=speaker, speaker_actor=actor, plover_event=plover, target_actor=target, country=country,
                quote=quote, start=0, end=len(quote), confidence=0.7))
        for n, (file, count, what, actor, claimant, as_of, quote) in enumerate(TALLIES):
            c.execute(insert(t.tallies).values(
                tally_id=f"ta{n}", article_id=built.article_of[file], count=count, what=what, actor=actor,
                claimant=claimant, as_of=as_of, quote=quote, start=0, end=len(quote)))


@pytest.fixture()
def said(built: Built, client: TestClient) -> TestClient:
    add_statements_and_tallies(Store(built.url), built)
    return client


def _speakers(client: TestClient, **params: str) -> list[str]:
    response = client.get("/api/statements", params=params)
    assert response.status_code == 200, response.text
    return [s["speaker"] for s in response.json()["items"]]


def test_statements_follow_the_filter_bar(said: TestClient) -> None:
    everyone = ["The US military", "Security officials", "The Turkish defence ministry"]  # by date
    assert _speakers(said) == everyone
    # actor: a substring of speaker, speaker actor or target, in any case …
    assert _speakers(said, actor="pkk") == ["The Turkish defence ministry"]
    assert _speakers(said, actor="islamic state") == ["Security officials"]
    # … or another spelling the registry resolves to the same canonical actor
    assert _speakers(said, actor="Turkish military") == ["The Turkish defence ministry"]
    assert _speakers(said, actor="%") == []  # wildcards are literal text
    # country: the stored name or its ISO2 code
    assert _speakers(said, country="IQ") == everyone
    assert _speakers(said, country="iraq") == everyone
    assert _speakers(said, country="SY") == []
    # q: words in the quote; dates on the statement's date; all combine
    assert _speakers(said, q="NEUTRALISED") == ["The Turkish defence ministry"]
    assert _speakers(said, **{"from": "2024-03-01"}) == ["Security officials", "The Turkish defence ministry"]
    assert _speakers(said, **{"from": "2024-03-01", "to": "2024-03-06", "country": "IQ"}) == ["Security officials"]
    assert _speakers(said, actor="military", q="carried out") == ["The US military"]
    # paging happens in the database and still follows the filter
    assert _speakers(said, page_size="1", page="2") == ["Security officials"]
    assert _speakers(said, actor="military", page_size="1", page="2") == ["The Turkish defence ministry"]


def test_tallies_follow_the_filter_bar(said: TestClient) -> None:
    def whats(**params: str) -> list[str]:
        response = said.get("/api/tallies", params=params)
        assert response.status_code == 200, response.text
        return [x["what"] for x in response.json()["items"]]

    assert whats() == ["people wounded", "shepherds killed"]
    assert whats(actor="US military") == ["people wounded"]  # resolves to the canonical US forces
    assert whats(actor="POLICE") == ["shepherds killed"]  # the claimant
    assert whats(q="shepherds") == ["shepherds killed"]  # what was counted
    assert whats(q="others were wounded") == ["people wounded"]  # the quote
    assert whats(**{"from": "2024-03-01"}) == ["shepherds killed"]  # dates are as_of
    assert whats(**{"to": "2024-02-28"}) == ["people wounded"]


def test_statement_and_tally_filters_are_validated(said: TestClient) -> None:
    for path, params in [("/api/statements", {"actor": "x" * 201}), ("/api/statements", {"country": "x" * 65}),
                         ("/api/statements", {"q": "x" * 201}), ("/api/tallies", {"actor": "x" * 201}),
                         ("/api/tallies", {"q": "x" * 201}), ("/api/tallies", {"from": "March"}),
                         ("/api/statements", {"to": "2024-02-30"})]:
        assert said.get(path, params=params).status_code == 422, (path, params)
    assert _speakers(said, actor="  ", q="") == _speakers(said)  # blank boxes filter nothing


def test_statement_and_tally_exports_apply_the_filter(said: TestClient) -> None:
    response = said.get("/api/export", params={"kind": "statements", "format": "csv", "actor": "pkk"})
    assert [r["speaker"] for r in csv.DictReader(io.StringIO(response.text))] == ["The Turkish defence ministry"]
    response = said.get("/api/export", params={"kind": "tallies", "format": "csv", "q": "wounded"})
    assert [r["count"] for r in csv.DictReader(io.StringIO(response.text))] == ["25"]


def test_api_docs_are_served_offline_without_a_cdn(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from conflictwire.store.db import Store
    from conflictwire.web.app import create_app

    client = TestClient(create_app(Store(f"sqlite:///{tmp_path / 'docs.db'}")), base_url="http://127.0.0.1")
    page = client.get("/docs")
    assert page.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower() and "http" not in page.headers["content-security-policy"]
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "conflictwire"


def test_statement_and_tally_lists_say_how_many_match_the_filters(said: TestClient) -> None:
    everyone = said.get("/api/statements", params={"page_size": "1"}).json()
    assert everyone["total"] == 3 and len(everyone["items"]) == 1  # the total counts past the page
    assert said.get("/api/statements", params={"actor": "pkk"}).json()["total"] == 1
    assert said.get("/api/statements", params={"country": "SY"}).json() == {"total": 0, "page": 1, "page_size": 50,
                                                                             "items": []}
    tallies = said.get("/api/tallies", params={"page_size": "1", "page": "2"}).json()
    assert tallies["total"] == 2 and [x["what"] for x in tallies["items"]] == ["shepherds killed"]
    assert said.get("/api/tallies", params={"q": "shepherds"}).json()["total"] == 1
