"""Articles: list them, read one with its claims, submit one (its text, or a URL to fetch)."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from factcheck.api.v1.schemas import ArticleListArgs, ArticlePageSchema, ArticleSchema, ArticleSubmitSchema
from factcheck.models import Article, Claim
from factcheck.services.articles import article_listing, articles
from factcheck.services.core.errors import InvalidInput
from factcheck.web import require_permission
from factcheck.web.public_urls import public_url

blp = Blueprint("api_articles", __name__, description="Articles and the claims extracted from them.")


def article_json(article: Article, *, claims: list[Claim] | None = None, claim_count: int | None = None) -> dict:
    body: dict = {"id": article.id, "status": article.status, "error": article.error, "title": article.title,
                  "language": article.language, "outlet": article.outlet, "source_url": article.url,
                  "published_on": article.published_on,
                  "url": public_url("articles.show", article_id=article.id)}
    if claims is not None:
        body["claims"] = [{"id": c.id, "text": c.text, "kind": c.kind, "claimant": c.claimant,
                           "checkworthiness": round(c.checkworthiness, 4), "status": c.status} for c in claims]
    if claim_count is not None:
        body["claim_count"] = claim_count
    return body


def submit(payload: dict):
    """202 with the new article (fetched and extracted in the background), 200 when it was already there."""
    actor = current_user._get_current_object()
    if payload.get("text"):
        submitted = articles.submit_text(actor, text=payload["text"], title=payload.get("title") or "",
                                         outlet=payload.get("outlet"), url=payload.get("url"),
                                         published_on=payload.get("published_on"), language=payload.get("language"))
    elif payload.get("url"):
        submitted = articles.submit_url(actor, url=payload["url"], outlet=payload.get("outlet"))
    else:
        raise InvalidInput("Give the article's text or its url.")
    return article_json(submitted.article), 202 if submitted.created else 200


def read(article_id: int) -> dict:
    article = articles.get_article(article_id)
    return article_json(article, claims=article_listing.article_claims(article_id))


ACCEPTED = "Accepted: the article is fetched and extracted in the background."
ALREADY_THERE = "The same article (same text, or same URL) was already submitted: that one."


@blp.route("/articles", methods=["POST"])
@require_permission("articles.ingest")
@blp.arguments(ArticleSubmitSchema)
@blp.response(202, ArticleSchema, description=ACCEPTED)
@blp.alt_response(200, schema=ArticleSchema, description=ALREADY_THERE, success=True)
def submit_article(payload: dict):
    return submit(payload)


@blp.route("/articles")
@require_permission("articles.view")
@blp.arguments(ArticleListArgs, location="query")
@blp.response(200, ArticlePageSchema)
def list_articles(args: dict):
    """Newest first, 50 to a page; ``q`` searches them."""
    rows, next_before = article_listing.list_articles(status=args.get("status"), before_id=args.get("before"),
                                                      q=args.get("q"))
    return {"items": [article_json(article, claim_count=count) for article, count in rows],
            "next_before": next_before}


@blp.route("/articles/<int:article_id>")
@require_permission("articles.view")
@blp.response(200, ArticleSchema)
def get_article(article_id: int):
    return read(article_id)
