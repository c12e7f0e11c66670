"""Duplicate groups: the same claim seen in several articles, gathered around one canonical claim.

A member points at its group's canonical claim (``Claim.canonical_claim_id``), never at another member, so a
sentence pasted 21 times is one group of 21 rather than a chain of 20 links, and "how big is the group" is one
indexed count. Extraction puts a new near-duplicate in the group of the claim it matches
(``services.articles.extraction``); a reviewer merges a claim into another's group (``triage.merge``) and detaches
it again (``triage.detach``). The helpers here change rows inside the caller's unit of work and never commit.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.models import Claim


def canonical_id(claim: Claim) -> int:
    """The id of the claim's group: its canonical claim's (its own when it leads a group or is in none)."""
    return claim.canonical_claim_id or claim.id


def members_of(canonical: int) -> list[Claim]:
    """The claims pointing at ``canonical``, oldest first (the canonical claim itself not included)."""
    return list(db.session.scalars(select(Claim).where(Claim.canonical_claim_id == canonical).order_by(Claim.id)))


def group_of(claim: Claim) -> list[Claim]:
    """Every claim of the claim's group, the canonical one first; empty when the claim is in no group."""
    canonical = canonical_id(claim)
    members = members_of(canonical)
    if not members:
        return []
    lead = claim if claim.id == canonical else db.session.get(Claim, canonical)
    return [lead, *members] if lead is not None else members


def join(claim: Claim, other: Claim) -> int:
    """Put ``claim`` in ``other``'s group and return the group's canonical id.

    The claim points at the canonical claim, never at ``other`` when ``other`` is only a member. A claim that
    leads a group of its own brings its members along: they are the same claim too.
    """
    canonical = canonical_id(other)
    if canonical == canonical_id(claim):
        return canonical
    moving = [claim] if claim.canonical_claim_id is not None else [claim, *members_of(claim.id)]
    for c in moving:
        c.canonical_claim_id = canonical
    return canonical


def leave(claim: Claim) -> int | None:
    """Take ``claim`` out of its group; returns the group's canonical id before (None when it was in none).

    When the canonical claim leaves, the oldest member becomes canonical and the others point at it, so the rest
    of the group stays one group.
    """
    if claim.canonical_claim_id is not None:
        canonical, claim.canonical_claim_id = claim.canonical_claim_id, None
        return canonical
    members = members_of(claim.id)
    if not members:
        return None
    successor, rest = members[0], members[1:]
    successor.canonical_claim_id = None
    for member in rest:
        member.canonical_claim_id = successor.id
    return claim.id


def group_size(claim: Claim) -> int:
    """How many claims the claim's group holds (1 when it is in none)."""
    canonical = canonical_id(claim)
    return 1 + (db.session.scalar(select(func.count(Claim.id)).where(Claim.canonical_claim_id == canonical)) or 0)


PANEL_LIMIT = 50  # claims listed on the claim page; the counts cover the whole group


@dataclass(frozen=True)
class GroupPanel:
    """The claim page's view of the group: its canonical claim, its size, in how many articles, the first claims."""

    canonical_id: int
    size: int
    articles: int
    claims: list[Claim]


def _in_group(canonical: int):
    return or_(Claim.id == canonical, Claim.canonical_claim_id == canonical)


def group_panel(claim: Claim) -> GroupPanel | None:
    """The claim's group for the claim page (counted in SQL, the first claims with their articles), or None."""
    canonical = canonical_id(claim)
    size, articles = db.session.execute(select(func.count(Claim.id), func.count(func.distinct(Claim.article_id)))
                                        .where(_in_group(canonical))).one()
    if size < 2:
        return None
    claims = list(db.session.scalars(select(Claim).where(_in_group(canonical)).options(selectinload(Claim.article))
                                     .order_by(Claim.id).limit(PANEL_LIMIT)))
    return GroupPanel(canonical_id=canonical, size=int(size), articles=int(articles), claims=claims)
