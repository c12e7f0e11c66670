"""Verdicts with their revisions, and the published fact-checks as schema.org ClaimReview."""
from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint

from factcheck.api.v1.schemas import (
    BeforeArgs,
    ClaimReviewPageSchema,
    VerdictDetailSchema,
    VerdictListArgs,
    VerdictPageSchema,
)
from factcheck.services.verdicts import public, verdict_listing, verdicts
from factcheck.services.verdicts.claim_review import claim_review
from factcheck.web import require_permission
from factcheck.web.public_urls import public_url

blp = Blueprint("api_verdicts", __name__, description="Verdicts, their revisions and published ClaimReview.")


@blp.route("/verdicts")
@require_permission("claims.view")
@blp.arguments(VerdictListArgs, location="query")
@blp.response(200, VerdictPageSchema)
def list_verdicts(args: dict):
    """Every verdict the desk holds, drafts included, newest first, 50 to a page; ``q`` searches them."""
    items, next_before = verdict_listing.list_verdicts(status=args.get("status"), before_id=args.get("before"),
                                                       q=args.get("q"))
    return {"items": items, "next_before": next_before}


@blp.route("/verdicts/<int:verdict_id>")
@require_permission("claims.view")
@blp.response(200, VerdictDetailSchema)
def get_verdict(verdict_id: int):
    """The verdict and every revision of it (draft, submitted, edit, approved, correction …), oldest first."""
    return verdicts.get_verdict(verdict_id)


@blp.route("/claimreviews")
@require_permission("claims.view")
@blp.arguments(BeforeArgs, location="query")
@blp.response(200, ClaimReviewPageSchema)
def claim_reviews(args: dict):
    """Published fact-checks, newest first, as on their public pages (``/factchecks/claimreviews.json``)."""
    items = public.published_verdicts(before_id=args.get("before"))
    organisation = current_app.config["ORGANISATION_NAME"]
    return {"items": [claim_review(v, public_url("public.show", slug=v.public_slug), organisation) for v in items],
            "next_before": items[-1].id if len(items) == public.PAGE_SIZE else None}
