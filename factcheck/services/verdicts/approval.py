"""Four eyes on every published text: whoever approves a verdict did not write the text they approve, and the
text that is published is the text that was approved.

``Verdict.author_id`` stays the first drafter (the checker told about editorial changes), so it cannot say who
wrote the current words: an editor who rewrites a checker's draft is not its author. The revisions can. A
revision of a writing kind (draft, edit, correction) puts its author's words in; the snapshots (submitted,
sent back, approved) only record a step. Approval appends an ``approved`` snapshot by the approver, so
publishing can check that nobody changed a word since.
"""
from __future__ import annotations

from factcheck.models import User, Verdict, VerdictRevision
from factcheck.services.core.errors import Conflict, PermissionDenied
from factcheck.services.core.guards import can
from factcheck.services.core.settings import get_setting

WRITING_KINDS = frozenset({"draft", "edit", "correction"})
APPROVED_KIND = "approved"


def _text(item: Verdict | VerdictRevision) -> tuple:
    return item.rating_id, item.summary or "", item.explanation_md or ""


def text_author_ids(verdict: Verdict) -> set[int]:
    """Who wrote the verdict's current text: the first drafter, and the author of the writing revision that
    first held exactly this text in the latest run of revisions holding it (a save that changed nothing does
    not make its author the writer)."""
    writer = None
    for revision in reversed(verdict.revisions):
        if _text(revision) != _text(verdict):
            break
        if revision.kind in WRITING_KINDS:
            writer = revision.author_id
    return {i for i in (verdict.author_id, writer) if i is not None}


def self_approval_allowed() -> bool:
    return bool(get_setting("allow_self_approval"))


def can_approve(actor: User, verdict: Verdict) -> bool:
    """Editors approve text someone else wrote; their own only when the admin setting allows it."""
    if not can(actor, "verdicts.approve"):
        return False
    return actor.id not in text_author_ids(verdict) or self_approval_allowed()


def require_approved_text(verdict: Verdict) -> None:
    """Refuse to publish an approved verdict unless its latest revision is an approval of this very text by
    someone who did not write it."""
    latest = verdict.revisions[-1] if verdict.revisions else None
    if latest is None or latest.kind != APPROVED_KIND or _text(latest) != _text(verdict):
        raise Conflict("The verdict's text changed after it was approved; another editor has to "
                       "approve the new text before it is published.")
    if latest.author_id in text_author_ids(verdict) and not self_approval_allowed():
        raise PermissionDenied("This text was approved by its own author; another editor has to approve it "
                               "before it is published.")
