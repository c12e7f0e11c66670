"""Review queues, their members, routing rules and users' saved views of them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow

# The roles a member holds in one queue (admins manage every queue without being members).
MEMBER_ROLES = ("reviewer", "checker", "editor")


class Queue(Model):
    __tablename__ = "queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[QueueMember]] = relationship(back_populates="queue", cascade="all, delete-orphan")
    rules: Mapped[list[RoutingRule]] = relationship(
        back_populates="queue", cascade="all, delete-orphan", order_by="RoutingRule.position"
    )


class QueueMember(Model):
    __tablename__ = "queue_members"
    __table_args__ = (one_of("role", MEMBER_ROLES),)

    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))

    queue: Mapped[Queue] = relationship(back_populates="members")
    user = relationship("User")


class RoutingRule(Model):
    """Routing as data: a claim goes to the first active rule (by position) whose every condition holds."""

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str | None] = mapped_column(String(8))
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    outlet: Mapped[str | None] = mapped_column(String(200))
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    min_checkworthiness: Mapped[float] = mapped_column(Float, default=0.0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    queue: Mapped[Queue] = relationship(back_populates="rules")


class SavedView(Model):
    """A named, filtered queue URL a user keeps in the navigation."""

    __tablename__ = "saved_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id", ondelete="CASCADE"))
    query: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
