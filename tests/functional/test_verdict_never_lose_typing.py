"""Never losing a checker's typing on the verdict form: errors beside their field with the text kept, a conflict
showing both versions, save and submit in one click, autosave (JSON) under the optimistic lock, the preview."""
import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Verdict
from tests import factories
from tests.factories import client_for, rating

LONG_TEXT = "Selon la **loi de finances**, seuls 400 postes sont financés.\n\n" + "Un paragraphe entier. " * 40


@pytest.fixture()
def desk(app):
    client, checker = client_for(app, "checker", display_name="Claire")
    claim = factories.make_claim(status="in_review", assignee=checker)
    return client, checker, claim


def form(claim, version=0, **changes):
    return {"version_id": version, "rating_id": rating("False").id, "summary": "Faux.", "explanation": LONG_TEXT,
            **changes}


def current(claim) -> Verdict | None:
    db.session.expire_all()
    return db.session.scalar(select(Verdict).where(Verdict.claim_id == claim.id))


def field_block(page: str, name: str) -> str:
    """The form field's block (label, input, hint, errors) for ``name``."""
    start = page.index(f'name="{name}"')
    return page[page.rindex('<div class="field', 0, start):page.index("</div>", start)]


def test_errors_sit_beside_their_field_and_the_text_stays(desk):
    client, _, claim = desk
    r = client.post(f"/claims/{claim.id}/verdict", data=form(claim, summary="x" * 281))
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "281 characters long" in field_block(page, "summary") and "has-error" in field_block(page, "summary")
    assert "Un paragraphe entier." * 1 in page and "loi de finances" in page
    r = client.post(f"/claims/{claim.id}/verdict", data=form(claim, rating_id=""))
    assert r.status_code == 422 and "Choose a rating." in field_block(r.get_data(as_text=True), "rating_id")
    assert current(claim) is None


def test_a_conflict_shows_both_versions_and_keeps_mine(app, desk):
    client, _, claim = desk
    assert client.post(f"/claims/{claim.id}/verdict", data=form(claim)).status_code == 302
    editor, _ = client_for(app, "editor")
    assert editor.post(f"/claims/{claim.id}/verdict",
                       data=form(claim, version=current(claim).version_id, summary="Leur résumé.")).status_code == 302
    r = client.post(f"/claims/{claim.id}/verdict", data=form(claim, version=1, summary="Mon résumé."))
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and "Their version, saved now" in page
    assert "Leur résumé." in page and 'value="Mon résumé."' in page
    assert f'name="version_id" type="hidden" value="{current(claim).version_id}"' in page


def test_save_and_submit_keeps_what_was_typed_since_the_last_save(desk):
    client, _, claim = desk
    client.post(f"/claims/{claim.id}/verdict", data=form(claim))
    verdict = current(claim)
    r = client.post(f"/claims/{claim.id}/verdict/save-and-submit",
                    data=form(claim, version=verdict.version_id, summary="Typed, never saved."))
    assert r.status_code == 302
    verdict = current(claim)
    assert (verdict.status, verdict.summary) == ("proposed", "Typed, never saved.")
    assert [r.kind for r in verdict.revisions] == ["draft", "draft", "submitted"]


def test_save_and_submit_unchanged_writes_no_extra_draft_and_refusals_keep_the_text(app, desk):
    client, _, claim = desk
    client.post(f"/claims/{claim.id}/verdict", data=form(claim))
    r = client.post(f"/claims/{claim.id}/verdict/save-and-submit", data=form(claim, version=9999, summary=""))
    assert r.status_code == 422 and "Write a one-line summary" in field_block(r.get_data(as_text=True), "summary")
    assert current(claim).status == "draft"
    assert client.post(f"/claims/{claim.id}/verdict/save-and-submit",
                       data=form(claim, version=current(claim).version_id)).status_code == 302
    assert [r.kind for r in current(claim).revisions] == ["draft", "submitted"]
    r = client.post(f"/claims/{claim.id}/verdict/save-and-submit",
                    data=form(claim, version=current(claim).version_id, summary="Too late."))
    assert r.status_code == 409 and 'value="Too late."' in r.get_data(as_text=True)


