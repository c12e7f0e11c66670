"""The v1 API: reads with the queue's filters and cursors, the desk's actions through the web's services, token
scopes, problem documents, ETags, the per-token rate limit and the aliases of the first API."""
import re
from datetime import timedelta

import pytest

from factcheck.extensions import db
from factcheck.models import Claim, Evidence
from factcheck.services.accounts import accounts, api_tokens
from factcheck.services.core.errors import InvalidInput
from tests import factories
from tests.integration.test_ingest_services import ENGLISH

PROBLEM = "application/problem+json"


def _bearer(user, scopes=("read", "write")):
    return {"Authorization": f"Bearer {api_tokens.issue(user, name='script', scopes=scopes).secret}"}


def test_claims_list_uses_the_queue_filters_and_a_keyset_cursor(client):
    editor = factories.make_user(roles=["editor"])
    queue = factories.make_queue()
    for score in (0.9, 0.8, 0.7, 0.6, 0.5, 0.4):
        factories.make_claim(queue=queue, checkworthiness=score)
    factories.make_claim(queue=queue, checkworthiness=0.95, kind="accusation")
    factories.make_claim(queue=queue, status="dismissed")
    headers = _bearer(editor, scopes=["read"])

    first = client.get(f"/api/v1/claims?queue_id={queue.id}&kind=statement&per=5", headers=headers)
    assert first.status_code == 200, first.get_json()
    body = first.get_json()
    assert [round(c["checkworthiness"], 2) for c in body["items"]] == [0.9, 0.8, 0.7, 0.6, 0.5]
    second = client.get(f"/api/v1/claims?queue_id={queue.id}&kind=statement&per=5&after={body['next_cursor']}",
                        headers=headers).get_json()
    assert [round(c["checkworthiness"], 2) for c in second["items"]] == [0.4] and second["next_cursor"] is None
    dismissed = client.get(f"/api/v1/claims?queue_id={queue.id}&status=dismissed", headers=headers).get_json()
    assert [c["status"] for c in dismissed["items"]] == ["dismissed"]


def test_claims_list_searches_with_the_queue_search(client):
    editor = factories.make_user(roles=["editor"])
    queue = factories.make_queue()
    invasion = factories.make_claim(queue=queue, text="L'invasion a commencé le 24 février.")
    factories.make_claim(queue=queue, text="Le budget baisse de 3 %.")
    headers = _bearer(editor, scopes=["read"])
    found = client.get(f"/api/v1/claims?queue_id={queue.id}&q=INVASION", headers=headers).get_json()
    assert [c["id"] for c in found["items"]] == [invasion.id] and found["truncated"] is False
    assert "<mark>" in found["items"][0]["text_html"]
    excluded = client.get(f"/api/v1/claims?queue_id={queue.id}&q=-invasion", headers=headers)
    assert excluded.status_code == 422  # only an exclusion: nothing to search for
    plain = client.get(f"/api/v1/claims?queue_id={queue.id}", headers=headers).get_json()
    assert plain["items"][0].get("text_html") is None


def test_bad_filters_and_unknown_queues_are_problem_documents(client):
    headers = _bearer(factories.make_user(roles=["editor"]))
    bad = client.get("/api/v1/claims?min_score=2&sort=sideways", headers=headers)
    assert bad.status_code == 422 and bad.mimetype == PROBLEM
    assert set(bad.get_json()["errors"]["query"]) == {"min_score", "sort"}
    cursor = client.get("/api/v1/claims?after=not-a-cursor", headers=headers)
    assert cursor.status_code == 422 and "after" in cursor.get_json()["detail"]
    missing = client.get("/api/v1/claims?queue_id=999999", headers=headers)
    assert missing.status_code == 404 and missing.get_json()["status"] == 404
    assert client.get("/api/v1/claims").status_code == 401


def test_one_claim_with_its_links_sources_and_verdict(client):
    checker = factories.make_user(roles=["checker"])
    accusation = factories.make_claim(kind="accusation", status="in_review")
    denial = factories.make_claim(kind="denial", article=accusation.article)
    factories.make_link(source=denial, target=accusation)
    factories.make_evidence(claim=accusation, excerpt="Le rapport dit l'inverse.")
    factories.make_verdict(claim=accusation, author=checker)

    body = client.get(f"/api/v1/claims/{accusation.id}", headers=_bearer(checker)).get_json()
    assert body["links"] == [{"label": "denied by", "claim_id": denial.id, "text": denial.text}]
    assert [s["excerpt"] for s in body["sources"]] == ["Le rapport dit l'inverse."]
    assert body["sources"][0]["source"]["url"] == "http://127.0.0.1/report.html"
    assert body["verdict"]["rating"] == "False" and body["verdict"]["status"] == "draft"
    accusation.verdict.rating_id = None
    db.session.commit()
    unrated = client.get(f"/api/v1/claims/{accusation.id}", headers=_bearer(checker)).get_json()["verdict"]
    assert unrated["rating"] is None and unrated["rating_id"] is None
    assert client.get("/api/v1/claims/999999", headers=_bearer(checker)).mimetype == PROBLEM


