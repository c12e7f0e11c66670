"""What a person may do right now on a claim, a verdict or a queue row, as data (pure: no Flask, no SQLAlchemy).

Each function takes the actor's roles, the object's state and the object checks the services already made
(assignment, queue membership, self-approval) and returns the actions to offer: name, label, endpoint, method,
style and confirmation text. Views pass the result to templates, which only render it, so a button shows exactly
when the server would accept what it sends. Workflow buttons are looked up by the audit action of the transition
they take (``workflow.TRANSITIONS``), so a change to the state machine changes the buttons with it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from factcheck.languages import N_
from factcheck.permissions import has_permission
from factcheck.workflow import VERDICT_EDITABLE_STATES, can_transition, next_states, transition


@dataclass(frozen=True)
class Action:
    """One thing to offer: ``method`` "post" is a button in a form carrying the CSRF token, "get" a link."""

    name: str
    label: str
    endpoint: str
    method: str = "post"
    style: str = "secondary"
    confirm: str | None = None  # asked in the browser before the form is sent
    fields: tuple[tuple[str, str], ...] = ()  # fixed hidden fields, e.g. (("direction", "up"),)


def _step(source: str, target: str, roles: frozenset[str]) -> str | None:
    """The audit action of ``source`` → ``target`` when ``roles`` may take it, else None."""
    if not can_transition(source, target, roles):
        return None
    return transition(source, target).action


def _names(values: Iterable[object]) -> list[str]:
    """The names of every action among a view model's fields, in field order (for tests and logs)."""
    names: list[str] = []
    for value in values:
        if isinstance(value, Action):
            names.append(value.name)
        elif isinstance(value, tuple):
            names += [a.name for a in value if isinstance(a, Action)]
        elif isinstance(value, Mapping):
            names += sorted({a.name for a in value.values() if isinstance(a, Action)})
    return names


# --- the claim page ----------------------------------------------------------------------------------------

# Claim-page buttons for workflow transitions, by the audit action of the transition they take.
REVIEW_BUTTONS = {
    "claim.start_review": Action("start_review", N_("Start review"), "claims.start_review", style="primary"),
    "claim.resume_review": Action("resume_review", N_("Resume review"), "claims.resume_review"),
}
DRAFT_VERDICT = Action("draft_verdict", N_("Draft a verdict"), "claims.verdict", method="get")
EDIT_VERDICT = Action("edit_verdict", N_("Edit verdict draft"), "claims.verdict", method="get")
NEEDS_MORE_INFO = Action("needs_more_info", N_("Mark as needing more information"), "claims.needs_more_info")
START_REVIEW_PAIR = Action("start_review_pair", N_("Start review on both"), "claims.start_review_pair", style="primary")
SUBMIT_VERDICT = Action("submit_verdict", N_("Submit for editorial review"), "claims.submit_verdict", style="primary")
EVIDENCE_BUTTONS = (
    Action("move_evidence_up", N_("↑ Up"), "claims.move_evidence", fields=(("direction", "up"),)),
    Action("move_evidence_down", N_("↓ Down"), "claims.move_evidence", fields=(("direction", "down"),)),
    Action("edit_evidence", N_("Edit"), "claims.edit_evidence", method="get"),
    Action("remove_evidence", N_("Remove"), "claims.remove_evidence", style="danger"),
)
RESTORE_EVIDENCE = Action("restore_evidence", N_("Restore"), "claims.restore_evidence")
ATTACH_SOURCE = Action("attach_source", N_("Attach a source"), "claims.new_source", method="get")
COMMENT = Action("comment", N_("Post comment"), "claims.add_comment")
EDITORIAL_VIEW = Action("editorial_view", N_("Editorial view"), "editorial.show", method="get", style="link")
ANSWER_VIA_REVIEW = frozenset({"triaged", "needs_more_info"})  # answered by going through review first
ANSWER_WITH_VERDICT = Action("answer_with_verdict", N_("Answer with this verdict and close"),
                             "claims.answer_with_verdict", style="primary")


