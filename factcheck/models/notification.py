"""What a person is told: one row per recipient and cause (an audit event), read or not, e-mailed or not."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow

# What a notification is about; its words are chosen where it is shown, in the reader's language.
NOTIFICATION_KINDS = ("mention", "assigned", "sent_back", "approved", "published", "verdict_changed", "failed")
# How a person wants mail: never, one message per notification, or one message gathering them
EMAIL_CHOICES = ("off", "immediate", "digest")


class Notification(Model):
    """One thing one person should know about; ``event_id`` makes a redelivered task create it only once."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "event_id", name="uq_notifications_user_id_event_id"),
        Index("ix_notifications_user_read", "user_id", "read_at"),
        one_of("kind", NOTIFICATION_KINDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[int] = mapped_column(ForeignKey("audit_events.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    detail: Mapped[dict | None] = mapped_column(JSON)  # the editor's note, the error: words someone wrote
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    actor = relationship("User", foreign_keys=[actor_id])
    claim = relationship("Claim")
    article = relationship("Article")
