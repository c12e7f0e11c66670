"""The webhook outbox: a delivery row per subscribed endpoint, committed with the change it announces.

It listens to the rows the workflow already writes rather than asking each service to call it: publishing,
correcting and unpublishing a verdict each write their audit row in the transaction that makes the change, and a
claim is created by inserting it. So no path (web, API, command line, a task) can publish without its webhook, a
rolled-back change announces nothing, and the deliveries are sent by Celery only after the commit
(``enqueue_after_commit``); a lost message leaves a pending row that ``deliveries.resend_stale`` sends again.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from factcheck.models import AuditEvent, Claim
from factcheck.models.webhook import WebhookDelivery, WebhookEndpoint
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.webhooks import payloads

DELIVER_TASK = "webhooks.deliver"
# The claim's audit action (the workflow table's name for the move) -> the event subscribers hear.
VERDICT_EVENTS = {
    "verdict.publish": "verdict.published",
    "verdict.republish": "verdict.published",
    "verdict.correct": "verdict.corrected",
    "verdict.unpublish": "verdict.unpublished",
}
_SEEN = "factcheck_webhook_events"  # (event, claim id) noticed in this transaction, in order


@event.listens_for(Session, "after_flush")
def _notice(session: Session, _context) -> None:
    """Remember the events this flush wrote; their bodies are built at commit, once every field is set."""
    seen = session.info.setdefault(_SEEN, [])
    for row in session.new:
        if isinstance(row, Claim):
            seen.append(("claim.created", row.id))
        elif isinstance(row, AuditEvent) and row.object_type == "claim" and row.action in VERDICT_EVENTS:
            seen.append((VERDICT_EVENTS[row.action], row.object_id))


def notice_created_claims(session: Session, claim_ids: Iterable[int]) -> None:
    """Claims inserted by one statement (``services.articles.extraction``) are in no ``session.new``: their writer
    names them here, and they are announced like the others."""
    session.info.setdefault(_SEEN, []).extend(("claim.created", claim_id) for claim_id in claim_ids)


@event.listens_for(Session, "before_commit")
def _write_deliveries(session: Session) -> None:
    session.flush()  # the last changes' events too
    seen = session.info.pop(_SEEN, [])
    if not seen:
        return
    endpoints = list(session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.active.is_(True))))
    wanted = [(name, claim_id) for name, claim_id in dict.fromkeys(seen)
              if any(name in e.event_set for e in endpoints)]
    if not wanted:
        return
    claims = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_({i for _, i in wanted})))}
    deliveries = []
    for name, claim_id in wanted:
        claim = claims.get(claim_id)
        if claim is None or (name != "claim.created" and claim.verdict is None):
            continue  # created and deleted in the same transaction
        body = payloads.envelope(name, payloads.claim_data(claim) if name == "claim.created"
                                 else payloads.verdict_data(claim.verdict))
        deliveries += [{"endpoint_id": e.id, "event": name, "payload": body, "status": "pending"}
                       for e in endpoints if name in e.event_set]
    if deliveries:  # one INSERT for them all, however many claims an extraction announces
        for delivery_id in session.scalars(insert(WebhookDelivery).returning(WebhookDelivery.id), deliveries):
            enqueue_after_commit(DELIVER_TASK, delivery_id, 0)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, _previous) -> None:
    session.info.pop(_SEEN, None)
