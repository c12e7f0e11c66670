"""Bulk uploads: JSONL, CSV and ZIP, with per-row errors and archive limits (requirements B1–B3)."""

import io
import json
import stat
import struct
import zipfile
from datetime import UTC, datetime

import pytest

from factcheck.ingest import bulk
from factcheck.ingest.bulk import BulkLimits, RowError, parse_bulk
from factcheck.ingest.errors import BadFile, TooLarge, UnsafeArchive, UnsupportedFile

FR_TEXT = "Le conseil régional affirme avoir créé 1 200 emplois dans la filière bois depuis 2021."
EN_TEXT = "The mayor said the new tram line carried 40,000 passengers in its first week."
ARTICLE_HTML = """<html lang="en"><head><title>Tram figures questioned</title>
<meta property="og:site_name" content="Harbour Post"></head><body><article>
<p>The mayor said on Friday that the new tram line carried 40,000 passengers in its first week,
a figure the operator has not yet confirmed.</p>
<p>Opposition councillors asked for the raw ticketing data to be published before the next council meeting.</p>
</article></body></html>"""


def jsonl(*records) -> bytes:
    return b"\n".join(r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode() for r in records)


def make_zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


class ZipWork:
    """What parse_bulk did with archives once watched: archives opened, members opened, bytes read from them."""

    def __init__(self) -> None:
        self.archives = 0
        self.members: list[str] = []
        self.bytes_read = 0


def watch_zip(monkeypatch) -> ZipWork:
    """Count the work parse_bulk does on archives from now on (build the test's archive before calling this)."""
    work = ZipWork()

    class CountingZipFile(zipfile.ZipFile):
        def __init__(self, *args, **kwargs):
            work.archives += 1
            super().__init__(*args, **kwargs)

        def open(self, name, mode="r", *args, **kwargs):
            member = super().open(name, mode, *args, **kwargs)
            work.members.append(getattr(name, "filename", name))
            read = member.read

            def counting_read(n=-1):
                data = read(n)
                work.bytes_read += len(data)
                return data

            member.read = counting_read
            return member

    monkeypatch.setattr(bulk.zipfile, "ZipFile", CountingZipFile)
    return work


# --- JSONL ---

def test_jsonl_good_rows_and_one_bad_line():
    data = jsonl(
        {"text": FR_TEXT, "title": "Emplois", "url": "https://journal.example/bois", "outlet": "Le Journal",
         "published": "2024-02-01", "language": "fr"},
        b'{"text": "unterminated',
        {"text": EN_TEXT, "published": "2024-02-03T10:00:00+01:00", "language": "en-GB"},
    )
    result = parse_bulk(data, "articles.jsonl")
    assert [r.text for r in result.rows] == [FR_TEXT, EN_TEXT]
    assert result.rows[0].published == datetime(2024, 2, 1, tzinfo=UTC)
    assert result.rows[1].published == datetime(2024, 2, 3, 9, 0, tzinfo=UTC)
    assert result.rows[1].language == "en"
    assert result.rows[0].source == "line 1"
    assert len(result.errors) == 1
    assert result.errors[0].line == 2
    assert "Invalid JSON" in result.errors[0].message
    assert result.errors[0].where == "line 2"


@pytest.mark.parametrize(("line", "reason"), [
    (b'["a list"]', "JSON object"),
    (b'{"title": "no text"}', "'text' is missing"),
    (b'{"text": "   "}', "empty"),
    (b'{"text": 42}', "must be a string"),
    (b'{"text": "ok text", "url": "javascript:alert(1)"}', "'url'"),
    (b'{"text": "ok text", "published": "last Tuesday"}', "ISO 8601"),
    (b'{"text": "ok text", "language": "french"}', "ISO 639-1"),
    (b'{"text": "nul \\u0000 inside"}', "NUL"),
    ('{"text": "caf\xe9"}'.encode("latin-1"), "UTF-8"),
    (b'\x00\x01\x02\x03binary', "binary"),
])
def test_jsonl_bad_row_reasons(line, reason):
    data = jsonl({"text": FR_TEXT}, line, {"text": EN_TEXT})
    result = parse_bulk(data, "upload.ndjson")
    assert len(result.rows) == 2
    assert [(e.line, reason in e.message) for e in result.errors] == [(2, True)], result.errors


