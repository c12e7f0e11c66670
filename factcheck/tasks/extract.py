"""Extraction tasks: one article id in, its claims in the database, then matched against published verdicts.
Idempotent."""
from celery import shared_task

from factcheck.services.articles import extraction
from factcheck.services.matching import matcher


@shared_task(name="extract.article", acks_late=True, soft_time_limit=240, time_limit=300)
def extract_article(article_id: int) -> None:
    extraction.extract_article(article_id)


@shared_task(name="extract.match_claims", acks_late=True, soft_time_limit=240, time_limit=300)
def match_claims(article_id: int) -> int:
    """"Already checked": match the article's new claims against the published verdicts."""
    return matcher.match_article(article_id)
