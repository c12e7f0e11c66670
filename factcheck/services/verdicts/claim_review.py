"""A published verdict as schema.org ClaimReview, following Google's fact-check rules (shared/reference/claimreview.md):
``claimReviewed`` short and without the reporting verb, the claimant typed from the claim, where the claim appeared
(its URL, or the outlet that published it), ``dateModified`` once corrected, the page's language."""
from __future__ import annotations

import re

from factcheck.models import Claim, Verdict
from factcheck.models.verdict import CLAIM_REVIEWED_MAX
from factcheck.rendering import xml_safe
from factcheck.services.claims.claimant import claimant_type
from factcheck.services.verdicts.public import verdict_language

# "X said that …", « X a déclaré que … », "According to X, …": the frame of reported speech, not the claim.
_REPORTING = re.compile(
    r"^(?:(?:according to|selon|d'après|d’après)\s+[^,]{1,80},\s*"
    r"|[^,.;:]{1,80}?\b(?:said|says|claimed|claims|stated|states|told \w+|argued|argues|insisted|insists|"
    r"a déclaré|a affirmé|affirme|déclare|assure|a assuré|estime|a estimé|soutient|a soutenu|prétend|"
    r"a prétendu)\s+(?:that\s+|qu['’]\s*|que\s+)?)", re.IGNORECASE)


def suggested_claim_reviewed(claim: Claim) -> str:
    """The claim as a fact-check names it: its text without a leading reporting frame, cut at a word to fit."""
    text = " ".join(claim.text.split())
    stripped = _REPORTING.sub("", text, count=1)
    text = (stripped[:1].upper() + stripped[1:]) if stripped else text
    text = text.strip(" «»“”\"")
    if len(text) <= CLAIM_REVIEWED_MAX:
        return text
    cut = text[:CLAIM_REVIEWED_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def claim_reviewed(verdict: Verdict) -> str:
    """What the checker wrote, else the suggestion."""
    return verdict.claim_reviewed or suggested_claim_reviewed(verdict.claim)


def claim_review(verdict: Verdict, url: str, organisation: str) -> dict:
    """The verdict as a ClaimReview, every string XML-safe: the same text goes into the Atom feed, and
    aggregators turn this JSON-LD into RDF/XML."""
    return xml_safe(_fields(verdict, url, organisation))


def _rating(verdict: Verdict) -> dict:
    rating = verdict.rating
    scored = [r.value for r in verdict.scale.ratings if r.value > 0] if verdict.scale else []
    review_rating: dict = {"@type": "Rating", "alternateName": rating.label if rating else "Unrated"}
    if rating and rating.value > 0 and len(set(scored)) > 1:  # Google: worstRating < bestRating
        review_rating |= {"ratingValue": rating.value, "bestRating": max(scored), "worstRating": min(scored)}
    return review_rating


def _appearance(claim: Claim) -> dict | None:
    """Where the claim appeared: the article's URL, else the outlet as the publisher of a CreativeWork."""
    article = claim.article
    if article is None or not (article.url or article.outlet):
        return None
    work: dict = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.published_on:
        work["datePublished"] = article.published_on.isoformat()
    return work


def _fields(verdict: Verdict, url: str, organisation: str) -> dict:
    claim = verdict.claim
    item: dict = {"@type": "Claim"}
    if claim.claimant and claim.attribution != "author":
        item["author"] = {"@type": claimant_type(claim), "name": claim.claimant}
    appearance = _appearance(claim)
    if appearance:
        item["appearance"] = appearance
    if claim.article and claim.article.published_on:
        item["datePublished"] = claim.article.published_on.isoformat()
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed(verdict),
        "reviewRating": _rating(verdict),
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": organisation},
        "datePublished": verdict.published_at.date().isoformat() if verdict.published_at else None,
        "reviewBody": verdict.summary,
        "inLanguage": verdict_language(verdict),
    }
    if verdict.corrected_at:
        review["dateModified"] = verdict.corrected_at.isoformat()
    return review
