"""Reviewers' triage: accept, dismiss, merge, detach, restore, prioritise, assign, take next, bulk.

One public function is one unit of work: it checks the actor (permission, and queue membership for
reviewers), loads the claim at the version the form saw, moves it through ``claim_state.move`` (which
writes the audit event) and commits once. Bulk actions are all or nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial
from typing import cast

from sqlalchemy import JSON, ColumnElement, Executable, Insert, Integer, Table, bindparam, exists, select, true, update
from sqlalchemy.orm import aliased

from factcheck import workflow
from factcheck.extensions import db
from factcheck.languages import N_
from factcheck.models import Claim, ClaimLink, Queue, QueueMember, User
from factcheck.models.base import utcnow
from factcheck.models.desk_scale import REVIEWABLE_STATES, status_in
from factcheck.services.claims import claim_state, duplicates, revisions
from factcheck.services.core import audit
from factcheck.services.core.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    Message,
    NotFound,
    PermissionDenied,
    ServiceError,
)
from factcheck.services.core.guards import can, require

# The labels are English and marked for the catalogue; forms and templates translate them where they are shown.
DISMISS_REASONS = {
    "not_check_worthy": N_("Not check-worthy"),
    "opinion": N_("Opinion, not a factual claim"),
    "duplicate": N_("Duplicate"),
    "out_of_scope": N_("Out of scope"),
}
PRIORITIES = {0: N_("Normal"), 1: N_("High"), 2: N_("Urgent"), 3: N_("Top")}
BULK_ACTIONS = ("accept", "dismiss", "priority", "assign_me", "unassign")


class _Membership:
    """Which queues the actor may triage in: editors and admins everywhere, reviewers in their own queues."""

    def __init__(self, actor: User):
        self.everywhere = can(actor, "claims.edit_any")
        self.queue_ids: set[int] = set() if self.everywhere else set(db.session.scalars(
            select(QueueMember.queue_id).where(QueueMember.user_id == actor.id)))

    def check(self, queue_id: int | None, claim_id: int | None = None) -> None:
        if self.everywhere or queue_id is None or queue_id in self.queue_ids:
            return
        what = f"claim #{claim_id}" if claim_id else "this queue"
        raise PermissionDenied("You are not a member of the queue of %(what)s; ask an admin to add you.", what=what)

    @staticmethod
    def clause(everywhere: bool, actor_id: ColumnElement[int], queue_id: ColumnElement[int]) -> ColumnElement[bool]:
        """The same rule in SQL, for a statement that checks it as it writes (``everywhere``: the actor may
        ``claims.edit_any``)."""
        if everywhere:
            return true()
        return exists().where(QueueMember.queue_id == queue_id, QueueMember.user_id == actor_id)


def _load(claim_id: int, version: int | None, membership: _Membership) -> Claim:
    claim = claim_state.get_claim(claim_id, expected_version=version)
    membership.check(claim.queue_id, claim.id)
    return claim


def _commit_one(actor: User, permission: str, claim_id: int, version: int | None,
                apply: Callable[[User, Claim, _Membership], None]) -> Claim:
    require(actor, permission)
    membership = _Membership(actor)
    claim = _load(claim_id, version, membership)
    apply(actor, claim, membership)
    db.session.commit()
    return claim


# --- single actions: each builds on an ``_apply_*`` that bulk reuses --------------------------------------

def _apply_accept(queue_id: int | None):
    def apply(actor: User, claim: Claim, membership: _Membership) -> None:
        target_queue = queue_id or claim.queue_id
        if target_queue is None:
            raise InvalidInput("Choose a queue to accept claim #%(id)s into.", id=claim.id)
        queue = db.session.get(Queue, target_queue)
        if queue is None or queue.archived:
            raise InvalidInput("That queue does not exist or is archived.")
        membership.check(queue.id)
        before_queue = claim.queue_id
        claim_state.move(actor, claim, "triaged", detail={"queue_id": queue.id, "queue_before": before_queue})
        claim.queue_id = queue.id
        claim.triaged_at = utcnow()
    return apply


def accept(actor: User, claim_id: int, *, expected_version: int | None, queue_id: int | None = None) -> Claim:
    """new → triaged, into ``queue_id`` (or the queue routing already chose)."""
    return _commit_one(actor, "claims.triage", claim_id, expected_version, _apply_accept(queue_id))


def _apply_dismiss(reason: str):
    if reason not in DISMISS_REASONS:
        raise InvalidInput("Choose a reason for dismissing: %(value)s.", value=', '.join(DISMISS_REASONS))

    def apply(actor: User, claim: Claim, membership: _Membership) -> None:
        claim_state.move(actor, claim, "dismissed", detail={"reason": reason})
        claim.dismiss_reason = reason
    return apply


def dismiss(actor: User, claim_id: int, *, expected_version: int | None, reason: str) -> Claim:
    """Dismiss with one of ``DISMISS_REASONS``."""
    return _commit_one(actor, "claims.triage", claim_id, expected_version, _apply_dismiss(reason))


def restore(actor: User, claim_id: int, *, expected_version: int | None) -> Claim:
    """dismissed → new; the dismissal stays in the audit trail."""
    def apply(actor: User, claim: Claim, membership: _Membership) -> None:
        if claim.status != "dismissed":
            raise InvalidTransition("claim #%(id)s is %(status)s, not dismissed", id=claim.id, status=claim.status)
        claim_state.move(actor, claim, "new", detail={"reason_before": claim.dismiss_reason})
        claim.dismiss_reason = None
    return _commit_one(actor, "claims.triage", claim_id, expected_version, apply)


def merge(actor: User, claim_id: int, *, expected_version: int | None, into_claim_id: int) -> Claim:
    """Merge a duplicate into the claim kept: → merged, and into the kept claim's duplicate group."""
    def apply(actor: User, claim: Claim, membership: _Membership) -> None:
        if into_claim_id == claim.id:
            raise InvalidInput("A claim cannot be merged into itself.")
        kept = db.session.get(Claim, into_claim_id)
        if kept is None:
            raise NotFound("There is no claim %(into_claim_id)s to merge into.", into_claim_id=into_claim_id)
        if kept.status in ("merged", "dismissed"):
            raise InvalidInput("Claim #%(id)s is %(status)s; merge into a claim that is still kept.", id=kept.id,
                               status=kept.status)
        claim_state.move(actor, claim, "merged", detail={"into": kept.id, "group": duplicates.canonical_id(kept)})
        duplicates.join(claim, kept)
    return _commit_one(actor, "claims.triage", claim_id, expected_version, apply)


