"""Verdicts as the API lists them: every status, newest first, keyset-paged by id, optionally searched."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.models import Verdict
from factcheck.services.search import full_text
from factcheck.services.search.query_syntax import parse

PAGE_SIZE = 50


def list_verdicts(*, status: str | None = None, before_id: int | None = None,
                  q: str | None = None) -> tuple[list[Verdict], int | None]:
    """One page and the ``before`` of the next page (None on the last).

    ``q`` (the search box's syntax) keeps the verdicts whose summary, explanation or claim matches, newest
    first among the first ``full_text.CANDIDATES_MAX`` matches; ``InvalidInput`` (a 422) when it holds nothing
    to look for."""
    keys = select(Verdict.id)
    if status:
        keys = keys.where(Verdict.status == status)
    if before_id:
        keys = keys.where(Verdict.id < before_id)
    # with a search, the matches go through the search's fence first and are sorted outside it
    page_ids = full_text.restrict(keys, "verdicts", parse(q)) if q else keys.subquery("keys")
    stmt = (select(Verdict).join(page_ids, page_ids.c.id == Verdict.id).options(selectinload(Verdict.rating))
            .order_by(Verdict.id.desc()).limit(PAGE_SIZE + 1))
    rows = list(db.session.scalars(stmt))
    return rows[:PAGE_SIZE], rows[PAGE_SIZE - 1].id if len(rows) > PAGE_SIZE else None
