"""RSS/Atom parsing that cannot be turned against the server (reliability requirement B5).

feedparser only ever receives bytes (never a URL or a path, which it would open itself), and only after:
a size cap; a check that the document is not HTML; a refusal of any DTD or entity declaration (XXE, billion
laughs), first by a byte scan, then by defusedxml with DTDs forbidden on well-formed documents.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from xml.etree.ElementTree import ParseError

from factcheck.ingest.errors import IngestError, NotAFeed, TooLarge, UnsafeXml

MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_SUMMARY_CHARS = 5000

_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b|body\b)",
                         re.IGNORECASE | re.DOTALL)
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)\b")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed."""

    guid: str | None
    link: str | None         # absolute http(s) only
    title: str | None
    summary: str | None      # plain text
    published: datetime | None  # UTC


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's own title/link and its de-duplicated entries, in feed order."""

    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment, skipping script/style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("p", "br", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str | None, limit: int = MAX_SUMMARY_CHARS) -> str | None:
    """Plain text of an HTML fragment with whitespace collapsed."""
    if not fragment:
        return None
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    return text[:limit] or None


def _check_xml_safety(data: bytes) -> None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head) and not _FEED_ROOT.search(head):
        raise NotAFeed("This address returns a web page, not an RSS or Atom feed.")
    scan = data
    if data[:2] in _UTF16_BOMS:
        scan = data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    if _DECLARATION.search(scan):
        raise UnsafeXml("Feeds with a DOCTYPE or entity declarations are not accepted.")
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXml("Feeds with a DOCTYPE or entity declarations are not accepted.") from exc
    except ParseError:
        pass  # malformed but declaration-free: feedparser's lenient parser may still read it


def _published(entry) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _http(url: str | None) -> str | None:
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _one_line(value: str | None, limit: int = 1000) -> str | None:
    if not value:
        return None
    return " ".join(value.split())[:limit] or None


def parse_feed(data: bytes, *, base_url: str | None = None, max_bytes: int = MAX_FEED_BYTES,
               max_entries: int = MAX_ENTRIES) -> ParsedFeed:
    """Parse RSS/Atom bytes into de-duplicated entries; raise NotAFeed, UnsafeXml or TooLarge."""
    if not isinstance(data, bytes):
        raise TypeError("parse_feed takes bytes")
    if len(data) > max_bytes:
        raise TooLarge(f"The feed is larger than {max_bytes} bytes.")
    if not data.strip():
        raise NotAFeed("The feed is empty.")
    _check_xml_safety(data)
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, resolve_relative_uris=True,
                                  sanitize_html=True)
    except Exception as exc:  # feedparser is lenient; anything escaping it means unreadable input
        raise IngestError("The feed could not be parsed.", code="bad_feed") from exc
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed("The document is not an RSS or Atom feed.")

    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = _http(item.get("link"))
        guid = _one_line(item.get("id")) or link
        title = _one_line(item.get("title"))
        summary = html_to_text(item.get("summary"))
        if not link and not summary:
            continue  # nothing to fetch and nothing to read
        keys = {k for k in (guid, link) if k} or {f"text:{title}:{summary}"}
        if keys & seen:
            continue
        seen |= keys
        entries.append(FeedEntry(guid=guid, link=link, title=title, summary=summary,
                                 published=_published(item)))
        if len(entries) >= max_entries:
            break
    feed = parsed.get("feed", {})
    return ParsedFeed(title=_one_line(feed.get("title")), link=_http(feed.get("link")), entries=tuple(entries))
