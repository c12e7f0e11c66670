"""Ingest status of an article: the database row, not the broker, is the record of where work stands."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Article
from factcheck.models.base import utcnow
from factcheck.services.core import audit
from factcheck.services.core.dispatch import INTERACTIVE_QUEUE, queue_of, send_now, waiting_messages

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
STALE_AFTER = timedelta(minutes=15)
LOST_AFTER = timedelta(minutes=2)
# "queued" depends on whether the text is in yet (_task_for)
_TASK_FOR_STATUS = {"fetching": "ingest.fetch_article", "extracting": "extract.article"}
# One article someone submitted and is waiting for; bulk files and feeds bring many that nobody watches one by one.
INTERACTIVE_SOURCES = frozenset({"paste", "url"})


def queue_for(article: Article) -> str | None:
    """The queue of an article's fetch and extraction: the interactive one for a pasted or single-URL article
    (web form or API), None for bulk and feed articles (the tasks' own routes, ``ingest`` and ``extract``).

    Decided from the row alone, so the first send, the hand-over from fetch to extraction, a re-extraction and
    the sweeper's resend all pick the same queue.
    """
    return INTERACTIVE_QUEUE if article.source_kind in INTERACTIVE_SOURCES else None


def set_status(article: Article, status: str) -> None:
    """Move an article to a working status and count the attempt; commits so the page shows it."""
    article.status = status
    article.attempts = (article.attempts or 0) + 1
    article.error = None
    db.session.commit()


def start_attempt(article: Article, status: str) -> bool:
    """``set_status`` for a worker starting work, refusing a run that keeps dying; False when it gave up.

    Starting again while the article is already in ``status`` means the earlier run never finished: its worker
    was killed, or the task itself kills it. With ``task_reject_on_worker_lost`` the broker hands such a message
    back at once, and every try refreshes ``updated_at``, so the sweeper never sees the row as stale. So the
    check is made here: after ``MAX_ATTEMPTS`` unfinished runs the article is marked failed. Entering ``status``
    from another status (a new submission, a re-extraction) starts a fresh count.
    """
    if article.status != status:
        article.attempts = 0
    elif (article.attempts or 0) >= MAX_ATTEMPTS:
        mark_failed(article.id, f"Gave up after {article.attempts} attempts: none of them finished "
                                "(the worker died or was killed while running it).")
        return False
    set_status(article, status)
    return True


def mark_failed(article_id: int, message: str) -> None:
    """Record a clear error on the article, and an ``article.failed`` audit row (which tells whoever submitted it);
    everything stored before stays."""
    db.session.rollback()
    article = db.session.get(Article, article_id)
    if article is None:
        return
    article.status = "failed"
    article.error = message[:2000]
    audit.record(None, "article.failed", article, after={"error": article.error[:300]})
    db.session.commit()
    log.warning("article %s failed: %s", article_id, message)


def _task_for(article: Article) -> str:
    if article.status == "queued":
        return "extract.article" if article.raw_text else "ingest.fetch_article"
    return _TASK_FOR_STATUS[article.status]


def sweep_stale(*, older_than: timedelta = STALE_AFTER, lost_after: timedelta = LOST_AFTER,
                waiting: Callable[[str], int | None] = waiting_messages) -> int:
    """Send again the work of articles stuck in a working status (a lost message, a killed worker).

    Any working status untouched for ``older_than`` is sent again. A ``queued`` row untouched for ``lost_after``
    is sent again sooner when its broker queue is empty (``waiting`` says 0): its message was lost, e.g. by a
    Redis restart, rather than waiting behind others. Work goes back to the queue it was first sent to
    (``queue_for``: interactive or the task's route), and that is the queue whose emptiness is asked. After
    ``MAX_ATTEMPTS`` the article is marked failed instead, so a poison article cannot loop forever.
    """
    now = utcnow()
    stuck = list(db.session.scalars(select(Article).where(
        Article.status.in_(("queued", "fetching", "extracting")),
        Article.updated_at < now - min(older_than, lost_after)).order_by(Article.id).limit(500)))
    queue_empty: dict[str, bool] = {}
    resent = 0
    for article in stuck:
        task, lane = _task_for(article), queue_for(article)
        if article.updated_at >= now - older_than:
            if article.status != "queued":
                continue  # running: a killed worker is the slow rule's business
            queue = queue_of(task, lane)
            if queue not in queue_empty:
                queue_empty[queue] = waiting(queue) == 0
            if not queue_empty[queue]:
                continue
        if (article.attempts or 0) >= MAX_ATTEMPTS:
            mark_failed(article.id, f"Gave up after {article.attempts} attempts.")
            continue
        article.updated_at = utcnow()
        db.session.commit()
        resent += send_now(task, article.id, queue=lane)
    return resent

