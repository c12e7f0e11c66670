"""Never losing a checker's typing: autosave of a verdict draft and "save and submit" in one click.

Both go through ``save_draft``, so the optimistic lock still refuses a form based on an older version (the
``Conflict`` names theirs against yours) and every save is a revision. A save is skipped when the form holds what
the draft already says, so an autosave timer writes no empty revisions; submitting saves first, so text typed
since the last save is never dropped by a refused submission.
"""
from __future__ import annotations

from dataclasses import dataclass

from factcheck.models import User, Verdict
from factcheck.services.claims.claim_state import get_claim
from factcheck.services.claims.desk import require_claim_editor
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.guards import require
from factcheck.services.verdicts.verdicts import save_draft, submit_for_review, validate_content


@dataclass(frozen=True)
class DraftInput:
    """What the verdict form holds."""

    rating_id: str | int | None
    summary: str
    explanation_md: str
    evidence_ids: list[int]
    expected_version: int | None
    claim_reviewed: str | None = None


def holds(verdict: Verdict | None, form: DraftInput) -> bool:
    """Whether the draft already says what the form holds (validated the way a save validates it)."""
    if verdict is None:
        return False
    try:
        content = validate_content(verdict.claim, form.rating_id, form.summary, form.explanation_md,
                                   form.claim_reviewed)
    except InvalidInput:
        return False
    reviewed = content.claim_reviewed is None or (content.claim_reviewed or None) == verdict.claim_reviewed
    return (content.rating.id == verdict.rating_id and content.summary == verdict.summary
            and content.explanation_md == verdict.explanation_md and reviewed
            and {int(i) for i in form.evidence_ids} == {e.id for e in verdict.evidence})


def save(actor: User, claim_id: int, form: DraftInput) -> Verdict:
    """Save the form as a new draft revision (``save_draft``: permission, lock, validation, audit)."""
    return save_draft(actor, claim_id, rating_id=form.rating_id, summary=form.summary,
                      explanation_md=form.explanation_md, evidence_ids=form.evidence_ids,
                      expected_version=form.expected_version, claim_reviewed=form.claim_reviewed)


def autosave(actor: User, claim_id: int, form: DraftInput) -> tuple[Verdict, bool]:
    """Save the draft when the form differs from it; returns the verdict and whether a revision was written."""
    require(actor, "verdicts.draft", "You cannot draft verdicts.")
    claim = get_claim(claim_id)
    require_claim_editor(actor, claim)
    verdict = claim.verdict
    if verdict is not None and verdict.version_id == form.expected_version and holds(verdict, form):
        return verdict, False
    return save(actor, claim_id, form), True


def save_and_submit(actor: User, claim_id: int, form: DraftInput) -> Verdict:
    """Save what the form holds (if it differs from the draft), then submit it for editorial review."""
    verdict, _ = autosave(actor, claim_id, form)
    return submit_for_review(actor, claim_id, expected_version=verdict.version_id)
