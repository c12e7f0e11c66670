"""What one hand-out of take-next costs the database, and what it still writes.

``bench/take_next.py`` compares take-next with a bare ``SKIP LOCKED`` loop; the service keeps up because a hand-out
is one statement on PostgreSQL (pick, assign, audit row, membership check) and two on SQLite (the take, the audit
row), and reading the claim afterwards, or the actor's roles at the next take, costs none. These tests keep the
round trips from creeping back and check that the shortened path still writes what the ORM path wrote.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim
from factcheck.services.claims import triage
from factcheck.services.core import audit
from factcheck.services.core.errors import PermissionDenied
from factcheck.services.notifications.fan_out import NOTIFYING_ACTIONS
from tests import factories, sql_capture

TAKES = 4


def _statements_per_take() -> int:
    return 1 if db.engine.dialect.name == "postgresql" else 2


@pytest.mark.parametrize("role", ["reviewer", "checker", "editor"])
def test_each_hand_out_runs_a_bounded_number_of_statements(app, role):
    taker = factories.make_user(roles=[role])
    queue = factories.make_queue(members=[] if role == "editor" else [(taker, role)])
    for n in range(TAKES + 1):
        factories.make_claim(queue=queue, status="triaged", checkworthiness=n / 10, text=f"Claim {n}.")
    triage.take_next(taker, queue.id)  # the first take may load the actor the factories' commit expired
    with sql_capture.statements() as seen:
        taken = [triage.take_next(taker, queue.id) for _ in range(TAKES)]
        texts = [claim.text for claim in taken]  # the claims came back loaded
    assert len(seen) == TAKES * _statements_per_take(), [s for s, _ in seen]
    assert texts == [f"Claim {n}." for n in range(TAKES - 1, -1, -1)]
    assert db.session().expire_on_commit  # the session expires on commit again for whatever comes next


def test_the_audit_row_is_the_one_record_would_write(app):
    reviewer = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(members=[(reviewer, "reviewer")])
    claim = factories.make_claim(queue=queue)
    token = audit.current_request_id.set("req-take-1")
    try:
        taken = triage.take_next(reviewer, queue.id)
    finally:
        audit.current_request_id.reset(token)
    assert taken.id == claim.id and taken.assignee_id == reviewer.id
    db.session.expire_all()
    (event,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "claim.take")).all()
    assert (event.actor_id, event.object_type, event.object_id) == (reviewer.id, "claim", claim.id)
    assert (event.before, event.after, event.request_id) == ({"assignee_id": None}, {"assignee_id": reviewer.id},
                                                             "req-take-1")
    assert event.at is not None
    # the row is written in SQL, which the notification trigger does not watch: right while taking tells nobody
    assert "claim.take" not in NOTIFYING_ACTIONS


def test_a_refused_taker_changes_nothing(app):
    outsider = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue()
    claim = factories.make_claim(queue=queue)
    with pytest.raises(PermissionDenied):
        triage.take_next(outsider, queue.id)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).assignee_id is None
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "claim.take")) is None
