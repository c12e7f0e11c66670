"""What the editor sees before deciding (issue 12): the sources with their stances, the checker's notes, publishing
as an explicit choice, the public page's address once published, a confirmation before unpublishing."""
from factcheck.extensions import db
from factcheck.models import Verdict
from factcheck.services.claims import comments
from tests import factories
from tests.factories import client_for


def test_the_editor_sees_sources_notes_and_publishes_on_purpose(app):
    checker_client, claire = client_for(app, "checker", display_name="Claire")
    editor, _ = client_for(app, "editor")
    verdict = factories.submitted_verdict(checker_client, claire)
    source = factories.make_source(url="http://127.0.0.1/budget.html", title="Loi de finances <2027>")
    used = factories.make_evidence(claim=verdict.claim, source=source, stance="refutes", excerpt="400 postes.")
    factories.make_evidence(claim=verdict.claim, stance="context", excerpt="Contexte.")
    verdict.evidence = [used]
    db.session.commit()
    comments.add_comment(claire, verdict.claim_id, body="J’ai appelé le ministère <b>hier</b>.")

    page = editor.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
    sources = page[page.index('id="sources"'):page.index('id="notes"')]
    assert "refutes" in sources and "context" in sources and "Loi de finances &lt;2027&gt;" in sources
    assert sources.count("the verdict relies on it") == 1
    assert "J’ai appelé le ministère &lt;b&gt;hier&lt;/b&gt;." in page
    approve = page[page.index('id="approve"'):]
    assert 'name="publish"' in approve and "checked" not in approve[:approve.index("</form>")]
    assert 'id="public-link"' not in page

    assert editor.post(f"/editorial/verdicts/{verdict.id}/approve",
                       data={"version_id": verdict.version_id}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Verdict, verdict.id).status == "approved"  # approving alone publishes nothing
    verdict = db.session.get(Verdict, verdict.id)
    assert editor.post(f"/editorial/verdicts/{verdict.id}/publish",
                       data={"version_id": verdict.version_id}).status_code == 302
    db.session.expire_all()
    verdict = db.session.get(Verdict, verdict.id)
    page = editor.get(f"/editorial/verdicts/{verdict.id}").get_data(as_text=True)
    assert f'href="/factchecks/{verdict.public_slug}"' in page
    assert f"http://127.0.0.1:5000/factchecks/{verdict.public_slug}" in page
    unpublish = page[page.index(f'action="/editorial/verdicts/{verdict.id}/unpublish"') - 200:]
    assert 'data-confirm="Take this fact-check off the public site?' in unpublish


def test_an_editors_edit_refused_shows_the_message_beside_its_field(app):
    checker_client, claire = client_for(app, "checker")
    editor, _ = client_for(app, "editor")
    verdict = factories.submitted_verdict(checker_client, claire)
    r = editor.post(f"/editorial/verdicts/{verdict.id}/edit", data={
        "version_id": verdict.version_id, "rating_id": "", "summary": "Gardé.", "explanation": "Mon texte."})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'value="Gardé."' in page and "Mon texte." in page
    rating_block = page[page.index('<div class="field has-error">'):]
    assert rating_block.index("Choose a rating.") < rating_block.index('name="summary"')
