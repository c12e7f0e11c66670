"""Reading the audit trail: one filter for the page and the CSV export, keyset pagination, safe CSV cells."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.sql import Select

from factcheck.extensions import db
from factcheck.models import AuditEvent, User
from factcheck.services.core.csv_cells import csv_chunks as _csv_chunks
from factcheck.services.core.errors import InvalidInput

PAGE_SIZE = 50
CSV_BATCH = 500
CSV_COLUMNS = ("id", "at_utc", "actor_id", "actor_email", "actor_name", "action", "object_type", "object_id",
               "before", "after", "request_id")


@dataclass(frozen=True)
class AuditFilter:
    """Every condition is optional; the date range is inclusive and in UTC."""

    actor_id: int | None = None
    action_prefix: str | None = None
    object_type: str | None = None
    object_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def query_args(self) -> dict[str, str]:
        """The filter as URL query arguments (for the next-page and CSV links)."""
        args = {"actor_id": self.actor_id, "action": self.action_prefix, "object_type": self.object_type,
                "object_id": self.object_id, "date_from": self.date_from, "date_to": self.date_to}
        return {k: str(v) for k, v in args.items() if v not in (None, "")}


def filtered(flt: AuditFilter) -> Select:
    """The filtered query, newest first (``at`` then ``id`` descending, the keyset order)."""
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise InvalidInput("The start date is after the end date.")
    stmt = select(AuditEvent)
    if flt.actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == flt.actor_id)
    if flt.action_prefix:
        stmt = stmt.where(AuditEvent.action.startswith(flt.action_prefix, autoescape=True))
    if flt.object_type:
        stmt = stmt.where(AuditEvent.object_type == flt.object_type)
    if flt.object_id is not None:
        stmt = stmt.where(AuditEvent.object_id == flt.object_id)
    if flt.date_from:
        stmt = stmt.where(AuditEvent.at >= datetime.combine(flt.date_from, time.min, timezone.utc))
    if flt.date_to:
        stmt = stmt.where(AuditEvent.at < datetime.combine(flt.date_to + timedelta(days=1), time.min, timezone.utc))
    return stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def _after(stmt: Select, event: AuditEvent) -> Select:
    """Rows strictly after ``event`` in the newest-first order."""
    return stmt.where(or_(AuditEvent.at < event.at, and_(AuditEvent.at == event.at, AuditEvent.id < event.id)))


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    next_cursor: int | None  # id of the last event shown, when there are more


def page(flt: AuditFilter, *, after_id: int | None = None, limit: int = PAGE_SIZE) -> AuditPage:
    """One page of events; ``after_id`` is the ``next_cursor`` of the previous page."""
    stmt = filtered(flt).options(joinedload(AuditEvent.actor))
    if after_id is not None:
        cursor = db.session.get(AuditEvent, after_id)
        if cursor is None:
            raise InvalidInput("That page of the audit log no longer exists; start again from the first page.")
        stmt = _after(stmt, cursor)
    events = list(db.session.scalars(stmt.limit(limit + 1)))
    more = len(events) > limit
    events = events[:limit]
    return AuditPage(events, events[-1].id if more else None)


def iter_events(flt: AuditFilter, batch_size: int = CSV_BATCH) -> Iterator[AuditEvent]:
    """Every matching event, newest first, loaded in keyset batches so memory stays flat."""
    base = filtered(flt).options(joinedload(AuditEvent.actor))
    last: AuditEvent | None = None
    while True:
        stmt = _after(base, last) if last is not None else base
        batch = list(db.session.scalars(stmt.limit(batch_size)))
        yield from batch
        if len(batch) < batch_size:
            return
        last = batch[-1]
        for event in batch:  # drop what was streamed; the cursor keeps its loaded attributes
            db.session.expunge(event)


def _json(value: dict | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def event_row(event: AuditEvent) -> list[object]:
    actor = event.actor
    return [event.id, event.at.isoformat(), event.actor_id, actor.email if actor else "",
            actor.display_name if actor else "", event.action, event.object_type, event.object_id,
            _json(event.before), _json(event.after), event.request_id]


def csv_chunks(flt: AuditFilter) -> Iterator[str]:
    """The CSV export, header first, in chunks of one batch each (for a streamed response); cells made safe."""
    filtered(flt)  # validate before the first byte is sent
    return _csv_chunks(CSV_COLUMNS, (event_row(e) for e in iter_events(flt)), batch=CSV_BATCH)


def pretty(value: dict | None) -> str:
    """Before/after as readable JSON text; the template escapes it."""
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


def actors() -> list[User]:
    """Users who appear in the trail, for the filter's actor list."""
    ids = select(AuditEvent.actor_id).where(AuditEvent.actor_id.is_not(None)).distinct()
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.display_name)))


def object_types() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type)))
