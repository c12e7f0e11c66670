"""Publishing that validates: every published page's ClaimReview against Google's rules, the claimant's type,
where the claim appeared, corrections, the feed's authors, page meta, sitemap, ratings pages, 410 for a withdrawn
check, conditional GETs, the embed card, and absolute URLs only from PUBLIC_BASE_URL."""
import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest

from factcheck.extensions import db
from factcheck.models.base import utcnow
from factcheck.services.verdicts.claim_review import CLAIM_REVIEWED_MAX, suggested_claim_reviewed
from tests import factories
from tests.claimreview_rules import problems

SITE = "http://127.0.0.1:5000"  # PUBLIC_BASE_URL's default, which the tests run with
ATOM = "{http://www.w3.org/2005/Atom}"


def _publish(*, url=None, outlet="Le Quotidien", claimant="Le ministère", entities=(), attribution="reported",
             text="1 200 postes seront créés d’ici 2027.", corrected=False, rating_label="False"):
    article = factories.make_article(url=url, outlet=outlet)
    claim = factories.make_claim(article=article, status="published", claimant=claimant, text=text)
    claim.entities, claim.attribution = list(entities), attribution
    verdict = factories.make_verdict(claim=claim, status="published", rating_label=rating_label)
    verdict.public_slug, verdict.published_at = f"claim-{claim.id}", utcnow() - timedelta(days=2)
    if corrected:
        verdict.corrected_at, verdict.correction_note = utcnow() - timedelta(days=1), "Chiffre corrigé."
    db.session.commit()
    return verdict


def _markup(client, slug) -> dict:
    body = client.get(f"/factchecks/{slug}").get_data(as_text=True)
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))


def test_every_published_page_follows_the_claimreview_rules(client):
    verdicts = [
        _publish(url="https://journal.example/a", entities=[{"text": "ministère", "label": "ORG"}]),
        _publish(outlet="Radio Nord", claimant="Marie Dupont", entities=[{"text": "Marie Dupont", "label": "PER"}]),
        _publish(outlet=None, attribution="author", corrected=True),
        _publish(text="Le ministre a déclaré que le nombre de lits d’hôpital avait augmenté de 12 % dans toute la "
                      "région depuis 2019, un record.", rating_label="True"),
    ]
    for verdict in verdicts:
        assert problems(_markup(client, verdict.public_slug), site=SITE) == [], verdict.public_slug
    for review in client.get("/factchecks/claimreviews.json").get_json():
        assert problems(review, site=SITE) == []


def test_the_claimant_type_comes_from_the_entity_labels(client):
    organisation = _publish(claimant="Le ministère de la Santé",
                            entities=[{"text": "ministère de la Santé", "label": "ORG"}])
    person = _publish(claimant="Marie Dupont", entities=[{"text": "Marie Dupont", "label": "PER"}])
    assert _markup(client, organisation.public_slug)["itemReviewed"]["author"] == {
        "@type": "Organization", "name": "Le ministère de la Santé"}
    assert _markup(client, person.public_slug)["itemReviewed"]["author"]["@type"] == "Person"


def test_appearance_names_the_outlet_when_the_article_has_no_url(client):
    with_url = _publish(url="https://journal.example/a", outlet="Journal")
    outlet_only = _publish(outlet="Radio Nord")
    assert _markup(client, with_url.public_slug)["itemReviewed"]["appearance"]["url"] == "https://journal.example/a"
    appearance = _markup(client, outlet_only.public_slug)["itemReviewed"]["appearance"]
    assert appearance["@type"] == "CreativeWork" and "url" not in appearance
    assert appearance["publisher"] == {"@type": "Organization", "name": "Radio Nord"}


def test_a_correction_sets_date_modified_and_the_language_is_given(client):
    corrected = _publish(corrected=True)
    markup = _markup(client, corrected.public_slug)
    assert markup["dateModified"] == corrected.corrected_at.isoformat() and markup["inLanguage"] == "en"
    assert "dateModified" not in _markup(client, _publish().public_slug)


