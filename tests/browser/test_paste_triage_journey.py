"""A reviewer pastes an article; a real Celery worker (its own process, on the session's broker) extracts the
claims, which appear on the article page while it waits (htmx polling, no reload); then the reviewer triages the
queue by keyboard. In English and in French, the pages saying so in their ``lang`` attribute and their labels.

One worker serves the whole module: it is the slow part (start, extraction models loaded on its first article).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from factcheck.extensions import db
from factcheck.models import Article, Claim
from factcheck.services.core.dispatch import INTERACTIVE_QUEUE
from tests import factories
from tests.browser.conftest import log_in, open_page, serve

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ARTICLES = {
    "en": (
        "Jobs pledge",
        "The minister said on Tuesday that 1,200 teaching posts would be created by 2027. "
        "The opposition accused the government of inflating the figures, which the ministry "
        "denied. Unemployment fell to 7 % last year, according to the statistics office.",
    ),
    "fr": ("Promesse d’emplois", factories.ARTICLE_TEXT + " Le chômage est tombé à 7 % l’an dernier, selon l’Insee."),
}
LABELS = {
    "en": {"extract": "Extract claims", "done": "done", "search": "Search claims"},
    "fr": {"extract": "Extraire les affirmations", "done": "terminé", "search": "Rechercher des affirmations"},
}


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """A Celery worker process serving pasted articles, with the tests' environment (database, broker)."""
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "app:celery_app",
        "worker",
        "--pool",
        "solo",
        "--queues",
        f"{INTERACTIVE_QUEUE},default,extract",
        "--hostname",
        f"browser-{uuid.uuid4().hex[:8]}@%h",
        "--without-gossip",
        "--without-mingle",
        "--loglevel",
        "INFO",
    ]
    with open(log_path, "w") as log:  # a file, not a pipe: a full pipe would block the worker
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    yield process, log_path
    process.send_signal(signal.SIGQUIT)  # cold shutdown: nothing of interest is left running
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture()
def live_server(app, make_app):
    """The site with Celery sending to the broker instead of running tasks in the request (not eager)."""
    served = make_app(WTF_CSRF_ENABLED=True, SERVER_NAME=None, CELERY_ALWAYS_EAGER=False)
    served.extensions["celery"].set_default()  # the server's threads publish through Celery's default app
    try:
        with serve(served) as base:
            yield base
    finally:
        app.extensions["celery"].set_default()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_paste_claims_appear_live_then_keyboard_triage(live_server, worker, chromium, lang):
    words = LABELS[lang]
    process, log_path = worker
    reviewer = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(name=f"Desk {lang}", members=[(reviewer, "reviewer")])
    factories.make_routing_rule(queue=queue, language=lang)
    page, problems = open_page(chromium, lang)
    log_in(page, live_server, reviewer)

    page.goto(f"{live_server}/articles/new")
    assert page.get_attribute("html", "lang") == lang
    title, text = ARTICLES[lang]
    page.fill("input[name=title]", title)
    page.select_option("select[name=language]", lang)
    page.fill("textarea[name=text]", text)
    page.click(f"button:has-text('{words['extract']}')")
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    page.evaluate("window.__noReload = true")  # gone if the claims came by reloading the page
    rows = page.locator("#article-status tbody tr")
    try:
        rows.first.wait_for(timeout=180_000)  # the worker's first article loads its extraction models
    except Exception:
        assert process.poll() is None, log_path.read_text(errors="replace")[-3000:]
        raise
    assert page.evaluate("window.__noReload") is True
    assert words["done"] in page.inner_text("#article-status .status")
    article_id = int(page.url.rsplit("/", 1)[1])
    assert db.session.get(Article, article_id).status == "done"
    extracted = db.session.query(Claim).filter_by(article_id=article_id, queue_id=queue.id).count()
    assert extracted >= 2 and rows.count() == extracted

    page.goto(f"{live_server}/queues/{queue.id}")
    assert page.get_attribute("html", "lang") == lang and words["search"] in page.text_content("label[for=queue-q]")
    page.keyboard.press("j")
    first = page.wait_for_selector("[id^='claim-'].is-selected").get_attribute("id")
    page.keyboard.press("a")
    page.wait_for_selector(f"#{first} .badge-status.status-triaged")
    page.keyboard.press("j")
    second = page.wait_for_selector("[id^='claim-'].is-selected").get_attribute("id")
    assert second != first
    page.keyboard.press("d")
    page.wait_for_selector("#dismiss-dialog[open]")
    page.check("#dismiss-dialog input[value=opinion]")
    page.click("#dismiss-dialog button[value=ok]")
    page.wait_for_selector(f"#{second} .badge-status.status-dismissed")

    db.session.expire_all()
    triaged = db.session.get(Claim, int(first.removeprefix("claim-")))
    dismissed = db.session.get(Claim, int(second.removeprefix("claim-")))
    assert (triaged.status, dismissed.status, dismissed.dismiss_reason) == ("triaged", "dismissed", "opinion")
    assert not problems, problems
    page.context.close()
