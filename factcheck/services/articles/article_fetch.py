"""The worker side of URL ingestion: fetch the page safely, keep its main text, hand over to extraction."""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from factcheck.extensions import db
from factcheck.ingest.errors import IngestError
from factcheck.ingest.html_text import extract_page
from factcheck.ingest.language import detect_language, normalize_language
from factcheck.ingest.safe_fetch import safe_fetch
from factcheck.ingest.text_input import canonical_url, content_hash
from factcheck.models import Article
from factcheck.models.article import CANONICAL_URL_UNIQUE
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
    address = canonical_url(page.canonical_url) if page.canonical_url else None
    if _mark_if_duplicate(article_id, digest, address):
        return False
    article.raw_text = page.text
    article.content_hash = digest
    article.title = article.title or (page.title or "")[:500]
    article.outlet = article.outlet or page.outlet
    article.published_on = article.published_on or (page.published.date() if page.published else None)
    article.language = normalize_language(page.language) or detect_language(page.text)
    if address:
        article.canonical_url = address
    article.status = "extracting"
    article.attempts = 0  # extraction counts its own runs (services.article_status.start_attempt)
    enqueue_after_commit("extract.article", article.id, queue=queue_for(article))
    try:
        db.session.commit()
    except IntegrityError as exc:  # the same text or page arrived under another article since the check above
        db.session.rollback()
        lost = integrity.violation(exc).constraint in (integrity.ARTICLE_TEXT_UNIQUE, CANONICAL_URL_UNIQUE)
        if not lost or not _mark_if_duplicate(article_id, digest, address):
            raise
        return False
    return True


def _mark_if_duplicate(article_id: int, digest: str, address: str | None) -> bool:
    """Fail the article when another one already holds the same text, or the page's canonical address (another
    address of the same page: one article per address); True when it did."""
    others = select(Article.id).where(Article.id != article_id)
    same_text = db.session.scalar(others.where(Article.content_hash == digest).limit(1))
    same_page = db.session.scalar(others.where(Article.canonical_url == address)) if address else None
    if same_text is not None:
        mark_failed(article_id, f"Same text as article #{same_text}; not extracted twice.")
    elif same_page is not None:
        mark_failed(article_id, f"Same page as article #{same_page} (its canonical address); not extracted twice.")
    return same_text is not None or same_page is not None
