"""Pasted text normalisation, content hashes and canonical URLs."""

import pytest

from factcheck.ingest import text_input
from factcheck.ingest.errors import BadEncoding, BadScheme, EmptyText, TooLarge
from factcheck.ingest.text_input import canonical_url, content_hash, decode_utf8, normalize_text

PARAGRAPH = "Le maire a promis 300 logements neufs d'ici 2026.\r\nL'opposition conteste ce chiffre."


def test_newlines_and_spaces_are_normalised():
    text = normalize_text("  " + PARAGRAPH + "   \r\n\r\n\r\n\rFin.\u2028  ")
    assert text == ("Le maire a promis 300 logements neufs d'ici 2026.\nL'opposition conteste ce chiffre.\n\nFin.")


def test_bytes_are_decoded_as_utf8_and_bom_dropped():
    assert normalize_text("\ufeffCafé crème".encode()) == "Café crème"


def test_nfc_normalisation():
    assert normalize_text("Cafe\u0301") == "Café"


def test_control_characters_are_removed_but_tabs_kept():
    assert normalize_text("a\x07b\tc\x1bd") == "ab\tcd"


@pytest.mark.parametrize("value", ["", "   ", "\n\t\r\n", b"", b"  \n"])
def test_empty_text_is_refused(value):
    with pytest.raises(EmptyText) as info:
        normalize_text(value)
    assert info.value.code == "empty_text"


@pytest.mark.parametrize("value", ["abc\x00def", b"abc\x00def", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_nul_is_refused(value):
    with pytest.raises(BadEncoding) as info:
        normalize_text(value)
    assert info.value.code == "bad_encoding"


@pytest.mark.parametrize("value", ["Élysée".encode("latin-1"), b"\xff\xfe\xfa", "名前".encode("shift_jis")])
def test_non_utf8_bytes_are_refused_clearly(value):
    with pytest.raises(BadEncoding, match="not valid UTF-8"):
        normalize_text(value)


def test_over_long_text_is_refused():
    with pytest.raises(TooLarge) as info:
        normalize_text("mot " * 30, max_chars=100)
    assert info.value.code == "too_large"


def test_fifty_megabyte_paste_is_refused_before_any_work_on_it(monkeypatch):
    paste = b"x" * (50 * 1024 * 1024)
    as_text = paste.decode("ascii")
    work = []
    monkeypatch.setattr(text_input, "decode_utf8", lambda data, **kw: work.append("decode") or data.decode())
    monkeypatch.setattr(text_input.unicodedata, "normalize", lambda form, s: work.append("normalize") or s)
    for value in (paste, as_text):
        with pytest.raises(TooLarge) as info:
            normalize_text(value)
        assert str(info.value) == f"The text is longer than {text_input.MAX_TEXT_CHARS:,} characters."
    assert work == []  # refused on its length: neither decoded nor normalised


def test_decode_utf8_names_what_failed():
    with pytest.raises(BadEncoding, match="The file"):
        decode_utf8(b"\xe9t\xe9", what="The file")


def test_content_hash_is_stable_across_whitespace():
    a = content_hash("Le maire a promis\n300 logements.")
    b = content_hash("  Le  maire a\tpromis 300\r\nlogements. ")
    assert a == b
    assert len(a) == 64
    assert content_hash("Le maire a promis 301 logements.") != a


def test_content_hash_ignores_unicode_composition():
    assert content_hash("Cafe\u0301") == content_hash("Café")


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTP://News.Example.COM:80/a?b=2&a=1#top", "http://news.example.com/a?a=1&b=2"),
    ("https://news.example.com:443", "https://news.example.com/"),
    ("https://news.example.com:8443/x", "https://news.example.com:8443/x"),
    ("https://news.example.com/a?utm_source=tw&utm_medium=social&id=4&fbclid=xyz&gclid=1",
     "https://news.example.com/a?id=4"),
    ("https://news.example.com./a?UTM_Campaign=x", "https://news.example.com/a"),
    ("https://exämple.fr/été", "https://xn--exmple-cua.fr/%C3%A9t%C3%A9"),
    ("https://news.example.com/a?q=", "https://news.example.com/a?q="),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_same_key_for_variants():
    variants = ["https://news.example.com/article?id=7&utm_source=rss",
                "https://NEWS.example.com:443/article?id=7#comments",
                "https://news.example.com/article?fbclid=abc&id=7"]
    assert len({canonical_url(v) for v in variants}) == 1


def test_canonical_url_refuses_other_schemes():
    with pytest.raises(BadScheme):
        canonical_url("ftp://files.example.com/a")
