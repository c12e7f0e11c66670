"""Searching the queue: the search box with the filters, in the URL, kept by saved views, with highlights."""
from __future__ import annotations

import re

import pytest

from factcheck.services.queues import queue_filters, queue_listing, saved_views
from tests import factories


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="claim-row[^"]*" id="claim-(\d+)"', html)]


@pytest.fixture()
def member(login_as):
    reviewer = login_as("reviewer")
    queue = factories.make_queue(name="Europe", members=[(reviewer, "reviewer")])
    return reviewer, queue


def _claim(queue, text, **kwargs):
    return factories.make_claim(text=text, queue=queue, **kwargs)


def test_a_search_finds_claims_with_their_matches_marked(client, member):
    _, queue = member
    found = _claim(queue, "L'invasion de l'Ukraine a commencé le 24 février.")
    _claim(queue, "Le budget de la santé augmente.")
    html = client.get("/queues/?q=INVASION").get_data(as_text=True)
    assert _ids(html) == [found.id]
    assert "<mark>invasion</mark>" in html
    assert 'value="INVASION"' in html  # the box shows the search as typed


def test_the_search_combines_with_filters_and_the_sort(client, member):
    _, queue = member
    accusation = _claim(queue, "Invasion préparée depuis des mois.", kind="accusation", checkworthiness=0.2)
    statement = _claim(queue, "L'invasion a échoué.", checkworthiness=0.9)
    _claim(queue, "Une accusation sans rapport.", kind="accusation")
    assert _ids(client.get("/queues/?q=invasion&kind=accusation").get_data(as_text=True)) == [accusation.id]
    by_score = client.get("/queues/?q=invasion&sort=score").get_data(as_text=True)
    assert _ids(by_score) == [statement.id, accusation.id]


def test_pages_of_a_search_follow_the_cursor_without_repeats(client, member):
    reviewer, queue = member
    claims = [_claim(queue, f"Invasion numéro {n}.", checkworthiness=n / 10) for n in range(7)]
    seen: list[int] = []
    url = "/queues/?q=invasion&per=5&sort=score"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += _ids(html)
        found = re.search(r'rel="next" href="([^"]+)"', html)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert seen == [c.id for c in reversed(claims)]


def test_relevance_is_the_default_sort_of_a_search_and_the_url_stays_canonical():
    filters = queue_filters.parse_filters({"q": '  Invasion   "armée  rouge" -russe '})
    assert filters.q == 'Invasion "armée rouge" -russe'
    assert filters.sort == "relevance"
    assert filters.query_string() == "q=Invasion+%22arm%C3%A9e+rouge%22+-russe"
    assert queue_filters.parse_filters({"q": "invasion", "sort": "newest"}).query_string() == \
        "q=invasion&sort=newest"
    without_search = queue_filters.parse_filters({"sort": "relevance"})
    assert without_search.sort == "score" and without_search.ignored == ("sort",)


def test_a_search_with_nothing_to_look_for_is_reported_not_run(client, member):
    _, queue = member
    claim = _claim(queue, "L'invasion a commencé.")
    html = client.get("/queues/?q=-russe").get_data(as_text=True)
    assert _ids(html) == [claim.id]
    assert "Ignored: q (Give at least one word to look for" in html


def test_search_text_is_never_markup(client, member):
    _, queue = member
    _claim(queue, '<img src=x onerror=alert(1)> invasion')
    html = client.get('/queues/?q=invasion+-"<b>"').get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x" in html  # the claim, found and escaped
    assert "<b>" not in html and "&lt;b&gt;" in html  # the search box and the canonical URL


def test_a_saved_view_keeps_the_search(app, member):
    reviewer, queue = member
    view = saved_views.save_view(reviewer, name="Invasion", queue_id=queue.id,
                                 query={"q": "invasion  -russe", "kind": "accusation"})
    assert view.query == "q=invasion+-russe&kind=accusation"


def test_a_search_sees_only_the_queues_the_user_sees(app, member):
    reviewer, queue = member
    mine = _claim(queue, "L'invasion vue d'ici.")
    _claim(factories.make_queue(name="Ailleurs"), "L'invasion vue d'ailleurs.")
    page = queue_listing.list_page(reviewer, queue_filters.parse_filters({"q": "invasion"}))
    assert [r.claim_id for r in page.rows] == [mine.id]
    assert str(page.rows[0].text_html) == "L&#39;<mark>invasion</mark> vue d&#39;ici."
