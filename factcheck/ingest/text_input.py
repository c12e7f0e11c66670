"""Normalising pasted text, hashing it for de-duplication, and canonical URLs.

PostgreSQL ``text`` cannot hold NUL, so NUL is refused (it also marks binary data) rather than silently stripped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from factcheck.ingest.errors import BadEncoding, BadScheme, BadUrl, EmptyText, TooLarge

MAX_TEXT_CHARS = 2_000_000
# UTF-8 uses at most 4 bytes per character: anything longer cannot fit, refuse before decoding.
_MAX_BYTES_PER_CHAR = 4
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# C0/C1 controls other than tab and newline carry no text.
_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "twclid", "ttclid", "li_fat_id", "oly_anon_id", "oly_enc_id", "vero_id", "wt.mc_id",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def decode_utf8(data: bytes, *, what: str = "The text") -> str:
    """Decode strictly as UTF-8 (a BOM is dropped); binary data or another encoding → BadEncoding."""
    if b"\x00" in data:
        raise BadEncoding(f"{what} looks binary (it contains NUL bytes).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadEncoding(f"{what} is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and retry.") from None


def normalize_text(data: str | bytes, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return clean text: UTF-8, NFC, ``\\n`` newlines, no control characters, trimmed; raise on bad input."""
    if isinstance(data, bytes):
        if len(data) > max_chars * _MAX_BYTES_PER_CHAR:
            raise TooLarge(f"The text is longer than {max_chars:,} characters.")
        data = decode_utf8(data)
    if len(data) > max_chars * 2:  # cheap early refusal before any copying work
        raise TooLarge(f"The text is longer than {max_chars:,} characters.")
    if "\x00" in data:
        raise BadEncoding("The text contains NUL characters, which usually means binary data.")
    text = unicodedata.normalize("NFC", data)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip()
    if not text:
        raise EmptyText("The text is empty.")
    if len(text) > max_chars:
        raise TooLarge(f"The text is longer than {max_chars:,} characters.")
    return text


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the text with Unicode NFC and all whitespace runs collapsed: stable across reflowing."""
    collapsed = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(collapsed.encode("utf-8")).hexdigest()


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMS


def canonical_url(url: str) -> str:
    """A de-duplication key for a URL: lowercase scheme/host, no default port, fragment or tracking params,
    sorted query, ``/`` for an empty path."""
    if not isinstance(url, str) or not url.strip():
        raise BadUrl("The URL is empty.")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise BadScheme(f"Only http and https URLs are accepted, not {scheme or 'a relative URL'}.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise BadUrl("The URL has no host.")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise BadUrl("Invalid international host name.") from exc
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise BadUrl("The URL has an invalid port.") from exc
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