@dataclass(frozen=True)
class ClaimActions:
    """The claim page's actions, by the place the page shows them."""

    review: tuple[Action, ...] = ()  # the bar under the claim: start or resume review, the verdict draft
    needs_more_info: Action | None = None
    start_review_pair: Mapping[int, Action] = field(default_factory=dict)  # by the other claim's id
    evidence: tuple[Action, ...] = ()  # on each evidence item
    restore_evidence: Action | None = None
    attach_source: Action | None = None
    submit_verdict: Action | None = None
    editorial_view: Action | None = None
    comment: Action | None = None

    def names(self) -> list[str]:
        return _names(vars(self).values())


def _pair_startable(status: str, other_status: str, roles: frozenset[str]) -> bool:
    """Both halves waiting for or in review, at least one still waiting, and the roles may start a review."""
    statuses = {status, other_status}
    return statuses <= {"triaged", "in_review"} and "triaged" in statuses and \
        _step("triaged", "in_review", roles) is not None


def claim_actions(status: str, roles: Iterable[str], *, may_edit: bool, verdict_status: str | None = None,
                  partners: Mapping[int, str] | None = None) -> ClaimActions:
    """What the claim page offers: ``may_edit`` is the assignment check, ``partners`` the dispute halves' states."""
    roles = frozenset(roles)
    comment = COMMENT if has_permission(roles, "claims.comment") else None
    editorial_view = EDITORIAL_VIEW if verdict_status is not None and has_permission(roles, "verdicts.review") \
        else None
    if not may_edit:
        return ClaimActions(editorial_view=editorial_view, comment=comment)
    review = [REVIEW_BUTTONS[a] for a in [_step(status, "in_review", roles)] if a in REVIEW_BUTTONS]
    if has_permission(roles, "verdicts.draft") and status in VERDICT_EDITABLE_STATES:
        review.append(EDIT_VERDICT if verdict_status is not None else DRAFT_VERDICT)
    sources = has_permission(roles, "sources.edit")
    return ClaimActions(
        review=tuple(review),
        needs_more_info=NEEDS_MORE_INFO if _step(status, "needs_more_info", roles) else None,
        start_review_pair={other_id: START_REVIEW_PAIR for other_id, other_status in (partners or {}).items()
                           if _pair_startable(status, other_status, roles)},
        evidence=EVIDENCE_BUTTONS if sources else (),
        restore_evidence=RESTORE_EVIDENCE if sources else None,
        attach_source=ATTACH_SOURCE if sources else None,
        submit_verdict=SUBMIT_VERDICT if verdict_status == "draft" and _step(status, "verdict_proposed", roles)
        else None,
        editorial_view=editorial_view,
        comment=comment,
    )


def answer_action(status: str, roles: Iterable[str], *, may_edit: bool) -> Action | None:
    """"Answer with this verdict" beside an already-checked match: the claim can go to ``merged`` now (a triage
    merge, or a checker's answer in review), or a checker can put a claim waiting for review in review and answer
    it."""
    roles = frozenset(roles)
    direct = _step(status, "merged", roles) is not None
    via_review = status in ANSWER_VIA_REVIEW and _step(status, "in_review", roles) is not None \
        and _step("in_review", "merged", roles) is not None
    return ANSWER_WITH_VERDICT if may_edit and (direct or via_review) else None


# --- the editorial page ------------------------------------------------------------------------------------

APPROVE = Action("approve", N_("Approve"), "editorial.approve", style="primary")
PUBLISH = Action("publish", N_("Publish"), "editorial.publish", style="primary")
SEND_BACK = Action("send_back", N_("Send back"), "editorial.send_back")
EDIT_DIRECTLY = Action("edit", N_("Save edit"), "editorial.edit")
CORRECT = Action("correct", N_("Publish correction"), "editorial.correct")
UNPUBLISH = Action("unpublish", N_("Unpublish"), "editorial.unpublish", style="danger")
# Verdict statuses (not claim states) in which an editor may edit the verdict directly; the editorial service
# refuses an edit in any other.
EDITOR_EDITABLE_VERDICT_STATES = frozenset({"proposed", "approved"})


