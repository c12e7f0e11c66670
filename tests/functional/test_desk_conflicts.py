"""Optimistic locking on the desk: a save based on a stale version is a 409 that shows what changed."""
import re

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Claim, Evidence, Verdict, VerdictRevision
from tests import factories
from tests.factories import client_for, rating


def form_version(html: str) -> int:
    return int(re.search(r'name="version_id"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version_id"', html).group(1)
               or 0)


def test_second_save_with_stale_version_is_409_with_both_versions_and_nothing_overwritten(app):
    checker, me = client_for(app, "checker", display_name="Claire")
    editor, _ = client_for(app, "editor", display_name="Eddie")
    claim = factories.make_claim(status="in_review", assignee=me)
    factories.make_verdict(claim=claim, author=me, summary="Premier jet.")
    # both open the form on the same version
    v_checker = form_version(checker.get(f"/claims/{claim.id}/verdict").get_data(as_text=True))
    v_editor = form_version(editor.get(f"/claims/{claim.id}/verdict").get_data(as_text=True))
    assert v_checker == v_editor
    r = editor.post(f"/claims/{claim.id}/verdict", data={"version_id": v_editor, "rating_id": rating("False").id,
                                                         "summary": "Version de l’éditeur.", "explanation": "E"})
    assert r.status_code == 302
    r = checker.post(f"/claims/{claim.id}/verdict", data={
        "version_id": v_checker, "rating_id": rating("Half true").id, "summary": "Version de la vérificatrice.",
        "explanation": "C"})
    assert r.status_code == 409
    body = r.get_data(as_text=True)
    assert "Someone else saved this verdict" in body
    assert "Eddie saved revision 2" in body
    assert "theirs: False; yours: Half true" in body
    assert "theirs: “Version de l’éditeur.”; yours: “Version de la vérificatrice.”" in body
    assert 'value="Version de la vérificatrice."' in body  # the person's text is kept in the form
    db.session.expire_all()
    verdict = db.session.scalar(select(Verdict).where(Verdict.claim_id == claim.id))
    assert verdict.summary == "Version de l’éditeur."  # never silently overwritten
    assert len(verdict.revisions) == 2
    # the re-rendered form carries the current version: saving again is a deliberate choice and works
    new_version = form_version(body)
    assert new_version == verdict.version_id
    r = checker.post(f"/claims/{claim.id}/verdict", data={
        "version_id": new_version, "rating_id": rating("Half true").id, "summary": "Version de la vérificatrice.",
        "explanation": "C"})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(Verdict, verdict.id).summary == "Version de la vérificatrice."


def test_new_verdict_created_meanwhile_is_a_conflict(app):
    checker, me = client_for(app, "checker")
    claim = factories.make_claim(status="in_review", assignee=me)
    assert form_version(checker.get(f"/claims/{claim.id}/verdict").get_data(as_text=True)) == 0
    factories.make_verdict(claim=claim, author=me, summary="Créé ailleurs.")
    r = checker.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, "rating_id": rating("True").id,
                                                          "summary": "Le mien."})
    assert r.status_code == 409 and "Créé ailleurs." in r.get_data(as_text=True)
    assert db.session.scalar(select(func.count(VerdictRevision.id))) == 1


def test_stale_claim_version_on_a_state_change_is_409(app):
    checker, _ = client_for(app, "checker")
    claim = factories.make_claim(status="triaged")
    stale = claim.version_id
    fresh = db.session.get(Claim, claim.id)
    fresh.priority = 3  # someone else changed the claim
    db.session.commit()
    r = checker.post(f"/claims/{claim.id}/start-review", data={"version_id": stale})
    assert r.status_code == 409
    assert "Someone else changed this claim" in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "triaged"


def test_submit_with_stale_verdict_version_is_409(app):
    checker, me = client_for(app, "checker")
    claim = factories.make_claim(status="in_review", assignee=me)
    verdict = factories.make_verdict(claim=claim, author=me)
    stale = verdict.version_id
    verdict.summary = "Changé entre-temps."
    db.session.commit()
    r = checker.post(f"/claims/{claim.id}/verdict/submit", data={"version_id": stale})
    assert r.status_code == 409 and "Changé entre-temps." in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "in_review"


def test_concurrent_evidence_edit_is_409(app):
    checker, me = client_for(app, "checker")
    claim = factories.make_claim(status="in_review", assignee=me)
    evidence = factories.make_evidence(claim=claim, stance="refutes", excerpt="Avant.")
    evidence.excerpt = "Modifié par quelqu’un d’autre."
    db.session.commit()
    r = checker.post(f"/claims/{claim.id}/evidence/{evidence.id}/edit", data={
        "stance": "supports", "excerpt": "Le mien.", "original_stance": "refutes", "original_excerpt": "Avant."})
    assert r.status_code == 409
    assert "Modifié par quelqu’un d’autre." in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Evidence, evidence.id).stance == "refutes"
