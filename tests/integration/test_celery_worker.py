"""A real Celery worker process (no eager mode, no mocks) picks up a task and commits its row.

Runs against the embedded filesystem broker always, and against Redis when ``REDIS_URL`` is set (CI).
"""
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
# The worker is waited for as long as it runs; pytest-timeout fails a test whose worker never commits the row
# (the worker's log is printed), far above the few seconds it takes, so a slow machine is never a failure.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _start_worker(env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "celery", "-A", "app:celery_app", "worker", "--pool", "solo",
           "--queues", "default,ingest,extract", "--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _stop(worker: subprocess.Popen) -> str:
    worker.send_signal(signal.SIGTERM)
    try:
        out, _ = worker.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        out, _ = worker.communicate()
    return out


def _run_heartbeat_through_worker(make_app, monkeypatch, broker_env: dict) -> None:
    for key, value in broker_env.items():
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    producer = make_app(CELERY_ALWAYS_EAGER=False)
    worker = _start_worker(dict(os.environ))
    token = uuid.uuid4().hex
    found = None
    try:
        producer.extensions["celery"].send_task("system.heartbeat", args=[token], queue="default")
        while found is None:
            assert worker.poll() is None, "the worker process exited early"
            db.session.rollback()
            found = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "worker.heartbeat"))
            time.sleep(0.3)
    finally:
        log = _stop(worker)
        if found is None:  # the worker exited, or the hang guard fired: show the worker's side
            print(f"no committed row from the worker; its log:\n{log[-3000:]}")
    assert found.after == {"token": token}


def test_worker_on_the_embedded_broker_commits_the_row(app, make_app, monkeypatch):
    _run_heartbeat_through_worker(make_app, monkeypatch, {"REDIS_URL": None, "CELERY_BROKER_URL": None})


def test_worker_on_redis_commits_the_row(app, make_app, monkeypatch, redis_url):
    _run_heartbeat_through_worker(make_app, monkeypatch, {"REDIS_URL": redis_url, "CELERY_BROKER_URL": None})
