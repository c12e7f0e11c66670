"""Absolute URLs for what leaves the site (the Atom feed, ClaimReview markup and JSON, invitation links): built
from the configured ``PUBLIC_BASE_URL`` only. ``url_for(..., _external=True)`` takes the host from the request's
Host header, which any client sets, so a crafted request could put another site's address in a feed or a link."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` under ``PUBLIC_BASE_URL`` (its scheme, host and path prefix)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)

