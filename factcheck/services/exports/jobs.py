"""Large exports as jobs: made by the person who asks, run by a Celery task, downloaded by their owner only.

A job stores what to export (``params``: the queue page's query string and queue) and runs again from it, with
its owner's permissions as they are when it runs. The file is written as ``ExportChunk`` rows, one commit per
chunk, so ``done`` moves while it runs (the page shows it as a progress bar) and a crash loses nothing but the
job, which is marked failed. Running a job again starts its file afresh: the task is idempotent.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from factcheck.extensions import db
from factcheck.models import User
from factcheck.models.base import utcnow
from factcheck.models.export import ExportChunk, ExportJob
from factcheck.services.core import audit
from factcheck.services.core.csv_cells import csv_chunks
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.core.errors import NotFound
from factcheck.services.core.guards import require
from factcheck.services.exports import claim_reviews, claims_csv
from factcheck.services.queues.queue_filters import parse_filters
from factcheck.web.public_urls import public_url

log = logging.getLogger(__name__)
INLINE_MAX = 5000  # rows: up to this many the response streams the file at once, above it a worker writes it
KEEP = timedelta(days=1)  # a finished export's file stays this long; the owner's next export deletes older ones
PERMISSIONS = {"claims_csv": "queues.view", "claim_reviews": "claims.view"}
_LINES_PER_CHUNK = 200


def claims_filters(params: dict):
    """The queue page's filters saved in a job (its query string as a list of pairs)."""
    return parse_filters(MultiDict([tuple(pair) for pair in params.get("args", [])]))


def claim_review_lines() -> Iterator[str]:
    """Every published ClaimReview as JSON lines, with public URLs under ``PUBLIC_BASE_URL``."""
    return claim_reviews.lines(lambda slug: public_url("public.show", slug=slug),
                               current_app.config["ORGANISATION_NAME"])


def start(actor: User, kind: str, params: dict, total: int) -> ExportJob:
    """Make a job for ``total`` rows and send it to a worker after the commit; the actor's exports finished more
    than ``KEEP`` ago go, with their files."""
    require(actor, PERMISSIONS[kind])
    stale = select(ExportJob.id).where(ExportJob.user_id == actor.id, ExportJob.finished_at < utcnow() - KEEP)
    db.session.execute(delete(ExportChunk).where(ExportChunk.job_id.in_(stale)))  # SQLite may not cascade
    db.session.execute(delete(ExportJob).where(ExportJob.id.in_(stale)))
    job = ExportJob(user_id=actor.id, kind=kind, params=params, total=total, status="queued")
    db.session.add(job)
    audit.record(actor, "export.start", job, after={"kind": kind, "rows": total})
    enqueue_after_commit("exports.run", job.id)
    db.session.commit()
    return job


def get_job(actor: User, job_id: int) -> ExportJob:
    """The actor's own job; anybody else's is a 404, as if it did not exist."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.user_id != actor.id:
        raise NotFound(f"There is no export {job_id}.")
    return job


def download(job: ExportJob) -> Iterator[str]:
    """The finished file, chunk by chunk, one chunk in memory at a time."""
    seqs = list(db.session.scalars(select(ExportChunk.seq).where(ExportChunk.job_id == job.id)
                                   .order_by(ExportChunk.seq)))
    for seq in seqs:
        yield db.session.scalar(select(ExportChunk.data).where(ExportChunk.job_id == job.id,
                                                               ExportChunk.seq == seq)) or ""


class _Counter:
    """Counts the rows a generator hands on, for the job's progress."""

    def __init__(self) -> None:
        self.n = 0

    def over(self, items: Iterable) -> Iterator:
        for item in items:
            self.n += 1
            yield item


def _grouped(lines: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == _LINES_PER_CHUNK:
            yield "".join(batch)
            batch = []
    yield "".join(batch)


def _chunks(job: ExportJob, counter: _Counter) -> Iterator[str]:
    if job.kind == "claims_csv":
        rows = claims_csv.rows(job.user, claims_filters(job.params), job.params.get("queue_id"))
        return csv_chunks(claims_csv.COLUMNS, counter.over(rows))
    return _grouped(counter.over(claim_review_lines()))


def run(job_id: int) -> bool:
    """Write the job's file; True when done. A job whose owner has lost the permission fails."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.status == "done":
        return job is not None
    db.session.execute(delete(ExportChunk).where(ExportChunk.job_id == job.id))
    job.status, job.done, job.error = "running", 0, None
    db.session.commit()
    counter = _Counter()
    try:
        require(job.user, PERMISSIONS[job.kind])
        for seq, data in enumerate(_chunks(job, counter)):
            db.session.add(ExportChunk(job_id=job.id, seq=seq, data=data))
            job.done = counter.n
            db.session.commit()
    except Exception as exc:
        db.session.rollback()
        log.exception("export %s failed", job_id)
        job.status, job.error, job.finished_at = "failed", str(exc)[:500], utcnow()
        db.session.commit()
        return False
    job.status, job.done, job.total, job.finished_at = "done", counter.n, counter.n, utcnow()
    db.session.commit()
    return True
