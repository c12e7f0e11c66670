"""Articles as ingested, and the feeds that bring them in."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow

INGEST_STATUSES = ("queued", "fetching", "extracting", "done", "failed")
SOURCE_KINDS = ("paste", "url", "feed", "bulk")  # how the article came in
CANONICAL_URL_UNIQUE = "uq_articles_canonical_url"


class Feed(Model):
    """An RSS/Atom feed polled on a schedule; ETag and Last-Modified keep polls cheap."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    outlet: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Article(Model):
    """One article; the database, not the broker, holds its ingest state (Redis may lose messages)."""

    __tablename__ = "articles"
    __table_args__ = (
        one_of("status", INGEST_STATUSES),
        one_of("source_kind", SOURCE_KINDS),
        # one article per address: two requests submitting the same URL at once store it once (migration 0017)
        Index(CANONICAL_URL_UNIQUE, "canonical_url", unique=True, sqlite_where=text("canonical_url IS NOT NULL"),
              postgresql_where=text("canonical_url IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    url: Mapped[str | None] = mapped_column(String(2000))
    canonical_url: Mapped[str | None] = mapped_column(String(2000))
    outlet: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(8))
    published_on: Mapped[date | None] = mapped_column(Date)
    raw_text: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    source_kind: Mapped[str] = mapped_column(String(10), default="paste")
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    pipeline_version: Mapped[str | None] = mapped_column(String(60))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    feed: Mapped[Feed | None] = relationship()
    claims = relationship("Claim", back_populates="article", order_by="Claim.span_start")
