"""The merge dialog's search in a real browser, with the CSP on: type words, pick the claim to keep, merge."""
from __future__ import annotations

from factcheck.extensions import db
from factcheck.models import Claim
from tests import factories
from tests.browser.conftest import log_in


def test_merge_dialog_finds_the_claim_to_keep_by_its_words(server, browser_page):
    page, problems = browser_page
    reviewer = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(name="Fusion", members=[(reviewer, "reviewer")])
    duplicate = factories.make_claim(queue=queue, checkworthiness=0.9, text="L'armée a franchi la frontière.")
    kept = factories.make_claim(queue=queue, checkworthiness=0.1,
                                text="L'armée russe a franchi la frontière ukrainienne.")

    log_in(page, server, reviewer)
    page.goto(f"{server}/queues/{queue.id}")
    page.keyboard.press("j")
    page.wait_for_selector(f"#claim-{duplicate.id}.is-selected")
    page.keyboard.press("m")
    page.wait_for_selector("#merge-dialog[open]")
    page.keyboard.type("ARMEE russe")  # the search field has the focus; accents and case do not matter
    pick = page.wait_for_selector(f"#merge-candidates input[value='{kept.id}']")
    assert "<mark>" in page.inner_html("#merge-candidates")
    pick.check()
    assert page.input_value("#merge-target") == str(kept.id)
    page.click("#merge-dialog button[value=ok]")
    page.wait_for_selector(f"#claim-{duplicate.id} .badge-status.status-merged")

    db.session.expire_all()
    assert db.session.get(Claim, duplicate.id).canonical_claim_id == kept.id
    assert problems == []
