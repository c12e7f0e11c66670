"""The links and duplicate groups an extraction decides, held in memory until the claims are written.

An article's new claims have no id until their one INSERT, and the matching that decides their links and groups
runs before it (``services.articles.extraction``), so a claim is referred to by its id once stored and by the
``Claim`` object itself before: ``_ref``. Both classes write what they collected in one statement each, once the
INSERT has given the new claims their ids.

A near-duplicate joins a duplicate group: it points at the canonical claim of the claim it matches (the same claim
in another article, or a duplicate the pipeline found in the same article), never at another member, so the
same sentence pasted 21 times makes one group of 21, not a chain.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from sqlalchemy import case, insert, or_, select, update

from factcheck import extraction
from factcheck.extensions import db
from factcheck.extraction.similarity import overlapping, proposition_stems
from factcheck.models import Article, Claim, ClaimLink

DUPLICATE_THRESHOLD = 0.8
CANDIDATE_LIMIT = 2000


def _ref(claim: Any) -> Any:
    """A claim's id once stored; the object itself while it waits for its INSERT."""
    return claim.id if claim.id is not None else claim


class Links:
    """The links touching an article's claims: the stored ones loaded once, so adding one costs no query, and the
    new ones kept for one INSERT."""

    def __init__(self, stored_ids: list[int]):
        query = select(ClaimLink.source_claim_id, ClaimLink.target_claim_id, ClaimLink.type).where(
            or_(ClaimLink.source_claim_id.in_(stored_ids), ClaimLink.target_claim_id.in_(stored_ids)))
        self.present: set[tuple] = {tuple(r) for r in db.session.execute(query)} if stored_ids else set()
        self.added: list[tuple[Any, Any, str, str]] = []

    def add(self, source, target, type_: str, origin: str) -> None:
        key = (_ref(source), _ref(target), type_)
        if key[0] != key[1] and key not in self.present:
            self.present.add(key)
            self.added.append((source, target, type_, origin))

    def write(self) -> None:
        """One INSERT for the links added, once every claim has its id."""
        if self.added:
            db.session.execute(insert(ClaimLink), [
                {"source_claim_id": source.id, "target_claim_id": target.id, "type": type_, "origin": origin}
                for source, target, type_, origin in self.added])


class Groups:
    """Putting the article's claims in duplicate groups: only claims in no group yet, never one a person corrected
    (a detached claim stays detached), and always at the canonical claim of the group joined. A claim joining a
    new claim waits in ``pending`` for that claim's id."""

    def __init__(self, stored_ids: list[int]):
        pointed_at = select(Claim.canonical_claim_id).where(Claim.canonical_claim_id.in_(stored_ids)).distinct()
        self.leading: set[Any] = set(db.session.scalars(pointed_at)) if stored_ids else set()  # group leaders
        self.pending: dict[Claim, Claim] = {}

    def joinable(self, claim: Claim) -> bool:
        return (claim.canonical_claim_id is None and claim not in self.pending and claim.revised_at is None
                and _ref(claim) not in self.leading)

    def canonical_of(self, claim: Claim) -> Any:
        return claim.canonical_claim_id or self.pending.get(claim) or _ref(claim)

    def join(self, claim: Claim, canonical: Any) -> None:
        if canonical != _ref(claim) and self.joinable(claim):
            if isinstance(canonical, Claim):
                self.pending[claim] = canonical
            else:
                claim.canonical_claim_id = canonical
            self.leading.add(canonical)

    def write(self, new: list[Claim]) -> None:
        """Point the claims that joined a new claim at its id: stored ones through the ORM (their version moves),
        new ones in one UPDATE."""
        inserted = set(new)
        fresh = {claim.id: canonical.id for claim, canonical in self.pending.items() if claim in inserted}
        for claim, canonical in self.pending.items():
            if claim not in inserted:
                claim.canonical_claim_id = canonical.id
        if fresh:
            db.session.execute(update(Claim).where(Claim.id.in_(fresh)).values(canonical_claim_id=case(
                fresh, value=Claim.id)).execution_options(synchronize_session=False))


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


def link_across_articles(article: Article, claims: list[Claim], language: str, links: Links,
                         groups: Groups) -> None:
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
