"""Regression tests for the black-box probe's failures 4, 5, 6, 8, 9 and the bulk half of 7 (issue 13).

Each test failed on the code before the fix: a 500, a broken feed, a lost file, a change saved before a 500, or
another site's address in what we publish.
"""
import io
import re
from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, AuditEvent, Claim
from factcheck.models.base import utcnow
from tests import factories
from tests.integration.test_ingest_services import ENGLISH

ATOM = "{http://www.w3.org/2005/Atom}"
TOO_BIG = str(2**64)
LARGEST = str(2**31 - 1)  # the largest id an Integer column holds on PostgreSQL
JUST_OVER = str(2**31)


def _published(**kwargs):
    article = factories.make_article(url="https://journal.example/article")
    claim = factories.make_claim(article=article, status="published", claimant="Le ministère",
                                 text=kwargs.pop("text", "1 200 postes seront créés d’ici 2027."))
    verdict = factories.make_verdict(claim=claim, status="published", **kwargs)
    verdict.public_slug, verdict.published_at = f"claim-{claim.id}", utcnow()
    db.session.commit()
    return verdict


# --- 4. characters XML 1.0 forbids ------------------------------------------------------------------------------

def test_feed_and_claimreview_survive_control_characters(client):
    verdict = _published(text="Le chômage \x01 a baissé\uffff de 3 %.", summary="Faux\x0b, selon \x1f l’Insee.")
    feed = client.get("/factchecks/feed.xml")
    entry = ElementTree.fromstring(feed.data).find(f"{ATOM}entry")  # raised ParseError before the fix
    assert entry.find(f"{ATOM}title").text == "False: Le chômage \ufffd a baissé\ufffd de 3 %."
    assert entry.find(f"{ATOM}summary").text == "Faux\ufffd, selon \ufffd l’Insee."

    review = client.get("/factchecks/claimreviews.json").get_json()[0]
    assert review["claimReviewed"] == "Le chômage \ufffd a baissé\ufffd de 3 %."
    page = client.get(f"/factchecks/{verdict.public_slug}").get_data(as_text=True)
    markup = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "\\u0001" not in markup and "\\uffff" not in markup and "\\u000b" not in markup


# --- 5. wrong HTTP methods ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("GET", "/auth/logout", {"POST"}),
    ("PUT", "/auth/login", {"GET", "POST"}),
    ("DELETE", "/factchecks/feed.xml", {"GET"}),
])
def test_wrong_method_is_405_with_allow(client, method, path, allowed):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_wrong_method_on_the_api_is_405_too(client):
    response = client.open("/api/csrf", method="DELETE")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


# --- 6. integers beyond 64 bits (and beyond the 32 bits of an Integer column on PostgreSQL) ------------------------

@pytest.mark.parametrize("path", [
    f"/factchecks/?before={TOO_BIG}", f"/factchecks/claimreviews.json?before={TOO_BIG}",
    "/factchecks/?before=-1", "/factchecks/?before=1e3", f"/factchecks/?before={JUST_OVER}",
])
def test_anonymous_cursor_beyond_64_bits_is_400(client, path):
    assert client.get(path).status_code == 400


def test_largest_64_bit_cursor_still_pages(client):
    verdict = _published()
    listed = client.get(f"/factchecks/claimreviews.json?before={LARGEST}").get_json()
    assert [r["url"].rsplit("/", 1)[1] for r in listed] == [verdict.public_slug]


@pytest.mark.parametrize("path", [
    f"/queues/{TOO_BIG}", f"/claims/{TOO_BIG}", f"/claims/{LARGEST}", f"/articles/{TOO_BIG}",
    f"/admin/users/{TOO_BIG}", f"/admin/queues/{TOO_BIG}", f"/admin/scales/{TOO_BIG}",
    f"/editorial/verdicts/{TOO_BIG}", f"/api/articles/{TOO_BIG}", f"/claims/{JUST_OVER}", f"/articles/{JUST_OVER}",
])
def test_ids_beyond_64_bits_are_404(app, path):
    client, _ = factories.client_for(app, "admin")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", [f"/admin/audit?after={TOO_BIG}", f"/articles/?before={TOO_BIG}"])
def test_signed_in_cursors_beyond_64_bits_are_400(app, path):
    client, _ = factories.client_for(app, "admin")
    assert client.get(path).status_code == 400


@pytest.mark.parametrize("after", [f"0.5:{TOO_BIG}", f"0.5:{JUST_OVER}", f"{TOO_BIG}:1", f"{LARGEST}:1"])
def test_queue_cursor_beyond_64_bits_is_ignored(app, after):
    client, _ = factories.client_for(app, "admin")
    for sort in ("score", "newest", "disputed"):
        response = client.get(f"/queues/?sort={sort}&after={after}")
        assert response.status_code == 200, (sort, after)