@dataclass(frozen=True)
class EditorialActions:
    """An editor's choices on one verdict; ``self_approval_blocked``: approving is refused only for authorship;
    ``edit_withdraws_approval``: saving an edit sends the approved verdict back for a fresh approval."""

    approve: Action | None = None
    self_approval_blocked: bool = False
    edit_withdraws_approval: bool = False
    publish: Action | None = None
    send_back: Action | None = None
    edit: Action | None = None
    correct: Action | None = None
    unpublish: Action | None = None

    def names(self) -> list[str]:
        return _names(vars(self).values())


def editorial_actions(claim_status: str, verdict_status: str, roles: Iterable[str], *,
                      may_approve: bool) -> EditorialActions:
    """What the editorial page offers; ``may_approve`` is the self-approval check of the editorial service."""
    roles = frozenset(roles)
    approvable = _step(claim_status, "approved", roles) is not None
    editable = verdict_status in EDITOR_EDITABLE_VERDICT_STATES and has_permission(roles, "verdicts.approve")
    return EditorialActions(
        approve=APPROVE if approvable and may_approve else None,
        self_approval_blocked=approvable and not may_approve,
        edit_withdraws_approval=editable
        and _step(claim_status, "verdict_proposed", roles) == "verdict.edit_after_approval",
        publish=PUBLISH if _step(claim_status, "published", roles) else None,
        send_back=SEND_BACK if _step(claim_status, "sent_back", roles) else None,
        edit=EDIT_DIRECTLY if editable else None,
        correct=CORRECT if _step(claim_status, "corrected", roles) else None,
        unpublish=UNPUBLISH if _step(claim_status, "unpublished", roles) else None,
    )


# --- the queue ---------------------------------------------------------------------------------------------

# Row buttons for triage transitions, by audit action; they show in the workflow table's order.
TRIAGE_BUTTONS = {
    "claim.accept": Action("accept", N_("Accept"), "queue.accept", style="primary"),
    "claim.dismiss": Action("dismiss", N_("Dismiss"), "queue.dismiss"),
    "claim.merge": Action("merge", N_("Merge"), "queue.merge"),
    "claim.detach": Action("detach", N_("Detach (undo merge)"), "queue.detach"),
    "claim.restore": Action("restore", N_("Restore"), "queue.restore"),
}
SET_PRIORITY = Action("priority", N_("Set"), "queue.set_priority")
ASSIGN_ME = Action("assign_me", N_("Assign to me"), "queue.assign", fields=(("assignee", "me"),))
ASSIGN = Action("assign", N_("Assign"), "queue.assign")
WORK_ON_PAIR = Action("pair", N_("Work on the pair"), "queue.work_on_pair")
TAKE_NEXT = Action("take_next", N_("Take next claim"), "queue.take_next", style="primary")


@dataclass(frozen=True)
class RowActions:
    """A queue row's buttons, and the one offered beside each half of a dispute."""

    buttons: tuple[Action, ...] = ()
    work_on_pair: Action | None = None

    def names(self) -> list[str]:
        return _names(vars(self).values())


def queue_row_actions(status: str, roles: Iterable[str], *, may_work: bool, assigned_to_me: bool) -> RowActions:
    """A row's triage buttons; ``may_work`` is the queue-membership check (rows of other queues show none)."""
    roles = frozenset(roles)
    if not may_work:
        return RowActions()
    buttons = [TRIAGE_BUTTONS[a] for a in (_step(status, t, roles) for t in next_states(status, roles))
               if a in TRIAGE_BUTTONS]
    if has_permission(roles, "claims.triage"):
        buttons.append(SET_PRIORITY)
    assign = has_permission(roles, "claims.assign")
    if assign:
        buttons += [ASSIGN] if assigned_to_me else [ASSIGN_ME, ASSIGN]
    return RowActions(buttons=tuple(buttons), work_on_pair=WORK_ON_PAIR if assign else None)


def take_next_action(roles: Iterable[str], *, may_work: bool) -> Action | None:
    """The queue page's "Take next claim": for those who assign (the next claim to triage or review) and checkers
    (the next claim waiting for review), in a queue they work in."""
    takes = has_permission(roles, "claims.assign") or has_permission(roles, "claims.check")
    return TAKE_NEXT if may_work and takes else None
