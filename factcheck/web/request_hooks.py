"""Per-request hooks: a request id for logs, audit rows and the response, the CSRF check, and the refusal of NUL.

Flask runs ``before_request`` hooks in the order they were registered; ``create_app`` registers the request id
first, then the API's bearer-token authentication (``factcheck.api.auth``), then the CSRF check, which skips
the calls that token authenticated.
"""
from __future__ import annotations

from flask import Flask, Response, abort, current_app, g, request

from factcheck.extensions import csrf
from factcheck.observability.request_ids import request_id_from
from factcheck.services.core.audit import current_request_id


def assign_request_id() -> None:
    g.request_id = request_id_from(request.headers.get("X-Request-Id"))
    current_request_id.set(g.request_id)


def forget_request_id(_error: BaseException | None = None) -> None:
    """The process's next log lines (and the next request on this thread) must not inherit this id."""
    current_request_id.set(None)


def echo_request_id(response: Response) -> Response:
    if getattr(g, "request_id", None):
        response.headers["X-Request-Id"] = g.request_id
    return response


def check_csrf() -> None:
    """Every unsafe request needs its CSRF token, except an API call authenticated by its bearer token.

    Browsers cannot attach an Authorization header to a cross-site form, so token calls need no CSRF token.
    """
    if g.get("authenticated_by_token"):
        return
    config = current_app.config
    if config["WTF_CSRF_ENABLED"] and request.method in config["WTF_CSRF_METHODS"] and request.endpoint:
        csrf.protect()


def refuse_nul_characters() -> None:
    """400 for a NUL character in a query or form parameter, before any view runs.

    Nobody types one, and PostgreSQL refuses it in a text column: it surfaced as a 500, after the part of the work
    that came before the write. API JSON bodies are read by the API's schemas.
    """
    for params in (request.args, request.form):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in params.lists()):
            abort(400, description="The request holds a NUL character, which is not text; nothing was saved.")


def register_request_id(app: Flask) -> None:
    app.before_request(assign_request_id)
    app.after_request(echo_request_id)
    app.teardown_request(forget_request_id)


def register_csrf_check(app: Flask) -> None:
    app.before_request(check_csrf)


def register_nul_check(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
