"""The dashboard: daily flow, medians, backlog per queue, work per person; page, charts data and access."""
import json
from datetime import datetime, timedelta, timezone

import pytest

from factcheck.admin.dashboard import duration, sparkline
from factcheck.extensions import db
from factcheck.models import AuditEvent
from factcheck.services.admin import dashboard
from tests import factories

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


def _claim(*, created, status="new", queue=None, triaged=None):
    claim = factories.make_claim(status=status, queue=queue)
    claim.created_at, claim.triaged_at = created, triaged
    db.session.commit()
    return claim


def _published(claim, at):
    verdict = factories.make_verdict(claim=claim, status="published")
    verdict.published_at = at
    db.session.commit()
    return verdict


def _audit(actor, action, at):
    db.session.add(AuditEvent(actor_id=actor.id if actor else None, action=action, object_type="claim",
                              object_id=1, at=at))
    db.session.commit()


def test_daily_flow_counts_each_day_in_utc(app):
    day = NOW.replace(hour=0, minute=0)
    _claim(created=NOW - timedelta(hours=1))
    _claim(created=day + timedelta(minutes=1), triaged=NOW - timedelta(hours=2), status="triaged")
    _claim(created=day - timedelta(minutes=1))  # 23:59 yesterday
    _claim(created=NOW - timedelta(days=40))  # outside the window
    reviewed = _claim(created=NOW - timedelta(days=3), status="published", triaged=NOW - timedelta(days=2))
    _published(reviewed, NOW - timedelta(days=1))
    _audit(None, "claim.start_review", NOW - timedelta(days=2))
    _audit(None, "claim.accept", NOW - timedelta(days=2))
    flow = dashboard.daily_flow(NOW)
    assert len(flow.days) == 30 and flow.days[-1] == "2026-11-25" and flow.days[0] == "2026-10-27"
    series = {k: dict(zip(flow.days, v, strict=True)) for k, v in flow.series.items()}
    assert series["claims_in"]["2026-11-25"] == 2 and series["claims_in"]["2026-11-24"] == 1
    assert series["claims_in"]["2026-11-22"] == 1 and sum(flow.series["claims_in"]) == 4
    assert series["triaged"]["2026-11-25"] == 1 and series["triaged"]["2026-11-23"] == 1
    assert sum(flow.series["in_review"]) == 1 and series["in_review"]["2026-11-23"] == 1
    assert series["published"] == {**{d: 0 for d in flow.days}, "2026-11-24": 1}


def test_medians_of_time_to_triage_and_publication(app):
    for hours in (1, 3, 10):
        _claim(created=NOW - timedelta(days=2), triaged=NOW - timedelta(days=2) + timedelta(hours=hours),
               status="triaged")
    _claim(created=NOW - timedelta(days=90), triaged=NOW - timedelta(days=89), status="triaged")  # too old
    for days in (2, 4):
        claim = _claim(created=NOW - timedelta(days=10), status="published")
        _published(claim, NOW - timedelta(days=10) + timedelta(days=days))
    figures = dashboard.build(now=NOW)
    # the middle of the bucket holding the median: 5 minutes wide at 3 hours, 1 hour wide at 2 and 4 days
    assert figures.median_to_triage == timedelta(hours=3, minutes=2.5) and figures.triaged_count == 3
    assert figures.median_to_publication == timedelta(days=3, minutes=30) and figures.published_count == 2


def test_backlog_per_queue(app):
    politics, health = factories.make_queue(name="Politique"), factories.make_queue(name="Santé")
    for days in (1, 2, 9):
        _claim(created=NOW - timedelta(days=days), queue=politics, status="in_review")
    _claim(created=NOW - timedelta(days=4), queue=health, status="triaged")
    _claim(created=NOW - timedelta(days=50), queue=health, status="published")  # closed: not backlog
    _claim(created=NOW - timedelta(days=6), status="new")  # unrouted
    rows = {r.queue_name: r for r in dashboard.backlog(NOW)}
    assert [r.queue_name for r in dashboard.backlog(NOW)] == ["Politique", "No queue", "Santé"]
    assert rows["Politique"].open_claims == 3 and rows["Politique"].median_age == timedelta(days=2)
    assert rows["Politique"].oldest == NOW - timedelta(days=9)
    assert rows["Santé"].open_claims == 1 and rows["No queue"].median_age == timedelta(days=6)


