"""The claim state machine: every status change goes through this table (pure: no Flask, no SQLAlchemy).

Each allowed (from, to) pair names the permission it needs. Services call ``check_transition`` and write an
audit event; templates ask ``can_transition`` so buttons match what the server will accept.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.permissions import has_permission

STATES = (
    "new", "triaged", "in_review", "needs_more_info", "verdict_proposed", "sent_back", "approved",
    "published", "corrected", "unpublished", "dismissed", "merged",
)

# (from, to) -> (permission, action name used in the audit trail)
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("new", "triaged"): ("claims.triage", "claim.accept"),
    ("new", "dismissed"): ("claims.triage", "claim.dismiss"),
    ("new", "merged"): ("claims.triage", "claim.merge"),
    ("triaged", "dismissed"): ("claims.triage", "claim.dismiss"),
    ("triaged", "merged"): ("claims.triage", "claim.merge"),
    ("triaged", "in_review"): ("claims.check", "claim.start_review"),
    ("dismissed", "new"): ("claims.triage", "claim.restore"),
    ("merged", "new"): ("claims.triage", "claim.detach"),
    ("in_review", "needs_more_info"): ("claims.check", "claim.needs_more_info"),
    ("needs_more_info", "in_review"): ("claims.check", "claim.resume_review"),
    ("in_review", "verdict_proposed"): ("verdicts.draft", "verdict.submit"),
    ("sent_back", "verdict_proposed"): ("verdicts.draft", "verdict.submit"),
    ("sent_back", "in_review"): ("claims.check", "claim.resume_review"),
    ("verdict_proposed", "sent_back"): ("verdicts.approve", "verdict.send_back"),
    ("verdict_proposed", "approved"): ("verdicts.approve", "verdict.approve"),
    ("approved", "sent_back"): ("verdicts.approve", "verdict.send_back"),
    ("approved", "published"): ("verdicts.publish", "verdict.publish"),
    ("published", "corrected"): ("verdicts.publish", "verdict.correct"),
    ("corrected", "corrected"): ("verdicts.publish", "verdict.correct"),
    ("published", "unpublished"): ("verdicts.unpublish", "verdict.unpublish"),
    ("corrected", "unpublished"): ("verdicts.unpublish", "verdict.unpublish"),
    ("unpublished", "published"): ("verdicts.publish", "verdict.republish"),
    ("unpublished", "in_review"): ("claims.check", "claim.reopen"),
}

PUBLIC_STATES = frozenset({"published", "corrected"})
OPEN_STATES = frozenset({"new", "triaged", "in_review", "needs_more_info", "verdict_proposed", "sent_back", "approved"})
# Claims waiting for someone to pick them up: "take next" hands out only these.
TAKEABLE_STATES = frozenset({"new", "triaged"})
VERDICT_EDITABLE_STATES = frozenset({"in_review", "needs_more_info", "sent_back"})


class TransitionError(Exception):
    """Base for refused transitions."""


class TransitionNotAllowed(TransitionError):
    """The target state cannot be reached from the current one."""


class TransitionForbidden(TransitionError):
    """The transition exists but the actor lacks the permission it needs."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    permission: str
    action: str


def transition(source: str, target: str) -> Transition:
    """Look up a transition or raise ``TransitionNotAllowed``."""
    if source not in STATES or target not in STATES:
        raise TransitionNotAllowed(f"unknown state in {source!r} → {target!r}")
    try:
        permission, action = TRANSITIONS[(source, target)]
    except KeyError:
        raise TransitionNotAllowed(f"a claim cannot go from {source} to {target}") from None
    return Transition(source, target, permission, action)


def check_transition(source: str, target: str, roles: Iterable[str]) -> Transition:
    """Return the transition if ``roles`` may take it; raise otherwise."""
    step = transition(source, target)
    if not has_permission(roles, step.permission):
        raise TransitionForbidden(f"going from {source} to {target} needs the permission {step.permission}")
    return step


def can_transition(source: str, target: str, roles: Iterable[str]) -> bool:
    try:
        check_transition(source, target, roles)
    except TransitionError:
        return False
    return True


def next_states(source: str, roles: Iterable[str]) -> list[str]:
    """States the given roles may move a claim to from ``source``, in table order."""
    roles = tuple(roles)
    return [to for (frm, to) in TRANSITIONS if frm == source and can_transition(frm, to, roles)]
