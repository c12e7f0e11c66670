"""Ingestion end to end with eager Celery: paste, URL, bulk and feeds through to claims in the database."""
import logging
import os
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, AuditEvent, Claim, ClaimLink, Evidence, Feed, Source
from factcheck.models.base import utcnow
from factcheck.services.admin import settings_admin
from factcheck.services.articles import article_status, articles, extraction, feeds
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.guards import SYSTEM
from tests import factories

# Our own French text, in the style of a wire story (not a copy of any article).
DISPUTE_FR = (
    "Le gouvernement annonce que 1 500 logements sociaux seront livrés en 2027 dans la région. "
    "L’opposition accuse le gouvernement de manipuler les chiffres du chômage, ce que le ministère dément "
    "catégoriquement. «Nous publierons toutes les données», a déclaré la ministre lors d’une conférence de presse."
)
ENGLISH = (
    "The city council said on Monday that 2,400 new homes would be built by 2028. "
    "Opposition leaders accused the mayor of hiding the true cost of the project, which the mayor denies."
)


def _claims(article_id):
    return list(db.session.scalars(select(Claim).where(Claim.article_id == article_id).order_by(Claim.id)))


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_pasted_french_article_yields_linked_accusation_and_denial(app):
    editor = factories.make_user(roles=["editor"])
    submitted = articles.submit_text(editor, text=DISPUTE_FR, title="Logements", outlet="Le Quotidien")
    article = db.session.get(Article, submitted.article.id)
    assert submitted.created and article.status == "done", article.error
    assert article.language == "fr" and article.pipeline_version.startswith("factcheck-extract")
    claims = _claims(article.id)
    kinds = {c.kind for c in claims}
    assert {"accusation", "denial"} <= kinds
    accusation = next(c for c in claims if c.kind == "accusation")
    denial = next(c for c in claims if c.kind == "denial")
    link = db.session.scalar(select(ClaimLink).where(ClaimLink.type == "denies"))
    assert (link.source_claim_id, link.target_claim_id) == (denial.id, accusation.id)
    assert any(q["value"] == 1500 for c in claims for q in c.quantities)
    for c in claims:
        assert article.raw_text[c.span_start:c.span_end] == c.sentence
    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["article.submit", "article.extracted"]


def test_extraction_twice_creates_no_duplicates(app):
    submitted = articles.submit_text(SYSTEM, text=ENGLISH, title="Homes")
    first = (_count(Claim), _count(ClaimLink))
    assert first[0] >= 2
    assert extraction.extract_article(submitted.article.id)
    assert (_count(Claim), _count(ClaimLink)) == first


def test_same_text_twice_is_one_article(app):
    first = articles.submit_text(SYSTEM, text=ENGLISH)
    again = articles.submit_text(SYSTEM, text=ENGLISH + "\n\n")
    assert not again.created and again.article.id == first.article.id
    assert _count(Article) == 1


def test_reextraction_keeps_claims_reviewers_worked_on(app, monkeypatch):
    submitted = articles.submit_text(SYSTEM, text=DISPUTE_FR)
    claims = _claims(submitted.article.id)
    kept, triaged, untouched = claims[0], claims[1], claims[2:]
    db.session.add(Evidence(claim_id=kept.id, source_id=factories.make_source().id, stance="refutes"))
    triaged.status = "triaged"
    db.session.commit()
    real_extract = extraction.extraction.extract

    def newer_pipeline(text, **kwargs):
        result = real_extract(text, **kwargs)
        return type(result)(language=result.language, pipeline="factcheck-extract 9.9.9", claims=())

    monkeypatch.setattr(extraction.extraction, "extract", newer_pipeline)
    assert extraction.extract_article(submitted.article.id)
    remaining = {c.id for c in _claims(submitted.article.id)}
    assert {kept.id, triaged.id} <= remaining
    assert not remaining & {c.id for c in untouched}


