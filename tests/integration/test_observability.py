"""Request ids, log lines and ``/metrics`` in process: what an operator reads, checked series by series.

The request id's journey through a real Celery worker is in ``test_observability_worker.py``.
"""
from __future__ import annotations

import io
import json
import logging
import re
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent
from factcheck.observability.log_setup import configure_logging
from factcheck.observability.worker_metrics import WorkerMetricsError, start_metrics_server
from factcheck.services.core.audit import current_request_id
from tests import factories

TOKEN = "metrics-token-for-tests-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def samples(response) -> dict[tuple, float]:
    """{(sample name, sorted labels): value} of a Prometheus text answer."""
    assert response.status_code == 200, response.status_code
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


@pytest.fixture()
def metrics_app(app, make_app):
    return make_app(METRICS_TOKEN=TOKEN)


# --- request ids -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("incoming", ["4f1c2b9e-7a3d-4c1e-9b8a-0d2e6f5a7c31", "lb.1234:abc_def"])
def test_a_well_formed_incoming_request_id_is_kept_echoed_and_audited(client, login_as, incoming):
    login_as("reviewer")
    response = client.post("/articles/paste", data={"title": "Ids", "text": "The mayor said 40 homes were built."},
                           headers={"X-Request-Id": incoming})
    assert response.status_code == 303
    assert response.headers["X-Request-Id"] == incoming
    audited = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "article.submit")).one()
    assert audited.request_id == incoming


@pytest.mark.parametrize("incoming", ["", "a b", "x" * 65, "-leading-dash", "id\u00e9", "<script>", "a;rm"])
def test_a_malformed_or_missing_request_id_is_replaced_by_a_new_one(client, incoming):
    response = client.get("/healthz", headers={"X-Request-Id": incoming} if incoming else {})
    assert re.fullmatch(r"[0-9a-f]{16}", response.headers["X-Request-Id"])
    assert response.headers["X-Request-Id"] != incoming


def test_each_request_gets_its_own_id_and_leaves_none_behind(client):
    first, second = (client.get("/healthz").headers["X-Request-Id"] for _ in range(2))
    assert first != second
    assert current_request_id.get() is None  # log lines after the request name no request


# --- log lines -----------------------------------------------------------------------------------------------------


@pytest.fixture()
def log_stream():
    handler = configure_logging("json")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield handler, stream
    finally:
        handler.setStream(previous)
        configure_logging("text")  # the tests' own setting (FACTCHECK_ENV=development)


def test_production_lines_are_json_with_the_request_id_and_the_exception(log_stream):
    _, stream = log_stream
    token = current_request_id.set("req-42")
    try:
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("factcheck.test").exception("extraction of %s failed", "article 7")
    finally:
        current_request_id.reset(token)
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["message"] == "extraction of article 7 failed" and line["level"] == "ERROR"
    assert line["request_id"] == "req-42" and line["logger"] == "factcheck.test"
    assert "ValueError: boom" in line["exception"]


def test_development_lines_are_readable_and_name_the_request(log_stream):
    handler, stream = log_stream
    configure_logging("text")
    token = current_request_id.set("req-43")
    try:
        logging.getLogger("factcheck.test").warning("queue %s is slow", "extract")
    finally:
        current_request_id.reset(token)
    assert re.search(r" WARNING factcheck\.test \[req=req-43\] queue extract is slow$", stream.getvalue())


def test_logging_is_configured_once_per_process(log_stream):
    handler, _ = log_stream
    for _ in range(3):
        assert configure_logging("json") is handler
    assert logging.getLogger().handlers.count(handler) == 1


def test_an_unknown_log_format_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="LOG_FORMAT must be one of json, text"):
        configure_logging("xml")


# --- /metrics --------------------------------------------------------------------------------------------------


