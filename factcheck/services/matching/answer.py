"""Answering a claim with an earlier published verdict, and what the claim page lists for it.

Answering is one unit of work: the claim joins the checked claim's duplicate group and goes to ``merged`` through
the workflow (a checker's step is ``in_review → merged``, "claim.answer"; a triaged claim, for a checker who
cannot triage, and one needing more information are put back in review first; reviewers and editors merge a new
or triaged one directly), the match records who accepted it, and the step's audit event names the verdict and the
match. The group's published verdict then shows the claim as already checked everywhere, as for any duplicate.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Claim, User, Verdict
from factcheck.models.base import utcnow
from factcheck.models.matching import ClaimMatch
from factcheck.services.claims import claim_state, desk, duplicates
from factcheck.services.core.errors import Conflict, NotFound
from factcheck.services.core.guards import can, require


@dataclass(frozen=True)
class MatchView:
    """One match as the claim page shows it."""

    match: ClaimMatch
    verdict: Verdict
    checked: Claim  # the claim the verdict answers


def matches_for(claim: Claim) -> list[MatchView]:
    """The claim's matches whose verdict is still published, closest first."""
    rows = db.session.execute(
        select(ClaimMatch, Verdict, Claim).join(Verdict, Verdict.id == ClaimMatch.verdict_id)
        .join(Claim, Claim.id == Verdict.claim_id)
        .where(ClaimMatch.claim_id == claim.id, Verdict.status == "published")
        .order_by(ClaimMatch.score.desc(), ClaimMatch.id)).all()
    return [MatchView(match, verdict, checked) for match, verdict, checked in rows]


def answer_with_verdict(actor: User, claim_id: int, *, expected_version: int, match_id: int) -> Claim:
    """Close the claim with the verdict of one of its matches; ``Conflict`` if that verdict is no longer published
    or the claim changed since the form was opened."""
    require(actor, "claims.view")
    claim = claim_state.get_claim(claim_id, expected_version=expected_version)
    match = db.session.get(ClaimMatch, match_id)
    if match is None or match.claim_id != claim.id:
        raise NotFound("Claim #%(id)s has no match %(match_id)s.", id=claim.id, match_id=match_id)
    verdict = match.verdict
    if verdict.status != "published":
        raise Conflict("That verdict is no longer published; it cannot answer this claim.")
    desk.require_claim_editor(actor, claim)
    checked = verdict.claim
    if claim.status == "needs_more_info" or (claim.status == "triaged" and not can(actor, "claims.triage")):
        claim_state.move(actor, claim, "in_review")  # a checker's way to merged goes through review
    claim_state.move(actor, claim, "merged", detail={
        "into": checked.id, "group": duplicates.canonical_id(checked), "answered_by_verdict": verdict.id,
        "match": {"method": match.method, "score": match.score}})
    duplicates.join(claim, checked)
    match.accepted_by_id, match.accepted_at = actor.id, utcnow()
    db.session.commit()
    return claim
