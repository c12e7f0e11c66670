"""Probe failure 10: account pages and pages that show a secret once send ``Cache-Control: no-store``, and the
session cookie is not sent again on every response (issue 13)."""
from tests import factories
from tests.factories import client_for


def test_a_new_api_token_page_is_not_stored(app, client, login_as):
    login_as("checker")
    response = client.post("/auth/tokens", data={"name": "CMS export"})
    assert response.status_code == 200 and "fct_" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_account_pages_are_not_stored(app, client, login_as):
    assert client.get("/auth/login").headers["Cache-Control"] == "no-store"
    login_as("checker")
    for url in ("/auth/password", "/auth/tokens"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_admin_pages_showing_links_are_not_stored(app):
    admin, _ = client_for(app, "admin")
    user = factories.make_user()
    for response in (admin.get("/admin/users"), admin.get(f"/admin/users/{user.id}"),
                     admin.post("/admin/users/invite", data={"email": "new@example.org", "display_name": "New",
                                                             "roles": ["checker"]}),
                     admin.post(f"/admin/users/{user.id}/reset-password")):
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", response.request.path
    assert "/auth/invitation/" in response.get_data(as_text=True)


def test_every_no_store_endpoint_exists(app):
    from factcheck.web.security_headers import NO_STORE_ENDPOINTS

    assert NO_STORE_ENDPOINTS <= set(app.view_functions)


def test_ordinary_pages_do_not_resend_the_session_cookie(app, client, login_as):
    login_as("reviewer")
    client.get("/home")  # shows (and so removes) the welcome message from the session
    for url in ("/home", "/queues/", "/home"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers, url
