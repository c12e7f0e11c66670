"""One article per address (issue 13, ``uq_articles_canonical_url``): what each way in does with an address another
article already holds. A URL is the same article; a pasted or bulk text keeps the address as its link but not as
its key; a fetched page that names another article's address as its canonical one is that article again."""
from __future__ import annotations

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Article
from factcheck.services.admin import settings_admin
from factcheck.services.articles import articles, feeds
from factcheck.services.core.errors import Conflict
from factcheck.services.core.guards import SYSTEM
from tests import factories

ADDRESS = "https://93.184.215.14/budget.html"
TEXTS = ("The council said on Monday that 1,200 homes will be built by 2027 in the northern districts.",
         "The mayor denied on Tuesday that the budget for schools had been cut by a tenth since 2024.")


def _article(article_id: int) -> Article:
    db.session.expire_all()
    return db.session.get(Article, article_id)


def test_a_pasted_text_under_an_address_already_held_keeps_it_as_its_link_only(app, monkeypatch):
    monkeypatch.setattr(articles, "enqueue_after_commit", lambda *args, **kwargs: None)
    first = articles.submit_text(SYSTEM, text=TEXTS[0], url=ADDRESS).article.id
    second = articles.submit_text(SYSTEM, text=TEXTS[1], url=ADDRESS)
    assert second.created and second.address_problem is None
    assert (_article(first).canonical_url, _article(second.article.id).canonical_url) == (ADDRESS, None)
    assert _article(second.article.id).url == ADDRESS
    again = articles.submit_url(SYSTEM, url=ADDRESS)  # the address is the first article's
    assert (again.created, again.article.id) == (False, first)


def test_a_bulk_file_with_one_address_on_two_texts_stores_both(app, monkeypatch):
    monkeypatch.setattr(articles, "enqueue_after_commit", lambda *args, **kwargs: None)
    jsonl = "".join(f'{{"text": "{text}", "url": "{ADDRESS}"}}\n' for text in TEXTS).encode()
    report = articles.submit_bulk(SYSTEM, data=jsonl, filename="two.jsonl")
    assert len(report.created) == 2 and report.errors == []
    assert [_article(i).canonical_url for i in report.created] == [ADDRESS, None]


def test_a_fetched_page_naming_another_articles_address_as_canonical_is_that_article(app, httpserver):
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    original, variant = httpserver.url_for("/budget"), httpserver.url_for("/budget-amp")
    httpserver.expect_request("/budget").respond_with_data(f"<html><body><p>{TEXTS[0]}</p></body></html>",
                                                           content_type="text/html")
    httpserver.expect_request("/budget-amp").respond_with_data(
        f'<html><head><link rel="canonical" href="{original}"></head><body><p>{TEXTS[1]}</p></body></html>',
        content_type="text/html")
    first = articles.submit_url(admin, url=original).article.id
    second = articles.submit_url(admin, url=variant).article.id
    assert _article(first).status == "done"
    failed = _article(second)
    assert failed.status == "failed" and f"Same page as article #{first}" in failed.error
    assert db.session.scalars(select(Article.id).where(Article.canonical_url.is_not(None))).all() == [first, second]


def test_a_feed_entry_someone_stored_at_the_same_moment_is_skipped(app, httpserver, monkeypatch):
    """The poll goes on with the next entries when one loses the address race (``submit_url``'s Conflict)."""
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Fil</title>'
           + "".join(f"<item><title>{n}</title><link>https://93.184.215.14/{n}</link></item>" for n in ("a", "b"))
           + "</channel></rss>")
    httpserver.expect_request("/feed.xml").respond_with_data(rss, content_type="application/rss+xml")
    admin = factories.make_user(roles=["admin"])
    settings_admin.set_setting(admin, "fetch_allow_hosts", [f"127.0.0.1:{httpserver.port}"])
    feed = feeds.add_feed(admin, url=httpserver.url_for("/feed.xml"))
    submit, sent = articles.submit_url, []

    def lose_the_first(actor, *, url, **kwargs):
        sent.append(url)
        if len(sent) == 1:
            raise Conflict("The same address was submitted by someone else at the same moment; it is stored once.")
        return submit(actor, url=url, **kwargs)

    monkeypatch.setattr(articles, "enqueue_after_commit", lambda *args, **kwargs: None)
    monkeypatch.setattr(articles, "submit_url", lose_the_first)
    assert feeds.poll_feed(feed.id) == 1
    assert sent == ["https://93.184.215.14/a", "https://93.184.215.14/b"]
