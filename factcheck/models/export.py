"""Exports too large to stream in one request: the job a worker runs, and the file it writes, in chunks.

The file lives in the database, not on a disk: web processes and workers share nothing but PostgreSQL and
Redis, so a worker on another host writes chunks that any web process can stream back, one at a time.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, utcnow

EXPORT_KINDS = ("claims_csv", "claim_reviews")
EXPORT_STATUSES = ("queued", "running", "done", "failed")


class ExportJob(Model):
    """One export a person asked for: what (``kind`` and ``params``, the queue page's filters), how far it is."""

    __tablename__ = "export_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    total: Mapped[int] = mapped_column(Integer, default=0)  # rows expected, counted when the job was made
    done: Mapped[int] = mapped_column(Integer, default=0)  # rows written so far
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")


class ExportChunk(Model):
    """A piece of an export's file, in order (``seq``); read back one by one, so memory stays flat."""

    __tablename__ = "export_chunks"

    job_id: Mapped[int] = mapped_column(ForeignKey("export_jobs.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(Text)
