"""Exports: the queue page's claims as CSV (its filters and search, cells safe in a spreadsheet), every published
ClaimReview as JSON lines, large exports as jobs with progress and an owner-only download, flat memory."""
import csv
import io
import json
import tracemalloc

import pytest
from sqlalchemy import select, text

from factcheck.extensions import db
from factcheck.models.export import ExportJob
from factcheck.services.exports import claims_csv, jobs
from factcheck.services.queues.queue_filters import parse_filters
from tests import factories


def _csv(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_the_csv_holds_the_page_s_claims_with_its_filters_and_search(client, login_as):
    login_as("reviewer")
    queue = factories.make_queue()
    wanted = factories.make_claim(queue=queue, kind="accusation", text="=HYPERLINK(\"x\") invasion du pays")
    factories.make_claim(queue=queue, kind="statement", text="Invasion du pays, dit-il.")
    factories.make_claim(queue=queue, kind="accusation", text="Autre chose.")
    factories.make_claim(kind="accusation", text="Invasion ailleurs.")  # in no queue: not on the queue's page

    response = client.get(f"/queues/{queue.id}/export.csv?kind=accusation&q=invasion")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == list(claims_csv.COLUMNS)
    assert [r[0] for r in rows[1:]] == [str(wanted.id)]
    assert rows[1][4] == "'=HYPERLINK(\"x\") invasion du pays"  # a formula is shown, never run
    assert rows[1][-1].endswith("+00:00")  # created_at, in UTC


def test_an_unknown_queue_is_a_404_and_what_the_page_ignores_the_export_ignores(client, login_as):
    login_as("reviewer")
    assert client.get("/queues/999999/export.csv").status_code == 404
    queue = factories.make_queue()
    factories.make_claim(queue=queue)
    assert len(_csv(client.get(f"/queues/{queue.id}/export.csv?q=-only&kind=nonsense"))) == 2


def test_the_claim_review_dump_has_one_json_object_per_published_verdict(client, login_as):
    login_as("checker")
    for n, status in enumerate(("published", "published", "draft")):
        verdict = factories.make_verdict(claim=factories.make_claim(status="published"), status=status)
        verdict.public_slug = f"check-{n}" if status == "published" else None
    db.session.commit()
    response = client.get("/queues/claimreviews.jsonl")
    lines = response.get_data(as_text=True).splitlines()
    assert response.status_code == 200 and len(lines) == 2
    assert {json.loads(line)["@type"] for line in lines} == {"ClaimReview"}
    assert {json.loads(line)["url"].rsplit("/", 1)[-1] for line in lines} == {"check-0", "check-1"}


def test_above_the_threshold_a_worker_writes_the_file_and_its_owner_downloads_it(client, login_as, monkeypatch):
    monkeypatch.setattr(jobs, "INLINE_MAX", 2)
    user = login_as("reviewer")
    queue = factories.make_queue()
    claims = [factories.make_claim(queue=queue, text=f"Claim number {n}.") for n in range(5)]

    offer = client.get(f"/queues/{queue.id}/export.csv?sort=oldest")
    assert offer.status_code == 200 and "Prepare the export" in offer.get_data(as_text=True)
    assert db.session.scalar(select(ExportJob.id)) is None  # a GET starts nothing
    started = client.post(f"/queues/{queue.id}/export.csv?sort=oldest")
    assert started.status_code == 303
    job = db.session.scalar(select(ExportJob))
    assert (job.user_id, job.status, job.done, job.total) == (user.id, "done", 5, 5)  # the task ran (eager)

    page = client.get(started.headers["Location"]).get_data(as_text=True)
    assert '<progress max="5" value="5"' in page and f"/queues/exports/{job.id}/download" in page
    rows = _csv(client.get(f"/queues/exports/{job.id}/download"))
    assert [r[0] for r in rows[1:]] == [str(c.id) for c in claims]

    client.post("/auth/logout")
    login_as("reviewer")  # somebody else
    assert client.get(f"/queues/exports/{job.id}").status_code == 404
    assert client.get(f"/queues/exports/{job.id}/download").status_code == 404


def test_starting_an_export_deletes_the_owner_s_exports_finished_a_day_ago(app):
    from datetime import timedelta

    from factcheck.models.base import utcnow
    from factcheck.models.export import ExportChunk

    owner, other = factories.make_user(), factories.make_user()
    old, recent, others = (ExportJob(user_id=user.id, kind="claim_reviews", params={}, status="done",
                                     finished_at=utcnow() - age) for user, age in
                           ((owner, timedelta(days=2)), (owner, timedelta(hours=1)), (other, timedelta(days=2))))
    db.session.add_all([old, recent, others])
    db.session.flush()
    db.session.add(ExportChunk(job_id=old.id, seq=0, data="x"))
    db.session.commit()
    old_id, keep = old.id, {recent.id, others.id}
    jobs.start(owner, "claim_reviews", {}, 10_000)
    kept = set(db.session.scalars(select(ExportJob.id)))
    assert old_id not in kept and keep <= kept
    assert db.session.scalar(select(ExportChunk.job_id).where(ExportChunk.job_id == old_id)) is None


def test_a_running_job_polls_and_cannot_be_downloaded_yet(client, login_as):
    user = login_as("reviewer")
    job = ExportJob(user_id=user.id, kind="claim_reviews", params={}, total=10, done=4, status="running")
    db.session.add(job)
    db.session.commit()
    page = client.get(f"/queues/exports/{job.id}").get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in page and '<progress max="10" value="4"' in page
    assert client.get(f"/queues/exports/{job.id}/download").status_code == 409


def _bulk_claims(queue_id: int, article_id: int, count: int) -> None:
    """``count`` claims in one INSERT … SELECT over a recursive counter: seconds, where the ORM takes a minute."""
    empty = "CAST('[]' AS JSON)" if db.engine.dialect.name == "postgresql" else "'[]'"
    db.session.execute(text(f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
        INSERT INTO claims (article_id, extraction_key, span_start, span_end, sentence, text, kind, attribution,
                            checkworthiness, quantities, entities, status, queue_id, priority, version_id,
                            created_at, updated_at)
        SELECT :article, 'bulk' || i, 0, 10, 'Sentence ' || i || '.', 'Claim number ' || i || ' of the load.',
               'statement', 'author', (i % 100) / 100.0, {empty}, {empty}, 'new', :queue, 0, 1,
               CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
        FROM n"""), {"count": count, "article": article_id, "queue": queue_id})
    db.session.commit()


@pytest.mark.timeout(120)
def test_exporting_100_000_claims_keeps_memory_flat(app):
    queue = factories.make_queue()
    _bulk_claims(queue.id, factories.make_article().id, 100_000)
    user = factories.make_user(roles=("reviewer",))
    filters = parse_filters({"sort": "newest"})

    tracemalloc.start()
    try:
        lines = size = 0
        for chunk in claims_csv.chunks(user, filters, queue.id):
            lines += chunk.count("\r\n")
            size += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == 100_001  # the header and every claim
    print(f"exported {size / 2**20:.1f} MiB of CSV with a peak of {peak / 2**20:.1f} MiB traced")
    assert peak < 16 * 2**20 and peak < size / 4  # batches in memory, never the whole file
