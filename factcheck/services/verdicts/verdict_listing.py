"""Verdicts as the API lists them: every status, newest first, keyset-paged by id."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.models import Verdict

PAGE_SIZE = 50


def list_verdicts(*, status: str | None = None, before_id: int | None = None) -> tuple[list[Verdict], int | None]:
    """One page and the ``before`` of the next page (None on the last)."""
    stmt = select(Verdict).options(selectinload(Verdict.rating)).order_by(Verdict.id.desc()).limit(PAGE_SIZE + 1)
    if status:
        stmt = stmt.where(Verdict.status == status)
    if before_id:
        stmt = stmt.where(Verdict.id < before_id)
    rows = list(db.session.scalars(stmt))
    return rows[:PAGE_SIZE], rows[PAGE_SIZE - 1].id if len(rows) > PAGE_SIZE else None
