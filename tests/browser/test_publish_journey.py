"""The end of a fact-check in Chromium, in English and in French: an editor reviews what changed since the last
submission, approves and publishes by an explicit choice, and follows the link to the public page; an anonymous
reader opens the public page (ClaimReview JSON-LD) and the Atom feed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest

from factcheck.extensions import db
from factcheck.models import Verdict
from factcheck.services.verdicts import editorial
from tests import factories
from tests.browser.conftest import log_in, open_page
from tests.browser.desk_languages import STORY, resubmitted_verdict

LABELS = {
    "en": {
        "editorial": "Editorial",
        "changes": "Changes since revision",
        "publish_too": "Also publish it now",
        "approve": "Approve",
        "done": "Approved and published.",
        "all": "← All fact-checks",
        "fact_checks": "Fact-checks",
        "feed": "Atom feed",
    },
    "fr": {
        "editorial": "Édition",
        "changes": "Modifications depuis la révision",
        "publish_too": "La publier aussi maintenant",
        "approve": "Approuver",
        "done": "Approuvé et publié.",
        "all": "← Toutes les vérifications",
        "fact_checks": "Vérifications",
        "feed": "Flux Atom",
    },
}
ATOM = "{http://www.w3.org/2005/Atom}"


def _claim_review(page) -> dict:
    return json.loads(page.eval_on_selector("script[type='application/ld+json']", "e => e.textContent"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_editor_reviews_the_diff_publishes_and_opens_the_public_page(server, chromium, lang):
    words, story = LABELS[lang], STORY[lang]
    checker = factories.make_user(roles=["checker"], display_name="Claire")
    editor = factories.make_user(roles=["editor"], display_name="Eddie")
    verdict = resubmitted_verdict(lang, checker, editor)
    page, problems = open_page(chromium, lang)

    log_in(page, server, editor)
    page.click(f"nav >> text={words['editorial']}")
    page.click(f"h2 >> text={story['claim']}")
    page.wait_for_url(f"{server}/editorial/verdicts/{verdict.id}")
    assert page.get_attribute("html", "lang") == lang
    assert words["changes"] in page.inner_text("main")
    added, removed = (" ".join(page.locator(f".change {tag}").all_inner_texts()) for tag in ("ins", "del"))
    assert "400" in added and "2027" in removed  # the summary's words changed since the first submission
    assert story["summary"] in page.inner_text("#sources")  # the evidence the checker attached, with its excerpt
    publish_too = page.get_by_label(words["publish_too"])
    assert not publish_too.is_checked()  # publishing is a choice the editor makes, never a default
    publish_too.check()
    page.click(f"#approve button:has-text('{words['approve']}')")
    assert words["done"] in page.inner_text(".flashes")
    page.click("#public-link a")

    db.session.expire_all()
    published = db.session.get(Verdict, verdict.id)
    assert published.status == "published" and page.url == f"{server}/factchecks/{published.public_slug}"
    assert page.get_attribute("html", "lang") == lang
    assert _claim_review(page)["reviewRating"]["alternateName"] == story["rating"]
    assert not problems, problems
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reader_opens_the_public_page_and_the_feed(server, chromium, lang):
    words, story = LABELS[lang], STORY[lang]
    editor = factories.make_user(roles=["editor"])
    verdict = resubmitted_verdict(lang, factories.make_user(roles=["checker"]), editor)
    slug = editorial.approve(
        factories.make_user(roles=["editor"]), verdict.id, expected_version=verdict.version_id, publish=True
    ).public_slug
    page, problems = open_page(chromium, lang)  # nobody logged in

    page.goto(f"{server}/factchecks/")
    assert page.get_attribute("html", "lang") == lang
    assert words["fact_checks"] in page.inner_text("header nav")
    page.click(f"text={story['claim']}")
    assert page.get_attribute("html", "lang") == lang  # the verdict's language
    assert page.inner_text(".rating-label") == story["rating"]
    review = _claim_review(page)
    assert (review["@type"], review["claimReviewed"]) == ("ClaimReview", story["claim"])
    assert review["reviewRating"]["alternateName"] == story["rating"]

    page.click(f"text={words['all']}")
    assert not problems, problems  # the pages; the feed, a bare XML document, has Chromium ask for /favicon.ico
    response = page.goto(urljoin(page.url, page.get_attribute(f"a:has-text('{words['feed']}')", "href")))
    assert response.headers["content-type"].startswith("application/atom+xml")
    (entry,) = ET.fromstring(response.body()).findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/factchecks/{slug}")
    assert story["claim"] in entry.findtext(f"{ATOM}title")
    page.context.close()
