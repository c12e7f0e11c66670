"""Export task: one job id in, its file written in chunks (services/exports/jobs.py). Idempotent."""
from celery import shared_task

from factcheck.services.exports import jobs


@shared_task(name="exports.run", acks_late=True, soft_time_limit=1700, time_limit=1800)
def run(job_id: int) -> bool:
    return jobs.run(job_id)
