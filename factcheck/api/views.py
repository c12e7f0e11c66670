"""The first API's routes, kept as documented aliases of their v1 equivalents (same code, same answers), and
the CSRF helper for calls from a signed-in browser session.

Scripts authenticate with an API token (``factcheck.api.auth``). From a signed-in browser session, POST, being a
state change, needs the CSRF token in the ``X-CSRFToken`` header (read it from ``GET /api/csrf``), like every form.
"""
from __future__ import annotations

from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from factcheck.api.v1 import articles
from factcheck.api.v1.schemas import ArticleSchema, ArticleSubmitSchema, CsrfSchema
from factcheck.web import require_permission

bp = Blueprint("api", __name__, description="The first API's routes: aliases of `POST /api/v1/articles` and "
                                            "`GET /api/v1/articles/{article_id}`, kept for existing scripts.")


@bp.route("/csrf")
@require_permission("articles.view")
@bp.response(200, CsrfSchema)
def csrf():
    """The CSRF token a signed-in browser session sends in ``X-CSRFToken`` (token calls need none)."""
    return {"csrf_token": generate_csrf()}


@bp.route("/articles", methods=["POST"])
@require_permission("articles.ingest")
@bp.arguments(ArticleSubmitSchema)
@bp.response(202, ArticleSchema, description=f"Alias of `POST /api/v1/articles`. {articles.ACCEPTED}")
@bp.alt_response(200, schema=ArticleSchema, description=articles.ALREADY_THERE, success=True)
@bp.doc(deprecated=True)
def submit_article(payload: dict):
    return articles.submit(payload)


@bp.route("/articles/<int:article_id>")
@require_permission("articles.view")
@bp.response(200, ArticleSchema, description="Alias of `GET /api/v1/articles/{article_id}`.")
@bp.doc(deprecated=True)
def article_status(article_id: int):
    return articles.read(article_id)
