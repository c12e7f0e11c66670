"""What the public sees: published verdicts, the note of an unpublished one, the rating scales they use, the
sitemap's list. Drafts never leave this module (their ClaimReview is ``claim_review``'s)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.languages import content_language
from factcheck.models import Claim, Evidence, RatingScale, Verdict
from factcheck.services.core.errors import NotFound

PAGE_SIZE = 30
SITEMAP_MAX = 50_000  # the sitemap protocol's limit per file


def _published():
    return (select(Verdict).where(Verdict.status == "published", Verdict.public_slug.is_not(None))
            .options(selectinload(Verdict.claim).selectinload(Claim.article), selectinload(Verdict.rating),
                     selectinload(Verdict.scale)))


def published_verdicts(*, before_id: int | None = None, limit: int = PAGE_SIZE) -> list[Verdict]:
    """Newest first, keyset-paged by id."""
    stmt = _published().order_by(Verdict.id.desc()).limit(limit)
    if before_id:
        stmt = stmt.where(Verdict.id < before_id)
    return list(db.session.scalars(stmt))


def get_published(slug: str) -> Verdict:
    """A published verdict by its public slug; anything else (draft, unpublished, unknown) is a plain 404."""
    verdict = db.session.scalar(_published().where(Verdict.public_slug == slug))
    if verdict is None:
        raise NotFound("There is no published fact-check at this address.")
    return verdict


def get_unpublished(slug: str) -> Verdict | None:
    """A fact-check that was public at this address and was taken down (its page answers 410 with the note)."""
    return db.session.scalar(select(Verdict).where(Verdict.public_slug == slug, Verdict.status == "unpublished"))


def last_modified(verdict: Verdict) -> datetime | None:
    """When the public page last changed: its correction, else its publication."""
    return verdict.corrected_at or verdict.published_at


def sitemap_entries() -> list[tuple[str, datetime | None]]:
    """(slug, last change) of every published fact-check, newest first, up to the protocol's limit."""
    rows = db.session.execute(
        select(Verdict.public_slug, Verdict.published_at, Verdict.corrected_at)
        .where(Verdict.status == "published", Verdict.public_slug.is_not(None))
        .order_by(Verdict.id.desc()).limit(SITEMAP_MAX))
    return [(slug, corrected or published) for slug, published, corrected in rows]


def public_scales() -> list[RatingScale]:
    """The scales readers meet: the active ones and any a published verdict still uses."""
    used = select(Verdict.scale_id).where(Verdict.status == "published")
    return list(db.session.scalars(
        select(RatingScale).where(or_(RatingScale.active.is_(True), RatingScale.id.in_(used)))
        .options(selectinload(RatingScale.ratings)).order_by(RatingScale.language, RatingScale.id)))


def get_public_scale(scale_id: int) -> RatingScale:
    scale = next((s for s in public_scales() if s.id == scale_id), None)
    if scale is None:
        raise NotFound("There is no rating scale at this address.")
    return scale


def verdict_language(verdict: Verdict) -> str:
    """The language a verdict is published in: its scale's (the scale of its claim's language when one is active,
    so the rating label and the page agree), else its claim's."""
    return verdict.scale.language if verdict.scale else content_language(verdict.claim.language)


def public_evidence(verdict: Verdict) -> list[Evidence]:
    return [e for e in verdict.evidence if e.removed_at is None]
