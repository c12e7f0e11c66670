"""The audit log: filters, newest-first keyset pages, escaped before/after, and the CSV export with its guard."""
import csv
import io
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent
from factcheck.services.admin import audit_log
from tests import factories


def _event(*, actor=None, action="claim.accept", object_type="claim", object_id=1, at=None, before=None,
           after=None):
    event = AuditEvent(actor_id=actor.id if actor else None, action=action, object_type=object_type,
                       object_id=object_id, before=before, after=after,
                       at=at or datetime.now(timezone.utc))
    db.session.add(event)
    db.session.commit()
    return event


def _csv(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def _ids(body, events):
    """Which of ``events`` a page shows, by their unique object id, in page order."""
    shown = [e for e in events if f"#{e.object_id}<" in body]
    return sorted(shown, key=lambda e: body.index(f"#{e.object_id}<"))


def test_filters_combine_and_the_list_is_newest_first(client, login_as):
    admin = login_as("admin")
    alice = factories.make_user(roles=["reviewer"], display_name="Alice")
    base = datetime(2026, 11, 10, 12, tzinfo=timezone.utc)
    old = _event(actor=alice, action="claim.accept", object_id=101, at=base - timedelta(days=5))
    mid = _event(actor=alice, action="claim.dismiss", object_id=102, at=base)
    new = _event(actor=alice, action="claim.accept", object_id=103, at=base + timedelta(days=1))
    other = _event(actor=admin, action="queue.create", object_type="queue", object_id=104, at=base)
    lookalike = _event(actor=alice, action="claimXaccept", object_id=105, at=base)  # "_" is no wildcard
    everything = [old, mid, new, other, lookalike]

    body = client.get("/admin/audit").get_data(as_text=True)
    # Newest first; events at the same instant come newest-written first.
    assert [e.object_id for e in _ids(body, everything)] == [103, 105, 104, 102, 101]
    cases = {
        f"actor_id={alice.id}": {101, 102, 103, 105},
        "action=claim.": {101, 102, 103},
        "action=claim_": set(),
        "object_type=queue": {104},
        "object_id=102": {102},
        "date_from=2026-11-10&date_to=2026-11-10": {102, 104, 105},
        f"actor_id={alice.id}&action=claim.accept&date_from=2026-11-01": {101, 103},
    }
    for query, expected in cases.items():
        response = client.get(f"/admin/audit?{query}")
        assert response.status_code == 200, query
        assert {e.object_id for e in _ids(response.get_data(as_text=True), everything)} == expected, query
    ordered = _ids(client.get(f"/admin/audit?actor_id={alice.id}&action=claim.").get_data(as_text=True), everything)
    assert [e.object_id for e in ordered] == [103, 102, 101]


def test_keyset_pages_cover_everything_once_even_with_equal_timestamps(app):
    at = datetime(2026, 11, 1, tzinfo=timezone.utc)
    events = [_event(object_id=i, at=at if i % 2 else at + timedelta(minutes=i)) for i in range(1, 24)]
    seen, cursor = [], None
    while True:
        page = audit_log.page(audit_log.AuditFilter(), after_id=cursor, limit=5)
        seen.extend(e.id for e in page.events)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    expected = [e.id for e in sorted(events, key=lambda e: (e.at, e.id), reverse=True)]
    assert seen == expected


def test_next_page_link_keeps_the_filter(client, login_as):
    login_as("admin")
    for i in range(audit_log.PAGE_SIZE + 3):
        _event(action="claim.accept", object_id=1000 + i)
    _event(action="queue.create", object_type="queue", object_id=9999)
    body = client.get("/admin/audit?action=claim.").get_data(as_text=True)
    assert 'rel="next"' in body
    link = body.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "action=claim." in link
    second = client.get(link).get_data(as_text=True)
    assert "#1000<" in second and "#9999<" not in second and 'rel="next"' not in second


def test_before_and_after_are_shown_escaped(client, login_as):
    login_as("admin")
    _event(action="article.submit", object_type="article", after={"title": "<script>alert(1)</script>"},
           before={"note": "<b>gras</b>"})
    body = client.get("/admin/audit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;gras&lt;/b&gt;" in body


@pytest.mark.parametrize("query", ["date_from=2026-13-01", "object_id=abc", "date_from=2026-11-10&date_to=2026-11-01",
                                   "actor_id=999999"])
def test_bad_filters_are_a_422(client, login_as, query):
    login_as("admin")
    assert client.get(f"/admin/audit?{query}").status_code == 422
    assert client.get(f"/admin/audit.csv?{query}").status_code == 422


def test_csv_export_has_the_same_filter_and_guards_against_formulas(client, login_as):
    admin = login_as("admin")
    evil = factories.make_user(roles=["checker"], display_name="=HYPERLINK(\"http://x\")", email="evil@example.org")
    _event(actor=evil, action="claim.accept", object_id=1, after={"x": 1})
    _event(actor=evil, action="-2+3", object_type="@SUM(A1)", object_id=2)
    _event(actor=admin, action="queue.create", object_type="queue", object_id=3, before={"name": "Santé"})
    response = client.get(f"/admin/audit.csv?actor_id={evil.id}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = _csv(response)
    assert rows[0] == list(audit_log.CSV_COLUMNS)
    assert len(rows) == 3  # the header and evil's two events, newest first
    second, first = rows[1], rows[2]
    assert second[5] == "'-2+3" and second[6] == "'@SUM(A1)" and second[4] == "'=HYPERLINK(\"http://x\")"
    assert first[5] == "claim.accept" and first[9] == '{"x": 1}' and first[3] == "evil@example.org"
    everything = _csv(client.get("/admin/audit.csv"))
    assert len(everything) == 4 and '{"name": "Santé"}' in everything[1]


def test_csv_streams_in_batches(app, monkeypatch):
    monkeypatch.setattr(audit_log, "CSV_BATCH", 4)
    for i in range(10):
        _event(object_id=i)
    chunks = list(audit_log.csv_chunks(audit_log.AuditFilter()))
    assert len(chunks) >= 3
    rows = list(csv.reader(io.StringIO("".join(chunks))))
    assert len(rows) == 11 and len({r[0] for r in rows[1:]}) == 10


@pytest.mark.parametrize("role", ["reviewer", "checker", "editor"])
def test_non_admins_get_403(client, login_as, role):
    login_as(role)
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403


def test_every_admin_change_is_in_the_log(client, login_as):
    admin = login_as("admin")
    client.post("/admin/queues/new", data={"name": "Climat"})
    events = list(db.session.scalars(select(AuditEvent)))
    assert [(e.action, e.actor_id) for e in events] == [("queue.create", admin.id)]
    body = client.get("/admin/audit?action=queue.").get_data(as_text=True)
    assert "queue.create" in body and "Climat" in body
