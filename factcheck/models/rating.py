"""Rating scales with ordered ratings; verdicts keep their scale so editing one never rewrites history.

A scale is written in one language; at most one scale per language is active (a partial unique index), so a
French and an English scale can be offered side by side, each to the claims of its language.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, utcnow


class RatingScale(Model):
    __tablename__ = "rating_scales"
    __table_args__ = (
        Index("uq_rating_scales_active_language", "language", unique=True,
              sqlite_where=text("active"), postgresql_where=text("active")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=False)  # offered for new verdicts in its language
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ratings: Mapped[list[Rating]] = relationship(
        back_populates="scale", cascade="all, delete-orphan", order_by="Rating.position"
    )


class Rating(Model):
    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    scale_id: Mapped[int] = mapped_column(ForeignKey("rating_scales.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(60))
    value: Mapped[int] = mapped_column(Integer)  # ClaimReview ratingValue: 1 = worst … N = best
    colour: Mapped[str] = mapped_column(String(7), default="#777777")
    description: Mapped[str] = mapped_column(Text, default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    scale: Mapped[RatingScale] = relationship(back_populates="ratings")
