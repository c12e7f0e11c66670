"""Turning extraction results into ``Claim`` and ``ClaimLink`` rows: idempotent, and kind to reviewers' work.

Each extracted claim gets a stable key from its span, kind and text, so running the extraction twice creates
nothing new. Re-extraction with a newer pipeline updates untouched claims, adds new ones, and deletes only
claims nobody has worked on: a claim that was triaged, sourced, commented, rated or corrected is always kept, and a
corrected one (any ``ClaimRevision``: edited, split, merged, relinked, detached) is not changed at all.

Everything is decided before the first write (routing, links, duplicate groups, the matching against other
articles), then written in one statement per table: the new claims in one INSERT (whose RETURNING gives their
ids by their keys), their links in one, and, only when a new claim duplicates another new one, one UPDATE that
points it at its group. So the rows the claims' triggers keep (the per-queue status counters of migration 0009,
the dashboard rollups) are locked from that INSERT to the commit only, never across the matching, and two workers
extracting into one queue do not wait on each other.
"""
from __future__ import annotations

import hashlib
import logging
import re

from sqlalchemy import insert, select, union

from factcheck import extraction
from factcheck.extensions import db
from factcheck.models import Article, Claim, Comment, Evidence, Verdict
from factcheck.services.articles.article_status import mark_failed, queue_for, start_attempt
from factcheck.services.articles.extraction_links import Groups, Links, link_across_articles
from factcheck.services.core import audit
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.queues import routing
from factcheck.services.webhooks import outbox

log = logging.getLogger(__name__)
_WS = re.compile(r"\s+")


def extraction_key(span: tuple[int, int], kind: str, text: str) -> str:
    normalised = _WS.sub(" ", text.strip().lower())
    return hashlib.sha256(f"{span[0]}:{span[1]}|{kind}|{normalised}".encode()).hexdigest()


def _worked_on(claims: list[Claim]) -> set[int]:
    """The ids of the claims a person has touched (one query for all): they survive any re-extraction."""
    touched = {c.id for c in claims if c.revised_at is not None or c.status != "new" or c.assignee_id
               or c.queue_id and c.triaged_at}
    rest = [c.id for c in claims if c.id not in touched]
    if rest:
        touched.update(db.session.scalars(union(*(select(model.claim_id).where(model.claim_id.in_(rest))
                                                  for model in (Evidence, Comment, Verdict)))))
    return touched


def _new_claim(article: Article, item, result, key: str) -> Claim:
    """A claim not yet in the session: its INSERT is one of all the article's (``_insert``)."""
    return Claim(article_id=article.id, extraction_key=key, span_start=item.span[0], span_end=item.span[1],
                 sentence=item.sentence, text=item.text, claimant=item.claimant, target=item.target,
                 kind=item.kind, attribution=item.attribution, language=result.language,
                 checkworthiness=item.checkworthiness, pipeline_version=result.pipeline,
                 quantities=[{"text": q.text, "value": q.value, "unit": q.unit} for q in item.quantities],
                 entities=[{"text": e.text, "label": e.label} for e in item.entities])


_INSERTED = ("article_id", "extraction_key", "span_start", "span_end", "sentence", "text", "claimant", "target",
             "kind", "attribution", "language", "checkworthiness", "pipeline_version", "quantities", "entities",
             "queue_id", "canonical_claim_id")


def _insert(claims: list[Claim]) -> None:
    """One INSERT for the new claims (NULLs rendered, so no row is left to a statement of its own); each gets its
    id back by its key, unique within the article, which needs no ordered RETURNING (SQLite has none to batch)."""
    if not claims:
        return
    stmt = insert(Claim).execution_options(render_nulls=True).returning(Claim.id, Claim.extraction_key)
    rows = [{name: getattr(c, name) for name in _INSERTED} for c in claims]
    ids = {key: claim_id for claim_id, key in db.session.execute(stmt, rows)}
    for claim in claims:
        claim.id = ids[claim.extraction_key]
    outbox.notice_created_claims(db.session(), [c.id for c in claims])


