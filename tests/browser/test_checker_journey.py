"""A checker's day in Chromium, in English and in French: take the next claim of the queue, start the review,
attach a source, draft the verdict with the Markdown preview, submit; an editor (in a browser of their own) sends
it back; the checker sees the bell count, reads why, fixes the summary and submits again."""

from __future__ import annotations

import pytest

from factcheck.extensions import db
from factcheck.models import Claim, Verdict
from tests import factories
from tests.browser.conftest import log_in, open_page
from tests.browser.desk_languages import STORY, claim_in

LABELS = {
    "en": {
        "take": "Take next claim",
        "yours": "is yours",
        "start": "Start review",
        "attach": "Attach a source",
        "attach_button": "Attach source",
        "attached": "Source attached.",
        "draft": "Draft a verdict",
        "save": "Save draft",
        "edit": "Edit verdict draft",
        "save_submit": "Submit for editorial review",
        "send_back_open": "Send back to the checker…",
        "send_back": "Send back",
        "bell": "Notifications: 1 unread",
        "sent_back": "sent your verdict back",
        "log_out": "Log out",
    },
    "fr": {
        "take": "Prendre l’affirmation suivante",
        "yours": "est pour vous",
        "start": "Commencer la vérification",
        "attach": "Joindre une source",
        "attach_button": "Joindre la source",
        "attached": "Source jointe.",
        "draft": "Rédiger un verdict",
        "save": "Enregistrer le brouillon",
        "edit": "Modifier le brouillon de verdict",
        "save_submit": "Soumettre à l’édition",
        "send_back_open": "Renvoyer au vérificateur…",
        "send_back": "Renvoyer",
        "bell": "Notifications : 1 non lue",
        "sent_back": "vous a renvoyé votre verdict",
        "log_out": "Se déconnecter",
    },
}
NOTE = {"en": "Name the finance act's article.", "fr": "Citez l’article de la loi de finances."}
FIXED = {
    "en": "The finance act funds only 400 of the 1,200 posts.",
    "fr": "La loi de finances ne finance que 400 des 1 200 postes.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_take_next_attach_draft_with_preview_sent_back_notified_fix_resubmit(server, chromium, lang):
    words, story = LABELS[lang], STORY[lang]
    checker = factories.make_user(roles=["checker"], display_name="Claire")
    editor = factories.make_user(roles=["editor"], display_name="Eddie")
    queue = factories.make_queue(name="Éducation", members=[(checker, "checker")])
    claim = claim_in(lang, status="triaged", queue=queue)
    page, problems = open_page(chromium, lang)

    log_in(page, server, checker)
    page.goto(f"{server}/queues/{queue.id}")
    page.click(f"button:has-text('{words['take']}')")
    assert f"{claim.id} {words['yours']}" in page.inner_text(".flashes")
    page.goto(f"{server}/claims/{claim.id}")
    assert page.get_attribute("html", "lang") == lang
    page.click(f"button:has-text('{words['start']}')")
    page.click(f"text={words['attach']}")
    page.fill("textarea[name=citation]", "Loi de finances 2026, art. 42")
    page.select_option("select[name=stance]", "refutes")
    page.fill("textarea[name=excerpt]", story["summary"])
    page.click(f"button:has-text('{words['attach_button']}')")
    assert words["attached"] in page.inner_text(".flashes")
    assert "Loi de finances 2026, art. 42" in page.inner_text("#evidence")

    page.click(f"text={words['draft']}")
    page.select_option("select[name=rating_id]", label=story["rating"])
    page.fill("input[name=summary]", story["summary"])
    page.fill("textarea[name=explanation]", story["explanation"])
    page.wait_for_selector("#verdict-preview strong")  # the Markdown preview beside the editor, as typed
    page.check("input[name=evidence_ids]")
    page.click(f"button:has-text('{words['save']}')")
    page.click(f"button:has-text('{words['save_submit']}')")
    page.wait_for_url(f"{server}/claims/{claim.id}")
    verdict = db.session.query(Verdict).filter_by(claim_id=claim.id).one()
    assert verdict.status == "proposed" and len(verdict.evidence) == 1

    desk, desk_problems = open_page(chromium, lang)  # the editor, at the same time, in a browser of their own
    log_in(desk, server, editor)
    desk.goto(f"{server}/editorial/verdicts/{verdict.id}")
    desk.click(f"text={words['send_back_open']}")
    desk.fill("textarea[name=note]", NOTE[lang])
    desk.click(f"#editor-actions button:has-text('{words['send_back']}')")
    desk.wait_for_url(f"{server}/editorial/**")

    page.goto(f"{server}/home")
    assert page.get_attribute(".bell", "aria-label") == words["bell"]
    page.click(".bell")
    told = page.inner_text(".notification-list")
    assert words["sent_back"] in told and NOTE[lang] in told and "Eddie" in told
    page.click(f".notification-list >> text={story['claim']}")
    page.wait_for_url(f"{server}/claims/{claim.id}")
    page.click(f"text={words['edit']}")
    assert page.input_value("textarea[name=explanation]") == story["explanation"]  # the text came back intact
    page.fill("input[name=summary]", FIXED[lang])
    page.click(f"button:has-text('{words['save_submit']}')")
    page.wait_for_url(f"{server}/claims/{claim.id}")

    db.session.expire_all()
    verdict = db.session.get(Verdict, verdict.id)
    assert (verdict.status, verdict.summary, verdict.author_id) == ("proposed", FIXED[lang], checker.id)
    assert db.session.get(Claim, claim.id).status == "verdict_proposed"
    assert not problems + desk_problems, problems + desk_problems
    desk.context.close()
    page.context.close()