def test_empty_and_oversized_text_are_refused_with_a_clear_message(app):
    with pytest.raises(InvalidInput, match="empty"):
        articles.submit_text(SYSTEM, text="   \n ")
    with pytest.raises(InvalidInput):
        articles.submit_text(SYSTEM, text="a" * 2_000_001)
    with pytest.raises(InvalidInput):
        articles.submit_text(SYSTEM, text="abc\x00def")
    assert _count(Article) == 0


def test_unsupported_language_fails_with_a_status_and_keeps_the_article(app):
    spanish = ("El ayuntamiento anunció el lunes que construirá 3.000 viviendas nuevas antes de 2028, "
               "según fuentes municipales consultadas por este periódico.")
    submitted = articles.submit_text(SYSTEM, text=spanish)
    article = db.session.get(Article, submitted.article.id)
    assert article.status == "failed" and "language" in article.error.lower()
    assert article.raw_text.startswith("El ayuntamiento")


def test_task_for_a_deleted_article_says_so_and_stops(app, caplog):
    from factcheck.tasks.extract import extract_article
    from factcheck.tasks.ingest import fetch_article

    caplog.set_level(logging.WARNING, logger="factcheck")
    extract_article.delay(987654)
    fetch_article.delay(987654)
    assert "no longer exists" in caplog.text
    assert _count(Claim) == 0


def test_rollback_sends_no_task(app, monkeypatch):
    from factcheck.services.core import dispatch

    sent = []
    monkeypatch.setattr(dispatch, "send_now", lambda name, *args, queue=None: sent.append((name, args)) or True)
    dispatch.enqueue_after_commit("extract.article", 1)
    db.session.rollback()
    db.session.commit()
    assert sent == []
    dispatch.enqueue_after_commit("extract.article", 2)
    db.session.commit()
    assert sent == [("extract.article", (2,))]


def test_sweeper_resends_stuck_work_and_gives_up_after_three_attempts(app, monkeypatch):
    from factcheck.services.articles import article_status as status_module

    sent = []
    monkeypatch.setattr(status_module, "send_now",
                        lambda name, *args, queue=None: sent.append((name, args)) or True)
    stuck = factories.make_article(status="extracting")
    poison = factories.make_article(status="fetching", text="")
    poison.attempts = 3
    db.session.commit()
    old = utcnow() - timedelta(hours=1)
    db.session.execute(Article.__table__.update().values(updated_at=old))
    db.session.commit()
    assert article_status.sweep_stale() == 1
    assert sent == [("extract.article", (stuck.id,))]
    assert db.session.get(Article, poison.id).status == "failed"
    assert "3 attempts" in db.session.get(Article, poison.id).error


def test_sweeper_resends_lost_queued_work_soon_only_when_its_queue_is_empty(app, monkeypatch):
    """A Redis restart loses queued messages: a row queued for minutes while its queue is empty is sent again
    within minutes, not after the 15-minute stale rule; a queue with messages waiting means it is just its turn."""
    from factcheck.services.articles import article_status as status_module

    sent = []
    monkeypatch.setattr(status_module, "send_now",
                        lambda name, *args, queue=None: sent.append((name, args)) or True)
    queued = factories.make_article(status="queued")
    queued.source_kind = "bulk"  # routed by its task's name (test_interactive_queue covers the interactive lane)
    running = factories.make_article(status="extracting")
    db.session.commit()
    three_minutes_ago = utcnow() - timedelta(minutes=3)
    db.session.execute(Article.__table__.update().values(updated_at=three_minutes_ago))
    db.session.commit()
    asked = []
    assert article_status.sweep_stale(waiting=lambda queue: asked.append(queue) or 4) == 0
    assert asked == ["extract"] and sent == []
    assert article_status.sweep_stale(waiting=lambda queue: None) == 0  # the broker cannot say: wait
    assert article_status.sweep_stale(waiting=lambda queue: 0) == 1
    assert sent == [("extract.article", (queued.id,))]
    assert db.session.get(Article, running.id).status == "extracting"
    assert article_status.sweep_stale(waiting=lambda queue: 0) == 0  # just resent: not again at once


