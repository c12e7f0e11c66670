"""The queue's claims as CSV: the same filters, search and order as the page the person is looking at.

The claims are read with one streaming statement (``yield_per``), ordered as the page orders them, never all at
once; a search covers what the page's search covers (its first ``full_text.CANDIDATES_MAX`` matches).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import Subquery, func, select

from factcheck.extensions import db
from factcheck.models import Article, Claim, User
from factcheck.services.core.csv_cells import csv_chunks
from factcheck.services.queues import page_keys, queue_listing
from factcheck.services.queues.queue_filters import Filters
from factcheck.services.search import full_text, query_syntax

COLUMNS = ("claim_id", "status", "kind", "language", "text", "sentence", "claimant", "target", "checkworthiness",
           "queue_id", "assignee_id", "duplicate_group", "article_id", "article_title", "outlet", "article_url",
           "created_at_utc")
_STREAM = 1000  # rows fetched at a time


def _selection(user: User, filters: Filters, queue_id: int | None) -> Subquery:
    """The ids (and sort keys) of the claims the page would list, on every page, unordered."""
    keys = page_keys.selection_keys(user, filters, queue_listing.scope(user, filters, queue_id))
    if filters.q:
        return full_text.restrict(keys, "claims", query_syntax.parse(filters.q))
    return keys.subquery("selection")


def count(user: User, filters: Filters, queue_id: int | None = None) -> int:
    """How many claims the export holds (``InvalidInput`` for a bad search, before anything is sent)."""
    return int(db.session.scalar(select(func.count()).select_from(_selection(user, filters, queue_id))) or 0)


def rows(user: User, filters: Filters, queue_id: int | None = None) -> Iterator[Sequence]:
    """One tuple per claim, in ``COLUMNS`` order and the page's order."""
    picked = _selection(user, filters, queue_id)
    name, descending = page_keys.SORT_KEYS[filters.sort]
    key = picked.c[name] if name in picked.c else picked.c.created_at  # "relevance" needs a search
    stmt = (select(Claim.id, Claim.status, Claim.kind, Claim.language, Claim.text, Claim.sentence, Claim.claimant,
                   Claim.target, Claim.checkworthiness, Claim.queue_id, Claim.assignee_id,
                   func.coalesce(Claim.canonical_claim_id, Claim.id), Claim.article_id, Article.title,
                   Article.outlet, Article.url, Claim.created_at)
            .join(picked, picked.c.id == Claim.id).join(Article, Article.id == Claim.article_id)
            .order_by(key.desc() if descending else key.asc(), picked.c.id.desc() if descending else picked.c.id))
    # Core rows, not ORM ones, handed on as they come (created_at prints as "2026-12-02 16:59:01+00:00"): the
    # per-row cost is what an export of a whole archive is made of
    yield from db.session.connection().execute(stmt.execution_options(yield_per=_STREAM))


def chunks(user: User, filters: Filters, queue_id: int | None = None) -> Iterator[str]:
    """The CSV file as text chunks, header first, every cell safe in a spreadsheet."""
    return csv_chunks(COLUMNS, rows(user, filters, queue_id))
