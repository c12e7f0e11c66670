"""Webhooks end to end with a local receiver on 127.0.0.1: registration behind the SSRF guard, signed JSON bodies
for each event, back-off and its cap, the attempt log admins see, replay, and nothing sent for a rolled-back change.

The receiver is reachable only because each test puts it in the fetch allowlist (``allow_receiver``): by default
the guard refuses loopback like any private address.
"""
import json

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from factcheck.config import VISIBILITY_TIMEOUT
from factcheck.extensions import db
from factcheck.models.webhook import WebhookDelivery
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.guards import SYSTEM
from factcheck.services.verdicts import editorial
from factcheck.services.webhooks import deliveries, endpoints, signing
from tests import factories


@pytest.fixture(scope="module")
def _server():
    server = HTTPServer(host="127.0.0.1", port=0)  # one per module: stopping one takes half a second
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def receiver(_server):
    _server.clear()
    yield _server
    _server.clear()


@pytest.fixture()
def allow_receiver(app, receiver):
    from factcheck.models import AppSetting

    db.session.merge(AppSetting(key="fetch_allow_hosts", value=[f"127.0.0.1:{receiver.port}"]))
    db.session.commit()


def _endpoint(receiver, events=("verdict.published", "verdict.corrected", "verdict.unpublished")):
    admin = factories.make_user(roles=["admin"])
    return endpoints.create_endpoint(admin, url=receiver.url_for("/hook"), events=events)


def _unpublished_verdict():
    claim = factories.make_claim(status="unpublished", claimant="Le ministère")
    verdict = factories.make_verdict(claim=claim, status="unpublished")
    verdict.public_slug = f"claim-{claim.id}"
    db.session.commit()
    return verdict


def _received(receiver) -> list[tuple[dict, dict]]:
    return [(json.loads(request.get_data()), dict(request.headers)) for request, _ in receiver.log]


def test_the_guard_refuses_loopback_unless_the_allowlist_names_it(app, receiver):
    admin = factories.make_user(roles=["admin"])
    with pytest.raises(InvalidInput, match="cannot receive webhooks: Port"):
        endpoints.create_endpoint(admin, url=receiver.url_for("/hook"), events=["claim.created"])
    for private in ("http://127.0.0.1/hook", "http://10.0.0.8/hook", "http://[::1]/hook", "file:///etc/passwd"):
        with pytest.raises(InvalidInput, match="cannot receive webhooks"):
            endpoints.create_endpoint(admin, url=private, events=["claim.created"])
    with pytest.raises(InvalidInput, match="Unknown webhook events"):
        endpoints.create_endpoint(admin, url="https://hooks.example.org/", events=["verdict.deleted"])


def test_a_publication_is_posted_signed_with_its_claimreview(app, receiver, allow_receiver):
    endpoint = _endpoint(receiver)
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    verdict = _unpublished_verdict()
    editor = factories.make_user(roles=["editor"])

    editorial.publish(editor, verdict.id, expected_version=verdict.version_id)

    [(body, headers)] = _received(receiver)
    raw = receiver.log[0][0].get_data()
    assert signing.verify(endpoint.secret, raw, headers[signing.SIGNATURE_HEADER])
    assert not signing.verify("whsec_other", raw, headers[signing.SIGNATURE_HEADER])
    assert headers["Content-Type"] == "application/json" and headers["X-Factcheck-Event"] == "verdict.published"
    assert body["event"] == "verdict.published" and body["id"].startswith("evt_")
    assert body["data"]["verdict"]["id"] == verdict.id
    assert body["data"]["verdict"]["url"] == f"http://127.0.0.1:5000/factchecks/{verdict.public_slug}"
    assert body["data"]["claim_review"]["@type"] == "ClaimReview"
    [delivery] = db.session.query(WebhookDelivery).all()
    assert (delivery.status, delivery.attempts, delivery.attempt_log[0].response_status) == ("delivered", 1, 200)