def test_waiting_messages_counts_a_real_redis_queue(app, make_app, monkeypatch, redis_url):
    from factcheck.services.core import dispatch

    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    producer = make_app(CELERY_ALWAYS_EAGER=False)
    celery = producer.extensions["celery"]
    queue = f"sweep-probe-{os.getpid()}"
    try:
        with producer.app_context():
            celery.send_task("system.heartbeat", args=["probe"], queue=queue)
            celery.send_task("system.heartbeat", args=["probe"], queue=queue)
            assert dispatch.waiting_messages(queue) == 2
    finally:
        with celery.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
        app.extensions["celery"].set_current()


def test_bulk_upload_reports_bad_rows_by_line_and_keeps_good_rows(app):
    data = "\n".join([
        '{"text": "' + ENGLISH + '", "title": "one"}',
        '{"title": "no text"}',
        "not json at all",
    ]).encode()
    report = articles.submit_bulk(SYSTEM, data=data, filename="batch.jsonl")
    assert len(report.created) == 1
    assert any(e.startswith("line 2") for e in report.errors) and any(e.startswith("line 3") for e in report.errors)
    assert db.session.get(Article, report.created[0]).status == "done"


def test_url_ingestion_from_a_local_server(app, httpserver):
    page = ("<html><head><title>Logements</title><meta property='og:site_name' content='Le Quotidien'></head>"
            "<body><article><h1>Logements</h1><p>" + DISPUTE_FR + "</p></article></body></html>")
    httpserver.expect_request("/article").respond_with_data(page, content_type="text/html; charset=utf-8")
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    submitted = articles.submit_url(admin, url=httpserver.url_for("/article"))
    article = db.session.get(Article, submitted.article.id)
    assert article.status == "done", article.error
    assert "1 500 logements" in article.raw_text and len(_claims(article.id)) >= 2


def test_url_redirecting_to_metadata_address_is_blocked(app, httpserver):
    httpserver.expect_request("/evil").respond_with_data("", status=302,
                                                         headers={"Location": "http://169.254.169.254/latest/"})
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    submitted = articles.submit_url(admin, url=httpserver.url_for("/evil"))
    article = db.session.get(Article, submitted.article.id)
    assert article.status == "failed" and "Fetching failed" in article.error
    assert _count(Claim) == 0


