"""The queue pages: what a row shows, filters in the URL, keyset pagination and a fixed number of queries."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qsl

import pytest

from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.models.base import utcnow
from factcheck.services.queues import queue_filters, queue_listing
from tests import factories, sql_capture


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="claim-row[^"]*" id="claim-(\d+)"', html)]


def _next(html: str) -> str | None:
    found = re.search(r'rel="next" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.fixture()
def member(login_as):
    reviewer = login_as("reviewer")
    queue = factories.make_queue(name="Santé", members=[(reviewer, "reviewer")])
    return reviewer, queue


def test_a_row_shows_the_claim_in_context_and_its_facts(client, member):
    reviewer, queue = member
    text = ("Préambule sans importance pour le contexte. Le ministère a annoncé que 1 200 postes seraient créés. "
            "La suite de l’article parle d’autre chose.")
    article = factories.make_article(text=text, title="Emploi public", outlet="Le Quotidien")
    claim = factories.make_claim(article=article, queue=queue, kind="accusation", claimant="le ministère",
                                 checkworthiness=0.72, assignee=reviewer)
    # The factory's sentence is the article's first sentence; point the span at the second one instead.
    sentence = "Le ministère a annoncé que 1 200 postes seraient créés."
    claim.span_start = text.index(sentence)
    claim.span_end = claim.span_start + len(sentence)
    claim.sentence = sentence
    db.session.commit()
    for _ in range(2):  # two other articles carried the same claim and were merged into it
        dup = factories.make_claim(queue=queue, status="merged")
        factories.make_duplicate(claim=dup, of=claim)

    html = client.get(f"/queues/{queue.id}").get_data(as_text=True)
    assert 'value="0.720"' in html and "72%" in html and "<meter" in html and "Check-worthiness 0.720" in html
    assert "le ministère" in html and "accusation" in html and ">fr<" in html
    assert "Le Quotidien" in html and reviewer.display_name in html
    assert "seen in 3 articles" in html
    assert re.search(r"<time[^>]*>\d+ min</time>", html)
    # The sentence in its article and the article's title are in the row's menu, read when it opens.
    assert "Préambule" not in html and "Emploi public" not in html
    menu = client.get(f"/queues/claims/{claim.id}/menu?back=/queues/{queue.id}", headers={"HX-Request": "true"})
    html = menu.get_data(as_text=True)
    assert menu.status_code == 200 and "<html" not in html
    assert f"<mark>{sentence}</mark>" in html
    assert "Préambule sans importance pour le contexte. <mark>" in html
    assert "</mark> La suite de l’article" in html
    assert "Emploi public" in html and "Le Quotidien" in html


def test_pages_respect_the_csp_no_inline_style_or_script(client, member):
    _, queue = member
    factories.make_claim(queue=queue)
    for url in (f"/queues/{queue.id}", "/queues/", "/queues/views"):
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), url
    html = client.get(f"/queues/{queue.id}").get_data(as_text=True)
    assert 'src="/static/vendor/htmx.min.js"' in html and 'src="/static/js/queue.js"' in html
    assert '"includeIndicatorStyles": false' in html and "/static/css/queue.css" in html


def test_filters_combine_and_live_in_the_query_string(client, member):
    reviewer, queue = member
    old = factories.make_article(outlet="La Gazette")
    match = factories.make_claim(article=old, queue=queue, kind="accusation", language="fr",
                                 claimant="Le Maire", checkworthiness=0.8, assignee=reviewer)
    factories.make_claim(queue=queue, kind="accusation", language="en", claimant="le maire",
                         checkworthiness=0.8, assignee=reviewer)                      # wrong language
    factories.make_claim(article=old, queue=queue, kind="quote", language="fr", claimant="le maire",
                         checkworthiness=0.8, assignee=reviewer)                      # wrong kind
    factories.make_claim(article=old, queue=queue, kind="accusation", language="fr", claimant="le maire",
                         checkworthiness=0.3, assignee=reviewer)                      # below the score range
    factories.make_claim(article=old, queue=queue, kind="accusation", language="fr", claimant="le maire",
                         checkworthiness=0.8)                                         # not assigned to me
    factories.make_claim(article=old, queue=queue, kind="accusation", language="fr", claimant="la ministre",
                         checkworthiness=0.8, assignee=reviewer)                      # another claimant
    factories.make_claim(article=old, queue=queue, kind="accusation", language="fr", claimant="le maire",
                         checkworthiness=0.8, assignee=reviewer, status="dismissed")  # not an open status
    url = (f"/queues/{queue.id}?kind=accusation&language=fr&claimant=maire&outlet=gazette&min_score=0.5"
           f"&max_score=0.9&assigned=me&from=2000-01-01&to=2999-12-31")
    html = client.get(url).get_data(as_text=True)
    assert _ids(html) == [match.id]
    # The form shows the filters back, so the bookmarked URL reproduces the page.
    assert 'value="accusation" checked' in html and 'value="maire"' in html and 'value="me" selected' in html

    html = client.get(f"/queues/{queue.id}?status=dismissed").get_data(as_text=True)
    assert len(_ids(html)) == 1
    assert len(_ids(client.get(f"/queues/{queue.id}?status=all").get_data(as_text=True))) == 7
    assert _ids(client.get(f"/queues/{queue.id}?from=2999-01-01").get_data(as_text=True)) == []
    unassigned = _ids(client.get(f"/queues/{queue.id}?assigned=unassigned").get_data(as_text=True))
    assert len(unassigned) == 1


def test_has_disputes_and_most_disputed(client, member):
    _, queue = member
    calm = factories.make_claim(queue=queue, checkworthiness=0.9)
    hot = factories.make_claim(queue=queue, kind="accusation", checkworthiness=0.2)
    warm = factories.make_claim(queue=queue, kind="accusation", checkworthiness=0.5)
    for _ in range(2):
        factories.make_link(source=factories.make_claim(kind="denial"), target=hot, type="denies")
    factories.make_link(source=factories.make_claim(kind="denial"), target=warm, type="contradicts")
    assert _ids(client.get(f"/queues/{queue.id}?disputed=1").get_data(as_text=True)) == [warm.id, hot.id]
    ordered = _ids(client.get(f"/queues/{queue.id}?sort=disputed").get_data(as_text=True))
    assert ordered == [hot.id, warm.id, calm.id]


@pytest.mark.parametrize("query", [
    "sort=bogus", "min_score=abc", "min_score=nan", "max_score=7", "from=2026-13-45", "to=yesterday",
    "after=garbage", "after=1.5:x", "after=inf:3", "status=bogus", "kind=rumour", "per=100000", "per=-1",
    "language=français", "assigned=everyone", "disputed=maybe", "claimant=" + "x" * 500,
    "sort=newest&after=0.9:3", "status=all&status=new", "kind=quote&kind=quote",
])
def test_bad_filter_values_are_ignored_not_a_server_error(client, member, query):
    _, queue = member
    claim = factories.make_claim(queue=queue)
    for base in (f"/queues/{queue.id}", "/queues/"):
        response = client.get(f"{base}?{query}")
        assert response.status_code == 200, query
    html = client.get(f"/queues/{queue.id}?{query}").get_data(as_text=True)
    if "kind=" not in query and "status=all" not in query:
        assert claim.id in _ids(html)


def test_the_page_says_which_filters_it_ignored(client, member):
    _, queue = member
    html = client.get(f"/queues/{queue.id}?min_score=abc&sort=bogus").get_data(as_text=True)
    assert "Ignored: min_score, sort." in html


def test_unknown_queue_is_404(client, member):
    assert client.get("/queues/999999").status_code == 404


def _walk(client, url: str) -> tuple[list[int], list[str]]:
    ids: list[int] = []
    urls = []
    while url:
        urls.append(url)
        html = client.get(url).get_data(as_text=True)
        ids += _ids(html)
        url = _next(html)
        assert len(urls) < 50
    return ids, urls


@pytest.mark.parametrize("sort", ["score", "newest", "oldest", "disputed"])
def test_keyset_pages_cover_every_claim_once_in_order(client, member, sort):
    _, queue = member
    now = utcnow()
    claims = []
    for n in range(23):
        # Ties on the sort value (score, date, dispute count) must still page correctly through the id.
        claim = factories.make_claim(queue=queue, checkworthiness=[0.9, 0.5, 0.5, 0.1][n % 4])
        claim.created_at = now - timedelta(hours=n // 3)
        claims.append(claim)
    db.session.commit()
    for target in claims[:6]:
        factories.make_link(source=factories.make_claim(kind="denial"), target=target, type="denies")
    with sql_capture.statements() as seen:
        ids, urls = _walk(client, f"/queues/{queue.id}?sort={sort}&per=5")
    assert len(urls) == 5 and all("after=" in u for u in urls[1:])
    assert sorted(ids) == sorted(c.id for c in claims) and len(ids) == len(set(ids))
    # SQLite spells a bare LIMIT as "LIMIT ? OFFSET ?" with 0; no page may skip rows by offset.
    offsets = [params[-1] for sql, params in seen if re.search(r"\bOFFSET \?", sql)]
    assert offsets == [0] * len(offsets)
    assert not any(re.search(r"\bOFFSET [1-9]", sql) for sql, _ in seen)

    by_id = {c.id: c for c in claims}
    disputed = {c.id for c in claims[:6]}
    key = {
        "score": lambda i: (-by_id[i].checkworthiness, -i),
        "newest": lambda i: (-by_id[i].created_at.timestamp(), -i),
        "oldest": lambda i: (by_id[i].created_at.timestamp(), i),
        "disputed": lambda i: (-(i in disputed), -i),
    }[sort]
    assert ids == sorted(ids, key=key)


def test_the_cursor_is_in_the_url_and_keeps_the_filters(client, member):
    _, queue = member
    for n in range(8):
        factories.make_claim(queue=queue, kind="statement", checkworthiness=0.1 * n)
    html = client.get(f"/queues/{queue.id}?kind=statement&per=5").get_data(as_text=True)
    nxt = _next(html)
    assert re.search(r"after=0\.[0-9]+%3A\d+", nxt) and "kind=statement" in nxt and "per=5" in nxt
    second = client.get(nxt).get_data(as_text=True)
    assert len(_ids(second)) == 3 and _next(second) is None and "First page" in second


def _page_statements(client, url: str) -> int:
    client.get(url)  # warm up: the first request loads templates and the like
    db.session.remove()  # start from an empty identity map, as a real request does
    with sql_capture.statements() as seen:
        response = client.get(url)
    assert response.status_code == 200
    return len(seen)


def test_queue_page_runs_the_same_number_of_queries_for_5_and_50_rows(client, member):
    reviewer, queue = member
    colleague = factories.make_user(roles=["checker"])

    def fill(count: int, queue) -> None:
        for n in range(count):
            claim = factories.make_claim(queue=queue, assignee=[reviewer, colleague, None][n % 3],
                                         kind=["accusation", "statement"][n % 2], checkworthiness=(n % 10) / 10)
            if n % 2 == 0:  # each row has a denial and a merged duplicate: links, partners and counts
                factories.make_link(source=factories.make_claim(kind="denial"), target=claim, type="denies")
                factories.make_duplicate(claim=factories.make_claim(status="merged"), of=claim)

    small = factories.make_queue(name="Small", members=[(reviewer, "reviewer")])
    fill(5, small)
    fill(50, queue)
    small_url, large_url = f"/queues/{small.id}?per=50", f"/queues/{queue.id}?per=50"
    small_count = _page_statements(client, small_url)
    large_count = _page_statements(client, large_url)
    html = client.get(large_url).get_data(as_text=True)
    assert len(_ids(html)) == 50
    print(f"queue page statements: {small_count} with 5 rows, {large_count} with 50 rows")
    assert small_count == large_count, (small_count, large_count)
    assert large_count <= 18  # 16, plus the grouped count of "already checked" matches and the bell's unread count
    index_small = _page_statements(client, "/queues/?per=5")
    index_large = _page_statements(client, "/queues/?per=50")
    assert index_small == index_large


def test_all_my_queues_lists_member_queues_with_counts(client, member):
    reviewer, queue = member
    elsewhere = factories.make_queue(name="Ailleurs")
    archived = factories.make_queue(name="Ancienne", members=[(reviewer, "reviewer")])
    archived.archived = True
    db.session.commit()
    mine = [factories.make_claim(queue=queue) for _ in range(3)]
    factories.make_claim(queue=queue, status="dismissed")
    other = factories.make_claim(queue=elsewhere)
    hidden = factories.make_claim(queue=archived)
    html = client.get("/queues/").get_data(as_text=True)
    assert sorted(_ids(html)) == sorted(c.id for c in mine)
    assert "Santé" in html and "Ailleurs" not in html and "Ancienne" not in html
    summary = re.search(r"Santé</a>.*?</tr>", html, re.S).group(0)
    assert re.findall(r"<td>(\d+)</td>", summary) == ["3", "3", "4"]
    assert other.id not in _ids(html) and hidden.id not in _ids(html)


def test_editors_see_every_active_queue_and_the_unrouted_claims(client, login_as):
    login_as("editor")
    first = factories.make_queue(name="Un")
    second = factories.make_queue(name="Deux")
    a = factories.make_claim(queue=first)
    b = factories.make_claim(queue=second)
    unrouted = factories.make_claim()
    html = client.get("/queues/").get_data(as_text=True)
    assert sorted(_ids(html)) == sorted([a.id, b.id]) and "Un</a>" in html and "Deux</a>" in html
    assert _ids(client.get("/queues/?unrouted=1").get_data(as_text=True)) == [unrouted.id]


def test_read_model_rows_for_keeps_the_requested_order(app, member):
    reviewer, queue = member
    claims = [factories.make_claim(queue=queue) for _ in range(3)]
    rows = queue_listing.rows_for(reviewer, [claims[2].id, claims[0].id])
    assert [r.claim_id for r in rows] == [claims[2].id, claims[0].id]
    assert db.session.get(Claim, claims[0].id) is not None


def test_filters_round_trip_through_the_query_string():
    from werkzeug.datastructures import MultiDict

    args = MultiDict([("status", "new"), ("status", "triaged"), ("kind", "denial"), ("language", "FR"),
                      ("min_score", "0.25"), ("from", "2026-01-02"), ("assigned", "me"), ("disputed", "1"),
                      ("sort", "oldest"), ("per", "10"), ("after", "1790000000000000:42"), ("junk", "x")])
    filters = queue_filters.parse_filters(args)
    assert filters.statuses == ("new", "triaged") and filters.language == "fr" and filters.after == (
        1790000000000000, 42)
    assert filters.ignored == ()
    again = queue_filters.parse_filters(MultiDict(parse_qsl(filters.query_string(cursor=True))))
    assert again == filters
    assert "after" not in filters.query_string()
    assert queue_filters.parse_cursor("score", "0.5:abc") is None
    assert queue_filters.parse_cursor("score", "nan:3") is None
    assert queue_filters.format_cursor("score", (0.1 + 0.2, 7)) == "0.30000000000000004:7"
