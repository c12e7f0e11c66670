"""Public fact-check pages: only published verdicts, with ClaimReview markup, a feed and JSON; drafts are 404."""
import json
import re
from xml.etree import ElementTree

from tests import factories


def _published(**kwargs):
    article = factories.make_article(url="https://journal.example/article")
    claim = factories.make_claim(article=article, status="published", claimant="Le ministère")
    verdict = factories.make_verdict(claim=claim, status="published", **kwargs)
    from factcheck.extensions import db
    from factcheck.models.base import utcnow

    verdict.public_slug, verdict.published_at = f"claim-{claim.id}", utcnow()
    db.session.commit()
    return verdict


def test_published_verdict_page_carries_claimreview_markup(client):
    verdict = _published(summary="Les chiffres sont faux <script>alert(1)</script>",
                         explanation="Voir [la note](javascript:alert(1)) et **l’Insee**.")
    page = client.get(f"/factchecks/{verdict.public_slug}")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "False" in body
    assert "<script>alert(1)</script>" not in body and 'href="javascript:' not in body
    markup = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert markup["@type"] == "ClaimReview" and markup["claimReviewed"] == verdict.claim.text
    assert markup["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                      "bestRating": 5, "worstRating": 1}
    assert markup["itemReviewed"]["author"]["name"] == "Le ministère"
    assert markup["itemReviewed"]["appearance"]["url"] == "https://journal.example/article"
    assert markup["url"].endswith(f"/factchecks/{verdict.public_slug}")


def test_drafts_are_not_found_and_unpublished_verdicts_are_gone(client):
    draft = factories.make_verdict(claim=factories.make_claim(status="verdict_proposed"), status="proposed")
    draft.public_slug = "draft-slug"
    gone = _published()
    gone.status = "unpublished"
    from factcheck.extensions import db

    db.session.commit()
    assert client.get("/factchecks/draft-slug").status_code == 404
    assert client.get(f"/factchecks/{gone.public_slug}").status_code == 410  # with its note: test_public_publishing
    assert client.get("/factchecks/claimreviews.json").get_json() == []
    assert "draft-slug" not in client.get("/factchecks/").get_data(as_text=True)


def test_feed_and_json_list_published_verdicts(client):
    verdict = _published()
    feed = client.get("/factchecks/feed.xml")
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(feed.data).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1 and verdict.public_slug in entries[0].find("{http://www.w3.org/2005/Atom}id").text
    reviews = client.get("/factchecks/claimreviews.json").get_json()
    assert [r["claimReviewed"] for r in reviews] == [verdict.claim.text]
