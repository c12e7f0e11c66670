"""Sources (a URL or a citation, reusable across claims) and the evidence tying one to a claim."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow

STANCES = ("supports", "refutes", "context")
FETCH_STATUSES = ("none", "queued", "done", "failed")


class Source(Model):
    __tablename__ = "sources"
    __table_args__ = (one_of("fetch_status", FETCH_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(String(2000), index=True)
    citation: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(500), default="")
    outlet: Mapped[str | None] = mapped_column(String(200))
    archived_text: Mapped[str | None] = mapped_column(Text)
    fetch_status: Mapped[str] = mapped_column(String(12), default="none")
    fetch_error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Evidence(Model):
    """A source attached to a claim with a stance; removal sets ``removed_at`` so it can be restored.

    A source is attached to a claim at most once at a time: removed rows may pile up beside one live row.
    """

    __tablename__ = "evidence"
    __table_args__ = (
        one_of("stance", STANCES),
        Index("uq_evidence_live_claim_id_source_id", "claim_id", "source_id", unique=True,
              sqlite_where=text("removed_at IS NULL"), postgresql_where=text("removed_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    stance: Mapped[str] = mapped_column(String(10), default="context")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    source: Mapped[Source] = relationship(lazy="joined")
    added_by = relationship("User")
