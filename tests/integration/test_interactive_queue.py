"""Interactive before bulk: a pasted or single-URL article is served while a bulk import still waits.

Routing, on the real broker without workers (fast): pasted and single-URL articles (web form or API) are published
to the ``interactive`` queue at every step (fetch, the extraction the fetch hands over to, a re-extraction, the
sweeper's resend after a lost message); bulk and feed articles to their tasks' routed queues (``ingest``,
``extract``).

Behaviour, on real workers started from the Procfile's own command lines (``worker`` and ``interactive``), on the
embedded filesystem broker of ``make run`` and on Redis: a paste submitted right after a 120-article bulk upload
reaches its claims while most of the bulk upload is still queued, and it was the interactive worker that ran it.
Its time to claims is printed beside the same paste's time on idle workers (``pytest -s``); the speed bar
(during bulk <= 2x idle) is measured by ``bench/paste_during_bulk.py``, not asserted here (the machine is shared).
"""
from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from celery.signals import after_task_publish
from honcho.environ import parse_procfile
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, Claim, User
from factcheck.models.base import utcnow
from factcheck.services.admin import settings_admin
from factcheck.services.articles import article_fetch, article_status, articles, feeds
from factcheck.services.core.dispatch import INTERACTIVE_QUEUE, waiting_messages
from tests import factories
from tests.integration.newswire import bulk_jsonl, news_article

ROOT = Path(__file__).resolve().parents[2]
QUEUES = ("default", "ingest", "extract", INTERACTIVE_QUEUE)
BULK = int(os.environ.get("FACTCHECK_PASTE_BULK_ARTICLES", "120"))
WORKING = ("queued", "fetching", "extracting")


# -- the broker


@pytest.fixture(params=["embedded", "redis"])
def producer(request, app, make_app, monkeypatch):
    """A non-eager app publishing to the embedded filesystem broker (``make run``) or to the session's Redis db."""
    if request.param == "redis":
        monkeypatch.setenv("REDIS_URL", request.getfixturevalue("redis_url"))
    else:
        monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    extra = make_app(CELERY_ALWAYS_EAGER=False)
    celery = extra.extensions["celery"]
    assert not celery.conf.task_always_eager
    assert celery.conf.broker_url.startswith("redis://" if request.param == "redis" else "filesystem://")
    _purge(extra)
    celery.set_current()  # dispatch publishes through celery.current_app
    try:
        yield extra
    finally:
        app.extensions["celery"].set_current()
        app.extensions["celery"].set_default()
        _purge(extra)


def _purge(producer) -> None:
    """Drop our queues' messages, and on Redis kombu's unacked bookkeeping, on the session's own broker."""
    celery = producer.extensions["celery"]
    with celery.connection_for_write() as conn:
        for queue in QUEUES:
            conn.default_channel.queue_purge(queue)
    if celery.conf.broker_url.startswith("redis://"):
        client = redis.Redis.from_url(celery.conf.broker_url)
        try:
            client.delete("unacked", "unacked_index", "unacked_mutex")
        finally:
            client.close()


def _waiting(producer) -> dict[str, int]:
    with producer.app_context():
        return {queue: waiting_messages(queue) or 0 for queue in QUEUES}


