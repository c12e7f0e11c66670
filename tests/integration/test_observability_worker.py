"""A request id followed from the web request into a real Celery worker's task, its log lines and its audit rows,
and the worker's own metrics port scraped before and after the task.

The worker is the fault suite's (``test_worker_faults.Harness``: ``celery worker`` on the production settings
through ``fault_worker.py``, on the empty Redis db the session claimed), started with the production log format.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent
from tests import factories
from tests.integration import test_worker_faults as faults
from tests.integration.test_worker_faults import TEXT, _free_port, wait_article

harness = faults.harness  # the fault suite's fixture: workers and a producer on the session's Redis db

pytestmark = pytest.mark.slow
TOKEN = "worker-metrics-token-0123456789abcdef"


def scrape(port: int, token: str | None) -> tuple[int, dict[tuple, float]]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics",
                                     headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, {}
    found = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return 200, found


def json_lines(log: str) -> list[dict]:
    """The worker's log lines that are JSON objects (the start-up banner, printed by Celery, is not)."""
    lines = []
    for line in log.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_the_request_id_follows_a_paste_into_the_worker_and_the_worker_serves_task_metrics(harness, tmp_path):
    port = _free_port()
    (tmp_path / "prometheus").mkdir()
    worker = harness.start_worker(LOG_FORMAT="json", METRICS_TOKEN=TOKEN, WORKER_METRICS_PORT=port,
                                  PROMETHEUS_MULTIPROC_DIR=tmp_path / "prometheus")
    assert scrape(port, None)[0] == 404 and scrape(port, "wrong")[0] == 404
    status, before = scrape(port, TOKEN)
    assert status == 200
    succeeded = ("factcheck_task_duration_seconds_count", (("state", "SUCCESS"), ("task", "extract.article")))
    assert before.get(succeeded, 0) == 0

    client = harness.producer.test_client()
    user = factories.make_user(roles=["reviewer"])
    client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
    request_id = f"e2e-{uuid.uuid4().hex}"
    response = client.post("/articles/paste", data={"title": "Homes", "text": TEXT},
                           headers={"X-Request-Id": request_id})
    assert response.status_code == 303 and response.headers["X-Request-Id"] == request_id
    article_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert wait_article(article_id, ("done", "failed"), 90).status == "done"

    # the worker's audit rows name the request that caused them
    audited = dict(db.session.execute(select(AuditEvent.action, AuditEvent.request_id).where(
        AuditEvent.object_type == "article", AuditEvent.object_id == article_id)).all())
    assert audited == {"article.submit": request_id, "article.extracted": request_id}
    # and so do its log lines, which are JSON in production
    worker.wait_for_line("succeeded in", 10)
    task_lines = [line for line in json_lines(worker.log) if line.get("request_id") == request_id]
    assert task_lines, worker.log[-3000:]
    extraction = [line for line in task_lines if line.get("task") == "extract.article"]
    assert any("succeeded in" in line["message"] for line in extraction)
    assert all(line["task_id"] for line in task_lines)
    assert json_lines(worker.log)[0]["level"] in {"INFO", "WARNING"}  # Celery's own lines go through it too

    status, after = scrape(port, TOKEN)
    assert after[succeeded] == 1
    assert after[("factcheck_task_duration_seconds_sum", (("state", "SUCCESS"), ("task", "extract.article")))] > 0
