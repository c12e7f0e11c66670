"""Finding the published verdicts that may already answer a claim, and storing them as ``ClaimMatch`` rows.

A verdict matches a claim when the claim texts are the same once normalised (``exact``), or when their embeddings
are close enough: ``SEMANTIC_THRESHOLD`` on its own (``semantic``), or the lower ``LEXICAL_THRESHOLD`` when the
search index also found the verdict by the claim's words (``lexical``). A French claim meets an English verdict
at ``CROSS_LANGUAGE_THRESHOLD`` (the encoder is multilingual, but less sure across languages). Two claims whose
figures differ never match by meaning: "£2 billion" is not "£20 billion", however close the sentences. The
thresholds were chosen on the odd half of ``bench/data/matching_pairs.tsv``; ``bench/matching.py`` prints
precision and recall on both halves.

Targets (``MatchTarget``) are built lazily from the published verdicts, so a newly published verdict is matched
from the next claim on, and nothing is encoded while nothing is published.
"""
from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import delete, select

from factcheck.extensions import db
from factcheck.models import Claim, Verdict
from factcheck.models.matching import ClaimMatch, MatchTarget
from factcheck.services.matching import embedding, texts
from factcheck.services.search import full_text, query_syntax

SEMANTIC_THRESHOLD = 0.97
LEXICAL_THRESHOLD = 0.94
CROSS_LANGUAGE_THRESHOLD = 0.92
MATCHES_MAX = 5  # per claim: the closest ones; a desk reads a short list
LEXICAL_CANDIDATES = 20
UNANSWERED_STATES = ("new", "triaged", "in_review", "needs_more_info")  # no verdict proposed yet, not closed
_BATCH = 256  # targets encoded, or read back, at a time: memory stays flat however large the archive


@dataclass(frozen=True)
class Found:
    verdict_id: int
    method: str  # exact, lexical or semantic
    score: float  # cosine similarity of the embeddings; 1.0 for an exact match
    shared_words: list[str] = field(default_factory=list)


def _published():
    return select(Verdict.id).where(Verdict.status == "published")


def refresh_targets() -> int:
    """Embed every published verdict whose target is missing, stale (its claim was corrected) or from another
    model; returns how many were (re)built. No commit."""
    current = {verdict_id: (text, model) for verdict_id, text, model in db.session.execute(
        select(MatchTarget.verdict_id, MatchTarget.text, MatchTarget.model))}
    rows = db.session.execute(select(Verdict.id, Claim.text, Claim.language).join(Claim, Claim.id == Verdict.claim_id)
                              .where(Verdict.id.in_(_published()))).all()
    todo = [r for r in rows if current.get(r.id) != (r.text, embedding.MODEL_NAME)]
    for start in range(0, len(todo), _BATCH):
        batch = todo[start:start + _BATCH]
        for row, vector in zip(batch, embedding.encode([r.text for r in batch]), strict=True):
            db.session.merge(MatchTarget(verdict_id=row.id, text=row.text, text_hash=texts.text_hash(row.text),
                                         language=row.language, model=embedding.MODEL_NAME,
                                         vector=embedding.to_bytes(vector)))
    db.session.flush()
    return len(todo)


def _lexical_hits(text: str) -> set[int]:
    """Verdicts whose claim shares words with ``text``, the best few by the search engine's rank."""
    words = texts.content_words(text)
    if not words:
        return set()
    published_claims = select(Verdict.claim_id).where(Verdict.status == "published")
    hits = full_text.search("claims", query_syntax.any_of(words), within=published_claims,
                            limit=LEXICAL_CANDIDATES).hits
    return set(db.session.scalars(select(Verdict.id).where(Verdict.claim_id.in_([h.id for h in hits]))))


def _decide(text: str, language: str | None, target, score: float, lexical: bool) -> str | None:
    """The method by which ``target`` (a row with text, text_hash, language) matches ``text``, or None."""
    if target.text_hash == texts.text_hash(text):
        return "exact"
    if texts.figures_conflict(text, target.text):
        return None
    if language and target.language and language != target.language:
        return "semantic" if score >= CROSS_LANGUAGE_THRESHOLD else None
    if score >= SEMANTIC_THRESHOLD:
        return "semantic"
    return "lexical" if lexical and score >= LEXICAL_THRESHOLD else None


@dataclass(frozen=True)
class Wanted:
    """A claim to match: its text, its language, and verdicts it must not be matched to (its own)."""

    text: str
    language: str | None
    exclude: frozenset[int] = frozenset()


def find_matches(text: str, language: str | None) -> list[Found]:
    """The published verdicts that may answer a claim saying ``text``, best first (``find_many`` for one)."""
    return find_many([Wanted(text, language)])[0]


