""""Already checked": what a new claim was matched to among published verdicts, and each verdict's matching key.

``MatchTarget`` caches, per published verdict, the normalised hash and the sentence embedding of the claim text it
answers, so matching a new claim reads vectors instead of encoding the whole archive again. ``ClaimMatch`` is one
match found for a claim, with the evidence a reviewer needs to trust it (method, score, the words both share).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, utcnow

MATCH_METHODS = ("exact", "lexical", "semantic")


class MatchTarget(Model):
    """A published verdict as matching sees it: the text it answers, its hash and its embedding."""

    __tablename__ = "match_targets"

    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)  # the claim text embedded; a corrected claim text is embedded again
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    model: Mapped[str] = mapped_column(String(60))  # a different encoder re-embeds every target
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, L2-normalised
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ClaimMatch(Model):
    """A published verdict that may already answer ``claim``; ``accepted_at`` once a person attached it."""

    __tablename__ = "claim_matches"
    __table_args__ = (
        UniqueConstraint("claim_id", "verdict_id"),  # also the index that finds a claim's matches
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(12))
    score: Mapped[float] = mapped_column(Float)  # cosine similarity of the embeddings (1.0 for an exact match)
    shared_words: Mapped[list] = mapped_column(JSON, default=list)  # the new claim's words found in the other
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim = relationship("Claim")
    verdict = relationship("Verdict")
