"""The read stage: every input type becomes Documents; every bad input becomes a ReadProblem."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from conflictwire.models import Document, ReadProblem
from conflictwire.pipeline import read as read_module
from conflictwire.pipeline.read import ReadLimits, iter_inputs

REPORT = (
    "BAGHDAD (Reuters) - A roadside bomb struck an Iraqi army patrol near Tikrit on Friday,\n"
    "killing two soldiers and wounding three others, security officials said.\n"
)
ARABIC = (
    "قال مسؤولون عراقيون إن غارة جوية استهدفت موقعا لتنظيم الدولة الإسلامية "
    "قرب مدينة القائم يوم الجمعة، مما أسفر عن مقتل خمسة مسلحين.\n"
)
WESTERN = (
    "The ministry’s statement – issued on Friday – said “at least five” fighters were killed "
    "near Qa’im, in the province of al-Anbar. The café owner said the strike came at dawn.\n"
)


def read_all(*paths, **kwargs) -> tuple[list[Document], list[ReadProblem]]:
    items = list(iter_inputs([str(p) for p in paths], **kwargs))
    docs = [item for item in items if isinstance(item, Document)]
    problems = [item for item in items if isinstance(item, ReadProblem)]
    assert len(docs) + len(problems) == len(items)
    return docs, problems


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


# --------------------------------------------------------------------------- plain files


def test_text_file_is_one_document_with_normalised_newlines(tmp_path):
    path = write(tmp_path / "report.txt", REPORT.replace("\n", "\r\n"))
    (doc,), problems = read_all(path, published=date(2017, 3, 17), outlet="Reuters")
    assert problems == []
    assert doc.media_type == "text" and doc.encoding == "utf-8"
    assert doc.content == REPORT
    assert doc.path == str(path)
    assert doc.content_hash == hashlib.sha256(REPORT.encode("utf-8")).hexdigest()
    assert doc.document_id == doc.content_hash[:16]
    assert (doc.given_published, doc.given_outlet) == (date(2017, 3, 17), "Reuters")


def test_html_keeps_raw_markup_and_uses_meta_charset(tmp_path):
    html = f'<html><head><meta charset="windows-1252"><title>Strike</title></head><body><p>{WESTERN}</p></body></html>'
    path = write(tmp_path / "page.htm", html, "cp1252")
    (doc,), problems = read_all(path)
    assert problems == []
    assert doc.media_type == "html" and doc.encoding == "cp1252"
    assert doc.content == html


def test_windows_1256_arabic_without_declaration_is_detected(tmp_path):
    path = write(tmp_path / "arabic.txt", ARABIC * 2, "cp1256")
    (doc,), problems = read_all(path)
    assert problems == []
    assert doc.encoding == "cp1256"
    assert doc.content == ARABIC * 2


def test_windows_1252_page_without_declaration_reads_curly_quotes(tmp_path):
    html = f"<html><body><p>{WESTERN}</p></body></html>"
    path = write(tmp_path / "western.html", html, "cp1252")
    (doc,), _ = read_all(path)
    assert doc.encoding == "cp1252"
    assert "“at least five”" in doc.content and "café" in doc.content


def test_byte_order_marks_decide_the_encoding(tmp_path):
    utf16 = write(tmp_path / "utf16.txt", codecs_bom_utf16() + REPORT.encode("utf-16-le"))
    utf8 = write(tmp_path / "utf8bom.txt", b"\xef\xbb\xbf" + ARABIC.encode("utf-8"))
    docs, problems = read_all(utf16, utf8)
    assert problems == []
    assert [d.content for d in docs] == [REPORT, ARABIC]
    assert docs[0].encoding.startswith("utf-16")


def codecs_bom_utf16() -> bytes:
    return b"\xff\xfe"


# --------------------------------------------------------------------------- bad files


def test_pdf_renamed_txt_is_refused_as_binary(tmp_path):
    path = write(tmp_path / "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    docs, (problem,) = read_all(path)
    assert docs == []
    assert problem.severity == "error" and problem.path == str(path)
    assert problem.message.startswith("binary file (looks like PDF)")


def test_nul_bytes_mean_binary(tmp_path):
    path = write(tmp_path / "blob.txt", b"abc\x00\x01\x02\xff\x00\x10def" * 10)
    _, (problem,) = read_all(path)
    assert "binary file" in problem.message


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t  \n"])
def test_empty_or_whitespace_file_is_an_error(tmp_path, content):
    path = write(tmp_path / "empty.txt", content)
    docs, (problem,) = read_all(path)
    assert docs == [] and problem.severity == "error"
    assert "empty file" in problem.message


def test_missing_path(tmp_path):
    _, (problem,) = read_all(tmp_path / "nowhere.txt")
    assert problem.message == "no such file or folder"


def test_file_over_size_limit_names_size_and_limit(tmp_path):
    path = write(tmp_path / "big.txt", "word " * 1000)
    _, (problem,) = read_all(path, limits=ReadLimits(max_file_bytes=2048))
    assert "too large" in problem.message
    assert "4.9 KB" in problem.message and "2.0 KB" in problem.message


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", REPORT)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make open() fail the way it does for users

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(read_module, "open", refuse, raising=False)
    try:
        docs, (problem,) = read_all(path)
    finally:
        path.chmod(0o644)
    assert docs == [] and problem.severity == "error"
    assert problem.message == "cannot read: permission denied"


def test_unsupported_type_named_explicitly_is_an_error_in_a_folder_a_warning(tmp_path):
    doc_path = write(tmp_path / "notes.docx", REPORT)
    write(tmp_path / "report.txt", REPORT)
    write(tmp_path / ".git" / "config.txt", "hidden: never read")
    write(tmp_path / ".hidden.txt", "hidden too")
    write(tmp_path / "__init__.py", "")
    write(tmp_path / "__pycache__" / "x.pyc", b"\x00")
    write(tmp_path / "report.txt~", "editor backup")
    _, (explicit,) = read_all(doc_path)
    assert explicit.severity == "error" and "unsupported file type" in explicit.message
    docs, problems = read_all(tmp_path)
    assert [d.content for d in docs] == [REPORT]
    assert [(p.path, p.severity) for p in problems] == [(str(doc_path), "warning")]


def test_gzip_bomb_guard(tmp_path):
    path = tmp_path / "huge.txt.gz"
    path.write_bytes(gzip.compress(b"A" * 500_000))
    assert path.stat().st_size < 2000
    _, (problem,) = read_all(path, limits=ReadLimits(max_decompressed_bytes=100_000))
    assert "too large" in problem.message
    (doc,), _ = read_all(path)  # under the default limit it reads
    assert len(doc.content) == 500_000


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    write(tmp_path / "a.txt", b"%PDF-1.4 fake")
    write(tmp_path / "b.txt", REPORT)
    write(tmp_path / "c.jsonl", '{"text": broken\n')
    docs, problems = read_all(tmp_path / "nope", tmp_path)
    assert [d.content for d in docs] == [REPORT]
    assert [os.path.basename(p.path) for p in problems] == ["nope", "a.txt", "c.jsonl:1"]


# --------------------------------------------------------------------------- JSONL


def test_jsonl_records_with_metadata_and_a_broken_line(tmp_path):
    lines = [
        json.dumps({"text": REPORT, "title": "Bomb kills two soldiers near Tikrit", "url": "https://example.org/a",
                    "outlet": "Reuters", "published": "March 17, 2017", "authors": "Ahmed Rasheed; Maher Chmaytelli",
                    "extra": "ignored"}),
        '{"text": "Clashes in Deir ez-Zor", "title": "oops" ',  # truncated line
        json.dumps({"title": "no text here"}),
        "",
        json.dumps({"text": "Two rockets hit Erbil airport late on Tuesday.", "authors": ["Jane Arraf", " "]}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    docs, problems = read_all(path)
    assert [d.path for d in docs] == [f"{path}#L1", f"{path}#L5"]
    first, second = docs
    assert first.media_type == "record" and first.content == REPORT.strip()
    assert first.meta == {"title": "Bomb kills two soldiers near Tikrit", "url": "https://example.org/a",
                          "outlet": "Reuters", "published": "March 17, 2017",
                          "authors": ["Ahmed Rasheed", "Maher Chmaytelli"]}
    assert second.meta == {"authors": ["Jane Arraf"]}
    assert [p.path for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:6"]
    assert "not valid JSON" in problems[0].message
    assert '"text"' in problems[1].message
    assert "list" in problems[2].message


def test_record_hash_covers_text_and_metadata(tmp_path):
    same_text = [json.dumps({"text": "Shelling hit Avdiivka.", "outlet": o}) for o in ("AP", "AFP", "AP")]
    path = write(tmp_path / "dupes.jsonl", "\n".join(same_text))
    docs, _ = read_all(path)
    assert [d.meta["outlet"] for d in docs] == ["AP", "AFP"]
    expected = json.dumps({"text": "Shelling hit Avdiivka.", "meta": {"outlet": "AP"}}, sort_keys=True, ensure_ascii=False)
    assert docs[0].content_hash == hashlib.sha256(expected.encode()).hexdigest()


def test_record_field_over_limit_is_skipped(tmp_path):
    path = write(tmp_path / "long.jsonl", json.dumps({"text": "x" * 200}) + "\n" + json.dumps({"text": "short"}))
    docs, (problem,) = read_all(path, limits=ReadLimits(max_record_chars=100))
    assert [d.content for d in docs] == ["short"]
    assert problem.path == f"{path}:1" and "over the limit" in problem.message


# --------------------------------------------------------------------------- CSV


def test_csv_with_quoted_newlines_and_odd_quoting(tmp_path):
    csv_text = (
        "Title,Text,published,authors\r\n"
        '"Strike on ""Camp Speicher""","Militants attacked the base.\r\nTwo guards were killed.",2016-05-02,"A. Smith, B. Jones"\r\n'
        "\r\n"
        'No text row,,2016-05-03,\r\n'
        'Plain,He said "enough" twice.,,\r\n'
    )
    path = write(tmp_path / "articles.csv", csv_text)
    docs, problems = read_all(path)
    assert [d.path for d in docs] == [f"{path}#row1", f"{path}#row3"]
    assert docs[0].content == "Militants attacked the base.\nTwo guards were killed."
    assert docs[0].meta == {"title": 'Strike on "Camp Speicher"', "published": "2016-05-02",
                            "authors": ["A. Smith", "B. Jones"]}
    assert docs[1].content == 'He said "enough" twice.'
    (problem,) = problems
    assert problem.path == f"{path}:5" and problem.message.startswith("row 2:")


