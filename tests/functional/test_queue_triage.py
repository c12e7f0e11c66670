"""Triage through the test client: each role's journey, the no-JS fallback, htmx partials, stale forms,
bad input, merge and detach, bulk all-or-nothing, take next and disputes worked as a pair."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, ClaimLink
from tests import factories


def _claim(claim_id: int) -> Claim:
    db.session.expire_all()
    return db.session.get(Claim, claim_id)


def _actions(claim_id: int | None = None) -> list[str]:
    stmt = select(AuditEvent.action).order_by(AuditEvent.id)
    if claim_id is not None:
        stmt = stmt.where(AuditEvent.object_type == "claim", AuditEvent.object_id == claim_id)
    return list(db.session.scalars(stmt))


def _row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="claim-row[^"]*" id="claim-(\d+)"', html)]


def _post(client, endpoint: str, claim: Claim, back: str, htmx: bool = False, **data):
    payload = {"version_id": claim.version_id, "back": back, **data}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/queues/claims/{claim.id}/{endpoint}", data=payload, headers=headers)


@pytest.fixture()
def desk(login_as):
    """A reviewer who is a member of a queue with a few new claims in it."""
    reviewer = login_as("reviewer")
    queue = factories.make_queue(name="Politique", members=[(reviewer, "reviewer")])
    claims = [factories.make_claim(queue=queue, checkworthiness=s) for s in (0.9, 0.5, 0.2)]
    return reviewer, queue, claims


def test_reviewer_journey_without_javascript_returns_to_the_same_filtered_url(client, desk):
    reviewer, queue, (first, second, _) = desk
    back = f"/queues/{queue.id}?kind=statement&sort=newest"

    page = client.get(back)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # The row's "Actions" link opens a page with its forms, each coming back to the filtered queue.
    menu_url = re.search(rf'href="(/queues/claims/{first.id}/menu[^"]*)"', html).group(1).replace("&amp;", "&")
    menu = client.get(menu_url).get_data(as_text=True)
    assert f'action="/queues/claims/{first.id}/accept"' in menu
    assert 'name="back" value="/queues/%d?kind=statement&amp;sort=newest"' % queue.id in menu

    response = _post(client, "accept", first, back)
    assert response.status_code == 303 and response.headers["Location"].endswith(
        f"/queues/{queue.id}?kind=statement&sort=newest#claim-{first.id}")
    claim = _claim(first.id)
    assert claim.status == "triaged" and claim.queue_id == queue.id and claim.triaged_at is not None

    assert _post(client, "priority", claim, back, priority="2").status_code == 303
    claim = _claim(first.id)
    assert claim.priority == 2
    assert _post(client, "assign", claim, back, assignee="me").status_code == 303
    assert _claim(first.id).assignee_id == reviewer.id

    assert _post(client, "dismiss", second, back, reason="opinion").status_code == 303
    dismissed = _claim(second.id)
    assert dismissed.status == "dismissed" and dismissed.dismiss_reason == "opinion"
    assert _post(client, "restore", dismissed, back).status_code == 303
    restored = _claim(second.id)
    assert restored.status == "new" and restored.dismiss_reason is None

    assert _actions(first.id) == ["claim.accept", "claim.set_priority", "claim.assign"]
    assert _actions(second.id) == ["claim.dismiss", "claim.restore"]
    followed = client.get(back)
    assert "Claim #%d restored." % second.id in followed.get_data(as_text=True)


def test_htmx_request_gets_the_redrawn_row_not_a_redirect(client, desk):
    _, queue, (first, *_rest) = desk
    response = _post(client, "dismiss", first, f"/queues/{queue.id}", htmx=True, reason="not_check_worthy")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and f'id="claim-{first.id}"' in html and "dismissed" in html
    assert "queue:notice" in response.headers["HX-Trigger"]
    assert 'data-actions="restore' in html  # the redrawn row offers the next step, by keyboard and in its menu
    menu = client.get(f"/queues/claims/{first.id}/menu", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert f'action="/queues/claims/{first.id}/restore"' in menu


def test_stale_form_gets_409_and_changes_nothing(client, desk):
    _, queue, (first, *_rest) = desk
    stale_version = first.version_id
    assert _post(client, "priority", first, f"/queues/{queue.id}", priority="1").status_code == 303
    response = client.post(f"/queues/claims/{first.id}/dismiss",
                           data={"version_id": stale_version, "back": f"/queues/{queue.id}", "reason": "opinion"})
    assert response.status_code == 409
    assert "Someone else changed this claim" in response.get_data(as_text=True)
    assert _claim(first.id).status == "new"
    assert "claim.dismiss" not in _actions(first.id)


def test_unknown_claim_is_404_and_bad_input_is_refused(client, desk):
    _, queue, (first, *_rest) = desk
    back = f"/queues/{queue.id}"
    missing = client.post("/queues/claims/999999/accept", data={"version_id": 1, "back": back})
    assert missing.status_code == 404
    assert _post(client, "dismiss", first, back).status_code == 422  # no reason
    assert _post(client, "dismiss", first, back, reason="boring").status_code == 422
    assert _post(client, "merge", first, back, into_claim_id="abc").status_code == 422
    assert _post(client, "merge", first, back, into_claim_id=first.id).status_code == 422
    assert _post(client, "merge", first, back, into_claim_id=999999).status_code == 404
    assert _post(client, "priority", first, back, priority="99").status_code == 422
    assert _post(client, "assign", first, back, assignee="somebody").status_code == 422
    assert client.post(f"/queues/claims/{first.id}/accept", data={"back": back}).status_code == 422
    # The return address must stay on the queue pages (no open redirect).
    for evil in ("https://evil.example/queues/", "//evil.example/queues/", "/admin/users"):
        assert _post(client, "accept", first, evil).status_code == 400
    assert _claim(first.id).status == "new" and _actions(first.id) == []


def test_transition_not_allowed_is_409(client, desk):
    _, queue, (first, *_rest) = desk
    back = f"/queues/{queue.id}"
    assert _post(client, "dismiss", first, back, reason="opinion").status_code == 303
    response = _post(client, "accept", _claim(first.id), back)
    assert response.status_code == 409 and "cannot go from dismissed to triaged" in response.get_data(as_text=True)
    assert _post(client, "detach", _claim(first.id), back).status_code == 409


def test_checker_cannot_triage_and_sees_no_triage_buttons(client, login_as):
    checker = login_as("checker")
    queue = factories.make_queue(members=[(checker, "checker")])
    claim = factories.make_claim(queue=queue)
    html = client.get(f"/queues/{queue.id}").get_data(as_text=True)
    assert claim.text in html
    assert "/accept" not in html and "/dismiss" not in html and 'id="bulk-form"' not in html
    assert _post(client, "accept", claim, f"/queues/{queue.id}").status_code == 403
    # take next hands a checker only claims waiting for review: a new claim stays unassigned
    assert client.post(f"/queues/{queue.id}/take", data={"back": f"/queues/{queue.id}"}).status_code == 303
    assert (_claim(claim.id).status, _claim(claim.id).assignee_id) == ("new", None)


def test_reviewer_outside_the_queue_gets_403_and_no_buttons(client, login_as):
    login_as("reviewer")
    other = factories.make_queue(name="Économie")
    claim = factories.make_claim(queue=other)
    html = client.get(f"/queues/{other.id}").get_data(as_text=True)
    assert claim.text in html and f"/queues/claims/{claim.id}/accept" not in html
    response = _post(client, "accept", claim, f"/queues/{other.id}")
    assert response.status_code == 403 and "not a member" in response.get_data(as_text=True)
    assert client.post(f"/queues/{other.id}/take", data={"back": f"/queues/{other.id}"}).status_code == 403
    assert _claim(claim.id).status == "new"


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_triage_in_any_queue(client, login_as, role):
    login_as(role)
    queue = factories.make_queue()
    claim = factories.make_claim(queue=queue)
    unrouted = factories.make_claim()
    back = "/queues/?unrouted=1"
    assert _post(client, "accept", claim, back).status_code == 303
    assert _post(client, "accept", unrouted, back, queue_id=queue.id).status_code == 303
    assert _claim(claim.id).status == "triaged"
    assert _claim(unrouted.id).queue_id == queue.id
    # An unrouted claim accepted without a queue is refused with a clear message.
    third = factories.make_claim()
    response = _post(client, "accept", third, back)
    assert response.status_code == 422 and "Choose a queue" in response.get_data(as_text=True)


def test_merge_then_detach_restores_the_claim_and_keeps_the_history(client, desk):
    _, queue, (kept, duplicate, _) = desk
    back = f"/queues/{queue.id}?status=all"
    response = _post(client, "merge", duplicate, back, into_claim_id=kept.id)
    assert response.status_code == 303
    merged = _claim(duplicate.id)
    assert (merged.status, merged.canonical_claim_id) == ("merged", kept.id)  # in the kept claim's group
    assert db.session.scalar(select(ClaimLink).where(ClaimLink.source_claim_id == duplicate.id)) is None

    html = client.get(back).get_data(as_text=True)
    assert "seen in 2 articles" in html and f"duplicate of #{kept.id}" in html and "group of 2" in html

    response = _post(client, "detach", merged, back)
    assert response.status_code == 303
    detached = _claim(duplicate.id)
    assert (detached.status, detached.canonical_claim_id) == ("new", None)
    assert _actions(duplicate.id) == ["claim.merge", "claim.detach"]
    assert "seen in 2 articles" not in client.get(back).get_data(as_text=True)


def test_merge_into_a_merged_claim_is_refused(client, desk):
    _, queue, (a, b, c) = desk
    back = f"/queues/{queue.id}"
    assert _post(client, "merge", b, back, into_claim_id=a.id).status_code == 303
    response = _post(client, "merge", c, back, into_claim_id=b.id)
    assert response.status_code == 422 and "is merged" in response.get_data(as_text=True)


def _bulk(client, back, claims, action, **data):
    return client.post("/queues/bulk", data={"back": back, "action": action,
                                             "claims": [f"{c.id}:{c.version_id}" for c in claims], **data})


def test_bulk_is_all_or_nothing_and_names_the_refused_claim(client, desk):
    _, queue, claims = desk
    back = f"/queues/{queue.id}?status=all"
    assert _post(client, "dismiss", claims[2], back, reason="opinion").status_code == 303
    claims = [_claim(c.id) for c in claims]
    events_before = len(_actions())

    response = _bulk(client, back, claims, "accept")
    assert response.status_code == 409
    assert f"Claim #{claims[2].id}" in response.get_data(as_text=True)
    assert [_claim(c.id).status for c in claims] == ["new", "new", "dismissed"]
    assert len(_actions()) == events_before

    response = _bulk(client, back, claims[:2], "accept")
    assert response.status_code == 303 and response.headers["Location"].endswith(back)
    assert [_claim(c.id).status for c in claims[:2]] == ["triaged", "triaged"]
    fresh = [_claim(c.id) for c in claims[:2]]
    assert _bulk(client, back, fresh, "priority", priority="3").status_code == 303
    assert {_claim(c.id).priority for c in claims[:2]} == {3}


def test_bulk_with_a_stale_row_or_bad_input_writes_nothing(client, desk):
    _, queue, claims = desk
    back = f"/queues/{queue.id}"
    selection = [f"{c.id}:{c.version_id}" for c in claims[:2]]  # what the page showed
    assert _post(client, "priority", claims[1], back, priority="1").status_code == 303
    response = client.post("/queues/bulk", data={"back": back, "action": "dismiss", "reason": "out_of_scope",
                                                 "claims": selection})
    assert response.status_code == 409 and f"Claim #{claims[1].id}" in response.get_data(as_text=True)
    assert _claim(claims[0].id).status == "new"
    assert _bulk(client, back, [claims[0]], "dismiss").status_code == 422  # no reason
    assert client.post("/queues/bulk", data={"back": back, "action": "accept"}).status_code == 422
    assert client.post("/queues/bulk", data={"back": back, "action": "accept",
                                             "claims": ["1;drop table"]}).status_code == 422
    assert _bulk(client, back, [claims[0]], "explode").status_code == 422
    assert _claim(claims[0].id).status == "new"


def test_take_next_hands_out_by_priority_then_score_and_each_only_once(client, desk):
    reviewer, queue, (high_score, mid_score, low_score) = desk
    urgent = factories.make_claim(queue=queue, checkworthiness=0.1, priority=2)
    factories.make_claim(queue=queue, checkworthiness=0.99, status="dismissed")
    back = f"/queues/{queue.id}?kind=statement"
    taken = []
    for _ in range(4):
        response = client.post(f"/queues/{queue.id}/take", data={"back": back})
        assert response.status_code == 303
        taken.append(int(re.search(r"#claim-(\d+)$", response.headers["Location"]).group(1)))
        assert "assigned=me" in response.headers["Location"]
    assert taken == [urgent.id, high_score.id, mid_score.id, low_score.id]
    assert all(_claim(i).assignee_id == reviewer.id for i in taken)
    response = client.post(f"/queues/{queue.id}/take", data={"back": back})
    assert response.status_code == 303 and response.headers["Location"].endswith(back)
    assert "Nothing left to take" in client.get(back).get_data(as_text=True)
    assert _actions().count("claim.take") == 4


def test_dispute_is_shown_as_a_pair_and_worked_on_together(client, desk):
    reviewer, queue, _ = desk
    accusation = factories.make_claim(queue=queue, kind="accusation", text="Le gouvernement gonfle les chiffres.",
                                      claimant="l’opposition", checkworthiness=0.95)
    denial = factories.make_claim(queue=queue, kind="denial", text="Le ministère dément.",
                                  claimant="le ministère", checkworthiness=0.3)
    factories.make_link(source=denial, target=accusation, type="denies")
    back = f"/queues/{queue.id}"
    html = client.get(back).get_data(as_text=True)
    row = html.split(f'id="claim-{accusation.id}"')[1].split('class="claim-row')[0]
    assert "Denied by" in row and "Le ministère dément." in row and "1 dispute" in row
    menu = client.get(f"/queues/claims/{accusation.id}/menu?back={back}").get_data(as_text=True)
    assert "Work on the pair" in menu and f'name="partner_id" value="{denial.id}"' in menu
    # The denial's own row comes right after its accusation (not at its score's place), and only once.
    assert _row_ids(html)[:2] == [accusation.id, denial.id] and _row_ids(html).count(denial.id) == 1
    assert re.search(rf'class="claim-row status-new is-paired" id="claim-{denial.id}"', html)
    denial_row = html.split(f'id="claim-{denial.id}"')[1].split('class="claim-row')[0]
    assert "Answers the accusation" not in denial_row  # drawn right under its accusation: not named again

    response = client.post(f"/queues/claims/{accusation.id}/pair", data={
        "version_id": accusation.version_id, "partner_id": denial.id, "partner_version": denial.version_id,
        "back": back})
    assert response.status_code == 303
    assert _claim(accusation.id).assignee_id == reviewer.id and _claim(denial.id).assignee_id == reviewer.id
    assert "claim.take_pair" in _actions(accusation.id)


def test_work_on_the_pair_is_all_or_nothing(client, desk):
    _, queue, (unrelated, *_rest) = desk
    colleague = factories.make_user(roles=["reviewer"])
    accusation = factories.make_claim(queue=queue, kind="accusation")
    denial = factories.make_claim(queue=queue, kind="denial", assignee=colleague)
    factories.make_link(source=denial, target=accusation, type="denies")
    data = {"version_id": accusation.version_id, "partner_id": denial.id, "partner_version": denial.version_id,
            "back": f"/queues/{queue.id}"}
    response = client.post(f"/queues/claims/{accusation.id}/pair", data=data)
    assert response.status_code == 409 and "already assigned" in response.get_data(as_text=True)
    assert _claim(accusation.id).assignee_id is None and _claim(denial.id).assignee_id == colleague.id
    data.update(partner_id=unrelated.id, partner_version=unrelated.version_id)
    assert client.post(f"/queues/claims/{accusation.id}/pair", data=data).status_code == 422


def test_htmx_merge_redraws_both_rows(client, desk):
    _, queue, (kept, duplicate, _) = desk
    response = _post(client, "merge", duplicate, f"/queues/{queue.id}", htmx=True, into_claim_id=kept.id)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="claim-{duplicate.id}"' in html
    assert re.search(rf'id="claim-{kept.id}"[^>]*hx-swap-oob="outerHTML"', html)
    assert "seen in 2 articles" in html


def test_csrf_is_required_when_enabled(app, make_app, desk):
    _, queue, (first, *_rest) = desk
    strict = make_app(WTF_CSRF_ENABLED=True)
    with strict.test_client() as c:
        user = factories.make_user(roles=["editor"])
        page = c.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        assert c.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD,
                                           "csrf_token": token}).status_code == 302
        back = f"/queues/{queue.id}"
        assert c.post(f"/queues/claims/{first.id}/accept",
                      data={"version_id": first.version_id, "back": back}).status_code == 400
        html = c.get(back).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        response = c.post(f"/queues/claims/{first.id}/accept",
                          data={"version_id": first.version_id, "back": back, "csrf_token": token})
        assert response.status_code == 303
    assert _claim(first.id).status == "triaged"
