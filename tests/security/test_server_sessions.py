"""Server-side sessions (issue 13): the cookie carries only the session id, so a script that takes claims without
following the redirect no longer grows it until the server answers 431; logging out and revocation delete the
stored session itself, and the id changes at login. Both stores: files in the instance folder (the embedded
default) and Redis (with ``TEST_REDIS_URL``)."""
import pytest

from factcheck.services.accounts import accounts
from factcheck.web.server_sessions import MAX_FLASHES
from tests import factories

TAKES = 200


@pytest.fixture(params=["files", "redis"])
def sessions_app(request, app, make_app):
    """An app whose sessions live in the instance folder, or in the Redis db this test session claimed."""
    redis_url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    extra = make_app(REDIS_URL=redis_url)
    with extra.app_context():
        yield extra


def _cookie(app, client) -> str:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"], domain=app.config["SERVER_NAME"])
    return cookie.value if cookie else ""


def _log_in(app, user):
    client = app.test_client()
    assert client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
    return client


def _browser_with(app, sid: str):
    """A new browser presenting the session cookie ``sid`` (a copy of someone's cookie)."""
    browser = app.test_client()
    browser.set_cookie(app.config["SESSION_COOKIE_NAME"], sid, domain=app.config["SERVER_NAME"])
    return browser


def _stored(app, sid: str) -> dict:
    """What the store holds under ``sid``: the session a browser presenting that cookie opens."""
    with _browser_with(app, sid).session_transaction() as session:
        return dict(session)


def test_two_hundred_take_next_without_following_redirects_keep_the_cookie_small(app):
    """The app's own store (Redis under ``TEST_REDIS_URL``, else files): once, since each take is a full request."""
    reviewer = factories.make_user(roles=["reviewer"])
    queue = factories.make_queue(members=[(reviewer, "reviewer")])
    for _ in range(5):
        factories.make_claim(queue=queue, text="Le chômage a baissé de 40 % en un an selon le ministre. " * 2)
    client = _log_in(app, reviewer)
    first = _cookie(app, client)
    for _ in range(TAKES):
        response = client.post(f"/queues/{queue.id}/take", data={"back": f"/queues/{queue.id}"})
        assert response.status_code == 303  # never followed: nobody reads the flash messages
    assert _cookie(app, client) == first and 0 < len(first) < 64
    flashes = _stored(app, first)["_flashes"]
    assert len(flashes) == MAX_FLASHES and "Nothing left to take" in flashes[-1][1]
    assert client.get(f"/queues/{queue.id}").status_code == 200


def test_a_password_reset_deletes_every_other_session_of_the_account(sessions_app):
    user = factories.make_user(roles=["reviewer"])
    laptop, phone = _log_in(sessions_app, user), _log_in(sessions_app, user)
    phone_sid = _cookie(sessions_app, phone)
    assert phone.get("/home").status_code == 200 and "_user_id" in _stored(sessions_app, phone_sid)
    accounts.reset_password(factories.make_user(roles=["admin"]), user.id, ttl=sessions_app.config["INVITATION_TTL"])
    assert phone.get("/home").status_code == 302  # ended at its next request …
    assert "_user_id" not in _stored(sessions_app, phone_sid)  # … and nothing of it is left to replay
    assert laptop.get("/home").status_code == 302


def test_logging_out_deletes_the_stored_session_so_a_copied_cookie_opens_nothing(sessions_app):
    client = _log_in(sessions_app, factories.make_user(roles=["reviewer"]))
    sid = _cookie(sessions_app, client)
    assert client.post("/auth/logout").status_code == 302
    assert _stored(sessions_app, sid) == {}
    assert _browser_with(sessions_app, sid).get("/home").status_code == 302


def test_logging_in_gives_a_new_session_id(sessions_app):
    client = sessions_app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by someone who knows this id"
    planted = _cookie(sessions_app, client)
    user = factories.make_user(roles=["reviewer"])
    assert client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
    assert _cookie(sessions_app, client) not in ("", planted)
    assert _stored(sessions_app, planted) == {}
