"""The JSON bodies webhooks send, built when the event happens (a replay sends the same facts again)."""
from __future__ import annotations

import uuid
from datetime import datetime

from flask import current_app

from factcheck.models import Claim, Verdict
from factcheck.models.base import utcnow
from factcheck.services.verdicts.claim_review import claim_review
from factcheck.web.public_urls import public_url


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def envelope(event: str, data: dict) -> dict:
    """What every body holds: a unique event id (receivers de-duplicate on it), the event, when, and its data."""
    return {"id": f"evt_{uuid.uuid4().hex}", "event": event, "occurred_at": utcnow().isoformat(), "data": data}


def verdict_data(verdict: Verdict) -> dict:
    """The verdict as readers see it, with its ClaimReview while it is public."""
    public = verdict.status == "published" and verdict.public_slug
    url = public_url("public.show", slug=verdict.public_slug) if verdict.public_slug else None
    data = {
        "verdict": {
            "id": verdict.id, "claim_id": verdict.claim_id, "status": verdict.claim.status,
            "rating": verdict.rating.label if verdict.rating else None, "summary": verdict.summary,
            "url": url, "published_at": _iso(verdict.published_at), "corrected_at": _iso(verdict.corrected_at),
            "correction_note": verdict.correction_note, "unpublished_at": _iso(verdict.unpublished_at),
            "unpublish_reason": verdict.unpublish_reason,
        },
    }
    if public and url:
        data["claim_review"] = claim_review(verdict, url, current_app.config["ORGANISATION_NAME"])
    return data


def claim_data(claim: Claim) -> dict:
    """A new claim, with the address of its page on the desk (reading it needs an account)."""
    return {"claim": {
        "id": claim.id, "article_id": claim.article_id, "text": claim.text, "sentence": claim.sentence,
        "kind": claim.kind, "claimant": claim.claimant, "target": claim.target, "language": claim.language,
        "checkworthiness": claim.checkworthiness, "url": public_url("claims.show", claim_id=claim.id),
    }}
