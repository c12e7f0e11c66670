"""A claim that duplicates one with a published verdict is flagged "already checked", with a link."""
from tests import factories


def test_queue_row_and_claim_page_flag_an_already_checked_claim(client, login_as):
    editor = login_as("editor")
    queue = factories.make_queue(members=[(editor, "editor")])
    old_article = factories.make_article(title="Ancien article")
    checked = factories.make_claim(article=old_article, queue=queue, status="published")
    factories.make_verdict(claim=checked, status="published", summary="Chiffre inexact.")
    fresh = factories.make_claim(queue=queue)
    unrelated = factories.make_claim(queue=queue, text="Autre chose.")
    factories.make_duplicate(claim=fresh, of=checked)

    page = client.get(f"/queues/{queue.id}").get_data(as_text=True)
    assert page.count("already checked") == 1
    assert f'<a class="chip checked" href="/claims/{checked.id}">already checked</a>' in page

    claim_page = client.get(f"/claims/{fresh.id}").get_data(as_text=True)
    assert "Already checked" in claim_page and "Chiffre inexact." in claim_page
    assert "Already checked" not in client.get(f"/claims/{unrelated.id}").get_data(as_text=True)
