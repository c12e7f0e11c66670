"""Every audit row whose action tells someone something sends ``notifications.from_event`` once it commits.

The audit row is already written in the same unit of work as the change it records, so hanging the notification on
it means no use case can forget to notify, and a rolled-back change notifies nobody (commit, then enqueue).
"""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from factcheck.models import AuditEvent
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.notifications.fan_out import NOTIFYING_ACTIONS

TASK = "notifications.from_event"


@event.listens_for(Session, "after_flush")
def _enqueue_for_new_events(session: Session, flush_context) -> None:
    for obj in session.new:  # after a flush, still the rows it inserted, now with their ids
        if isinstance(obj, AuditEvent) and obj.action in NOTIFYING_ACTIONS:
            enqueue_after_commit(TASK, obj.id)
