"""Safe rendering of user-written Markdown (verdict explanations).

Markdown is parsed as CommonMark with raw HTML disabled (markdown-it-py), then the HTML is sanitised by nh3
with a small allowlist: no scripts, no event-handler attributes, links only to http/https/mailto and always
``rel="nofollow noopener"``. ``clean`` is idempotent, so cleaning stored HTML again changes nothing.

``xml_safe`` replaces what XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) in anything
published as XML or JSON-LD: one such character in a claim made the whole Atom feed unreadable.
"""
from __future__ import annotations

import re
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-…].
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})


def clean(html: str) -> str:
    """Sanitise an HTML fragment with the allowlist above."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str | None) -> Markup:
    """Markdown in, sanitised HTML out, marked safe for Jinja."""
    return Markup(clean(_markdown.render(text or "")))


def xml_safe(value: Any) -> Any:
    """``value`` with every character XML 1.0 forbids replaced by U+FFFD, in strings, lists and dict values."""
    if isinstance(value, str):
        return _NOT_XML_CHAR.sub("\ufffd", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    return value
