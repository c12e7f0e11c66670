"""Read models for the article pages."""
from __future__ import annotations

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import INGEST_STATUSES, Article, Claim
from factcheck.services.search import full_text
from factcheck.services.search.query_syntax import parse

PAGE_SIZE = 50


def list_articles(*, status: str | None = None, before_id: int | None = None,
                  q: str | None = None) -> tuple[list, int | None]:
    """Newest first with keyset paging; each row is (article, claim count). Returns (rows, next cursor).

    ``q`` (the search box's syntax) keeps the articles whose title or text matches, newest first among the
    first ``full_text.CANDIDATES_MAX`` matches; ``InvalidInput`` (a 422) when it holds nothing to look for."""
    keys = select(Article.id)
    if status in INGEST_STATUSES:
        keys = keys.where(Article.status == status)
    if before_id:
        keys = keys.where(Article.id < before_id)
    # with a search, the matches go through the search's fence first and are sorted outside it
    page_ids = full_text.restrict(keys, "articles", parse(q)) if q else keys.subquery("keys")
    counts = (select(Claim.article_id, func.count(Claim.id).label("n")).group_by(Claim.article_id).subquery())
    stmt = (select(Article, func.coalesce(counts.c.n, 0)).join(page_ids, page_ids.c.id == Article.id)
            .outerjoin(counts, counts.c.article_id == Article.id)
            .order_by(Article.id.desc()).limit(PAGE_SIZE + 1))
    rows = db.session.execute(stmt).all()
    cursor = rows[PAGE_SIZE - 1][0].id if len(rows) > PAGE_SIZE else None
    return list(rows[:PAGE_SIZE]), cursor


def article_claims(article_id: int) -> list[Claim]:
    stmt = select(Claim).where(Claim.article_id == article_id).order_by(Claim.span_start, Claim.id)
    return list(db.session.scalars(stmt))
