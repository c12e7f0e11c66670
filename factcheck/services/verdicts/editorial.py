"""Editorial approval: the review queue with diffs, approve/publish, send back, edit, correct, unpublish.

Each action is one unit of work: the claim moves through ``claim_state.move`` (permission + audit row), the
verdict changes with it; the audit rows these moves write are what notifies the checker
(``services/notifications``), once the unit of work commits.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.languages import N_
from factcheck.models import AuditEvent, User, Verdict, VerdictRevision
from factcheck.models.base import utcnow
from factcheck.services.claims import claim_state
from factcheck.services.core import audit
from factcheck.services.core.errors import Conflict, InvalidInput, PermissionDenied
from factcheck.services.core.guards import require
from factcheck.services.core.text_diff import DiffPart, word_diff
from factcheck.services.verdicts.approval import (
    APPROVED_KIND,
    can_approve,
    require_approved_text,
)
from factcheck.services.verdicts.verdicts import (
    add_revision,
    apply_content,
    check_version,
    get_verdict,
    validate_content,
)

NOTE_MAX = 5000
BASELINE_KINDS = frozenset({"submitted", "sent_back", "edit", "correction", "approved"})


# --- read side --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldDiff:
    name: str
    parts: list[DiffPart]

    @property
    def changed(self) -> bool:
        return any(p.op != "equal" for p in self.parts)


@dataclass(frozen=True)
class QueueItem:
    verdict: Verdict
    revision: VerdictRevision | None
    baseline: VerdictRevision | None
    diff: list[FieldDiff]


def baseline_revision(verdict: Verdict) -> VerdictRevision | None:
    """The revision an editor last saw: the latest submitted/editorial one before the current revision."""
    revisions = list(verdict.revisions)
    for revision in reversed(revisions[:-1]):
        if revision.kind in BASELINE_KINDS:
            return revision
    return None


def revision_diff(old: VerdictRevision | None, new: VerdictRevision | None) -> list[FieldDiff]:
    def field(rev, name):
        return (getattr(rev, name) or "") if rev is not None else ""

    return [FieldDiff(label, word_diff(field(old, name), field(new, name))) for label, name in
            ((N_("Rating"), "rating_label"), (N_("Summary"), "summary"), (N_("Explanation"), "explanation_md"))]


def queue_item(verdict: Verdict) -> QueueItem:
    latest = verdict.revisions[-1] if verdict.revisions else None
    baseline = baseline_revision(verdict)
    return QueueItem(verdict, latest, baseline, revision_diff(baseline, latest))


def review_queue() -> list[QueueItem]:
    """Verdicts awaiting approval (proposed, then approved-not-published), oldest submission first."""
    stmt = (select(Verdict).where(Verdict.status == "proposed")
            .order_by(Verdict.submitted_at.is_(None), Verdict.submitted_at, Verdict.id))
    return [queue_item(v) for v in db.session.scalars(stmt)]


def approved_unpublished() -> list[Verdict]:
    stmt = select(Verdict).where(Verdict.status == "approved").order_by(Verdict.submitted_at, Verdict.id)
    return list(db.session.scalars(stmt))


def slugify(text: str, limit: int = 80) -> str:
    # accents drop off their letters; any other non-ASCII character (’, «, —) separates words
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(c if c.isascii() else ("" if unicodedata.combining(c) else "-") for c in decomposed)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].rstrip("-")


def unique_slug(verdict: Verdict) -> str:
    base = f"{verdict.claim_id}-{slugify(verdict.summary)}".rstrip("-")[:110]
    slug, n = base, 2
    while db.session.scalar(select(Verdict.id).where(Verdict.public_slug == slug, Verdict.id != verdict.id)):
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- actions ----------------------------------------------------------------------------------------------

def _load(verdict_id: int, expected_version: int | None) -> Verdict:
    verdict = get_verdict(verdict_id)
    check_version(verdict, expected_version if expected_version is not None else -1)
    return verdict


def _note(text: str | None, missing: str) -> str:
    """The note, or ``missing`` (a whole sentence, marked ``N_`` for the catalogue) when there is none."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput(missing)
    if len(text) > NOTE_MAX:
        raise InvalidInput("The note is limited to %(NOTE_MAX)s characters.", NOTE_MAX=NOTE_MAX)
    return text


def _move(actor: User, verdict: Verdict, target: str, detail: dict) -> AuditEvent:
    """Move the verdict's claim and return the audit row the move wrote."""
    step = claim_state.move(actor, verdict.claim, target, detail={"verdict_id": verdict.id, **detail})
    db.session.flush()
    return db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "claim", AuditEvent.object_id == verdict.claim_id,
        AuditEvent.action == step.action).order_by(AuditEvent.id.desc()).limit(1)).one()


