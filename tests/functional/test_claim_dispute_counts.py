"""Each claim's dispute count stays exact, and "most disputed" pages read it in every view of the queue.

The database keeps ``claims.disputes`` (triggers on ``claim_links``, migration 0016), so the test writes links
through the ORM, bulk UPDATE and DELETE statements and a rolled-back transaction, on whichever engine the suite
runs, and compares the counts with a count over the links after each step; then it pages through "most disputed"
with a status chosen and over every queue, and checks the order against the links.
"""
from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, select, update

from factcheck.extensions import db
from factcheck.models import Claim, ClaimLink
from factcheck.services.queues import queue_filters, queue_listing
from factcheck.services.queues.queue_filters import DISPUTE_TYPES
from tests import factories


def _actual() -> Counter:
    ends: Counter = Counter()
    for source, target in db.session.execute(select(ClaimLink.source_claim_id, ClaimLink.target_claim_id)
                                             .where(ClaimLink.type.in_(DISPUTE_TYPES))):
        ends[source] += 1
        ends[target] += 1
    claims = set(db.session.scalars(select(Claim.id)))
    return Counter({claim_id: n for claim_id, n in ends.items() if claim_id in claims})


def _assert_exact() -> None:
    db.session.expire_all()
    assert Counter(dict(db.session.execute(select(Claim.id, Claim.disputes).where(Claim.disputes != 0))
                        .tuples().all())) == _actual()


def test_counts_follow_link_inserts_changes_bulk_statements_deletes_and_rollbacks(app):
    claims = [factories.make_claim() for _ in range(6)]
    a, b, c, d, e, f = claims
    denial = factories.make_link(source=a, target=b, type="denies")
    factories.make_link(source=c, target=b, type="contradicts")
    support = factories.make_link(source=d, target=b, type="supports")  # not a dispute
    _assert_exact()
    assert db.session.get(Claim, b.id).disputes == 2

    support.type = "contradicts"  # becomes one
    denial.target_claim_id = e.id  # moves to another claim
    db.session.commit()
    _assert_exact()

    db.session.execute(update(ClaimLink).where(ClaimLink.source_claim_id == c.id).values(target_claim_id=f.id))
    db.session.add_all([ClaimLink(source_claim_id=f.id, target_claim_id=x.id, type="denies") for x in (a, b, c)])
    db.session.commit()
    _assert_exact()

    db.session.execute(delete(ClaimLink))
    db.session.rollback()  # the counts roll back with the links
    _assert_exact()

    db.session.execute(delete(ClaimLink).where(ClaimLink.type == "contradicts"))
    db.session.execute(delete(Claim).where(Claim.id == a.id))  # its links go with it (PostgreSQL)
    db.session.commit()
    _assert_exact()


def _page_ids(user, args: dict, queue_id: int | None) -> list[int]:
    """Every claim of every page of a listing, following the cursors."""
    ids, after = [], None
    while True:
        filters = queue_filters.parse_filters({**args, "per": "10", **({"after": after} if after else {})})
        page = queue_listing.list_page(user, filters, queue_id=queue_id)
        ids += [row.claim_id for row in page.rows]
        if not page.next_cursor:
            return ids
        after = page.next_cursor


def test_most_disputed_pages_with_chosen_statuses_and_over_every_queue(app):
    editor = factories.make_user(roles=("editor",))
    politics, health = factories.make_queue(name="Politique"), factories.make_queue(name="Santé")
    claims = [factories.make_claim(queue=[politics, health][n % 2], status=["new", "triaged", "dismissed"][n % 3])
              for n in range(24)]
    for n, claim in enumerate(claims[:12]):
        for _ in range(n % 4):
            factories.make_link(source=factories.make_claim(kind="denial", status="dismissed"), target=claim,
                                type="denies" if n % 2 else "contradicts")
    disputes = _actual()

    def expected(chosen) -> list[int]:
        return [c.id for c in sorted(chosen, key=lambda c: (-disputes[c.id], -c.id))]

    assert _page_ids(editor, {"sort": "disputed"}, politics.id) == expected(
        [c for c in claims if c.queue_id == politics.id and c.status != "dismissed"])
    assert _page_ids(editor, {"sort": "disputed", "status": "triaged"}, health.id) == expected(
        [c for c in claims if c.queue_id == health.id and c.status == "triaged"])
    assert _page_ids(editor, {"sort": "disputed", "status": "all"}, None) == expected(
        [c for c in claims if c.queue_id is not None])
