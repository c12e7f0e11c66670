"""In Chromium: a checker sees a published verdict offered for a claim and answers the claim with it (CSRF on)."""
from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.services.matching import matcher
from tests import factories
from tests.browser.conftest import log_in


def test_a_checker_answers_a_claim_with_the_verdict_offered(server, browser_page):
    page, problems = browser_page
    checker = factories.make_user(roles=("checker",))
    checked = factories.make_claim(text="Le chômage a baissé à 7 % l'an dernier.", status="published")
    factories.make_verdict(claim=checked, status="published", summary="Faux : il a augmenté.")
    claim = factories.make_claim(article=factories.make_article(title="Nouvel article"), status="triaged",
                                 text="L'an dernier, le taux de chômage est descendu à 7 %.")
    matcher.match_article(claim.article_id)

    log_in(page, server, checker)
    page.goto(f"{server}/claims/{claim.id}")
    offer = page.locator("#matches")
    assert "Faux : il a augmenté." in offer.inner_text()
    assert offer.locator("mark", has_text="chômage").count() == 1
    page.screenshot(path="/tmp/h4-claim-matches.png", full_page=True)
    offer.get_by_role("button", name="Answer with this verdict and close").click()
    page.wait_for_url(f"{server}/claims/{claim.id}")
    assert "Answered with this verdict" in page.locator("#matches").inner_text()
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "merged"
    assert problems == []
