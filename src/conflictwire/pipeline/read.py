"""Stage *read*: files and folders on disk -> ``Document`` records (or ``ReadProblem`` reports).

Approach
--------
* **One generator, streaming.**  ``iter_inputs`` walks the given paths in order (folders
  recursively, entries sorted by name so every run yields the same order) and yields each
  document as soon as it is decoded.  Only the set of content hashes already yielded (for
  de-duplication) and the real paths already visited (for symlink loops) are kept.
* **Nothing raises for bad input.**  Every check raises the private ``_Reject`` with a
  message written for the user; the per-file wrapper turns it into a ``ReadProblem`` and
  the batch goes on.  A record-level problem (one broken JSONL line, one CSV row without
  text) costs only that record.
* **Decoding, most certain evidence first:** a byte-order mark, then strict UTF-8 (valid
  UTF-8 is almost never an accident), then a charset the page declares (``<meta charset>``
  / http-equiv, or the HTTP header of a WARC record), then charset-normalizer's guess.  When
  that guess is a Latin-script code page we prefer Windows-1252 unless the other code page
  reads as more letters: charset-normalizer cannot tell cp1250 from cp1252 on English text
  with curly quotes, and Windows-1252 is what such pages almost always are (it is also the
  WHATWG default and what "iso-8859-1" means on the web).
* **Guards:** size limit before reading, a decompressed-size limit for gzip (bomb guard),
  binary sniffing (magic numbers, NUL bytes) so a PDF renamed ``.txt`` is refused plainly.
* **Identity:** ``content_hash`` is the sha256 of the decoded, newline-normalised content
  (records: text + metadata, JSON with sorted keys); the same content is yielded once.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import json
import os
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Literal

from charset_normalizer import from_bytes

from conflictwire.models import Document, ReadProblem

MediaType = Literal["text", "html", "record"]
FileKind = Literal["text", "html", "jsonl", "csv", "warc"]

# Extension (after an optional ".gz") -> how the file is read.
KIND_BY_EXTENSION: dict[str, FileKind] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".warc": "warc",
}
RECORD_META_FIELDS = ("title", "url", "outlet", "published")
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

# Magic numbers of files people rename or drop into a folder of texts by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP, e.g. a Word or EPUB document"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "old Microsoft Office document"),
    (b"{\\rtf", "RTF document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "program"),
    (b"SQLite format 3\x00", "SQLite database"),
)
BOMS: tuple[tuple[bytes, str], ...] = (  # longest first: UTF-32-LE's BOM starts with UTF-16-LE's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SNIFF_BYTES = 8192
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
# Declared charsets the web means differently from Python (WHATWG encoding standard).
WEB_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                       "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
READ_CHUNK = 1 << 20


@dataclass
class ReadLimits:
    max_file_bytes: int = 50 * 1024 * 1024  # files over this are rejected with a clear message
    max_decompressed_bytes: int = 200 * 1024 * 1024  # .gz / .warc.gz bomb guard
    max_record_chars: int = 5_000_000  # one JSONL/CSV field
    # One .txt document's text, and one HTML page's markup.  A document is cleaned, split and
    # parsed whole, and its memory grows with its size (a 49 MB text file of report sentences
    # grew past 5 GB): larger ones are refused up front, with the reason, instead.
    max_text_chars: int = 2_000_000
    max_html_chars: int = 20_000_000


class _Reject(Exception):
    """Bad input: the message is shown to the user as it is."""


@dataclass
class Decoded:
    text: str  # decoded, newlines normalised to "\n"
    encoding: str  # Python codec name that decoded it ("utf-8", "cp1256", ...)


@dataclass
class _Run:
    """State of one ``iter_inputs`` call."""

    published: date | None
    outlet: str | None
    limits: ReadLimits
    seen_hashes: set[str] = field(default_factory=set)
    seen_files: set[str] = field(default_factory=set)  # real paths already read
    seen_dirs: set[str] = field(default_factory=set)  # real paths already walked


# --------------------------------------------------------------------------- entry point


def iter_inputs(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    outlet: str | None = None,
    limits: ReadLimits | None = None,
) -> Iterator[Document | ReadProblem]:
    """Yield one ``Document`` per file or record, and a ``ReadProblem`` for whatever can't be read.

    Document paths are the paths as given (normalised), plus ``#L<line>`` (JSONL), ``#row<N>``
    (CSV data row, blank rows not counted) or ``#record<N>`` (WARC record).  Problems name the
    file, or ``file:LINE`` for one JSONL/CSV record, or ``file#record<N>`` for one WARC page.
    Content already yielded in this call (same hash) is not yielded again.
    """
    if isinstance(paths, (str, Path)):  # one path passed bare: don't iterate its characters
        paths = [paths]
    run = _Run(published=published, outlet=outlet, limits=limits or ReadLimits())
    for given in paths:
        shown = os.path.normpath(os.fspath(given))
        if os.path.isdir(shown):
            found = _walk_folder(shown, run)
        elif os.path.isfile(shown):
            found = iter([shown])
        elif os.path.lexists(shown):
            kind = "broken link" if os.path.islink(shown) else "not a regular file or folder"
            found = iter([ReadProblem(shown, f"cannot read: {kind}")])
        else:
            found = iter([ReadProblem(shown, "no such file or folder")])
        for item in found:
            if isinstance(item, ReadProblem):
                yield item
            else:
                yield from _read_one_file(item, run, explicit=(item == shown))


def _walk_folder(folder: str, run: _Run) -> Iterator[str | ReadProblem]:
    """Files under ``folder`` in sorted order; hidden entries and revisited folders skipped."""
    real = os.path.realpath(folder)
    if real in run.seen_dirs:  # a symlink loop, or the same folder reached twice
        return
    run.seen_dirs.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadProblem(folder, f"cannot open folder: {_os_reason(exc)}")
        return
    for entry in entries:
        if _is_tooling(entry.name):
            continue
        shown = os.path.join(folder, entry.name)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            yield ReadProblem(shown, f"cannot read: {_os_reason(exc)}", "warning")
            continue
        if is_dir:
            yield from _walk_folder(shown, run)
        elif is_file:
            yield shown
        elif entry.is_symlink():
            yield ReadProblem(shown, "skipped: broken link", "warning")


def _is_tooling(name: str) -> bool:
    """Entries no user means as input, skipped silently inside folders: hidden files (.git, .DS_Store),
    Python package scaffolding (__init__.py, __pycache__), Office lock files and editor backups."""
    return name.startswith((".", "__", "~$")) or name.endswith("~")


def _read_one_file(shown: str, run: _Run, *, explicit: bool) -> Iterator[Document | ReadProblem]:
    """Read one file, turning every rejection (and, as a last resort, any bug) into a ReadProblem."""
    kind, compressed = file_kind(shown)
    if kind is None:
        if explicit:
            yield ReadProblem(shown, f"unsupported file type: {_supported_types()}")
        else:
            yield ReadProblem(shown, f"skipped: unsupported file type ({_supported_types()})", "warning")
        return
    real = os.path.realpath(shown)
    if real in run.seen_files:  # the same file named twice, or reached through a link
        return
    run.seen_files.add(real)
    try:
        for item in _read_by_kind(shown, kind, compressed, run.limits):
            if isinstance(item, Document):
                if item.content_hash in run.seen_hashes:
                    continue
                run.seen_hashes.add(item.content_hash)
                item.given_published, item.given_outlet = run.published, run.outlet
            yield item
    except _Reject as exc:
        yield ReadProblem(shown, str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd file must never stop the batch
        yield ReadProblem(shown, f"could not read this file ({type(exc).__name__}: {exc})")


def _read_by_kind(shown: str, kind: FileKind, compressed: bool, limits: ReadLimits) -> Iterator[Document | ReadProblem]:
    if kind == "warc":
        yield from _read_warc(shown, limits)
        return
    # Decode straight from load_bytes so the raw bytes are freed while records stream out.
    decoded = decode_bytes(load_bytes(shown, compressed=compressed, limits=limits), html=kind == "html")
    if kind == "jsonl":
        yield from _read_jsonl(shown, decoded, limits)
    elif kind == "csv":
        yield from _read_csv(shown, decoded, limits)
    else:
        if not decoded.text.strip():
            raise _Reject("empty file (only whitespace)")
        limit = limits.max_html_chars if kind == "html" else limits.max_text_chars
        if len(decoded.text) > limit:
            raise _Reject(f"too much text for one document ({len(decoded.text):,} characters; the limit is "
                          f"{limit:,}): split it into smaller files, or give the articles as JSONL records")
        yield make_document(shown, kind, decoded.text, decoded.encoding)


def file_kind(path: str) -> tuple[FileKind | None, bool]:
    """(kind, gzip-compressed?) from the file name; kind None = not a supported type."""
    name = os.path.basename(path).lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return KIND_BY_EXTENSION.get(os.path.splitext(name)[1]), compressed


def _supported_types() -> str:
    return "expected .txt, .html, .htm, .jsonl, .csv, .warc or .warc.gz"


def make_document(path: str, media_type: MediaType, content: str, encoding: str,
                  meta: dict[str, Any] | None = None) -> Document:
    """A Document whose id and hash follow from its content (and, for records, its metadata)."""
    if media_type == "record":
        hashed = json.dumps({"text": content, "meta": meta or {}}, sort_keys=True, ensure_ascii=False)
    else:
        hashed = content
    content_hash = hashlib.sha256(hashed.encode("utf-8")).hexdigest()
    return Document(document_id=content_hash[:16], path=path, content_hash=content_hash,
                    media_type=media_type, content=content, encoding=encoding, meta=dict(meta or {}))


# --------------------------------------------------------------------------- bytes


def load_bytes(path: str, *, compressed: bool, limits: ReadLimits) -> bytes:
    """The file's bytes (decompressed for .gz), refusing oversized files before reading them."""
    try:
        size = os.path.getsize(path)
        if size > limits.max_file_bytes:
            raise _Reject(f"file is too large ({_size(size)}; the limit is {_size(limits.max_file_bytes)})")
        if size == 0:
            raise _Reject("empty file (0 bytes)")
        with open(path, "rb") as handle:
            if compressed:
                return _read_limited(_GzipStream(handle), limits.max_decompressed_bytes)
            return _read_limited(handle, limits.max_file_bytes)
    except OSError as exc:
        raise _Reject(f"cannot read: {_os_reason(exc)}") from None


