"""An admin invites a colleague naming a queue and a role; the invitee follows the link, sets a password and, once
logged in, finds that queue's claims waiting: in English and in French (the browser's language), the pages saying
so in their ``lang`` attribute and their labels."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from factcheck.extensions import db
from factcheck.models import User
from tests import factories
from tests.browser.conftest import log_in, open_page

LABELS = {
    "en": {
        "users": "Users",
        "create": "Create invitation link",
        "set": "Set password and log in",
        "welcome": "Your password is set. Welcome to factcheck.",
        "queues": "Queues",
        "member": "member",
        "log_out": "Log out",
    },
    "fr": {
        "users": "Utilisateurs",
        "create": "Créer le lien d’invitation",
        "set": "Choisir le mot de passe et se connecter",
        "welcome": "Votre mot de passe est enregistré. Bienvenue sur factcheck.",
        "queues": "Files",
        "member": "membre",
        "log_out": "Se déconnecter",
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_invited_reviewer_sets_a_password_and_finds_their_queue(server, chromium, lang):
    words = LABELS[lang]
    admin = factories.make_user(roles=["admin"])
    health = factories.make_queue(name="Santé")
    factories.make_queue(name="Sport")
    waiting = factories.make_claim(queue=health, text="Les urgences ont fermé 30 % de lits en 2025.")
    page, problems = open_page(chromium, lang)

    log_in(page, server, admin)
    assert page.get_attribute("html", "lang") == lang
    page.click(f"nav >> text={words['users']}")
    page.fill("input[name=email]", "nadia@example.org")
    page.fill("input[name=display_name]", "Nadia")
    page.check("input[name=roles][value=reviewer]")
    page.check(f"input[name=queues][value='{health.id}']")
    page.click(f"button:has-text('{words['create']}')")
    link = urlsplit(page.input_value("input.copy"))  # under PUBLIC_BASE_URL, not this test server
    page.click(f"button:has-text('{words['log_out']}')")

    page.goto(f"{server}{link.path}")
    assert page.get_attribute("html", "lang") == lang
    page.fill("input[name=new_password]", "une longue phrase de passe 2026")
    page.fill("input[name=confirm]", "une longue phrase de passe 2026")
    page.click(f"button:has-text('{words['set']}')")
    page.wait_for_url(f"{server}/queues/{health.id}")  # straight to the queue the invitation named
    assert words["welcome"] in page.inner_text(".flashes")
    assert page.locator(f"#claim-{waiting.id}").is_visible()

    page.click(f"nav >> text={words['queues']}")
    mine = page.locator(".queue-summaries tr", has_text="Santé")
    assert words["member"] in mine.inner_text()
    assert page.locator(".queue-summaries .chip").count() == 1  # a member of the queue named, of no other
    mine.locator("a").click()
    page.wait_for_url(f"{server}/queues/{health.id}")
    assert page.locator(f"#claim-{waiting.id}").is_visible()
    assert page.get_attribute("html", "lang") == lang

    nadia = db.session.query(User).filter_by(email="nadia@example.org").one()
    assert sorted(nadia.roles) == ["reviewer"] and nadia.locale is None  # the browser's language, not a profile's
    assert not problems, problems
    page.context.close()
