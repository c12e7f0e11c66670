"""The merge dialog's search: the claims a reviewer may merge a claim into, found by their words.

A candidate is a claim still kept (not merged, not dismissed) in a queue the reviewer sees or in no queue yet,
never the claim itself; ``triage.merge`` checks the rest when the reviewer picks one.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import or_, select

from factcheck.extensions import db
from factcheck.models import Claim, User
from factcheck.services.core.errors import NotFound
from factcheck.services.queues.queue_listing import visible_queue_ids
from factcheck.services.search import full_text

CANDIDATES_SHOWN = 10


@dataclass(frozen=True)
class Candidate:
    claim_id: int
    text: Markup  # escaped, with the matches marked
    claimant: str | None
    status: str


def merge_candidates(user: User, claim_id: int, text: str) -> list[Candidate]:
    """The best matches for ``text`` to merge claim ``claim_id`` into. Raises ``NotFound`` for an unknown claim and
    ``InvalidInput`` (a 422) for a search with nothing to look for."""
    if db.session.get(Claim, claim_id) is None:
        raise NotFound("There is no claim %(claim_id)s.", claim_id=claim_id)
    kept = (select(Claim.id).where(Claim.id != claim_id, Claim.status.not_in(("merged", "dismissed")),
                                   or_(Claim.queue_id.is_(None), Claim.queue_id.in_(visible_queue_ids(user)))))
    results = full_text.search("claims", text, within=kept, limit=CANDIDATES_SHOWN)
    claims = {c.id: c for c in db.session.scalars(select(Claim).where(Claim.id.in_([h.id for h in results.hits])))}
    return [Candidate(hit.id, hit.highlights.get("text") or Markup.escape(claims[hit.id].text),
                      claims[hit.id].claimant, claims[hit.id].status)
            for hit in results.hits if hit.id in claims]
