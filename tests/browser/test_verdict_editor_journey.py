"""The verdict editor in Chromium, in French: the live preview, autosave while typing, and a conflict that stops
autosave, shows their version and keeps every word typed; then in English, an error shown beside its field."""
from __future__ import annotations

from factcheck.extensions import db
from factcheck.models import Verdict
from factcheck.services.verdicts import verdicts
from tests import factories
from tests.browser.conftest import log_in
from tests.factories import rating


def test_preview_autosave_and_conflict_keep_the_text(server, browser_page):
    page, problems = browser_page
    checker = factories.make_user(roles=["checker"], display_name="Claire")
    checker.locale = "fr"
    editor = factories.make_user(roles=["editor"], display_name="Eddie")
    db.session.commit()
    claim = factories.make_claim(status="in_review", assignee=checker)

    log_in(page, server, checker)
    page.goto(f"{server}/claims/{claim.id}/verdict")
    page.select_option("select[name=rating_id]", label="False")
    page.fill("input[name=summary]", "Les chiffres sont gonflés.")
    page.fill("textarea[name=explanation]", "Selon la **loi de finances**, 400 postes.")
    page.wait_for_selector("#verdict-preview strong:has-text('loi de finances')")
    page.wait_for_selector("#autosave-status:has-text('Brouillon enregistré automatiquement.')")
    db.session.expire_all()
    saved = db.session.query(Verdict).filter_by(claim_id=claim.id).one()
    assert saved.summary == "Les chiffres sont gonflés."

    verdicts.save_draft(editor, claim.id, rating_id=rating("Misleading").id, summary="Version d’Eddie.",
                        explanation_md="", evidence_ids=[], expected_version=saved.version_id)
    page.fill("textarea[name=explanation]", "Selon la loi de finances, 400 postes. Mon paragraphe de plus.")
    page.wait_for_selector(".conflict:has-text('Version d’Eddie.')")
    assert page.input_value("textarea[name=explanation]").endswith("Mon paragraphe de plus.")
    assert "Quelqu’un d’autre" in page.inner_text("#autosave-status")

    page.click("button:has-text('Se déconnecter')")
    checker.locale = None
    db.session.commit()
    log_in(page, server, checker)
    page.goto(f"{server}/claims/{claim.id}/verdict")
    page.fill("input[name=summary]", "")
    page.fill("textarea[name=explanation]", "Gardé après l’erreur.")
    page.click("button:has-text('Save draft')")
    assert "Write a one-line summary" in page.inner_text(".field.has-error")
    assert page.input_value("textarea[name=explanation]") == "Gardé après l’erreur."
    # the refusals this journey provokes (the autosave's 409, the save's 422) are logged by the browser as such
    expected = ("status of 409", "status of 422")
    assert not [p for p in problems if not any(code in p for code in expected)], problems
