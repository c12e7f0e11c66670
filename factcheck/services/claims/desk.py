"""The claim desk: who may work on a claim (object checks) and the read model of the claim page."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import or_, select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, ClaimLink, Comment, Evidence, User, Verdict
from factcheck.services.claims import claim_state, duplicates
from factcheck.services.core.errors import InvalidInput, PermissionDenied
from factcheck.services.core.guards import can

# (link type, direction) -> how the page names the other claim's relation to this one
LINK_LABELS = {
    ("denies", "out"): "denies", ("denies", "in"): "denied by",
    ("contradicts", "out"): "contradicts", ("contradicts", "in"): "contradicted by",
    ("supports", "out"): "supports", ("supports", "in"): "supported by",
}


def can_edit_claim(actor: User, claim: Claim) -> bool:
    """A checker works on unassigned claims and their own; someone else's needs ``claims.edit_any``."""
    if can(actor, "claims.edit_any"):
        return True
    return claim.assignee_id is None or claim.assignee_id == actor.id


def require_claim_editor(actor: User, claim: Claim) -> None:
    """Raise ``PermissionDenied`` when ``actor`` may not change this claim, its sources or its verdict."""
    if not can_edit_claim(actor, claim):
        who = claim.assignee.display_name if claim.assignee else "someone else"
        raise PermissionDenied("This claim is assigned to %(who)s. Only they or an editor can change it.", who=who)


def highlight(text: str, start: int, end: int) -> Markup:
    """The article text, escaped, with the claim's span wrapped in ``<mark>``; offsets are clamped."""
    text = text or ""
    start = max(0, min(start or 0, len(text)))
    end = max(start, min(end or 0, len(text)))
    if start == end:
        return escape(text)
    return Markup("{}<mark id=\"claim-span\">{}</mark>{}").format(text[:start], text[start:end], text[end:])


@dataclass(frozen=True)
class RelatedClaim:
    label: str
    claim: Claim


@dataclass(frozen=True)
class DisputePair:
    accusation: Claim
    denial: Claim


@dataclass
class ClaimPage:
    claim: Claim
    article_html: Markup
    related: list[RelatedClaim]
    same_claim_elsewhere: list[Claim]
    already_checked: list[Claim]  # the same claim with a published verdict elsewhere
    disputes: list[DisputePair]
    evidence: list[Evidence]
    removed_evidence: list[Evidence]
    verdict: Verdict | None
    comments: list[Comment]
    history: list[AuditEvent]
    can_edit: bool


def _links(claim_id: int) -> list[ClaimLink]:
    stmt = select(ClaimLink).where(or_(ClaimLink.source_claim_id == claim_id, ClaimLink.target_claim_id == claim_id))
    return list(db.session.scalars(stmt.order_by(ClaimLink.id)))


def related_claims(claim: Claim) -> list[RelatedClaim]:
    """Every link touching the claim, both directions, named from this claim's point of view."""
    related = []
    for link in _links(claim.id):
        if link.source_claim_id == claim.id:
            related.append(RelatedClaim(LINK_LABELS.get((link.type, "out"), link.type), link.target))
        else:
            related.append(RelatedClaim(LINK_LABELS.get((link.type, "in"), link.type), link.source))
    return related


def duplicate_cluster(claim: Claim) -> list[Claim]:
    """The same claim in other articles: the other claims of its duplicate group."""
    return [c for c in duplicates.group_of(claim) if c.article_id != claim.article_id]


def dispute_pairs(claim: Claim) -> list[DisputePair]:
    """Accusation/denial pairs the claim belongs to: in a ``denies`` link the source is the denial."""
    stmt = select(ClaimLink).where(ClaimLink.type == "denies", or_(
        ClaimLink.source_claim_id == claim.id, ClaimLink.target_claim_id == claim.id)).order_by(ClaimLink.id)
    return [DisputePair(accusation=link.target, denial=link.source) for link in db.session.scalars(stmt)]


