"""API tokens: a script calls the JSON API with a bearer token; revoked or foreign tokens get nothing."""
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import ApiToken, Article
from factcheck.services.accounts import accounts, api_tokens
from tests import factories
from tests.integration.test_ingest_services import ENGLISH


def _bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def test_a_token_submits_an_article_without_session_or_csrf(app, make_app):
    strict = make_app(WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    with strict.app_context():
        reviewer = factories.make_user(roles=["reviewer"])
        issued = api_tokens.issue(reviewer, name="CMS export")
        response = client.post("/api/articles", json={"text": ENGLISH, "title": "Homes"},
                               headers=_bearer(issued.secret))
        assert response.status_code == 202, response.get_json()
        assert "Set-Cookie" not in response.headers
        status = client.get(f"/api/articles/{response.get_json()['id']}", headers=_bearer(issued.secret))
        assert status.status_code == 200 and status.get_json()["status"] == "done"
        assert db.session.get(ApiToken, issued.token.id).last_used_at is not None
        # The same call from a browser session still needs the CSRF token.
        client.post("/auth/login", data={"email": reviewer.email, "password": factories.PASSWORD})
        assert client.post("/api/articles", json={"text": ENGLISH + " Again."}).status_code == 400


def test_revoked_unknown_and_disabled_tokens_get_401(client):
    user = factories.make_user(roles=["reviewer"])
    admin = factories.make_user(roles=["admin"])
    revoked = api_tokens.issue(user, name="old")
    api_tokens.revoke(user, revoked.token.id)
    live = api_tokens.issue(user, name="live")
    for secret in (revoked.secret, "fct_not-a-real-token", "something-else"):
        assert client.post("/api/articles", json={"text": ENGLISH}, headers=_bearer(secret)).status_code == 401
    accounts.set_active(admin, user.id, False)
    assert client.get("/api/articles/1", headers=_bearer(live.secret)).status_code == 401
    assert db.session.scalar(select(func.count(Article.id))) == 0


def test_a_token_carries_only_its_owners_roles(client):
    checker = factories.make_user(roles=["checker"])
    issued = api_tokens.issue(checker, name="script")
    response = client.post("/api/articles", json={"text": ENGLISH}, headers=_bearer(issued.secret))
    assert response.status_code == 403


def test_tokens_page_shows_the_secret_once_and_revokes(client, login_as):
    user = login_as("reviewer")
    page = client.post("/auth/tokens", data={"name": "Monitoring"}).get_data(as_text=True)
    secret = page.split('aria-label="New API token"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert secret.startswith("fct_")
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert token.token_hash != secret and secret not in client.get("/auth/tokens").get_data(as_text=True)
    assert client.post(f"/auth/tokens/{token.id}/revoke").status_code == 302
    assert db.session.get(ApiToken, token.id).revoked_at is not None
    other = api_tokens.issue(factories.make_user(), name="not yours")
    assert client.post(f"/auth/tokens/{other.token.id}/revoke").status_code == 404
    assert client.post("/auth/tokens", data={"name": ""}).status_code == 422
