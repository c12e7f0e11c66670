"""Main text and metadata of an article page, extracted with trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from factcheck.ingest.errors import EmptyText, IngestError
from factcheck.ingest.language import normalize_language
from factcheck.ingest.text_input import MAX_TEXT_CHARS, normalize_text

MIN_TEXT_CHARS = 25  # below a sentence there is nothing to check: a menu, a cookie wall, an error page
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE)
_META_LANG = re.compile(
    rb"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageContent:
    """What an article page says and who published it."""

    title: str | None
    text: str
    outlet: str | None              # site name (og:site_name, publisher) or host name
    published: datetime | None      # UTC; midnight when the page only gives a day
    canonical_url: str | None       # <link rel=canonical> / og:url, absolute http(s) only
    language: str | None            # declared by the page (<html lang>, Content-Language), ISO 639-1
    author: str | None = None


def _declared_language(html: bytes) -> str | None:
    head = html[:65536]
    match = _HTML_LANG.search(head) or _META_LANG.search(head)
    return normalize_language(match.group(1).decode("ascii")) if match else None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _http_url(value: str | None) -> str | None:
    if value and value.lower().startswith(("http://", "https://")):
        return value
    return None


def _clean(value: str | None, limit: int = 500) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value[:limit] or None


def extract_page(html: bytes | str, *, url: str | None = None, charset: str | None = None,
                 max_chars: int = MAX_TEXT_CHARS, min_chars: int = MIN_TEXT_CHARS) -> PageContent:
    """Extract title, main text and metadata; raise EmptyText when no article text is found."""
    import trafilatura  # heavy import, kept out of module import time

    if isinstance(html, str):
        raw = html.encode("utf-8", "surrogatepass")
        source: bytes | str = html
    else:
        raw = html
        source = html
        if charset:
            try:
                source = html.decode(charset, errors="replace")
            except LookupError:
                source = html  # unknown charset name: let trafilatura detect the encoding
    if isinstance(source, str):
        source = source.replace("\x00", "")
    else:
        source = source.replace(b"\x00", b"")
    try:
        doc = trafilatura.bare_extraction(
            source, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=True, deduplicate=False,
            # no "extensive" search: it guesses dates from body text, which misdates articles
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        raise IngestError("The page could not be parsed as HTML.", code="bad_html") from exc
    assert not isinstance(doc, dict)  # a dict only with as_dict=True
    if doc is None or not (doc.text or "").strip():
        raise EmptyText("No article text was found on the page.")
    try:
        text = normalize_text(doc.text or "", max_chars=max_chars)
    except EmptyText:
        raise EmptyText("No article text was found on the page.") from None
    if len(text) < min_chars:
        raise EmptyText(f"The page has only {len(text)} characters of text (a menu or an empty page?).")
    return PageContent(
        title=_clean(doc.title),
        text=text,
        outlet=_clean(doc.sitename or doc.hostname, 200),
        published=_parse_date(doc.date),
        canonical_url=_http_url(doc.url),
        language=_declared_language(raw),
        author=_clean(doc.author, 300),
    )
