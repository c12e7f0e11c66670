"""The merge dialog's search: claims still kept, in the reviewer's queues, found by their words."""
import re

from tests import factories


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="dialog-pick" value="(\d+)"', html)]


def test_the_dialog_lists_claims_to_keep_with_their_matches(client, login_as):
    reviewer = login_as("reviewer")
    queue = factories.make_queue(name="Europe", members=[(reviewer, "reviewer")])
    duplicate = factories.make_claim(text="L'invasion a commencé à l'aube.", queue=queue)
    kept = factories.make_claim(text="L'invasion a débuté à l'aube.", queue=queue)
    unrouted = factories.make_claim(text="Une invasion annoncée.")
    factories.make_claim(text="Invasion déjà fusionnée.", queue=queue, status="merged")
    factories.make_claim(text="Invasion écartée.", queue=queue, status="dismissed")
    factories.make_claim(text="Invasion ailleurs.", queue=factories.make_queue(name="Ailleurs"))
    response = client.get(f"/queues/claims/{duplicate.id}/merge-candidates?q=invasion",
                          headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert sorted(_ids(html)) == sorted([kept.id, unrouted.id])
    assert "<mark>invasion</mark>" in html and "<html" not in html


def test_without_javascript_the_search_is_a_page_with_merge_buttons(client, login_as):
    reviewer = login_as("reviewer")
    queue = factories.make_queue(name="Europe", members=[(reviewer, "reviewer")])
    duplicate = factories.make_claim(text="Le budget baisse.", queue=queue)
    kept = factories.make_claim(text="Le budget diminue fortement.", queue=queue)
    html = client.get(f"/queues/claims/{duplicate.id}/merge-candidates?q=budget+diminue").get_data(as_text=True)
    assert f'name="into_claim_id" value="{kept.id}"' in html
    assert f'action="/queues/claims/{duplicate.id}/merge"' in html
    response = client.post(f"/queues/claims/{duplicate.id}/merge",
                           data={"version_id": duplicate.version_id, "into_claim_id": kept.id, "back": "/queues/"})
    assert response.status_code == 303


def test_a_bad_search_or_an_unknown_claim_is_said_so(client, login_as):
    reviewer = login_as("reviewer")
    claim = factories.make_claim(queue=factories.make_queue(name="Q", members=[(reviewer, "reviewer")]))
    response = client.get(f"/queues/claims/{claim.id}/merge-candidates?q=-budget", headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Give at least one word to look for" in response.get_data(as_text=True)
    assert client.get("/queues/claims/999999/merge-candidates?q=budget").status_code == 404
