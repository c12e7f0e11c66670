"""The editor's journey: queue with diff → send back → checker resubmits → approve + publish → correct →
unpublish, with audit completeness, notifications, self-approval, permissions, 404/409/422."""
import re

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, Notification, Rating, RatingScale, Verdict, VerdictRevision
from factcheck.services.admin import settings_admin
from factcheck.services.notifications import fan_out
from tests import factories
from tests.factories import client_for, rating


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def snapshot():
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (AuditEvent, VerdictRevision, Verdict)}


def proposed_verdict(app, checker_client, checker_user, summary="Les chiffres sont gonflés."):
    """A claim the checker reviewed, drafted and submitted through the web."""
    return factories.submitted_verdict(checker_client, checker_user, summary=summary)


@pytest.fixture()
def people(app):
    checker = client_for(app, "checker", display_name="Claire")
    editor = client_for(app, "editor", display_name="Eddie")
    return checker, editor


def test_editor_journey_with_audit_completeness(app, people):
    (checker, claire), (editor, eddie) = people
    verdict = proposed_verdict(app, checker, claire)
    older = proposed_verdict(app, checker, claire, summary="Un autre verdict, plus ancien ? Non, plus récent.")
    claim_id = verdict.claim_id

    page = editor.get("/editorial/").get_data(as_text=True)
    assert page.index(f'id="verdict-{verdict.id}"') < page.index(f'id="verdict-{older.id}"')  # oldest first
    assert "<ins>Les chiffres sont gonflés.</ins>" in page and "first submission" in page

    # send back with a note
    r = editor.post(f"/editorial/verdicts/{verdict.id}/send-back", data={"version_id": verdict.version_id,
                                                                         "note": "Citez la source <b>exacte</b>."})
    assert r.status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert (verdict.status, verdict.claim.status) == ("draft", "sent_back")
    assert (verdict.revisions[-1].kind, verdict.revisions[-1].note) == ("sent_back", "Citez la source <b>exacte</b>.")
    page = checker.get(f"/claims/{claim_id}/verdict").get_data(as_text=True)
    assert "Citez la source &lt;b&gt;exacte&lt;/b&gt;." in page

    # the checker resubmits with a changed summary; the editor sees the word diff
    assert checker.post(f"/claims/{claim_id}/verdict", data={
        "version_id": verdict.version_id, "rating_id": rating("Mostly false").id,
        "summary": "Les chiffres sont exagérés selon l’Insee.",
        "explanation": "Selon l’Insee, 300 postes."}).status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert checker.post(f"/claims/{claim_id}/verdict/submit",
                        data={"version_id": verdict.version_id}).status_code == 302
    page = editor.get("/editorial/").get_data(as_text=True)
    assert "<del>gonflés.</del><ins>exagérés selon l’Insee.</ins>" in page
    assert "<del>False</del><ins>Mostly false</ins>" in page
    detail = editor.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
    assert "Changes since revision" in detail and "<del>gonflés.</del>" in detail

    # approve and publish
    verdict = fresh(Verdict, verdict.id)
    r = editor.post(f"/editorial/verdicts/{verdict.id}/approve", data={"version_id": verdict.version_id,
                                                                       "publish": "y"})
    assert r.status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert (verdict.status, verdict.claim.status, verdict.editor_id) == ("published", "published", eddie.id)
    assert verdict.public_slug == f"{claim_id}-les-chiffres-sont-exageres-selon-l-insee"
    assert verdict.published_at is not None

    # correct (twice: published → corrected → corrected)
    r = editor.post(f"/editorial/verdicts/{verdict.id}/correct", data={
        "version_id": verdict.version_id, "rating_id": rating("False").id,
        "summary": "Les chiffres sont faux.", "explanation": "Rectifié.", "note": "Nous avions mal lu le tableau."})
    assert r.status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert (verdict.claim.status, verdict.status) == ("corrected", "published")
    assert verdict.correction_note == "Nous avions mal lu le tableau." and verdict.corrected_at is not None
    last = verdict.revisions[-1]
    assert (last.kind, last.rating_label, last.note) == ("correction", "False", "Nous avions mal lu le tableau.")
    r = editor.post(f"/editorial/verdicts/{verdict.id}/correct", data={
        "version_id": verdict.version_id, "rating_id": rating("False").id,
        "summary": "Les chiffres sont faux.", "explanation": "Rectifié deux fois.", "note": "Coquille."})
    assert r.status_code == 302
    assert "Correction: Coquille." in editor.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)

    # unpublish with a reason
    verdict = fresh(Verdict, verdict.id)
    r = editor.post(f"/editorial/verdicts/{verdict.id}/unpublish", data={"version_id": verdict.version_id,
                                                                         "reason": "Plainte en cours."})
    assert r.status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert (verdict.status, verdict.claim.status) == ("unpublished", "unpublished")
    assert verdict.unpublish_reason == "Plainte en cours." and verdict.unpublished_at is not None

    # audit completeness: each state change of the claim has exactly one event, and they chain
    events = list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "claim", AuditEvent.object_id == claim_id).order_by(AuditEvent.id)))
    assert [e.action for e in events] == [
        "verdict.submit", "verdict.send_back", "verdict.submit", "verdict.approve", "verdict.publish",
        "verdict.correct", "verdict.correct", "verdict.unpublish"]
    chain = [(e.before["status"], e.after["status"]) for e in events]
    assert chain == [("in_review", "verdict_proposed"), ("verdict_proposed", "sent_back"),
                     ("sent_back", "verdict_proposed"), ("verdict_proposed", "approved"),
                     ("approved", "published"), ("published", "corrected"), ("corrected", "corrected"),
                     ("corrected", "unpublished")]
    assert all(e.actor_id == (claire.id if e.action == "verdict.submit" else eddie.id) for e in events)

    # the checker was told of every editorial decision, once each (services/notifications)
    notes = list(db.session.scalars(select(Notification).where(Notification.claim_id == claim_id)
                                    .order_by(Notification.id)))
    assert [n.kind for n in notes] == ["sent_back", "approved", "published", "verdict_changed", "verdict_changed",
                                       "verdict_changed"]
    assert {n.user_id for n in notes} == {claire.id} and {n.actor_id for n in notes} == {eddie.id}
    assert fan_out.notify_for_event(notes[0].event_id) == []  # idempotent


