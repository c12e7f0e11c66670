"""Web plumbing: the permission decorator, error pages, security headers and request ids."""
from __future__ import annotations

import functools
import logging
import secrets

from flask import Flask, abort, g, jsonify, render_template, request
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from factcheck import workflow
from factcheck.extensions import csrf, db
from factcheck.permissions import has_permission
from factcheck.services import api_tokens
from factcheck.services.audit import current_request_id
from factcheck.services.errors import ServiceError

log = logging.getLogger(__name__)

ERROR_TITLES = {
    400: "That request could not be understood",
    401: "Please log in",
    403: "You do not have access to this",
    404: "Not found",
    405: "Not allowed here",
    409: "Someone else changed this first",
    413: "That upload is too large",
    415: "That file type is not accepted",
    422: "Some of that input is not valid",
    429: "Too many attempts",
    500: "Something went wrong on our side",
    503: "Temporarily unavailable",
}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def user_can(permission: str) -> bool:
    return current_user.is_authenticated and has_permission(current_user.roles, permission)


def require_permission(permission: str):
    """Guard a view: anonymous users go to the login page, others without the permission get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_required(view)(*args, **kwargs)
            if not has_permission(current_user.roles, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


def require_valid(form) -> None:
    """Stop with 422 naming each invalid field when a button-only form (version, note…) does not validate."""
    if not form.validate_on_submit():
        errors = [f"{getattr(form, name).label.text}: {msgs[0]}" for name, msgs in form.errors.items()]
        abort(422, description="; ".join(errors) or "The form is incomplete; reload the page and try again.")


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, message: str | None = None, changes: list[str] | None = None):
    title = ERROR_TITLES.get(status, "Error")
    if _wants_json():
        return jsonify(error=title, message=message or title, changes=changes or []), status
    return render_template("errors/error.html", status=status, title=title, message=message,
                           changes=changes or []), status


def init_web(app: Flask) -> None:
    @app.before_request
    def assign_request_id():
        g.request_id = request.headers.get("X-Request-Id", "")[:64] or secrets.token_hex(8)
        current_request_id.set(g.request_id)

    @app.before_request
    def api_token_or_csrf():
        """A bearer token authenticates an API call on its own; every other unsafe request needs its CSRF token.

        Browsers cannot attach an Authorization header to a cross-site form, so token calls need no CSRF token;
        the session cookie is ignored for them.
        """
        bearer = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and bearer.startswith("Bearer "):
            user = api_tokens.authenticate(bearer[len("Bearer "):].strip())
            if user is None:
                return render_error(401, "The API token is unknown or revoked, or its account is disabled.")
            g._login_user = user  # Flask-Login's per-request user; the session is left untouched
            return None
        if (app.config["WTF_CSRF_ENABLED"] and request.method in app.config["WTF_CSRF_METHODS"]
                and request.endpoint):
            csrf.protect()
        return None

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config.get("FACTCHECK_PRODUCTION"):
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if getattr(g, "request_id", None):
            response.headers["X-Request-Id"] = g.request_id
        return response

    @app.context_processor
    def template_helpers():
        roles = current_user.roles if current_user.is_authenticated else frozenset()
        return {
            "can": user_can,
            "has_endpoint": lambda endpoint: endpoint in app.view_functions,
            "can_transition": lambda source, target: workflow.can_transition(source, target, roles),
        }

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return render_error(400, "The form expired or was sent without its security token. Reload the page "
                                 "and try again; nothing was saved.")

    @app.errorhandler(ServiceError)
    def service_error(exc):
        db.session.rollback()
        return render_error(exc.status, str(exc), getattr(exc, "changes", None))

    @app.errorhandler(StaleDataError)
    def stale(exc):
        db.session.rollback()
        return render_error(409, "Someone else saved this while you were editing. Reload to see their "
                                 "changes; yours were not saved.")

    @app.errorhandler(workflow.TransitionForbidden)
    def forbidden_transition(exc):
        db.session.rollback()
        return render_error(403, str(exc))

    @app.errorhandler(workflow.TransitionNotAllowed)
    def bad_transition(exc):
        db.session.rollback()
        return render_error(409, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if exc.code is None or exc.code < 400:
            return exc
        message = exc.description if exc.code in (400, 413, 415, 422, 429) else None
        response = render_error(exc.code, message)
        if exc.code == 405 and exc.valid_methods:
            response[0].headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(exc):
        db.session.rollback()
        log.exception("unhandled error (request %s)", getattr(g, "request_id", "-"))
        return render_error(500, f"The error was logged with reference {getattr(g, 'request_id', '-')}.")
