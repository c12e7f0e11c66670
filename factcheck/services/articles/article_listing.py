"""Read models for the article pages."""
from __future__ import annotations

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import INGEST_STATUSES, Article, Claim

PAGE_SIZE = 50


def list_articles(*, status: str | None = None, before_id: int | None = None) -> tuple[list, int | None]:
    """Newest first with keyset paging; each row is (article, claim count). Returns (rows, next cursor)."""
    counts = (select(Claim.article_id, func.count(Claim.id).label("n")).group_by(Claim.article_id).subquery())
    stmt = (select(Article, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.article_id == Article.id)
            .order_by(Article.id.desc()).limit(PAGE_SIZE + 1))
    if status in INGEST_STATUSES:
        stmt = stmt.where(Article.status == status)
    if before_id:
        stmt = stmt.where(Article.id < before_id)
    rows = db.session.execute(stmt).all()
    cursor = rows[PAGE_SIZE - 1][0].id if len(rows) > PAGE_SIZE else None
    return list(rows[:PAGE_SIZE]), cursor


def article_claims(article_id: int) -> list[Claim]:
    stmt = select(Claim).where(Claim.article_id == article_id).order_by(Claim.span_start, Claim.id)
    return list(db.session.scalars(stmt))
