"""The queue read model: the rows of a queue page, one query plus a fixed number of batch queries.

The page's claims are picked by ``page_keys`` (ids and sort keys from an index that gives the order), then their
details are read for those ids only. Links, dispute counts, paired claims and duplicate counts are fetched in
batches for the page's claims, so no lazy loading happens while a template renders them. Filters and cursors
live in ``queue_filters``. With a search
(``Filters.q``) the filtered claims are narrowed by ``services.search`` first and sorted outside its fence, so
"newest first" never walks an index past claims that do not match.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy import func, or_, select
from sqlalchemy.engine import Row as ResultRow
from sqlalchemy.orm import aliased

from factcheck import workflow
from factcheck.extensions import db
from factcheck.models import Article, Claim, ClaimLink, ClaimStatusCount, Queue, QueueMember, User, Verdict
from factcheck.models.base import utcnow
from factcheck.models.matching import ClaimMatch
from factcheck.services.core.guards import can
from factcheck.services.queues import page_keys
from factcheck.services.queues.queue_filters import DISPUTE_TYPES, PER_PAGE_RANGE, Filters
from factcheck.services.search import full_text, query_syntax

CONTEXT_CHARS = 90


# --- the read model ---------------------------------------------------------------------------------------

@dataclass
class Partner:
    """The other side of a dispute (a denial under its accusation, or the accusation a denial answers)."""

    claim_id: int
    version_id: int
    text: str
    claimant: str | None
    kind: str
    status: str
    assignee_name: str | None
    assignee_id: int | None
    outlet: str | None
    role: str  # "denial" when it denies the row's claim, "accusation" when the row's claim denies it


@dataclass
class Row:
    claim_id: int
    version_id: int
    text: str
    context_before: str
    sentence: str
    context_after: str
    claimant: str | None
    kind: str
    language: str | None
    score: float
    article_id: int
    article_title: str
    outlet: str | None
    created_at: datetime
    status: str
    dismiss_reason: str | None
    queue_id: int | None
    assignee_id: int | None
    assignee_name: str | None
    priority: int
    disputes: int = 0
    seen_in: int = 1  # the distinct articles of the claim's duplicate group
    duplicate_of: int | None = None  # the canonical claim of the group this claim is a member of
    group_size: int = 1  # the claims of its duplicate group, itself included
    already_checked: int | None = None  # a duplicate of this claim with a published verdict
    matched_verdicts: int = 0  # published verdicts "already checked" matching found for this claim (services/matching)
    partners: list[Partner] = field(default_factory=list)
    paired_under: int | None = None  # the accusation on the same page this denial is shown beside
    text_html: Markup | None = None  # with a search: the text and the sentence with their matches marked
    sentence_html: Markup | None = None

    @property
    def age(self) -> str:
        return humanize_age(self.created_at)

    @property
    def score_percent(self) -> int:
        return round(max(0.0, min(1.0, self.score)) * 100)


@dataclass
class Page:
    rows: list[Row]
    next_cursor: str | None
    filters: Filters
    truncated: bool = False  # the search matched more than full_text.CANDIDATES_MAX claims

    @property
    def candidates_max(self) -> int:
        return full_text.CANDIDATES_MAX

    @property
    def ordered_rows(self) -> list[Row]:
        """Rows in sort order, except that a denial whose accusation is on the page comes right after it."""
        children: dict[int, list[Row]] = {}
        for r in self.rows:
            if r.paired_under is not None:
                children.setdefault(r.paired_under, []).append(r)
        ordered: list[Row] = []
        seen: set[int] = set()

        def visit(row: Row) -> None:
            if row.claim_id in seen:
                return
            seen.add(row.claim_id)
            ordered.append(row)
            for child in children.get(row.claim_id, []):
                visit(child)

        for r in self.rows:
            if r.paired_under is None:
                visit(r)
        for r in self.rows:  # a cycle (a denies b, b denies a) has no root; no row may be lost
            visit(r)
        return ordered


def humanize_age(moment: datetime, now: datetime | None = None) -> str:
    delta = (now or utcnow()) - moment
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 3600:
        return f"{max(seconds // 60, 1)} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def context(raw_text: str, start: int, end: int, sentence: str) -> tuple[str, str, str]:
    """A little article text either side of the claim's sentence, cut at word boundaries."""
    if not (0 <= start <= end <= len(raw_text)) or not raw_text[start:end].strip():
        return "", sentence, ""
    before = raw_text[max(0, start - CONTEXT_CHARS):start]
    after = raw_text[end:end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS and " " in before:
        before = "… " + before.split(" ", 1)[1]
    if end + CONTEXT_CHARS < len(raw_text) and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    return before, raw_text[start:end], after


def visible_queue_ids(user: User):
    """A subquery of the queues whose claims ``user`` sees in "all my queues"."""
    if can(user, "claims.edit_any"):
        return select(Queue.id).where(Queue.archived.is_(False))
    return (select(QueueMember.queue_id).join(Queue, Queue.id == QueueMember.queue_id)
            .where(QueueMember.user_id == user.id, Queue.archived.is_(False)))


def _row_select(*, with_context: bool = False):
    """The columns of a row: the claim, its article and its assignee's name (disputes come with the links).
    ``with_context`` adds the article's text, for the sentence in context a row's menu shows: a list page never
    reads the articles' full text."""
    assignee = aliased(User)
    context_columns = (Article.raw_text,) if with_context else ()
    return (
        select(Claim.id, Claim.version_id, Claim.text, Claim.sentence, Claim.span_start, Claim.span_end,
               Claim.claimant, Claim.kind, Claim.language, Claim.checkworthiness, Claim.article_id,
               Claim.created_at, Claim.status, Claim.dismiss_reason, Claim.queue_id, Claim.assignee_id,
               Claim.priority, Claim.canonical_claim_id, Article.title, Article.outlet, *context_columns,
               assignee.display_name)
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(assignee, assignee.id == Claim.assignee_id)
    )


def _rows_by_id(ids: list[int], *, with_context: bool = False) -> list[Row]:
    """The rows of these claims, in this order: details are read for the page's claims only."""
    by_id = {r.id: _row(r) for r in db.session.execute(
        _row_select(with_context=with_context).where(Claim.id.in_(ids or [-1])))}
    return [by_id[claim_id] for claim_id in ids if claim_id in by_id]


def list_page(user: User, filters: Filters, *, queue_id: int | None = None) -> Page:
    """One page of claims for a queue (or for all the user's queues when ``queue_id`` is None)."""
    queue_ids = scope(user, filters, queue_id)
    if filters.q:
        return _search_page(user, filters, queue_ids)
    keys = page_keys.page_keys(user, filters, queue_ids)
    if keys is None:
        return Page(rows=[], next_cursor=None, filters=filters)
    page = keys.subquery()
    _, descending = page_keys.SORT_KEYS[filters.sort]
    records = db.session.execute(page_keys.ordered(  # the page's keys and their details in one statement
        _row_select().add_columns(page.c.sort_key).join(page, page.c.id == Claim.id),
        page.c.sort_key, page.c.id, descending, filters.per)).all()
    more = len(records) > filters.per
    records = records[:filters.per]
    rows = [_row(r) for r in records]
    attach_links(rows)
    cursor = page_keys.next_cursor(filters, records[-1].sort_key, records[-1].id) if more else None
    return Page(rows=rows, next_cursor=cursor, filters=filters)


def _search_page(user: User, filters: Filters, queue_ids: list[int | None]) -> Page:
    """The same page with a search: the filtered claims' keys go through the search's fence (``restrict``), the
    page is sorted and cut outside it, then its rows are read by id and given their highlights."""
    query = query_syntax.parse(filters.q or "")
    hits = full_text.restrict(page_keys.selection_keys(user, filters, queue_ids), "claims", query)
    name, descending = page_keys.SORT_KEYS[filters.sort]
    page = page_keys.after_cursor(select(hits, func.count().over().label("found")), filters, hits.c[name],
                                  hits.c.id, descending)
    records = db.session.execute(page_keys.ordered(page, hits.c[name], hits.c.id, descending, filters.per)).all()
    more = len(records) > filters.per
    records = records[:filters.per]
    ids = [r.id for r in records]
    rows = _rows_by_id(ids)
    marked = full_text.highlights("claims", query, ids)
    for row in rows:
        row.text_html = marked.get(row.claim_id, {}).get("text")
        row.sentence_html = marked.get(row.claim_id, {}).get("sentence")
    attach_links(rows)
    truncated = bool(records) and filters.after is None and records[0].found >= full_text.CANDIDATES_MAX
    cursor = page_keys.next_cursor(filters, getattr(records[-1], name), records[-1].id) if more else None
    return Page(rows=rows, next_cursor=cursor, filters=filters, truncated=truncated)


def scope(user: User, filters: Filters, queue_id: int | None) -> list[int | None]:
    """The queues whose claims the page lists: one, none (``unrouted``: [None]), or every queue the user sees."""
    if queue_id is not None:
        return [queue_id]
    if filters.unrouted:
        return [None]
    return list(db.session.scalars(visible_queue_ids(user).order_by(None)))


def _row(r) -> Row:
    raw_text = r._mapping.get("raw_text")
    before, sentence, after = context(raw_text, r.span_start, r.span_end, r.sentence) if raw_text is not None \
        else ("", r.sentence, "")
    return Row(
        claim_id=r.id, version_id=r.version_id, text=r.text, context_before=before, sentence=sentence,
        context_after=after, claimant=r.claimant, kind=r.kind, language=r.language,
        score=float(r.checkworthiness or 0.0), article_id=r.article_id, article_title=r.title or "",
        outlet=r.outlet, created_at=r.created_at, status=r.status, dismiss_reason=r.dismiss_reason,
        queue_id=r.queue_id, assignee_id=r.assignee_id, assignee_name=r.display_name, priority=r.priority,
        duplicate_of=r.canonical_claim_id,
    )


def attach_links(rows: list[Row]) -> None:
    """Fill dispute counts, duplicate groups, verdicts elsewhere and dispute partners: four batch queries,
    whatever the rows."""
    if not rows:
        return
    by_id = {r.claim_id: r for r in rows}
    links = _links_touching(list(by_id))
    _count_disputes(by_id, links)
    _count_groups(by_id)
    _mark_already_checked(by_id)
    _count_matches(by_id)
    _attach_partners(by_id, links)


_Link = tuple[int, int, str]  # (source claim id, target claim id, link type)


def _links_touching(ids: list[int]) -> Sequence[ResultRow[_Link]]:
    """Dispute links with either end on the page, in creation order so that partners are listed the same way on
    every request."""
    return db.session.execute(
        select(ClaimLink.source_claim_id, ClaimLink.target_claim_id, ClaimLink.type)
        .where(ClaimLink.type.in_(DISPUTE_TYPES),
               or_(ClaimLink.source_claim_id.in_(ids), ClaimLink.target_claim_id.in_(ids)))
        .order_by(ClaimLink.id)
    ).all()


def _count_disputes(by_id: dict[int, Row], links: Sequence[ResultRow[_Link]]) -> None:
    """Disputes of the page's claims, counted from the links that touch them (each end counts the link)."""
    for source, target, _kind in links:
        for end in (source, target):
            if end in by_id:
                by_id[end].disputes += 1


def _group_of(row: Row) -> int:
    """The id of the row's duplicate group: the canonical claim's (members point at it)."""
    return row.duplicate_of or row.claim_id


def _in_groups(groups: set[int]):
    """Claims of these duplicate groups: the canonical claims and their members."""
    return or_(Claim.canonical_claim_id.in_(groups), Claim.id.in_(groups))


def _count_groups(by_id: dict[int, Row]) -> None:
    """Group size and "seen in N articles", counted in SQL per group (members point at the canonical claim, so
    a group of a hundred costs what a group of two does)."""
    groups = {_group_of(r) for r in by_id.values()}
    key = func.coalesce(Claim.canonical_claim_id, Claim.id)
    counts = {group: (int(size), int(articles)) for group, size, articles in db.session.execute(
        select(key, func.count(Claim.id), func.count(func.distinct(Claim.article_id)))
        .where(_in_groups(groups)).group_by(key))}
    for row in by_id.values():
        row.group_size, row.seen_in = counts.get(_group_of(row), (1, 1))


def _mark_already_checked(by_id: dict[int, Row]) -> None:
    """"Already checked": another claim of the duplicate group has a published verdict, so the claim may need no
    second check; the row names that claim."""
    groups = {_group_of(r) for r in by_id.values() if r.duplicate_of or r.group_size > 1}
    checked: dict[int, list[int]] = {}
    for group, claim_id in db.session.execute(
            select(func.coalesce(Claim.canonical_claim_id, Claim.id), Verdict.claim_id)
            .join(Claim, Claim.id == Verdict.claim_id)
            .where(Verdict.status == "published", _in_groups(groups)).order_by(Verdict.claim_id)):
        checked.setdefault(group, []).append(claim_id)
    for row in by_id.values():
        others = [c for c in checked.get(_group_of(row), []) if c != row.claim_id]
        if others:
            row.already_checked = others[0]


def _count_matches(by_id: dict[int, Row]) -> None:
    """How many published verdicts matching found for each row's claim, in one grouped query."""
    for claim_id, count in db.session.execute(
            select(ClaimMatch.claim_id, func.count()).join(Verdict, Verdict.id == ClaimMatch.verdict_id)
            .where(ClaimMatch.claim_id.in_(list(by_id)), Verdict.status == "published").group_by(ClaimMatch.claim_id)):
        by_id[claim_id].matched_verdicts = int(count)


def _attach_partners(by_id: dict[int, Row], links: Sequence[ResultRow[_Link]]) -> None:
    """Each side of a denial shows the other; a denial whose accusation is on the same page is drawn beneath it
    (``paired_under``) so the two are read together."""
    denials = [(source, target) for source, target, kind in links if kind == "denies"]
    partners = _partners({claim_id for pair in denials for claim_id in pair})
    for source, target in denials:
        if target in by_id and source in partners:
            by_id[target].partners.append(_as_partner(partners[source], "denial"))
        if source in by_id and target in partners:
            by_id[source].partners.append(_as_partner(partners[target], "accusation"))
            if target in by_id and by_id[source].paired_under is None:
                by_id[source].paired_under = target


def _partners(ids: Iterable[int]) -> dict[int, ResultRow[Any]]:
    ids = list(ids)  # queried even when empty, so a page always costs the same number of statements
    assignee = aliased(User)
    records = db.session.execute(
        select(Claim.id, Claim.version_id, Claim.text, Claim.claimant, Claim.kind, Claim.status,
               Claim.assignee_id, assignee.display_name, Article.outlet)
        .join(Article, Article.id == Claim.article_id)
        .outerjoin(assignee, assignee.id == Claim.assignee_id)
        .where(Claim.id.in_(ids))
    ).all()
    return {r.id: r for r in records}


def _as_partner(r, role: str) -> Partner:
    return Partner(claim_id=r.id, version_id=r.version_id, text=r.text, claimant=r.claimant, kind=r.kind,
                   status=r.status, assignee_id=r.assignee_id, assignee_name=r.display_name, outlet=r.outlet,
                   role=role)


def rows_for(user: User, claim_ids: Iterable[int], *, with_context: bool = False) -> list[Row]:
    """The rows for given claims (after an action, to redraw them; ``with_context`` for a row's menu), with the
    same batch queries."""
    rows = _rows_by_id(list(dict.fromkeys(claim_ids))[:PER_PAGE_RANGE[1]], with_context=with_context)
    attach_links(rows)
    for row in rows:
        row.paired_under = None  # redrawn alone, a denial keeps its own row
    return rows


@dataclass(frozen=True)
class QueueSummary:
    queue_id: int
    name: str
    description: str
    archived: bool
    counts: dict[str, int]
    member: bool

    @property
    def open_count(self) -> int:
        return sum(n for status, n in self.counts.items() if status in workflow.OPEN_STATES)

    @property
    def new_count(self) -> int:
        return self.counts.get("new", 0)


def member_queue_ids(user: User) -> set[int]:
    return set(db.session.scalars(select(QueueMember.queue_id).where(QueueMember.user_id == user.id)))


def queue_summaries(user: User, *, only: int | None = None) -> list[QueueSummary]:
    """The user's queues (all non-archived ones for editors and admins) with claim counts per status, read from
    the counters the database keeps (``ClaimStatusCount``) rather than from every claim of the queues."""
    member_ids = member_queue_ids(user)
    stmt = select(Queue).order_by(Queue.name)
    if only is not None:
        stmt = stmt.where(Queue.id == only)
    elif can(user, "claims.edit_any"):
        stmt = stmt.where(Queue.archived.is_(False))
    else:
        stmt = stmt.where(Queue.archived.is_(False), Queue.id.in_(member_ids or {-1}))
    queues = list(db.session.scalars(stmt))
    counts: dict[int, dict[str, int]] = {q.id: {} for q in queues}
    if queues:
        for queue_id, status, n in db.session.execute(
                select(ClaimStatusCount.queue_key, ClaimStatusCount.status, ClaimStatusCount.n)
                .where(ClaimStatusCount.queue_key.in_(list(counts)), ClaimStatusCount.n > 0)):
            counts[queue_id][status] = n
    return [QueueSummary(q.id, q.name, q.description or "", q.archived, counts[q.id], q.id in member_ids)
            for q in queues]


def queue_choices(user: User) -> list[tuple[int, str]]:
    """Non-archived queues the user may accept claims into, for the "accept into" selector."""
    stmt = select(Queue.id, Queue.name).where(Queue.archived.is_(False)).order_by(Queue.name)
    if not can(user, "claims.edit_any"):
        stmt = stmt.where(Queue.id.in_(select(QueueMember.queue_id).where(QueueMember.user_id == user.id)))
    return [(q.id, q.name) for q in db.session.execute(stmt)]


def assignee_choices() -> list[tuple[int, str]]:
    """Active users, for the "assign to" selector."""
    return [(u.id, u.display_name) for u in db.session.execute(
        select(User.id, User.display_name).where(User.active.is_(True)).order_by(User.display_name))]

