"""Take next on SQLite: one UPDATE picks and assigns under the database write lock, so a claim someone took just
before is passed over for the next one."""
from __future__ import annotations

import pytest
from sqlalchemy import event, text

from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.services.claims import triage
from factcheck.services.core.errors import NotFound, PermissionDenied
from tests import factories


def test_losing_the_race_takes_the_next_claim(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the write-lock path is the SQLite one; PostgreSQL uses SKIP LOCKED")
    reviewer = factories.make_user(roles=["reviewer"])
    rival = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(members=[(reviewer, "reviewer"), (rival, "reviewer")])
    top = factories.make_claim(queue=queue, checkworthiness=0.9)
    second = factories.make_claim(queue=queue, checkworthiness=0.8)
    top_id, second_id, rival_id = top.id, second.id, rival.id
    stolen = []

    def steal(conn, cursor, statement, parameters, context, executemany):
        # Just before our UPDATE runs, another connection assigns the top claim and commits.
        if statement.startswith("UPDATE claims SET assignee_id") and not stolen:
            stolen.append(True)
            with db.engine.connect() as other:
                other.execute(text("UPDATE claims SET assignee_id = :u WHERE id = :c"), {"u": rival_id, "c": top_id})
                other.commit()

    event.listen(db.engine, "before_cursor_execute", steal)
    try:
        claim = triage.take_next(reviewer, queue.id)
    finally:
        event.remove(db.engine, "before_cursor_execute", steal)
    assert stolen and claim.id == second_id
    db.session.expire_all()
    assert db.session.get(Claim, top_id).assignee_id == rival_id
    assert db.session.get(Claim, second_id).assignee_id == reviewer.id


def test_take_next_checks_the_queue_and_the_actor(app):
    reviewer = factories.make_user(roles=["reviewer"])
    checker = factories.make_user(roles=["checker"])
    queue = factories.make_queue(members=[(checker, "checker")])
    factories.make_claim(queue=queue)
    with pytest.raises(NotFound):
        triage.take_next(reviewer, 999999)
    with pytest.raises(PermissionDenied):
        triage.take_next(reviewer, queue.id)  # not a member
    assert triage.take_next(checker, queue.id) is None  # a checker takes only claims waiting for review
    assert triage.take_next(factories.make_user(roles=["editor"]), queue.id) is not None


def test_take_next_bumps_the_version_so_open_forms_go_stale(client, login_as):
    reviewer = login_as("reviewer")
    queue = factories.make_queue(members=[(reviewer, "reviewer")])
    claim = factories.make_claim(queue=queue)
    seen_version = claim.version_id
    assert client.post(f"/queues/{queue.id}/take", data={"back": f"/queues/{queue.id}"}).status_code == 303
    response = client.post(f"/queues/claims/{claim.id}/dismiss", data={
        "version_id": seen_version, "reason": "opinion", "back": f"/queues/{queue.id}"})
    assert response.status_code == 409
