"""The same text pasted, or the same address sent, twice at the same moment (issue 13): one article, and a clear 409
for the slower request.

Both requests pass the service's "already there?" check before either inserts (a barrier holds them right after
it), so only the content hash's unique constraint (the canonical URL's partial unique index) can keep it once. On
PostgreSQL the slower INSERT waits for the faster transaction, then fails; the service turns that into a
``Conflict`` naming the stored article. Each thread's client pushes its own app context, hence its own session and
connection.
"""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, User
from factcheck.services.accounts import api_tokens
from factcheck.services.articles import articles
from tests import factories

TEXT = ("Le maire a affirmé que la commune avait créé 1 200 emplois en 2025. L'opposition dément ces chiffres "
        "et accuse la mairie de compter deux fois les contrats saisonniers.")


def _hold_after(monkeypatch, lookup: str) -> None:
    """Both requests run the service's ``lookup``, then wait for each other before inserting; no task is sent."""
    barrier = threading.Barrier(2, timeout=10)
    looked_up = getattr(articles, lookup)
    waited: set[int] = set()

    def lookup_then_wait(key):
        found = looked_up(key)
        if threading.get_ident() not in waited:  # the check before inserting, not the look-up after losing
            waited.add(threading.get_ident())
            barrier.wait()
        return found

    monkeypatch.setattr(articles, lookup, lookup_then_wait)
    monkeypatch.setattr(articles, "enqueue_after_commit", lambda *args, **kwargs: None)


@pytest.fixture()
def held_after_the_check(monkeypatch):
    """Both requests look for the text, then wait for each other before inserting."""
    _hold_after(monkeypatch, "_existing_by_hash")


@pytest.fixture()
def held_after_the_address_check(monkeypatch):
    """Both requests look for the address, then wait for each other before inserting."""
    _hold_after(monkeypatch, "_existing_by_url")


def _race(app, send, count: int = 2) -> list:
    """``send(i)`` in ``count`` threads at once, each with its own app context (session and connection)."""
    responses: list = [None] * count

    def run(index: int) -> None:
        with app.app_context():
            responses[index] = send(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return responses


def _stored() -> list[int]:
    db.session.rollback()  # see what the threads committed
    return list(db.session.scalars(select(Article.id).where(Article.raw_text.contains("1 200 emplois"))))


def test_the_api_stores_one_article_and_answers_409_to_the_slower_request(app, postgres_url, held_after_the_check):
    user = factories.make_user(roles=["reviewer"])
    headers = [{"Authorization": f"Bearer {api_tokens.issue(user, name=f'script {n}').secret}"} for n in range(2)]
    clients = [app.test_client() for _ in range(2)]
    responses = _race(app, lambda i: clients[i].post("/api/v1/articles", json={"text": TEXT, "title": "Emplois"},
                                                headers=headers[i]))
    assert sorted(r.status_code for r in responses) == [202, 409]
    stored = _stored()
    assert len(stored) == 1
    refused = next(r for r in responses if r.status_code == 409)
    assert refused.mimetype == "application/problem+json"
    assert f"It is article {stored[0]}." in refused.get_json()["detail"]


def test_the_paste_form_stores_one_article_and_keeps_the_slower_persons_text(app, postgres_url,
                                                                            held_after_the_check):
    clients = [factories.client_for(app, "reviewer")[0] for _ in range(2)]
    responses = _race(app, lambda i: clients[i].post("/articles/paste", data={"text": TEXT, "title": "Emplois"}))
    assert sorted(r.status_code for r in responses) == [303, 409]
    stored = _stored()
    assert len(stored) == 1
    page = next(r for r in responses if r.status_code == 409).get_data(as_text=True)
    assert f"It is article {stored[0]}." in page and "contrats saisonniers" in page  # the text is still there


def test_a_bulk_file_that_loses_the_race_on_a_row_keeps_every_row(app, postgres_url, monkeypatch):
    """Someone pastes the bulk file's first text between the bulk's check and its insert: the file is stored again
    from the start, that row becomes a duplicate of the pasted article and the other row is still created."""
    user_id = factories.make_user(roles=["reviewer"]).id
    other = "Un second article, seul dans ce fichier, sur les transports de la région."
    jsonl = f'{{"text": "{TEXT}"}}\n{{"text": "{other}"}}\n'.encode()
    looked_up, pasted = articles._existing_by_hash, []

    def paste(_index: int) -> int:
        submitted = articles.submit_text(db.session.get(User, user_id), text=TEXT)
        assert submitted.created
        return submitted.article.id

    def paste_meanwhile(digest):
        found = looked_up(digest)
        if not pasted and threading.current_thread() is threading.main_thread():
            # the bulk's first check: someone else stores the text before the bulk inserts it
            pasted.extend(_race(app, paste, count=1))
        return found

    monkeypatch.setattr(articles, "enqueue_after_commit", lambda *args, **kwargs: None)
    monkeypatch.setattr(articles, "_existing_by_hash", paste_meanwhile)
    report = articles.submit_bulk(db.session.get(User, user_id), data=jsonl, filename="articles.jsonl")
    assert report.duplicates == pasted
    assert len(report.created) == 1 and report.errors == []
    assert db.session.scalar(select(func.count()).select_from(Article)) == 2


def test_the_same_address_sent_twice_at_once_is_one_article_and_a_409(app, postgres_url,
                                                                     held_after_the_address_check):
    user = factories.make_user(roles=["reviewer"])
    headers = [{"Authorization": f"Bearer {api_tokens.issue(user, name=f'script {n}').secret}"} for n in range(2)]
    clients = [app.test_client() for _ in range(2)]
    address = "https://93.184.215.14/emplois.html"
    responses = _race(app, lambda i: clients[i].post("/api/v1/articles", json={"url": address}, headers=headers[i]))
    assert sorted(r.status_code for r in responses) == [202, 409]
    db.session.rollback()
    stored = list(db.session.scalars(select(Article.id).where(Article.url == address)))
    assert len(stored) == 1
    refused = next(r for r in responses if r.status_code == 409).get_json()["detail"]
    assert refused == ("The same address was submitted by someone else at the same moment; it is stored once. "
                       f"It is article {stored[0]}.")