def test_corrections_and_unpublications_are_events_too(app, receiver, allow_receiver):
    _endpoint(receiver)
    receiver.expect_request("/hook").respond_with_data("ok")
    verdict = _unpublished_verdict()
    editor = factories.make_user(roles=["editor"])
    editorial.publish(editor, verdict.id, expected_version=verdict.version_id)
    editorial.correct_verdict(editor, verdict.id, rating_id=verdict.rating_id, summary="Corrigé.",
                              explanation_md="Voir l’Insee.", note="Chiffre corrigé.",
                              expected_version=verdict.version_id)
    editorial.unpublish(editor, verdict.id, reason="Doublon.", expected_version=verdict.version_id)
    events = [body["event"] for body, _ in _received(receiver)]
    assert events == ["verdict.published", "verdict.corrected", "verdict.unpublished"]
    corrected = _received(receiver)[1][0]["data"]
    assert corrected["verdict"]["correction_note"] == "Chiffre corrigé."
    assert "claim_review" not in _received(receiver)[2][0]["data"]  # an unpublished check is not public any more


def test_a_new_claim_is_announced_to_its_subscribers_only(app, receiver, allow_receiver):
    _endpoint(receiver, events=["claim.created"])
    receiver.expect_request("/hook").respond_with_data("ok")
    claim = factories.make_claim(text="Le chômage a baissé de 2 %.")
    [(body, _)] = _received(receiver)
    assert body["event"] == "claim.created" and body["data"]["claim"]["text"] == claim.text
    assert body["data"]["claim"]["url"] == f"http://127.0.0.1:5000/claims/{claim.id}"


def test_a_rolled_back_change_announces_nothing(app, receiver, allow_receiver):
    _endpoint(receiver, events=["claim.created"])
    article = factories.make_article()
    db.session.add(factories.Claim(article_id=article.id, extraction_key="rolled", span_start=0, span_end=1,
                                   sentence="x", text="x"))
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert db.session.query(WebhookDelivery).count() == 0 and receiver.log == []


def test_failures_back_off_then_succeed(app, receiver, allow_receiver):
    _endpoint(receiver, events=["claim.created"])
    answers = iter([Response("busy", 503), Response("busy", 500), Response("ok", 200)])
    receiver.expect_request("/hook").respond_with_handler(lambda request: next(answers))
    factories.make_claim()  # eager Celery: each retry runs at once, its countdown is only recorded
    [delivery] = db.session.query(WebhookDelivery).all()
    assert delivery.status == "delivered"
    assert [a.response_status for a in delivery.attempt_log] == [503, 500, 200]


def test_attempts_stop_at_the_cap_and_a_4xx_is_final(app, receiver, allow_receiver, monkeypatch):
    monkeypatch.setitem(app.config, "WEBHOOK_MAX_ATTEMPTS", 3)
    _endpoint(receiver, events=["claim.created"])
    receiver.expect_request("/hook").respond_with_data("down", status=502)
    factories.make_claim()
    [delivery] = db.session.query(WebhookDelivery).all()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    receiver.clear()
    receiver.expect_request("/hook").respond_with_data("no", status=410)
    factories.make_claim()
    gone = db.session.query(WebhookDelivery).order_by(WebhookDelivery.id.desc()).first()
    assert (gone.status, gone.attempts, gone.attempt_log[0].response_status) == ("failed", 1, 410)


def test_back_off_doubles_up_to_its_cap_under_the_visibility_timeout(app):
    waits = [deliveries.backoff_seconds(n, base=30, cap=1800) for n in range(1, 9)]
    assert waits == [30, 60, 120, 240, 480, 960, 1800, 1800]
    assert app.config["WEBHOOK_BACKOFF_CAP_SECONDS"] == 1800 < VISIBILITY_TIMEOUT


def test_a_duplicate_message_sends_nothing_twice(app, receiver, allow_receiver):
    _endpoint(receiver, events=["claim.created"])
    receiver.expect_request("/hook").respond_with_data("ok")
    factories.make_claim()
    [delivery] = db.session.query(WebhookDelivery).all()
    delivery.status = "pending"  # as if a redelivered message arrived while the first attempt was being logged
    db.session.commit()
    assert deliveries.attempt(delivery.id, attempts_before=0).retry_in is None
    assert len(receiver.log) == 1 and delivery.attempts == 1


