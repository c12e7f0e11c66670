"""Parsing an uploaded bulk file: JSONL, CSV, or a ZIP of .txt/.html files (reliability requirements B1–B3).

A file-level problem (too big, wrong type, unsafe archive) raises an IngestError; a bad row is reported as a
RowError with its line number or zip entry name while the good rows still come through.
The archive is never written to disk: entries are read in memory with limits checked from the headers first and
again while decompressing.
"""

from __future__ import annotations

import csv
import io
import json
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from factcheck.ingest.errors import (
    BadFile,
    BadRow,
    IngestError,
    TooLarge,
    UnsafeArchive,
    UnsupportedFile,
)
from factcheck.ingest.language import normalize_language
from factcheck.ingest.text_input import MAX_TEXT_CHARS, decode_utf8, normalize_text

COLUMNS = ("text", "title", "url", "outlet", "published", "language")
ZIP_MEMBER_EXTENSIONS = (".txt", ".html", ".htm")
_NESTED_ARCHIVE_EXTENSIONS = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".jar", ".docx",
                              ".odt", ".epub")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SKIPPED_ZIP_NAMES = ("__MACOSX/", ".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class BulkLimits:
    """Upload limits; the defaults follow reliability requirements B1 and B3."""

    max_upload_bytes: int = 20 * 1024 * 1024
    max_rows: int = 10_000
    max_zip_entries: int = 1000
    max_zip_total_bytes: int = 50 * 1024 * 1024
    max_text_chars: int = MAX_TEXT_CHARS
    max_title_chars: int = 1000


DEFAULT_LIMITS = BulkLimits()


@dataclass(frozen=True)
class BulkRow:
    """One article of the upload, validated."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None  # UTC
    language: str | None = None        # ISO 639-1 as given; None = detect later
    source: str = ""                   # "line 3" or "entry folder/a.txt": where it came from


@dataclass(frozen=True)
class RowError:
    """A rejected row: ``line`` for JSONL/CSV (1-based), ``entry`` for a ZIP member."""

    line: int | None
    message: str
    entry: str | None = None

    @property
    def where(self) -> str:
        return f"line {self.line}" if self.line is not None else f"entry {self.entry}"


@dataclass(frozen=True)
class BulkParseResult:
    rows: list[BulkRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# --- row validation ------------------------------------------------------------------------------------------

def _optional_str(record: dict, key: str, limit: int) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadRow(f"'{key}' must be a string.")
    if "\x00" in value:
        raise BadRow(f"'{key}' contains NUL characters.")
    value = " ".join(value.split())
    if len(value) > limit:
        raise BadRow(f"'{key}' is longer than {limit} characters.")
    return value or None


def _parse_published(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise BadRow(f"'published' is not an ISO 8601 date: {value[:40]!r}.") from None
        parsed = datetime(day.year, day.month, day.day)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def build_row(record: dict, *, source: str, limits: BulkLimits = DEFAULT_LIMITS) -> BulkRow:
    """Validate one record (a dict of the COLUMNS) into a BulkRow; raise BadRow with a reason."""
    raw_text = record.get("text")
    if raw_text is None or raw_text == "":
        raise BadRow("'text' is missing or empty.")
    if not isinstance(raw_text, str):
        raise BadRow("'text' must be a string.")
    try:
        text = normalize_text(raw_text, max_chars=limits.max_text_chars)
    except IngestError as exc:
        raise BadRow(f"'text': {exc.message}") from None
    url = _optional_str(record, "url", 2048)
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise BadRow("'url' must start with http:// or https://.")
    language = _optional_str(record, "language", 20)
    if language is not None and normalize_language(language) is None:
        raise BadRow(f"'language' must be an ISO 639-1 code such as fr or en, not {language!r}.")
    return BulkRow(
        text=text,
        title=_optional_str(record, "title", limits.max_title_chars),
        url=url,
        outlet=_optional_str(record, "outlet", 300),
        published=_parse_published(_optional_str(record, "published", 64)),
        language=normalize_language(language),
        source=source,
    )


# --- formats ---------------------------------------------------------------------------------------------------

def _parse_jsonl(data: bytes, limits: BulkLimits) -> BulkParseResult:
    result = BulkParseResult()
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        if len(result.rows) + len(result.errors) >= limits.max_rows:
            result.errors.append(RowError(number, f"Too many rows: only the first {limits.max_rows} are read."))
            break
        try:
            line = decode_utf8(raw_line.lstrip(b"\xef\xbb\xbf") if number == 1 else raw_line, what="The line")
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadRow(f"Invalid JSON: {exc.msg} (column {exc.colno}).") from None
            except RecursionError:  # the parser recurses once per level of [ or {: only this line is lost
                raise BadRow("Invalid JSON: nested too deeply.") from None
            if not isinstance(record, dict):
                raise BadRow("Each line must be a JSON object.")
            result.rows.append(build_row(record, source=f"line {number}", limits=limits))
        except IngestError as exc:
            result.errors.append(RowError(number, exc.message))
    return result


def _parse_csv(data: bytes, limits: BulkLimits) -> BulkParseResult:
    result = BulkParseResult()
    # surrogateescape keeps undecodable bytes visible per row, so one bad row does not sink the file
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BadFile("The CSV file is empty.") from None
    except csv.Error as exc:
        raise BadFile(f"The CSV header could not be read: {exc}.") from None
    names = [h.strip().lower() for h in header]
    if "text" not in names:
        raise BadFile(f"The CSV header must have a 'text' column (columns: {', '.join(COLUMNS)}).")
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(RowError(start, f"Unreadable CSV row: {exc}."))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if len(result.rows) + len(result.errors) >= limits.max_rows:
            result.errors.append(RowError(line, f"Too many rows: only the first {limits.max_rows} are read."))
            break
        try:
            if any("\udc80" <= ch <= "\udcff" for v in values for ch in v):
                raise BadRow("The row is not valid UTF-8.")
            if len(values) != len(names):
                raise BadRow(f"Expected {len(names)} columns, found {len(values)}.")
            record = dict(zip(names, values, strict=True))
            result.rows.append(build_row(record, source=f"line {line}", limits=limits))
        except IngestError as exc:
            result.errors.append(RowError(line, exc.message))
    return result


def _declared_entry_count(data: bytes) -> int | None:
    """Entry count from the end-of-central-directory record, read before zipfile parses anything."""
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if eocd < 0 or eocd + 22 > len(data):
        return None
    total = struct.unpack("<H", data[eocd + 10:eocd + 12])[0]
    return None if total == 0xFFFF else total  # 0xFFFF: ZIP64, let zipfile count


def _check_member_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    if ("\x00" in name or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":")
            or ".." in name.replace("\\", "/").split("/")):
        raise UnsafeArchive(f"The archive entry {name[:100]!r} points outside the archive.")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeArchive(f"The archive entry {name[:100]!r} is a symbolic link.")
    if name.lower().endswith(_NESTED_ARCHIVE_EXTENSIONS):
        raise UnsafeArchive(f"Nested archives are not accepted ({name[:100]!r}).")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one entry in chunks, never more than its declared size or the remaining budget."""
    cap = min(info.file_size, budget)
    parts, size = [], 0
    with archive.open(info) as member:
        while chunk := member.read(64 * 1024):
            size += len(chunk)
            if size > cap:
                raise TooLarge("The archive expands beyond its declared size or the upload limit.")
            parts.append(chunk)
    return b"".join(parts)


def _zip_entry_row(name: str, content: bytes, limits: BulkLimits) -> BulkRow:
    if content.startswith(_ZIP_MAGIC):
        raise UnsafeArchive(f"Nested archives are not accepted ({name[:100]!r}).")
    if name.lower().endswith(".txt"):
        text = decode_utf8(content, what="The file")
        return build_row({"text": text}, source=f"entry {name}", limits=limits)
    from factcheck.ingest.html_text import extract_page

    html = decode_utf8(content, what="The file")
    page = extract_page(html, max_chars=limits.max_text_chars)
    return BulkRow(text=page.text, title=page.title, url=page.canonical_url, outlet=page.outlet,
                   published=page.published, language=page.language, source=f"entry {name}")


def _parse_zip(data: bytes, limits: BulkLimits) -> BulkParseResult:
    declared = _declared_entry_count(data)
    if declared is not None and declared > limits.max_zip_entries:
        raise TooLarge(f"The archive has {declared} entries; at most {limits.max_zip_entries} are accepted.",
                       code="too_many_entries")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise BadFile("The ZIP archive is corrupt.") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_zip_entries:
            raise TooLarge(f"The archive has {len(infos)} entries; at most {limits.max_zip_entries} are accepted.",
                           code="too_many_entries")
        total = sum(info.file_size for info in infos)
        if total > limits.max_zip_total_bytes:
            raise TooLarge(f"The archive expands to {total:,} bytes; at most {limits.max_zip_total_bytes:,}.")
        for info in infos:
            _check_member_name(info)
        result = BulkParseResult()
        budget = limits.max_zip_total_bytes
        for info in infos:
            name = info.filename
            if info.is_dir() or any(part in name for part in _SKIPPED_ZIP_NAMES):
                continue
            try:
                if info.flag_bits & 0x1:
                    raise BadRow("Encrypted entries are not accepted.")
                if not name.lower().endswith(ZIP_MEMBER_EXTENSIONS):
                    raise BadRow(f"Only {', '.join(ZIP_MEMBER_EXTENSIONS)} files are read.")
                try:
                    content = _read_member(archive, info, budget)
                except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                    raise BadRow(f"The entry is corrupt ({type(exc).__name__}).") from None
                budget -= len(content)
                result.rows.append(_zip_entry_row(name, content, limits))
            except (TooLarge, UnsafeArchive):
                raise
            except IngestError as exc:
                result.errors.append(RowError(None, exc.message, entry=name))
        return result


def parse_bulk(data: bytes, filename: str, *, limits: BulkLimits = DEFAULT_LIMITS) -> BulkParseResult:
    """Parse an upload by extension (checked against magic bytes): .jsonl/.ndjson, .csv or .zip."""
    if len(data) > limits.max_upload_bytes:
        raise TooLarge(f"The upload is larger than {limits.max_upload_bytes:,} bytes.")
    if not data.strip():
        raise BadFile("The file is empty.")
    lowered = (filename or "").lower()
    is_zip = data.startswith(_ZIP_MAGIC)
    if lowered.endswith(".zip"):
        if not is_zip:
            raise UnsupportedFile("The file is named .zip but is not a ZIP archive.")
        return _parse_zip(data, limits)
    if is_zip or data.startswith((b"%PDF", b"\x1f\x8b", b"MZ", b"\x7fELF")):
        raise UnsupportedFile("The file content does not match its .jsonl/.csv name (it looks binary).")
    if lowered.endswith((".jsonl", ".ndjson")):
        return _parse_jsonl(data, limits)
    if lowered.endswith(".csv"):
        return _parse_csv(data, limits)
    raise UnsupportedFile("Upload a .jsonl, .csv or .zip file.")
