"""Safe rendering of user-written Markdown (verdict explanations).

Markdown is parsed as CommonMark with raw HTML disabled (markdown-it-py), then the HTML is sanitised by nh3
with a small allowlist: no scripts, no event-handler attributes, links only to http/https/mailto and always
``rel="nofollow noopener"``. ``clean`` is idempotent, so cleaning stored HTML again changes nothing.
"""
from __future__ import annotations

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