def test_admins_see_every_attempt_and_replay_a_delivery(app, receiver, allow_receiver, monkeypatch):
    client, admin = factories.client_for(app, "admin")
    response = client.post("/admin/webhooks/new", data={"url": receiver.url_for("/hook"),
                                                        "events": ["claim.created"], "description": "CMS"})
    assert response.status_code == 302
    receiver.expect_request("/hook").respond_with_data("nope", status=500)
    monkeypatch.setitem(app.config, "WEBHOOK_MAX_ATTEMPTS", 1)
    factories.make_claim()
    [delivery] = db.session.query(WebhookDelivery).all()
    detail = client.get(response.headers["Location"])
    assert detail.headers["Cache-Control"] == "no-store"  # it shows the signing secret
    page = detail.get_data(as_text=True)
    assert "HTTP 500" in page and "claim.created" in page and delivery.endpoint.secret in page

    receiver.clear()
    receiver.expect_request("/hook").respond_with_data("ok")
    replayed = client.post(f"/admin/webhooks/deliveries/{delivery.id}/replay", data={"confirm": "yes"})
    assert replayed.status_code == 302
    db.session.refresh(delivery)
    assert delivery.status == "delivered" and [a.replay for a in delivery.attempt_log] == [False, True]
    assert json.loads(receiver.log[0][0].get_data()) == delivery.payload  # the same facts, signed afresh
    assert client.post(f"/admin/webhooks/deliveries/{delivery.id}/replay").status_code == 422  # no confirm


def test_only_admins_manage_webhooks(app, receiver, allow_receiver):
    editor_client, _ = factories.client_for(app, "editor")
    assert editor_client.get("/admin/webhooks").status_code == 403
    endpoint = _endpoint(receiver)
    assert editor_client.post(f"/admin/webhooks/{endpoint.id}/delete", data={"confirm": "yes"}).status_code == 403
    with pytest.raises(Exception, match="administrators"):
        endpoints.list_endpoints(factories.make_user(roles=["editor"]))
    assert endpoints.list_endpoints(SYSTEM) == [endpoint]


def test_removing_a_webhook_removes_its_log(app, receiver, allow_receiver):
    client, _ = factories.client_for(app, "admin")
    endpoint = _endpoint(receiver, events=["claim.created"])
    receiver.expect_request("/hook").respond_with_data("ok")
    factories.make_claim()
    assert client.post(f"/admin/webhooks/{endpoint.id}/delete", data={"confirm": "yes"}).status_code == 302
    assert db.session.query(WebhookDelivery).count() == 0


def test_a_lost_message_is_sent_again_by_the_beat_sweep(app, receiver, allow_receiver, monkeypatch):
    from datetime import timedelta

    from factcheck.models.base import utcnow
    from factcheck.services.core import dispatch

    _endpoint(receiver, events=["claim.created"])
    receiver.expect_request("/hook").respond_with_data("ok")
    monkeypatch.setattr(dispatch, "send_now", lambda *args, **kwargs: False)  # the broker lost the message
    factories.make_claim()
    [delivery] = db.session.query(WebhookDelivery).all()
    assert delivery.status == "pending" and receiver.log == []
    monkeypatch.undo()
    assert deliveries.resend_stale() == 0  # not overdue yet
    delivery.created_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    assert deliveries.resend_stale() == 1
    db.session.refresh(delivery)
    assert delivery.status == "delivered" and len(receiver.log) == 1
    assert "resend-stale-webhooks" in app.extensions["celery"].conf.beat_schedule


def test_an_unreachable_receiver_is_a_logged_retryable_failure(app, monkeypatch):
    from factcheck.models import AppSetting

    gone = HTTPServer(host="127.0.0.1", port=0)
    gone.start()
    db.session.merge(AppSetting(key="fetch_allow_hosts", value=[f"127.0.0.1:{gone.port}"]))
    db.session.commit()
    monkeypatch.setitem(app.config, "WEBHOOK_MAX_ATTEMPTS", 2)
    _endpoint(gone, events=["claim.created"])
    gone.stop()  # nothing listens on the port any more
    factories.make_claim()
    [delivery] = db.session.query(WebhookDelivery).all()
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert all(a.response_status is None and "Connection to 127.0.0.1 failed" in a.error
               for a in delivery.attempt_log)
