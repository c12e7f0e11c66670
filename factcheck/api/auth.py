"""Bearer-token authentication, token scopes and the per-token rate limit (its own, or the instance's) for the
JSON API.

A call under ``/api/`` with ``Authorization: Bearer <token>`` acts as the token's owner, with the owner's roles,
for that request only: the session is left untouched, and the CSRF check (``factcheck.web.request_hooks``)
skips it. An unknown or revoked token, or a disabled owner, gets 401. A token also carries scopes: a ``read``
token may call only safe methods, whatever its owner's roles; a signed-in browser session has every scope (its
writes still need the CSRF token).
"""
from __future__ import annotations

import hashlib

from flask import Flask, current_app, g, request
from flask_limiter.util import get_remote_address

from factcheck.services.accounts import api_tokens
from factcheck.services.core.errors import PermissionDenied
from factcheck.web.errors import render_error

BEARER = "Bearer "
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def authenticate_bearer_token():
    header = request.headers.get("Authorization", "")
    if not (request.path.startswith("/api/") and header.startswith(BEARER)):
        return None
    token = api_tokens.authenticate(header[len(BEARER):].strip())
    if token is None:
        return render_error(401, "The API token is unknown or revoked, or its account is disabled.")
    g._login_user = token.user  # Flask-Login's per-request user; the session is left untouched
    g.authenticated_by_token = True
    g.api_token_scopes = token.scope_set
    return None


def check_scope() -> None:
    """An API call that changes something needs a token with the ``write`` scope (403 otherwise)."""
    if request.method in SAFE_METHODS or not g.get("authenticated_by_token"):
        return
    if "write" not in g.api_token_scopes:
        raise PermissionDenied("This token has the read scope only; issue a token with the write scope to "
                               "change anything.")


def rate_limit_key() -> str:
    """Calls are counted per token (per address without one), so one busy script cannot starve the others.

    The limiter runs before the token is looked up, so the bucket is named by the token's hash."""
    header = request.headers.get("Authorization", "")
    if header.startswith(BEARER):
        return "api-token:" + hashlib.sha256(header[len(BEARER):].strip().encode()).hexdigest()[:32]
    return f"api-address:{get_remote_address()}"


def rate_limit() -> str:
    """The calling token's own limit when an admin set one, else the instance's ``API_RATE_LIMIT``."""
    header = request.headers.get("Authorization", "")
    own = api_tokens.rate_limit_of(header[len(BEARER):].strip()) if header.startswith(BEARER) else None
    return own or current_app.config["API_RATE_LIMIT"]


def register_bearer_auth(app: Flask) -> None:
    app.before_request(authenticate_bearer_token)
    app.before_request(check_scope)
