"""Saved views: save the filtered URL of a queue under a name, find it in the navigation, delete it."""
from __future__ import annotations

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import SavedView
from tests import factories


def _views(user) -> list[SavedView]:
    db.session.expire_all()
    return list(db.session.scalars(select(SavedView).where(SavedView.user_id == user.id)))


def test_save_a_filtered_view_and_find_it_in_the_navigation(client, login_as):
    checker = login_as("checker")
    queue = factories.make_queue(name="International", members=[(checker, "checker")])
    accusation = factories.make_claim(queue=queue, kind="accusation")
    factories.make_claim(queue=queue, kind="quote")
    back = f"/queues/{queue.id}?kind=accusation&sort=newest&after=123:4"
    page = client.get(back).get_data(as_text=True)
    assert 'name="query" value="kind=accusation&amp;sort=newest"' in page  # the cursor is not saved

    response = client.post("/queues/views", data={"name": "Accusations récentes", "queue_id": queue.id,
                                                  "query": "kind=accusation&sort=newest&after=123:4&sort=bad",
                                                  "back": back})
    assert response.status_code == 303 and response.headers["Location"].endswith(back)
    (view,) = _views(checker)
    assert (view.name, view.queue_id, view.query) == ("Accusations récentes", queue.id,
                                                      "kind=accusation&sort=newest")

    home = client.get("/home").get_data(as_text=True)
    nav = home.split('<nav class="nav"')[1].split("</nav>")[0]
    assert "Accusations récentes" in nav
    assert f'href="/queues/{queue.id}?kind=accusation&amp;sort=newest"' in nav

    followed = client.get(f"/queues/{queue.id}?kind=accusation&sort=newest").get_data(as_text=True)
    assert f'id="claim-{accusation.id}"' in followed and "quote" not in followed.split('class="claims"')[1]
    assert "Accusations récentes" in client.get("/queues/views").get_data(as_text=True)


def test_delete_own_view_but_not_someone_elses(client, login_as):
    reviewer = login_as("reviewer")
    mine = factories.make_saved_view(user=reviewer, name="Mes vues")
    colleague = factories.make_user(roles=["reviewer"])
    theirs = factories.make_saved_view(user=colleague, name="Les siennes")
    response = client.post(f"/queues/views/{theirs.id}/delete", data={"back": "/queues/views"})
    assert response.status_code == 404
    assert [v.name for v in _views(colleague)] == ["Les siennes"]
    assert client.post(f"/queues/views/{mine.id}/delete", data={"back": "/queues/views"}).status_code == 303
    assert _views(reviewer) == []
    assert "Mes vues" not in client.get("/home").get_data(as_text=True)
    assert client.post("/queues/views/999999/delete", data={"back": "/queues/views"}).status_code == 404


def test_saving_needs_a_name_and_a_known_queue(client, login_as):
    user = login_as("reviewer")
    assert client.post("/queues/views", data={"name": "", "query": "", "back": "/queues/"}).status_code == 422
    assert client.post("/queues/views", data={"name": "x" * 81, "back": "/queues/"}).status_code == 422
    assert client.post("/queues/views", data={"name": "Fantôme", "queue_id": 999999,
                                              "back": "/queues/"}).status_code == 404
    assert client.post("/queues/views", data={"name": "Sans retour"}).status_code == 400
    assert _views(user) == []
    assert client.post("/queues/views", data={"name": "Tout", "back": "/queues/"}).status_code == 303
    (view,) = _views(user)
    assert view.queue_id is None and view.query == ""
    assert 'href="/queues/">Tout</a>' in client.get("/queues/").get_data(as_text=True)


def test_anonymous_users_see_no_saved_views_and_are_sent_to_log_in(client):
    assert client.get("/queues/views").status_code == 302
    assert client.post("/queues/views", data={"name": "x", "back": "/queues/"}).status_code == 302