def _hand_over_groups(stale: list[Claim]) -> None:
    """Before canonical claims are deleted, each one's oldest member leads its group and the others point at it."""
    groups: dict[int | None, list[Claim]] = {}
    members = select(Claim).where(Claim.canonical_claim_id.in_([s.id for s in stale])).order_by(Claim.id)
    for member in db.session.scalars(members).all():
        groups.setdefault(member.canonical_claim_id, []).append(member)
    for leader, *others in groups.values():
        leader.canonical_claim_id = None
        for member in others:
            member.canonical_claim_id = leader.id


def _link(result, rows: list[Claim], links: Links) -> list[tuple[Claim, Claim]]:
    """The links the pipeline found within the article; returns its (duplicate, original) pairs."""
    duplicates = []
    for index, item in enumerate(result.claims):
        for ref in item.links:
            if ref.type == "denies":
                links.add(rows[index], rows[ref.claim], "denies", "extraction")
            elif ref.type == "denied-by":
                links.add(rows[ref.claim], rows[index], "denies", "extraction")
            elif ref.type in ("contradicts", "supports"):
                links.add(rows[index], rows[ref.claim], ref.type, "extraction")
            elif ref.type == "duplicate-of":
                duplicates.append((rows[index], rows[ref.claim]))
    return duplicates


def store_result(article: Article, result) -> tuple[int, int, int]:
    """Write the result's claims and links for ``article``; returns (added, updated, removed). No commit."""
    existing = {c.extraction_key: c for c in db.session.scalars(select(Claim).where(Claim.article_id == article.id))}
    kept = _worked_on(list(existing.values()))
    rows: list[Claim] = []
    new: list[Claim] = []
    updated = 0
    with db.session.no_autoflush:  # decide everything first: nothing reaches the database before ``flush`` below
        for item in result.claims:
            key = extraction_key(item.span, item.kind, item.text)
            row = existing.pop(key, None)
            if row is None:
                row = _new_claim(article, item, result, key)
                new.append(row)
            elif row.id not in kept:
                row.checkworthiness = item.checkworthiness
                row.claimant, row.target, row.attribution = item.claimant, item.target, item.attribution
                row.pipeline_version = result.pipeline
                updated += 1
            rows.append(row)
        stale = [c for c in existing.values() if c.id not in kept]
        if stale:
            _hand_over_groups(stale)
            for claim in stale:
                db.session.delete(claim)
        routing.route([r for r in rows if r.queue_id is None and (r.status or "new") == "new"], article)
        stored = [r.id for r in rows if r.id is not None]
        links, groups = Links(stored), Groups(stored)
        duplicates_here = _link(result, rows, links)
        link_across_articles(article, rows, result.language, links, groups)
        for duplicate, original in duplicates_here:  # after the other articles, so the earliest claim stays canonical
            groups.join(duplicate, groups.canonical_of(original))
    db.session.flush()  # the stored claims' changes
    _insert(new)
    groups.write(new)
    links.write()
    return len(new), updated, len(stale)


def extract_article(article_id: int, *, scorer=None) -> bool:
    """Run the pipeline on a stored article and save its claims; True on success. Safe to run twice."""
    article = db.session.get(Article, article_id)
    if article is None:
        log.warning("article %s no longer exists; nothing to extract", article_id)
        return False
    if not article.raw_text:
        mark_failed(article_id, "The article has no text to extract claims from.")
        return False
    if not start_attempt(article, "extracting"):
        return False
    try:
        result = extraction.extract(article.raw_text, lang=article.language, article_date=article.published_on,
                                    outlet=article.outlet, scorer=scorer)
    except extraction.ExtractionError as exc:
        mark_failed(article_id, f"Extraction failed: {exc}")
        return False
    except Exception:
        log.exception("extraction of article %s crashed", article_id)
        mark_failed(article_id, "Extraction failed on an internal error; it was logged for the developers.")
        raise
    added, updated, removed = store_result(article, result)
    article.language = result.language
    article.pipeline_version = result.pipeline
    article.status = "done"
    article.error = None
    audit.record(None, "article.extracted", article,
                 after={"added": added, "updated": updated, "removed": removed, "pipeline": result.pipeline})
    # "already checked" runs after the claims are visible, on the article's own queue (a paste stays interactive)
    enqueue_after_commit("extract.match_claims", article.id, queue=queue_for(article))
    db.session.commit()
    return True