def test_backlog_median_of_an_even_count_is_the_mean_of_the_middle_two(app):
    queue = factories.make_queue(name="Culture")
    for days in (1, 2, 4, 30):
        _claim(created=NOW - timedelta(days=days), queue=queue, status="new")
    [row] = dashboard.backlog(NOW)
    assert row.open_claims == 4 and row.median_age == timedelta(days=3) and row.oldest == NOW - timedelta(days=30)


def test_finished_work_per_person(app):
    alice = factories.make_user(roles=["reviewer"], display_name="Alice")
    bob = factories.make_user(roles=["editor"], display_name="Bob")
    for action in ("claim.accept", "claim.dismiss", "claim.merge", "verdict.submit", "claim.assign", "comment.create"):
        _audit(alice, action, NOW - timedelta(days=1))
    for action in ("verdict.approve", "verdict.publish", "verdict.republish", "verdict.save_draft"):
        _audit(bob, action, NOW - timedelta(days=3))
    _audit(bob, "verdict.approve", NOW - timedelta(days=45))  # outside the period
    _audit(None, "claim.accept", NOW - timedelta(days=1))  # no actor: not a person's work
    rows, kinds = dashboard.work_per_person(NOW - timedelta(days=30))
    assert kinds == ["claims_triaged", "verdicts_drafted", "verdicts_approved", "verdicts_published"]
    assert [(r.actor_name, r.by_family, r.total) for r in rows] == [
        ("Alice", {"claims_triaged": 3, "verdicts_drafted": 1}, 4),
        ("Bob", {"verdicts_approved": 1, "verdicts_published": 2}, 3)]


def test_the_period_is_chosen(client, login_as):
    user = login_as("admin")
    _audit(user, "verdict.approve", datetime.now(timezone.utc) - timedelta(days=20))
    body = client.get("/admin/dashboard?days=7").get_data(as_text=True)
    assert "last 7 days" in body and "No recorded work." in body
    body = client.get("/admin/dashboard?days=90").get_data(as_text=True)
    assert "last 90 days" in body and "<th>verdicts approved</th>" in body and "No recorded work." not in body
    assert "last 30 days" in client.get("/admin/dashboard?days=12345").get_data(as_text=True)


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_see_tables_and_chart_data(client, login_as, role):
    user = login_as(role)
    queue = factories.make_queue(name="Économie <b>")
    _claim(created=datetime.now(timezone.utc) - timedelta(hours=5), queue=queue, status="triaged")
    _audit(user, "claim.accept", datetime.now(timezone.utc))
    response = client.get("/admin/dashboard")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="table-backlog"' in body and "Économie &lt;b&gt;" in body and "<polyline" in body
    assert '/static/vendor/chart.umd.min.js' in body and '/static/js/dashboard.js' in body
    assert "<script>" not in body and 'style="' not in body and " onclick=" not in body
    data = json.loads(body.split('<script type="application/json" id="dashboard-data">')[1].split("</script>")[0])
    assert data["backlog"] == [{"queue": "Économie <b>", "open": 1}]
    assert len(data["days"]) == 30 and {s["key"] for s in data["series"]} == {
        "claims_in", "triaged", "in_review", "published"}
    assert data["families"] == ["claims triaged", "verdicts drafted", "verdicts approved", "verdicts published"]
    assert data["work"][0]["counts"] == [1, 0, 0, 0]


@pytest.mark.parametrize("role", ["reviewer", "checker"])
def test_reviewers_and_checkers_get_403(client, login_as, role):
    login_as(role)
    assert client.get("/admin/dashboard").status_code == 403


def test_sparkline_and_duration_helpers():
    assert sparkline([]) == ""
    points = sparkline([0, 5, 10], width=100, height=20).split()
    assert points[0] == "0.0,19.0" and points[-1] == "100.0,1.0"
    assert sparkline([0, 0]) == "0.0,23.0 120.0,23.0"
    assert duration(None) == "—" and duration(timedelta(minutes=40)) == "40 min"
    assert duration(timedelta(hours=5, minutes=12)) == "5 h 12 min"
    assert duration(timedelta(days=3, hours=4)) == "3 d 4 h"


def test_static_assets_exist(client):
    assert client.get("/static/js/dashboard.js").status_code == 200
    assert client.get("/static/css/admin.css").status_code == 200


def test_day_expression_compiles_for_sqlite_and_postgresql():
    from sqlalchemy.dialects import postgresql, sqlite

    from factcheck.models import Claim

    expr = dashboard.utc_day(Claim.created_at)
    assert str(expr.compile(dialect=sqlite.dialect())) == "date(claims.created_at)"
    assert str(expr.compile(dialect=postgresql.dialect())) == (
        "to_char((claims.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