def detach(actor: User, claim_id: int, *, expected_version: int | None) -> Claim:
    """Take a claim out of its duplicate group (a merged one goes back to new); audited, and kept as a revision,
    so re-extraction never puts it back. When the canonical claim leaves, the oldest member leads the group."""
    def apply(actor: User, claim: Claim, membership: _Membership) -> None:
        if claim.status != "merged" and duplicates.group_size(claim) == 1:  # dismissed → new is a restore
            raise InvalidTransition("claim #%(id)s is %(status)s and in no duplicate group", id=claim.id,
                                    status=claim.status)
        left = duplicates.leave(claim)
        if claim.status == "merged":
            claim_state.move(actor, claim, "new", detail={"detached_from": left})
        else:
            audit.record(actor, "claim.detach", claim, before={"duplicate_group": left},
                         after={"duplicate_group": None})
        if left is not None:
            revisions.new_revision(actor, claim, "detach", before={"duplicate_group": left},
                                   after={"duplicate_group": None})
    return _commit_one(actor, "claims.triage", claim_id, expected_version, apply)


def _apply_priority(priority: int):
    if priority not in PRIORITIES:
        raise InvalidInput("Priority must be one of %(value)s.", value=', '.join(map(str, PRIORITIES)))

    def apply(actor: User, claim: Claim, membership: _Membership) -> None:
        if claim.priority == priority:
            return
        audit.record(actor, "claim.set_priority", claim, before={"priority": claim.priority},
                     after={"priority": priority})
        claim.priority = priority
    return apply


