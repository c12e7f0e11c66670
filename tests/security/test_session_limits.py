"""Probe failure 3: the idle timeout holds from the very cookie the login response sets, and a session ends at
its absolute limit whatever the activity (issue 13)."""
import time
from datetime import timedelta

from tests import factories


def _log_in(client):
    user = factories.make_user()
    response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302


def test_the_cookie_set_by_the_login_response_obeys_the_idle_timeout(app, make_app):
    extra = make_app(IDLE_TIMEOUT=timedelta(seconds=1))
    client = extra.test_client()
    with extra.app_context():
        _log_in(client)
        time.sleep(1.3)  # no request at all since the login response
        assert client.get("/home").status_code == 302


def test_a_session_ends_at_its_absolute_limit_even_when_active(app, make_app):
    extra = make_app(SESSION_MAX_AGE=timedelta(seconds=2), IDLE_TIMEOUT=timedelta(minutes=30))
    client = extra.test_client()
    with extra.app_context():
        _log_in(client)
        assert client.get("/home").status_code == 200
        time.sleep(1.1)
        assert client.get("/home").status_code == 200  # active all along …
        time.sleep(1.1)
        assert client.get("/home").status_code == 302  # … and still out after 2 s


def test_a_session_cookie_without_its_clocks_is_not_trusted(app, client, login_as):
    login_as("reviewer")
    with client.session_transaction() as sess:
        del sess["login_at"]  # e.g. a cookie minted before the limits existed
    assert client.get("/home").status_code == 302