def find_many(claims: Sequence[Wanted]) -> list[list[Found]]:
    """For each claim, the published verdicts that may answer it, best first (at most ``MATCHES_MAX``).

    The same texts come from the hash's index; the others from one pass over the targets for all the claims:
    each batch of ``_BATCH`` vectors is one matrix product with the claims' vectors, so an article costs one read
    of the archive whatever its number of claims. Call ``refresh_targets`` first; with no target nothing is
    encoded.
    """
    targets = (select(MatchTarget.verdict_id, MatchTarget.text, MatchTarget.text_hash, MatchTarget.language,
                      MatchTarget.vector)
               .where(MatchTarget.verdict_id.in_(_published()), MatchTarget.model == embedding.MODEL_NAME))
    if not claims or db.session.scalar(targets.with_only_columns(MatchTarget.verdict_id).limit(1)) is None:
        return [[] for _ in claims]
    found: list[list[tuple[float, int, Found]]] = [[] for _ in claims]
    vectors = embedding.encode([c.text for c in claims])
    lexical = [_lexical_hits(c.text) for c in claims]
    by_hash: dict[str, list[int]] = {}
    for index, claim in enumerate(claims):
        by_hash.setdefault(texts.text_hash(claim.text), []).append(index)
    for row in db.session.execute(targets.where(MatchTarget.text_hash.in_(list(by_hash)))):  # the hash's index
        for c in by_hash[row.text_hash]:
            _keep(found[c], claims[c], row, 1.0, lexical[c])
    floor = min(CROSS_LANGUAGE_THRESHOLD, LEXICAL_THRESHOLD)
    for batch in db.session.execute(targets.execution_options(yield_per=_BATCH)).partitions():
        matrix = np.frombuffer(b"".join(row.vector for row in batch), dtype=np.float32).reshape(
            len(batch), embedding.DIMENSIONS)
        scores = matrix @ vectors.T  # one row per target, one column per claim
        for t, c in zip(*np.nonzero(scores >= floor), strict=True):
            if c not in by_hash.get(batch[t].text_hash, ()):  # the same text was kept above
                _keep(found[c], claims[c], batch[t], float(scores[t, c]), lexical[c])
    return [[item for _, _, item in sorted(best, key=lambda entry: (-entry[0], entry[1]))] for best in found]


def _keep(best: list[tuple[float, int, Found]], claim: Wanted, target, score: float, lexical: set[int]) -> None:
    """Add ``target`` to a claim's best matches if it matches, keeping the ``MATCHES_MAX`` closest."""
    if target.verdict_id in claim.exclude:
        return
    method = _decide(claim.text, claim.language, target, score, target.verdict_id in lexical)
    if method is None:
        return
    item = Found(target.verdict_id, method, 1.0 if method == "exact" else round(score, 4),
                 texts.shared_words(claim.text, target.text))
    heapq.heappush(best, (item.score, target.verdict_id, item))
    if len(best) > MATCHES_MAX:
        heapq.heappop(best)


def match_article(article_id: int) -> int:
    """Match the article's claims still waiting for an answer against the published verdicts and store what is
    found; returns how many matches the claims now have. Each run replaces the matches nobody accepted, so a
    re-extraction or a corrected text is matched afresh (and a claim never keeps a deleted claim's matches, on
    SQLite where an id can be given again); running it twice stores the same rows."""
    claims = list(db.session.scalars(select(Claim).where(Claim.article_id == article_id,
                                                         Claim.status.in_(UNANSWERED_STATES)).order_by(Claim.id)))
    if not claims or db.session.scalar(_published().limit(1)) is None:
        return 0
    refresh_targets()
    ids = [c.id for c in claims]
    db.session.execute(delete(ClaimMatch).where(ClaimMatch.claim_id.in_(ids), ClaimMatch.accepted_at.is_(None)))
    accepted = set(db.session.execute(select(ClaimMatch.claim_id, ClaimMatch.verdict_id)
                                      .where(ClaimMatch.claim_id.in_(ids))).tuples().all())
    own = dict(db.session.execute(select(Verdict.claim_id, Verdict.id)
                                  .where(Verdict.claim_id.in_(ids))).tuples().all())
    stored = 0
    wanted = [Wanted(c.text, c.language, frozenset([own[c.id]] if c.id in own else [])) for c in claims]
    for claim, matches in zip(claims, find_many(wanted), strict=True):
        for found in matches:
            if (claim.id, found.verdict_id) not in accepted:
                db.session.add(ClaimMatch(claim_id=claim.id, verdict_id=found.verdict_id, method=found.method,
                                          score=found.score, shared_words=found.shared_words))
                stored += 1
    db.session.commit()
    return stored
