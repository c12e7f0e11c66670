"""axe-core and phone widths on every main page, in English and French, on a laptop (1366×768) and a phone (375×812).

One server, one Chromium and one login per language serve the whole module. axe-core comes from npm
(``node_modules/axe-core``, installed by ``make assets``); a serious or critical finding fails the test named
after the page, language and size, with the rule and the elements in the message. At phone width no page may
scroll sideways.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from factcheck.extensions import db
from factcheck.models.webhook import WebhookEndpoint
from factcheck.services.accounts import api_tokens
from factcheck.services.claims import comments
from factcheck.services.verdicts import drafting, editorial, scales
from tests import factories
from tests.browser.conftest import BROWSER_LOCALES, log_in, serve
from tests.conftest import ROOT, build_extra_app, limiter_state_kept

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 812}}
LANGS = ("en", "fr")
BLOCKING = ("serious", "critical")

# page name → (who looks at it, address with the seeded ids filled in)
PAGES = {
    "login": ("reader", "/auth/login"),
    "home": ("admin", "/home"),
    "queue-list": ("admin", "/queues/"),
    "queue": ("admin", "/queues/{queue}"),
    "claim": ("admin", "/claims/{claim}"),
    "verdict-form": ("admin", "/claims/{mine}/verdict"),
    "editorial-list": ("admin", "/editorial/"),
    "editorial": ("admin", "/editorial/verdicts/{proposed}"),
    "my-work": ("admin", "/my-work"),
    "notifications": ("admin", "/notifications/"),
    "admin-users": ("admin", "/admin/users"),
    "admin-user": ("admin", "/admin/users/{user}"),
    "admin-queues": ("admin", "/admin/queues"),
    "admin-queue": ("admin", "/admin/queues/{queue}"),
    "admin-scales": ("admin", "/admin/scales"),
    "admin-scale": ("admin", "/admin/scales/{scale}"),
    "admin-settings": ("admin", "/admin/settings"),
    "audit-log": ("admin", "/admin/audit"),
    "dashboard": ("admin", "/admin/dashboard"),
    "webhooks": ("admin", "/admin/webhooks"),
    "webhook": ("admin", "/admin/webhooks/{webhook}"),
    "feeds": ("admin", "/articles/feeds"),
    "articles": ("admin", "/articles/"),
    "paste-form": ("admin", "/articles/new"),
    "article": ("admin", "/articles/{article}"),
    "api-tokens": ("admin", "/auth/tokens"),
    "preferences": ("admin", "/auth/preferences"),
    "public-list": ("reader", "/factchecks/"),
    "public-factcheck": ("reader", "/factchecks/{slug}"),
    "search": ("reader", "/factchecks/search?q=postes"),
}


@dataclass
class Site:
    url: str
    ids: dict
    browser: object
    logins: dict = field(default_factory=dict)  # language → the admin's storage state
    tabs: dict = field(default_factory=dict)  # (who, language, size) → a page in its own context


def _submitted(checker, article, queue, lang: str):
    """A verdict the checker drafted and submitted on a claim in ``lang``, rated on that language's scale."""
    claim = factories.make_claim(article=article, queue=queue, status="in_review", assignee=checker, language=lang,
                                 text={"en": "1,200 jobs by 2027.", "fr": "1 200 postes d’ici 2027."}[lang])
    rating = scales.scale_for_claim(claim).ratings[4]  # False, Faux
    return drafting.save_and_submit(checker, claim.id, drafting.DraftInput(
        rating.id, {"en": "The figures are inflated.", "fr": "Les chiffres sont gonflés."}[lang],
        "Selon **l’Insee**, 300 postes.", [], 0))


