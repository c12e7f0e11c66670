"""Invitations name queues and roles (issue 12): the new colleague accepts and works in the chosen live queues
from the first login, in their widest desk role; an archived or unknown queue is refused, and nothing is issued."""
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Invitation, QueueMember, User
from tests import factories

PASSWORD = "a long and new passphrase 42"


def test_an_invited_reviewer_joins_the_chosen_queues(app, client, login_as):
    login_as("admin")
    politics, economy = factories.make_queue(name="Politique"), factories.make_queue(name="Économie")
    factories.make_queue(name="Sport")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "Politique" in page and 'name="queues"' in page
    r = client.post("/admin/users/invite", data={"email": "nora@redaction.fr", "display_name": "Nora",
                                                 "roles": ["reviewer", "checker"],
                                                 "queues": [politics.id, economy.id]})
    token = r.get_data(as_text=True).split("/auth/invitation/")[1].split('"')[0]
    politics.archived = True  # archived between the invitation and its acceptance: not joined
    db.session.commit()
    client.post("/auth/logout")
    accepted = client.post(f"/auth/invitation/{token}", data={"new_password": PASSWORD, "confirm": PASSWORD})
    assert accepted.status_code == 302 and accepted.headers["Location"].endswith(f"/queues/{economy.id}")
    nora = db.session.scalars(select(User).where(User.email == "nora@redaction.fr")).one()
    memberships = db.session.scalars(select(QueueMember).where(QueueMember.user_id == nora.id)).all()
    assert [(m.queue_id, m.role) for m in memberships] == [(economy.id, "checker")]
    assert f"/queues/{economy.id}" in client.get("/queues/").get_data(as_text=True)


def test_an_archived_queue_is_refused_and_nothing_issued(client, login_as):
    login_as("admin")
    archived = factories.make_queue(name="Ancienne")
    archived.archived = True
    db.session.commit()
    r = client.post("/admin/users/invite", data={"email": "nora@redaction.fr", "display_name": "Nora",
                                                 "roles": ["reviewer"], "queues": [archived.id, 999999]})
    assert r.status_code == 422 and "does not exist or is archived" in r.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Invitation.id))) == 0
