"""Audit events, added to the caller's session so they commit (or roll back) with the change they record."""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any, cast

from sqlalchemy import (
    JSON,
    ColumnElement,
    FromClause,
    Insert,
    Integer,
    String,
    Table,
    bindparam,
    insert,
    literal,
    null,
    select,
)

from factcheck.extensions import db
from factcheck.models import AuditEvent
from factcheck.models.base import UTCDateTime, utcnow
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


def record_each(action: str, rows: FromClause, *, object_type: str, actor_id: Any, before: Any = None,
                after: Any = None) -> Insert:
    """An INSERT of ``record``'s event for each row of ``rows`` (by its ``id`` column), for a use case that writes
    a change and its audit row in one statement; the caller executes it in its unit of work.

    ``actor_id``, ``before`` and ``after`` are values or SQL expressions (a ``bindparam`` the caller fills); the
    time and the request id are read as it runs, so the statement can be built once and kept. The notification
    trigger sees only the events ``record`` adds, so this serves actions that notify nobody.
    """
    columns = {"actor_id": _sql(actor_id, Integer), "action": literal(action), "object_type": literal(object_type),
               "object_id": rows.c.id, "before": _sql(before, JSON), "after": _sql(after, JSON),
               "request_id": bindparam("audit_request_id", callable_=current_request_id.get, type_=String),
               "at": bindparam("audit_at", callable_=utcnow, type_=UTCDateTime)}
    table = cast(Table, AuditEvent.__table__)  # Core: given parameters, an ORM insert would become a bulk one
    return insert(table).from_select(list(columns), select(*columns.values()).select_from(rows))


def _sql(value: Any, type_) -> ColumnElement:
    if isinstance(value, ColumnElement):
        return value
    return null() if value is None else literal(value, type_)  # None is SQL NULL, as ``record`` stores it
