"""Getting articles in: paste, URL, bulk file. Each call commits the rows, then enqueues their tasks.

A pasted or single-URL article goes to the interactive queue, ahead of bulk and feed work
(``article_status.queue_for``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from factcheck.extensions import db
from factcheck.ingest import bulk as bulk_parser
from factcheck.ingest.errors import IngestError
from factcheck.ingest.language import detect_language, normalize_language
from factcheck.ingest.safe_fetch import check_url
from factcheck.ingest.text_input import canonical_url, content_hash, normalize_text
from factcheck.models import Article
from factcheck.models.article import CANONICAL_URL_UNIQUE
from factcheck.services.articles.article_status import queue_for
from factcheck.services.core import audit, integrity
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.core.errors import Conflict, InvalidInput, NotFound, ServiceError
from factcheck.services.core.fetch_policy import current_policy
from factcheck.services.core.guards import Actor, require

# A bulk file that lost a race on one of its rows is stored again from the start: the rows someone else stored
# meanwhile are then duplicates, and the file loses nothing. Each further loss needs yet another concurrent upload.
BULK_ATTEMPTS = 3


@dataclass(frozen=True)
class Submitted:
    article: Article
    created: bool  # False when the same text or URL was already in
    address_problem: str | None = None  # a pasted text's "original address" that could not be kept, and why


@dataclass
class BulkReport:
    created: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "line 3: …"


def get_article(article_id: int) -> Article:
    article = db.session.get(Article, article_id)
    if article is None:
        raise NotFound("There is no article %(article_id)s.", article_id=article_id)
    return article


def _existing_by_hash(digest: str) -> Article | None:
    return db.session.scalar(select(Article).where(Article.content_hash == digest))


def _existing_by_url(url: str | None) -> Article | None:
    if not url:
        return None
    return db.session.scalar(select(Article).where(Article.canonical_url == canonical_url(url)))


def _free_address_key(url: str | None) -> str | None:
    """A new text article's ``canonical_url``: its address's, unless another article holds it (one article per
    address; the text is what a pasted article is known by, and its address stays in ``url`` as a link)."""
    return canonical_url(url) if url and _existing_by_url(url) is None else None


def _clean_url(url: str | None) -> str | None:
    if not url or not url.strip():
        return None
    try:
        return check_url(url.strip(), current_policy())
    except IngestError as exc:
        raise InvalidInput("The URL cannot be used: %(reason)s", reason=exc.message) from exc


def _pasted_address(url: str | None) -> tuple[str | None, str | None]:
    """A pasted text's original address, or None and the reason it cannot be kept (the text never depends on it:
    nothing is fetched, so an address that does not resolve or points inside loses only the link)."""
    try:
        return _clean_url(url), None
    except InvalidInput as exc:
        return None, str(exc)


def _new_text_article(actor: Actor, *, text, title, outlet, url, published_on, language, source_kind, feed_id=None):
    try:
        text = normalize_text(text)
    except IngestError as exc:
        raise InvalidInput(exc.message) from exc
    digest = content_hash(text)
    existing = _existing_by_hash(digest)
    if existing:
        return Submitted(existing, False)
    language = normalize_language(language) or detect_language(text)
    article = Article(title=(title or "").strip()[:500] or text.split("\n", 1)[0][:120], raw_text=text,
                      outlet=(outlet or "").strip()[:200] or None, url=url,
                      canonical_url=_free_address_key(url), language=language,
                      published_on=published_on, content_hash=digest, source_kind=source_kind, feed_id=feed_id,
                      status="queued", submitted_by_id=actor.id)
    db.session.add(article)
    db.session.flush()
    audit.record(actor, "article.submit", article, after={"source": source_kind, "title": article.title})
    enqueue_after_commit("extract.article", article.id, queue=queue_for(article))
    return Submitted(article, True)


def _lost_race(exc: IntegrityError, *, text: str | None = None, url: str | None = None) -> ServiceError:
    """The refusal for an insert a constraint stopped: for the same text or address stored meanwhile, which
    article has it."""
    error = integrity.user_error(exc)
    constraint = integrity.violation(exc).constraint
    winner = None
    if constraint == integrity.ARTICLE_TEXT_UNIQUE and text is not None:
        winner = _existing_by_hash(content_hash(normalize_text(text)))
    elif constraint == CANONICAL_URL_UNIQUE:
        winner = _existing_by_url(url)
    if winner is not None:
        return Conflict("%(error)s It is article %(id)s.", error=error, id=winner.id)
    return error


def submit_text(actor: Actor, *, text: str, title: str = "", outlet: str | None = None,
                url: str | None = None, published_on: date | None = None,
                language: str | None = None) -> Submitted:
    """Store pasted text (de-duplicated by content hash) and queue its extraction. An original address that cannot
    be used never refuses the text: it is left out and ``address_problem`` says why (and the audit row).

    The same text sent twice at the same moment passes both checks; the content hash's unique constraint stores
    it once and the slower request gets a ``Conflict`` naming the article.
    """
    require(actor, "articles.ingest")
    address, problem = _pasted_address(url)
    try:
        result = _new_text_article(actor, text=text, title=title, outlet=outlet, url=address,
                                   published_on=published_on, language=language, source_kind="paste")
        if problem and result.created:
            audit.record(actor, "article.address_left_out", result.article,
                         after={"address": (url or "")[:2000], "reason": problem})
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise _lost_race(exc, text=text, url=address) from exc
    return Submitted(result.article, result.created, problem)


def submit_url(actor: Actor, *, url: str, outlet: str | None = None, feed_id: int | None = None,
               title: str = "", source_kind: str = "url") -> Submitted:
    """Store a URL (de-duplicated by canonical URL) and queue the fetch that fills its text.

    The same address sent twice at the same moment passes both checks; the canonical URL's unique index stores it
    once and the slower request gets a ``Conflict`` naming the article.
    """
    require(actor, "articles.ingest")
    clean = _clean_url(url)
    if not clean:
        raise InvalidInput("Give the address of the article.")
    url = clean
    existing = _existing_by_url(url)
    if existing:
        return Submitted(existing, False)
    article = Article(url=url, canonical_url=canonical_url(url), outlet=(outlet or "").strip()[:200] or None,
                      title=(title or "").strip()[:500], source_kind=source_kind, feed_id=feed_id,
                      status="queued", submitted_by_id=actor.id)
    try:
        db.session.add(article)
        db.session.flush()
        audit.record(actor, "article.submit", article, after={"source": source_kind, "url": url})
        enqueue_after_commit("ingest.fetch_article", article.id, queue=queue_for(article))
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise _lost_race(exc, url=url) from exc
    return Submitted(article, True)


def submit_bulk(actor: Actor, *, data: bytes, filename: str) -> BulkReport:
    """Store every good row of a JSONL, CSV or ZIP upload; bad rows are reported with their line."""
    require(actor, "articles.ingest")
    try:
        parsed = bulk_parser.parse_bulk(data, filename)
    except IngestError as exc:
        raise InvalidInput(exc.message) from exc
    attempt = 1
    while True:
        report = BulkReport(errors=[f"{e.where}: {e.message}" for e in parsed.errors])
        try:
            _store_bulk_rows(actor, parsed.rows, report)
            db.session.commit()
            return report
        except IntegrityError as exc:
            db.session.rollback()  # nothing of this attempt stays, and none of its tasks is sent
            lost = integrity.violation(exc).constraint in (integrity.ARTICLE_TEXT_UNIQUE, CANONICAL_URL_UNIQUE)
            if attempt == BULK_ATTEMPTS or not lost:
                raise integrity.user_error(exc) from exc
            attempt += 1


def _store_bulk_rows(actor: Actor, rows, report: BulkReport) -> None:
    for row in rows:
        try:
            url = _clean_url(row.url)
            result = _new_text_article(actor, text=row.text, title=row.title or "", outlet=row.outlet, url=url,
                                       published_on=row.published.date() if row.published else None,
                                       language=row.language, source_kind="bulk")
        except InvalidInput as exc:
            report.errors.append(f"{row.source}: {exc}")
            continue
        db.session.flush()
        (report.created if result.created else report.duplicates).append(result.article.id)


def queue_reextraction(actor: Actor, article_id: int) -> Article:
    """Run the current pipeline again on an article; claims reviewers worked on are kept."""
    require(actor, "articles.ingest")
    article = get_article(article_id)
    if not article.raw_text:
        raise InvalidInput("There is no text to extract from yet.")
    article.status = "queued"
    audit.record(actor, "article.reextract", article)
    enqueue_after_commit("extract.article", article.id, queue=queue_for(article))
    db.session.commit()
    return article
