"""Which claims are on a queue page: their ids and sort keys, read from an index that already gives the order.

A status list and a list of queues ("all my queues") defeat a single index's order, and sorting the whole
selection cost seconds at a million claims. So the page is picked in arms: one per queue over the open claims'
partial index ``(coalesce(queue_id, 0), <sort key>, id)`` for the default view, one per (queue, status) over
``(queue_id, status, <sort key>, id)`` when statuses are chosen. Each arm walks its index from the cursor on and
stops after a page, and the arms' few rows are merged: the cost is arms × page, whatever the size of the queue.
"Most disputed" reads the count of dispute links the database keeps on each claim (``Claim.disputes``, migration
0016) from indexes of the same shape.
"""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Select, exists, func, or_, select, tuple_, union_all
from sqlalchemy.sql.elements import ColumnElement

from factcheck import workflow
from factcheck.models import Article, Claim, ClaimLink, User
from factcheck.models.desk_scale import NO_QUEUE, queue_key, status_in
from factcheck.services.queues.queue_filters import DISPUTE_TYPES, Filters, format_cursor, from_micros, to_micros
from factcheck.workflow import OPEN_STATES

# Past this many (queue, status) arms one statement would grow unwieldy (SQLite allows 500 compound terms): the
# selection is then read in a single arm, sorted in the database.
ARMS_MAX = 120

# sort -> (the key column's name in a page query, descending)
SORT_KEYS = {"score": ("checkworthiness", True), "newest": ("created_at", True), "oldest": ("created_at", False),
             "disputed": ("disputes", True), "relevance": ("rank", True)}
_INDEXED_KEYS = {"checkworthiness": Claim.checkworthiness, "created_at": Claim.created_at,
                 "disputes": Claim.disputes}


def has_disputes() -> ColumnElement[bool]:
    """The claim is an end of a dispute link: two index probes per claim, not a count over every link."""
    return exists().where(ClaimLink.type.in_(DISPUTE_TYPES),
                          or_(ClaimLink.source_claim_id == Claim.id, ClaimLink.target_claim_id == Claim.id))


def page_keys(user: User, filters: Filters, queue_ids: list[int | None]) -> Select | None:
    """A statement of ``(id, sort_key)`` for one page more one row, in the sort's order, over the claims of
    ``queue_ids`` (None: of no queue) that pass ``filters``; None when there is nothing to look in."""
    statuses = filters.effective_statuses() or workflow.STATES
    if not queue_ids:
        return None
    name, descending = SORT_KEYS[filters.sort]
    key = _INDEXED_KEYS[name]
    if set(statuses) == workflow.OPEN_STATES:  # the default view: the open claims' partial indexes
        arms = [_arm(user, filters, key, queue_key() == (NO_QUEUE if q is None else q), status_in(OPEN_STATES))
                for q in queue_ids]
    elif len(queue_ids) * len(statuses) > ARMS_MAX:
        arms = [_arm(user, filters, key, in_queues(queue_ids), Claim.status.in_(statuses))]
    else:
        arms = [_arm(user, filters, key, _queue_is(q), Claim.status == s) for q in queue_ids for s in statuses]
    merged = union_all(*(select(arm.c.id, arm.c.sort_key) for arm in (a.subquery() for a in arms))).subquery()
    return ordered(select(merged.c.id, merged.c.sort_key), merged.c.sort_key, merged.c.id, descending, filters.per)


def _queue_is(queue_id: int | None) -> ColumnElement[bool]:
    return Claim.queue_id.is_(None) if queue_id is None else Claim.queue_id == queue_id


def in_queues(queue_ids: list[int | None]) -> ColumnElement[bool]:
    """The claims of these queues (None: of no queue) in one condition."""
    routed = [q for q in queue_ids if q is not None]
    return or_(Claim.queue_id.in_(routed), *([Claim.queue_id.is_(None)] if None in queue_ids else []))


def _arm(user: User, filters: Filters, key, queue: ColumnElement[bool], status: ColumnElement[bool]) -> Select:
    """The claims of one (queue, status) range after the cursor, in the index's order, one page more one row."""
    stmt = filter_claims(select(Claim.id, key.label("sort_key")), filters, user).where(queue, status)
    _, descending = SORT_KEYS[filters.sort]
    stmt = after_cursor(stmt, filters, key, Claim.id, descending)
    return ordered(stmt, key, Claim.id, descending, filters.per)


def ordered(stmt: Select, key, claim_id, descending: bool, per: int) -> Select:
    """``stmt`` in the sort's order (the id breaks ties), one page more one row: the extra row says one follows."""
    order = (key.desc(), claim_id.desc()) if descending else (key.asc(), claim_id.asc())
    return stmt.order_by(*order).limit(per + 1)


def after_cursor(stmt: Select, filters: Filters, key, claim_id, descending: bool) -> Select:
    """Only the rows after the page's cursor; a row comparison, which an index on (key, id) answers as a range."""
    if filters.after is None:
        return stmt
    name, _ = SORT_KEYS[filters.sort]
    value, last_id = filters.after
    bound = (from_micros(int(value)) if name == "created_at" else value, last_id)
    return stmt.where(tuple_(key, claim_id) < bound if descending else tuple_(key, claim_id) > bound)


def next_cursor(filters: Filters, value, last_id: int) -> str:
    """The cursor after a page whose last claim is ``last_id`` with sort key ``value``."""
    name, _ = SORT_KEYS[filters.sort]
    return format_cursor(filters.sort, (to_micros(value) if name == "created_at" else value, last_id))


def filter_claims(stmt: Select, filters: Filters, user: User) -> Select:
    """``stmt`` (over claims) narrowed by every filter but the status and the queue; it joins articles only for
    the outlet."""
    if filters.kinds:
        stmt = stmt.where(Claim.kind.in_(filters.kinds))
    if filters.language:
        stmt = stmt.where(func.lower(Claim.language) == filters.language)
    if filters.claimant:
        stmt = stmt.where(Claim.claimant.icontains(filters.claimant, autoescape=True))
    if filters.outlet:
        stmt = stmt.join(Article, Article.id == Claim.article_id).where(
            Article.outlet.icontains(filters.outlet, autoescape=True))
    if filters.min_score is not None:
        stmt = stmt.where(Claim.checkworthiness >= filters.min_score)
    if filters.max_score is not None:
        stmt = stmt.where(Claim.checkworthiness <= filters.max_score)
    if filters.date_from:
        stmt = stmt.where(Claim.created_at >= datetime.combine(filters.date_from, time(), UTC))
    if filters.date_to:
        stmt = stmt.where(Claim.created_at < datetime.combine(filters.date_to + timedelta(days=1), time(), UTC))
    if filters.assigned == "me":
        stmt = stmt.where(Claim.assignee_id == user.id)
    elif filters.assigned == "unassigned":
        stmt = stmt.where(Claim.assignee_id.is_(None))
    if filters.disputed:
        stmt = stmt.where(has_disputes())
    return stmt


def selection_keys(user: User, filters: Filters, queue_ids: list[int | None]) -> Select:
    """Every claim the page's filters select, with its sort keys (id, checkworthiness, created_at, disputes),
    unordered and uncut: what a search narrows (``full_text.restrict``) and an export reads."""
    keys = select(Claim.id, Claim.checkworthiness, Claim.created_at, Claim.disputes)
    statuses = filters.effective_statuses() or workflow.STATES
    return filter_claims(keys, filters, user).where(in_queues(queue_ids), Claim.status.in_(statuses))
