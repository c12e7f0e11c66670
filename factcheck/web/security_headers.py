"""Security headers on every response: a strict CSP, no sniffing or framing, HSTS in production, and
``Cache-Control: no-store`` on the pages no cache may keep (account pages, pages showing a secret once)."""
from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


# Login, password, invitation links, API tokens (a new one is shown once) and one's preferences.
NO_STORE_BLUEPRINTS = frozenset({"auth"})
# The admin's user pages: invitation and reset links are shown once, and login histories.
NO_STORE_ENDPOINTS = frozenset({"admin.users", "admin.invite", "admin.user_detail", "admin.reset_password"})


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.blueprint in NO_STORE_BLUEPRINTS or request.endpoint in NO_STORE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
    if current_app.config.get("FACTCHECK_PRODUCTION"):
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
