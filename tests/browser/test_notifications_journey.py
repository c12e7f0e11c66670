"""Notifications and "my work" in Chromium, in both languages: an English-speaking reviewer mentions a French
checker, who sees the bell count, reads the notification in French, marks it read and finds her claim in « Mon
travail », where the claim page opens with the sentence in view."""
from __future__ import annotations

from factcheck.extensions import db
from tests import factories
from tests.browser.conftest import log_in


def test_mention_bell_list_mark_read_and_my_work(server, browser_page):
    page, problems = browser_page
    rita = factories.make_user(roles=["reviewer"], display_name="Rita")
    claire = factories.make_user(roles=["checker"], display_name="Claire")
    claire.locale = "fr"
    db.session.commit()
    article = factories.make_article(text="Un paragraphe d’introduction. " * 150 + "La dette a doublé en 2025.")
    claim = factories.make_claim(article=article, status="in_review", assignee=claire,
                                 text="La dette a doublé en 2025.")
    claim.span_start, claim.span_end = len(article.raw_text) - 26, len(article.raw_text)  # deep in the article
    db.session.commit()

    log_in(page, server, rita)
    page.goto(f"{server}/claims/{claim.id}")
    page.fill("textarea[name=body]", "@Claire can you check the figure?")
    page.click("button:has-text('Post comment')")
    page.wait_for_selector("text=Comment posted.")
    page.goto(f"{server}/my-work")
    assert "Nothing is waiting for you" in page.inner_text("main")
    page.click("button:has-text('Log out')")

    log_in(page, server, claire)
    assert page.get_attribute(".bell", "aria-label") == "Notifications : 1 non lue"
    page.click(".bell")
    assert "Rita vous a mentionné dans un commentaire : « @Claire can you check the figure? »" in page.inner_text(
        ".notification-list")
    page.click("button:has-text('Tout marquer comme lu')")
    page.wait_for_selector("text=1 notification marquée comme lue.")
    assert page.get_attribute(".bell", "data-unread") == "0"
    page.click("nav >> text=Mon travail")
    assert "en vérification" in page.inner_text("#assigned-head + h3")
    page.click("text=La dette a doublé en 2025.")
    page.wait_for_url(f"{server}/claims/{claim.id}")
    assert page.evaluate("document.querySelector('.article-text').scrollTop") > 0  # the sentence scrolled into view
    assert not problems, problems
