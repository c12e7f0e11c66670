"""Turning extraction results into ``Claim`` and ``ClaimLink`` rows: idempotent, and kind to reviewers' work.

Each extracted claim gets a stable key from its span, kind and text, so running the extraction twice creates
nothing new. Re-extraction with a newer pipeline updates untouched claims, adds new ones, and deletes only
claims nobody has worked on: a claim that was triaged, sourced, commented, rated or corrected is always kept, and a
corrected one (any ``ClaimRevision``: edited, split, merged, relinked, detached) is not changed at all.

A near-duplicate joins a duplicate group: it points at the canonical claim of the claim it matches (the same claim
in another article, or a duplicate the pipeline found in the same article), never at another member, so the
same sentence pasted 21 times makes one group of 21, not a chain.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from functools import lru_cache

from sqlalchemy import exists, or_, select

from factcheck import extraction
from factcheck.extensions import db
from factcheck.extraction.similarity import overlapping, proposition_stems
from factcheck.models import Article, Claim, ClaimLink, Comment, Evidence, Verdict
from factcheck.services.articles.article_status import mark_failed, queue_for, start_attempt
from factcheck.services.core import audit
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.queues import routing

log = logging.getLogger(__name__)
DUPLICATE_THRESHOLD = 0.8
CANDIDATE_LIMIT = 2000
_WS = re.compile(r"\s+")


def extraction_key(span: tuple[int, int], kind: str, text: str) -> str:
    normalised = _WS.sub(" ", text.strip().lower())
    return hashlib.sha256(f"{span[0]}:{span[1]}|{kind}|{normalised}".encode()).hexdigest()


def _worked_on(claim: Claim) -> bool:
    """True when a person has touched the claim: it must survive any re-extraction."""
    if claim.revised_at is not None:
        return True
    if claim.status != "new" or claim.assignee_id or claim.queue_id and claim.triaged_at:
        return True
    touched = select(1).where(or_(
        exists().where(Evidence.claim_id == claim.id),
        exists().where(Comment.claim_id == claim.id),
        exists().where(Verdict.claim_id == claim.id),
    ))
    return bool(db.session.scalar(touched))


def _claim_row(article: Article, item, result, key: str) -> Claim:
    return Claim(article_id=article.id, extraction_key=key, span_start=item.span[0], span_end=item.span[1],
                 sentence=item.sentence, text=item.text, claimant=item.claimant, target=item.target,
                 kind=item.kind, attribution=item.attribution, language=result.language,
                 checkworthiness=item.checkworthiness, pipeline_version=result.pipeline,
                 quantities=[{"text": q.text, "value": q.value, "unit": q.unit} for q in item.quantities],
                 entities=[{"text": e.text, "label": e.label} for e in item.entities])


class _Links:
    """The links touching an article's claims, loaded once, so adding one costs no query."""

    def __init__(self, claim_ids: list[int]):
        rows = db.session.execute(select(ClaimLink.source_claim_id, ClaimLink.target_claim_id, ClaimLink.type).where(
            or_(ClaimLink.source_claim_id.in_(claim_ids), ClaimLink.target_claim_id.in_(claim_ids)))).all()
        self.present = {tuple(r) for r in rows}

    def add(self, source, target, type_: str, origin: str) -> None:
        key = (source.id, target.id, type_)
        if source.id != target.id and key not in self.present:
            self.present.add(key)
            db.session.add(ClaimLink(source_claim_id=source.id, target_claim_id=target.id, type=type_, origin=origin))


@lru_cache(maxsize=50_000)
def _stems(text: str, kind: str, claimant: str | None) -> frozenset[str]:
    """Proposition stems of a stored claim; cached per process, as earlier claims are compared again and again."""
    return proposition_stems({"text": text, "kind": kind, "claimant": claimant})


def _stems_of(claim) -> frozenset[str]:
    return _stems(claim.text, claim.kind, claim.claimant)


def _earlier_claims(article: Article, language: str) -> list:
    """The latest claims of other articles, as light rows (id, text, kind, claimant, canonical_claim_id)."""
    stmt = (select(Claim.id, Claim.text, Claim.kind, Claim.claimant, Claim.canonical_claim_id)
            .where(Claim.article_id != article.id, Claim.language == language, Claim.status != "merged")
            .order_by(Claim.id.desc()).limit(CANDIDATE_LIMIT))
    return list(db.session.execute(stmt))


