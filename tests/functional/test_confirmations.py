"""What is hard to take back asks first (issue 12): archiving a queue, taking someone out of it; the browser asks
through ``data-confirm`` (static/js/forms.js)."""
from tests import factories


def test_queue_admin_asks_before_archiving_or_removing_a_member(client, login_as):
    login_as("admin")
    rita = factories.make_user(roles=["reviewer"], display_name="Rita")
    queue = factories.make_queue(name="Politique", members=[(rita, "reviewer")])
    page = client.get(f"/admin/queues/{queue.id}").get_data(as_text=True)
    assert 'data-confirm="Archive the queue “Politique”? Its claims stay' in page
    assert 'data-confirm="Take Rita out of this queue?"' in page
    client.post("/auth/preferences", data={"locale": "fr", "timezone": ""})
    page = client.get(f"/admin/queues/{queue.id}").get_data(as_text=True)
    assert "Retirer Rita de cette file ?" in page and "<td>trieur</td>" in page


def test_disabling_an_account_and_deleting_a_saved_view_ask_first(client, login_as):
    admin = login_as("admin")
    nora = factories.make_user(roles=["checker"], display_name="Nora")
    page = client.get(f"/admin/users/{nora.id}").get_data(as_text=True)
    assert 'data-confirm="Disable the account of Nora? Their sessions end at once' in page
    factories.make_saved_view(user=admin, name="Mes accusations")
    page = client.get("/queues/").get_data(as_text=True)
    assert 'data-confirm="Delete the saved view “Mes accusations”?"' in page
