"""What keeps the desk's pages flat as claims grow: per-queue status counters and the indexes its reads walk.

``ClaimStatusCount`` is kept by database triggers (migration 0009) in the same transaction as every insert, delete
and status or queue change of a claim, whichever code path makes it, so the queue list's counts read a few rows
instead of every index entry of the queue. The indexes give each hot read its order directly: take-next's partial
index holds only the claims it may hand out, in hand-out order; the queue list picks its page per queue from the
open claims' ``(coalesce(queue_id, 0), <sort key>, id)`` or, with chosen statuses, per (queue, status) from
``(queue_id, status, <sort key>, id)``; the dashboard finds the oldest and median open claim of a queue in the
open claims' date index (within the month its rollup names, ``dashboard_rollup.py``).
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Index, Integer, String, func, literal_column, text
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.extensions import Model
from factcheck.models.audit import AuditEvent
from factcheck.models.claim import Claim
from factcheck.models.verdict import Verdict
from factcheck.workflow import OPEN_STATES, TAKEABLE_STATES

NO_QUEUE = 0  # ``queue_key`` of unrouted claims: a key column cannot hold NULL


def _in(states: frozenset[str]):
    """``status IN (…)`` as literal SQL, the predicate of a partial index (sorted: one spelling per set)."""
    return text("status IN (" + ", ".join(f"'{s}'" for s in sorted(states)) + ")")


def status_in(states: frozenset[str]) -> ColumnElement[bool]:
    """``claims.status IN ('a', …)`` with the states written out, not bound: the planner proves that a partial
    index applies only from constants, and a prepared statement's generic plan has none."""
    return Claim.status.in_([literal_column(f"'{s}'") for s in sorted(states)])


def queue_key() -> ColumnElement[int]:
    """``coalesce(queue_id, 0)``: the queue a claim counts under, spelled as the counters and indexes spell it."""
    return func.coalesce(Claim.queue_id, literal_column(str(NO_QUEUE)))


class ClaimStatusCount(Model):
    """How many claims of a queue (``NO_QUEUE`` for none) are in a status; written by triggers only."""

    __tablename__ = "claim_status_counts"

    queue_key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, nullable=False)


_TAKEABLE = text("assignee_id IS NULL AND " + str(_in(TAKEABLE_STATES)))
REVIEWABLE_STATES = frozenset({"triaged"})  # what a checker's take-next hands out
_REVIEWABLE = text("assignee_id IS NULL AND " + str(_in(REVIEWABLE_STATES)))

DESK_INDEXES = (
    # take-next: the first entry of the queue is the claim to hand out (no sort under the row lock)
    Index("ix_claims_takeable", Claim.queue_id, Claim.priority.desc(), Claim.checkworthiness.desc(), Claim.id,
          postgresql_where=_TAKEABLE, sqlite_where=_TAKEABLE),
    # a checker's take-next (migration 0014): the triaged ones alone, not found by skipping every new claim
    Index("ix_claims_reviewable", Claim.queue_id, Claim.priority.desc(), Claim.checkworthiness.desc(), Claim.id,
          postgresql_where=_REVIEWABLE, sqlite_where=_REVIEWABLE),
    # the queue list's default view (the open claims), one queue at a time, by score or by date; the dashboard's
    # oldest and median open claim per queue. queue_id rides along so that PostgreSQL answers from the index alone
    # (it cannot recompute the expression otherwise); migration 0009 adds statistics on the expression too.
    Index("ix_claims_open_score", queue_key(), Claim.checkworthiness, Claim.id, postgresql_include=["queue_id"],
          postgresql_where=_in(OPEN_STATES), sqlite_where=_in(OPEN_STATES)),
    Index("ix_claims_open_created", queue_key(), Claim.created_at, Claim.id, postgresql_include=["queue_id"],
          postgresql_where=_in(OPEN_STATES), sqlite_where=_in(OPEN_STATES)),
    # "most disputed" (migration 0016): the count the links' triggers keep, in the sort's order like the others
    Index("ix_claims_open_disputes", queue_key(), Claim.disputes, Claim.id, postgresql_include=["queue_id"],
          postgresql_where=_in(OPEN_STATES), sqlite_where=_in(OPEN_STATES)),
    Index("ix_claims_queue_status_disputes", Claim.queue_id, Claim.status, Claim.disputes, Claim.id),
    # the queue list with chosen statuses, sorted by date, one (queue, status) at a time (by score:
    # ix_claims_queue_status_score, which the first migration made)
    Index("ix_claims_queue_status_created", Claim.queue_id, Claim.status, Claim.created_at, Claim.id),
    Index("ix_claims_triaged_at", Claim.triaged_at),
    Index("ix_verdicts_published_at", Verdict.published_at),
    Index("ix_audit_events_action_at", AuditEvent.action, AuditEvent.at),
)
