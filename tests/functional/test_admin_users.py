"""Admins invite, change roles, disable and reset; every action is audited."""
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent, User
from tests import factories


def _actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_admin_invites_and_sees_the_one_time_link(client, login_as):
    login_as("admin")
    response = client.post("/admin/users/invite", data={"email": "nouvelle@redaction.fr",
                                                        "display_name": "Nouvelle", "roles": ["checker", "reviewer"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "/auth/invitation/" in page
    token = page.split("/auth/invitation/")[1].split('"')[0]
    assert client.get(f"/auth/invitation/{token}").status_code == 200
    assert "user.invite" in _actions()


def test_invite_with_no_role_or_bad_email_is_refused(client, login_as):
    login_as("admin")
    response = client.post("/admin/users/invite", data={"email": "nouvelle@redaction.fr", "display_name": "N"})
    assert response.status_code == 422 and "Choose at least one role." in response.get_data(as_text=True)
    response = client.post("/admin/users/invite", data={"email": "not-an-email", "display_name": "N",
                                                        "roles": ["checker"]})
    assert response.status_code == 422
    assert "user.invite" not in _actions()


def test_change_roles_disable_enable_and_reset(client, login_as):
    admin = login_as("admin")
    user = factories.make_user(roles=["reviewer"])
    response = client.post(f"/admin/users/{user.id}", data={"roles": ["checker", "editor"]})
    assert response.status_code == 302
    assert db.session.get(User, user.id).roles == {"checker", "editor"}
    assert client.post(f"/admin/users/{user.id}/disable").status_code == 302
    assert not db.session.get(User, user.id).active
    assert client.post(f"/admin/users/{user.id}/enable").status_code == 302
    reset = client.post(f"/admin/users/{user.id}/reset-password")
    assert reset.status_code == 200 and "/auth/invitation/" in reset.get_data(as_text=True)
    assert db.session.get(User, user.id).password_hash is None
    assert _actions()[-5:] == ["user.set_roles", "user.disable", "user.enable", "user.reset_password",
                               "user.invite"]
    listing = client.get("/admin/users").get_data(as_text=True)
    assert user.email in listing and admin.email in listing


def test_admin_cannot_lock_themselves_out(client, login_as):
    admin = login_as("admin")
    response = client.post(f"/admin/users/{admin.id}/disable")
    assert response.status_code == 422 and "your own account" in response.get_data(as_text=True)
    response = client.post(f"/admin/users/{admin.id}", data={"roles": ["checker"]})
    assert response.status_code == 422
    assert db.session.get(User, admin.id).roles == {"admin"}


def test_unknown_user_is_a_404(client, login_as):
    login_as("admin")
    assert client.get("/admin/users/999999").status_code == 404
    assert client.post("/admin/users/999999/disable").status_code == 404


def test_error_pages_never_leak_a_traceback(app, make_app):
    app = make_app(TESTING=False)

    @app.route("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    client = app.test_client()
    response = client.get("/boom-for-test")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in body and "Traceback" not in body
    assert "Something went wrong on our side" in body
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "Not found" in missing.get_data(as_text=True)
