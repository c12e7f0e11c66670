"""Error pages and JSON errors: one table gives every domain error its HTTP status, one handler renders them.

Services raise errors that know nothing of HTTP (every refusal, workflow moves included, is a ``ServiceError``:
``services.core.guards`` translates the workflow table's lookup miss); ``STATUS_FOR_ERROR`` is the only place
that decides the status. A view that catches a service error to re-render its form asks ``status_for``. Under
``/api/`` every error is an RFC 9457 problem (``application/problem+json``) that also keeps the older
``error``/``message``/``changes`` members.
"""
from __future__ import annotations

import logging

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from factcheck.extensions import db
from factcheck.languages import N_
from factcheck.services.core import integrity
from factcheck.services.core.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ServiceError,
)

log = logging.getLogger(__name__)

ERROR_TITLES = {
    400: N_("That request could not be understood"),
    401: N_("Please log in"),
    403: N_("You do not have access to this"),
    404: N_("Not found"),
    405: N_("Not allowed here"),
    409: N_("Someone else changed this first"),
    413: N_("That upload is too large"),
    415: N_("That file type is not accepted"),
    422: N_("Some of that input is not valid"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong on our side"),
    503: N_("Temporarily unavailable"),
}

# Every ServiceError subclass is listed (tests/unit/test_web_errors.py checks it); the nearest class wins.
STATUS_FOR_ERROR: dict[type[Exception], int] = {
    ServiceError: 400,
    InvalidInput: 422,
    PermissionDenied: 403,
    NotFound: 404,
    Conflict: 409,
    InvalidTransition: 409,  # the claim moved on (or never was there): reload and see where it is
    StaleDataError: 409,  # optimistic locking: the row's version_id moved on since it was loaded
}

STALE_DATA_MESSAGE = N_("Someone else saved this while you were editing. Reload to see their changes; yours were "
                      "not saved.")
CSRF_MESSAGE = N_("The form expired or was sent without its security token. Reload the page and try again; nothing "
                "was saved.")


def status_for(exc: Exception) -> int:
    """The HTTP status for a domain error: the entry of its nearest class in ``STATUS_FOR_ERROR``."""
    for cls in type(exc).__mro__:
        if cls in STATUS_FOR_ERROR:
            return STATUS_FOR_ERROR[cls]
    raise KeyError(f"no HTTP status for {type(exc).__name__}")


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def problem(status: int, message: str | None = None, changes: list[str] | None = None, errors=None):
    """An RFC 9457 problem document; ``errors`` holds per-field messages of a request that did not validate."""
    title = gettext(ERROR_TITLES.get(status, N_("Error")))
    body = {"type": "about:blank", "title": title, "status": status, "detail": message or title,
            "error": title, "message": message or title, "changes": changes or []}
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.mimetype = "application/problem+json"
    return response, status


def render_error(status: int, message: str | None = None, changes: list[str] | None = None, errors=None):
    """The error page, or a JSON body for the API (a problem document) and clients that ask for JSON."""
    title = gettext(ERROR_TITLES.get(status, N_("Error")))
    if request.path.startswith("/api/"):
        return problem(status, message, changes, errors)
    if _wants_json():
        return jsonify(error=title, message=message or title, changes=changes or []), status
    return render_template("errors/error.html", status=status, title=title, message=message,
                           changes=changes or []), status


def domain_error(exc: Exception):
    db.session.rollback()
    message = gettext(STALE_DATA_MESSAGE) if isinstance(exc, StaleDataError) else str(exc)
    return render_error(status_for(exc), message, exc.change_lines() if isinstance(exc, Conflict) else None)


def integrity_error(exc: IntegrityError):
    """A constraint the code did not expect to meet (no service caught it): the user error it stands for, not a 500."""
    db.session.rollback()
    error = integrity.user_error(exc)
    log.warning("constraint refused a write (request %s): %s", getattr(g, "request_id", "-"), integrity.violation(exc))
    return render_error(status_for(error), str(error))


def csrf_error(exc: CSRFError):
    return render_error(400, gettext(CSRF_MESSAGE))


def http_error(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc
    message = exc.description if exc.code in (400, 413, 415, 422, 429) else None
    data = getattr(exc, "data", None) or {}  # webargs puts the fields that did not validate here
    response = render_error(exc.code, message, errors=data.get("messages"))
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response = make_response(response)  # the page is a (body, status) pair until here
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def unexpected_error(exc: Exception):
    db.session.rollback()
    log.exception("unhandled error (request %s)", getattr(g, "request_id", "-"))
    return render_error(500, f"The error was logged with reference {getattr(g, 'request_id', '-')}.")


def register_error_handlers(app: Flask) -> None:
    """Domain errors by the table, constraint refusals, CSRF and HTTP errors, and a logged 500 for anything else."""
    for error in STATUS_FOR_ERROR:
        app.register_error_handler(error, domain_error)
    app.register_error_handler(IntegrityError, integrity_error)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