def test_editor_edits_directly_and_bad_inputs_write_nothing(app, people):
    (checker, claire), (editor, _) = people
    verdict = proposed_verdict(app, checker, claire)
    before = snapshot()
    long_summary = "x" * 281
    r = editor.post(f"/editorial/verdicts/{verdict.id}/edit", data={
        "version_id": verdict.version_id, "rating_id": rating("True").id, "summary": long_summary,
        "explanation": "e"})
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert "281 characters" in body and long_summary in body
    other = RatingScale(name="Ancienne échelle", ratings=[Rating(label="Intox", value=1)])
    db.session.add(other)
    db.session.commit()
    before = snapshot()
    r = editor.post(f"/editorial/verdicts/{verdict.id}/edit", data={
        "version_id": verdict.version_id, "rating_id": other.ratings[0].id, "summary": "Ok.", "explanation": ""})
    assert r.status_code == 422 and "not on the active scale" in r.get_data(as_text=True)
    assert snapshot() == before
    r = editor.post(f"/editorial/verdicts/{verdict.id}/edit", data={
        "version_id": verdict.version_id, "rating_id": rating("Misleading").id, "summary": "Trompeur.",
        "explanation": "Raccourci."})
    assert r.status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert (verdict.revisions[-1].kind, verdict.revisions[-1].rating_label) == ("edit", "Misleading")
    # a stale edit is a 409 naming the change, and keeps the editor's text
    r = editor.post(f"/editorial/verdicts/{verdict.id}/edit", data={
        "version_id": verdict.version_id - 1, "rating_id": rating("True").id, "summary": "Vrai finalement.",
        "explanation": ""})
    assert r.status_code == 409
    body = r.get_data(as_text=True)
    assert "theirs: “Trompeur.”; yours: “Vrai finalement.”" in body and 'value="Vrai finalement."' in body
    assert fresh(Verdict, verdict.id).summary == "Trompeur."


