"""Reviewers and checkers correct claims: edit, denial links, split and merge, each a revision with its audit row;
stale forms get a readable 409; the inline htmx form and its plain fallback."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, ClaimLink, ClaimRevision
from factcheck.services.claims import corrections
from tests import factories
from tests.factories import client_for

HTMX = {"HX-Request": "true"}


def fresh(claim_id: int) -> Claim:
    db.session.expire_all()
    return db.session.get(Claim, claim_id)


def revisions(claim_id: int) -> list[ClaimRevision]:
    return list(db.session.scalars(select(ClaimRevision).where(ClaimRevision.claim_id == claim_id)
                                   .order_by(ClaimRevision.number)))


def audit(action: str, claim_id: int) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == action, AuditEvent.object_type == "claim", AuditEvent.object_id == claim_id)))


def edit_data(claim: Claim, **changes) -> dict:
    seen = {"text": claim.text, "kind": claim.kind, "claimant": claim.claimant or "", "target": claim.target or ""}
    return {"version_id": claim.version_id, **seen, **{f"seen_{k}": v for k, v in seen.items()}, **changes}


@pytest.fixture()
def checker(app):
    return client_for(app, "checker", display_name="Claire Checker")


@pytest.fixture()
def article_claims(app):
    """Two claims of one article: an accusation in review and a triaged statement."""
    article = factories.make_article()
    accusation = factories.make_claim(article=article, status="in_review", kind="accusation",
                                      text="L’opposition accuse le gouvernement de gonfler les chiffres.",
                                      claimant="l’opposition")
    statement = factories.make_claim(article=article, status="triaged", text="Le ministère dément.",
                                     claimant="le ministère")
    return accusation, statement


def test_edit_writes_a_revision_keeps_the_original_and_audits(app, checker):
    client, me = checker
    claim = factories.make_claim(status="in_review", text="1 200 postes seront créés d’ici 2027.",
                                 claimant="le ministère")
    version = claim.version_id
    response = client.post(f"/claims/{claim.id}/edit", data=edit_data(
        claim, text="1 200 postes de fonctionnaires seront créés d’ici 2028.", kind="prediction",
        claimant="la ministre du Travail"))
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/claims/{claim.id}#claim")
    edited = fresh(claim.id)
    assert (edited.text, edited.kind, edited.claimant) == (
        "1 200 postes de fonctionnaires seront créés d’ici 2028.", "prediction", "la ministre du Travail")
    assert edited.revised_at is not None and edited.version_id > version

    original, edit = revisions(claim.id)
    assert (original.number, original.action, original.actor_id) == (0, "extracted", None)
    assert original.after == {"text": "1 200 postes seront créés d’ici 2027.", "kind": "statement",
                              "claimant": "le ministère", "claimant_type": None, "target": None}
    assert (edit.number, edit.action, edit.actor_id) == (1, "edit", me.id)
    assert edit.before == {"text": "1 200 postes seront créés d’ici 2027.", "kind": "statement",
                           "claimant": "le ministère"}
    assert edit.after == {"text": "1 200 postes de fonctionnaires seront créés d’ici 2028.", "kind": "prediction",
                          "claimant": "la ministre du Travail"}
    (event,) = audit("claim.edit", claim.id)
    assert (event.actor_id, event.before, event.after) == (me.id, edit.before, edit.after)

    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Extracted as: <q>1 200 postes seront créés d’ici 2027.</q>" in page
    assert "1 200 postes<ins> de fonctionnaires</ins> seront créés d’ici <del>2027.</del><ins>2028.</ins>" in page
    assert "<del>statement</del> → <ins>prediction</ins>" in page and "Claire Checker" in page


def test_an_unchanged_form_writes_nothing(app, checker):
    client, _ = checker
    claim = factories.make_claim(status="in_review")
    response = client.post(f"/claims/{claim.id}/edit", data=edit_data(claim), follow_redirects=True)
    assert "Nothing changed." in response.get_data(as_text=True)
    version = claim.version_id
    assert revisions(claim.id) == [] and fresh(claim.id).version_id == version


def test_a_stale_edit_is_a_readable_409_and_overwrites_nothing(app, checker):
    client, _ = checker
    colleague = factories.make_user(roles=["reviewer"], display_name="Rémi Reviewer")
    claim = factories.make_claim(status="triaged", text="Le chômage a baissé de 2 %.")
    stale = edit_data(claim, text="Le chômage a baissé de 2 % en un an.")
    corrections.edit_claim(colleague, claim.id, text="Le chômage a baissé de 2 points.", kind="statement",
                           claimant=claim.claimant, target=None, expected_version=claim.version_id)
    response = client.post(f"/claims/{claim.id}/edit", data=stale)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "Someone else changed this claim after you opened it" in body
    assert ("Text is now “Le chômage a baissé de 2 points.” (you saw “Le chômage a baissé de 2 %.”; "
            "yours: “Le chômage a baissé de 2 % en un an.”)") in body
    assert "last correction: edited by Rémi Reviewer" in body
    assert "Le chômage a baissé de 2 % en un an.</textarea>" in body  # the person's text stays in the form
    assert fresh(claim.id).text == "Le chômage a baissé de 2 points."
    assert [r.action for r in revisions(claim.id)] == ["extracted", "edit"]
    # the redrawn form carries the current version: saving again is a deliberate choice, and it works
    version = int(re.search(r'name="version_id"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version_id"',
                            body).group(1) or 0)
    assert version == fresh(claim.id).version_id
    again = client.post(f"/claims/{claim.id}/edit", data={**stale, "version_id": version,
                                                          "seen_text": "Le chômage a baissé de 2 points."})
    assert again.status_code == 303 and fresh(claim.id).text == "Le chômage a baissé de 2 % en un an."


def test_the_inline_form_with_htmx_and_its_plain_fallback(app, checker):
    client, _ = checker
    claim = factories.make_claim(status="in_review")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert re.search(r'<a class="btn" id="edit-claim" href="/claims/\d+/edit"\s+hx-get="/claims/\d+/edit" '
                     r'hx-target="#claim-body"', page)
    assert "vendor/htmx.min.js" in page
    fragment = client.get(f"/claims/{claim.id}/edit", headers=HTMX).get_data(as_text=True)
    assert "<html" not in fragment and 'hx-post="/claims/' in fragment and 'name="kind"' in fragment
    full = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert "<html" in full and f'action="/claims/{claim.id}/edit"' in full

    stale_data = edit_data(claim, claimant="quelqu’un")
    saved = client.post(f"/claims/{claim.id}/edit", data=edit_data(claim, claimant="le Premier ministre"),
                        headers=HTMX)
    assert saved.status_code == 204 and saved.headers["HX-Refresh"] == "true"
    stale = client.post(f"/claims/{claim.id}/edit", data=stale_data, headers=HTMX)
    assert stale.status_code == 409 and "<html" not in stale.get_data(as_text=True)
    invalid = client.post(f"/claims/{claim.id}/edit", data=edit_data(fresh(claim.id), text="  "), headers=HTMX)
    assert invalid.status_code == 422 and "The claim needs a text." in invalid.get_data(as_text=True)


def test_who_may_correct(app):
    owner = factories.make_user(roles=["checker"])
    theirs = factories.make_claim(status="in_review", assignee=owner)
    published = factories.make_claim(status="published")
    checker, _ = client_for(app, "checker")
    reviewer, _ = client_for(app, "reviewer")
    editor, _ = client_for(app, "editor")
    assert checker.post(f"/claims/{theirs.id}/edit", data=edit_data(theirs, text="Autre.")).status_code == 403
    assert "id=\"edit-claim\"" not in checker.get(f"/claims/{theirs.id}").get_data(as_text=True)
    assert editor.post(f"/claims/{theirs.id}/edit", data=edit_data(theirs, text="Autre.")).status_code == 303
    response = reviewer.post(f"/claims/{published.id}/edit", data=edit_data(published, text="Autre."))
    assert response.status_code == 422 and "can no longer be corrected" in response.get_data(as_text=True)
    assert "id=\"edit-claim\"" not in reviewer.get(f"/claims/{published.id}").get_data(as_text=True)
    anonymous = app.test_client()
    assert anonymous.post(f"/claims/{theirs.id}/edit", data={}).status_code == 302


def test_link_and_unlink_a_denial_pair(app, checker, article_claims):
    client, me = checker
    accusation, statement = article_claims
    page = client.get(f"/claims/{statement.id}").get_data(as_text=True)
    assert "Link as denial of…" in page and f'<option value="{accusation.id}">' in page

    response = client.post(f"/claims/{statement.id}/link-denial",
                           data={"version_id": statement.version_id, "denied_id": accusation.id})
    assert response.status_code == 303
    link = db.session.scalar(select(ClaimLink).where(ClaimLink.type == "denies"))
    assert (link.source_claim_id, link.target_claim_id, link.origin, link.created_by_id) == (
        statement.id, accusation.id, "reviewer", me.id)
    assert [(r.action, r.before, r.after) for r in revisions(statement.id)][1:] == [
        ("link_denial", {"denies": []}, {"denies": [accusation.id]})]
    assert [(r.action, r.before, r.after) for r in revisions(accusation.id)][1:] == [
        ("link_denial", {"denied_by": []}, {"denied_by": [statement.id]})]
    assert [e.after for e in audit("claim.link_denial", statement.id)] == [{"denies": accusation.id}]
    # the reverse direction is implied: linking the other way round is refused
    refused = client.post(f"/claims/{accusation.id}/link-denial",
                          data={"version_id": fresh(accusation.id).version_id, "denied_id": statement.id})
    assert refused.status_code == 422 and "already a denial pair" in refused.get_data(as_text=True)
    assert "Dispute: accusation and denial" in client.get(f"/claims/{accusation.id}").get_data(as_text=True)

    # unlinked from the accusation's page, whichever side the link starts from
    response = client.post(f"/claims/{accusation.id}/unlink-denial",
                           data={"version_id": fresh(accusation.id).version_id, "other_id": statement.id})
    assert response.status_code == 303
    assert db.session.scalar(select(ClaimLink).where(ClaimLink.type == "denies")) is None
    assert revisions(accusation.id)[-1].action == "unlink_denial"
    assert revisions(accusation.id)[-1].after == {"denied_by": []}
    assert len(audit("claim.unlink_denial", accusation.id)) == 1


def test_a_stale_link_is_a_409(app, checker, article_claims):
    client, _ = checker
    accusation, statement = article_claims
    stale_version = statement.version_id
    corrections.edit_claim(factories.make_user(roles=["editor"]), statement.id, text="Le ministère dément tout.",
                           kind="denial", claimant="le ministère", target=None, expected_version=stale_version)
    response = client.post(f"/claims/{statement.id}/link-denial",
                           data={"version_id": stale_version, "denied_id": accusation.id})
    assert response.status_code == 409 and "Someone else changed this claim" in response.get_data(as_text=True)
    assert db.session.scalar(select(ClaimLink)) is None


def test_split_one_sentence_into_two_claims(app, checker):
    client, me = checker
    claim = factories.make_claim(status="triaged", text="Le chômage baisse et les salaires augmentent.")
    response = client.post(f"/claims/{claim.id}/split", data={
        "version_id": claim.version_id, "first": "Le chômage baisse.", "second": "Les salaires augmentent."})
    assert response.status_code == 303
    kept = fresh(claim.id)
    half = db.session.scalar(select(Claim).where(Claim.id != claim.id))
    assert kept.text == "Le chômage baisse." and half.text == "Les salaires augmentent."
    assert (half.article_id, half.sentence, half.span_start, half.status, half.queue_id) == (
        kept.article_id, kept.sentence, kept.span_start, "new", kept.queue_id)
    assert [(r.action, r.related_claim_id) for r in revisions(claim.id)] == [("extracted", None), ("split", half.id)]
    assert revisions(claim.id)[0].after["text"] == "Le chômage baisse et les salaires augmentent."
    assert [(r.number, r.action, r.related_claim_id, r.actor_id) for r in revisions(half.id)] == [
        (0, "split_off", claim.id, me.id)]
    assert audit("claim.split", claim.id)[0].after == {"text": "Le chômage baisse.", "new_claim_id": half.id}
    assert len(audit("claim.split_off", half.id)) == 1
    same = client.post(f"/claims/{claim.id}/split", data={"version_id": kept.version_id, "first": "A.", "second": "A."})
    assert same.status_code == 422


def test_merge_two_claims_of_an_article_into_one(app, article_claims):
    client, me = client_for(app, "reviewer", "checker")
    accusation, statement = article_claims
    other_article = factories.make_claim(status="new", text="Ailleurs.")
    denial = factories.make_claim(status="new", kind="denial", text="Faux, répond le parti.")
    factories.make_link(source=denial, target=statement, type="denies")
    page = client.get(f"/claims/{accusation.id}").get_data(as_text=True)
    assert "Merge into this claim" in page

    response = client.post(f"/claims/{accusation.id}/merge", data={
        "version_id": accusation.version_id, "other_id": statement.id,
        "text": "L’opposition accuse le gouvernement de gonfler les chiffres, ce que le ministère dément."})
    assert response.status_code == 303
    kept, merged = fresh(accusation.id), fresh(statement.id)
    assert kept.text.endswith("ce que le ministère dément.") and merged.status == "merged"
    link = db.session.scalar(select(ClaimLink).where(ClaimLink.type == "denies"))
    assert (link.source_claim_id, link.target_claim_id) == (denial.id, accusation.id)  # the link moved along
    assert [(r.action, r.related_claim_id) for r in revisions(accusation.id)] == [
        ("extracted", None), ("merge", statement.id)]
    assert [(r.action, r.after) for r in revisions(statement.id)] == [
        ("extracted", {"text": "Le ministère dément.", "kind": "statement", "claimant": "le ministère",
                       "claimant_type": None, "target": None}), ("merged_into", {"status": "merged"})]
    assert audit("claim.absorb", accusation.id)[0].after["merged_claim_id"] == statement.id
    assert audit("claim.merge", statement.id)[0].after == {"status": "merged", "into": accusation.id,
                                                           "correction": True}
    # another article's claim is a duplicate, not a merge; a claim in review cannot be merged away
    elsewhere = client.post(f"/claims/{accusation.id}/merge", data={
        "version_id": kept.version_id, "other_id": other_article.id})
    assert elsewhere.status_code == 422 and "same article" in elsewhere.get_data(as_text=True)


def test_merging_takes_the_workflow_step_so_a_checker_alone_cannot(app, checker, article_claims):
    client, _ = checker
    accusation, statement = article_claims
    assert "Merge into this claim" not in client.get(f"/claims/{accusation.id}").get_data(as_text=True)
    response = client.post(f"/claims/{accusation.id}/merge", data={
        "version_id": accusation.version_id, "other_id": statement.id})
    assert response.status_code == 403 and fresh(statement.id).status == "triaged"
    reviewer, _ = client_for(app, "reviewer")
    refused = reviewer.post(f"/claims/{statement.id}/merge", data={
        "version_id": statement.version_id, "other_id": accusation.id})
    assert refused.status_code == 409 and "only a new or triaged claim" in refused.get_data(as_text=True)


def test_the_pickers_and_denial_pairs_speak_the_readers_language(app, checker, article_claims):
    client, me = checker
    accusation, statement = article_claims
    french = {"Accept-Language": "fr"}
    page = client.get(f"/claims/{accusation.id}", headers=french).get_data(as_text=True)
    assert f"#{statement.id} · déclaration · Le ministère dément." in page and "· statement ·" not in page
    corrections.link_denial(me, statement.id, denied_id=accusation.id, expected_version=fresh(statement.id).version_id)
    page = client.get(f"/claims/{accusation.id}", headers=french).get_data(as_text=True)
    assert f"démenti par #{statement.id} · déclaration" in page
    page = client.get(f"/claims/{accusation.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"denied by #{statement.id} · statement" in page