def test_jsonl_blank_lines_and_bom_and_crlf():
    data = b"\xef\xbb\xbf" + jsonl({"text": FR_TEXT}).replace(b"}", b"}\r") + b"\n\n" + jsonl({"text": EN_TEXT})
    result = parse_bulk(data, "a.jsonl")
    assert [r.source for r in result.rows] == ["line 1", "line 3"]
    assert result.errors == []


def test_jsonl_row_limit():
    data = jsonl(*({"text": f"{EN_TEXT} {i}"} for i in range(12)))
    result = parse_bulk(data, "a.jsonl", limits=BulkLimits(max_rows=10))
    assert len(result.rows) == 10
    assert "Too many rows" in result.errors[-1].message


# --- CSV ---

def test_csv_good_rows_bad_row_and_line_numbers():
    rows = [
        "text,title,url,outlet,published,language",
        f'"{FR_TEXT}",Emplois,https://journal.example/bois,Le Journal,2024-02-01,fr',
        '"Un texte\nsur deux lignes pour tester",Titre,,,,fr',
        "ok text,,not-a-url,,,",
        f'"{EN_TEXT}",Tram,,,,en',
    ]
    data = "\r\n".join(rows).encode()
    result = parse_bulk(data, "Articles.CSV")
    assert [r.title for r in result.rows] == ["Emplois", "Titre", "Tram"]
    assert result.rows[1].text == "Un texte\nsur deux lignes pour tester"
    assert [r.source for r in result.rows] == ["line 2", "line 3", "line 6"]
    assert [(e.line, "'url'" in e.message) for e in result.errors] == [(5, True)]


def test_csv_non_utf8_row_is_a_row_error():
    data = b"text,title\n" + FR_TEXT.encode() + b",ok\n" + "caf\xe9 cr\xe8me,latin\n".encode("latin-1") + b"fine,x\n"
    result = parse_bulk(data, "a.csv")
    assert [r.text for r in result.rows] == [FR_TEXT, "fine"]
    assert result.errors == [RowError(3, "The row is not valid UTF-8.")]


def test_csv_wrong_column_count():
    result = parse_bulk(b"text,title\nonly one column here,a,b\nok,t\n", "a.csv")
    assert len(result.rows) == 1
    assert result.errors[0].line == 2 and "columns" in result.errors[0].message


def test_csv_without_text_column_is_a_file_error():
    with pytest.raises(BadFile):
        parse_bulk(b"title,url\na,b\n", "a.csv")


# --- file-level checks ---

def test_upload_size_limit():
    with pytest.raises(TooLarge):
        parse_bulk(b"x" * 101, "a.jsonl", limits=BulkLimits(max_upload_bytes=100))


@pytest.mark.parametrize(("data", "name"), [
    (b"%PDF-1.7 fake", "a.csv"),
    (make_zip({"a.txt": b"hello"}), "a.jsonl"),
    (b"MZ\x90\x00", "a.jsonl"),
    (b"text\nhello\n", "a.zip"),
    (b"text\nhello\n", "a.xlsx"),
    (b"text\nhello\n", "../../etc/passwd"),
])
def test_type_mismatch_and_unknown_types(data, name):
    with pytest.raises(UnsupportedFile):
        parse_bulk(data, name)


def test_empty_file():
    with pytest.raises(BadFile):
        parse_bulk(b"  \n", "a.csv")


# --- ZIP ---

