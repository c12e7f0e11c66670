"""Commit, then enqueue: tasks named here are sent only after the surrounding transaction commits.

A rollback sends nothing. If the broker is down the row stays in its waiting state and the sweeper
(``system.sweep_stale``) sends the task again later, so the web request never hangs on the broker.
"""
from __future__ import annotations

import logging

from celery import current_app as celery_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from factcheck.extensions import db

log = logging.getLogger(__name__)
_PENDING = "factcheck_after_commit"
# Work someone is waiting for (one pasted or single-URL article) goes here rather than to its task's routed queue,
# and a worker of its own serves it (Procfile ``interactive``), so it never waits behind bulk or feed work.
INTERACTIVE_QUEUE = "interactive"


def enqueue_after_commit(task_name: str, *args, queue: str | None = None) -> None:
    """Queue ``task_name(*args)`` to be sent once the current session commits (to ``queue`` when given)."""
    session = db.session()
    session.connection()  # begin the transaction now, so a rollback before any SQL still discards the task
    session.info.setdefault(_PENDING, []).append((task_name, args, queue))


def _options(queue: str | None) -> dict:
    # no queue: Celery's router picks it from ``task_routes``; a queue given wins over the route
    return {"queue": queue} if queue else {}


def send_now(task_name: str, *args, queue: str | None = None) -> bool:
    """Send a task at once, to ``queue`` or its routed queue; False (and a log line) when the broker is down."""
    try:
        celery_app.tasks[task_name].apply_async(args=args, **_options(queue))
    except Exception:  # broker down: the database row is the record and the sweeper retries
        log.exception("could not enqueue %s%r; the sweeper will retry", task_name, args)
        return False
    return True


def queue_of(task_name: str, queue: str | None = None) -> str:
    """The broker queue ``send_now(task_name, …, queue=queue)`` publishes to, as Celery's router decides it."""
    return celery_app.amqp.router.route(_options(queue), task_name)["queue"].name


def waiting_messages(queue: str, *, retries: int = 1) -> int | None:
    """How many messages wait in a broker queue; None when the broker cannot say (it is down, after ``retries``
    more attempts 2 s apart: a metrics scrape asks for 0, since it must answer within its timeout).

    The sweeper uses it to tell lost work from work still waiting its turn: a row queued for minutes while its
    queue is empty lost its message (a Redis restart keeps nothing), so it can be sent again at once. The declare
    is not passive: Redis deletes an empty list, so a passive declare calls an emptied queue unknown, and on Redis
    and the filesystem transport declaring a queue stores nothing. It declares the queue as Celery does
    (``amqp.queues``: durable on RabbitMQ), since RabbitMQ refuses a declare that differs from the queue's own and
    a queue this call created otherwise would refuse the workers' declares.
    """
    try:
        with celery_app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=retries)
            return celery_app.amqp.queues[queue].bind(conn.default_channel).queue_declare().message_count
    except Exception:  # down: the caller falls back to its slower, time-only rule
        log.warning("could not count the messages waiting in %s", queue)
        return None


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    for task_name, args, queue in session.info.pop(_PENDING, []):
        send_now(task_name, *args, queue=queue)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, previous_transaction) -> None:
    session.info.pop(_PENDING, None)