def _read_limited(stream: BinaryIO | _GzipStream, limit: int) -> bytes:
    chunks, total = [], 0
    while chunk := stream.read(READ_CHUNK):
        total += len(chunk)
        if total > limit:
            raise _Reject(f"content is too large (over {_size(limit)} once decompressed or read)")
        chunks.append(chunk)
    return b"".join(chunks)


class _GzipStream:
    """A gzip reader that turns corrupt-archive errors into user messages and enforces a size cap."""

    def __init__(self, raw: BinaryIO, limit: int | None = None) -> None:
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self._limit, self._total = limit, 0

    def read(self, size: int = -1) -> bytes:
        try:
            chunk = self._gzip.read(size)
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise _Reject(f"not a valid gzip file ({exc})") from None
        except EOFError:
            raise _Reject("gzip file is truncated (download or copy incomplete?)") from None
        self._total += len(chunk)
        if self._limit is not None and self._total > self._limit:
            raise _Reject(f"content is too large (over {_size(self._limit)} once decompressed)")
        return chunk


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, *, html: bool, declared: str | None = None) -> Decoded:
    """Bytes -> text: BOM, strict UTF-8, declared charset (argument or <meta>), then a guess."""
    head = data[:SNIFF_BYTES]
    for bom, codec in BOMS:
        if head.startswith(bom):
            text = _strict(data[len(bom):], codec)  # decoding after the mark drops it for every codec
            if text is None:
                raise _Reject(f"file starts with a {codec} byte-order mark but is not valid {codec}")
            return _decoded(text, codec)
    _refuse_binary(head)
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
        raise _Reject("binary file (contains NUL bytes), not text: convert it to text or HTML first")
    text = _strict(data, "utf-8")
    if text is not None:
        return _decoded(text, "utf-8")
    for charset in (declared, _meta_charset(head) if html else None):
        codec = _codec_name(charset)
        if codec and codec != "utf-8" and (text := _strict(data, codec)) is not None:
            return _decoded(text, codec)
    return _guess(data)


