"""What the public sees: published verdicts and their schema.org ClaimReview. Drafts never leave this module."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.languages import content_language
from factcheck.models import Claim, Evidence, Verdict
from factcheck.rendering import xml_safe
from factcheck.services.core.errors import NotFound

PAGE_SIZE = 30


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


def verdict_language(verdict: Verdict) -> str:
    """The language a verdict is published in: its scale's (the scale of its claim's language when one is active,
    so the rating label and the page agree), else its claim's."""
    return verdict.scale.language if verdict.scale else content_language(verdict.claim.language)


def public_evidence(verdict: Verdict) -> list[Evidence]:
    return [e for e in verdict.evidence if e.removed_at is None]


def claim_review(verdict: Verdict, url: str, organisation: str) -> dict:
    """The verdict as a schema.org ClaimReview (Google's required and recommended fields), every string
    XML-safe: the same text goes into the Atom feed, and aggregators turn this JSON-LD into RDF/XML."""
    return xml_safe(_claim_review_fields(verdict, url, organisation))


def _claim_review_fields(verdict: Verdict, url: str, organisation: str) -> dict:
    claim, rating = verdict.claim, verdict.rating
    scored = [r.value for r in verdict.scale.ratings if r.value > 0] if verdict.scale else []
    review_rating: dict = {"@type": "Rating", "alternateName": rating.label if rating else "Unrated"}
    if rating and rating.value > 0 and scored:
        review_rating |= {"ratingValue": rating.value, "bestRating": max(scored), "worstRating": min(scored)}
    item: dict = {"@type": "Claim"}
    if claim.claimant and claim.attribution != "author":
        item["author"] = {"@type": "Person" if " " in claim.claimant else "Organization", "name": claim.claimant}
    if claim.article and claim.article.url:
        item["appearance"] = {"@type": "CreativeWork", "url": claim.article.url}
    if claim.article and claim.article.published_on:
        item["datePublished"] = claim.article.published_on.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text[:300],
        "reviewRating": review_rating,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": organisation},
        "datePublished": verdict.published_at.date().isoformat() if verdict.published_at else None,
        "reviewBody": verdict.summary,
        "inLanguage": verdict_language(verdict),
    }