def test_triage_through_the_api_runs_the_triage_service(client):
    reviewer = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(members=[(reviewer, "reviewer")])
    claim = factories.make_claim(queue=queue)
    other = factories.make_claim(queue=queue)
    headers = _bearer(reviewer)

    stale = client.post(f"/api/v1/claims/{claim.id}/accept", json={"expected_version": claim.version_id + 1},
                        headers=headers)
    assert stale.status_code == 409 and stale.mimetype == PROBLEM and stale.get_json()["changes"]
    accepted = client.post(f"/api/v1/claims/{claim.id}/accept", json={"expected_version": claim.version_id},
                           headers=headers)
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "triaged"
    assert client.post(f"/api/v1/claims/{other.id}/dismiss", json={"reason": "bored"},
                       headers=headers).status_code == 422
    dismissed = client.post(f"/api/v1/claims/{other.id}/dismiss", json={"reason": "opinion"}, headers=headers)
    assert dismissed.get_json()["dismiss_reason"] == "opinion"
    assigned = client.post(f"/api/v1/claims/{claim.id}/assign", json={"assignee_id": reviewer.id}, headers=headers)
    assert assigned.get_json()["assignee_id"] == reviewer.id
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).assignee_id == reviewer.id


def test_a_read_token_changes_nothing_whatever_its_owners_roles(client):
    editor = factories.make_user(roles=["editor"])
    claim = factories.make_claim()
    refused = client.post(f"/api/v1/claims/{claim.id}/accept", json={}, headers=_bearer(editor, scopes=["read"]))
    assert refused.status_code == 403 and "read scope" in refused.get_json()["detail"]
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "new"


def test_permission_and_object_checks_are_the_web_ones(client):
    reviewer = factories.make_user(roles=["reviewer"])
    checker, other_checker = factories.make_user(roles=["checker"]), factories.make_user(roles=["checker"])
    claim = factories.make_claim(status="in_review", assignee=other_checker)
    source = {"stance": "refutes", "citation": "Insee, 2026"}
    assert client.post(f"/api/v1/claims/{claim.id}/sources", json=source, headers=_bearer(reviewer)).status_code == 403
    assert client.post(f"/api/v1/claims/{claim.id}/sources", json=source, headers=_bearer(checker)).status_code == 403
    assert client.post(f"/api/v1/claims/{claim.id}/accept", json={}, headers=_bearer(checker)).status_code == 403
    assert db.session.query(Evidence).count() == 0


def test_a_checker_attaches_a_source_and_proposes_a_verdict(client):
    checker = factories.make_user(roles=["checker"])
    claim = factories.make_claim(status="in_review", assignee=checker)
    headers = _bearer(checker)
    attached = client.post(f"/api/v1/claims/{claim.id}/sources",
                           json={"stance": "refutes", "citation": "Insee, Bilan 2026", "excerpt": "p. 4"},
                           headers=headers)
    assert attached.status_code == 201, attached.get_json()
    evidence_id = attached.get_json()["id"]
    proposal = {"rating_id": factories.rating("False").id, "summary": "Faux.", "explanation_md": "Voir l'Insee.",
                "evidence_ids": [evidence_id], "submit": True}
    proposed = client.put(f"/api/v1/claims/{claim.id}/verdict", json=proposal, headers=headers)
    assert proposed.status_code == 200, proposed.get_json()
    assert proposed.get_json()["status"] == "proposed"
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "verdict_proposed"
    verdict = client.get(f"/api/v1/verdicts/{proposed.get_json()['id']}", headers=headers).get_json()
    assert [r["kind"] for r in verdict["revisions"]] == ["draft", "submitted"]
    again = client.put(f"/api/v1/claims/{claim.id}/verdict", json=proposal, headers=headers)
    assert again.status_code == 409  # with the editors now: the draft is closed


def test_verdict_listing_and_published_claimreviews(client):
    reader = factories.make_user(roles=["reviewer"])
    published = factories.make_verdict(claim=factories.make_claim(status="published"), status="published")
    published.public_slug = "les-chiffres-sont-faux"
    factories.make_verdict(claim=factories.make_claim(status="in_review"))
    db.session.commit()
    headers = _bearer(reader, scopes=["read"])
    listing = client.get("/api/v1/verdicts?status=published", headers=headers).get_json()
    assert [v["id"] for v in listing["items"]] == [published.id] and listing["next_before"] is None
    assert len(client.get("/api/v1/verdicts", headers=headers).get_json()["items"]) == 2
    reviews = client.get("/api/v1/claimreviews", headers=headers).get_json()["items"]
    assert [r["@type"] for r in reviews] == ["ClaimReview"]
    assert reviews[0]["url"].endswith("/factchecks/les-chiffres-sont-faux")


