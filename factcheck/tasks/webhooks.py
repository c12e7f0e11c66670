"""Webhook tasks: one POST per message; a failed attempt schedules the next one itself, with its back-off."""
from celery import shared_task

from factcheck.services.webhooks import deliveries


@shared_task(name="webhooks.deliver", bind=True, acks_late=True, soft_time_limit=30, time_limit=60)
def deliver(self, delivery_id: int, attempts_before: int = 0, replay: bool = False) -> bool:
    """Attempt one delivery; when another attempt is due, send this task again with that countdown."""
    outcome = deliveries.attempt(delivery_id, attempts_before=attempts_before, replay=replay)
    if outcome.retry_in is not None:
        self.apply_async((delivery_id, attempts_before + 1), countdown=outcome.retry_in)
    return outcome.delivered


@shared_task(name="webhooks.resend_stale", soft_time_limit=30, time_limit=60)
def resend_stale() -> int:
    """Beat entry point: deliveries whose message was lost are sent again."""
    return deliveries.resend_stale()