def _decoded(text: str, codec: str) -> Decoded:
    if "\r" in text:  # skip two copies of a large file in the common case
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, codec)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _refuse_binary(head: bytes) -> None:
    for magic, what in BINARY_SIGNATURES:
        if head.startswith(magic):
            raise _Reject(f"binary file (looks like {what}), not text: convert it to text or HTML first")


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: ASCII-range text puts a NUL in every other byte."""
    head = data[:SNIFF_BYTES - SNIFF_BYTES % 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2 or 1
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls > 0.4 * half and other == 0 and (text := _strict(data, codec)) is not None:
            return _decoded(text, codec)
    return None


def _meta_charset(head: bytes) -> str | None:
    match = META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec_name(charset: str | None) -> str | None:
    """Python's name for a declared charset, with the web's meaning of latin-1/ascii; None if unknown."""
    if not charset:
        return None
    charset = WEB_CHARSET_ALIASES.get(charset.strip().lower(), charset.strip())
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    # A page that says utf-16 in an ASCII <meta> tag is not UTF-16 (WHATWG treats it as UTF-8).
    return None if name.startswith("utf-16") or name.startswith("utf-32") else name


def _guess(data: bytes) -> Decoded:
    best = from_bytes(data).best()
    if best is None:
        raise _Reject("cannot tell the text encoding of this file: save it as UTF-8")
    codec = codecs.lookup(best.encoding).name
    text = str(best)
    if codec != "cp1252" and _mostly_latin(text):
        western = _strict(data, "cp1252")
        if western is not None and _letter_share(western) >= _letter_share(text):
            codec, text = "cp1252", western
    return _decoded(text, codec)


def _non_ascii(text: str) -> list[str]:
    return [ch for ch in text if ord(ch) > 127]


def _mostly_latin(text: str) -> bool:
    letters = [ch for ch in _non_ascii(text) if ch.isalpha()]
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin * 2 >= len(letters)


def _letter_share(text: str) -> float:
    """Share of non-ASCII characters that are letters or typographic punctuation (not ³ ¹ ¤ ...)."""
    chars = _non_ascii(text)
    if not chars:
        return 1.0
    good = sum(1 for ch in chars if ch.isalpha() or unicodedata.category(ch) in ("Pd", "Pi", "Pf", "Po", "Zs"))
    return good / len(chars)


# --------------------------------------------------------------------------- records (JSONL, CSV)


def _read_jsonl(shown: str, decoded: Decoded, limits: ReadLimits) -> Iterator[Document | ReadProblem]:
    any_line = False
    for number, line in enumerate(_lines(decoded.text), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{shown}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(where, f"not valid JSON: {exc.msg} (column {exc.colno}); line skipped")
            continue
        if not isinstance(record, dict):
            yield ReadProblem(where, f"expected a JSON object with a \"text\" field, found a {_json_type(record)}")
            continue
        yield from _record_to_document(record, f"{shown}#L{number}", where, decoded.encoding, limits)
    if not any_line:
        raise _Reject("empty file (no records)")


def _lines(text: str) -> Iterator[str]:
    """Lines split on "\n" only (JSON strings may hold a raw U+2028), without copying the whole text:
    io.StringIO would hold 4 bytes per character, str.split a list of every line."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield text[start:end]
        start = end + 1


