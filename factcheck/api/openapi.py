"""The API's OpenAPI 3.1 document, generated from the code by flask-smorest, and the page that renders it.

flask-smorest rather than APIFlask: APIFlask replaces the ``Flask`` class of the whole application, while
flask-smorest is an extension of the app our factory already builds, with plain blueprints; its marshmallow
schemas validate each request and are the document's schemas, so the two cannot drift apart. The errors stay
ours (``factcheck.web.errors`` renders every error under ``/api/`` as ``application/problem+json``), and the
page is our own template, so nothing is loaded from the internet.
"""
from __future__ import annotations

import http

from flask import Blueprint, Flask, current_app, render_template
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from factcheck.api.v1.schemas import ProblemSchema

PROBLEM = "application/problem+json"
SPEC = {
    "title": "factcheck API",
    "version": "1",
    "openapi_version": "3.1.0",
    "info": {"description": "Claims, articles, verdicts and published ClaimReview. Authenticate with "
                            "`Authorization: Bearer <token>` (a token from *API tokens* in your account menu); a "
                            "`read` token may only read, a `write` token may also submit and triage. Calls are "
                            "rate-limited per token. Errors are `application/problem+json`; reads carry an "
                            "`ETag` and answer `304` to `If-None-Match`."},
    "security": [{"bearer": []}],
}


class FactcheckApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        """None: ``factcheck.web.errors`` already renders every error, the API's as problem documents."""

    def _register_responses(self) -> None:
        """Error responses are documented as ``application/problem+json``, which is what they are."""
        for status in http.HTTPStatus:
            response: dict = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "An error, as a problem document", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)


docs = Blueprint("api_docs", __name__)


def document() -> dict:
    """The current app's OpenAPI document."""
    return current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()


@docs.route("/openapi.json")
def openapi_json():
    return document()


@docs.route("/docs")
def page():
    """Every operation of the document, rendered on the server: no script, no CDN."""
    spec = document()
    return render_template("api/docs.html", spec=spec, schemas=spec["components"]["schemas"])


def init_api(app: Flask) -> None:
    """Bind the document to the app and register the v1 blueprints, the aliases and the documentation page."""
    from factcheck.api.auth import rate_limit, rate_limit_key
    from factcheck.api.conditional import register_conditional_reads
    from factcheck.api.json_depth import register_json_depth_guard
    from factcheck.api.v1 import BLUEPRINTS
    from factcheck.api.views import bp as legacy
    from factcheck.extensions import limiter

    api = FactcheckApi(app, spec_kwargs=SPEC)
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for blueprint in BLUEPRINTS:
        limiter.limit(rate_limit, key_func=rate_limit_key)(blueprint)
        api.register_blueprint(blueprint, url_prefix="/api/v1")
    limiter.limit(rate_limit, key_func=rate_limit_key)(legacy)
    api.register_blueprint(legacy, url_prefix="/api")
    app.register_blueprint(docs, url_prefix="/api/v1")
    register_json_depth_guard(app)
    register_conditional_reads(app)