@pytest.mark.parametrize(("text", "expected"), [
    ("Le ministre a déclaré que le chômage avait baissé.", "Le chômage avait baissé."),
    ("The mayor said that crime fell by 20% last year.", "Crime fell by 20% last year."),
    ("Selon la préfecture, 300 logements ont été construits.", "300 logements ont été construits."),
    ("Le chômage a baissé de 2 %.", "Le chômage a baissé de 2 %."),
])
def test_claim_reviewed_leaves_out_the_reporting_verb(app, text, expected):
    assert suggested_claim_reviewed(factories.make_claim(text=text)) == expected


def test_claim_reviewed_is_cut_at_a_word_to_75_characters(app):
    long = factories.make_claim(text="Le nombre de lits d’hôpital a augmenté de 12 % dans toute la région depuis "
                                     "2019, selon les chiffres de l’agence régionale de santé.")
    short = suggested_claim_reviewed(long)
    assert len(short) <= CLAIM_REVIEWED_MAX and short.endswith("…") and " " + short[:-1].split()[-1] in long.text


def test_atom_entries_carry_their_author(client):
    _publish()
    feed = ElementTree.fromstring(client.get("/factchecks/feed.xml").data)
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "factcheck"
    assert [e.find(f"{ATOM}author/{ATOM}name").text for e in feed.findall(f"{ATOM}entry")] == ["factcheck"]


def test_pages_carry_canonical_open_graph_and_twitter_meta_from_the_public_base_url(client):
    verdict = _publish()
    body = client.get(f"/factchecks/{verdict.public_slug}", headers={"Host": "evil.example"}).get_data(as_text=True)
    url = f"{SITE}/factchecks/{verdict.public_slug}"
    assert f'<link rel="canonical" href="{url}">' in body and f'<meta property="og:url" content="{url}">' in body
    assert '<meta name="twitter:card" content="summary">' in body
    assert '<meta property="og:title" content="False: 1 200 postes seront créés d’ici 2027.">' in body
    assert "evil.example" not in body


def test_the_sitemap_lists_published_checks_and_rating_pages_only(client):
    published = _publish(corrected=True)
    draft = factories.make_verdict(claim=factories.make_claim(status="verdict_proposed"), status="proposed")
    draft.public_slug = "draft-slug"
    db.session.commit()
    response = client.get("/factchecks/sitemap.xml")
    assert response.headers["Content-Type"].startswith("application/xml")
    urls = ElementTree.fromstring(response.data).findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    locations = {u[0].text: (u[1].text if len(u) > 1 else None) for u in urls}
    assert locations[f"{SITE}/factchecks/{published.public_slug}"] == published.corrected_at.isoformat()
    assert f"{SITE}/factchecks/ratings" in locations and f"{SITE}/factchecks/" in locations
    assert not any("draft-slug" in loc for loc in locations)


def test_our_ratings_page_explains_each_rating_of_each_scale(client):
    scale = factories.active_scale()
    scale.ratings[0].description = "The claim is wrong on its main point."
    db.session.commit()
    page = client.get("/factchecks/ratings").get_data(as_text=True)
    assert scale.name in page and "The claim is wrong on its main point." in page
    assert all(r.label in page for r in scale.ratings if not r.retired)
    assert client.get(f"/factchecks/ratings/{scale.id}").status_code == 200
    assert client.get("/factchecks/ratings/999999").status_code == 404


def test_a_withdrawn_check_answers_410_with_its_note(client):
    verdict = _publish()
    verdict.status, verdict.unpublished_at, verdict.unpublish_reason = "unpublished", utcnow(), "Source retirée."
    db.session.commit()
    for path in (f"/factchecks/{verdict.public_slug}", f"/factchecks/{verdict.public_slug}/embed"):
        response = client.get(path)
        assert response.status_code == 410 and "Source retirée." in response.get_data(as_text=True)
    assert client.get("/factchecks/never-published").status_code == 404


def test_conditional_gets_answer_304(client):
    verdict = _publish(corrected=True)
    path = f"/factchecks/{verdict.public_slug}"
    first = client.get(path)
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    for other in ("/factchecks/feed.xml", "/factchecks/sitemap.xml", "/factchecks/claimreviews.json"):
        etag = client.get(other).headers["ETag"]
        assert client.get(other, headers={"If-None-Match": etag}).status_code == 304, other