def _read_csv(shown: str, decoded: Decoded, limits: ReadLimits) -> Iterator[Document | ReadProblem]:
    _raise_csv_field_limit()
    lines = _lines(decoded.text)
    header_line, header_number = "", 0
    for header_number, line in enumerate(lines, start=1):
        if line.strip():
            header_line = line
            break
    if not header_line.strip():
        raise _Reject("empty file (no header row)")
    delimiter, header = _csv_header(header_line)
    # csv joins a quoted field across the lines it is fed, so embedded newlines survive.
    reader = csv.reader((line + "\n" for line in lines), delimiter=delimiter)
    row_number, line_before = 0, header_number
    for row in reader:
        start_line, line_before = line_before + 1, header_number + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        row_number += 1
        record: dict[str, Any] = {}
        for name, cell in zip(header, row):
            record.setdefault(name, cell)
        yield from _record_to_document(record, f"{shown}#row{row_number}", f"{shown}:{start_line}",
                                       decoded.encoding, limits, label=f"row {row_number}: ")
    if row_number == 0:
        raise _Reject("no records: the CSV file has a header row only")


def _raise_csv_field_limit() -> None:
    """csv refuses fields over 128 KB by default; our own max_record_chars check gives a clearer message."""
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)


def _csv_header(line: str) -> tuple[str, list[str]]:
    """The delimiter that makes a "text" column appear in the header, and the cleaned column names."""
    found: list[str] = []
    for delimiter in (",", ";", "\t", "|"):
        names = [name.strip().lower() for name in next(csv.reader([line], delimiter=delimiter), [])]
        if "text" in names:
            return delimiter, names
        found = found or names
    raise _Reject(f"the CSV header has no \"text\" column (found: {', '.join(found)[:200]})")


