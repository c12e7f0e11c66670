"""Article pages and the JSON API: submitting, bad input, status that updates while work runs."""
import io
import json

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, Feed
from tests import factories
from tests.integration.test_ingest_services import ENGLISH


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_reviewer_pastes_an_article_and_sees_its_claims(client, login_as):
    login_as("reviewer")
    response = client.post("/articles/paste", data={"text": ENGLISH, "title": "Homes", "outlet": "Gazette",
                                                    "language": ""})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Homes" in body and "done" in body
    assert "2,400 new homes" in body


def test_empty_paste_keeps_the_form_and_says_why(client, login_as):
    login_as("reviewer")
    response = client.post("/articles/paste", data={"text": "   ", "title": "Kept title"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "Kept title" in body
    assert _count(Article) == 0


def test_fifty_megabyte_paste_is_refused_before_reading(client, login_as):
    login_as("reviewer")
    response = client.post("/articles/paste", data={"text": "x" * (50 * 1024 * 1024)})
    assert response.status_code == 413 and _count(Article) == 0


def test_bulk_upload_page_reports_line_numbers(client, login_as):
    login_as("editor")
    data = ('{"text": "' + ENGLISH + '"}\n{"oops": 1}\n').encode()
    response = client.post("/articles/bulk", data={"file": (io.BytesIO(data), "batch.jsonl")},
                           content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "line 2" in body and _count(Article) == 1


def test_binary_upload_is_refused_clearly(client, login_as):
    login_as("editor")
    response = client.post("/articles/bulk", data={"file": (io.BytesIO(b"\x00\x01\x02" * 100), "x.jsonl")},
                           content_type="multipart/form-data")
    assert response.status_code in (200, 422)
    assert "binary" in response.get_data(as_text=True).lower() or "line 1" in response.get_data(as_text=True)
    assert _count(Article) == 0


def test_status_panel_polls_only_while_work_runs(client, login_as):
    login_as("checker")
    working = factories.make_article(status="extracting")
    done = factories.make_article(status="done")
    assert 'hx-trigger="every 2s"' in client.get(f"/articles/{working.id}/status").get_data(as_text=True)
    assert "hx-trigger" not in client.get(f"/articles/{done.id}/status").get_data(as_text=True)
    assert client.get("/articles/999999").status_code == 404


def test_checkers_cannot_submit_articles(client, login_as):
    login_as("checker")
    assert client.post("/articles/paste", data={"text": ENGLISH}).status_code == 403
    assert _count(Article) == 0


def test_admin_registers_a_feed_and_a_bad_one_is_refused(client, login_as):
    login_as("admin")
    response = client.post("/articles/feeds", data={"url": "http://169.254.169.254/feed.xml"})
    assert response.status_code == 422 and "cannot be used" in response.get_data(as_text=True)
    assert _count(Feed) == 0


def test_json_api_submits_and_reports_status(client, login_as):
    login_as("reviewer")
    response = client.post("/api/articles", json={"text": ENGLISH, "title": "Homes"})
    assert response.status_code == 202
    article_id = response.get_json()["id"]
    status = client.get(f"/api/articles/{article_id}").get_json()
    assert status["status"] == "done" and len(status["claims"]) >= 2
    again = client.post("/api/articles", json={"text": ENGLISH})
    assert again.status_code == 200 and again.get_json()["id"] == article_id


def test_json_api_rejects_bad_payloads_and_extra_fields(client, login_as):
    login_as("reviewer")
    for payload in ({"text": ENGLISH, "status": "done"}, {"title": "no text"}, ["list"],
                    {"text": ENGLISH, "published_on": "yesterday"}, {"text": 42}):
        response = client.post("/api/articles", data=json.dumps(payload), content_type="application/json")
        assert response.status_code == 422, payload
        assert response.get_json()["message"]
    assert _count(Article) == 0


def test_json_api_needs_a_session(client):
    response = client.get("/api/articles/1")
    assert response.status_code == 401 and response.get_json()["error"] == "Please log in"
