"""Fault injection against real Celery workers, real Redis servers and the suite's database.

Nothing is mocked: every test starts ``celery worker --pool prefork --concurrency 1`` subprocesses on the
production settings (``task_acks_late``, ``task_reject_on_worker_lost``, prefetch 1, soft shutdown 10 s) through
``tests/integration/fault_worker.py``, which only adds test hooks (a slow or poisonous extraction, an event log,
an optional short visibility timeout). Faults are real: SIGKILL of the pool child or of the main process, SIGTERM,
``os._exit(1)`` in the child, a crash of a private ``redis-server`` the test started on a free port, a broker
that is not up yet. The machine's own Redis is only used through the empty db the session claimed on it: no test
stops, restarts or flushes a server it did not start.

Requirements covered (``/work/shared/reference/reliability-requirements.md``): F1, F2, F3, F7, F8 and the live
part of F9 here; the F9 configuration assertions are in ``tests/unit/test_config.py``.

F8 note: a plain SIGTERM is Celery's *warm* shutdown, which waits for the running task however long it takes;
``worker_soft_shutdown_timeout`` only bounds the *cold* shutdown (SIGQUIT, or SIGTERM when the worker runs with
``REMAP_SIGTERM=SIGQUIT``), after which the late-ack message is put back in its queue. Both paths are tested.

Knobs (environment variables), kept small by default so the file runs in about 2.5 minutes:

* ``FACTCHECK_FAULT_TRIALS`` (default 2): trials per F1 variant; the requirement's figure is 20
  (``FACTCHECK_FAULT_TRIALS=20``: the two F1 tests then take about 7 minutes).
* ``FACTCHECK_FAULT_ARTICLES`` (default 20): articles in flight in the F3 Redis restart (the requirement says 200).
* ``FACTCHECK_FAULT_REDIS_DOWN`` (default 5): seconds the private Redis stays down in F3 (the requirement says 10).
* ``FACTCHECK_FAULT_BROKER_LATE`` (default 5): seconds the worker waits for its broker in F7 (requirement: 20).

Each test measures and prints its figures (``pytest -s`` shows them).
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, AuditEvent, Claim, ClaimLink
from factcheck.services.articles import article_status, articles, extraction
from factcheck.services.core.guards import SYSTEM
from tests import factories
from tests.integration.fault_events import POISON_MARKER, read_events, redis_task_names

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("FACTCHECK_FAULT_TRIALS", "2"))
F3_ARTICLES = int(os.environ.get("FACTCHECK_FAULT_ARTICLES", "20"))
F3_REDIS_DOWN = float(os.environ.get("FACTCHECK_FAULT_REDIS_DOWN", "5"))
F7_BROKER_LATE = float(os.environ.get("FACTCHECK_FAULT_BROKER_LATE", "5"))
SHORT_VISIBILITY = 10  # seconds, for the main-process kill (F1b) and the countdown check (F9)
QUEUES = ("default", "ingest", "extract", "interactive")  # a pasted article goes to "interactive"
TEXT = (
    "The city council said on Monday that 2,400 new homes would be built by 2028. "
    "Opposition leaders accused the mayor of hiding the true cost of the project, which the mayor denies. "
    "Unemployment in the region fell to 6.1 percent last year, according to the statistics office."
)

pytestmark = pytest.mark.slow


def _code_stamp() -> float:
    return max(p.stat().st_mtime for p in (ROOT / "factcheck").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts)


_CODE_AT_IMPORT = _code_stamp()


def _same_code_note() -> str:
    """For a failed comparison with the in-process reference: did factcheck/ change while the test ran?"""
    if _code_stamp() > _CODE_AT_IMPORT:
        return ("factcheck/ changed on disk during the run, so the restarted workers run newer code than the "
                "in-process reference: rerun before blaming redelivery")
    return "factcheck/ unchanged during the run"


def _figure(message: str) -> None:
    print(f"[fault figures] {message}", file=sys.stderr)


# --- processes ------------------------------------------------------------------------------------------------


class Worker:
    """A ``celery worker`` subprocess in its own process group; its output is collected line by line."""

    def __init__(self, env: dict, name: str):
        cmd = [sys.executable, "-m", "celery", "-A", "tests.integration.fault_worker:celery_app", "worker",
               "--pool", "prefork", "--concurrency", "1", "--queues", ",".join(QUEUES), "--without-gossip",
               "--without-mingle", "--without-heartbeat", "--loglevel", "INFO", "--hostname", f"{name}@127.0.0.1"]
        self.name = name
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        self.lines: list[tuple[float, str]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    @property
    def log(self) -> str:
        return "\n".join(line for _, line in list(self.lines))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_for_line(self, needle: str, timeout: float) -> float:
        """The monotonic time at which a line containing ``needle`` was read; fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for at, line in list(self.lines):
                if needle in line:
                    return at
            if not self.alive() and not self._reader.is_alive():
                break
            time.sleep(0.1)
        raise AssertionError(f"worker {self.name}: no line with {needle!r} within {timeout} s; "
                             f"log:\n{self.log[-4000:]}")

    def wait_ready(self) -> float:
        return self.wait_for_line(" ready.", 60)

    def wait_exit(self, timeout: float) -> float:
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"worker {self.name} still running after {timeout} s; "
                                 f"log:\n{self.log[-4000:]}") from exc
        return time.monotonic()

    def stop(self) -> None:
        """Warm stop, then SIGKILL for anything left in the worker's own process group."""
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group this worker leads (start_new_session)
        except ProcessLookupError:
            pass
        self.proc.wait(10)
        self._reader.join(5)


