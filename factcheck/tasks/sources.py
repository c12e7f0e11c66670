"""Source tasks: fetch a source's page metadata after it is attached."""
from celery import shared_task

from factcheck.services.claims import source_fetch


@shared_task(name="sources.fetch_metadata", bind=True, acks_late=True,
             autoretry_for=(source_fetch.RetryableFetchError,), retry_backoff=True, retry_backoff_max=600,
             max_retries=4, soft_time_limit=60, time_limit=90)
def fetch_metadata(self, source_id: int) -> str:
    """Fill title/outlet/archived text of one source; failures end as fetch_status="failed"."""
    return source_fetch.fetch_source_metadata(source_id, final_attempt=self.request.retries >= self.max_retries)
