"""The words the interface shows for values stored as codes: claim and verdict states, evidence stances, claim
kinds, attributions, bulk actions, roles, article states. Marked with ``N_`` for the catalogue and translated by
the ``label`` template filter, so a French page says « en vérification » where the database says ``in_review``.

Pure (no Flask): the workflow and the services keep their codes; only the templates turn them into words.
"""
from __future__ import annotations

from factcheck.languages import N_

LABELS: dict[str, str] = {
    # claim states (factcheck.workflow.STATES)
    "new": N_("new"), "triaged": N_("triaged"), "in_review": N_("in review"),
    "needs_more_info": N_("needs more info"), "verdict_proposed": N_("verdict proposed"),
    "sent_back": N_("sent back"), "approved": N_("approved"), "published": N_("published"),
    "corrected": N_("corrected"), "unpublished": N_("unpublished"), "dismissed": N_("dismissed"),
    "merged": N_("merged"),
    # verdict states and revision kinds
    "draft": N_("draft"), "proposed": N_("proposed"), "submitted": N_("submitted"), "edit": N_("edit"),
    "correction": N_("correction"),
    # evidence stances
    "supports": N_("supports"), "refutes": N_("refutes"), "context": N_("context"),
    # claim kinds
    "accusation": N_("accusation"), "denial": N_("denial"), "quote": N_("quote"), "statement": N_("statement"),
    "prediction": N_("prediction"), "proposal": N_("proposal"),
    # how a claim is attributed
    "author": N_("the article's own"), "reported": N_("reported"), "direct_quote": N_("direct quote"),
    # bulk queue actions
    "accept": N_("accept"), "dismiss": N_("dismiss"), "priority": N_("set priority"), "assign_me": N_("assign to me"),
    "unassign": N_("unassign"),
    # roles
    "reviewer": N_("reviewer"), "checker": N_("checker"), "editor": N_("editor"), "admin": N_("admin"),
    # article states
    "queued": N_("queued"), "fetching": N_("fetching"), "extracting": N_("extracting"), "done": N_("done"),
    "failed": N_("failed"),
    # a claimant, as ClaimReview types it
    "Person": N_("person"), "Organization": N_("organisation"),
    # webhook deliveries (also "failed")
    "pending": N_("pending"), "delivered": N_("delivered"),
}


def label(code: str | None) -> str:
    """The untranslated English word for ``code`` (its own spelling, underscores as spaces, when unknown)."""
    if not code:
        return ""
    return LABELS.get(code, code.replace("_", " "))
