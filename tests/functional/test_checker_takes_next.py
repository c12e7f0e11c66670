"""Checkers take the next claim of their queues too (issue 12): the next one waiting for review, never one still
to triage; outside their queues, refused."""
import pytest

from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.services.claims import triage
from factcheck.services.core.errors import PermissionDenied
from tests import factories
from tests.factories import client_for


def test_a_checker_takes_the_next_claim_waiting_for_review(app):
    client, checker = client_for(app, "checker")
    queue = factories.make_queue(members=[(checker, "checker")])
    factories.make_claim(queue=queue, status="new", checkworthiness=0.99, text="Still to triage.")
    ready = factories.make_claim(queue=queue, status="triaged", checkworthiness=0.5, text="Ready for review.")
    page = client.get(f"/queues/{queue.id}").get_data(as_text=True)
    assert f'action="/queues/{queue.id}/take"' in page
    r = client.post(f"/queues/{queue.id}/take", data={"back": f"/queues/{queue.id}"}, follow_redirects=True)
    assert "Ready for review." in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, ready.id).assignee_id == checker.id
    assert triage.take_next(checker, queue.id) is None  # the claim still to triage is not a checker's


def test_a_checker_outside_the_queue_takes_nothing(app):
    checker = factories.make_user(roles=["checker"])
    queue = factories.make_queue()
    factories.make_claim(queue=queue, status="triaged")
    with pytest.raises(PermissionDenied):
        triage.take_next(checker, queue.id)
