"""Housekeeping tasks."""
from celery import shared_task

from factcheck.services import system


@shared_task(name="system.heartbeat", time_limit=30, soft_time_limit=20)
def heartbeat(token: str) -> None:
    """Record that a worker ran a task; the admin page and the real-worker test read the row."""
    system.record_heartbeat(token)