def _process_gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ", 1)[1].startswith("Z")  # a zombie has stopped running
    except FileNotFoundError:
        return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ping(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
    except redis.RedisError:
        return False


def _wait_ping(url: str, up: bool, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _ping(url) == up:
            return time.monotonic()
        time.sleep(0.05)
    raise AssertionError(f"Redis at {url} not {'up' if up else 'down'} within {timeout} s")


class PrivateRedis:
    """A ``redis-server`` started by the test on a free loopback port, keeping nothing on disk."""

    def __init__(self, port: int, folder: Path):
        self.port, self.folder = port, folder
        self.url = f"redis://127.0.0.1:{port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> float:
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--daemonize", "no", "--dir", str(self.folder)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return _wait_ping(self.url, True, 10)

    def stop(self) -> None:
        """SIGKILL: a crash, so nothing is saved; queued messages die with the process."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None


# --- the harness ---------------------------------------------------------------------------------------------


class Harness:
    def __init__(self, redis_url: str, producer, tmp_path: Path):
        self.redis_url = redis_url
        self.redis = redis.Redis.from_url(redis_url)
        self.producer = producer
        self.events_path = tmp_path / "events.log"
        self.workers: list[Worker] = []

    # the broker
    def celery_keys(self) -> list[bytes]:
        keys = []
        for key in self.redis.scan_iter(count=500):
            name = key.decode(errors="replace")
            if name.split("\x06\x16")[0] in QUEUES or name.startswith("unacked"):
                keys.append(key)
        return keys

    def purge(self) -> None:
        """Drop queued and unacked Celery messages left by earlier tests (never the kombu bindings)."""
        if _ping(self.redis_url):
            keys = self.celery_keys()
            if keys:
                self.redis.delete(*keys)

    def pending_messages(self) -> int:
        """Messages still queued or held unacked in Redis: anything that could still run."""
        total = 0
        for key in self.celery_keys():
            name = key.decode(errors="replace")
            kind = self.redis.type(key)
            if kind == b"list":
                total += self.redis.llen(key)
            elif name == "unacked":
                total += self.redis.hlen(key)
        return total

    def pending_tasks(self) -> list[str]:
        """The names of the tasks still queued or held unacked: what could still run."""
        return [name for key in self.celery_keys() for name in redis_task_names(self.redis, key)]

    # workers
    def worker_env(self, **extra) -> dict:
        env = dict(os.environ)
        env.update({"REDIS_URL": self.redis_url, "FAULT_LOG": str(self.events_path), "PYTHONWARNINGS": "default"})
        env.pop("CELERY_BROKER_URL", None)
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def start_worker(self, env: dict | None = None, *, ready: bool = True, **extra) -> Worker:
        worker = Worker(env or self.worker_env(**extra), f"fault-{uuid.uuid4().hex[:8]}")
        self.workers.append(worker)
        if ready:
            worker.wait_ready()
        return worker

    def stop_all(self) -> None:
        for worker in self.workers:
            worker.stop()

    # the event log written by fault_worker
    def events(self, task_id: str | None = None, event: str | None = None) -> list[dict]:
        return [e for e in read_events(str(self.events_path))
                if (task_id is None or e["task_id"] == task_id) and (event is None or e["event"].startswith(event))]

    def wait_event(self, task_id: str, event: str, count: int, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.events(task_id, event)
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.05)
        raise AssertionError(f"no {event!r} #{count} for task {task_id} within {timeout} s: {self.events(task_id)}; "
                             + "; ".join(f"{w.name}:\n{w.log[-2500:]}" for w in self.workers))

    # work
    def submit(self, body: str = TEXT, title: str = "Homes") -> tuple[int, str]:
        """Submit through the real service (commit, then enqueue to Redis); returns (article id, task id)."""
        sent = []

        from celery.signals import after_task_publish

        def remember(headers=None, **_):
            sent.append(headers["id"])

        after_task_publish.connect(remember, weak=False)
        try:
            submitted = articles.submit_text(SYSTEM, text=body, title=title)
        finally:
            after_task_publish.disconnect(remember)
        assert submitted.created and len(sent) == 1, sent
        return submitted.article.id, sent[0]


def wait_article(article_id: int, statuses: tuple[str, ...], timeout: float) -> Article:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()
        article = db.session.get(Article, article_id)
        if article is not None and article.status in statuses:
            return article
        time.sleep(0.2)
    db.session.rollback()
    article = db.session.get(Article, article_id)
    raise AssertionError(f"article {article_id} not in {statuses} within {timeout} s: "
                         f"{article and (article.status, article.attempts, article.error)}")


def wait_heartbeat(token: str, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()
        rows = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "worker.heartbeat", AuditEvent.after["token"].as_string() == token))
        if rows:
            return time.monotonic()
        time.sleep(0.1)
    raise AssertionError(f"no heartbeat {token} committed within {timeout} s")


def heartbeat_rows(token: str) -> int:
    db.session.rollback()
    return len([e for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action == "worker.heartbeat"))
                if (e.after or {}).get("token") == token])


def _columns(row, skip=("id", "article_id")) -> tuple:
    return tuple((c.name, getattr(row, c.key)) for c in row.__table__.columns
                 if c.name not in skip and not c.name.endswith("_at"))


def snapshot(article_id: int) -> dict:
    """Everything extraction leaves for one article, without ids, timestamps and the attempts counter."""
    db.session.rollback()
    article = db.session.get(Article, article_id)
    claims = list(db.session.scalars(select(Claim).where(Claim.article_id == article_id)))
    key = {c.id: c.extraction_key for c in claims}
    links = db.session.scalars(select(ClaimLink).where(ClaimLink.source_claim_id.in_(list(key))))
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "article", AuditEvent.object_id == article_id).order_by(AuditEvent.id))
    return {
        "article": _columns(article, skip=("id", "attempts")),
        "claims": sorted(_columns(c) for c in claims),
        "links": sorted((key[link.source_claim_id], key[link.target_claim_id], link.type, link.origin)
                        for link in links),
        "audit": [(e.action, e.after) for e in events],
    }


def _harness(url: str, make_app, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("REDIS_URL", url)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    producer = make_app(CELERY_ALWAYS_EAGER=False)  # now Celery's current app: submissions go to Redis
    yield from running(Harness(url, producer, tmp_path))


def running(h: Harness):
    """``h`` on an empty broker; afterwards its workers stopped and its messages dropped (the RabbitMQ suite too)."""
    h.purge()
    try:
        yield h
    finally:
        h.stop_all()
        h.purge()


@pytest.fixture()
def harness(app, make_app, monkeypatch, redis_url, tmp_path):
    """Workers and a producer on the empty Redis db the session claimed."""
    yield from _harness(redis_url, make_app, monkeypatch, tmp_path)


@pytest.fixture()
def private_redis(tmp_path):
    """A ``redis-server`` of this test's own on a free loopback port, not yet started."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server not installed: cannot start a private Redis")
    server = PrivateRedis(_free_port(), tmp_path)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def private_harness(app, make_app, monkeypatch, private_redis, tmp_path):
    """Workers and a producer on a private Redis the test may crash and restart."""
    private_redis.start()
    yield from _harness(private_redis.url, make_app, monkeypatch, tmp_path)


@pytest.fixture()
def clean_run(harness):
    """F1/F8 reference: the article extracted once, in process, with no fault; then the database is emptied."""
    factories.reset_database()
    article_id, _ = harness.submit()
    harness.purge()  # its message: no worker runs in this test yet
    assert extraction.extract_article(article_id)
    reference = snapshot(article_id)
    assert reference["claims"] and [a for a, _ in reference["audit"]] == ["article.submit", "article.extracted"]
    factories.reset_database()
    return reference


def _assert_ran_once_after_redelivery(harness, article_id, task_id, reference):
    article = wait_article(article_id, ("done", "failed"), 90)
    assert article.status == "done", article.error
    harness.wait_event(task_id, "end:SUCCESS", 1, 10)  # task_postrun follows the commit by a few milliseconds
    starts, completed = harness.events(task_id, "start"), harness.events(task_id, "end:SUCCESS")
    assert len(starts) == 2, starts  # the killed run and the redelivered one
    assert len(completed) == 1, harness.events(task_id)  # completed exactly once
    assert article.attempts == 2
    # claims, links, article row and audit trail exactly as after a clean run
    assert snapshot(article_id) == reference, _same_code_note()
    deadline = time.monotonic() + 10  # the ack follows the commit by a few milliseconds
    while harness.pending_messages() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert harness.pending_messages() == 0  # acked: nothing left that could run it a third time


# --- F1 ----------------------------------------------------------------------------------------------------------


def test_f1a_sigkill_of_the_pool_child_redelivers_at_once(harness, clean_run):
    """F1 (pool child): reject_on_worker_lost requeues the message; the same worker runs it to completion."""
    worker = harness.start_worker(FAULT_SLOW_FIRST=4, FAULT_SLOW=1)
    figures = []
    for _ in range(TRIALS):
        factories.reset_database()
        article_id, task_id = harness.submit()
        inside = harness.wait_event(task_id, "inside", 1, 60)
        killed_at = time.monotonic()
        os.kill(inside["pid"], signal.SIGKILL)
        redelivered = harness.wait_event(task_id, "start", 2, 30)
        assert redelivered["pid"] != inside["pid"]  # a new pool child
        _assert_ran_once_after_redelivery(harness, article_id, task_id, clean_run)
        assert worker.alive(), worker.log[-3000:]
        figures.append(redelivered["at"] - killed_at)
    _figure(f"F1a pool-child SIGKILL: {TRIALS}/{TRIALS} completed once; kill -> redelivery "
            f"{', '.join(f'{s:.2f}' for s in figures)} s")
    assert "WorkerLostError" in worker.log  # the loss was seen, and the message rejected (requeued), not acked


def test_f1b_sigkill_of_the_main_process_redelivers_after_the_visibility_timeout(harness, clean_run):
    """F1 (main process): the message stays unacked in Redis; a new worker restores it after visibility_timeout."""
    env = harness.worker_env(FAULT_SLOW_FIRST=4, FAULT_SLOW=1, FAULT_VISIBILITY_TIMEOUT=SHORT_VISIBILITY)
    worker = harness.start_worker(env)
    figures = []
    for _ in range(TRIALS):
        factories.reset_database()
        article_id, task_id = harness.submit()
        inside = harness.wait_event(task_id, "inside", 1, 60)
        killed_at = time.monotonic()
        worker.proc.send_signal(signal.SIGKILL)  # the main process only; its child gets SIGKILL via pdeathsig
        worker.wait_exit(10)
        deadline = time.monotonic() + 10
        while not _process_gone(inside["pid"]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _process_gone(inside["pid"]), "the orphaned pool child kept running the task"
        assert harness.pending_messages() == 1  # still unacked in Redis, not lost
        worker = harness.start_worker(env)  # the restarted worker (also serves the next trial)
        redelivered = harness.wait_event(task_id, "start", 2, SHORT_VISIBILITY + 30)
        _assert_ran_once_after_redelivery(harness, article_id, task_id, clean_run)
        delay = redelivered["at"] - killed_at
        assert delay <= SHORT_VISIBILITY + 10, delay  # the pass figure: within visibility_timeout + 10 s
        figures.append(delay)
    _figure(f"F1b main-process SIGKILL (visibility_timeout {SHORT_VISIBILITY} s): {TRIALS}/{TRIALS} completed once; "
            f"kill -> redelivery {', '.join(f'{s:.1f}' for s in figures)} s")


# --- F2 ----------------------------------------------------------------------------------------------------------


def test_f2_a_poison_task_runs_at_most_three_times_then_the_article_fails(harness):
    """F2: the child dies in every run; the attempts counter stops it at 3 and the worker stays healthy."""
    worker = harness.start_worker()
    started = time.monotonic()
    article_id, task_id = harness.submit(f"{TEXT} {POISON_MARKER}", title="Poison")
    article = wait_article(article_id, ("failed", "done"), 90)
    elapsed = time.monotonic() - started
    assert article.status == "failed" and "Gave up after 3 attempts" in article.error, article.error
    assert article.attempts == 3
    assert len(harness.events(task_id, "inside")) == 3  # the poisonous work ran 3 times, no more
    assert worker.wait_for_line(f"article {article_id} failed: Gave up after 3 attempts", 10)  # the logged reason
    token = uuid.uuid4().hex
    sent_at = time.monotonic()
    harness.producer.extensions["celery"].send_task("system.heartbeat", args=[token], queue="default")
    answered = wait_heartbeat(token, 30) - sent_at
    assert worker.alive()
    assert harness.pending_messages() == 0  # the poison message is gone for good
    assert len(harness.events(task_id, "inside")) == 3 and len(harness.events(task_id, "start")) == 4
    _figure(f"F2 poison: 3 executions of the poison work (+1 delivery that only marked it failed) in {elapsed:.1f} s; "
            f"heartbeat afterwards answered in {answered:.2f} s")


def test_f2_only_runs_that_never_finished_count_towards_the_limit(app):
    """In process, no worker: finished runs and re-extractions start a fresh count; three unfinished runs stop it."""
    article = factories.make_article(status="queued")
    for _ in range(article_status.MAX_ATTEMPTS + 1):  # re-extracting a done article is never refused
        assert extraction.extract_article(article.id)
        assert (article.status, article.attempts) == ("done", 1)
    article.status, article.attempts = "extracting", article_status.MAX_ATTEMPTS - 1  # two runs died
    db.session.commit()
    assert extraction.extract_article(article.id)  # the third run may still finish
    assert article.status == "done"
    article.status, article.attempts = "extracting", article_status.MAX_ATTEMPTS  # three runs died
    db.session.commit()
    assert not extraction.extract_article(article.id)
    db.session.rollback()
    assert article.status == "failed" and article.error.startswith("Gave up after 3 attempts")


# --- F3 ----------------------------------------------------------------------------------------------------------


def test_f3_redis_restart_without_persistence_loses_no_work(private_harness, private_redis):
    """F3: queued messages die with a crashed Redis; the sweeper re-sends the rows and every article finishes."""
    harness = private_harness
    factories.reset_database()
    worker = harness.start_worker(FAULT_SLOW_FIRST=0.25, FAULT_SLOW=0.25)
    ids = [harness.submit(f"{TEXT} Report number {n}.", title=f"Report {n}")[0] for n in range(F3_ARTICLES)]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        db.session.rollback()
        done = db.session.scalar(select(func.count()).select_from(Article).where(Article.status == "done"))
        if done >= 2:
            break
        time.sleep(0.1)
    in_flight = harness.pending_messages()
    assert in_flight >= F3_ARTICLES // 2, in_flight  # most of the work exists only as Redis messages now
    private_redis.stop()
    _wait_ping(private_redis.url, False, 10)
    time.sleep(F3_REDIS_DOWN)  # the outage itself
    back_at = private_redis.start()
    assert harness.pending_messages() == 0  # the restart really lost every message
    token = uuid.uuid4().hex
    harness.producer.extensions["celery"].send_task("system.heartbeat", args=[token], queue="default")
    consuming_after = wait_heartbeat(token, 60) - back_at
    resent = article_status.sweep_stale(older_than=timedelta(0))  # what beat's next sweep does
    deadline, next_sweep = time.monotonic() + 180, time.monotonic() + 15
    while time.monotonic() < deadline:
        db.session.rollback()
        open_rows = db.session.scalar(select(func.count()).select_from(Article).where(
            Article.id.in_(ids), Article.status.not_in(("done", "failed"))))
        if not open_rows:
            break
        if time.monotonic() > next_sweep:  # beat sweeps again later; rows idle for 15 s count as stale here
            resent += article_status.sweep_stale(older_than=timedelta(seconds=15))
            next_sweep = time.monotonic() + 15
        time.sleep(0.2)
    all_done_after = time.monotonic() - back_at
    db.session.rollback()
    statuses = dict(db.session.execute(select(Article.status, func.count()).where(Article.id.in_(ids))
                                       .group_by(Article.status)).all())
    assert statuses == {"done": F3_ARTICLES}, (statuses, worker.log[-3000:])
    assert consuming_after <= 30, consuming_after
    assert worker.alive()
    assert "CPendingDeprecationWarning" not in worker.log  # e.g. cancel-on-connection-loss left to its default
    duplicates = db.session.scalar(select(func.count()).select_from(
        select(Claim.article_id, Claim.extraction_key).group_by(Claim.article_id, Claim.extraction_key)
        .having(func.count() > 1).subquery()))
    assert duplicates == 0
    _figure(f"F3 Redis restart: {in_flight} messages lost with {F3_ARTICLES} articles in flight; worker consumed again "
            f"{consuming_after:.1f} s after Redis returned; sweeper re-sent {resent}; {F3_ARTICLES}/{F3_ARTICLES} done "
            f"{all_done_after:.1f} s after Redis returned")


# --- F7 ----------------------------------------------------------------------------------------------------------


def test_f7_a_worker_started_before_its_broker_connects_once_the_broker_is_up(harness, make_app, monkeypatch,
                                                                             private_redis):
    """F7: a private redis-server on a free loopback port starts after the worker; no retry deprecation warning."""
    url = private_redis.url
    monkeypatch.setenv("REDIS_URL", url)
    producer = make_app(CELERY_ALWAYS_EAGER=False)
    worker = harness.start_worker(harness.worker_env(REDIS_URL=url), ready=False)
    try:
        worker.wait_for_line("Cannot connect to redis://", 60)  # it is up, and retrying
        time.sleep(F7_BROKER_LATE)  # the broker outage at start-up
        up_at = private_redis.start()
        connected = worker.wait_for_line("Connected to redis://", 45) - up_at
        token = uuid.uuid4().hex
        producer.extensions["celery"].send_task("system.heartbeat", args=[token], queue="default")
        consumed = wait_heartbeat(token, 45) - up_at
    finally:
        worker.stop()
    assert connected <= 30 and consumed <= 30, (connected, consumed)
    assert "CPendingDeprecationWarning" not in worker.log
    assert "broker_connection_retry" not in worker.log
    _figure(f"F7 broker up {F7_BROKER_LATE:.0f} s after the worker: connected {connected:.1f} s and first task "
            f"committed {consumed:.1f} s after Redis started; no CPendingDeprecationWarning")


# --- F8 ----------------------------------------------------------------------------------------------------------


def sigterm_mid_task(harness: Harness) -> tuple[dict, int, str, float]:
    """SIGTERM to a ``REMAP_SIGTERM=SIGQUIT`` worker running a long task; checks the soft shutdown gave the task its
    window, cut it short and put its message back. Returns (worker env, article id, task id, seconds to exit)."""
    soft = harness.producer.config["CELERY"]["worker_soft_shutdown_timeout"]  # the production value (10 s)
    env = harness.worker_env(FAULT_SLOW_FIRST=soft + 20, FAULT_SLOW=0, REMAP_SIGTERM="SIGQUIT")
    worker = harness.start_worker(env)
    article_id, task_id = harness.submit()
    harness.wait_event(task_id, "inside", 1, 60)
    term_at = time.monotonic()
    worker.proc.send_signal(signal.SIGTERM)
    stopped = worker.wait_exit(soft + 20) - term_at
    assert "Initiating Soft Shutdown" in worker.log
    assert stopped >= soft - 0.5  # it gave the task the whole soft-shutdown window first
    assert not harness.events(task_id, "end:SUCCESS")  # it did not finish: the cold shutdown cut it short
    assert harness.pending_messages() == 1  # back in its queue
    return env, article_id, task_id, stopped


def test_f8_sigterm_remapped_to_soft_shutdown_requeues_the_running_task(harness, clean_run):
    """F8: with REMAP_SIGTERM=SIGQUIT, SIGTERM waits worker_soft_shutdown_timeout, then requeues the late-ack task.

    The restarted worker keeps the production visibility_timeout (1 h): the re-run within seconds proves the
    message went back to the queue at shutdown instead of waiting out the timeout.
    """
    env, article_id, task_id, stopped = sigterm_mid_task(harness)
    assert harness.redis.hlen("unacked") == 0  # not held unacked in Redis: back in its queue
    restart_at = time.monotonic()
    harness.start_worker(env)
    rerun = harness.wait_event(task_id, "start", 2, 60)["at"] - restart_at
    _assert_ran_once_after_redelivery(harness, article_id, task_id, clean_run)
    assert rerun < 60  # not an hour
    _figure(f"F8 SIGTERM (REMAP_SIGTERM=SIGQUIT) mid-task: worker exited {stopped:.1f} s after SIGTERM; task re-ran "
            f"{rerun:.1f} s after the restart (visibility_timeout 3600 s); completed once")


def test_f8_plain_sigterm_is_a_warm_shutdown_that_finishes_the_running_task(harness, clean_run):
    """F8, a worker started without REMAP_SIGTERM: plain SIGTERM waits for the task, which completes once."""
    worker = harness.start_worker(FAULT_SLOW_FIRST=3, FAULT_SLOW=0)
    article_id, task_id = harness.submit()
    harness.wait_event(task_id, "inside", 1, 60)
    term_at = time.monotonic()
    worker.proc.send_signal(signal.SIGTERM)
    stopped = worker.wait_exit(60) - term_at
    ended = harness.events(task_id, "end")
    assert [e["event"] for e in ended] == ["end:SUCCESS"]
    assert len(harness.events(task_id, "start")) == 1
    # acked before the exit: nothing to re-run; only the follow-up matching task waits for the next worker
    assert harness.pending_tasks() == ["extract.match_claims"]
    article = wait_article(article_id, ("done", "failed"), 5)
    assert article.status == "done" and article.attempts == 1
    assert snapshot(article_id) == clean_run, _same_code_note()
    _figure(f"F8 plain SIGTERM mid-task: warm shutdown finished the task and exited {stopped:.1f} s after SIGTERM")


# --- F9 (live part) ------------------------------------------------------------------------------------------------


def test_f9_a_countdown_shorter_than_the_visibility_timeout_runs_exactly_once(harness):
    """F9 live: visibility_timeout 10 s, countdown 5 s; the task runs once, after its countdown."""
    harness.start_worker(FAULT_VISIBILITY_TIMEOUT=SHORT_VISIBILITY)
    token = uuid.uuid4().hex
    sent_at = time.monotonic()
    harness.producer.extensions["celery"].send_task("system.heartbeat", args=[token], queue="default", countdown=5)
    ran_after = wait_heartbeat(token, 40) - sent_at
    deadline = time.monotonic() + 10
    while harness.pending_messages() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert harness.pending_messages() == 0  # acked, so no restore can run it again
    assert heartbeat_rows(token) == 1
    assert ran_after >= 4.5, ran_after
    _figure(f"F9 countdown 5 s under visibility_timeout {SHORT_VISIBILITY} s: ran once, "
            f"{ran_after:.1f} s after sending")
