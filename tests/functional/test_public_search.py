"""Readers search the published fact-checks: published only, highlighted, escaped, bad searches explained."""
from factcheck.extensions import db
from factcheck.models.base import utcnow
from tests import factories


def _verdict(claim_text, *, status="published", **kwargs):
    claim = factories.make_claim(text=claim_text, status="published" if status == "published" else "in_review")
    verdict = factories.make_verdict(claim=claim, status=status, **kwargs)
    if status == "published":
        verdict.public_slug, verdict.published_at = f"{claim.id}-fact-check", utcnow()
        db.session.commit()
    return verdict


def test_readers_find_published_fact_checks_with_highlights(client):
    found = _verdict("L'invasion a commencé en février.", summary="Vrai : le 24 février.")
    _verdict("Le budget baisse.", summary="Faux.")
    html = client.get("/factchecks/search?q=INVASION").get_data(as_text=True)
    assert f'href="/factchecks/{found.public_slug}"' in html
    assert "L&#39;<mark>invasion</mark> a commencé en février." in html
    assert "budget" not in html


def test_drafts_never_surface(client):
    _verdict("L'invasion secrète.", status="draft", summary="Brouillon sur l'invasion.")
    html = client.get("/factchecks/search?q=invasion").get_data(as_text=True)
    assert "secrète" not in html and "Brouillon" not in html
    assert "No published fact-check matches" in html


def test_summary_and_explanation_words_match_and_stay_escaped(client):
    verdict = _verdict("Le chômage a baissé.", summary="<b>Faux</b> selon les chiffres",
                       explanation="Les données de la Dares montrent une hausse.")
    html = client.get('/factchecks/search?q=dares').get_data(as_text=True)
    assert f'href="/factchecks/{verdict.public_slug}"' in html
    assert "<mark>Dares</mark>" in html
    assert "&lt;b&gt;Faux&lt;/b&gt;" in html and "<b>Faux</b>" not in html


def test_a_search_with_nothing_to_look_for_explains_itself(client):
    response = client.get("/factchecks/search?q=-faux")
    assert response.status_code == 422
    assert "Give at least one word to look for" in response.get_data(as_text=True)
    assert client.get("/factchecks/search").status_code == 200  # the empty form
    assert 'action="/factchecks/search"' in client.get("/factchecks/").get_data(as_text=True)