def test_zip_of_txt_and_html():
    data = make_zip({
        "fr/emplois.txt": FR_TEXT.encode(),
        "en/tram.html": ARTICLE_HTML.encode(),
        "bad/latin.txt": "caf\xe9".encode("latin-1"),
        "notes.docx.pdf": b"%PDF",
        "folder/": b"",
        "__MACOSX/._tram.html": b"\x00\x05\x16\x07",
    })
    result = parse_bulk(data, "batch.zip")
    assert [r.source for r in result.rows] == ["entry fr/emplois.txt", "entry en/tram.html"]
    tram = result.rows[1]
    assert tram.title == "Tram figures questioned"
    assert tram.outlet == "Harbour Post" and tram.language == "en"
    assert "40,000 passengers" in tram.text
    assert {e.entry for e in result.errors} == {"bad/latin.txt", "notes.docx.pdf"}
    assert all(e.line is None for e in result.errors)


@pytest.mark.parametrize("name", ["../../etc/x.txt", "a/../../x.txt", "/etc/x.txt", "..\\..\\x.txt",
                                  "C:/x.txt", "ok/..", "inner.zip", "deep/archive.tar.gz"])
def test_zip_unsafe_entry_names_reject_the_archive(name, monkeypatch):
    data = make_zip({"fine.txt": b"fine text here", name: b"text"})
    work = watch_zip(monkeypatch)
    with pytest.raises(UnsafeArchive):
        parse_bulk(data, "a.zip")
    assert work.members == []  # refused on the names alone: not even the fine entry was extracted


def test_zip_nested_archive_detected_by_content():
    data = make_zip({"hidden.txt": make_zip({"x.txt": b"x"})})
    with pytest.raises(UnsafeArchive):
        parse_bulk(data, "a.zip")


def test_zip_symlink_rejected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(UnsafeArchive):
        parse_bulk(buffer.getvalue(), "a.zip")


def _bomb(uncompressed: int) -> bytes:
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("bomb.txt", "w", force_zip64=False) as member:
            for _ in range(uncompressed // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_rejected_from_its_headers(monkeypatch):
    data = _bomb(64 * 1024 * 1024)
    assert len(data) < 200 * 1024  # tiny upload, 64 MiB inside
    work = watch_zip(monkeypatch)
    with pytest.raises(TooLarge) as info:
        parse_bulk(data, "bomb.zip")
    assert str(info.value) == f"The archive expands to {64 * 1024 * 1024:,} bytes; at most {50 * 1024 * 1024:,}."
    assert work.members == [] and work.bytes_read == 0  # the declared sizes were enough: nothing decompressed


def test_zip_bomb_with_lying_headers_is_cut_while_reading(monkeypatch):
    data = bytearray(_bomb(8 * 1024 * 1024))
    # declare 1 KiB instead of 8 MiB in both the local header and the central directory
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 1024)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1024)
    work = watch_zip(monkeypatch)
    result = parse_bulk(bytes(data), "liar.zip", limits=BulkLimits(max_zip_total_bytes=4 * 1024 * 1024))
    assert result.rows == []
    assert len(result.errors) == 1 and result.errors[0].entry == "bomb.txt"
    # Reading stopped at the declared 1 KiB (give or take one 64 KiB read), not at the 8 MiB really inside.
    assert work.members == ["bomb.txt"] and work.bytes_read <= 1024 + 64 * 1024


@pytest.mark.parametrize("count", [1001, 10_000])
def test_zip_with_too_many_entries_rejected_before_opening_it(count, monkeypatch):
    data = make_zip({f"f{i}.txt": b"" for i in range(count)}, compression=zipfile.ZIP_STORED)
    work = watch_zip(monkeypatch)
    with pytest.raises(TooLarge) as info:
        parse_bulk(data, "many.zip")
    assert info.value.code == "too_many_entries"
    assert str(info.value) == f"The archive has {count} entries; at most 1000 are accepted."
    assert work.archives == 0  # counted from the end record: zipfile never read the central directory


def test_corrupt_zip():
    with pytest.raises(BadFile):
        parse_bulk(b"PK\x03\x04" + b"garbage" * 10, "a.zip")
