"""A checker corrects a claim inline (htmx, CSRF on) and the verdict published on it shows the corrected text."""
from __future__ import annotations

import json

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Claim, ClaimRevision
from factcheck.services.claims import corrections
from tests import factories
from tests.browser.conftest import log_in

EXTRACTED = "1 200 postes seront créés en 2027."
CORRECTED = "1 200 postes d’enseignants seront créés à la rentrée 2027."


def test_edit_the_claim_inline_then_publish_a_verdict_on_the_corrected_text(server, browser_page):
    page, problems = browser_page
    checker = factories.make_user(roles=["checker"], display_name="Camille Checker")
    editor = factories.make_user(roles=["editor"], display_name="Eve Editor")
    claim = factories.make_claim(status="in_review", assignee=checker, text=EXTRACTED, kind="statement")

    log_in(page, server, checker)
    page.goto(f"{server}/claims/{claim.id}")
    page.click("#edit-claim")  # click one: htmx swaps the form in place of the claim, no navigation
    page.wait_for_selector("#claim-edit-form textarea[name=text]")
    assert page.url == f"{server}/claims/{claim.id}"
    page.fill("#claim-edit-form textarea[name=text]", CORRECTED)
    page.select_option("#claim-edit-form select[name=kind]", "prediction")
    page.fill("#claim-edit-form input[name=claimant]", "le ministère de l’Éducation")
    page.click("#claim-edit-form button[type=submit]")  # click two: saved, and the page shows the new text
    page.wait_for_selector(f".claim-text:has-text('{CORRECTED}')")
    assert "Claim corrected" in page.inner_text(".flashes")
    assert EXTRACTED in page.inner_text(".extracted-as")
    history = page.inner_text("#corrections .revisions")
    assert "As extracted" in history and "Edited" in history and "Camille Checker" in history
    assert page.inner_text("#revision-1 ins").strip()  # the word diff marks what was added

    page.click("text=Draft a verdict")
    page.select_option("select[name=rating_id]", label="Mostly false")
    page.fill("input[name=summary]", "Le budget ne finance que 400 postes d’enseignants.")
    page.fill("textarea[name=explanation]", "Selon la **loi de finances**, 400 postes sont financés.")
    page.click("button:has-text('Save draft')")
    page.click("button:has-text('Submit for editorial review')")
    page.wait_for_selector("text=verdict proposed")
    page.click("button:has-text('Log out')")

    log_in(page, server, editor)
    page.goto(f"{server}/editorial/")
    page.click(f"h2 >> text={CORRECTED}")
    page.check("#approve input[name=publish]")
    page.click("#approve button[type=submit]")
    page.wait_for_selector("text=published")
    page.click("button:has-text('Log out')")

    page.goto(f"{server}/factchecks/")
    page.click(f"text={CORRECTED}")
    assert page.inner_text("h1") == f"“{CORRECTED}”"
    review = json.loads(page.eval_on_selector("script[type='application/ld+json']", "e => e.textContent"))
    assert review["claimReviewed"] == CORRECTED
    assert EXTRACTED not in page.content()

    db.session.expire_all()
    stored = db.session.get(Claim, claim.id)
    assert (stored.text, stored.kind, stored.status) == (CORRECTED, "prediction", "published")
    numbers = list(db.session.scalars(select(ClaimRevision.action).where(ClaimRevision.claim_id == claim.id)
                                      .order_by(ClaimRevision.number)))
    assert numbers == ["extracted", "edit"]
    assert not problems, problems


def test_a_stale_inline_edit_shows_what_changed_in_place_and_keeps_the_text(server, browser_page):
    page, problems = browser_page
    reviewer = factories.make_user(roles=["reviewer"], display_name="Rémi Reviewer")
    colleague = factories.make_user(roles=["editor"], display_name="Eve Editor")
    claim = factories.make_claim(status="triaged", text=EXTRACTED)

    log_in(page, server, reviewer)
    page.goto(f"{server}/claims/{claim.id}")
    page.click("#edit-claim")
    page.wait_for_selector("#claim-edit-form textarea[name=text]")
    corrections.edit_claim(colleague, claim.id, text="1 200 postes seront ouverts en 2027.", kind="statement",
                           claimant=claim.claimant, target=None, expected_version=claim.version_id)
    page.fill("#claim-edit-form textarea[name=text]", CORRECTED)
    page.click("#claim-edit-form button[type=submit]")
    page.wait_for_selector("#claim-edit-form .conflict")  # the 409 answer is swapped in place of the form
    conflict = page.inner_text("#claim-edit-form .conflict")
    assert "Someone else changed this claim" in conflict and "1 200 postes seront ouverts en 2027." in conflict
    assert page.input_value("#claim-edit-form textarea[name=text]") == CORRECTED
    page.click("#claim-edit-form button[type=submit]")  # saving again, knowingly, wins
    page.wait_for_selector(f".claim-text:has-text('{CORRECTED}')")
    problems[:] = [p for p in problems if "409" not in p]  # the browser logs the refused save itself
    assert not problems, problems
