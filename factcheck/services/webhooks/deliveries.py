"""Sending deliveries: one signed POST per attempt, each attempt logged, exponential back-off up to a cap, and the
log admins read and replay from."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.ingest.errors import IngestError
from factcheck.ingest.safe_post import safe_post
from factcheck.models import User
from factcheck.models.base import utcnow
from factcheck.models.webhook import WebhookAttempt, WebhookDelivery
from factcheck.services.core import audit
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.core.errors import Conflict, NotFound
from factcheck.services.core.fetch_policy import current_policy
from factcheck.services.core.guards import Actor, require
from factcheck.services.webhooks.endpoints import PERMISSION, get_endpoint
from factcheck.services.webhooks.outbox import DELIVER_TASK
from factcheck.services.webhooks.signing import SIGNATURE_HEADER, signature

LOG_PAGE = 50
ERROR_MAX = 500


@dataclass(frozen=True)
class Outcome:
    """What one attempt decided: ``retry_in`` seconds when another attempt is due, None when it is over."""

    delivered: bool
    retry_in: int | None


def backoff_seconds(attempt: int, *, base: int, cap: int) -> int:
    """The wait after failed attempt ``attempt`` (1, 2, …): base, 2×base, 4×base … never more than ``cap``."""
    return min(cap, base * 2 ** (attempt - 1))


def body_bytes(delivery: WebhookDelivery) -> bytes:
    """The exact bytes sent (and signed): compact JSON, keys sorted, so a replay signs the same text."""
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _post(delivery: WebhookDelivery) -> tuple[int | None, IngestError | None]:
    body = body_bytes(delivery)
    headers = {"Content-Type": "application/json", "X-Factcheck-Event": delivery.event,
               "X-Factcheck-Delivery": str(delivery.id),
               SIGNATURE_HEADER: signature(delivery.endpoint.secret, body, int(time.time()))}
    try:
        return safe_post(delivery.endpoint.url, body, headers, policy=current_policy()), None
    except IngestError as exc:
        return getattr(exc, "status", None), exc


def attempt(delivery_id: int, *, attempts_before: int, replay: bool = False) -> Outcome:
    """POST a pending delivery once and log the attempt.

    ``attempts_before`` is how many attempts the message's sender had seen: a duplicate message (Redis redelivers
    after a worker loss) finds the count already past it, or the delivery no longer pending, and does nothing.
    """
    delivery = db.session.get(WebhookDelivery, delivery_id)
    now = utcnow()
    if delivery is None or delivery.status != "pending" or delivery.attempts != attempts_before:
        return Outcome(delivered=delivery is not None and delivery.status == "delivered", retry_in=None)
    started = time.monotonic()
    status, error = _post(delivery)
    delivery.attempts += 1
    db.session.add(WebhookAttempt(delivery_id=delivery.id, number=delivery.attempts, started_at=now, replay=replay,
                                  duration_ms=int((time.monotonic() - started) * 1000), response_status=status,
                                  error=str(error)[:ERROR_MAX] if error else None))
    retry_in = None
    if error is None:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", utcnow(), None
    elif error.retryable and delivery.attempts < current_app.config["WEBHOOK_MAX_ATTEMPTS"]:
        retry_in = backoff_seconds(delivery.attempts, base=current_app.config["WEBHOOK_BACKOFF_SECONDS"],
                                   cap=current_app.config["WEBHOOK_BACKOFF_CAP_SECONDS"])
        delivery.next_attempt_at = utcnow() + timedelta(seconds=retry_in)
    else:  # refused for good (4xx, blocked address) or out of attempts: an admin may replay it
        delivery.status, delivery.next_attempt_at = "failed", None
    db.session.commit()
    return Outcome(delivered=error is None, retry_in=retry_in)


def replay(actor: User, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again now (same body, fresh signature), whatever its state; audited."""
    require(actor, PERMISSION, "Only administrators replay webhooks.")
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise NotFound("There is no such webhook delivery.")
    if not delivery.endpoint.active:
        raise Conflict("This webhook is switched off; switch it on before replaying its deliveries.")
    delivery.status, delivery.next_attempt_at = "pending", None
    audit.record(actor, "webhook.replay", delivery, after={"endpoint_id": delivery.endpoint_id,
                                                           "event": delivery.event})
    enqueue_after_commit(DELIVER_TASK, delivery.id, delivery.attempts, True)
    db.session.commit()
    return delivery


def resend_stale(*, older_than_seconds: int = 300) -> int:
    """Send again the pending deliveries whose attempt is overdue (their message was lost); returns how many."""
    due = utcnow() - timedelta(seconds=older_than_seconds)
    stale = db.session.execute(select(WebhookDelivery.id, WebhookDelivery.attempts).where(
        WebhookDelivery.status == "pending",
        func.coalesce(WebhookDelivery.next_attempt_at, WebhookDelivery.created_at) < due).limit(500)).all()
    for delivery_id, attempts in stale:
        enqueue_after_commit(DELIVER_TASK, delivery_id, attempts)
    db.session.commit()
    return len(stale)


def delivery_log(actor: Actor, endpoint_id: int, *, before_id: int | None = None) -> list[WebhookDelivery]:
    """An endpoint's deliveries, newest first, keyset-paged, with their attempts."""
    endpoint = get_endpoint(actor, endpoint_id)
    stmt = (select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
            .order_by(WebhookDelivery.id.desc()).limit(LOG_PAGE))
    if before_id:
        stmt = stmt.where(WebhookDelivery.id < before_id)
    return list(db.session.scalars(stmt.options(selectinload(WebhookDelivery.attempt_log))))