def test_form_ids_beyond_64_bits_are_refused_and_change_nothing(app):
    client, _ = factories.client_for(app, "admin")
    claim = factories.make_claim()
    version = claim.version_id
    merge = client.post(f"/queues/claims/{claim.id}/merge",
                        data={"back": "/queues/", "version_id": version, "into_claim_id": TOO_BIG})
    accept = client.post(f"/queues/claims/{claim.id}/accept",
                         data={"back": "/queues/", "version_id": TOO_BIG})
    bulk = client.post("/queues/bulk", data={"back": "/queues/", "action": "accept",
                                             "claims": f"{claim.id}:{TOO_BIG}"})
    assert (merge.status_code, accept.status_code, bulk.status_code) == (422, 422, 422)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "new"


def test_nul_characters_are_refused_before_any_view_runs(app):
    """Found by the sweep on PostgreSQL, which refuses NUL in a text column: a 500 on the queue filters and the
    editorial forms."""
    client, _ = factories.client_for(app, "admin")
    claim = factories.make_claim()
    assert client.get("/queues/?claimant=a%00b").status_code == 400
    response = client.post(f"/queues/claims/{claim.id}/dismiss",
                           data={"back": "/queues/", "version_id": claim.version_id, "reason": "opinion\x00"})
    assert response.status_code == 400 and "NUL" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "new"


# --- 7 (bulk half). deeply nested JSON in one JSONL line ---------------------------------------------------------

def test_deeply_nested_jsonl_line_is_reported_and_the_others_kept(client, login_as):
    login_as("editor")
    nested = '{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    data = "\n".join([f'{{"text": "{ENGLISH}"}}', nested, '{"text": "Second article, with its own words."}'])
    response = client.post("/articles/bulk", data={"file": (io.BytesIO(data.encode()), "batch.jsonl")},
                           content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "line 2" in body and "nested too deeply" in body
    assert db.session.scalar(select(func.count()).select_from(Article)) == 2


# --- 8. redirect targets checked before acting -------------------------------------------------------------------

@pytest.mark.parametrize("back", ["/queues/\r\nSet-Cookie: x=1", "/queues/\nX", "/queues/\x00", "/queues/\t"])
def test_control_characters_in_back_refuse_the_action_before_it_runs(app, back):
    client, _ = factories.client_for(app, "admin")
    claim = factories.make_claim()
    response = client.post(f"/queues/claims/{claim.id}/accept", data={"back": back, "version_id": claim.version_id})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status == "new"
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "claim.accept")) == 0


def test_control_characters_in_next_after_login_go_home(client):
    user = factories.make_user()
    response = client.post("/auth/login?next=/queues/%0d%0aSet-Cookie:%20x=1",
                           data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302 and "\n" not in response.headers["Location"]
    assert "/queues/" not in response.headers["Location"]


# --- 9. absolute URLs from the configured base URL only ----------------------------------------------------------

def test_feed_and_claimreviews_ignore_the_host_header(app, client):
    app.config["PUBLIC_BASE_URL"] = "https://factchecks.example.org/desk"
    try:
        verdict = _published()
        hostile = {"Host": "evil.example"}
        feed = client.get("/factchecks/feed.xml", headers=hostile).get_data(as_text=True)
        reviews = client.get("/factchecks/claimreviews.json", headers=hostile).get_data(as_text=True)
        page = client.get(f"/factchecks/{verdict.public_slug}", headers=hostile).get_data(as_text=True)
    finally:
        app.config["PUBLIC_BASE_URL"] = "http://127.0.0.1:5000"
    expected = f"https://factchecks.example.org/desk/factchecks/{verdict.public_slug}"
    for body in (feed, reviews, page):
        assert "evil.example" not in body
        assert expected in body
    assert 'href="https://factchecks.example.org/desk/factchecks/feed.xml"' in feed


def test_invitation_link_ignores_the_host_header(app):
    app.config["PUBLIC_BASE_URL"] = "https://factchecks.example.org"
    admin, hostile = factories.make_user(roles=("admin",)), {"Host": "evil.example"}
    client = app.test_client()
    try:
        client.post("/auth/login", data={"email": admin.email, "password": factories.PASSWORD}, headers=hostile)
        response = client.post("/admin/users/invite", headers=hostile,
                               data={"email": "new@example.org", "display_name": "New", "roles": ["checker"]})
    finally:
        app.config["PUBLIC_BASE_URL"] = "http://127.0.0.1:5000"
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "https://factchecks.example.org/auth/invitation/" in body
    assert "evil.example" not in body
