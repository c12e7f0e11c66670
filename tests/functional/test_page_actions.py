"""Rendered pages: the claim page offers exactly the actions the view model allows, every form that posts carries
its CSRF token, and every page holds the one htmx configuration the CSP needs.

The CSRF and htmx checks walk every HTML page the app serves with GET (with CSRF protection on, as in
production), so a new page is checked without being listed here; a new URL argument needs an id in ``_ids``.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from factcheck.extensions import db
from factcheck.models.export import ExportJob
from factcheck.models.webhook import WebhookDelivery, WebhookEndpoint
from factcheck.web.security_headers import CSP
from tests import factories
from tests.factories import client_for

LOGOUT = ("post", "/auth/logout", "Log out")


class _Page(HTMLParser):
    """Forms (method, action, attributes, inputs, submit label) and button-styled links of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.links: list[tuple[str, str, str]] = []
        self.metas: list[dict] = []
        self.hx_posts: list[str] = []
        self._form: dict | None = None
        self._button: list[str] | None = None
        self._link: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "hx-post" in a:
            self.hx_posts.append(tag)
        if tag == "meta":
            self.metas.append(a)
        elif tag == "form":
            self._form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "attrs": a,
                          "inputs": [], "label": ""}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None:
            self._form["inputs"].append(a)
        elif tag == "button" and self._form is not None and a.get("type", "submit") == "submit":
            self._button = []
        elif tag == "a" and "btn" in a.get("class", "").split():
            self._link = {"href": a.get("href", ""), "text": []}

    def handle_data(self, data):
        if self._button is not None:
            self._button.append(data)
        if self._link is not None:
            self._link["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None and self._form is not None:
            self._form["label"] = self._form["label"] or "".join(self._button).strip()
            self._button = None
        elif tag == "form":
            self._form = None
        elif tag == "a" and self._link is not None:
            self.links.append(("get", self._link["href"], "".join(self._link["text"]).strip()))
            self._link = None

    def actions(self) -> set[tuple[str, str, str]]:
        """What a person can do on the page: each form that posts and each button-styled link."""
        posts = {("post", f["action"], f["label"]) for f in self.forms if f["method"] == "post"}
        return posts | set(self.links)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


# --- the claim page shows exactly the allowed buttons ------------------------------------------------------

@pytest.fixture()
def triaged_claim(app):
    """A triaged, unassigned claim with two evidence items, one removed, and the other half of a dispute."""
    claim = factories.make_claim(status="triaged")
    denial = factories.make_claim(status="triaged", text="Le ministère dément.")
    factories.make_link(source=denial, target=claim, type="denies")
    first, second = factories.make_evidence(claim=claim), factories.make_evidence(claim=claim)
    removed = factories.make_evidence(claim=claim)
    removed.removed_at = removed.added_at
    db.session.commit()
    return claim, (first, second, removed)


def test_a_checker_sees_the_review_and_source_actions(app, triaged_claim):
    claim, (first, second, removed) = triaged_claim
    client, _ = client_for(app, "checker")
    page = _parse(client.get(f"/claims/{claim.id}").get_data(as_text=True))
    c = f"/claims/{claim.id}"
    assert page.actions() == {
        ("post", f"{c}/start-review", "Start review"),
        ("post", f"{c}/start-review-pair", "Start review on both"),
        ("post", f"{c}/evidence/{first.id}/move", "↓ Down"),
        ("get", f"{c}/evidence/{first.id}/edit", "Edit"),
        ("post", f"{c}/evidence/{first.id}/remove", "Remove"),
        ("post", f"{c}/evidence/{second.id}/move", "↑ Up"),
        ("get", f"{c}/evidence/{second.id}/edit", "Edit"),
        ("post", f"{c}/evidence/{second.id}/remove", "Remove"),
        ("post", f"{c}/evidence/{removed.id}/restore", "Restore"),
        ("get", f"{c}/sources/new", "Attach a source"),
        ("post", f"{c}/comments", "Post comment"),
        *_corrections(c),
        ("post", f"{c}/unlink-denial", "Unlink"),
        LOGOUT,
    }


def _corrections(c: str) -> set[tuple[str, str, str]]:
    """What a reviewer or checker may correct on a claim they may change (factcheck/claims/correction_views.py)."""
    return {("get", f"{c}/edit", "Edit"), ("post", f"{c}/split", "Split in two")}


def test_a_reviewer_may_comment_and_correct_the_claim(app, triaged_claim):
    claim, _ = triaged_claim
    client, _ = client_for(app, "reviewer")
    page = _parse(client.get(f"/claims/{claim.id}").get_data(as_text=True))
    c = f"/claims/{claim.id}"
    assert page.actions() == {("post", f"{c}/comments", "Post comment"), *_corrections(c),
                              ("post", f"{c}/unlink-denial", "Unlink"), LOGOUT}


def test_an_editor_on_a_claim_in_review_with_a_draft(app):
    owner = factories.make_user(roles=["checker"])
    claim = factories.make_claim(status="in_review", assignee=owner)
    verdict = factories.make_verdict(claim=claim, author=owner)
    client, _ = client_for(app, "editor")  # claims.edit_any: someone else's claim is theirs to change too
    page = _parse(client.get(f"/claims/{claim.id}").get_data(as_text=True))
    c = f"/claims/{claim.id}"
    assert page.actions() == {
        ("get", f"{c}/verdict", "Edit verdict draft"),
        ("post", f"{c}/needs-more-info", "Mark as needing more information"),
        ("get", f"{c}/sources/new", "Attach a source"),
        ("post", f"{c}/verdict/submit", "Submit for editorial review"),
        ("get", f"/editorial/verdicts/{verdict.id}", "Editorial view"),
        ("post", f"{c}/comments", "Post comment"),
        *_corrections(c),
        LOGOUT,
    }
    # the version each form was based on travels with it
    forms = {f["action"]: {i["name"]: i.get("value") for i in f["inputs"]} for f in page.forms}
    assert forms[f"{c}/verdict/submit"]["version_id"] == str(verdict.version_id)
    assert forms[f"{c}/needs-more-info"]["version_id"] == str(claim.version_id)


# --- every form that posts carries its CSRF token; one htmx configuration ---------------------------------

# Endpoints that answer something other than an HTML page.
NOT_HTML = {"static", "main.healthz", "api.csrf", "api.article_status", "admin.audit_csv", "public.feed",
            "public.claim_reviews", "articles.status", "admin.preview_rule", "public.sitemap",
            "public.embed",  # the embed card: a standalone page for other sites' iframes, no form, no htmx
            "queue.export_claims_csv", "queue.export_queue_csv", "queue.export_claim_reviews",
            "queue.export_download"}  # files: CSV and JSON lines


def _ids(admin) -> dict[str, object]:
    """One object of each kind, so every page has something to show and every URL argument a value."""
    queue = factories.make_queue(members=[(admin, "editor")])
    rule = factories.make_routing_rule(queue=queue, keywords=["vaccin"])
    article = factories.make_article()
    claim = factories.make_claim(article=article, status="in_review", queue=queue)
    partner = factories.make_claim(article=article, status="triaged", queue=queue)
    factories.make_link(source=partner, target=claim, type="denies")
    evidence = factories.make_evidence(claim=claim)
    factories.make_evidence(claim=claim)
    factories.make_verdict(claim=claim, author=admin)
    proposed = factories.make_claim(article=article, status="verdict_proposed")
    verdict = factories.make_verdict(claim=proposed, status="proposed", author=factories.make_user(roles=["checker"]))
    published = factories.make_claim(article=article, status="published")
    public = factories.make_verdict(claim=published, status="published")
    public.public_slug, public.published_at = "les-chiffres", public.created_at
    factories.make_feed()
    factories.make_saved_view(user=admin)
    factories.make_invitation(token="tok")
    scale = factories.active_scale()
    webhook = WebhookEndpoint(url="https://hooks.example.org/", events="claim.created", secret="whsec_pages")
    db.session.add(webhook)
    db.session.flush()
    db.session.add(WebhookDelivery(endpoint_id=webhook.id, event="claim.created", payload={}, status="failed"))
    export = ExportJob(user_id=admin.id, kind="claims_csv", params={}, total=10, done=4, status="running")
    db.session.add(export)
    db.session.commit()
    return {"endpoint_id": webhook.id, "job_id": export.id, "claim_id": claim.id, "evidence_id": evidence.id,
            "verdict_id": verdict.id,
            "queue_id": queue.id,
            "rule_id": rule.id, "article_id": article.id, "scale_id": scale.id, "rating_id": scale.ratings[0].id,
            "user_id": admin.id, "slug": "les-chiffres", "token": "tok"}


def _strict_admin(make_app):
    """A client of an app with CSRF protection on, logged in as an admin (who may open every page)."""
    strict = make_app(WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    admin = factories.make_user(roles=["admin"])
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/auth/login").get_data(as_text=True))
    response = client.post("/auth/login", data={"email": admin.email, "password": factories.PASSWORD,
                                                "csrf_token": token.group(1)})
    assert response.status_code == 302
    return strict, client, admin


def _pages(strict, ids) -> list[str]:
    urls = []
    with strict.test_request_context():
        from flask import url_for

        for rule in strict.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in NOT_HTML or rule.rule.startswith("/api/"):
                continue  # the API answers JSON (its docs page is a plain document without htmx)
            missing = rule.arguments - ids.keys()
            assert not missing, f"{rule.rule}: give tests/functional/test_page_actions.py an id for {missing}"
            urls.append(url_for(rule.endpoint, **{a: ids[a] for a in rule.arguments}))
    return sorted(urls) + ["/claims/{claim_id}/sources/new?q=Rapport".format(**ids)]  # the reuse buttons too


def test_every_form_that_posts_carries_a_csrf_token_and_every_page_one_htmx_config(app, make_app):
    strict, client, admin = _strict_admin(make_app)
    ids = _ids(admin)
    checked_forms = 0
    for url in _pages(strict, ids):
        # the invitation page is for someone who is not logged in yet
        visitor = strict.test_client() if url.startswith("/auth/invitation/") else client
        response = visitor.get(url, follow_redirects=True)
        assert response.status_code == 200, url
        page = _parse(response.get_data(as_text=True))
        for form in (f for f in page.forms if f["method"] == "post"):
            tokens = [i.get("value") for i in form["inputs"] if i.get("name") == "csrf_token"]
            assert len(tokens) == 1 and tokens[0], f"{url}: the form posting to {form['action']} has no CSRF token"
            checked_forms += 1
        assert set(page.hx_posts) <= {"form"}, f"{url}: htmx posts from outside a form, without its CSRF token"
        configs = [m for m in page.metas if m.get("name") == "htmx-config"]
        assert len(configs) == 1, f"{url}: {len(configs)} htmx configurations"
    assert checked_forms > 50  # the walk reached the pages full of buttons


def test_the_htmx_configuration_fits_the_content_security_policy(client):
    page = _parse(client.get("/auth/login").get_data(as_text=True))
    (meta,) = [m for m in page.metas if m.get("name") == "htmx-config"]
    config = json.loads(meta["content"])
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert "'unsafe-inline'" not in directives["style-src"] and config["includeIndicatorStyles"] is False
    assert "'unsafe-eval'" not in directives["script-src"] and config["allowEval"] is False
    assert "'unsafe-inline'" not in directives["script-src"] and config["allowScriptTags"] is False
    assert config["selfRequestsOnly"] is True
