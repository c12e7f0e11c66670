"""Extraction task: one article id in, its claims in the database. Idempotent."""
from celery import shared_task

from factcheck.services.articles import extraction


@shared_task(name="extract.article", acks_late=True, soft_time_limit=240, time_limit=300)
def extract_article(article_id: int) -> None:
    extraction.extract_article(article_id)
