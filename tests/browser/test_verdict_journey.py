"""The verdict's way from the checker's draft to the public page, clicked through in Chromium with CSRF on."""
from __future__ import annotations

from factcheck.extensions import db
from factcheck.models import Verdict
from tests import factories
from tests.browser.conftest import log_in


def test_draft_submit_approve_publish_and_read_publicly(server, browser_page):
    page, problems = browser_page
    checker = factories.make_user(roles=["checker"], display_name="Camille Checker")
    editor = factories.make_user(roles=["editor"], display_name="Eve Editor")
    claim = factories.make_claim(status="in_review", assignee=checker, text="1 200 postes seront créés en 2027.")

    log_in(page, server, checker)
    page.goto(f"{server}/claims/{claim.id}")
    page.click("text=Draft a verdict")
    page.select_option("select[name=rating_id]", label="Mostly false")
    page.fill("input[name=summary]", "Le budget voté ne prévoit que 400 postes.")
    page.fill("textarea[name=explanation]", "Selon la **loi de finances**, 400 postes sont financés.")
    page.click("button:has-text('Save draft')")
    page.click("button:has-text('Submit for editorial review')")
    page.wait_for_selector("text=verdict proposed")
    page.click("button:has-text('Log out')")

    log_in(page, server, editor)
    page.goto(f"{server}/editorial/")
    page.click("h2 >> text=1 200 postes seront créés en 2027.")
    page.check("#approve input[name=publish]")
    page.click("#approve button[type=submit]")
    page.wait_for_selector("text=published")
    page.click("button:has-text('Log out')")

    db.session.expire_all()
    verdict = db.session.query(Verdict).filter_by(claim_id=claim.id).one()
    assert verdict.status == "published" and verdict.editor_id == editor.id and verdict.author_id == checker.id
    page.goto(f"{server}/factchecks/")
    page.click("text=1 200 postes seront créés en 2027.")
    assert page.inner_text(".rating-label") == "Mostly false"
    assert "loi de finances" in page.inner_text(".explanation")
    assert not problems, problems