def test_autosave_saves_changes_only_and_refuses_a_stale_form(app, desk):
    client, _, claim = desk
    r = client.post(f"/claims/{claim.id}/verdict/autosave", data=form(claim))
    assert r.status_code == 200 and r.json["saved"] is True
    version = r.json["version_id"]
    assert client.post(f"/claims/{claim.id}/verdict/autosave",
                       data=form(claim, version=version)).json == {"saved": False, "version_id": version}
    r = client.post(f"/claims/{claim.id}/verdict/autosave", data=form(claim, version=version, summary="Encore."))
    assert r.json["saved"] is True and len(current(claim).revisions) == 2
    r = client.post(f"/claims/{claim.id}/verdict/autosave", data=form(claim, version=version, summary="Ancien."))
    assert r.status_code == 409 and r.json["theirs"]["summary"] == "Encore."
    assert any("Ancien." in change for change in r.json["changes"])
    r = client.post(f"/claims/{claim.id}/verdict/autosave",
                    data=form(claim, version=current(claim).version_id, rating_id=""))
    assert r.status_code == 422 and r.json["errors"] == {"rating_id": "Choose a rating."}
    assert current(claim).summary == "Encore."


def test_preview_is_sanitised_and_works_without_javascript(desk):
    client, _, claim = desk
    text = "**Gras** <script>alert(1)</script> [lien](javascript:alert(1))"
    r = client.post(f"/claims/{claim.id}/verdict/preview", data=form(claim, explanation=text),
                    headers={"X-Preview": "fragment"})
    html = r.get_data(as_text=True)
    assert "<strong>Gras</strong>" in html and "<script" not in html and 'href="javascript' not in html
    r = client.post(f"/claims/{claim.id}/verdict/preview", data=form(claim, explanation=text))
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "<strong>Gras</strong>" in page and "&lt;script&gt;alert(1)" in page
    assert current(claim) is None


def test_only_the_claims_editor_autosaves_or_previews(app, desk):
    _, _, claim = desk
    other, _ = client_for(app, "checker")
    assert other.post(f"/claims/{claim.id}/verdict/autosave", data=form(claim)).status_code == 403
    assert other.post(f"/claims/{claim.id}/verdict/preview", data=form(claim)).status_code == 403
    reviewer, _ = client_for(app, "reviewer")
    assert reviewer.post(f"/claims/{claim.id}/verdict/save-and-submit", data=form(claim)).status_code == 403
    assert current(claim) is None


def test_a_failed_source_fetch_can_be_tried_again(app, desk, monkeypatch):
    client, _, claim = desk
    source = factories.make_source(url="http://127.0.0.1:9/down.html")
    source.fetch_status, source.fetch_error = "failed", "network: connection refused"
    item = factories.make_evidence(claim=claim, source=source)
    db.session.commit()
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f"/claims/{claim.id}/evidence/{item.id}/refetch" in page
    sent = []
    monkeypatch.setattr("factcheck.services.core.dispatch.send_now", lambda task, *args, **kw: sent.append(task))
    assert client.post(f"/claims/{claim.id}/evidence/{item.id}/refetch").status_code == 302
    db.session.expire_all()
    assert (source.fetch_status, source.fetch_error) == ("queued", None) and sent == ["sources.fetch_metadata"]
    assert client.post(f"/claims/{claim.id}/evidence/{item.id}/refetch").status_code == 409  # not failed now
    other, _ = client_for(app, "checker")
    assert other.post(f"/claims/{claim.id}/evidence/{item.id}/refetch").status_code == 403
    assert client.post(f"/claims/{claim.id}/evidence/999999/refetch").status_code == 404
