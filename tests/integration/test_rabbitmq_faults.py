"""Fault injection on RabbitMQ: real Celery workers, the machine's RabbitMQ, a virtual host of the test's own.

The Redis suite (``test_worker_faults.py``) lends its harness: the same worker entry point (``fault_worker.py``,
the production settings plus an event log), the same ``Worker`` processes and the same submission through the
real service. Here the broker is RabbitMQ at ``TEST_RABBITMQ_URL`` (``.ci/run`` sets it; unset, the suite skips).
The suite creates a virtual host of its own with ``rabbitmqctl`` and deletes it at the end, so it never sees
another queue of the server, and never stops the server: an unreachable broker is a TCP proxy of the test's
(``tcp_proxy.py``) stopped or hung between the producer and RabbitMQ.

Knobs, small by default so the file runs in about a minute and a half:

* ``FACTCHECK_RABBIT_ARTICLES`` (default 10): extractions in flight when a worker is SIGKILLed; half as many
  articles are submitted while the broker is unreachable. The requirement's figure is 200
  (``FACTCHECK_RABBIT_ARTICLES=200 pytest -s tests/integration/test_rabbitmq_faults.py``, about 4 minutes): the
  bench-only variant, printed as ``[rabbitmq figures]``.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from factcheck.extensions import db
from factcheck.models import Article, Claim
from factcheck.services.articles import article_status, articles
from factcheck.services.core.guards import SYSTEM
from tests import factories
from tests.integration import test_worker_faults as faults
from tests.integration.tcp_proxy import TcpProxy

pytestmark = pytest.mark.slow
RABBITMQ_URL = os.environ.get("TEST_RABBITMQ_URL", "")
ARTICLES = int(os.environ.get("FACTCHECK_RABBIT_ARTICLES", "10"))
OUTAGE_ARTICLES = max(ARTICLES // 2, 1)  # each send waits out the publish retries (about 1.5 s) while unreachable
PAGE_BUDGET = 5.0  # seconds a page may take with the broker down
METRICS_TOKEN = "rabbit-metrics-token-0123456789abcdef"


def _figure(message: str) -> None:
    print(f"[rabbitmq figures] {message}", file=sys.stderr)


def _rabbitmqctl(*args: str) -> None:
    done = subprocess.run(["rabbitmqctl", "-q", *args], capture_output=True, text=True, timeout=60)
    if done.returncode:  # e.g. not root, or no Erlang cookie: say what rabbitmqctl said
        pytest.fail(f"rabbitmqctl {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[:500]}")


@pytest.fixture(scope="module")
def vhost_url():
    """A virtual host of this module's own on ``TEST_RABBITMQ_URL``'s server, deleted at the end."""
    if not RABBITMQ_URL:
        pytest.skip("needs RabbitMQ: set TEST_RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672// (.ci/run does); "
                    "the tests create and delete a virtual host of their own there")
    if not shutil.which("rabbitmqctl"):
        pytest.skip("rabbitmqctl not found: the tests need it to create and delete their own virtual host")
    url = make_url(RABBITMQ_URL.replace("amqp://", "amqp+x://", 1))  # parsed for its parts only
    vhost = f"factcheck_test_{secrets.token_hex(4)}"
    _rabbitmqctl("add_vhost", vhost)
    try:
        _rabbitmqctl("set_permissions", "-p", vhost, url.username or "guest", ".*", ".*", ".*")
        yield f"amqp://{url.username}:{url.password}@{url.host}:{url.port or 5672}/{vhost}"
    finally:
        _rabbitmqctl("delete_vhost", vhost)


class RabbitHarness(faults.Harness):
    """The Redis suite's harness with its broker swapped: workers on ``broker_url`` (the virtual host, directly), the
    producer on whatever URL its app was built with (directly, or through the test's proxy).

    ``pending_messages`` counts ready messages only; stop the workers first and the unacknowledged ones are back.
    """

    def __init__(self, broker_url: str, producer, tmp_path: Path):
        self.broker_url, self.producer = broker_url, producer
        self.events_path = tmp_path / "events.log"
        self.workers: list[faults.Worker] = []

    def worker_env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        env.update({"CELERY_BROKER_URL": self.broker_url, "FAULT_LOG": str(self.events_path),
                    "PYTHONWARNINGS": "default"})
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def _queues(self, action) -> list[int]:
        """``action(bound queue)`` for each Celery queue, on a direct connection (never through the proxy)."""
        celery = self.producer.extensions["celery"]
        with celery.connection_for_write(self.broker_url) as conn:
            return [action(celery.amqp.queues[name].bind(conn.default_channel)) for name in faults.QUEUES]

    def purge(self) -> None:
        self._queues(lambda queue: queue.queue_declare() and queue.purge())  # declared as Celery declares them

    def pending_messages(self) -> int:
        return sum(self._queues(lambda queue: queue.queue_declare().message_count))

    def settle(self, timeout: float = 30) -> None:
        """Wait until no message is ready and every task started has ended (follow-up tasks included)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ended = {e["task_id"] for e in self.events(event="end")}
            if not self.pending_messages() and {e["task_id"] for e in self.events(event="start")} <= ended:
                return
            time.sleep(0.2)
        raise AssertionError(f"work still pending after {timeout} s: {self.pending_messages()} messages")

    def completed(self, ids: list[int]) -> dict[str, int]:
        db.session.rollback()
        return dict(db.session.execute(select(Article.status, func.count()).where(Article.id.in_(ids))
                                       .group_by(Article.status)).all())

    def wait_all_done(self, ids: list[int], timeout: float) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.completed(ids) == {"done": len(ids)}:
                return time.monotonic()
            time.sleep(0.2)
        raise AssertionError(f"not all done within {timeout} s: {self.completed(ids)}; "
                             + "; ".join(f"{w.name}:\n{w.log[-2000:]}" for w in self.workers))


def _submit_many(count: int, tag: str) -> list[int]:
    return [articles.submit_text(SYSTEM, text=f"{faults.TEXT} {tag} number {n}.", title=f"{tag} {n}").article.id
            for n in range(count)]


def _duplicated_claims() -> int:
    return db.session.scalar(select(func.count()).select_from(
        select(Claim.article_id, Claim.extraction_key).group_by(Claim.article_id, Claim.extraction_key)
        .having(func.count() > 1).subquery()))


def _claims_per_article(ids: list[int]) -> set[int]:
    """The distinct claim counts of the articles: one value when every article (same text but for its number)
    was extracted exactly as the others."""
    counts = dict(db.session.execute(select(Claim.article_id, func.count()).where(Claim.article_id.in_(ids))
                                     .group_by(Claim.article_id)).all())
    return {counts.get(article_id, 0) for article_id in ids}


def _port_of(url: str) -> int:
    return make_url(url.replace("amqp://", "amqp+x://", 1)).port or 5672  # parsed for its parts only


def _harness(worker_url: str, producer_url: str, make_app, monkeypatch, tmp_path: Path):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("CELERY_BROKER_URL", producer_url)
    producer = make_app(CELERY_ALWAYS_EAGER=False, METRICS_TOKEN=METRICS_TOKEN)  # now Celery's current app
    yield from faults.running(RabbitHarness(worker_url, producer, tmp_path))


@pytest.fixture()
def harness(app, make_app, monkeypatch, vhost_url, tmp_path):
    """Workers and a producer on the virtual host, both connected directly (named as the Redis suite's, so its
    ``clean_run`` fixture runs on this one)."""
    yield from _harness(vhost_url, vhost_url, make_app, monkeypatch, tmp_path)


clean_run = faults.clean_run  # the reference extraction, in process


@pytest.fixture()
def proxy(vhost_url):
    server = TcpProxy(("127.0.0.1", _port_of(vhost_url)))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def harness_via_proxy(app, make_app, monkeypatch, vhost_url, proxy, tmp_path):
    """The producer (the web process) reaches RabbitMQ through the test's proxy, the workers directly."""
    producer_url = vhost_url.replace(f":{_port_of(vhost_url)}/", f":{proxy.port}/", 1)
    assert producer_url != vhost_url
    yield from _harness(vhost_url, producer_url, make_app, monkeypatch, tmp_path)


# --- a worker killed during extractions ------------------------------------------------------------------------


def test_sigkill_of_a_worker_during_extractions_loses_and_duplicates_nothing(harness):
    """SIGKILL of the whole worker (main process and pool child) mid-task: RabbitMQ hands the unacknowledged
    message back when the connection drops; a new worker finishes every article exactly once."""
    factories.reset_database()
    first = harness.start_worker(FAULT_SLOW_FIRST=0.2, FAULT_SLOW=0)
    ids = _submit_many(ARTICLES, "Report")
    started = time.monotonic()
    deadline = started + 120
    while harness.completed(ids).get("done", 0) < ARTICLES // 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    while True:  # kill while a task is inside extraction: the last one entered and not ended
        inside = harness.events(event="inside")[-1]
        if not harness.events(inside["task_id"], "end") or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    os.killpg(first.proc.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    first.wait_exit(10)
    done_at_kill = harness.completed(ids).get("done", 0)
    harness.start_worker(FAULT_SLOW_FIRST=0, FAULT_SLOW=0)
    all_done = harness.wait_all_done(ids, 60 + ARTICLES * 3)
    assert _duplicated_claims() == 0
    assert len(_claims_per_article(ids)) == 1 and 0 not in _claims_per_article(ids)
    assert len(harness.events(inside["task_id"], "start")) == 2  # the killed run and the redelivered one
    successes = [e for e in harness.events(event="end:SUCCESS") if e["name"] == "extract.article"]
    assert len(successes) == ARTICLES  # every extraction completed exactly once
    harness.settle()
    harness.stop_all()
    assert harness.pending_messages() == 0  # nothing left that could run again
    _figure(f"SIGKILL of a worker with {ARTICLES - done_at_kill} of {ARTICLES} extractions left: 0 lost, 0 duplicated "
            f"claims; all done {all_done - killed_at:.1f} s after the kill ({all_done - started:.1f} s in all)")


def test_sigterm_remapped_to_soft_shutdown_requeues_the_running_task(harness, clean_run):
    """A deploy stops a worker with SIGTERM: with REMAP_SIGTERM=SIGQUIT the running task gets the soft-shutdown
    window, then its message goes back to RabbitMQ and the next worker runs it once."""
    env, article_id, task_id, stopped = faults.sigterm_mid_task(harness)
    harness.start_worker(env)
    faults._assert_ran_once_after_redelivery(harness, article_id, task_id, clean_run)
    _figure(f"SIGTERM (REMAP_SIGTERM=SIGQUIT) mid-task: worker exited {stopped:.1f} s after SIGTERM; the task was "
            "requeued and completed once by the next worker")


# --- the broker unreachable -------------------------------------------------------------------------------------


def test_work_committed_while_the_broker_is_unreachable_is_recovered_by_the_sweeper(harness_via_proxy, proxy):
    """Commit, then send: the send fails while the broker is unreachable, the rows stay queued, and the sweeper's
    rule for lost work (queued, and nothing waiting in its queue) sends them all once the broker is back."""
    harness = harness_via_proxy
    factories.reset_database()
    harness.start_worker()
    proxy.stop()
    started = time.monotonic()
    ids = _submit_many(OUTAGE_ARTICLES, "Outage")
    per_submit = (time.monotonic() - started) / OUTAGE_ARTICLES
    assert harness.completed(ids) == {"queued": OUTAGE_ARTICLES}  # committed, never sent
    assert article_status.sweep_stale(lost_after=timedelta(0)) == 0  # still unreachable: nothing sent, no error
    proxy.start()
    resent = article_status.sweep_stale(lost_after=timedelta(0))  # beat's next sweep
    back_at = time.monotonic()
    assert resent == OUTAGE_ARTICLES
    all_done = harness.wait_all_done(ids, 60 + OUTAGE_ARTICLES * 3)
    assert _duplicated_claims() == 0
    assert len(_claims_per_article(ids)) == 1 and 0 not in _claims_per_article(ids)
    assert article_status.sweep_stale(lost_after=timedelta(0)) == 0  # nothing left to send
    assert per_submit < PAGE_BUDGET
    _figure(f"broker unreachable between commit and send: {OUTAGE_ARTICLES} articles committed ({per_submit:.2f} s per "
            f"submission), sweeper re-sent {resent}, all done {all_done - back_at:.1f} s after the broker was back; "
            "0 duplicated claims")


PAGES = ("/healthz", "/queues/", "/articles/new", "/articles/{article}", "/claims/{claim}", "/factchecks/",
         "/admin/dashboard")


@pytest.mark.parametrize("outage", ["refused", "hung"])
def test_pages_answer_within_5_s_with_the_broker_down(harness_via_proxy, proxy, outage):
    harness = harness_via_proxy
    client = harness.producer.test_client()
    admin = factories.make_user(roles=["admin", "editor"])
    assert client.post("/auth/login", data={"email": admin.email, "password": factories.PASSWORD}).status_code == 302
    claim = factories.make_claim(status="new")
    if outage == "refused":
        proxy.stop()
    else:
        proxy.hang()
    timings = {}
    for page in PAGES:
        url = page.format(article=claim.article_id, claim=claim.id)
        started = time.monotonic()
        response = client.get(url)
        timings[url] = time.monotonic() - started
        assert response.status_code == 200, (url, response.status_code)
    started = time.monotonic()
    response = client.post("/articles/paste", data={"title": "Down", "text": faults.TEXT})
    timings["POST /articles/paste"] = time.monotonic() - started
    assert response.status_code == 303  # saved; the sweeper sends it once the broker is back
    started = time.monotonic()
    response = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    timings["/metrics"] = time.monotonic() - started
    assert response.status_code == 200 and b"factcheck_broker_up 0.0" in response.data
    slowest = max(timings, key=timings.get)
    _figure(f"broker {outage}: slowest {slowest} {timings[slowest]:.2f} s; "
            + ", ".join(f"{url} {seconds:.2f}" for url, seconds in timings.items()))
    assert timings[slowest] < PAGE_BUDGET, timings
