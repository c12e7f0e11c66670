"""The claim state machine: every status change goes through this table (pure: no Flask, no SQLAlchemy).

Each allowed (from, to) pair names the permission it needs. The table answers questions and refuses nothing
on its own: ``transition`` looks a step up (``TransitionNotAllowed`` when there is none), ``can_transition`` and
``next_states`` say what some roles may do, so templates show only the buttons the server will accept.
Services go through ``factcheck.services.core.guards.require_transition``, which turns a missing step into the
service error ``InvalidTransition`` and checks the step's permission for the actor; that keeps this module
free of the service layer (and of Flask and SQLAlchemy) while every refusal a user sees is a service error.
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
    # a checker answers the claim with an earlier published verdict: it joins that claim's duplicate group
    ("in_review", "merged"): ("claims.check", "claim.answer"),
    ("in_review", "verdict_proposed"): ("verdicts.draft", "verdict.submit"),
    ("sent_back", "verdict_proposed"): ("verdicts.draft", "verdict.submit"),
    ("sent_back", "in_review"): ("claims.check", "claim.resume_review"),
    ("verdict_proposed", "sent_back"): ("verdicts.approve", "verdict.send_back"),
    ("verdict_proposed", "approved"): ("verdicts.approve", "verdict.approve"),
    ("approved", "sent_back"): ("verdicts.approve", "verdict.send_back"),
    # an editor's edit of an approved verdict sends it back for a fresh approval
    ("approved", "verdict_proposed"): ("verdicts.approve", "verdict.edit_after_approval"),
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


class TransitionNotAllowed(Exception):
    """The target state cannot be reached from the current one (a lookup miss; the guard translates it)."""


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


def can_transition(source: str, target: str, roles: Iterable[str]) -> bool:
    """Whether the table has this step and ``roles`` grant the permission it needs."""
    step = TRANSITIONS.get((source, target))
    return step is not None and has_permission(roles, step[0])


def next_states(source: str, roles: Iterable[str]) -> list[str]:
    """States the given roles may move a claim to from ``source``, in table order."""
    roles = tuple(roles)
    return [to for (frm, to) in TRANSITIONS if frm == source and can_transition(frm, to, roles)]
