"""The desk's hot reads keep flat plans on PostgreSQL, with the planner's real statistics.

The database is seeded the way a desk fills up (``tests/scale_seed.py``: 12 000 claims over 600 days, 70 %
still open, eight queues, links, verdicts and audit rows), VACUUM ANALYZEd, and nothing about the planner is
switched off. Every SELECT that take-next, the queue pages (one queue, every filter and sort, a deep cursor page,
all queues, unrouted, closed statuses), the queue counts and the dashboard run is captured and EXPLAINed: none may
read ``claims``, ``claim_links`` or ``audit_events`` sequentially, none may sort more rows than a page holds, and
the claims are reached through an index.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from factcheck.extensions import db
from factcheck.models import RatingScale, User
from factcheck.services.admin import dashboard
from factcheck.services.claims import triage
from factcheck.services.queues import queue_filters, queue_listing
from tests import factories, scale_seed, sql_capture

# A small desk with a long history: the same share of claims per queue and of audit rows per dashboard window as
# a million claims over eight years (fewer claims a day), and links enough that reading them all costs what it
# does at a million claims (a table of a few pages is cheaper to read whole than through its index).
VOLUME = scale_seed.Volume(articles=600, claims=12_000, links=10_000, audit_events=12_000, claims_per_day=20)
BIG_TABLES = ("claims", "claim_links", "audit_events")
PAGE_MAX = queue_filters.PER_PAGE_RANGE[1] + 1


def _selects():
    """The SELECT statements run inside the block, with their parameters."""
    return sql_capture.statements(lambda s: s.lstrip().upper().startswith("SELECT"))


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _explain(statement: str, parameters) -> list[dict]:
    raw = db.session.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
    return list(_nodes((json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]))


def _problems(statement: str, parameters) -> list[str]:
    found = []
    for node in _explain(statement, parameters):
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in BIG_TABLES:
            found.append(f"sequential scan of {node['Relation Name']}")
        reads_big_table = any(n.get("Relation Name") in BIG_TABLES for n in _nodes(node))
        if node["Node Type"] in ("Sort", "Incremental Sort") and node["Plan Rows"] > PAGE_MAX and reads_big_table:
            found.append(f"sort of {node['Plan Rows']} rows")
    return found


def _assert_flat(seen, context=None) -> None:
    for statement, parameters in seen:
        problems = _problems(statement, parameters)
        assert not problems, f"{context or ''}: {problems} in\n{statement[:600]}"


def _claims_by_index(statement: str, parameters) -> bool:
    return any(n["Node Type"] in ("Index Scan", "Index Only Scan", "Bitmap Index Scan")
               and (n.get("Relation Name") == "claims" or n.get("Index Name", "").startswith("ix_claims"))
               for n in _explain(statement, parameters))


@pytest.fixture()
def desk(app, postgres_url):
    admin = factories.make_user(roles=("admin",))
    people = [factories.make_user(roles=("checker", "reviewer")) for _ in range(12)]
    reviewer = factories.make_user(roles=("reviewer",))  # a member of one queue only
    checker = factories.make_user(roles=("checker",))  # takes only claims waiting for review
    members = {0: [(checker, "checker")], 3: [(reviewer, "reviewer")]}
    queues = [factories.make_queue(name=f"Rubrique {n}", members=members.get(n, [])) for n in range(8)]
    factories.make_queue(name="Archive vide")
    scale = db.session.query(RatingScale).first()
    scale_seed.seed(db.session, VOLUME, queue_ids=[q.id for q in queues], user_ids=[p.id for p in people],
                    scale_id=scale.id, rating_id=scale.ratings[0].id)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE claims, claim_links, audit_events, articles, verdicts, desk_daily, "
                                "claim_open_months"))
    return admin, db.session.get(User, reviewer.id), db.session.get(User, checker.id), queues


PAGES = [{}, {"unrouted": "1"}, {"unrouted": "1", "sort": "oldest"}, {"sort": "newest"}, {"sort": "oldest"},
         {"status": "new"}, {"status": "dismissed"}, {"status": "all"},
         {"kind": "accusation", "language": "fr"}, {"assigned": "unassigned", "min_score": "0.4"},
         {"outlet": "Outlet 1"}, {"disputed": "1"}, {"claimant": "Porte-parole 42"},
         {"sort": "newest", "after": "1:1"}, {"after": "0.5:20000"}, {"from": "2020-01-01", "to": "2100-01-01"},
         {"sort": "disputed"}, {"sort": "disputed", "status": "triaged"}, {"sort": "disputed", "after": "1:20000"}]


def test_take_next_queue_pages_counts_and_dashboard_plans(desk):
    admin, reviewer, checker, queues = desk
    busiest = queues[0]
    for taker, index in ((admin, "ix_claims_takeable"), (checker, "ix_claims_reviewable")):
        with sql_capture.statements() as seen:  # the take is one statement: WITH … UPDATE … SKIP LOCKED … INSERT
            assert triage.take_next(taker, busiest.id) is not None
        (take,) = [s for s in seen if "FOR UPDATE" in s[0]]
        assert any(n.get("Index Name") == index for n in _explain(*take)), (index, take)
        _assert_flat(seen, f"take next for {taker.display_name}")

    cases = [(args, admin, busiest.id) for args in PAGES] + [
        (args, user, None) for args in ({}, {"sort": "newest"}, {"status": "new"}, {"sort": "disputed"})
        for user in (admin, reviewer)]
    for args, user, queue_id in cases:  # one queue, then "all my queues" for an editor and for a member of one
        filters = queue_filters.parse_filters(args)
        assert not filters.ignored, filters.ignored
        with _selects() as seen:
            page = queue_listing.list_page(user, filters, queue_id=queue_id)
        assert page.rows or args.get("after") or args.get("claimant"), args
        page_statement = next(s for s in seen if "FROM claims" in s[0] and "sort_key" in s[0])
        assert _claims_by_index(*page_statement), (args, page_statement[0])
        _assert_flat(seen, f"{args} for {user.display_name}")

    with _selects() as seen:
        queue_listing.queue_summaries(admin)
    _assert_flat(seen, "queue counts")


def test_dashboard_reads_its_rollups_and_index_ranges(desk):
    """The dashboard touches no claim beyond the oldest and middle ones of each queue, found in the open claims'
    date index, and reads its daily histograms by their key (600 days of them here)."""
    with _selects() as seen:
        figures = dashboard.build()
    assert figures.backlog and sum(r.open_claims for r in figures.backlog) > VOLUME.claims // 2
    assert figures.median_to_triage and figures.triaged_count
    _assert_flat(seen, "dashboard")
    for statement, parameters in seen:
        plan = _explain(statement, parameters)
        assert not [n for n in plan if n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "desk_daily"], \
            statement[:600]
        if "FROM claims" in statement:
            claim_scans = [n for n in plan if n.get("Relation Name") == "claims"]
            assert claim_scans and all(n.get("Index Name") == "ix_claims_open_created" for n in claim_scans), \
                [(n["Node Type"], n.get("Index Name")) for n in claim_scans]
            # a month of each queue at most, not half of its open claims (what an OFFSET to the median read)
            raw = db.session.connection().exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement,
                                                          parameters).scalar()
            read = sum(n["Actual Rows"] * n["Actual Loops"] for n in _nodes(raw[0]["Plan"])
                       if n.get("Relation Name") == "claims")
            assert read < sum(r.open_claims for r in figures.backlog) // 10, read

