"""Take next under contention on PostgreSQL: concurrent reviewers never get the same claim.

Each thread has its own app context, hence its own session and connection; ``FOR UPDATE SKIP LOCKED``
lets a thread pass over a row another one is taking instead of waiting for it or taking it twice.
"""
from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import event, select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, User
from factcheck.services.claims import triage
from tests import factories

THREADS = 8
TAKES_PER_THREAD = 10
CLAIMS = 60


def test_concurrent_take_next_hands_out_each_claim_once(app, postgres_url):
    assert db.engine.dialect.name == "postgresql"
    reviewers = [factories.make_user(roles=["reviewer"]) for _ in range(THREADS)]
    queue = factories.make_queue(members=[(r, "reviewer") for r in reviewers])
    for n in range(CLAIMS):
        factories.make_claim(queue=queue, checkworthiness=(n % 7) / 7, priority=n % 3)
    reviewer_ids = [r.id for r in reviewers]
    queue_id = queue.id

    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if "FOR UPDATE" in statement:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    barrier = threading.Barrier(THREADS)
    results: dict[int, list[int | None]] = {}
    errors: list[BaseException] = []

    def worker(user_id: int) -> None:
        got: list[int | None] = []
        try:
            with app.app_context():
                actor = db.session.get(User, user_id)
                barrier.wait(timeout=30)
                for _ in range(TAKES_PER_THREAD):
                    claim = triage.take_next(actor, queue_id)
                    got.append(claim.id if claim else None)
                db.session.remove()
        except BaseException as exc:  # noqa: BLE001  (reported by the main thread)
            errors.append(exc)
        results[user_id] = got

    threads = [threading.Thread(target=worker, args=(uid,)) for uid in reviewer_ids]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)

    assert not errors, errors
    assert all(not t.is_alive() for t in threads)
    taken = [cid for got in results.values() for cid in got if cid is not None]
    duplicates = [cid for cid, n in Counter(taken).items() if n > 1]
    assert not duplicates, f"handed out twice: {duplicates}"
    assert len(taken) == CLAIMS  # every claim was taken exactly once, the other takes found nothing
    assert sum(got.count(None) for got in results.values()) == THREADS * TAKES_PER_THREAD - CLAIMS
    assert statements and all("SKIP LOCKED" in s for s in statements)

    db.session.expire_all()
    assigned = dict(db.session.execute(select(Claim.id, Claim.assignee_id).where(Claim.queue_id == queue_id)).all())
    for user_id, got in results.items():
        for cid in got:
            if cid is not None:
                assert assigned[cid] == user_id
    assert None not in assigned.values()
    takes = db.session.scalars(select(AuditEvent.object_id).where(AuditEvent.action == "claim.take")).all()
    assert sorted(takes) == sorted(taken)
