"""Audit events, added to the caller's session so they commit (or roll back) with the change they record."""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from factcheck.extensions import db
from factcheck.models import AuditEvent
from factcheck.services.core.guards import Actor

# Set by the web layer per request (and left empty by the CLI and tasks), so services never read Flask's g.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def record(
    actor: Actor | None,
    action: str,
    obj: Any = None,
    *,
    object_type: str | None = None,
    object_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Add an audit event to the current unit of work; the caller commits. ``SYSTEM`` and None record no person."""
    if obj is not None:
        object_type = object_type or obj.__tablename__.rstrip("s")
        if object_id is None:
            db.session.flush()
            object_id = obj.id
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=object_type or "system",
        object_id=object_id,
        before=before,
        after=after,
        request_id=current_request_id.get(),
    )
    db.session.add(event)
    return event