# -- routing (no worker)


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fil</title>
<item><title>Un</title><link>{base}/feed-one</link><guid>one</guid></item></channel></rss>"""


def _serve(httpserver) -> None:
    for path, i in (("/single", 1), ("/feed-one", 2)):
        body = f"<html><body><article><p>{news_article(i)['text']}</p></article></body></html>"
        httpserver.expect_request(path).respond_with_data(body, content_type="text/html; charset=utf-8")
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/feed.xml").respond_with_data(RSS.format(base=base),
                                                             content_type="application/rss+xml")


def test_interactive_work_waits_on_its_own_queue_and_bulk_and_feeds_on_theirs(producer, httpserver):
    _serve(httpserver)
    admin = factories.make_user(roles=["admin"])
    with producer.app_context():
        actor = db.session.get(User, admin.id)
        settings_admin.set_setting(actor, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
        paste = articles.submit_text(actor, **news_article(0)).article.id
        single = articles.submit_url(actor, url=httpserver.url_for("/single")).article.id
        bulk = articles.submit_bulk(actor, data=bulk_jsonl(range(10, 13)), filename="b.jsonl").created
        feed = feeds.add_feed(actor, url=httpserver.url_for("/feed.xml"))
        assert feeds.poll_feed(feed.id) == 1
    assert _waiting(producer) == {"default": 0, "ingest": 1, "extract": 3, INTERACTIVE_QUEUE: 2}

    with producer.app_context():  # the fetches hand over to extraction on the same article's queue
        fed = db.session.scalar(select(Article.id).where(Article.source_kind == "feed"))
        assert article_fetch.fetch_article(single) and article_fetch.fetch_article(fed)
        actor = db.session.get(User, admin.id)
        articles.queue_reextraction(actor, paste)
        articles.queue_reextraction(actor, bulk[0])
    assert _waiting(producer) == {"default": 0, "ingest": 1, "extract": 5, INTERACTIVE_QUEUE: 4}


def test_the_sweeper_sends_lost_work_back_to_the_queue_it_came_from(producer):
    """A Redis restart loses every message: the sweeper resends a paste to ``interactive``, a bulk row to
    ``extract``, each after finding that very queue empty."""
    reviewer = factories.make_user(roles=["reviewer"])
    with producer.app_context():
        actor = db.session.get(User, reviewer.id)
        paste = articles.submit_text(actor, **news_article(0)).article.id
        bulk = articles.submit_bulk(actor, data=bulk_jsonl([1]), filename="b.jsonl").created
    _purge(producer)  # the messages are lost; the rows still say "queued"
    db.session.execute(Article.__table__.update().values(updated_at=utcnow() - timedelta(minutes=3)))
    db.session.commit()
    asked: list[str] = []
    with producer.app_context():
        def waiting(queue: str) -> int | None:
            asked.append(queue)
            return waiting_messages(queue)

        assert article_status.sweep_stale(waiting=waiting) == 2
    assert sorted(asked) == ["extract", INTERACTIVE_QUEUE]
    assert _waiting(producer) == {"default": 0, "ingest": 0, "extract": 1, INTERACTIVE_QUEUE: 1}
    assert {db.session.get(Article, i).status for i in (paste, *bulk)} == {"queued"}


# -- real workers, as the Procfile starts them


def _start(name: str, log_path: Path) -> subprocess.Popen:
    """The Procfile's ``name`` process with this interpreter, a unique node name, and no gossip or mingle."""
    argv = shlex.split(parse_procfile((ROOT / "Procfile").read_text()).processes[name])
    env = dict(os.environ)
    while argv and "=" in argv[0]:  # the line's VAR=value prefixes (REMAP_SIGTERM=SIGQUIT), as a shell reads them
        key, value = argv.pop(0).split("=", 1)
        env[key] = value
    at = next(i for i, arg in enumerate(argv) if Path(arg).name == "celery")
    rest = argv[at + 1:]
    rest[rest.index("--hostname") + 1] = f"{name}-{uuid.uuid4().hex[:8]}@%h"
    cmd = [*argv[:at], sys.executable, "-m", "celery", *rest, "--without-gossip", "--without-mingle"]
    with open(log_path, "w") as log:  # a file, not a pipe: a full pipe would block a busy worker
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(worker: subprocess.Popen) -> None:
    """Cold shutdown (SIGQUIT: the bulk import left is of no interest), then SIGKILL of the group after 15 s."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGQUIT)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"


def _paste(producer, actor_id: int, i: int, workers: dict) -> tuple[int, float, str]:
    """Paste generated article ``i`` and wait for its claims: (article id, seconds to claims, extraction task id)."""
    published: list[tuple[str, str]] = []

    def remember(headers=None, routing_key=None, **_):
        published.append((headers["id"], routing_key))

    after_task_publish.connect(remember, weak=False)
    try:
        started = time.monotonic()
        with producer.app_context():
            article_id = articles.submit_text(db.session.get(User, actor_id), **news_article(i)).article.id
    finally:
        after_task_publish.disconnect(remember)
    assert len(published) == 1 and published[0][1] == INTERACTIVE_QUEUE, published
    while True:
        db.session.rollback()  # a fresh snapshot: the worker commits in another process
        article = db.session.get(Article, article_id)
        if article.status not in WORKING:
            break
        for name, (worker, log_path) in workers.items():
            assert worker.poll() is None, f"the {name} worker exited:\n{_tail(log_path)}"
        time.sleep(0.05)
    took = time.monotonic() - started
    assert article.status == "done", article.error
    return article_id, took, published[0][0]


def _bulk_still_queued() -> int:
    return db.session.scalar(select(func.count()).select_from(Article).where(
        Article.source_kind == "bulk", Article.status == "queued"))


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_paste_during_a_bulk_import_is_served_by_the_interactive_worker_first(producer, tmp_path):
    reviewer = factories.make_user(roles=["reviewer"])
    logs = {name: tmp_path / f"{name}.log" for name in ("worker", "interactive")}
    workers = {name: (_start(name, log_path), log_path) for name, log_path in logs.items()}
    try:
        _paste(producer, reviewer.id, 10_000, workers)  # loads the models in the interactive pool process
        _, idle, _ = _paste(producer, reviewer.id, 10_001, workers)

        with producer.app_context():
            report = articles.submit_bulk(db.session.get(User, reviewer.id), data=bulk_jsonl(range(BULK)),
                                          filename="import.jsonl")
        assert len(report.created) == BULK, report.errors
        article_id, busy, task_id = _paste(producer, reviewer.id, 10_002, workers)
        left = _bulk_still_queued()
    finally:
        for worker, _ in workers.values():
            _stop(worker)
    print(f"\npaste during a {BULK}-article bulk import ({producer.extensions['celery'].conf.broker_url}): "
          f"{busy:.1f} s to claims, {idle:.1f} s idle (x{busy / idle:.1f}); {left}/{BULK} bulk articles still queued")

    assert db.session.scalar(select(func.count()).select_from(Claim).where(Claim.article_id == article_id)) > 0
    assert left >= BULK // 2, f"the paste waited behind the bulk import: only {left}/{BULK} bulk articles queued"
    received = f"Task extract.article[{task_id}] received"
    assert received in logs["interactive"].read_text(errors="replace"), _tail(logs["interactive"])
    assert received not in logs["worker"].read_text(errors="replace")
