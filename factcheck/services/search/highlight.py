"""Highlights as safe HTML: the engines mark matches with two private-use characters, the text around them is
escaped, and only then do the marks become ``<mark>`` tags, so a claim holding ``<script>`` stays text."""
from __future__ import annotations

from markupsafe import Markup, escape

START, STOP = "\ue000", "\ue001"  # what ts_headline, highlight() and snippet() put around a match


def to_html(marked: str | None) -> Markup | None:
    """Escaped HTML with ``<mark>`` around each match; None when nothing matched in this field."""
    if not marked or START not in marked:
        return None
    if marked.count(START) != marked.count(STOP):  # the source text itself held a marker: show it plain
        return escape(marked.replace(START, "").replace(STOP, ""))
    html = str(escape(marked)).replace(START, "<mark>").replace(STOP, "</mark>")
    return Markup(html)  # noqa: S704 - escaped just above; only our own tags were added