def _record_to_document(record: Mapping[str, Any], doc_path: str, where: str, encoding: str,
                        limits: ReadLimits, label: str = "") -> Iterator[Document | ReadProblem]:
    fields = {str(key).strip().lower(): value for key, value in reversed(list(record.items()))}
    text = fields.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        yield ReadProblem(where, f"{label}missing or empty \"text\" field; record skipped")
        return
    if not isinstance(text, str):
        yield ReadProblem(where, f"{label}the \"text\" field is a {_json_type(text)}, not text; record skipped")
        return
    if len(text) > limits.max_record_chars:
        yield ReadProblem(where, f"{label}the \"text\" field has {len(text):,} characters, over the "
                                 f"limit of {limits.max_record_chars:,}; record skipped")
        return
    meta, ignored = _record_meta(fields, limits)
    if ignored:
        yield ReadProblem(where, f"{label}ignored unusable field(s): {', '.join(ignored)}", "warning")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    yield make_document(doc_path, "record", text, encoding, meta)


def _record_meta(fields: Mapping[str, Any], limits: ReadLimits) -> tuple[dict[str, Any], list[str]]:
    """title/url/outlet/published as stripped strings, authors as a list; names of unusable fields."""
    meta: dict[str, Any] = {}
    ignored: list[str] = []
    for name in RECORD_META_FIELDS:
        value = fields.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) \
                and len(str(value)) <= limits.max_record_chars:
            from conflictwire.pipeline.clean import visible

            if cleaned := " ".join(visible(str(value)).split()):
                meta[name] = cleaned
        else:
            ignored.append(name)
    authors = split_authors(fields.get("authors"))
    if authors is None:
        ignored.append("authors")
    elif authors:
        meta["authors"] = authors
    return meta, ignored


