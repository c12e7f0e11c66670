"""Claims: the queue's listing (same filters, same keyset cursor), one claim with its links, sources and verdict,
and the desk's actions on it (accept, dismiss, restore, merge, priority, assign, start review, attach a source,
propose a verdict), each through the service the web page calls, with the same permission and object checks."""
from __future__ import annotations

from flask import abort, request
from flask_login import current_user
from flask_smorest import Blueprint

from factcheck.api.v1.schemas import (
    AcceptSchema,
    AssignSchema,
    AttachSourceSchema,
    ClaimListArgs,
    ClaimPageSchema,
    ClaimSchema,
    DismissSchema,
    EvidenceSchema,
    MergeSchema,
    PrioritySchema,
    ProposeVerdictSchema,
    VerdictSchema,
    Versioned,
)
from factcheck.extensions import db
from factcheck.models import Claim, Queue
from factcheck.services.claims import claim_state, desk, evidence, triage
from factcheck.services.queues import queue_filters, queue_listing
from factcheck.services.verdicts import verdicts
from factcheck.web import require_permission

blp = Blueprint("api_claims", __name__, description="Claims: the review queues, the claim desk and triage.")


def _actor():
    return current_user._get_current_object()


def claim_json(claim: Claim) -> dict:
    """The claim as ``ClaimSchema`` dumps it: its columns plus what the claim page shows beside it."""
    return {
        **{name: getattr(claim, name) for name in (
            "id", "version_id", "text", "sentence", "claimant", "target", "kind", "language", "checkworthiness",
            "status", "dismiss_reason", "article_id", "queue_id", "assignee_id", "priority", "created_at",
            "canonical_claim_id", "verdict")},
        "links": [{"label": r.label, "claim_id": r.claim.id, "text": r.claim.text} for r in desk.related_claims(claim)],
        "same_claim_elsewhere": [c.id for c in desk.duplicate_cluster(claim)],
        "sources": desk.claim_evidence(claim.id),
    }


@blp.route("/claims")
@require_permission("queues.view")
@blp.arguments(ClaimListArgs, location="query")
@blp.response(200, ClaimPageSchema)
def list_claims(args: dict):
    """One page of claims, best first unless ``sort`` says otherwise; open claims unless ``status`` says which.

    Without ``queue_id``: every queue you are a member of (every queue for editors and admins)."""
    queue_id = args.get("queue_id")
    if queue_id is not None and db.session.get(Queue, queue_id) is None:
        abort(404, description=f"There is no queue {queue_id}.")
    filters = queue_filters.parse_filters(request.args)  # validated above; the queue page reads the same way
    if filters.ignored:
        abort(422, description=f"Not understood: {', '.join(filters.ignored)}.")
    page = queue_listing.list_page(_actor(), filters, queue_id=queue_id)
    return {"items": page.rows, "next_cursor": page.next_cursor, "truncated": page.truncated}


@blp.route("/claims/<int:claim_id>")
@require_permission("claims.view")
@blp.response(200, ClaimSchema)
def get_claim(claim_id: int):
    return claim_json(claim_state.get_claim(claim_id))


@blp.route("/claims/<int:claim_id>/accept", methods=["POST"])
@require_permission("claims.triage")
@blp.arguments(AcceptSchema)
@blp.response(200, ClaimSchema)
def accept(payload: dict, claim_id: int):
    """new → triaged (into ``queue_id``, or the queue routing chose)."""
    return claim_json(triage.accept(_actor(), claim_id, expected_version=payload.get("expected_version"),
                                    queue_id=payload.get("queue_id")))


@blp.route("/claims/<int:claim_id>/dismiss", methods=["POST"])
@require_permission("claims.triage")
@blp.arguments(DismissSchema)
@blp.response(200, ClaimSchema)
def dismiss(payload: dict, claim_id: int):
    return claim_json(triage.dismiss(_actor(), claim_id, expected_version=payload.get("expected_version"),
                                     reason=payload["reason"]))


@blp.route("/claims/<int:claim_id>/restore", methods=["POST"])
@require_permission("claims.triage")
@blp.arguments(Versioned)
@blp.response(200, ClaimSchema)
def restore(payload: dict, claim_id: int):
    """dismissed → new: back in the queue."""
    return claim_json(triage.restore(_actor(), claim_id, expected_version=payload.get("expected_version")))


@blp.route("/claims/<int:claim_id>/merge", methods=["POST"])
@require_permission("claims.triage")
@blp.arguments(MergeSchema)
@blp.response(200, ClaimSchema)
def merge(payload: dict, claim_id: int):
    """new / triaged → merged: the claim joins the duplicate group of ``into_claim_id``."""
    return claim_json(triage.merge(_actor(), claim_id, expected_version=payload.get("expected_version"),
                                   into_claim_id=payload["into_claim_id"]))


@blp.route("/claims/<int:claim_id>/priority", methods=["POST"])
@require_permission("claims.triage")
@blp.arguments(PrioritySchema)
@blp.response(200, ClaimSchema)
def set_priority(payload: dict, claim_id: int):
    return claim_json(triage.set_priority(_actor(), claim_id, expected_version=payload.get("expected_version"),
                                          priority=payload["priority"]))


@blp.route("/claims/<int:claim_id>/start-review", methods=["POST"])
@require_permission("claims.check")
@blp.arguments(Versioned)
@blp.response(200, ClaimSchema)
def start_review(payload: dict, claim_id: int):
    """triaged → in_review, assigned to you: the claim page's Start review."""
    return claim_json(desk.start_review(_actor(), claim_id, expected_version=payload.get("expected_version")))


@blp.route("/claims/<int:claim_id>/assign", methods=["POST"])
@require_permission("claims.assign")
@blp.arguments(AssignSchema)
@blp.response(200, ClaimSchema)
def assign(payload: dict, claim_id: int):
    return claim_json(triage.assign(_actor(), claim_id, expected_version=payload.get("expected_version"),
                                    assignee_id=payload["assignee_id"]))


@blp.route("/claims/<int:claim_id>/sources", methods=["POST"])
@require_permission("sources.edit")
@blp.arguments(AttachSourceSchema)
@blp.response(201, EvidenceSchema)
def attach_source(payload: dict, claim_id: int):
    """A URL is fetched in the background for its title and outlet; a citation is kept as written."""
    return evidence.attach_source(_actor(), claim_id, stance=payload["stance"], excerpt=payload["excerpt"],
                                  url=payload.get("url"), citation=payload.get("citation"),
                                  source_id=payload.get("source_id"))


@blp.route("/claims/<int:claim_id>/verdict", methods=["PUT"])
@require_permission("verdicts.draft")
@blp.arguments(ProposeVerdictSchema)
@blp.response(200, VerdictSchema)
def propose_verdict(payload: dict, claim_id: int):
    """Save the draft as a new revision; with ``submit`` also send it to the editors (claim → verdict_proposed)."""
    actor = _actor()
    verdict = verdicts.save_draft(actor, claim_id, rating_id=payload["rating_id"], summary=payload["summary"],
                                  explanation_md=payload["explanation_md"], evidence_ids=payload["evidence_ids"],
                                  expected_version=payload.get("expected_version"))
    if payload["submit"]:
        verdict = verdicts.submit_for_review(actor, claim_id, expected_version=verdict.version_id)
    return verdict
