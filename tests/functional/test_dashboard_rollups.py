"""The dashboard's rollups stay exact: after every kind of write, its figures equal those computed from the rows.

The database keeps ``claim_open_months`` and ``desk_daily`` (triggers of migration 0015), so the test writes
through the services, the ORM, bulk UPDATE and DELETE statements and a rolled-back transaction, on whichever engine
the suite runs (SQLite by default, PostgreSQL in CI), and after each step compares the tables, the daily series,
the medians and the backlog with what the claims and verdicts say.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from statistics import median

from sqlalchemy import delete, select, update

from factcheck.extensions import db
from factcheck.models import Claim, ClaimOpenMonth, DeskDaily, Verdict, VerdictRevision
from factcheck.models.base import utcnow
from factcheck.models.dashboard_rollup import BEFORE_EXTRACTION, DURATION_TIERS, bucket_width
from factcheck.models.desk_scale import NO_QUEUE
from factcheck.services.admin import dashboard
from factcheck.services.claims import triage
from factcheck.workflow import OPEN_STATES
from tests import factories


def _bucket(start: datetime, end: datetime) -> int:
    seconds = round((end - start).total_seconds())
    if seconds < 0:
        return BEFORE_EXTRACTION
    width = next(w for bound, w in DURATION_TIERS if bound is None or seconds < bound)
    return seconds - seconds % width


def _raw_rows() -> tuple[Counter, Counter]:
    """What the rollups should hold, computed in Python from every claim and verdict."""
    claims = db.session.execute(select(Claim.id, Claim.queue_id, Claim.status, Claim.created_at,
                                       Claim.triaged_at)).all()
    created = {c.id: c.created_at for c in claims}
    months, daily = Counter(), Counter()
    for c in claims:
        if c.status in OPEN_STATES:
            months[(c.queue_id or NO_QUEUE, c.created_at.date().replace(day=1))] += 1
        daily[("claims_in", c.created_at.date(), 0)] += 1
        if c.triaged_at is not None:
            daily[("triaged", c.triaged_at.date(), _bucket(c.created_at, c.triaged_at))] += 1
    for claim_id, published_at in db.session.execute(select(Verdict.claim_id, Verdict.published_at)
                                                     .where(Verdict.published_at.is_not(None))):
        if claim_id in created:
            daily[("published", published_at.date(), _bucket(created[claim_id], published_at))] += 1
    return +months, +daily


def _assert_exact(now: datetime) -> None:
    db.session.expire_all()
    months, daily = _raw_rows()
    assert {(q, m): n for q, m, n in db.session.execute(
        select(ClaimOpenMonth.queue_key, ClaimOpenMonth.month, ClaimOpenMonth.n)) if n} == months
    assert {(s, d, b): n for s, d, b, n in db.session.execute(
        select(DeskDaily.series, DeskDaily.day, DeskDaily.bucket, DeskDaily.n)) if n} == daily
    figures = dashboard.build(now=now)
    first = figures.since.date()
    for series in ("claims_in", "triaged", "published"):
        per_day: Counter = Counter()
        for (name, day, _), n in daily.items():
            per_day[day.isoformat()] += n if name == series else 0
        assert dict(zip(figures.flow.days, figures.flow.series[series], strict=True)) == {
            d: per_day[d] for d in figures.flow.days}
    _assert_median(figures.median_to_triage, figures.triaged_count, _durations(
        select(Claim.created_at, Claim.triaged_at).where(Claim.triaged_at.is_not(None)), first))
    _assert_median(figures.median_to_publication, figures.published_count, _durations(
        select(Claim.created_at, Verdict.published_at).join(Verdict, Verdict.claim_id == Claim.id)
        .where(Verdict.published_at.is_not(None)), first))
    assert {r.queue_id or NO_QUEUE: (r.open_claims, r.oldest, r.median_age) for r in figures.backlog} == _backlog(now)


def _durations(stmt, first) -> list[tuple[timedelta, int]]:
    return [(end - start, _bucket(start, end)) for start, end in db.session.execute(stmt)
            if end.date() >= first and end >= start]


def _assert_median(figure: timedelta | None, count: int, durations: list[tuple[timedelta, int]]) -> None:
    assert count == len(durations)
    if not durations:
        assert figure is None
        return
    exact = median(d.total_seconds() for d, _ in durations)
    by_buckets = median(b + bucket_width(b) / 2 for _, b in durations)
    assert figure == timedelta(seconds=by_buckets)
    assert abs(figure.total_seconds() - exact) <= max(bucket_width(b) for _, b in durations) / 2


def _backlog(now: datetime) -> dict[int, tuple[int, datetime, timedelta]]:
    open_claims = defaultdict(list)
    for queue_id, created_at in db.session.execute(select(Claim.queue_id, Claim.created_at)
                                                   .where(Claim.status.in_(OPEN_STATES))):
        open_claims[queue_id or NO_QUEUE].append(created_at)
    rows = {}
    for key, times in open_claims.items():
        times.sort()
        low, high = times[(len(times) - 1) // 2], times[len(times) // 2]
        rows[key] = (len(times), times[0], now - (low + (high - low) / 2))
    return rows


def _claim(*, created: datetime, queue=None, status="new", triaged: datetime | None = None) -> Claim:
    claim = factories.make_claim(queue=queue, status=status)
    claim.created_at, claim.triaged_at = created, triaged
    db.session.commit()
    return claim


def test_rollups_follow_services_orm_bulk_statements_deletes_and_rollbacks(app):
    now = utcnow()
    editor = factories.make_user(roles=("editor",))
    politics, health = factories.make_queue(name="Politique"), factories.make_queue(name="Santé")
    # open claims over three months and three queues, some triaged long ago, one "before" its extraction
    claims = [_claim(created=now - timedelta(days=d, hours=d), queue=[politics, health, None][d % 3])
              for d in (0, 1, 3, 20, 33, 47, 65, 70, 71)]
    _claim(created=now - timedelta(days=5), queue=politics, status="triaged", triaged=now - timedelta(days=4))
    _claim(created=now - timedelta(days=2), status="triaged", triaged=now - timedelta(days=3))
    _claim(created=now - timedelta(days=200), queue=health, status="dismissed", triaged=now - timedelta(days=199))
    _assert_exact(now)

    # new triage events through the services (triaged now, extracted hours to weeks ago)
    triage.accept(editor, claims[1].id, expected_version=claims[1].version_id, queue_id=health.id)
    triage.accept(editor, claims[3].id, expected_version=claims[3].version_id, queue_id=politics.id)
    triage.dismiss(editor, claims[2].id, expected_version=claims[2].version_id, reason="opinion")
    triage.merge(editor, claims[4].id, expected_version=claims[4].version_id, into_claim_id=claims[5].id)
    _assert_exact(utcnow())

    published = _claim(created=now - timedelta(days=9), queue=health, status="published",
                       triaged=now - timedelta(days=8))
    verdict = factories.make_verdict(claim=published, status="published")
    verdict.published_at = now - timedelta(days=6, hours=5)
    republished = factories.make_verdict(claim=claims[6], status="published")
    republished.published_at = now - timedelta(minutes=30)
    db.session.commit()
    _assert_exact(now)

    db.session.execute(update(Claim).where(Claim.queue_id == politics.id).values(queue_id=None))  # one statement
    db.session.execute(update(Claim).values(priority=Claim.priority + 1))  # touches every row, moves none
    db.session.execute(update(Claim).where(Claim.id == claims[7].id).values(created_at=now - timedelta(days=400)))
    db.session.execute(update(Verdict).where(Verdict.id == republished.id)
                       .values(published_at=now - timedelta(days=1)))
    db.session.commit()
    _assert_exact(now)
    verdict.published_at = None  # unpublished by the ORM
    db.session.commit()
    _assert_exact(now)
    verdict.published_at = now - timedelta(days=6, hours=5)
    db.session.commit()

    db.session.execute(update(Claim).values(status="dismissed", triaged_at=now))
    db.session.rollback()  # the rollups roll back with the claims
    _assert_exact(now)

    db.session.execute(delete(VerdictRevision).where(VerdictRevision.verdict_id == republished.id))
    db.session.execute(delete(Verdict).where(Verdict.id == republished.id))
    db.session.execute(delete(Claim).where(Claim.id == published.id))  # its verdict goes with it (PostgreSQL)
    db.session.delete(db.session.get(Claim, claims[8].id))
    db.session.commit()
    _assert_exact(now)


def test_a_backlog_median_across_two_months_reads_each_middle_claim_in_its_month(app):
    queue = factories.make_queue(name="Culture")
    now = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
    for created in (datetime(2026, 9, 3, tzinfo=timezone.utc), datetime(2026, 10, 31, 23, 59, tzinfo=timezone.utc),
                    datetime(2026, 11, 1, 0, 1, tzinfo=timezone.utc), datetime(2026, 11, 20, tzinfo=timezone.utc)):
        _claim(created=created, queue=queue)
    [row] = dashboard.backlog(now)
    assert row.open_claims == 4 and row.oldest == datetime(2026, 9, 3, tzinfo=timezone.utc)
    assert row.median_age == now - datetime(2026, 11, 1, 0, 0, tzinfo=timezone.utc)
