"""Fetching a source's page in the background to fill its title, outlet and archived text.

Uses the SSRF-safe fetcher with the admin allowlist. Every failure ends as ``fetch_status="failed"`` with a
readable ``fetch_error``; only a retryable network error on a non-final attempt is raised (as
``RetryableFetchError``) so the Celery task can try again later. A final failure writes a ``source.fetch_failed``
audit row, which tells whoever attached the source; ``retry_fetch`` lets whoever may edit the claim try again.
"""
from __future__ import annotations

import logging

from factcheck.extensions import db
from factcheck.ingest.errors import IngestError
from factcheck.ingest.html_text import extract_page
from factcheck.ingest.safe_fetch import ARTICLE_CONTENT_TYPES, safe_fetch
from factcheck.models import Evidence, Source, User
from factcheck.services.claims.claim_state import get_claim
from factcheck.services.claims.desk import require_claim_editor
from factcheck.services.core import audit
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.core.errors import Conflict, NotFound
from factcheck.services.core.fetch_policy import RetryableFetchError, current_policy
from factcheck.services.core.guards import require

log = logging.getLogger(__name__)
ARCHIVE_MAX_CHARS = 200_000


__all__ = ["RetryableFetchError", "fetch_source_metadata", "retry_fetch"]


def _record_failure(source: Source) -> None:
    audit.record(None, "source.fetch_failed", source, after={"url": source.url, "error": source.fetch_error})


def fetch_source_metadata(source_id: int, *, final_attempt: bool = True) -> str:
    """Fetch and store the page behind a source; returns the resulting fetch_status. Idempotent."""
    source = db.session.get(Source, source_id)
    if source is None or not source.url:
        return "missing"
    if source.fetch_status == "done":
        return "done"
    try:
        result = safe_fetch(source.url, accept=ARTICLE_CONTENT_TYPES, policy=current_policy())
        page = extract_page(result.body, url=result.final_url, charset=result.charset)
    except IngestError as exc:
        source.fetch_error = f"{exc.code}: {exc.message}"[:2000]
        if exc.retryable and not final_attempt:
            source.fetch_status = "queued"
            db.session.commit()
            raise RetryableFetchError(exc.message) from exc
        source.fetch_status = "failed"
        _record_failure(source)
        db.session.commit()
        return "failed"
    except Exception as exc:  # a parser bug must not leave the row queued forever
        log.exception("fetching source %s failed", source_id)
        db.session.rollback()
        source = db.session.get(Source, source_id)
        if source is not None:  # removed meanwhile: nothing left to mark
            source.fetch_status, source.fetch_error = "failed", f"unexpected: {type(exc).__name__}"
            _record_failure(source)
            db.session.commit()
        return "failed"
    if page.title:
        source.title = page.title[:500]
    if page.outlet:
        source.outlet = page.outlet[:200]
    source.archived_text = page.text[:ARCHIVE_MAX_CHARS]
    source.fetch_status, source.fetch_error = "done", None
    db.session.commit()
    return "done"


def retry_fetch(actor: User, claim_id: int, evidence_id: int) -> Source:
    """Queue the failed fetch of one piece of evidence's page again; audited, sent after commit."""
    require(actor, "sources.edit", "You cannot edit sources.")
    require_claim_editor(actor, get_claim(claim_id))
    evidence = db.session.get(Evidence, evidence_id)
    if evidence is None or evidence.claim_id != claim_id or evidence.removed_at is not None:
        raise NotFound("There is no evidence %(evidence_id)s on claim %(claim_id)s.", evidence_id=evidence_id,
                       claim_id=claim_id)
    source = evidence.source
    if source.fetch_status != "failed" or not source.url:
        raise Conflict("Only a failed fetch can be tried again; this page is fetched or on its way.")
    audit.record(actor, "source.refetch", source, before={"error": source.fetch_error},
                 after={"claim_id": claim_id})
    source.fetch_status, source.fetch_error = "queued", None
    enqueue_after_commit("sources.fetch_metadata", source.id)
    db.session.commit()
    return source
