"""The v1 API's later additions: a token's own rate limit (set by an admin), q= search of the article and verdict
lists, and the rest of the desk's triage (restore, merge, priority) and Start review."""
from factcheck.extensions import db
from factcheck.models import ApiToken
from factcheck.services.accounts import api_tokens
from tests import factories

PROBLEM = "application/problem+json"


def _bearer(user, scopes=("read", "write")):
    issued = api_tokens.issue(user, name="script", scopes=scopes)
    return issued.token, {"Authorization": f"Bearer {issued.secret}"}


def test_an_admin_gives_one_token_its_own_rate_limit(app, make_app):
    limited = make_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT="5 per minute", RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    user, admin = factories.make_user(roles=["reviewer"]), factories.make_user(roles=["admin"])
    (slow_token, slow), (_, usual) = _bearer(user, ["read"]), _bearer(user, ["read"])
    api_tokens.set_rate_limit(admin, user.id, slow_token.id, "1 per minute")
    assert [client.get("/api/v1/articles", headers=slow).status_code for _ in range(2)] == [200, 429]
    assert [client.get("/api/v1/articles", headers=usual).status_code for _ in range(5)] == [200] * 5
    assert client.get("/api/v1/articles", headers=usual).status_code == 429  # the instance's 5 per minute


def test_the_admin_page_sets_and_clears_a_tokens_limit(app):
    admin_client, _ = factories.client_for(app, "admin")
    user = factories.make_user(roles=["reviewer"])
    token, _ = _bearer(user)
    page = admin_client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "script" in page and "120 per minute;3000 per hour" in page
    url = f"/admin/users/{user.id}/token-rate-limit"
    assert admin_client.post(url, data={"token_id": token.id, "rate_limit": "30 per minute"}).status_code == 302
    assert db.session.get(ApiToken, token.id).rate_limit == "30 per minute"
    bad = admin_client.post(url, data={"token_id": token.id, "rate_limit": "lots"})
    assert bad.status_code == 422 and "is not a rate limit" in bad.get_data(as_text=True)
    assert admin_client.post(url, data={"token_id": token.id, "rate_limit": ""}).status_code == 302
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).rate_limit is None
    other = factories.make_user(roles=["admin"])
    assert admin_client.post(f"/admin/users/{other.id}/token-rate-limit",
                             data={"token_id": token.id, "rate_limit": "1 per day"}).status_code == 404
    editor_client, _ = factories.client_for(app, "editor")
    assert editor_client.post(url, data={"token_id": token.id, "rate_limit": "1000 per second"}).status_code == 403
    assert db.session.get(ApiToken, token.id).rate_limit is None


def test_articles_and_verdicts_are_searched_with_q(client):
    editor = factories.make_user(roles=["editor"])
    _, headers = _bearer(editor, ["read"])
    wanted = factories.make_article(title="L’invasion des frelons", text="Les frelons asiatiques progressent.")
    factories.make_article(title="Budget", text="Le budget de la commune augmente.")
    found = client.get("/api/v1/articles?q=frelons", headers=headers).get_json()
    assert [a["id"] for a in found["items"]] == [wanted.id]
    claim = factories.make_claim(text="Les frelons tuent les abeilles.")
    verdict = factories.make_verdict(claim=claim, summary="Les frelons ne tuent pas toutes les abeilles.")
    factories.make_verdict(claim=factories.make_claim(text="Le budget augmente."), summary="Vrai.")
    found = client.get("/api/v1/verdicts?q=abeilles -budget", headers=headers).get_json()
    assert [v["id"] for v in found["items"]] == [verdict.id]
    refused = client.get("/api/v1/verdicts?q=-abeilles", headers=headers)
    assert refused.status_code == 422 and refused.mimetype == PROBLEM


def test_start_review_and_the_rest_of_triage_through_the_api(client):
    editor = factories.make_user(roles=["editor"])
    _, headers = _bearer(editor)
    queue = factories.make_queue(members=[(editor, "editor")])
    triaged = factories.make_claim(status="triaged", queue=queue)
    started = client.post(f"/api/v1/claims/{triaged.id}/start-review", headers=headers,
                          json={"expected_version": triaged.version_id})
    assert started.status_code == 200 and started.get_json()["status"] == "in_review"
    assert started.get_json()["assignee_id"] == editor.id
    again = client.post(f"/api/v1/claims/{triaged.id}/start-review", headers=headers, json={})
    assert again.status_code == 409 and again.mimetype == PROBLEM

    dismissed = factories.make_claim(status="dismissed", queue=queue)
    restored = client.post(f"/api/v1/claims/{dismissed.id}/restore", headers=headers, json={})
    assert restored.status_code == 200 and restored.get_json()["status"] == "new"
    urgent = client.post(f"/api/v1/claims/{dismissed.id}/priority", headers=headers, json={"priority": 2})
    assert urgent.status_code == 200 and urgent.get_json()["priority"] == 2
    assert client.post(f"/api/v1/claims/{dismissed.id}/priority", headers=headers,
                       json={"priority": 9}).status_code == 422

    keeper = factories.make_claim(status="new", queue=queue)
    merged = client.post(f"/api/v1/claims/{dismissed.id}/merge", headers=headers, json={"into_claim_id": keeper.id})
    assert merged.status_code == 200 and merged.get_json()["status"] == "merged"

    _, read_only = _bearer(editor, ["read"])
    assert client.post(f"/api/v1/claims/{keeper.id}/priority", headers=read_only,
                       json={"priority": 1}).status_code == 403
