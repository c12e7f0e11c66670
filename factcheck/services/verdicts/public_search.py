"""Readers search the published fact-checks: the verdict's summary and explanation and the claim it rates.

Only published verdicts are ever searched (the search's ``within``), so a draft's words cannot surface, not even
as a count.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from factcheck.extensions import db
from factcheck.models import Verdict
from factcheck.services.search import full_text

RESULTS_MAX = 30


@dataclass(frozen=True)
class Found:
    verdict: Verdict
    highlights: dict[str, Markup]  # "summary", "claim", "explanation": escaped HTML with <mark>, when they match


def search_published(text: str) -> tuple[list[Found], bool]:
    """The best published fact-checks for ``text`` (the search box's syntax) and whether the matches were more than
    the search ranks. Raises ``InvalidInput`` (a 422) when there is nothing to look for."""
    published = select(Verdict.id).where(Verdict.status == "published", Verdict.public_slug.is_not(None))
    results = full_text.search("verdicts", text, within=published, limit=RESULTS_MAX)
    ids = [hit.id for hit in results.hits]
    verdicts = {v.id: v for v in db.session.scalars(
        select(Verdict).where(Verdict.id.in_(ids)).options(selectinload(Verdict.claim), selectinload(Verdict.rating)))}
    return [Found(verdicts[hit.id], hit.highlights) for hit in results.hits if hit.id in verdicts], results.truncated