def split_authors(value: Any) -> list[str] | None:
    """A list of names from a list or an "A; B" / "A, B" string; None if the value is unusable."""
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(";") if ";" in value else value.split(",")
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        parts = value
    else:
        return None
    return [name for part in parts if (name := " ".join(part.split()))]


def _json_type(value: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}.get(
        type(value), "number")


# --------------------------------------------------------------------------- WARC


def _read_warc(shown: str, limits: ReadLimits) -> Iterator[Document | ReadProblem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        size = os.path.getsize(shown)
        if size > limits.max_file_bytes:
            raise _Reject(f"file is too large ({_size(size)}; the limit is {_size(limits.max_file_bytes)})")
        raw = open(shown, "rb")
    except OSError as exc:
        raise _Reject(f"cannot read: {_os_reason(exc)}") from None
    skipped: Counter[str] = Counter()
    pages = 0
    with raw:
        # Decompress ourselves (gzip reads concatenated members) so the bomb guard sees every byte.
        stream = _GzipStream(raw, limits.max_decompressed_bytes) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
        if not _starts_like_warc(shown):  # warcio would read any text as an old-style ARC file
            raise _Reject("not a WARC file (it does not start with a WARC/1.x header)")
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type not in ("response", "resource"):
                    continue  # request, warcinfo, metadata, revisit: not pages
                pages += 1
                item = _warc_page(record, shown, number, limits)
                if isinstance(item, str):
                    skipped[item] += 1
                else:
                    yield item
        except ArchiveLoadFailed as exc:
            where = "not a readable WARC file" if pages == 0 else f"WARC file damaged after page record {pages}"
            yield ReadProblem(shown, f"{where} ({str(exc).strip()[:200]})")
            return
    if skipped:
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(skipped.items()))
        yield ReadProblem(shown, f"skipped {sum(skipped.values())} of {pages} page records ({reasons})", "warning")
    elif pages == 0:
        yield ReadProblem(shown, "no page records (WARC response records) in this file", "warning")


def _starts_like_warc(path: str) -> bool:
    with open(path, "rb") as handle:
        if handle.peek(2)[:2] == b"\x1f\x8b":
            try:
                head = _GzipStream(handle).read(64)
            except _Reject:
                return True  # let the full read report the gzip damage
        else:
            head = handle.read(64)
    return head.lstrip().startswith(b"WARC/")


def _warc_page(record: Any, shown: str, number: int, limits: ReadLimits) -> Document | ReadProblem | str:
    """The HTML page in one WARC record, a ReadProblem, or a short reason it was skipped."""
    where = f"{shown}#record{number}"
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return "without HTTP headers"
    status = headers.get_statuscode() if record.rec_type == "response" else "200"
    if status and not status.startswith("2"):
        return f"HTTP {status}"
    content_type = (headers.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith(HTML_CONTENT_TYPES):
        return f"not HTML ({content_type.split(';')[0].strip()})"
    payload = _read_payload(record, limits)
    if payload is None:
        return ReadProblem(where, f"page is larger than {_size(limits.max_file_bytes)}; skipped")
    if not content_type and not HTML_START.match(payload):  # no type given: trust only an HTML start
        return "not HTML (no content type)"
    if not payload.strip():
        return "empty"
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type)
    try:
        decoded = decode_bytes(payload, html=True, declared=declared.group(1) if declared else None)
    except _Reject as exc:
        return ReadProblem(where, str(exc))
    url = record.rec_headers.get_header("WARC-Target-URI")
    return make_document(where, "html", decoded.text, decoded.encoding, {"url": url} if url else {})


def _read_payload(record: Any, limits: ReadLimits) -> bytes | None:
    """The decoded HTTP body (chunking and gzip undone), or None when over the per-file size limit."""
    stream = record.content_stream()
    chunks, total = [], 0
    while chunk := stream.read(READ_CHUNK):
        total += len(chunk)
        if total > limits.max_file_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