def test_metrics_does_not_exist_without_a_configured_token(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_metrics_answers_404_without_the_exact_token(metrics_app):
    client = metrics_app.test_client()
    for authorization in (None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer ", TOKEN):
        response = client.get("/metrics", headers={"Authorization": authorization} if authorization else {})
        assert response.status_code == 404, authorization
        assert b"factcheck_" not in response.data
    assert client.get("/metrics", headers=AUTH).status_code == 200


def test_request_latency_moves_per_endpoint(metrics_app):
    client = metrics_app.test_client()
    key = ("factcheck_http_request_duration_seconds_count", (("endpoint", "main.healthz"), ("method", "GET")))
    before = samples(client.get("/metrics", headers=AUTH)).get(key, 0)
    for _ in range(3):
        client.get("/healthz")
    client.get("/no-such-page")
    after = samples(client.get("/metrics", headers=AUTH))
    assert after[key] == before + 3
    assert after[("factcheck_http_responses_total",
                  (("endpoint", "unmatched"), ("method", "GET"), ("status", "404")))] >= 1
    assert after[("factcheck_http_request_duration_seconds_bucket",
                  (("endpoint", "main.healthz"), ("le", "+Inf"), ("method", "GET")))] == after[key]


def test_claims_and_articles_per_status_follow_the_database(metrics_app):
    client = metrics_app.test_client()
    factories.make_claim(status="new")
    factories.make_claim(status="triaged")
    factories.make_claim(status="triaged")
    found = samples(client.get("/metrics", headers=AUTH))
    assert found[("factcheck_database_up", ())] == 1
    assert found[("factcheck_claims", (("status", "triaged"),))] == 2
    assert found[("factcheck_claims", (("status", "new"),))] == 1
    assert found[("factcheck_articles", (("status", "done"),))] == 3
    factories.make_claim(status="new")
    assert samples(client.get("/metrics", headers=AUTH))[("factcheck_claims", (("status", "new"),))] == 2


def test_task_durations_and_failures_are_counted(metrics_app):
    """In process (eager): the same signal handlers a worker's pool processes run."""
    celery = metrics_app.extensions["celery"]
    client = metrics_app.test_client()
    key = ("factcheck_task_duration_seconds_count", (("state", "SUCCESS"), ("task", "system.heartbeat")))
    failed = ("factcheck_task_failures_total", (("exception", "TypeError"), ("task", "system.heartbeat")))
    before = samples(client.get("/metrics", headers=AUTH))
    celery.tasks["system.heartbeat"].apply(args=["metrics-test"])
    celery.tasks["system.heartbeat"].apply(args=[], throw=False)  # a missing argument: the task raises
    after = samples(client.get("/metrics", headers=AUTH))
    assert after[key] == before.get(key, 0) + 1
    assert after[failed] == before.get(failed, 0) + 1


def test_queue_depth_counts_waiting_messages(app, make_app, redis_url):
    producer = make_app(METRICS_TOKEN=TOKEN, REDIS_URL=redis_url, CELERY_ALWAYS_EAGER=False)
    celery = producer.extensions["celery"]
    celery.set_current()
    client = producer.test_client()
    celery.control.purge()
    try:
        for n in range(3):
            celery.send_task("system.heartbeat", args=[f"depth-{n}"], queue="default")
        found = samples(client.get("/metrics", headers=AUTH))
        assert found[("factcheck_broker_up", ())] == 1
        assert found[("factcheck_queue_messages", (("queue", "default"),))] == 3
        assert {q for (name, labels) in found if name == "factcheck_queue_messages" for _, q in labels} == {
            "default", "extract", "ingest", "interactive"}
    finally:
        celery.control.purge()


def test_a_scrape_answers_quickly_with_the_broker_down(app, make_app):
    producer = make_app(METRICS_TOKEN=TOKEN, REDIS_URL="redis://127.0.0.1:9/0", CELERY_ALWAYS_EAGER=False)
    producer.extensions["celery"].set_current()
    started = time.monotonic()
    found = samples(producer.test_client().get("/metrics", headers=AUTH))
    assert time.monotonic() - started < 5
    assert found[("factcheck_broker_up", ())] == 0
    assert not [name for name, _ in found if name == "factcheck_queue_messages"]


def test_a_scrape_answers_with_the_database_unreachable(app, make_app, tmp_path):
    broken = make_app(METRICS_TOKEN=TOKEN, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'no-schema.sqlite'}")
    found = samples(broken.test_client().get("/metrics", headers=AUTH))
    assert found[("factcheck_database_up", ())] == 0
    assert not [name for name, _ in found if name in ("factcheck_claims", "factcheck_articles")]
    assert ("factcheck_broker_up", ()) in found


def test_a_worker_metrics_port_without_its_folder_or_token_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    with pytest.raises(WorkerMetricsError, match="needs PROMETHEUS_MULTIPROC_DIR"):
        start_metrics_server(0, "127.0.0.1", TOKEN)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    with pytest.raises(WorkerMetricsError, match="needs METRICS_TOKEN"):
        start_metrics_server(0, "127.0.0.1", "")
