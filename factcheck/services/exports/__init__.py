"""Exports: the queue's claims as CSV (its filters, search and sort) and every published ClaimReview as JSON lines.

Both are generators that read the database in batches, so memory stays flat whatever the size: a small export is
streamed straight into the response, a large one (over ``jobs.INLINE_MAX`` rows) is written by a Celery task
into ``ExportChunk`` rows that the download streams back, while the page shows its progress. Owns ``ExportJob``
and ``ExportChunk``; may import ``core``, ``search``, ``queues`` and ``verdicts``.
"""
