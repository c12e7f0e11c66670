"""The per-queue status counters stay exact: after every kind of write, they equal a count of the claims.

The database keeps them (triggers of migration 0009), so the test goes through the services, the ORM, bulk
UPDATE and DELETE statements and a rolled-back transaction, on whichever engine the suite runs (SQLite by default,
PostgreSQL in CI), and compares ``claim_status_counts`` with ``GROUP BY`` over ``claims`` after each step.
"""
from __future__ import annotations

from sqlalchemy import delete, func, select, update

from factcheck.extensions import db
from factcheck.models import Claim, ClaimStatusCount
from factcheck.models.desk_scale import NO_QUEUE
from factcheck.services.claims import triage
from factcheck.services.queues import queue_listing
from tests import factories


def _counted() -> dict[tuple[int, str], int]:
    return {(q, s): n for q, s, n in db.session.execute(
        select(ClaimStatusCount.queue_key, ClaimStatusCount.status, ClaimStatusCount.n)) if n}


def _actual() -> dict[tuple[int, str], int]:
    key = func.coalesce(Claim.queue_id, NO_QUEUE)
    return {(q, s): n for q, s, n in db.session.execute(
        select(key, Claim.status, func.count()).group_by(key, Claim.status))}


def _assert_exact() -> None:
    db.session.expire_all()
    assert _counted() == _actual()


def test_counters_follow_inserts_moves_bulk_statements_deletes_and_rollbacks(app):
    editor = factories.make_user(roles=("editor",))
    politics, health = factories.make_queue(name="Politique"), factories.make_queue(name="Santé")
    claims = [factories.make_claim(queue=[politics, health, None][n % 3]) for n in range(9)]
    _assert_exact()
    assert _counted()[(politics.id, "new")] == 3 and _counted()[(NO_QUEUE, "new")] == 3

    triage.accept(editor, claims[0].id, expected_version=claims[0].version_id, queue_id=health.id)
    triage.accept(editor, claims[2].id, expected_version=claims[2].version_id, queue_id=politics.id)  # routed
    triage.dismiss(editor, claims[1].id, expected_version=claims[1].version_id, reason="opinion")
    triage.merge(editor, claims[3].id, expected_version=claims[3].version_id, into_claim_id=claims[4].id)
    _assert_exact()
    triage.bulk(editor, [triage.BulkItem(c.id, c.version_id) for c in (claims[5], claims[6])], "accept",
                queue_id=politics.id)
    triage.take_next(editor, politics.id)  # an assignment changes no count
    _assert_exact()

    db.session.execute(update(Claim).where(Claim.queue_id == politics.id).values(queue_id=None))  # one statement
    db.session.execute(update(Claim).values(priority=Claim.priority + 1))  # touches every row, moves none
    db.session.commit()
    _assert_exact()

    db.session.execute(update(Claim).values(status="dismissed"))
    db.session.rollback()  # the counters roll back with the claims
    _assert_exact()

    db.session.delete(db.session.get(Claim, claims[7].id))
    db.session.execute(delete(Claim).where(Claim.id == claims[8].id))
    db.session.commit()
    _assert_exact()
    assert sum(_counted().values()) == db.session.scalar(select(func.count()).select_from(Claim))


def test_queue_summaries_read_the_counters(app):
    admin = factories.make_user(roles=("admin",))
    queue = factories.make_queue(name="Économie")
    for status in ("new", "new", "triaged", "dismissed"):
        factories.make_claim(queue=queue, status=status)
    [summary] = queue_listing.queue_summaries(admin, only=queue.id)
    assert summary.counts == {"new": 2, "triaged": 1, "dismissed": 1}
    assert summary.open_count == 3 and summary.new_count == 2
    db.session.execute(update(ClaimStatusCount).where(ClaimStatusCount.status == "new").values(n=40))
    [summary] = queue_listing.queue_summaries(admin, only=queue.id)
    assert summary.new_count == 40  # the figure comes from the counter, not from counting claims
    db.session.rollback()
