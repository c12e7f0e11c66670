"""Webhook endpoints admins register, and every delivery to them with each attempt (the log admins replay from)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow

WEBHOOK_EVENTS = ("verdict.published", "verdict.corrected", "verdict.unpublished", "claim.created")
DELIVERY_STATUSES = ("pending", "delivered", "failed")


class WebhookEndpoint(Model):
    """A URL that hears about the events it subscribes to; the secret signs every body sent to it."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(200), default="")
    events: Mapped[str] = mapped_column(String(200))  # space-separated subset of WEBHOOK_EVENTS
    # Kept readable (not hashed): signing needs it. Shown to admins only, who give it to the receiver.
    secret: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def event_set(self) -> frozenset[str]:
        return frozenset(self.events.split())


class WebhookDelivery(Model):
    """One event for one endpoint; its body is frozen when the event happens, so a replay sends the same facts."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_endpoint_id_id", "endpoint_id", "id"),
        one_of("status", DELIVERY_STATUSES),
        one_of("event", WEBHOOK_EVENTS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    endpoint: Mapped[WebhookEndpoint] = relationship()
    attempt_log: Mapped[list[WebhookAttempt]] = relationship(order_by="WebhookAttempt.number",
                                                             back_populates="delivery")


class WebhookAttempt(Model):
    """One POST of a delivery: when, what came back (status or error) and how long it took."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (UniqueConstraint("delivery_id", "number", name="uq_webhook_attempts_delivery_id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    response_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    replay: Mapped[bool] = mapped_column(Boolean, default=False)  # sent because an admin asked, not by the schedule

    delivery: Mapped[WebhookDelivery] = relationship(back_populates="attempt_log")