def set_priority(actor: User, claim_id: int, *, expected_version: int | None, priority: int) -> Claim:
    """Set the claim's priority (audited)."""
    return _commit_one(actor, "claims.triage", claim_id, expected_version, _apply_priority(priority))


def _apply_assign(assignee_id: int | None):
    def apply(actor: User, claim: Claim, membership: _Membership) -> None:
        if assignee_id is not None:
            assignee = db.session.get(User, assignee_id)
            if assignee is None or not assignee.active:
                raise InvalidInput("Assign the claim to an active colleague.")
        if claim.assignee_id == assignee_id:
            return
        audit.record(actor, "claim.assign", claim, before={"assignee_id": claim.assignee_id},
                     after={"assignee_id": assignee_id})
        claim.assignee_id = assignee_id
    return apply


def assign(actor: User, claim_id: int, *, expected_version: int | None, assignee_id: int | None) -> Claim:
    """Assign the claim to a user (or to nobody); audited."""
    return _commit_one(actor, "claims.assign", claim_id, expected_version, _apply_assign(assignee_id))


# --- bulk -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BulkItem:
    claim_id: int
    version_id: int


def bulk(actor: User, items: Iterable[BulkItem], action: str, *, reason: str | None = None,
         priority: int | None = None, queue_id: int | None = None) -> list[Claim]:
    """Apply one action to every selected claim in one unit of work: all of them, or none (409 naming it)."""
    items = list(items)
    if not items:
        raise InvalidInput("Select at least one claim.")
    if action not in BULK_ACTIONS:
        raise InvalidInput("Unknown bulk action %(action)s.", action=repr(action))
    require(actor, "claims.assign" if action in ("assign_me", "unassign") else "claims.triage")
    apply = {
        "accept": lambda: _apply_accept(queue_id),
        "dismiss": lambda: _apply_dismiss(reason or ""),
        "priority": lambda: _apply_priority(priority if priority is not None else -1),
        "assign_me": lambda: _apply_assign(actor.id),
        "unassign": lambda: _apply_assign(None),
    }[action]()
    membership = _Membership(actor)
    done: list[Claim] = []
    try:
        for item in items:
            try:
                claim = _load(item.claim_id, item.version_id, membership)
                apply(actor, claim, membership)
            except InvalidTransition as exc:
                raise InvalidTransition("Claim #%(claim_id)s: %(exc)s. Nothing was changed.", claim_id=item.claim_id,
                                        exc=exc) from exc
            except Conflict as exc:
                raise Conflict("Claim #%(claim_id)s: %(exc)s Nothing was changed.", exc.changes, claim_id=item.claim_id,
                               exc=exc) from exc
            except ServiceError as exc:
                exc.reword("Claim #%(claim_id)s: %(exc)s Nothing was changed.", claim_id=item.claim_id, exc=str(exc))
                raise
            done.append(claim)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return done


# --- take next and disputes -------------------------------------------------------------------------------

def _review_only(actor: User) -> bool:
    """Whether the actor takes only claims waiting for review: a checker, who does not triage."""
    if can(actor, "claims.assign"):
        return False
    require(actor, "claims.check", "Taking the next claim needs the permission claims.assign or claims.check.")
    return True


def take_next(actor: User, queue_id: int) -> Claim | None:
    """Hand the actor the top unassigned claim waiting for triage or review (a checker: for review), atomically;
    None if none is left.

    One statement picks the claim, assigns it and returns it, the membership check inside its WHERE; on
    PostgreSQL it writes the audit row too (a data-modifying CTE) and ``FOR UPDATE SKIP LOCKED`` lets concurrent
    takers pass over a row another one holds; SQLite, without row locks, runs the statement under its database
    write lock, so no one can take the claim between the pick and the update, and adds the audit row next. Only
    when nothing was taken is it asked why (no such queue, not a member, or an empty queue).
    """
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    take, log = _take_statements(postgresql, _review_only(actor), can(actor, "claims.edit_any"))
    params = {"taker_id": actor.id, "take_from_queue": queue_id, "take_audit_after": {"assignee_id": actor.id}}
    claim = db.session.scalars(take, params, execution_options={"populate_existing": True}).first()
    if claim is None:
        db.session.rollback()
        _refuse_or_none(actor, queue_id)
        return None
    if log is not None:
        db.session.execute(log, params | {"taken_claim_id": claim.id})
    _commit_keeping_loaded()
    return claim