def test_url_to_loopback_is_refused_at_submission(app):
    with pytest.raises(InvalidInput, match="cannot be used"):
        articles.submit_url(SYSTEM, url="http://127.0.0.1:6379/")
    assert _count(Article) == 0


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fil test</title>
<item><title>Un</title><link>{base}/one</link><guid>one</guid></item>
<item><title>Deux</title><link>{base}/two</link><guid>two</guid></item></channel></rss>"""


def test_feed_poll_ingests_each_entry_once_and_uses_etag(app, httpserver):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/feed.xml", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    httpserver.expect_request("/feed.xml").respond_with_data(RSS.format(base=base), headers={"ETag": '"v1"'},
                                                             content_type="application/rss+xml")
    for path, text in (("/one", ENGLISH), ("/two", DISPUTE_FR)):
        httpserver.expect_request(path).respond_with_data(f"<html><body><p>{text}</p></body></html>",
                                                          content_type="text/html")
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    feed = feeds.add_feed(admin, url=f"{base}/feed.xml", outlet="Fil")
    assert feeds.poll_feed(feed.id) == 2
    assert feeds.poll_feed(feed.id) == 0
    assert db.session.get(Feed, feed.id).etag == '"v1"'
    assert _count(Article) == 2
    assert {a.status for a in db.session.scalars(select(Article))} == {"done"}


def test_feed_that_returns_html_records_a_clear_error(app, httpserver):
    httpserver.expect_request("/notafeed").respond_with_data("<html><body>hello</body></html>",
                                                             content_type="text/html")
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    feed = feeds.add_feed(admin, url=httpserver.url_for("/notafeed"))
    assert feeds.poll_feed(feed.id) == 0
    assert "feed" in db.session.get(Feed, feed.id).last_error.lower()
    assert _count(Source) == 0 and _count(Article) == 0


def test_a_later_denial_and_a_repeated_claim_are_linked_across_articles(app):
    first = articles.submit_text(SYSTEM, text=(
        "Opposition leaders accused the mayor of hiding the true cost of the stadium project. "
        "The city says 2,400 new homes will be built by 2028."), title="First")
    second = articles.submit_text(SYSTEM, text=(
        "The mayor denied hiding the true cost of the stadium project on Friday. "
        "The city says 2,400 new homes will be built by 2028."), title="Second")
    first_claims, second_claims = _claims(first.article.id), _claims(second.article.id)
    denial = next(c for c in second_claims if c.kind == "denial")
    accusation = next(c for c in first_claims if c.kind == "accusation")
    links = {(link.source_claim_id, link.target_claim_id, link.type, link.origin)
             for link in db.session.scalars(select(ClaimLink))}
    assert (denial.id, accusation.id, "denies", "similarity") in links
    first_home, second_home = [c for c in first_claims + second_claims if "2,400" in c.sentence]
    db.session.expire_all()
    assert db.session.get(Claim, second_home.id).canonical_claim_id == first_home.id  # one duplicate group
    assert not any(link[2] == "duplicate_of" for link in links)


@pytest.mark.timeout(120)  # a hang guard only: a publish retrying forever would otherwise never return
def test_a_dead_broker_never_hangs_a_submission(app, make_app, monkeypatch, caplog):
    """F4: the row is stored and the call returns after a bounded number of publish attempts, logging that the
    sweeper will send the task once the broker is back."""
    import socket

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    producer = make_app(CELERY_ALWAYS_EAGER=False)
    retries = producer.extensions["celery"].conf.task_publish_retry_policy["max_retries"]
    attempts = []
    connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", lambda sock, addr: attempts.append(addr) or connect(sock, addr))
    with producer.app_context():
        submitted = articles.submit_text(SYSTEM, text=ENGLISH)
        assert db.session.get(Article, submitted.article.id).status == "queued"
    # The publish gave up after its retry policy's attempts, and said so, instead of waiting for the broker.
    assert 0 < len(attempts) <= 1 + retries and set(attempts) == {("127.0.0.1", 1)}, attempts
    assert f"could not enqueue extract.article({submitted.article.id},); the sweeper will retry" in caplog.messages


def test_a_page_answering_500_is_retried_without_counting_as_a_lost_run(app, httpserver):
    from factcheck.services.articles import article_fetch

    httpserver.expect_request("/down").respond_with_data("busy", status=503)
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    article = factories.make_article(status="queued", text="")
    article.url = httpserver.url_for("/down")
    db.session.commit()
    for _ in range(4):  # more runs than MAX_ATTEMPTS: each one ended, so none is a lost run
        with pytest.raises(article_fetch.RetryableFetchError):
            article_fetch.fetch_article(article.id)
        db.session.expire_all()
        assert (article.status, article.attempts) == ("fetching", 0)
    assert article_fetch.fetch_article(article.id, final_attempt=True) is False
    db.session.expire_all()
    assert article.status == "failed" and "Fetching failed" in article.error


def test_a_page_whose_fetch_never_finishes_is_given_up_after_three_runs(app, httpserver):
    from factcheck.services.articles import article_fetch

    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    article = factories.make_article(status="fetching", text="")
    article.url = httpserver.url_for("/poison")
    article.attempts = 3  # three earlier runs started and never ended (their worker died)
    db.session.commit()
    assert article_fetch.fetch_article(article.id) is False
    db.session.expire_all()
    assert article.status == "failed" and "Gave up after 3 attempts" in article.error
    assert len(httpserver.log) == 0  # the page was not fetched a fourth time
