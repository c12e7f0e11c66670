"""Logging in and out, sessions, passwords and invitations, including every bad input the issue names."""
from datetime import timedelta

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import AuditEvent, LoginEvent, User
from tests import factories


def _login(client, email, password=factories.PASSWORD, **kw):
    return client.post("/auth/login", data={"email": email, "password": password}, **kw)


def test_login_with_the_right_password_lands_on_home(client, app):
    user = factories.make_user(roles=["checker"])
    response = _login(client, user.email)
    assert response.status_code == 302 and response.headers["Location"].endswith("/home")
    home = client.get("/home")
    assert home.status_code == 200 and user.display_name in home.get_data(as_text=True)
    event = db.session.scalar(select(LoginEvent).where(LoginEvent.user_id == user.id))
    assert event.success and db.session.get(User, user.id).last_login_at is not None


def test_wrong_password_unknown_user_and_disabled_user_get_the_same_clear_message(client):
    user = factories.make_user()
    disabled = factories.make_user(active=False)
    for email, password in [(user.email, "wrong password here"), ("nobody@example.org", "whatever123"),
                            (disabled.email, factories.PASSWORD)]:
        response = _login(client, email, password)
        assert response.status_code == 401
        assert "Wrong email or password, or the account is disabled." in response.get_data(as_text=True)
    reasons = sorted(e.reason for e in db.session.scalars(select(LoginEvent)))
    assert reasons == ["bad_credentials", "bad_credentials", "disabled"]
    assert client.get("/home").status_code == 302


def test_login_form_missing_fields_is_a_400_with_field_errors(client):
    response = client.post("/auth/login", data={"email": ""})
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)


def test_logout_revokes_a_copied_session_cookie(app, client):
    user = factories.make_user()
    _login(client, user.email)
    cookie = client.get_cookie("session", domain="factcheck.test")
    thief = app.test_client()
    thief.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    assert thief.get("/home").status_code == 200
    assert client.post("/auth/logout").status_code == 302
    assert thief.get("/home").status_code == 302  # the copied cookie no longer works


def test_disabling_a_user_ends_their_sessions(client, app):
    from factcheck.services.accounts import accounts

    admin = factories.make_user(roles=["admin"])
    user = factories.make_user()
    _login(client, user.email)
    assert client.get("/home").status_code == 200
    accounts.set_active(admin, user.id, False)
    assert client.get("/home").status_code == 302


def test_next_parameter_only_allows_local_paths(client):
    user = factories.make_user()
    for evil in ["//evil.example/x", "https://evil.example/", "/\\evil.example", "http:/evil"]:
        response = client.post(f"/auth/login?next={evil}", data={"email": user.email,
                                                                  "password": factories.PASSWORD})
        assert response.headers["Location"].endswith("/home"), evil
        client.post("/auth/logout")
    response = _login(client, user.email, query_string={"next": "/auth/password"})
    assert response.headers["Location"].endswith("/auth/password")


def test_password_change_needs_the_current_password_and_a_policy_compliant_new_one(client):
    user = factories.make_user()
    _login(client, user.email)
    bad = client.post("/auth/password", data={"current_password": "nope", "new_password": "a fresh passphrase",
                                              "confirm": "a fresh passphrase"})
    assert bad.status_code == 422 and "current password is wrong" in bad.get_data(as_text=True)
    weak = client.post("/auth/password", data={"current_password": factories.PASSWORD,
                                               "new_password": "password123", "confirm": "password123"})
    assert weak.status_code == 422 and "too easy to guess" in weak.get_data(as_text=True)
    ok = client.post("/auth/password", data={"current_password": factories.PASSWORD,
                                             "new_password": "a fresh passphrase", "confirm": "a fresh passphrase"})
    assert ok.status_code == 302 and client.get("/home").status_code == 200
    client.post("/auth/logout")
    assert _login(client, user.email, "a fresh passphrase").status_code == 302


def test_stored_hash_is_argon2id_with_owasp_parameters(app):
    user = factories.make_user()
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_invitation_link_creates_the_account_once(client, app):
    from factcheck.services.accounts import accounts

    admin = factories.make_user(roles=["admin"])
    issued = accounts.invite(admin, email="New.Person@Example.org", display_name="New Person",
                             roles=["checker"], ttl=timedelta(days=1))
    page = client.get(f"/auth/invitation/{issued.token}")
    assert page.status_code == 200 and "new.person@example.org" in page.get_data(as_text=True)
    response = client.post(f"/auth/invitation/{issued.token}",
                           data={"new_password": "my own passphrase", "confirm": "my own passphrase"})
    assert response.status_code == 302 and client.get("/home").status_code == 200
    user = accounts.find_user_by_email("new.person@example.org")
    assert user.roles == {"checker"}
    again = client.get(f"/auth/invitation/{issued.token}")
    assert again.status_code == 404 and "already been used" in again.get_data(as_text=True)


def test_expired_invitation_is_refused_and_creates_nothing(client):
    invitation = factories.make_invitation(token="old-token", expires_in=timedelta(seconds=-5))
    response = client.post("/auth/invitation/old-token",
                           data={"new_password": "my own passphrase", "confirm": "my own passphrase"})
    assert response.status_code == 422 and "expired" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id)).where(User.email == invitation.email)) == 0


def test_forms_without_a_csrf_token_are_refused_and_change_nothing(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        user = factories.make_user()
        before = db.session.scalar(select(func.count(LoginEvent.id)))
        response = _login(client, user.email)
        assert response.status_code == 400
        assert "security token" in response.get_data(as_text=True)
        assert db.session.scalar(select(func.count(LoginEvent.id))) == before


def test_login_is_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    with app.app_context():
        from factcheck.extensions import limiter

        limiter.reset()
        user = factories.make_user()
        codes = [_login(client, user.email, "wrong password!").status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        assert "Too many attempts" in _login(client, user.email).get_data(as_text=True)
        limiter.reset()


def test_security_headers_and_cookie_flags(make_app):
    app = make_app(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-session")
    client = app.test_client()
    with app.app_context():
        user = factories.make_user()
        response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD},
                               base_url="https://factcheck.test")
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("__Host-session=")
        for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
            assert flag in cookie
        assert "Domain" not in cookie
        headers = client.get("/auth/login").headers
        assert "object-src 'none'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_idle_session_times_out(client, app):
    user = factories.make_user()
    _login(client, user.email)
    assert client.get("/home").status_code == 200
    with client.session_transaction() as sess:
        sess["last_seen"] = sess["last_seen"] - app.config["IDLE_TIMEOUT"].total_seconds() - 5
    assert client.get("/home").status_code == 302


def test_password_change_is_audited(client):
    user = factories.make_user()
    _login(client, user.email)
    client.post("/auth/password", data={"current_password": factories.PASSWORD,
                                        "new_password": "another passphrase", "confirm": "another passphrase"})
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == user.id))]
    assert actions == ["user.password_change"]