@cache
def _take_statements(postgresql: bool, review_only: bool, everywhere: bool) -> tuple[Executable, Insert | None]:
    """Take-next's statements, built once per kind of taker: the take, which on PostgreSQL writes the audit row
    too, and else the audit row's INSERT. Their parameters are named after no column, since an UPDATE's execution
    parameters named after a column would set it."""
    actor_id, queue_id = bindparam("taker_id", type_=Integer), bindparam("take_from_queue", type_=Integer)
    states = REVIEWABLE_STATES if review_only else workflow.TAKEABLE_STATES
    # the first entry of ix_claims_takeable (a checker's: of ix_claims_reviewable, the claims waiting for review)
    pick = (select(Claim.id)
            .where(Claim.queue_id == queue_id, Claim.assignee_id.is_(None), status_in(states),
                   _Membership.clause(everywhere, actor_id, queue_id))
            .order_by(Claim.priority.desc(), Claim.checkworthiness.desc(), Claim.id)
            .limit(1).with_for_update(of=Claim, skip_locked=True))
    claims = cast(Table, Claim.__table__)  # a Core UPDATE; the claim is loaded from what it returns
    taken = (update(claims).where(Claim.id == pick.scalar_subquery())
             .values(assignee_id=actor_id, version_id=Claim.version_id + 1).returning(*claims.c))
    log = partial(audit.record_each, "claim.take", object_type="claim", actor_id=actor_id,
                  before={"assignee_id": None}, after=bindparam("take_audit_after", type_=JSON))
    if postgresql:
        rows = taken.cte("taken")
        return select(aliased(Claim, rows)).add_cte(log(rows).cte("logged")), None
    return select(Claim).from_statement(taken), log(select(Claim.id).where(Claim.id == bindparam("taken_claim_id"))
                                                    .subquery())


def _commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds: a take changes only the claim, which its RETURNING
    refreshed, so reading the claim (or the actor's roles at the next take) costs no round trip."""
    session = db.session()
    expiring, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expiring


def _refuse_or_none(actor: User, queue_id: int) -> None:
    """Why take-next found nothing: no such queue (404), not a member (403), or nothing left (None)."""
    if db.session.get(Queue, queue_id) is None:
        raise NotFound("There is no queue %(queue_id)s.", queue_id=queue_id)
    _Membership(actor).check(queue_id)


def work_on_pair(actor: User, claim_id: int, *, expected_version: int | None, partner_id: int,
                 partner_version: int | None) -> tuple[Claim, Claim]:
    """Assign an accusation and the denial that answers it to the actor, both or neither."""
    require(actor, "claims.assign")
    membership = _Membership(actor)
    claim = _load(claim_id, expected_version, membership)
    partner = _load(partner_id, partner_version, membership)
    link = db.session.scalar(select(ClaimLink.id).where(
        ClaimLink.type == "denies",
        ((ClaimLink.source_claim_id == claim.id) & (ClaimLink.target_claim_id == partner.id))
        | ((ClaimLink.source_claim_id == partner.id) & (ClaimLink.target_claim_id == claim.id))))
    if link is None:
        raise InvalidInput("Claims #%(id)s and #%(id2)s are not a denial and its accusation.", id=claim.id,
                           id2=partner.id)
    for c in (claim, partner):
        if c.assignee_id not in (None, actor.id):
            raise Conflict("Claim #%(id)s is already assigned to someone else; nothing was changed.", id=c.id,
                           changes=[Message("claim #%(id)s is assigned to %(name)s", id=c.id,
                                                    name=c.assignee.display_name)])
    try:
        for c in (claim, partner):
            _apply_assign(actor.id)(actor, c, membership)
        audit.record(actor, "claim.take_pair", claim, after={"pair": [claim.id, partner.id]})
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return claim, partner
