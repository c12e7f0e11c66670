"""Security headers on every response: a strict CSP, no sniffing or framing, HSTS in production, and
``Cache-Control: no-store`` on the pages no cache may keep (account pages, pages showing a secret once)."""
from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


# Pages made for other sites' iframes (the public embed card): any site may frame them, nothing else changes.
EMBEDDABLE_ENDPOINTS = frozenset({"public.embed"})
EMBED_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")

# Login, password, invitation links, API tokens (a new one is shown once) and one's preferences.
NO_STORE_BLUEPRINTS = frozenset({"auth"})
# The admin's user pages: invitation and reset links are shown once, and login histories.
# The webhook page shows the endpoint's signing secret.
NO_STORE_ENDPOINTS = frozenset({"admin.users", "admin.invite", "admin.user_detail", "admin.reset_password",
                                "admin.webhook_detail"})


def add_security_headers(response: Response) -> Response:
    if request.endpoint in EMBEDDABLE_ENDPOINTS:
        response.headers.setdefault("Content-Security-Policy", EMBED_CSP)
    else:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.blueprint in NO_STORE_BLUEPRINTS or request.endpoint in NO_STORE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
    if current_app.config.get("FACTCHECK_PRODUCTION"):
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