def test_csv_semicolon_delimiter_and_big_field(tmp_path):
    big = "Fighting continued in Marawi. " * 10_000  # 300 KB: over csv's default field limit
    path = write(tmp_path / "semi.csv", f"text;outlet\n{big};Rappler\n")
    (doc,), problems = read_all(path)
    assert problems == [] and doc.content == big.strip() and doc.meta == {"outlet": "Rappler"}


def test_csv_without_text_column_is_one_error(tmp_path):
    path = write(tmp_path / "wrong.csv", "headline,body\nA,B\nC,D\n")
    docs, (problem,) = read_all(path)
    assert docs == [] and problem.severity == "error"
    assert '"text" column' in problem.message and "headline" in problem.message


# --------------------------------------------------------------------------- WARC


def make_warc(path: Path, gzip_records: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = f"<html><head><title>Erbil</title></head><body><p>{WESTERN}</p></body></html>".encode("cp1252")
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip_records)
        pages = [
            ("https://news.example/erbil", "text/html; charset=windows-1252", html),
            ("https://news.example/map.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ]
        for uri, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("name,gzip_records", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_response_becomes_a_document_and_other_records_a_warning(tmp_path, name, gzip_records):
    path = tmp_path / name
    make_warc(path, gzip_records)
    (doc,), (warning,) = read_all(path)
    assert doc.media_type == "html" and doc.meta == {"url": "https://news.example/erbil"}
    assert doc.path == f"{path}#record1" and doc.encoding == "cp1252"
    assert "“at least five”" in doc.content
    assert warning.severity == "warning" and warning.path == str(path)
    assert "skipped 1 of 2" in warning.message and "image/png" in warning.message


def test_warc_gz_bomb_guard(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    make_warc(path, True)
    docs, problems = read_all(path, limits=ReadLimits(max_decompressed_bytes=200))
    assert docs == [] and problems[0].severity == "error" and "too large" in problems[0].message


# --------------------------------------------------------------------------- folders, dedupe, order


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    for rel in ["b/2.txt", "a/z.txt", "a/sub/1.txt", "c.txt", "a/m.txt"]:
        write(tmp_path / rel, f"Report from {rel}.\n")
    docs, problems = read_all(tmp_path)
    expected = ["a/m.txt", "a/sub/1.txt", "a/z.txt", "b/2.txt", "c.txt"]
    assert problems == []
    assert [os.path.relpath(d.path, tmp_path) for d in docs] == expected
    assert [d.path for d in read_all(tmp_path)[0]] == [d.path for d in docs]


def test_directory_symlink_loop_terminates(tmp_path):
    write(tmp_path / "corpus" / "inner" / "report.txt", REPORT)
    os.symlink(tmp_path / "corpus", tmp_path / "corpus" / "inner" / "loop")
    os.symlink(tmp_path / "corpus" / "inner" / "report.txt", tmp_path / "corpus" / "link.txt")
    docs, problems = read_all(tmp_path / "corpus")
    assert problems == []
    assert [d.content for d in docs] == [REPORT]


def test_same_content_is_yielded_once(tmp_path):
    first = write(tmp_path / "one.txt", REPORT)
    write(tmp_path / "copy.txt", REPORT.replace("\n", "\r\n"))  # same text once newlines are normalised
    other = write(tmp_path / "other.txt", ARABIC)
    docs, problems = read_all(first, tmp_path, first, "./" + os.path.relpath(other))
    assert problems == []
    assert [d.path for d in docs] == [str(first), str(other)]


def test_paths_are_normalised(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "dir" / "r.txt", REPORT)
    (doc,), _ = read_all("./dir//r.txt")
    assert doc.path == os.path.join("dir", "r.txt")


def test_warc_skips_error_pages_and_sniffs_html_without_content_type(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "mixed.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, status, ctype, body in [
            ("https://x.example/gone", "404 Not Found", "text/html", "<html>Not found</html>"),
            ("https://x.example/raw", "200 OK", "", "<!DOCTYPE html><html><body>Shelling in Kharkiv</body></html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)] if ctype else [], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))
    (doc,), (warning,) = read_all(path)
    assert doc.meta["url"] == "https://x.example/raw" and "Kharkiv" in doc.content
    assert "HTTP 404" in warning.message


def test_not_a_warc_and_broken_gzip_are_errors(tmp_path):
    fake = write(tmp_path / "fake.warc", "this is not a web archive\n")
    broken = tmp_path / "cut.txt.gz"
    broken.write_bytes(gzip.compress(os.urandom(4000).hex().encode())[:1000])
    _, problems = read_all(fake, broken)
    assert [(p.path, p.severity) for p in problems] == [(str(fake), "error"), (str(broken), "error")]
    assert "not a WARC file" in problems[0].message
    assert "truncated" in problems[1].message


def test_header_only_csv_and_raw_line_separator_in_jsonl(tmp_path):
    header_only = write(tmp_path / "h.csv", "text,title\n")
    jsonl = write(tmp_path / "ls.jsonl", json.dumps({"text": "Line one\u2028still one record"}, ensure_ascii=False))
    docs, (problem,) = read_all(header_only, jsonl)
    assert "header row only" in problem.message
    assert [d.content for d in docs] == ["Line one\u2028still one record"]


def test_documents_stream_out_one_file_at_a_time(tmp_path):
    first = write(tmp_path / "a.txt", REPORT)
    second = write(tmp_path / "b.txt", "Original text of the second report.")
    items = iter_inputs([tmp_path])
    assert next(items).path == str(first)
    second.write_text("Text written after the first document was handed out.")  # not read yet
    assert next(items).content == "Text written after the first document was handed out."


def test_a_single_path_may_be_passed_bare(tmp_path):
    path = write(tmp_path / "r.txt", REPORT)
    assert [d.content for d in iter_inputs(path)] == [REPORT]