def _seed() -> dict:
    """Content for every page: an admin per language, a queue, claims at each stage, a verdict waiting for review,
    one published in each language, notifications, audit rows with JSON, a webhook and an API token."""
    factories.reset_database()
    scales.ensure_default_scale("fr")
    admins = {lang: factories.make_user(roles=["admin"], display_name=name) for lang, name in
              (("en", "Ada"), ("fr", "Aline"))}
    for lang, admin in admins.items():
        admin.locale = lang
    checker = factories.make_user(roles=["checker"], display_name="Chloe")
    factories.make_feed(title="Le Quotidien")
    queue = factories.make_queue(name="Politique", members=[(admins["en"], "reviewer"), (admins["fr"], "reviewer"),
                                                            (checker, "checker")])
    article = factories.make_article(text=factories.ARTICLE_TEXT + " Un long paragraphe de contexte." * 80,
                                     url="https://journal.example/emploi")
    claim = factories.make_claim(article=article, queue=queue)
    factories.make_claim(article=article, queue=queue, kind="accusation", text="Le gouvernement gonfle les chiffres.")
    mine = {lang: factories.make_claim(article=article, queue=queue, status="in_review", assignee=admin)
            for lang, admin in admins.items()}
    factories.make_evidence(claim=claim)
    proposed = _submitted(checker, article, queue, "fr")
    published = {lang: editorial.approve(admins["en"], verdict.id, expected_version=verdict.version_id,
                                         publish=True).public_slug
                 for lang, verdict in ((lang, _submitted(checker, article, queue, lang)) for lang in LANGS)}
    comments.add_comment(checker, claim.id, body="@Ada @Aline le chiffre est-il sourcé ?")
    webhook = WebhookEndpoint(url="https://hooks.example.org/factcheck", events="verdict.published",
                              secret="whsec_test", created_by_id=admins["en"].id)
    db.session.add(webhook)
    db.session.commit()
    for admin in admins.values():
        api_tokens.issue(admin, name="CMS")
    return {"queue": queue.id, "claim": claim.id, "mine": {k: c.id for k, c in mine.items()},
            "proposed": proposed.id, "article": article.id, "slug": published, "user": checker.id,
            "scale": factories.active_scale().id, "webhook": webhook.id,
            "email": {k: a.email for k, a in admins.items()}}


@pytest.fixture(scope="module")
def site(_migrated_app, chromium):
    assert AXE.exists(), "axe-core is missing: run `make assets` (npm ci)"
    with limiter_state_kept():
        served = build_extra_app(WTF_CSRF_ENABLED=True, SERVER_NAME=None)
        celery = _migrated_app.extensions["celery"]
        celery.set_current()  # the served app must not stay Celery's current one
        celery.set_default()
        with _migrated_app.app_context():
            ids = _seed()
            db.session.remove()
        with serve(served) as url:
            site = Site(url, ids, chromium)
            yield site
        for page in site.tabs.values():
            page.context.close()


def _admin_state(site: Site, lang: str):
    if lang not in site.logins:
        context = site.browser.new_context()
        log_in(context.new_page(), site.url, SimpleNamespace(email=site.ids["email"][lang]))
        site.logins[lang] = context.storage_state()
        context.close()
    return site.logins[lang]


def open_page(site: Site, name: str, lang: str, size: str):
    """The page ``name`` as its audience sees it in ``lang`` at ``size``, loaded."""
    who, address = PAGES[name]
    key = (who, lang, size)
    if key not in site.tabs:
        # bypass_csp lets Playwright inject axe's script; the CSP itself is tested elsewhere
        context = site.browser.new_context(viewport=SIZES[size], locale=BROWSER_LOCALES[lang], bypass_csp=True,
                                           storage_state=_admin_state(site, lang) if who == "admin" else None)
        context.set_default_timeout(10_000)
        site.tabs[key] = context.new_page()
    page = site.tabs[key]
    ids = {key: value[lang] if isinstance(value, dict) else value for key, value in site.ids.items()}
    response = page.goto(site.url + address.format(**ids), wait_until="load")
    assert response.status == 200, f"{name} answered {response.status}"
    assert page.get_attribute("html", "lang") == lang  # the page really is in the language under test
    return page


def blocking_findings(page) -> list[str]:
    """axe-core's serious and critical violations on the loaded page, one line per rule with its elements."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in violations if v["impact"] in BLOCKING]


# the outermost elements reaching past the screen's right edge (not clipped by a scrolling box), to name in a failure
WIDEST = """() => {
  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
  const wide = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(e));
  return wide.filter(e => !wide.includes(e.parentElement)).slice(0, 6)
    .map(e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('')); }"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_axe_finding(site, name, lang, size):
    findings = blocking_findings(open_page(site, name, lang, size))
    assert not findings, f"{name} [{lang}, {size}]:\n" + "\n".join(findings)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scroll_on_a_phone(site, name, lang):
    page = open_page(site, name, lang, "phone")
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport, f"{name} [{lang}] is {width} px wide on a {viewport} px screen: {page.evaluate(WIDEST)}"


def test_axe_reports_a_keyboard_unreachable_scroll_box(site):
    """The check itself works: a scrollable box without a tab stop is reported (serious)."""
    page = open_page(site, "login", "en", "desktop")
    page.evaluate("""() => { const box = document.createElement('div');
        box.style.cssText = 'height:40px;overflow:auto'; box.innerHTML = '<p>' + 'text '.repeat(400) + '</p>';
        document.querySelector('main').append(box); }""")
    assert any(f.startswith("scrollable-region-focusable") for f in blocking_findings(page))
