"""Newsroom dashboard figures: daily flow, time to triage and publication, backlog per queue, work per person.

Counting and grouping happen in SQL that runs on SQLite and PostgreSQL alike (the one dialect-specific piece,
the UTC calendar day of a timestamp, is compiled per dialect below). The backlog reads the status counters and
the open-claims index, so it costs the same at a thousand open claims and at a million; the medians of time to
triage and to publication are computed in Python over the durations of the window only (neither database shares
a median function with the other), which grow with the desk's daily activity, not with its history.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from sqlalchemy import String, func, literal, select, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, ClaimStatusCount, Queue, User, Verdict
from factcheck.models.base import utcnow
from factcheck.models.desk_scale import NO_QUEUE, queue_key, status_in
from factcheck.workflow import OPEN_STATES

WINDOW_DAYS = 30
REVIEW_ACTIONS = ("claim.start_review", "claim.reopen")


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


def daily_flow(now: datetime, days: int = WINDOW_DAYS) -> DailyFlow:
    """Claims in, triaged, sent into review and published on each of the last ``days`` days (UTC)."""
    first: date = (now - timedelta(days=days - 1)).date()
    since = datetime.combine(first, datetime.min.time(), now.tzinfo)
    labels = [(first + timedelta(days=i)).isoformat() for i in range(days)]
    counts = {
        "claims_in": _per_day(Claim.created_at, since),
        "triaged": _per_day(Claim.triaged_at, since),
        "in_review": _per_day(AuditEvent.at, since, AuditEvent.action.in_(REVIEW_ACTIONS)),
        "published": _per_day(Verdict.published_at, since),
    }
    return DailyFlow(labels, {name: [per_day.get(d, 0) for d in labels] for name, per_day in counts.items()})


def _median(durations: list[timedelta]) -> timedelta | None:
    return timedelta(seconds=median(d.total_seconds() for d in durations)) if durations else None


def time_to_triage(since: datetime) -> list[timedelta]:
    """Extraction to triage, for claims triaged in the window."""
    rows = db.session.execute(select(Claim.created_at, Claim.triaged_at).where(Claim.triaged_at >= since)).all()
    return [t - c for c, t in rows if t >= c]


def time_to_publication(since: datetime) -> list[timedelta]:
    """Extraction to publication, for verdicts published in the window."""
    rows = db.session.execute(select(Claim.created_at, Verdict.published_at).join(Verdict, Verdict.claim_id == Claim.id)
                              .where(Verdict.published_at >= since)).all()
    return [p - c for c, p in rows if p >= c]


def backlog(now: datetime) -> list[BacklogRow]:
    """Open claims per queue (unrouted ones on their own row): count, oldest and median age; biggest first.

    The counts come from the counters the database keeps; the oldest and median claims are read at their rank
    in the open-claims index of each queue (``ix_claims_open_created``), so no claim row leaves the database.
    """
    names = dict(db.session.execute(select(Queue.id, Queue.name)).tuples().all())
    open_counts = {key: int(n) for key, n in db.session.execute(
        select(ClaimStatusCount.queue_key, func.sum(ClaimStatusCount.n))
        .where(ClaimStatusCount.status.in_(OPEN_STATES)).group_by(ClaimStatusCount.queue_key)) if n}
    if not open_counts:
        return []
    ranked = _at_ranks(open_counts)
    rows = []
    for key, count in open_counts.items():
        queue_id = None if key == NO_QUEUE else key
        oldest, middle = ranked.get((key, "oldest"), []), ranked.get((key, "median"), [])
        median_created = middle[0] + (middle[-1] - middle[0]) / 2 if middle else None
        rows.append(BacklogRow(queue_id, names.get(key, "No queue") if queue_id else "No queue", count,
                               oldest[0] if oldest else None,
                               now - median_created if median_created is not None else None))
    return sorted(rows, key=lambda r: (-r.open_claims, r.queue_name))


def _at_ranks(open_counts: dict[int, int]) -> dict[tuple[int, str], list[datetime]]:
    """The creation time of each queue's oldest open claim and of its middle one (the two middle ones for an even
    count), in one statement: an index range per queue, read up to the rank asked for."""
    arms = []
    for key, count in open_counts.items():
        where = (queue_key() == key, status_in(OPEN_STATES))
        for part, offset, limit in (("oldest", 0, 1), ("median", (count - 1) // 2, 2 - count % 2)):
            arm = (select(literal(key).label("queue_key"), literal(part).label("part"),
                          Claim.created_at.label("created_at"))
                   .where(*where).order_by(Claim.created_at).offset(offset).limit(limit).subquery())
            arms.append(select(arm.c.queue_key, arm.c.part, arm.c.created_at))
    ranked: dict[tuple[int, str], list[datetime]] = defaultdict(list)
    for key, part, created_at in db.session.execute(union_all(*arms)):
        ranked[(key, part)].append(created_at)
    return {k: sorted(v) for k, v in ranked.items()}


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
    """Every figure of the dashboard, over the last ``days`` days."""
    now = now or utcnow()
    since = now - timedelta(days=days)
    flow = daily_flow(now, days)
    triage, publication = time_to_triage(since), time_to_publication(since)
    work, families = work_per_person(since)
    return Dashboard(since=since, flow=flow, median_to_triage=_median(triage),
                     median_to_publication=_median(publication), triaged_count=len(triage),
                     published_count=len(publication), backlog=backlog(now), work=work, families=families)