class _Groups:
    """Putting the article's claims in duplicate groups: only claims in no group yet, never one a person corrected
    (a detached claim stays detached), and always at the canonical claim of the group joined."""

    def __init__(self, claims: list[Claim]):
        ids = [c.id for c in claims]
        self.leading = set(db.session.scalars(select(Claim.canonical_claim_id).where(
            Claim.canonical_claim_id.in_(ids)).distinct()))  # claims some other claim points at

    def joinable(self, claim: Claim) -> bool:
        return claim.canonical_claim_id is None and claim.revised_at is None and claim.id not in self.leading

    def join(self, claim: Claim, canonical: int) -> None:
        if canonical != claim.id and self.joinable(claim):
            claim.canonical_claim_id = canonical
            self.leading.add(canonical)


def _hand_over_group(stale: Claim) -> None:
    """Before a canonical claim is deleted, its oldest member leads its group and the others point at it."""
    members = list(db.session.scalars(select(Claim).where(Claim.canonical_claim_id == stale.id).order_by(Claim.id)))
    if members:
        members[0].canonical_claim_id = None
        for member in members[1:]:
            member.canonical_claim_id = members[0].id


def _link_across_articles(article: Article, claims: list[Claim], language: str, links: _Links,
                          groups: _Groups) -> None:
    """Denials answering earlier accusations (and the reverse), and the same claim seen in other articles."""
    earlier = _earlier_claims(article, language)
    if not earlier or not claims:
        return
    disputed = ("accusation", "denial")  # only these can deny or be denied across articles
    for match in extraction.match_denials([c for c in claims if c.kind in disputed],
                                          [c for c in earlier if c.kind in disputed], stems=_stems_of):
        denial, accusation = (match.new, match.earlier) if match.type == "denies" else (match.earlier, match.new)
        links.add(denial, accusation, "denies", "similarity")
    earlier_by_kind = defaultdict(list)
    for row in earlier:
        earlier_by_kind[row.kind].append(row)
    joinable = [c for c in claims if groups.joinable(c)]
    for kind in {c.kind for c in joinable}:
        mine = [c for c in joinable if c.kind == kind]
        theirs = earlier_by_kind[kind]
        best: dict[int, tuple[float, int]] = {}  # claim -> (score, -candidate): ties go to the latest claim
        for n, e, score in overlapping([_stems_of(c) for c in mine], [_stems_of(c) for c in theirs],
                                       DUPLICATE_THRESHOLD):
            best[n] = max(best.get(n, (0.0, 0)), (score, -e))
        for n, (_, e) in best.items():
            groups.join(mine[n], theirs[-e].canonical_claim_id or theirs[-e].id)


def store_result(article: Article, result) -> tuple[int, int, int]:
    """Write the result's claims and links for ``article``; returns (added, updated, removed). No commit."""
    existing = {c.extraction_key: c for c in db.session.scalars(select(Claim).where(Claim.article_id == article.id))}
    rows: list[Claim] = []
    added = updated = 0
    for item in result.claims:
        key = extraction_key(item.span, item.kind, item.text)
        row = existing.pop(key, None)
        if row is None:
            row = _claim_row(article, item, result, key)
            db.session.add(row)
            added += 1
        elif not _worked_on(row):
            row.checkworthiness = item.checkworthiness
            row.claimant, row.target, row.attribution = item.claimant, item.target, item.attribution
            row.pipeline_version = result.pipeline
            updated += 1
        rows.append(row)
    removed = 0
    for stale in existing.values():
        if not _worked_on(stale):
            _hand_over_group(stale)
            db.session.delete(stale)
            removed += 1
    # routed before the first flush, so each new claim is inserted with its queue rather than updated after
    routing.route([r for r in rows if r.queue_id is None and (r.status or "new") == "new"], article)
    db.session.flush()
    links = _Links([r.id for r in rows])
    groups = _Groups(rows)
    duplicates_here = []
    for index, item in enumerate(result.claims):
        for ref in item.links:
            if ref.type == "denies":
                links.add(rows[index], rows[ref.claim], "denies", "extraction")
            elif ref.type == "denied-by":
                links.add(rows[ref.claim], rows[index], "denies", "extraction")
            elif ref.type in ("contradicts", "supports"):
                links.add(rows[index], rows[ref.claim], ref.type, "extraction")
            elif ref.type == "duplicate-of":
                duplicates_here.append((rows[index], rows[ref.claim]))
    _link_across_articles(article, rows, result.language, links, groups)
    for duplicate, original in duplicates_here:  # after the other articles, so the earliest claim stays canonical
        groups.join(duplicate, original.canonical_claim_id or original.id)
    return added, updated, removed


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
