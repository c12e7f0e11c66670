"""Housekeeping tasks."""
from celery import shared_task

from factcheck.services.articles import article_status
from factcheck.services.core import system


@shared_task(name="system.heartbeat", time_limit=30, soft_time_limit=20)
def heartbeat(token: str) -> None:
    """Record that a worker ran a task; the admin page and the real-worker test read the row."""
    system.record_heartbeat(token)


@shared_task(name="system.sweep_stale", soft_time_limit=60, time_limit=90)
def sweep_stale() -> None:
    """Beat entry point: re-send work lost with the broker; give up on articles after 3 attempts."""
    article_status.sweep_stale()
