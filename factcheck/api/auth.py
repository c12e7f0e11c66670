"""Bearer-token authentication for the JSON API.

A call under ``/api/`` with ``Authorization: Bearer <token>`` acts as the token's owner, with the owner's roles,
for that request only: the session is left untouched, and the CSRF check (``factcheck.web.request_hooks``)
skips it. An unknown or revoked token, or a disabled owner, gets 401.
"""
from __future__ import annotations

from flask import Flask, g, request

from factcheck.services.accounts import api_tokens
from factcheck.web.errors import render_error

BEARER = "Bearer "


def authenticate_bearer_token():
    header = request.headers.get("Authorization", "")
    if not (request.path.startswith("/api/") and header.startswith(BEARER)):
        return None
    user = api_tokens.authenticate(header[len(BEARER):].strip())
    if user is None:
        return render_error(401, "The API token is unknown or revoked, or its account is disabled.")
    g._login_user = user  # Flask-Login's per-request user; the session is left untouched
    g.authenticated_by_token = True
    return None


def register_bearer_auth(app: Flask) -> None:
    app.before_request(authenticate_bearer_token)
