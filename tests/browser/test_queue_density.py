"""The dense queue page in Debian's Chromium: at least 8 claims on a 1366×768 screen, fewer than 120 tab stops on a
full page, the shortcut sheet behind ``?``, and a row's menu loaded on demand and worked by keyboard."""

from __future__ import annotations

from factcheck.extensions import db
from factcheck.models import Claim
from tests import factories
from tests.browser.conftest import log_in

TEXT = (
    "Le gouvernement a supprimé {n} postes d’enseignants dans les écoles primaires depuis le début du "
    "quinquennat, alors que les effectifs d’élèves n’ont cessé d’augmenter selon l’opposition."
)

# Rows whose whole box is inside the viewport.
ROWS_IN_VIEW = """() => Array.from(document.querySelectorAll('[data-queue-list] > .claim-row')).filter(row => {
  const box = row.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}).length"""

# Press Tab from the top of the page until the focus comes back to an element it has visited: the tab stops.
COUNT_TAB_STOPS = 400


def _full_queue(user, role: str):
    """A queue with a full page of claims (25) like a desk's, two of them an accusation and its denial."""
    queue = factories.make_queue(name="Éducation", members=[(user, role)])
    claims = [
        factories.make_claim(
            queue=queue,
            text=TEXT.format(n=n),
            claimant="la députée Marie Durand",
            checkworthiness=0.9 - n / 100,
            priority=n % 2,
        )
        for n in range(23)
    ]
    accusation = factories.make_claim(
        queue=queue, kind="accusation", text=TEXT.format(n=99), claimant="l’opposition", checkworthiness=0.95
    )
    denial = factories.make_claim(
        queue=queue,
        kind="denial",
        text="Le ministère dément ces chiffres.",
        claimant="le ministère",
        checkworthiness=0.3,
    )
    factories.make_link(source=denial, target=accusation, type="denies")
    factories.make_claim(queue=queue, text=TEXT.format(n=1000), checkworthiness=0.01)  # on the next page
    return queue, [accusation, denial, *claims]


def _tab_stops(page) -> int:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen = 0
    for _ in range(COUNT_TAB_STOPS):
        page.keyboard.press("Tab")
        again = page.evaluate("""() => {
          const el = document.activeElement;
          if (!el || el === document.body) return false;
          if (el.dataset.tabStop) return true;
          el.dataset.tabStop = '1';
          return false;
        }""")
        if again:
            return seen
        seen += 1
    raise AssertionError(f"the focus did not come back after {COUNT_TAB_STOPS} presses of Tab")


def test_a_laptop_screen_shows_8_claims_and_a_full_page_has_fewer_than_120_tab_stops(server, browser_page):
    page, problems = browser_page
    editor = factories.make_user(roles=["editor"])  # the longest navigation, every action on every row
    queue, _ = _full_queue(editor, "editor")
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, server, editor)
    page.goto(f"{server}/queues/{queue.id}")
    assert page.locator("[data-queue-list] > .claim-row").count() == 25

    assert page.evaluate(ROWS_IN_VIEW) >= 8
    assert _tab_stops(page) < 120
    assert not problems, problems


def test_the_shortcut_sheet_and_a_rows_menu_by_keyboard(server, browser_page):
    page, problems = browser_page
    reviewer = factories.make_user(roles=["reviewer"])
    queue, (accusation, denial, first, *_rest) = _full_queue(reviewer, "reviewer")
    log_in(page, server, reviewer)
    page.goto(f"{server}/queues/{queue.id}")

    # "?" opens the sheet, a modal dialog listing every key; Escape closes it and the focus returns.
    page.keyboard.press("j")
    page.wait_for_selector(f"#claim-{accusation.id}.is-selected")
    page.keyboard.press("?")
    sheet = page.get_by_role("dialog", name="Keyboard shortcuts")
    sheet.wait_for()
    keys = sheet.locator("kbd").all_inner_texts()
    assert {"j", "k", "x", "a", "d", "m", "o", "Esc", "?"} <= set(keys)
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == f"claim-{accusation.id}"
    # The same sheet from its button, for those who do not know the key yet.
    page.click(".keys-open")
    sheet.wait_for()
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('keys-open')")

    # The row shows the denial that answers it; "o" loads its menu and focuses its first control.
    assert "Denied by" in page.inner_text(f"#claim-{accusation.id}")
    assert page.locator(f"#claim-{accusation.id} form").count() == 0
    page.keyboard.press("o")
    page.wait_for_selector(f"#menu-{accusation.id} form[data-action=pair]")
    assert page.get_attribute(f"#claim-{accusation.id} .row-menu-toggle", "aria-expanded") == "true"
    assert page.evaluate("document.activeElement.closest('.row-menu') !== null")
    page.keyboard.press("Escape")
    page.wait_for_selector(f"#menu-{accusation.id}", state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('row-menu-toggle')")

    # A form of the menu redraws its row in place: a priority set through it.
    page.click(f"#claim-{first.id} .row-menu-toggle")
    page.select_option(f"#priority-{first.id}", "3")
    page.click(f"#claim-{first.id} form[data-action=priority] button")
    page.wait_for_selector(f"#claim-{first.id} .badge-priority")
    db.session.expire_all()
    assert db.session.get(Claim, first.id).priority == 3

    # Bulk still works: x selects rows (the two above the one just redrawn), the bulk form applies to them.
    for _ in range(2):
        page.keyboard.press("k")
        page.keyboard.press("x")
    page.select_option("#bulk-action", "accept")
    page.click("#bulk-form button[type=submit]")
    page.wait_for_selector(".flash-success")
    db.session.expire_all()
    assert [db.session.get(Claim, c.id).status for c in (accusation, denial)] == ["triaged", "triaged"]
    assert not problems, problems
