"""Exports from the queue page: its claims as CSV (the page's filters, search and sort), every published
ClaimReview as JSON lines. Up to ``jobs.INLINE_MAX`` rows the file streams at once; above, the page offers to
prepare it (a POST, so no link can start work), a worker writes it and the job's page shows a progress bar and,
when it is done, the download link. Thin: parse, call the service, stream or render.

Importing this module registers its routes on the queue blueprint (``queue.views`` imports it last).
"""
from __future__ import annotations

from collections.abc import Iterator

from flask import Response, abort, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from factcheck.extensions import db
from factcheck.models import Queue
from factcheck.models.base import utcnow
from factcheck.queue.views import bp
from factcheck.services.exports import claim_reviews, claims_csv, jobs
from factcheck.services.queues.queue_filters import parse_filters
from factcheck.web import require_permission, require_valid

_TYPES = {"claims_csv": ("text/csv; charset=utf-8", "csv"),
          "claim_reviews": ("application/jsonl; charset=utf-8", "jsonl")}


def _attachment(kind: str, chunks: Iterator[str]) -> Response:
    mimetype, extension = _TYPES[kind]
    name = f"{kind.replace('_', '-')}-{utcnow():%Y%m%d-%H%M%S}.{extension}"
    return Response(stream_with_context(chunks), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _claims_params(queue_id: int | None) -> dict:
    """What a job needs to export the page again: its query string, minus the page cursor, and its queue."""
    return {"args": [[k, v] for k, v in request.args.items(multi=True) if k != "after"], "queue_id": queue_id}


def _export(kind: str, total: int, chunks, params: dict):
    if total <= jobs.INLINE_MAX:
        return _attachment(kind, chunks())
    if request.method == "POST":
        require_valid(FlaskForm())
        job = jobs.start(current_user, kind, params, total)
        return redirect(url_for("queue.export_job", job_id=job.id), code=303)
    return render_template("queue/export_prepare.html", kind=kind, total=total, threshold=jobs.INLINE_MAX)


def _claims_export(queue_id: int | None):
    if queue_id is not None and db.session.get(Queue, queue_id) is None:
        abort(404)
    filters = parse_filters(request.args)
    total = claims_csv.count(current_user, filters, queue_id)
    return _export("claims_csv", total, lambda: claims_csv.chunks(current_user, filters, queue_id),
                   _claims_params(queue_id))


@bp.route("/export.csv", methods=["GET", "POST"])
@require_permission("queues.view")
def export_claims_csv():
    return _claims_export(None)


@bp.route("/<int:queue_id>/export.csv", methods=["GET", "POST"])
@require_permission("queues.view")
def export_queue_csv(queue_id: int):
    return _claims_export(queue_id)


@bp.route("/claimreviews.jsonl", methods=["GET", "POST"])
@require_permission("claims.view")
def export_claim_reviews():
    return _export("claim_reviews", claim_reviews.count(), jobs.claim_review_lines, {})


@bp.route("/exports/<int:job_id>")
@require_permission("queues.view")
def export_job(job_id: int):
    job = jobs.get_job(current_user, job_id)
    template = "queue/_export_progress.html" if request.headers.get("HX-Request") == "true" \
        else "queue/export_job.html"
    return render_template(template, job=job)


@bp.route("/exports/<int:job_id>/download")
@require_permission("queues.view")
def export_download(job_id: int):
    job = jobs.get_job(current_user, job_id)
    if job.status != "done":
        abort(409, description="This export is not ready yet.")
    return _attachment(job.kind, jobs.download(job))


def export_url(queue, query: str) -> str:
    """The CSV export of the page showing ``queue`` (None: all my queues) with this query string."""
    base = url_for("queue.export_queue_csv", queue_id=queue.id) if queue else url_for("queue.export_claims_csv")
    return f"{base}?{query}" if query else base


@bp.app_context_processor
def export_helpers():
    return {"export_url": export_url}
