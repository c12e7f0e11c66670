"""Every published fact-check as ClaimReview, one JSON object per line (the JSON Lines format aggregators and
archives load), newest first, read in batches so memory stays flat."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Verdict
from factcheck.services.verdicts import public
from factcheck.services.verdicts.claim_review import claim_review

BATCH = 200


def count() -> int:
    """How many fact-checks ``lines`` gives (published, with a public page)."""
    return int(db.session.scalar(select(func.count()).select_from(Verdict).where(
        Verdict.status == "published", Verdict.public_slug.is_not(None))) or 0)


def lines(url_for_slug: Callable[[str], str], organisation: str) -> Iterator[str]:
    """One line per published verdict, ``\\n``-terminated; ``url_for_slug`` gives each fact-check's public URL."""
    before: int | None = None
    while True:
        batch = public.published_verdicts(before_id=before, limit=BATCH)
        for verdict in batch:
            review = claim_review(verdict, url_for_slug(verdict.public_slug or ""), organisation)
            yield json.dumps(review, ensure_ascii=False, separators=(",", ":")) + "\n"
        if len(batch) < BATCH:
            return
        before = batch[-1].id