def _approve(actor: User, verdict: Verdict) -> None:
    require(actor, "verdicts.approve", "Approving a verdict needs the permission verdicts.approve.")
    if not can_approve(actor, verdict):
        raise PermissionDenied("You wrote this verdict's text, so another editor has to approve it "
                               "(self-approval is switched off).")
    _move(actor, verdict, "approved", {})
    verdict.status, verdict.editor_id = "approved", actor.id
    add_revision(verdict, actor, APPROVED_KIND)
    db.session.flush()
    db.session.expire(verdict, ["revisions"])  # publishing in the same unit of work reads the new snapshot


def _publish(actor: User, verdict: Verdict) -> AuditEvent:
    if verdict.claim.status == "approved":
        require_approved_text(verdict)
    event = _move(actor, verdict, "published", {})
    verdict.status, verdict.editor_id = "published", actor.id
    verdict.public_slug = verdict.public_slug or unique_slug(verdict)
    verdict.published_at = utcnow()
    verdict.unpublished_at = verdict.unpublish_reason = None
    event.after = {**(event.after or {}), "public_slug": verdict.public_slug}
    return event


def approve(actor: User, verdict_id: int, *, expected_version: int | None, publish: bool = False) -> Verdict:
    """verdict_proposed → approved (and → published when ``publish``)."""
    verdict = _load(verdict_id, expected_version)
    _approve(actor, verdict)
    if publish:
        _publish(actor, verdict)
    db.session.commit()
    return verdict


def publish(actor: User, verdict_id: int, *, expected_version: int | None) -> Verdict:
    """approved (or unpublished) → published; sets the public slug once and the publication time."""
    verdict = _load(verdict_id, expected_version)
    _publish(actor, verdict)
    db.session.commit()
    return verdict


def send_back(actor: User, verdict_id: int, *, note: str, expected_version: int | None) -> Verdict:
    """verdict_proposed / approved → sent_back, the editor's note kept in a revision."""
    verdict = _load(verdict_id, expected_version)
    note = _note(note, N_("Write what the checker should change."))
    _move(actor, verdict, "sent_back", {"note": note})
    verdict.status, verdict.editor_id = "draft", actor.id
    add_revision(verdict, actor, "sent_back", note=note)
    db.session.commit()
    return verdict


def edit_verdict(actor: User, verdict_id: int, *, rating_id, summary: str, explanation_md: str,
                 expected_version: int | None) -> Verdict:
    """An editor changes a proposed or approved verdict directly: a new revision of kind ``edit``."""
    require(actor, "verdicts.approve", "Only editors edit verdicts directly.")
    verdict = get_verdict(verdict_id)
    content = validate_content(verdict.claim, rating_id, summary, explanation_md)
    check_version(verdict, expected_version if expected_version is not None else -1, content)
    if verdict.status not in ("proposed", "approved"):
        if verdict.status == "published":
            raise Conflict("The verdict is published; only proposed or approved verdicts are edited here (use a "
                           "correction).")
        raise Conflict("The verdict is %(status)s; only proposed or approved verdicts are edited here.",
                       status=verdict.status)
    before, after = apply_content(verdict, content)
    verdict.editor_id = actor.id
    if verdict.status == "approved":  # new words need a fresh approval, by someone other than their writer
        _move(actor, verdict, "verdict_proposed", {"reason": "edited after approval"})
        verdict.status = "proposed"
    db.session.flush()
    revision = add_revision(verdict, actor, "edit")
    audit.record(actor, "verdict.edit", verdict, before=before, after=after | {"revision": revision.number})
    db.session.commit()
    return verdict


def correct_verdict(actor: User, verdict_id: int, *, rating_id, summary: str, explanation_md: str, note: str,
                    expected_version: int | None) -> Verdict:
    """published / corrected → corrected: new content, a ``correction`` revision and a visible note."""
    verdict = get_verdict(verdict_id)
    content = validate_content(verdict.claim, rating_id, summary, explanation_md)
    note = _note(note, N_("Write a correction note readers will see."))
    check_version(verdict, expected_version if expected_version is not None else -1, content)
    before, after = apply_content(verdict, content)
    event = _move(actor, verdict, "corrected", {"note": note, **after})
    event.before = {**(event.before or {}), **before}
    verdict.corrected_at, verdict.correction_note, verdict.editor_id = utcnow(), note, actor.id
    db.session.flush()
    add_revision(verdict, actor, "correction", note=note)
    db.session.commit()
    return verdict


def unpublish(actor: User, verdict_id: int, *, reason: str, expected_version: int | None) -> Verdict:
    """published / corrected → unpublished, with the reason."""
    verdict = _load(verdict_id, expected_version)
    reason = _note(reason, N_("Write why the verdict is taken down."))
    _move(actor, verdict, "unpublished", {"reason": reason})
    verdict.status, verdict.unpublished_at, verdict.unpublish_reason = "unpublished", utcnow(), reason
    db.session.commit()
    return verdict

