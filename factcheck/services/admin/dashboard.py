"""Newsroom dashboard figures: daily flow, time to triage and publication, backlog per queue, work per person.

The figures that would grow with the desk's history come from rollups the database keeps in the transaction of
every write (``factcheck/models/dashboard_rollup.py``, migration 0015), so they are never stale: the daily counts
and the medians of time to triage and to publication from per-day histograms (a median within half a bucket), the
backlog's counts and median month from the open claims per queue and month, its oldest and median claim then read
at their rank in the open-claims index within that month. What is left on the audit trail (reviews started, work
per person) reads the window's rows through ``ix_audit_events_action_at``, so it grows with the desk's daily
activity, not with its history. Grouping happens in SQL that runs on SQLite and PostgreSQL alike (the UTC calendar
day of a timestamp is compiled per dialect below).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import String, func, literal, select, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, ClaimOpenMonth, DeskDaily, Queue, User
from factcheck.models.base import utcnow
from factcheck.models.dashboard_rollup import bucket_width
from factcheck.models.desk_scale import NO_QUEUE, queue_key, status_in
from factcheck.workflow import OPEN_STATES

WINDOW_DAYS = 30
REVIEW_ACTIONS = ("claim.start_review", "claim.reopen")
ROLLED_UP = ("claims_in", "triaged", "published")  # the daily series ``desk_daily`` holds


class utc_day(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """The UTC calendar day of a timestamp as 'YYYY-MM-DD' text."""

    type = String()
    name = "utc_day"
    inherit_cache = True


@compiles(utc_day)
def _utc_day_default(element, compiler, **kw):  # SQLite stores UTC as naive text
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element, compiler, **kw):  # timestamptz: convert explicitly, whatever the session zone
    return f"to_char(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


@dataclass(frozen=True)
class DailyFlow:
    days: list[str]
    series: dict[str, list[int]]  # claims_in, triaged, in_review, published: one figure per day


@dataclass(frozen=True)
class BacklogRow:
    queue_id: int | None
    queue_name: str
    open_claims: int
    oldest: datetime | None
    median_age: timedelta | None


@dataclass(frozen=True)
class WorkRow:
    actor_id: int
    actor_name: str
    by_family: dict[str, int]
    total: int


@dataclass(frozen=True)
class Dashboard:
    since: datetime
    flow: DailyFlow
    median_to_triage: timedelta | None
    median_to_publication: timedelta | None
    triaged_count: int
    published_count: int
    backlog: list[BacklogRow]
    work: list[WorkRow]
    families: list[str] = field(default_factory=list)


def _per_day(column, since: datetime, *conditions) -> dict[str, int]:
    day = utc_day(column)
    stmt = select(day, func.count()).where(column >= since, *conditions).group_by(day)
    return {str(d): n for d, n in db.session.execute(stmt).all()}


def _first_day(now: datetime, days: int) -> date:
    return (now - timedelta(days=days - 1)).date()


def daily_flow(now: datetime, days: int = WINDOW_DAYS) -> DailyFlow:
    """Claims in, triaged, sent into review and published on each of the last ``days`` days (UTC)."""
    first = _first_day(now, days)
    labels = [(first + timedelta(days=i)).isoformat() for i in range(days)]
    counts: dict[str, dict[str, int]] = {"claims_in": {}, "triaged": {}, "in_review": {}, "published": {}}
    for series, day, n in db.session.execute(
            select(DeskDaily.series, DeskDaily.day, func.sum(DeskDaily.n))
            .where(DeskDaily.series.in_(ROLLED_UP), DeskDaily.day >= first)  # a range per series of the key
            .group_by(DeskDaily.series, DeskDaily.day)):
        counts[series][day.isoformat()] = int(n)
    counts["in_review"] = _per_day(AuditEvent.at, datetime.combine(first, datetime.min.time(), UTC),
                                   AuditEvent.action.in_(REVIEW_ACTIONS))
    return DailyFlow(labels, {name: [per_day.get(d, 0) for d in labels] for name, per_day in counts.items()})


def duration_histogram(series: str, first: date) -> list[tuple[int, int]]:
    """``(bucket, count)`` of ``series`` ("triaged", "published") from day ``first`` on, shortest first; the
    times before the extraction left out."""
    return [(bucket, int(n)) for bucket, n in db.session.execute(
        select(DeskDaily.bucket, func.sum(DeskDaily.n))
        .where(DeskDaily.series == series, DeskDaily.day >= first, DeskDaily.bucket >= 0)
        .group_by(DeskDaily.bucket).having(func.sum(DeskDaily.n) > 0).order_by(DeskDaily.bucket))]


def histogram_median(histogram: list[tuple[int, int]]) -> timedelta | None:
    """The median of the durations a histogram counts: the middle of the bucket holding the middle one (the mean
    of the two middle ones for an even count)."""
    total = sum(n for _, n in histogram)
    if not total:
        return None
    ranks, middles, seen = {(total - 1) // 2, total // 2}, [], 0
    for bucket, n in histogram:
        middles += [bucket + bucket_width(bucket) / 2 for rank in ranks if seen <= rank < seen + n]
        seen += n
    return timedelta(seconds=sum(middles) / len(middles))


def backlog(now: datetime) -> list[BacklogRow]:
    """Open claims per queue (unrouted ones on their own row): count, oldest and median age; biggest first.

    The counts and the month of each queue's middle claim come from the open claims per month the database keeps;
    the oldest and median claims are then read at their rank in the open-claims index (``ix_claims_open_created``),
    within that month, so no claim row leaves the database and no more than a month of a queue is walked.
    """
    months: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for key, month, n in db.session.execute(
            select(ClaimOpenMonth.queue_key, ClaimOpenMonth.month, ClaimOpenMonth.n)
            .where(ClaimOpenMonth.n > 0).order_by(ClaimOpenMonth.queue_key, ClaimOpenMonth.month)):
        months[key].append((month, n))
    if not months:
        return []
    names = dict(db.session.execute(select(Queue.id, Queue.name)).tuples().all())
    ranked = _at_ranks(months)
    rows = []
    for key, per_month in months.items():
        queue_id = None if key == NO_QUEUE else key
        oldest, middle = ranked.get((key, "oldest"), []), ranked.get((key, "median"), [])
        median_created = middle[0] + (middle[-1] - middle[0]) / 2 if middle else None
        rows.append(BacklogRow(queue_id, names.get(key, "No queue") if queue_id else "No queue",
                               sum(n for _, n in per_month), oldest[0] if oldest else None,
                               now - median_created if median_created is not None else None))
    return sorted(rows, key=lambda r: (-r.open_claims, r.queue_name))


def _month_range(month: date) -> tuple[datetime, datetime]:
    start = datetime.combine(month, datetime.min.time(), UTC)
    return start, (start + timedelta(days=32)).replace(day=1)


def _at_ranks(months: dict[int, list[tuple[date, int]]]) -> dict[tuple[int, str], list[datetime]]:
    """The creation time of each queue's oldest open claim and of its middle one (the two middle ones for an even
    count), in one statement: an index range per queue for the oldest, one within the month of the middle ones."""
    arms = []
    for key, per_month in months.items():
        total = sum(n for _, n in per_month)
        middle: dict[date, list[int]] = defaultdict(list)  # the month of each middle rank -> its ranks within
        for rank in sorted({(total - 1) // 2, total // 2}):
            month, within = _month_of(per_month, rank)
            middle[month].append(within)
        wanted: list[tuple[str, date | None, int, int]] = [("oldest", None, 0, 1)]  # (part, month, offset, limit)
        wanted += [("median", m, ranks[0], len(ranks)) for m, ranks in middle.items()]
        for part, in_month, offset, limit in wanted:
            stmt = select(literal(key).label("queue_key"), literal(part).label("part"),
                          Claim.created_at.label("created_at")).where(queue_key() == key, status_in(OPEN_STATES))
            if in_month is not None:
                start, end = _month_range(in_month)
                stmt = stmt.where(Claim.created_at >= start, Claim.created_at < end)
            arm = stmt.order_by(Claim.created_at).offset(offset).limit(limit).subquery()
            arms.append(select(arm.c.queue_key, arm.c.part, arm.c.created_at))
    ranked: dict[tuple[int, str], list[datetime]] = defaultdict(list)
    for key, part, created_at in db.session.execute(union_all(*arms)):
        ranked[(key, part)].append(created_at)
    return {k: sorted(v) for k, v in ranked.items()}


def _month_of(per_month: list[tuple[date, int]], rank: int) -> tuple[date, int]:
    """The month holding the claim at ``rank`` (0: the oldest) and its rank within that month."""
    for month, n in per_month:
        if rank < n:
            return month, rank
        rank -= n
    raise ValueError("rank beyond the count")


# Finished work, counted once by whoever finished it: the audit action that closes each piece -> its kind
FINISHED_WORK = {"claim.accept": "claims_triaged", "claim.dismiss": "claims_triaged", "claim.merge": "claims_triaged",
                 "verdict.submit": "verdicts_drafted", "verdict.approve": "verdicts_approved",
                 "verdict.publish": "verdicts_published", "verdict.republish": "verdicts_published"}
WORK_KINDS = ("claims_triaged", "verdicts_drafted", "verdicts_approved", "verdicts_published")


def work_per_person(since: datetime) -> tuple[list[WorkRow], list[str]]:
    """Finished work per person since ``since`` (claims triaged; verdicts drafted, approved, published), most
    first; counted in SQL from the audit rows of those actions only (not every click a person made)."""
    stmt = (select(AuditEvent.actor_id, AuditEvent.action, func.count())
            .where(AuditEvent.at >= since, AuditEvent.actor_id.is_not(None),
                   AuditEvent.action.in_(sorted(FINISHED_WORK)))
            .group_by(AuditEvent.actor_id, AuditEvent.action))
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for actor_id, action, n in db.session.execute(stmt):
        counts[actor_id][FINISHED_WORK[action]] += n
    names = dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(list(counts))))
                 .tuples().all())
    rows = [WorkRow(actor_id, names.get(actor_id, f"#{actor_id}"), dict(by_family), sum(by_family.values()))
            for actor_id, by_family in counts.items()]
    return sorted(rows, key=lambda r: (-r.total, r.actor_name)), list(WORK_KINDS)


def build(now: datetime | None = None, days: int = WINDOW_DAYS) -> Dashboard:
    """Every figure of the dashboard, over the last ``days`` days (UTC, today included)."""
    now = now or utcnow()
    first = _first_day(now, days)
    since = datetime.combine(first, datetime.min.time(), UTC)
    triage, publication = duration_histogram("triaged", first), duration_histogram("published", first)
    work, families = work_per_person(since)
    return Dashboard(since=since, flow=daily_flow(now, days), median_to_triage=histogram_median(triage),
                     median_to_publication=histogram_median(publication),
                     triaged_count=sum(n for _, n in triage), published_count=sum(n for _, n in publication),
                     backlog=backlog(now), work=work, families=families)
