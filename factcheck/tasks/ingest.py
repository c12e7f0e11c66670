"""Ingest tasks: fetching article pages and polling feeds. Network errors retry with backoff."""
from celery import shared_task

from factcheck.services.articles import article_fetch, feeds

MAX_RETRIES = 3


@shared_task(name="ingest.fetch_article", bind=True, acks_late=True, max_retries=MAX_RETRIES,
             soft_time_limit=60, time_limit=90)
def fetch_article(self, article_id: int) -> None:
    """Fetch one article's page; a timeout or 5xx is retried 3 times (10 s, 20 s, 40 s) before failing."""
    try:
        article_fetch.fetch_article(article_id, final_attempt=self.request.retries >= MAX_RETRIES)
    except article_fetch.RetryableFetchError as exc:
        raise self.retry(exc=exc, countdown=10 * 2 ** self.request.retries) from exc


@shared_task(name="ingest.poll_feed", acks_late=True, soft_time_limit=60, time_limit=90)
def poll_feed(feed_id: int) -> None:
    feeds.poll_feed(feed_id)


@shared_task(name="ingest.poll_all_feeds", soft_time_limit=30, time_limit=60)
def poll_all_feeds() -> None:
    """Beat entry point: one ``ingest.poll_feed`` per active feed."""
    feeds.enqueue_all_polls()
