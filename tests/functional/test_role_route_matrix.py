"""Every registered route × anonymous, reviewer, checker, editor, admin: the status the policy expects.

The expectation comes from the permission each view declares (``require_permission`` marks it), so a new
route that forgets its guard, or forgets to be classified here, fails this test.
"""
import pytest

from factcheck.permissions import ROLES, has_permission
from tests import factories

PUBLIC = {"auth.login", "main.healthz", "auth.accept_invitation", "static", "main.index", "public.index",
          "public.show", "public.feed", "public.claim_reviews", "public.search", "api_docs.openapi_json",
          "api_docs.page", "public.embed", "public.sitemap", "public.ratings", "public.rating_scale"}
LOGIN_ONLY = {"main.home", "auth.change_password", "auth.preferences_page", "auth.logout", "auth.tokens",
              "auth.revoke_token", "notifications.index", "notifications.mark_read", "notifications.mark_all_read",
              "notifications.my_work_page"}
# Per-user objects: the matrix's object belongs to nobody who visits, so the object check answers 404.
OWN_OBJECTS_ONLY = {"auth.revoke_token", "notifications.mark_read", "queue.export_job", "queue.export_download"}
# API actions whose every body field is optional: the empty call reaches the service, whose object check (queue
# membership) refuses a reviewer outside the claim's queue.
OBJECT_CHECKED_WITHOUT_BODY = {"api_claims.accept", "api_claims.restore"}
# Endpoints that answer a GET with a redirect rather than a page: always, or once signed in.
ALWAYS_REDIRECTS = {"main.index"}
SIGNED_IN_REDIRECTS = {"auth.login"}


def _objects():
    """One object of each kind, named by the URL parameters the blueprints use."""
    user = factories.make_user(roles=["checker"])
    factories.make_invitation(token="matrix-token")
    queue = factories.make_queue()
    article = factories.make_article()
    claim = factories.make_claim(article=article, queue=queue, status="in_review")
    evidence = factories.make_evidence(claim=claim)
    verdict = factories.make_verdict(claim=claim, author=user)
    scale = factories.active_scale()
    published = factories.make_verdict(claim=factories.make_claim(status="published"), status="published")
    published.public_slug, published.published_at = "matrix-slug", published.created_at
    return {
        "slug": "matrix-slug", "token_id": 999999, "notification_id": 999999,
        "user_id": user.id, "token": "matrix-token", "filename": "app.css", "queue_id": queue.id,
        "article_id": article.id, "claim_id": claim.id, "evidence_id": evidence.id,
        "source_id": evidence.source_id, "verdict_id": verdict.id, "scale_id": scale.id,
        "rating_id": scale.ratings[0].id, "rule_id": factories.make_routing_rule(queue=queue).id,
        "comment_id": factories.make_comment(claim=claim, author=user).id,
        "view_id": factories.make_saved_view(user=user).id, "feed_id": factories.make_feed().id,
        **_webhook_objects(), "match_id": _match_id(claim, published), "job_id": _export_job_id(),
    }


def _export_job_id() -> int:
    """Somebody's export: every other person gets a 404 for it."""
    from factcheck.extensions import db
    from factcheck.models.export import ExportJob

    job = ExportJob(user_id=factories.make_user().id, kind="claims_csv", params={}, status="done")
    db.session.add(job)
    db.session.commit()
    return job.id


def _match_id(claim, verdict) -> int:
    from factcheck.extensions import db
    from factcheck.models.matching import ClaimMatch

    match = ClaimMatch(claim_id=claim.id, verdict_id=verdict.id, method="semantic", score=0.97, shared_words=[])
    db.session.add(match)
    db.session.commit()
    return match.id


def _webhook_objects():
    from factcheck.extensions import db
    from factcheck.models.webhook import WebhookDelivery, WebhookEndpoint

    endpoint = WebhookEndpoint(url="https://hooks.example.org/", events="claim.created", secret="whsec_matrix")
    db.session.add(endpoint)
    db.session.flush()
    delivery = WebhookDelivery(endpoint_id=endpoint.id, event="claim.created", payload={}, status="failed")
    db.session.add(delivery)
    db.session.commit()
    return {"endpoint_id": endpoint.id, "delivery_id": delivery.id}


def _cases(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        methods = sorted(m for m in rule.methods if m in {"GET", "POST"})
        for method in methods:
            yield rule, method


def _expected(view, endpoint, role, method):
    permission = getattr(view, "required_permission", None)
    if endpoint in PUBLIC:
        if method == "GET" and (endpoint in ALWAYS_REDIRECTS or (role and endpoint in SIGNED_IN_REDIRECTS)):
            return {302}
        return {200, 302, 400, 422} if method == "POST" else {200}
    if role is None:
        return {401} if endpoint.startswith(("api.", "api_")) else {302}
    if permission and not has_permission([role], permission):
        return {403}
    if endpoint in OWN_OBJECTS_ONLY:
        return {404}
    if method == "GET":
        return {200}
    if endpoint in OBJECT_CHECKED_WITHOUT_BODY:
        return {200, 403, 409}
    return {200, 302, 303, 400, 409, 422}


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_route_answers_as_the_policy_says(app, role):
    objects = _objects()
    failures = []
    for rule, method in _cases(app):
        view = app.view_functions[rule.endpoint]
        assert rule.endpoint in PUBLIC | LOGIN_ONLY or getattr(view, "required_permission", None), (
            f"{rule.endpoint} declares no permission and is not classified as public or login-only")
        client = app.test_client()
        if role:
            user = factories.make_user(roles=[role])
            client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
        url = rule.build({k: objects[k] for k in rule.arguments}, append_unknown=False)[1]
        response = client.open(url, method=method)
        response.close()
        expected = _expected(view, rule.endpoint, role, method)
        if response.status_code not in expected:
            failures.append(f"{method} {url} as {role}: {response.status_code}, expected {sorted(expected)}")
        if response.status_code >= 500:
            failures.append(f"{method} {url} as {role}: server error")
    assert not failures, "\n".join(failures)