def test_articles_read_and_submit_with_the_first_api_as_an_alias(client):
    reviewer = factories.make_user(roles=["reviewer"])
    headers = _bearer(reviewer)
    submitted = client.post("/api/v1/articles", json={"text": ENGLISH, "title": "Homes"}, headers=headers)
    assert submitted.status_code == 202, submitted.get_json()
    article_id = submitted.get_json()["id"]
    again = client.post("/api/articles", json={"text": ENGLISH, "title": "Homes"}, headers=headers)
    assert again.status_code == 200 and again.get_json()["id"] == article_id
    v1 = client.get(f"/api/v1/articles/{article_id}", headers=headers).get_json()
    assert v1 == client.get(f"/api/articles/{article_id}", headers=headers).get_json() and v1["claims"]
    listing = client.get("/api/v1/articles?status=done", headers=headers).get_json()
    assert listing["items"][0]["claim_count"] == len(v1["claims"])
    unknown = client.post("/api/v1/articles", json={"text": ENGLISH, "body": "?"}, headers=headers)
    assert unknown.status_code == 422 and "body" in unknown.get_json()["errors"]["json"]


def test_reads_carry_an_etag_and_answer_304(client):
    headers = _bearer(factories.make_user(roles=["reviewer"]), scopes=["read"])
    claim = factories.make_claim()
    first = client.get(f"/api/v1/claims/{claim.id}", headers=headers)
    etag = first.headers["ETag"]
    assert client.get(f"/api/v1/claims/{claim.id}", headers={**headers, "If-None-Match": etag}).status_code == 304
    claim.priority = 2
    db.session.commit()
    changed = client.get(f"/api/v1/claims/{claim.id}", headers={**headers, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_deeply_nested_json_is_a_400_not_a_500(client):
    headers = {**_bearer(factories.make_user(roles=["reviewer"])), "Content-Type": "application/json"}
    nested = "[" * 100_000 + "]" * 100_000
    for path in ("/api/v1/articles", "/api/articles"):
        response = client.post(path, data=nested, headers=headers)
        assert response.status_code == 400 and response.mimetype == PROBLEM
    shallow = client.post("/api/v1/articles", json={"text": "[[[" * 20}, headers=headers)
    assert shallow.status_code != 400  # brackets inside strings do not count


def test_the_rate_limit_counts_per_token(app, make_app):
    limited = make_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute",
                       RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    user = factories.make_user(roles=["reviewer"])
    busy, quiet = _bearer(user, scopes=["read"]), _bearer(user, scopes=["read"])
    assert [client.get("/api/v1/articles", headers=busy).status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get("/api/v1/articles", headers=busy)
    assert refused.mimetype == PROBLEM and refused.get_json()["status"] == 429
    assert client.get("/api/v1/articles", headers=quiet).status_code == 200


def test_a_password_reset_revokes_the_accounts_tokens(client):
    admin, user = factories.make_user(roles=["admin"]), factories.make_user(roles=["reviewer"])
    headers = _bearer(user)
    assert client.get("/api/v1/articles", headers=headers).status_code == 200
    accounts.reset_password(admin, user.id, ttl=timedelta(days=1))
    assert client.get("/api/v1/articles", headers=headers).status_code == 401


def test_openapi_document_and_its_page(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert {"/api/v1/claims", "/api/v1/claims/{claim_id}/verdict", "/api/articles"} <= set(spec["paths"])
    assert spec["paths"]["/api/articles"]["post"]["deprecated"] is True
    problem = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert list(problem) == [PROBLEM]
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "POST /api/v1/claims/{claim_id}/dismiss" in page
    assert all(src.startswith("/static/") for src in re.findall(r'src="([^"]*)"', page))  # nothing from outside
    assert "Verdict" in page and 'id="schema-Problem"' in page


def test_scopes_are_checked_when_a_token_is_issued(app):
    user = factories.make_user()
    assert api_tokens.issue(user, name="reader", scopes=["read"]).token.scopes == "read"
    assert api_tokens.issue(user, name="both").token.scope_set == {"read", "write"}
    for bad in ([], ["admin"], ["read", "delete"]):
        with pytest.raises(InvalidInput, match="scopes"):
            api_tokens.issue(user, name="bad", scopes=bad)


def test_the_tokens_page_issues_a_read_only_token(client, login_as):
    user = login_as("editor")
    page = client.post("/auth/tokens", data={"name": "Monitoring", "scopes": "read"}).get_data(as_text=True)
    assert "read only" in page
    token = api_tokens.list_tokens(user)[0]
    assert token.scopes == "read"
    assert client.post("/auth/tokens", data={"name": "Bad", "scopes": "admin"}).status_code == 422
