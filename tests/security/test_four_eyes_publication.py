"""Probe failure 1: no text is published that only its writer approved.

The approver differs from whoever wrote the approved text, an edit after approval needs a fresh approval, and
publishing checks both (issue 13).
"""
import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, Verdict
from factcheck.services.core.errors import Conflict, PermissionDenied
from factcheck.services.verdicts import editorial
from factcheck.services.verdicts.verdicts import add_revision
from tests import factories
from tests.factories import client_for, rating


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def submitted_by_checker(app):
    """A verdict a checker drafted and submitted through the web; returns it with the checker's user."""
    checker, claire = client_for(app, "checker")
    return factories.submitted_verdict(checker, claire), claire


def edit(client, verdict, summary):
    return client.post(f"/editorial/verdicts/{verdict.id}/edit", data={
        "version_id": verdict.version_id, "rating_id": rating("True").id, "summary": summary,
        "explanation": "Réécrit par l’éditeur."})


def test_an_edit_after_approval_cannot_be_published_by_the_editor_who_made_it(app):
    verdict, _ = submitted_by_checker(app)
    alice_client, _alice = client_for(app, "editor")
    bob_client, _bob = client_for(app, "editor")
    assert alice_client.post(f"/editorial/verdicts/{verdict.id}/approve",
                             data={"version_id": verdict.version_id}).status_code == 302
    verdict = fresh(Verdict, verdict.id)
    page = bob_client.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
    assert 'id="edit-needs-approval"' in page  # the edit form says it withdraws the approval
    assert edit(bob_client, verdict, "Bob’s own words, never approved.").status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert (verdict.status, verdict.claim.status) == ("proposed", "verdict_proposed")  # a fresh approval is due
    page = alice_client.get("/editorial/").get_data(as_text=True)
    assert "changes since revision 3 (approved)" in page  # the next approver sees what changed since approval

    refused = bob_client.post(f"/editorial/verdicts/{verdict.id}/publish", data={"version_id": verdict.version_id})
    assert refused.status_code == 409
    refused = bob_client.post(f"/editorial/verdicts/{verdict.id}/approve",
                              data={"version_id": verdict.version_id, "publish": "y"})
    assert refused.status_code == 403 and "another editor has to approve it" in refused.get_data(as_text=True)
    assert fresh(Verdict, verdict.id).published_at is None

    # the other editor approves Bob's words; then they may be published
    verdict = fresh(Verdict, verdict.id)
    assert alice_client.post(f"/editorial/verdicts/{verdict.id}/approve",
                             data={"version_id": verdict.version_id, "publish": "y"}).status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert verdict.status == "published" and verdict.summary == "Bob’s own words, never approved."
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "claim", AuditEvent.object_id == verdict.claim_id).order_by(AuditEvent.id))]
    assert actions == ["verdict.submit", "verdict.approve", "verdict.edit_after_approval", "verdict.approve",
                       "verdict.publish"]


def test_an_editor_who_rewrote_a_checkers_draft_cannot_approve_it(app):
    verdict, claire = submitted_by_checker(app)
    bob_client, _ = client_for(app, "editor")
    assert edit(bob_client, verdict, "Rewritten by Bob.").status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert verdict.author_id == claire.id  # the first drafter stays the recorded author …
    page = bob_client.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
    assert f"/editorial/verdicts/{verdict.id}/approve" not in page  # … but Bob is offered no approval
    refused = bob_client.post(f"/editorial/verdicts/{verdict.id}/approve",
                              data={"version_id": verdict.version_id, "publish": "y"})
    assert refused.status_code == 403
    assert fresh(Claim, verdict.claim_id).status == "verdict_proposed"


def test_a_save_that_changes_nothing_does_not_make_the_editor_the_writer(app):
    verdict, _ = submitted_by_checker(app)
    bob_client, _ = client_for(app, "editor")
    assert bob_client.post(f"/editorial/verdicts/{verdict.id}/edit", data={
        "version_id": verdict.version_id, "rating_id": verdict.rating_id, "summary": verdict.summary,
        "explanation": verdict.explanation_md}).status_code == 302
    verdict = fresh(Verdict, verdict.id)
    assert bob_client.post(f"/editorial/verdicts/{verdict.id}/approve",
                           data={"version_id": verdict.version_id}).status_code == 302


def test_publishing_refuses_an_approved_verdict_whose_text_nobody_approved(app):
    """An ``approved`` verdict without an approval of its current text (changed behind the service's back)."""
    editor = factories.make_user(roles=["editor"])
    checker = factories.make_user(roles=["checker"])
    claim = factories.make_claim(status="approved")
    verdict = factories.make_verdict(claim=claim, author=checker, status="approved")
    with pytest.raises(Conflict, match="approve the new text"):
        editorial.publish(editor, verdict.id, expected_version=verdict.version_id)
    db.session.rollback()
    assert fresh(Verdict, verdict.id).published_at is None


def test_publishing_refuses_a_text_its_own_writer_approved(app):
    """An approval snapshot by the text's writer (self-approval switched off) does not clear it for publication."""
    writer = factories.make_user(roles=["editor"])
    publisher = factories.make_user(roles=["editor"])
    verdict = factories.make_verdict(claim=factories.make_claim(status="approved"), author=writer, status="approved")
    add_revision(verdict, writer, "approved")
    db.session.commit()
    with pytest.raises(PermissionDenied, match="approved by its own author"):
        editorial.publish(publisher, verdict.id, expected_version=verdict.version_id)
    db.session.rollback()
    assert fresh(Verdict, verdict.id).published_at is None