def test_self_approval_is_refused_and_hidden_unless_allowed(app):
    author, me = client_for(app, "editor")
    admin = factories.make_user(roles=["admin"])
    verdict = proposed_verdict(app, author, me)
    page = author.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
    assert "another editor has to approve it" in page
    assert f"/editorial/verdicts/{verdict.id}/approve" not in page
    before = snapshot()
    r = author.post(f"/editorial/verdicts/{verdict.id}/approve", data={"version_id": verdict.version_id,
                                                                       "publish": "y"})
    assert r.status_code == 403 and "another editor has to approve it" in r.get_data(as_text=True)
    assert snapshot() == before
    assert fresh(Claim, verdict.claim_id).status == "verdict_proposed"
    settings_admin.set_setting(admin, "allow_self_approval", True)
    verdict = fresh(Verdict, verdict.id)
    assert f"/editorial/verdicts/{verdict.id}/approve" in author.get(
        f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
    r = author.post(f"/editorial/verdicts/{verdict.id}/approve", data={"version_id": verdict.version_id})
    assert r.status_code == 302
    assert fresh(Verdict, verdict.id).status == "approved"  # approved, not published (checkbox unticked)
    r = author.post(f"/editorial/verdicts/{verdict.id}/publish", data={"version_id": fresh(Verdict, verdict.id)
                                                                       .version_id})
    assert r.status_code == 302 and fresh(Verdict, verdict.id).status == "published"


def test_reviewers_and_checkers_cannot_publish(app, people):
    (checker, claire), _ = people
    reviewer, _ = client_for(app, "reviewer")
    verdict = proposed_verdict(app, checker, claire)
    for client in (reviewer, checker):
        assert client.get("/editorial/").status_code == 403
        for action in ("approve", "publish", "send-back", "unpublish", "correct", "edit"):
            r = client.post(f"/editorial/verdicts/{verdict.id}/{action}", data={"version_id": verdict.version_id,
                                                                                "publish": "y", "note": "n"})
            assert r.status_code == 403, action
    assert fresh(Verdict, verdict.id).status == "proposed"
    page = checker.get(f"/claims/{verdict.claim_id}").get_data(as_text=True)
    assert "Editorial view" not in page


def test_unknown_verdict_404_and_wrong_state_409(app, people):
    (checker, claire), (editor, _) = people
    assert editor.get("/editorial/verdicts/999999").status_code == 404
    assert editor.post("/editorial/verdicts/999999/approve", data={"version_id": 1}).status_code == 404
    claim = factories.make_claim(status="in_review", assignee=claire)
    draft = factories.make_verdict(claim=claim, author=claire)
    before = snapshot()
    r = editor.post(f"/editorial/verdicts/{draft.id}/approve", data={"version_id": draft.version_id,
                                                                     "publish": "y"})
    assert r.status_code == 409 and "cannot go from in_review to approved" in r.get_data(as_text=True)
    r = editor.post(f"/editorial/verdicts/{draft.id}/unpublish", data={"version_id": draft.version_id,
                                                                       "reason": "x"})
    assert r.status_code == 409
    r = editor.post(f"/editorial/verdicts/{draft.id}/correct", data={
        "version_id": draft.version_id, "rating_id": rating("True").id, "summary": "x", "note": "y"})
    assert r.status_code == 409
    assert snapshot() == before
    # missing note / reason: 422, nothing written
    verdict = proposed_verdict(app, checker, claire)
    before = snapshot()
    assert editor.post(f"/editorial/verdicts/{verdict.id}/send-back",
                       data={"version_id": verdict.version_id, "note": " "}).status_code == 422
    assert snapshot() == before


def test_queue_page_escapes_and_verdict_page_renders_markdown_safely(app, people):
    (checker, claire), (editor, _) = people
    verdict = factories.submitted_verdict(checker, claire, summary="<img src=x onerror=alert(1)>",
                                          explanation="[x](javascript:alert(1)) **ok** <script>alert(2)</script>")
    for url in ("/editorial/", f"/editorial/verdicts/{verdict.id}"):
        body = editor.get(url).get_data(as_text=True)
        assert "<img src=x" not in body and "<script>alert" not in body
        assert not re.search(r'href="javascript:', body)
    assert "<strong>ok</strong>" in editor.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
