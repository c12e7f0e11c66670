"""Editorial tasks: tell the checker what happened to their verdict (idempotent per audit event)."""
from celery import shared_task

from factcheck.services.verdicts import editorial


@shared_task(name="editorial.verdict_published", acks_late=True, time_limit=30, soft_time_limit=20)
def verdict_published(verdict_id: int, event_id: int) -> bool:
    """Record the checker's notification that their verdict was published."""
    return editorial.notify_checker(verdict_id, event_id)


@shared_task(name="editorial.verdict_changed", acks_late=True, time_limit=30, soft_time_limit=20)
def verdict_changed(verdict_id: int, event_id: int) -> bool:
    """Record the checker's notification of a send-back, edit, correction or unpublication."""
    return editorial.notify_checker(verdict_id, event_id)
