"""Verdict drafts: rating (from the scale of the claim's language), summary, Markdown explanation, evidence;
immutable revisions.

Every save writes a new ``VerdictRevision`` (the rating label is copied). Forms carry the verdict's
``version_id``; a save based on an older version raises ``Conflict`` listing what the other person changed.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from factcheck import workflow
from factcheck.extensions import db
from factcheck.models import SUMMARY_MAX, Claim, Evidence, Rating, User, Verdict, VerdictRevision
from factcheck.models.base import utcnow
from factcheck.models.verdict import CLAIM_REVIEWED_MAX
from factcheck.services.claims import claim_state
from factcheck.services.claims.claim_state import get_claim
from factcheck.services.claims.desk import require_claim_editor
from factcheck.services.core import audit
from factcheck.services.core.errors import Conflict, InvalidInput, Message, NotFound
from factcheck.services.core.guards import require
from factcheck.services.core.numbers import parse_int
from factcheck.services.verdicts.scales import scale_for_claim

EXPLANATION_MAX = 50_000


@dataclass(frozen=True)
class VerdictContent:
    """What a person typed into a verdict form, validated."""

    rating: Rating
    summary: str
    explanation_md: str
    claim_reviewed: str | None = None  # None: not on this form, keep it; "": none written, the suggestion shows


def validate_content(claim: Claim, rating_id, summary: str | None, explanation_md: str | None,
                     claim_reviewed: str | None = None) -> VerdictContent:
    """Check the rating (the claim's scale, not retired), the summary (1–280 chars), the explanation and the
    claim as the fact-check states it (ClaimReview's claimReviewed, at most 75 characters)."""
    scale = scale_for_claim(claim)
    wanted = parse_int(str(rating_id), minimum=1) if rating_id not in (None, "") else None
    rating = db.session.get(Rating, wanted) if wanted is not None else None
    if rating is None:
        raise InvalidInput("Choose a rating.", field="rating_id")
    if rating.scale_id != scale.id or rating.retired:
        raise InvalidInput("The rating “%(label)s” is not on the active scale “%(name)s”. Choose one of its ratings.",
                           label=rating.label, name=scale.name, field="rating_id")
    summary = " ".join((summary or "").split())
    if not summary:
        raise InvalidInput("Write a one-line summary of the verdict.", field="summary")
    if len(summary) > SUMMARY_MAX:
        raise InvalidInput("The summary is %(length)s characters long; the limit is %(SUMMARY_MAX)s. Shorten it and "
                           "save again.", length=len(summary), SUMMARY_MAX=SUMMARY_MAX, field="summary")
    explanation_md = (explanation_md or "").strip()
    if len(explanation_md) > EXPLANATION_MAX:
        raise InvalidInput("The explanation is limited to %(EXPLANATION_MAX)s characters.",
                           EXPLANATION_MAX=EXPLANATION_MAX, field="explanation_md")
    if claim_reviewed is not None:
        claim_reviewed = " ".join(claim_reviewed.split())
        if len(claim_reviewed) > CLAIM_REVIEWED_MAX:
            raise InvalidInput("The claim as reviewed is %(length)s characters long; the limit is "
                               "%(CLAIM_REVIEWED_MAX)s. Shorten it and save again.", length=len(claim_reviewed),
                               CLAIM_REVIEWED_MAX=CLAIM_REVIEWED_MAX, field="claim_reviewed")
    return VerdictContent(rating, summary, explanation_md, claim_reviewed)


def get_verdict(verdict_id: int) -> Verdict:
    verdict = db.session.get(Verdict, verdict_id)
    if verdict is None:
        raise NotFound("There is no verdict %(verdict_id)s.", verdict_id=verdict_id)
    return verdict


def _quote(text: str | None, limit: int = 120) -> str:
    text = text or ""
    return f"“{text[:limit]}{'…' if len(text) > limit else ''}”"


def check_version(verdict: Verdict, expected_version: int | None, mine: VerdictContent | None = None) -> None:
    """Raise ``Conflict`` when the form was based on another version, listing theirs against yours."""
    if expected_version is None or verdict.version_id == expected_version:
        return
    last = verdict.revisions[-1] if verdict.revisions else None
    changes = []
    if last is not None:
        changes.append(Message("%(who)s saved revision %(number)s (%(kind)s) at %(at)s UTC.",
                               who=last.author.display_name if last.author else "—", number=last.number,
                               kind=last.kind, at=format(last.created_at, "%Y-%m-%d %H:%M")))
    current_label = verdict.rating.label if verdict.rating else "—"
    if mine is not None:
        if mine.rating.id != verdict.rating_id:
            changes.append(Message("Rating — theirs: %(theirs)s; yours: %(yours)s.", theirs=current_label,
                                   yours=mine.rating.label))
        if mine.summary != verdict.summary:
            changes.append(Message("Summary — theirs: %(theirs)s; yours: %(yours)s.", theirs=_quote(verdict.summary),
                                   yours=_quote(mine.summary)))
        if mine.explanation_md != verdict.explanation_md:
            changes.append(Message("Explanation — theirs: %(theirs)s; yours: %(yours)s.",
                                   theirs=_quote(verdict.explanation_md), yours=_quote(mine.explanation_md)))
    else:
        changes.append(Message("Rating is now %(rating)s; summary is now %(summary)s.", rating=current_label,
                               summary=_quote(verdict.summary)))
    changes.append(Message("The verdict is now %(status)s.", status=verdict.status))
    raise Conflict("Someone else saved this verdict after you opened it. Your changes were not saved; "
                   "compare them with theirs below.", changes=changes)


def add_revision(verdict: Verdict, actor: User | None, kind: str, note: str | None = None) -> VerdictRevision:
    """Append an immutable snapshot of the verdict as it is now."""
    number = (db.session.scalar(select(func.max(VerdictRevision.number))
                                .where(VerdictRevision.verdict_id == verdict.id)) or 0) + 1
    revision = VerdictRevision(verdict_id=verdict.id, number=number, kind=kind, rating_id=verdict.rating_id,
                               rating_label=verdict.rating.label if verdict.rating else None,
                               summary=verdict.summary, explanation_md=verdict.explanation_md,
                               note=note, author_id=actor.id if actor else None)
    db.session.add(revision)
    return revision


def apply_content(verdict: Verdict, content: VerdictContent) -> tuple[dict, dict]:
    """Write the content onto the verdict; returns (before, after) for the audit row."""
    before = {"rating": verdict.rating.label if verdict.rating else None, "summary": verdict.summary}
    after = {"rating": content.rating.label, "summary": content.summary,
             "explanation_changed": verdict.explanation_md != content.explanation_md}
    verdict.scale_id, verdict.rating_id, verdict.rating = content.rating.scale_id, content.rating.id, content.rating
    verdict.summary, verdict.explanation_md = content.summary, content.explanation_md
    if content.claim_reviewed is not None:
        verdict.claim_reviewed = content.claim_reviewed or None
    return before, after


def _editable(actor: User, claim: Claim) -> None:
    require(actor, "verdicts.draft", "You cannot draft verdicts.")
    require_claim_editor(actor, claim)
    if claim.status not in workflow.VERDICT_EDITABLE_STATES:
        raise Conflict("The claim is %(status)s; its verdict draft cannot be edited now.",
                       status=claim.status.replace('_', ' '))


def save_draft(actor: User, claim_id: int, *, rating_id, summary: str, explanation_md: str,
               evidence_ids: list[int], expected_version: int | None, claim_reviewed: str | None = None) -> Verdict:
    """Create or update the claim's verdict draft and write a ``draft`` revision; one unit of work."""
    claim = get_claim(claim_id)
    _editable(actor, claim)
    content = validate_content(claim, rating_id, summary, explanation_md, claim_reviewed)
    wanted = {int(i) for i in evidence_ids or ()}
    evidence = list(db.session.scalars(select(Evidence).where(
        Evidence.claim_id == claim.id, Evidence.removed_at.is_(None), Evidence.id.in_(wanted)))) if wanted else []
    if len(evidence) != len(wanted):
        raise InvalidInput("Some of the chosen evidence is not (or no longer) attached to this claim.",
                           field="evidence_ids")
    verdict = claim.verdict
    if verdict is None:
        if expected_version:
            raise NotFound("This verdict no longer exists.")
        verdict = Verdict(claim_id=claim.id, author_id=actor.id, status="draft")
        db.session.add(verdict)
    else:
        check_version(verdict, expected_version if expected_version is not None else -1, content)
    before, after = apply_content(verdict, content)
    verdict.status = "draft"
    verdict.author_id = verdict.author_id or actor.id
    verdict.evidence = evidence
    db.session.flush()
    revision = add_revision(verdict, actor, "draft")
    after |= {"revision": revision.number, "evidence_ids": sorted(wanted)}
    audit.record(actor, "verdict.save_draft", verdict, before=before, after=after)
    db.session.commit()
    return verdict


def submit_for_review(actor: User, claim_id: int, *, expected_version: int) -> Verdict:
    """in_review / sent_back → verdict_proposed; the verdict becomes ``proposed`` with a ``submitted`` revision."""
    claim = get_claim(claim_id)
    _editable(actor, claim)
    verdict = claim.verdict
    if verdict is None or verdict.rating_id is None or not verdict.summary:
        raise InvalidInput("Save a verdict with a rating and a summary before submitting it.")
    check_version(verdict, expected_version)
    claim_state.move(actor, claim, "verdict_proposed", detail={"verdict_id": verdict.id})
    verdict.status, verdict.submitted_at = "proposed", utcnow()
    add_revision(verdict, actor, "submitted")
    db.session.commit()
    return verdict
