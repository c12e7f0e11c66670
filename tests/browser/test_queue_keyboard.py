"""Keyboard triage in a real browser (Debian's Chromium) against a real server, with the CSP on.

j/k move the selection, a accepts, d asks the reason and dismisses, m asks the target and merges, ? shows
the keys; htmx redraws the rows in place and a stale row answers with a readable 409 message.
"""
from __future__ import annotations

from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.services.claims import triage
from tests import factories


def _claim(claim_id: int) -> Claim:
    db.session.expire_all()
    return db.session.get(Claim, claim_id)


def test_keyboard_triage_with_htmx(server, browser_page):
    page, problems = browser_page
    reviewer = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(name="Clavier", members=[(reviewer, "reviewer")])
    first, second, third, fourth = (factories.make_claim(queue=queue, checkworthiness=s, text=f"Affirmation {s}")
                                    for s in (0.9, 0.8, 0.7, 0.6))
    kept = factories.make_claim(queue=queue, checkworthiness=0.5, text="La version gardée")

    page.goto(f"{server}/auth/login")
    page.fill("input[name=email]", reviewer.email)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{server}/queues/{queue.id}?kind=statement")
    page.evaluate("window.__noReload = true")  # gone if any action navigates instead of swapping a row

    page.keyboard.press("j")
    page.wait_for_selector(f"#claim-{first.id}.is-selected")
    page.keyboard.press("j")
    page.wait_for_selector(f"#claim-{second.id}.is-selected")
    page.keyboard.press("k")
    page.wait_for_selector(f"#claim-{first.id}.is-selected")

    page.keyboard.press("a")  # accept
    page.wait_for_selector(f"#claim-{first.id} .badge-status.status-triaged")
    page.wait_for_selector(f"#claim-{first.id}.is-selected")
    assert "accepted" in page.inner_text("#queue-status")

    page.keyboard.press("j")
    page.keyboard.press("d")  # dismiss: asks the reason
    page.wait_for_selector("#dismiss-dialog[open]")
    page.check("#dismiss-dialog input[value=opinion]")
    page.click("#dismiss-dialog button[value=ok]")
    page.wait_for_selector(f"#claim-{second.id} .badge-status.status-dismissed")

    page.keyboard.press("j")
    page.keyboard.press("m")  # merge: asks the claim to keep
    page.wait_for_selector("#merge-dialog[open]")
    page.fill("#merge-target", str(kept.id))
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#claim-{third.id} .badge-status.status-merged")
    page.wait_for_selector(f"#claim-{kept.id} .seen")  # the kept row is redrawn out of band
    assert "seen in 2 articles" in page.inner_text(f"#claim-{kept.id}")

    page.keyboard.press("?")
    page.wait_for_selector("#keys-dialog[open]")
    page.keyboard.press("Escape")
    page.wait_for_selector("#keys-dialog", state="hidden")

    # Someone else changes the fourth claim: the keyboard action gets the 409 message, nothing is written.
    triage.set_priority(factories.make_user(roles=["editor"]), fourth.id, expected_version=fourth.version_id,
                        priority=1)
    page.keyboard.press("j")
    page.wait_for_selector(f"#claim-{fourth.id}.is-selected")
    page.keyboard.press("a")
    page.wait_for_selector("#queue-status.is-error")
    assert "Someone else changed" in page.inner_text("#queue-status")

    assert page.evaluate("window.__noReload") is True
    assert _claim(first.id).status == "triaged"
    assert (_claim(second.id).status, _claim(second.id).dismiss_reason) == ("dismissed", "opinion")
    assert _claim(third.id).status == "merged" and _claim(fourth.id).status == "new"
    assert _claim(third.id).canonical_claim_id == kept.id  # merged into the kept claim's duplicate group
    csp = [p for p in problems if "Content Security Policy" in p or "Refused to" in p]
    assert not csp, csp
    # The 409 of the stale row is the one expected console error (a failed request).
    unexpected = [p for p in problems if "409" not in p and not p.endswith("/favicon.ico")]
    assert not unexpected, unexpected


def test_without_javascript_the_forms_still_work(server, browser_page):
    page, _ = browser_page
    context = page.context.browser.new_context(java_script_enabled=False)
    nojs = context.new_page()
    reviewer = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(name="Sans JS", members=[(reviewer, "reviewer")])
    claim = factories.make_claim(queue=queue)
    nojs.goto(f"{server}/auth/login")
    nojs.fill("input[name=email]", reviewer.email)
    nojs.fill("input[name=password]", factories.PASSWORD)
    nojs.click("button[type=submit]")
    nojs.goto(f"{server}/queues/{queue.id}?sort=oldest")
    nojs.click(f"#claim-{claim.id} .row-menu-toggle")  # a page with the row's menu open
    nojs.select_option(f"#reason-{claim.id}", "out_of_scope")
    nojs.click(f"#claim-{claim.id} form[data-action=dismiss] button")
    nojs.wait_for_selector(f"#claim-{claim.id} .badge-status.status-dismissed, .empty")
    assert nojs.url.startswith(f"{server}/queues/{queue.id}?sort=oldest")
    assert f"Claim #{claim.id} dismissed." in nojs.content()
    assert _claim(claim.id).status == "dismissed"
    context.close()
