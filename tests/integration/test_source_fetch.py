"""Source metadata fetching against a local server allowed through the admin allowlist setting."""
import pytest
from pytest_httpserver import HTTPServer

from factcheck.extensions import db
from factcheck.models import Source
from factcheck.services.admin import settings_admin
from factcheck.services.claims import source_fetch
from tests import factories

PAGE = ("<html><head><title>Rapport sur l’emploi</title><meta property='og:site_name' content='Insee'></head>"
        "<body><article><p>En 2026, 300 postes ont été créés dans la fonction publique territoriale, "
        "loin des 1 200 annoncés par le ministère.</p></article></body></html>")


@pytest.fixture(scope="module")
def server():
    httpserver = HTTPServer(host="127.0.0.1", port=0)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


@pytest.fixture()
def allowed(app, server):
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{server.port}"])
    yield server
    server.clear()


def _source(url):
    source = Source(url=url, title=url, fetch_status="queued")
    db.session.add(source)
    db.session.commit()
    return source


def test_fetch_fills_title_outlet_and_archived_text(allowed):
    allowed.expect_request("/rapport").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    source = _source(allowed.url_for("/rapport"))
    assert source_fetch.fetch_source_metadata(source.id) == "done"
    db.session.expire_all()
    source = db.session.get(Source, source.id)
    assert source.title == "Rapport sur l’emploi"
    assert source.outlet == "Insee"
    assert "300 postes" in source.archived_text
    assert source.fetch_error is None
    assert source_fetch.fetch_source_metadata(source.id) == "done"  # idempotent: no second fetch
    assert len(allowed.log) == 1


def test_attaching_a_url_enqueues_the_fetch_after_commit(app, allowed, client, login_as):
    allowed.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    me = login_as("checker")
    claim = factories.make_claim(status="in_review", assignee=me)
    r = client.post(f"/claims/{claim.id}/sources", data={"url": allowed.url_for("/page"), "stance": "refutes"})
    assert r.status_code == 302
    db.session.expire_all()
    source = db.session.query(Source).filter_by(url=allowed.url_for("/page")).one()
    assert (source.fetch_status, source.title) == ("done", "Rapport sur l’emploi")


@pytest.mark.parametrize("respond, code", [
    (lambda s: s.expect_request("/x").respond_with_data("nope", status=404), "http_error"),
    (lambda s: s.expect_request("/x").respond_with_data("%PDF-1.4", content_type="application/pdf"), ""),
    (lambda s: s.expect_request("/x").respond_with_data("<html><body></body></html>", content_type="text/html"), ""),
])
def test_failures_are_recorded_not_raised(allowed, respond, code):
    respond(allowed)
    source = _source(allowed.url_for("/x"))
    assert source_fetch.fetch_source_metadata(source.id) == "failed"
    db.session.expire_all()
    source = db.session.get(Source, source.id)
    assert source.fetch_status == "failed" and source.fetch_error
    assert code in source.fetch_error


def test_server_errors_are_retried_then_fail(allowed):
    allowed.expect_request("/flaky").respond_with_data("down", status=503)
    source = _source(allowed.url_for("/flaky"))
    with pytest.raises(source_fetch.RetryableFetchError):
        source_fetch.fetch_source_metadata(source.id, final_attempt=False)
    db.session.expire_all()
    assert db.session.get(Source, source.id).fetch_status == "queued"
    assert source_fetch.fetch_source_metadata(source.id, final_attempt=True) == "failed"


def test_hosts_outside_the_allowlist_are_blocked(app, server):
    server.expect_request("/secret").respond_with_data(PAGE, content_type="text/html")
    source = _source(server.url_for("/secret"))  # no allowlist entry: loopback is blocked
    assert source_fetch.fetch_source_metadata(source.id) == "failed"
    db.session.expire_all()
    assert "blocked" in db.session.get(Source, source.id).fetch_error
    assert len(server.log) == 0
    server.clear()
