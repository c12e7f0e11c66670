"""Verdicts on claims and their immutable revision history."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow

SUMMARY_MAX = 280
CLAIM_REVIEWED_MAX = 75  # Google's advice for ClaimReview's claimReviewed
# A verdict's own status (its claim's workflow state says more: sent back, corrected …).
VERDICT_STATUSES = ("draft", "proposed", "approved", "published", "unpublished")
# What each revision records: a checker's save or submission, an editor's approval, send-back, edit or correction.
REVISION_KINDS = ("draft", "submitted", "approved", "sent_back", "edit", "correction")


class Verdict(Model):
    """The current state of a claim's verdict; every save also writes a ``VerdictRevision``."""

    __tablename__ = "verdicts"
    __table_args__ = (one_of("status", VERDICT_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), unique=True)
    scale_id: Mapped[int] = mapped_column(ForeignKey("rating_scales.id"))
    rating_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"))
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX), default="")
    explanation_md: Mapped[str] = mapped_column(Text, default="")
    # ClaimReview's claimReviewed as the checker wrote it (75 characters at most); None: suggested from the claim
    claim_reviewed: Mapped[str | None] = mapped_column(String(CLAIM_REVIEWED_MAX))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    public_slug: Mapped[str | None] = mapped_column(String(120), unique=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    correction_note: Mapped[str | None] = mapped_column(Text)
    unpublished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unpublish_reason: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version_id}

    claim = relationship("Claim", back_populates="verdict")
    scale = relationship("RatingScale")
    rating = relationship("Rating")
    author = relationship("User", foreign_keys=[author_id])
    editor = relationship("User", foreign_keys=[editor_id])
    revisions: Mapped[list[VerdictRevision]] = relationship(
        back_populates="verdict", order_by="VerdictRevision.number"
    )
    evidence = relationship("Evidence", secondary="verdict_evidence")


class VerdictRevision(Model):
    """An immutable snapshot; the rating label is copied so later scale edits never rewrite it."""

    __tablename__ = "verdict_revisions"
    __table_args__ = (UniqueConstraint("verdict_id", "number"), one_of("kind", REVISION_KINDS))

    id: Mapped[int] = mapped_column(primary_key=True)
    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    rating_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"))
    rating_label: Mapped[str | None] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX), default="")
    explanation_md: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    verdict: Mapped[Verdict] = relationship(back_populates="revisions")
    author = relationship("User")


class VerdictEvidence(Model):
    """Which pieces of evidence a verdict relies on."""

    __tablename__ = "verdict_evidence"

    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"), primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True)
