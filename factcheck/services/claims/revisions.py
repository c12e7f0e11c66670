"""Claim revisions: every correction a person makes to a claim, kept with who, when and each field's old and new value.

Before a claim's first revision, its state as extracted is written as revision 0, so the original survives any
number of corrections. A revision also stamps ``Claim.revised_at``: that bumps the claim's ``version_id`` (a stale
form then gets a 409) and tells re-extraction to leave the claim as the person left it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.models import CORRECTABLE_FIELDS, Claim, ClaimRevision, User
from factcheck.models.base import utcnow
from factcheck.services.core.text_diff import DiffPart, word_diff

ACTION_LABELS = {
    "extracted": "As extracted",
    "split_off": "Split off another claim",
    "edit": "Edited",
    "link_denial": "Linked as a denial",
    "unlink_denial": "Denial link removed",
    "split": "Split",
    "merge": "Merged with another claim",
    "merged_into": "Merged into another claim",
    "detach": "Detached from its duplicate group",
}
FIELD_LABELS = {"text": "Text", "kind": "Kind", "claimant": "Claimant", "claimant_type": "Claimant type",
                "target": "Target",
                "denies": "Denies", "denied_by": "Denied by", "duplicate_group": "Duplicate group",
                "status": "Status"}


def snapshot(claim: Claim) -> dict:
    """The correctable fields of the claim as they are now."""
    return {name: getattr(claim, name) for name in CORRECTABLE_FIELDS}


def new_revision(actor: User | None, claim: Claim, action: str, *, before: dict | None = None,
                 after: dict | None = None, related: Claim | None = None) -> ClaimRevision:
    """Add a revision to the caller's unit of work (revision 0 first when this is the claim's first one).

    ``before`` holds the old values of what changed, so the original is rebuilt from it whether the caller has
    already changed the claim or not.
    """
    db.session.flush()
    last = db.session.scalar(select(func.max(ClaimRevision.number)).where(ClaimRevision.claim_id == claim.id))
    if last is None:
        original = snapshot(claim) | {k: v for k, v in (before or {}).items() if k in CORRECTABLE_FIELDS}
        db.session.add(ClaimRevision(claim_id=claim.id, number=0, action="extracted", after=original))
        last = 0
    revision = ClaimRevision(claim_id=claim.id, number=last + 1, action=action, before=before, after=after,
                             related_claim_id=related.id if related else None,
                             actor_id=actor.id if actor is not None else None)
    db.session.add(revision)
    claim.revised_at = utcnow()
    return revision


def origin_revision(actor: User | None, claim: Claim, action: str, *, related: Claim | None = None) -> None:
    """Revision 0 of a claim a person created (a split-off half): what it held when it was made."""
    db.session.flush()
    db.session.add(ClaimRevision(claim_id=claim.id, number=0, action=action, after=snapshot(claim),
                                 related_claim_id=related.id if related else None,
                                 actor_id=actor.id if actor is not None else None))
    claim.revised_at = utcnow()


# --- the claim page's history ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: object
    after: object
    parts: list[DiffPart]  # a word diff for text fields, empty for the others


@dataclass(frozen=True)
class RevisionView:
    number: int
    action: str
    label: str
    actor: str
    at: datetime
    changes: list[FieldChange]
    related_claim_id: int | None


def _changes(revision: ClaimRevision) -> list[FieldChange]:
    """Each field the revision touched with its old and new value; the text also as a word diff."""
    before, after = revision.before or {}, revision.after or {}
    changes = []
    for name in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(name), after.get(name)
        parts = word_diff(old, new) if name == "text" and isinstance(old, str) and isinstance(new, str) else []
        changes.append(FieldChange(name, FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), old, new,
                                   parts))
    return changes


def history(claim_id: int) -> list[RevisionView]:
    """The claim's revisions, the original first, each with a readable diff of what changed."""
    stmt = (select(ClaimRevision).where(ClaimRevision.claim_id == claim_id)
            .options(selectinload(ClaimRevision.actor)).order_by(ClaimRevision.number))
    return [RevisionView(number=r.number, action=r.action, label=ACTION_LABELS.get(r.action, r.action),
                         actor=r.actor.display_name if r.actor else ("extraction" if r.number == 0 else "system"),
                         at=r.created_at, changes=_changes(r), related_claim_id=r.related_claim_id)
            for r in db.session.scalars(stmt)]


def original(claim_id: int) -> dict | None:
    """The claim as extracted (revision 0), or None when nobody has corrected it."""
    first = db.session.scalar(select(ClaimRevision).where(ClaimRevision.claim_id == claim_id,
                                                          ClaimRevision.number == 0))
    return dict(first.after or {}) if first else None