def test_the_embed_card_may_be_framed_by_any_site_and_nothing_else_may(client):
    verdict = _publish()
    card = client.get(f"/factchecks/{verdict.public_slug}/embed")
    assert card.status_code == 200 and "frame-ancestors *" in card.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in card.headers
    link = f'href="{SITE}/factchecks/{verdict.public_slug}" target="_blank" rel="noopener"'
    assert link in card.get_data(as_text=True)
    page = client.get(f"/factchecks/{verdict.public_slug}")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_the_api_builds_absolute_urls_from_the_public_base_url(client):
    from factcheck.services.accounts import api_tokens

    verdict = _publish()
    article = verdict.claim.article
    token = api_tokens.issue(factories.make_user(roles=["editor"]), name="script", scopes=["read"]).secret
    headers = {"Host": "evil.example", "Authorization": f"Bearer {token}"}
    reviews = client.get("/api/v1/claimreviews", headers=headers).get_json()
    assert reviews["items"][0]["url"] == f"{SITE}/factchecks/{verdict.public_slug}"
    body = client.get(f"/api/v1/articles/{article.id}", headers=headers).get_json()
    assert body["url"] == f"{SITE}/articles/{article.id}"


def test_a_reviewer_sets_the_claimant_type_and_the_markup_follows(app):
    editor_client, _ = factories.client_for(app, "editor")
    claim = factories.make_claim(claimant="Marie Dupont")
    claim.entities = [{"text": "Marie Dupont", "label": "PER"}]
    db.session.commit()
    form = editor_client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert "person (from the entity labels)" in form
    seen = {"text": claim.text, "kind": claim.kind, "claimant": claim.claimant, "claimant_type": "", "target": ""}
    response = editor_client.post(f"/claims/{claim.id}/edit", data={
        "version_id": claim.version_id, **seen, **{f"seen_{k}": v for k, v in seen.items()},
        "claimant_type": "Organization"})
    assert response.status_code == 303
    db.session.expire_all()
    assert claim.claimant_type == "Organization"
    bad = editor_client.post(f"/claims/{claim.id}/edit", data={
        "version_id": claim.version_id, **seen, "claimant_type": "Robot"})
    assert bad.status_code == 422 and claim.claimant_type == "Organization"
    claim.status = "published"
    verdict = factories.make_verdict(claim=claim, status="published")
    verdict.public_slug, verdict.published_at = "typed", utcnow()
    db.session.commit()
    assert _markup(app.test_client(), "typed")["itemReviewed"]["author"]["@type"] == "Organization"


def test_the_checker_writes_claim_reviewed_in_the_verdict_form_75_characters_at_most(app):
    checker_client, checker = factories.client_for(app, "checker")
    claim = factories.make_claim(status="in_review", assignee=checker,
                                 text="Le ministre a déclaré que le chômage avait baissé de 2 points.")
    page = checker_client.get(f"/claims/{claim.id}/verdict").get_data(as_text=True)
    assert 'value="Le chômage avait baissé de 2 points."' in page and 'maxlength="75"' in page
    data = {"version_id": 0, "rating_id": factories.rating("False").id, "summary": "Faux.", "explanation": ""}
    too_long = checker_client.post(f"/claims/{claim.id}/verdict", data={**data, "claim_reviewed": "x" * 76})
    assert too_long.status_code == 422 and claim.verdict is None
    saved = checker_client.post(f"/claims/{claim.id}/verdict", data={**data, "claim_reviewed": "Le chômage a baissé"})
    assert saved.status_code == 302
    db.session.expire_all()
    verdict = claim.verdict
    assert verdict.claim_reviewed == "Le chômage a baissé"
    claim.status, verdict.status, verdict.public_slug, verdict.published_at = "published", "published", "w", utcnow()
    db.session.commit()
    assert _markup(app.test_client(), "w")["claimReviewed"] == "Le chômage a baissé"
