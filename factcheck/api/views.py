"""JSON API for ingestion: submit an article (202 Accepted) and follow its status.

Scripts authenticate with an API token (``factcheck.api.auth``). From a signed-in browser session, POST, being a
state change, needs the CSRF token in the ``X-CSRFToken`` header (read it from ``GET /api/csrf``), like every form.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from factcheck.services.articles import article_listing, articles
from factcheck.services.core.errors import InvalidInput
from factcheck.web import require_permission

bp = Blueprint("api", __name__)
FIELDS = {"text", "title", "outlet", "url", "published_on", "language"}


def _article_json(article, claims=None) -> dict:
    body = {"id": article.id, "status": article.status, "error": article.error, "title": article.title,
            "language": article.language, "url": url_for("articles.show", article_id=article.id, _external=True)}
    if claims is not None:
        body["claims"] = [{"id": c.id, "text": c.text, "kind": c.kind, "claimant": c.claimant,
                           "checkworthiness": round(c.checkworthiness, 4), "status": c.status} for c in claims]
    return body


@bp.route("/csrf")
@require_permission("articles.view")
def csrf():
    return {"csrf_token": generate_csrf()}


@bp.route("/articles", methods=["POST"])
@require_permission("articles.ingest")
def submit_article():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise InvalidInput("Send a JSON object.")
    unknown = set(payload) - FIELDS
    if unknown:
        raise InvalidInput(f"Unknown fields: {', '.join(sorted(unknown))}.")
    if any(v is not None and not isinstance(v, str) for v in payload.values()):
        raise InvalidInput("Every field is a string.")
    published = None
    if payload.get("published_on"):
        try:
            published = date.fromisoformat(payload["published_on"])
        except ValueError:
            raise InvalidInput("published_on must be YYYY-MM-DD.") from None
    actor = current_user._get_current_object()
    if payload.get("text"):
        submitted = articles.submit_text(actor, text=payload["text"], title=payload.get("title") or "",
                                         outlet=payload.get("outlet"), url=payload.get("url"),
                                         published_on=published, language=payload.get("language"))
    elif payload.get("url"):
        submitted = articles.submit_url(actor, url=payload["url"], outlet=payload.get("outlet"))
    else:
        raise InvalidInput("Give the article's text or its url.")
    return jsonify(_article_json(submitted.article)), 202 if submitted.created else 200


@bp.route("/articles/<int:article_id>")
@require_permission("articles.view")
def article_status(article_id: int):
    article = articles.get_article(article_id)
    return jsonify(_article_json(article, article_listing.article_claims(article_id)))
