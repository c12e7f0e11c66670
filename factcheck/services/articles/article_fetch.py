"""The worker side of URL ingestion: fetch the page safely, keep its main text, hand over to extraction."""
from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from factcheck.extensions import db
from factcheck.ingest.errors import IngestError
from factcheck.ingest.html_text import extract_page
from factcheck.ingest.language import detect_language, normalize_language
from factcheck.ingest.safe_fetch import safe_fetch
from factcheck.ingest.text_input import canonical_url, content_hash
from factcheck.models import Article
from factcheck.services.articles.article_status import mark_failed, queue_for, start_attempt
from factcheck.services.core import integrity
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.core.fetch_policy import RetryableFetchError, current_policy

log = logging.getLogger(__name__)


__all__ = ["RetryableFetchError", "fetch_article"]


def fetch_article(article_id: int, *, final_attempt: bool = False) -> bool:
    """Fetch and store the article's text; True when extraction was queued. Safe to run twice."""
    article = db.session.get(Article, article_id)
    if article is None:
        log.warning("article %s no longer exists; nothing to fetch", article_id)
        return False
    if article.raw_text:
        return False  # already fetched by an earlier run
    if not start_attempt(article, "fetching"):
        return False  # earlier runs on this page never finished: it kills the worker
    try:
        result = safe_fetch(article.url or "", policy=current_policy())  # no URL fails as a bad URL
        page = extract_page(result.body, url=result.final_url, charset=result.charset)
    except IngestError as exc:
        if exc.retryable and not final_attempt:
            db.session.rollback()
            article.attempts = 0  # this run finished (with a retry): only runs that never end count
            db.session.commit()
            raise RetryableFetchError(exc.message) from exc
        mark_failed(article_id, f"Fetching failed: {exc.message}")
        return False
    digest = content_hash(page.text)
    if _mark_if_duplicate(article_id, digest):
        return False
    article.raw_text = page.text
    article.content_hash = digest
    article.title = article.title or (page.title or "")[:500]
    article.outlet = article.outlet or page.outlet
    article.published_on = article.published_on or (page.published.date() if page.published else None)
    article.language = normalize_language(page.language) or detect_language(page.text)
    if page.canonical_url:
        article.canonical_url = canonical_url(page.canonical_url)
    article.status = "extracting"
    article.attempts = 0  # extraction counts its own runs (services.article_status.start_attempt)
    enqueue_after_commit("extract.article", article.id, queue=queue_for(article))
    try:
        db.session.commit()
    except IntegrityError as exc:  # the same text arrived under another article since the check above
        db.session.rollback()
        if integrity.violation(exc).constraint != integrity.ARTICLE_TEXT_UNIQUE or not _mark_if_duplicate(
                article_id, digest):
            raise
        return False
    return True


def _mark_if_duplicate(article_id: int, digest: str) -> bool:
    """Fail the article when another one already holds the same text; True when it did."""
    duplicate = db.session.query(Article.id).filter(Article.content_hash == digest, Article.id != article_id).first()
    if duplicate:
        mark_failed(article_id, f"Same text as article #{duplicate[0]}; not extracted twice.")
    return duplicate is not None
