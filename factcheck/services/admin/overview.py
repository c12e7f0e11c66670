"""Read-only summaries for the home page."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, Claim, User, Verdict


@dataclass(frozen=True)
class HomeSummary:
    new_claims: int
    assigned_to_me: int
    awaiting_approval: int
    published: int
    articles_in_progress: int


def home_summary(user: User) -> HomeSummary:
    """Counts for the tiles on the home page, in one round trip per figure."""
    def count(stmt) -> int:
        return db.session.scalar(stmt) or 0

    open_statuses = ("in_review", "needs_more_info", "sent_back", "triaged")
    return HomeSummary(
        new_claims=count(select(func.count(Claim.id)).where(Claim.status == "new")),
        assigned_to_me=count(select(func.count(Claim.id)).where(Claim.assignee_id == user.id,
                                                                Claim.status.in_(open_statuses))),
        awaiting_approval=count(select(func.count(Verdict.id)).where(Verdict.status == "proposed")),
        published=count(select(func.count(Verdict.id)).where(Verdict.status == "published")),
        articles_in_progress=count(select(func.count(Article.id)).where(
            Article.status.in_(("queued", "fetching", "extracting")))),
    )