def claim_history(claim: Claim) -> list[AuditEvent]:
    """Audit events for the claim, its evidence, its verdict and its comments, oldest first."""
    evidence_ids = list(db.session.scalars(select(Evidence.id).where(Evidence.claim_id == claim.id)))
    comment_ids = list(db.session.scalars(select(Comment.id).where(Comment.claim_id == claim.id)))
    conditions = [(AuditEvent.object_type == "claim") & (AuditEvent.object_id == claim.id)]
    if evidence_ids:
        conditions.append((AuditEvent.object_type == "evidence") & AuditEvent.object_id.in_(evidence_ids))
    if comment_ids:
        conditions.append((AuditEvent.object_type == "comment") & AuditEvent.object_id.in_(comment_ids))
    if claim.verdict is not None:
        conditions.append((AuditEvent.object_type == "verdict") & (AuditEvent.object_id == claim.verdict.id))
    stmt = select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.at, AuditEvent.id)
    return list(db.session.scalars(stmt))


def claim_evidence(claim_id: int, *, removed: bool = False) -> list[Evidence]:
    stmt = select(Evidence).where(Evidence.claim_id == claim_id)
    stmt = stmt.where(Evidence.removed_at.is_not(None) if removed else Evidence.removed_at.is_(None))
    return list(db.session.scalars(stmt.order_by(Evidence.position, Evidence.id)))


def claim_comments(claim_id: int) -> list[Comment]:
    """The claim's internal comments, oldest first (the claim page, and the editor's view of the checker's notes)."""
    return list(db.session.scalars(
        select(Comment).where(Comment.claim_id == claim_id).order_by(Comment.created_at, Comment.id)))


def claim_page(claim_id: int, viewer: User) -> ClaimPage:
    """Everything the claim page shows, in one place so the template makes no decisions."""
    claim = claim_state.get_claim(claim_id)
    comments = claim_comments(claim.id)
    cluster = duplicate_cluster(claim)
    return ClaimPage(
        claim=claim,
        article_html=highlight(claim.article.raw_text, claim.span_start, claim.span_end),
        related=related_claims(claim),
        same_claim_elsewhere=cluster,
        already_checked=[c for c in cluster if c.verdict is not None and c.verdict.status == "published"],
        disputes=dispute_pairs(claim),
        evidence=claim_evidence(claim.id),
        removed_evidence=claim_evidence(claim.id, removed=True),
        verdict=claim.verdict,
        comments=comments,
        history=claim_history(claim),
        can_edit=can_edit_claim(viewer, claim),
    )


# --- desk actions: one unit of work each ------------------------------------------------------------------

def _start(actor: User, claim: Claim) -> None:
    require_claim_editor(actor, claim)
    claim_state.move(actor, claim, "in_review",
                     detail={"assignee_id": actor.id, "previous_assignee_id": claim.assignee_id})
    claim.assignee_id = actor.id


def start_review(actor: User, claim_id: int, *, expected_version: int | None) -> Claim:
    """triaged → in_review, assigned to the actor (at ``expected_version`` when given)."""
    claim = claim_state.get_claim(claim_id, expected_version=expected_version)
    _start(actor, claim)
    db.session.commit()
    return claim


def start_review_pair(actor: User, claim_id: int, other_id: int, *, expected_versions: dict[int, int]) -> None:
    """Start review on both halves of an accusation/denial pair at once (both or neither)."""
    claim = claim_state.get_claim(claim_id, expected_version=expected_versions.get(claim_id))
    other = claim_state.get_claim(other_id, expected_version=expected_versions.get(other_id))
    pair_ids = {frozenset((p.accusation.id, p.denial.id)) for p in dispute_pairs(claim)}
    if frozenset((claim.id, other.id)) not in pair_ids:
        raise InvalidInput("These two claims are not an accusation and its denial.")
    for c in (claim, other):
        if c.status == "in_review" and c.assignee_id == actor.id:
            continue  # already under the actor's review: nothing to change
        _start(actor, c)
    db.session.commit()


def _move_own(actor: User, claim_id: int, target: str, expected_version: int, detail: dict | None = None) -> Claim:
    claim = claim_state.get_claim(claim_id, expected_version=expected_version)
    require_claim_editor(actor, claim)
    claim_state.move(actor, claim, target, detail=detail)
    db.session.commit()
    return claim


def mark_needs_more_info(actor: User, claim_id: int, *, note: str, expected_version: int) -> Claim:
    """in_review → needs_more_info, with the reason in the audit trail."""
    return _move_own(actor, claim_id, "needs_more_info", expected_version, {"note": (note or "").strip()[:1000]})


def resume_review(actor: User, claim_id: int, *, expected_version: int) -> Claim:
    """needs_more_info / sent_back → in_review."""
    return _move_own(actor, claim_id, "in_review", expected_version)
