"""Conditional reads for the v1 API: every successful GET carries a strong ``ETag`` of its body and answers
``304 Not Modified`` to an ``If-None-Match`` that still matches, so a polling script downloads only changes."""
from __future__ import annotations

from flask import Flask, Response, request


def add_etag(response: Response) -> Response:
    if request.path.startswith("/api/v1/") and request.method in ("GET", "HEAD") and response.status_code == 200:
        response.add_etag()
        response.headers["Cache-Control"] = "private, no-cache"  # token-bound answers: revalidate, never share
        response.make_conditional(request)
    return response


def register_conditional_reads(app: Flask) -> None:
    app.after_request(add_etag)
