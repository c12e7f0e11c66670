"""Probe failure 2: an invitation or reset link dies with a newer link, the use of another one or a password
change; a reset also revokes the account's API tokens and sessions, and says so (issue 13)."""
from datetime import timedelta

from factcheck import passwords
from factcheck.extensions import db
from factcheck.models import ApiToken, User
from factcheck.services.accounts import accounts, api_tokens
from tests import factories
from tests.factories import client_for

TTL = timedelta(days=1)
NEW = {"new_password": "a brand new passphrase", "confirm": "a brand new passphrase"}


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def test_a_newer_link_voids_the_older_one(app, client):
    admin = factories.make_user(roles=["admin"])
    old = accounts.invite(admin, email="new@example.org", display_name="New", roles=["checker"], ttl=TTL)
    newer = accounts.invite(admin, email="new@example.org", display_name="New", roles=["checker"], ttl=TTL)
    page = client.get(f"/auth/invitation/{old.token}")
    assert page.status_code == 422 and "a newer link" in page.get_data(as_text=True)
    assert client.post(f"/auth/invitation/{old.token}", data=NEW).status_code == 422
    assert accounts.find_user_by_email("new@example.org") is None  # nothing was created through the old link
    assert client.post(f"/auth/invitation/{newer.token}", data=NEW).status_code == 302


def test_using_one_link_voids_every_other_open_link(app, client):
    admin = factories.make_user(roles=["admin"])
    user = factories.make_user()
    first = accounts.invite(admin, email=user.email, display_name="x", roles=["reviewer"], ttl=TTL)
    factories.make_invitation(email=user.email, token="issued-elsewhere")  # e.g. an older link left open
    assert client.post(f"/auth/invitation/{first.token}", data=NEW).status_code == 302
    client.post("/auth/logout")
    assert client.post("/auth/invitation/issued-elsewhere", data={
        "new_password": "the attacker's passphrase", "confirm": "the attacker's passphrase"}).status_code == 422
    assert passwords.verify_password(fresh(User, user.id).password_hash, NEW["new_password"])


def test_a_password_change_voids_open_links(app, client):
    admin = factories.make_user(roles=["admin"])
    user = factories.make_user()
    link = accounts.invite(admin, email=user.email, display_name="x", roles=["reviewer"], ttl=TTL)
    client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
    assert client.post("/auth/password", data={"current_password": factories.PASSWORD, **NEW}).status_code == 302
    client.post("/auth/logout")
    refused = client.post(f"/auth/invitation/{link.token}", data={
        "new_password": "the attacker's passphrase", "confirm": "the attacker's passphrase"})
    assert refused.status_code == 422 and "password change" in refused.get_data(as_text=True)
    assert passwords.verify_password(fresh(User, user.id).password_hash, NEW["new_password"])


def test_creating_the_account_with_a_password_voids_an_invitation_sent_before(app, client):
    admin = factories.make_user(roles=["admin"])
    link = accounts.invite(admin, email="later@example.org", display_name="Later", roles=["checker"], ttl=TTL)
    accounts.create_user(admin, email="later@example.org", display_name="Later", password="chosen by the admin",
                         roles=["checker"])
    assert client.post(f"/auth/invitation/{link.token}", data=NEW).status_code == 422


def test_a_reset_revokes_api_tokens_and_sessions_and_says_so(app):
    admin_client, _ = client_for(app, "admin")
    user_client, user = client_for(app, "checker")
    secret = api_tokens.issue(user, name="newsroom bot").secret
    factories.make_user()  # another account's token stays live
    assert user_client.get("/api/articles/1", headers={"Authorization": f"Bearer {secret}"}).status_code == 404

    page = admin_client.post(f"/admin/users/{user.id}/reset-password")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "1 API token of theirs was revoked" in body
    assert "every session they had is logged out" in body

    assert user_client.get("/home").status_code == 302  # the session ended
    assert app.test_client().get("/api/articles/1",
                                 headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert all(t.revoked_at is not None for t in db.session.query(ApiToken).filter_by(user_id=user.id))


def test_the_reset_button_says_what_it_revokes(app):
    admin_client, _ = client_for(app, "admin")
    user = factories.make_user()
    page = admin_client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "revokes its API tokens" in page and "ends every session" in page
