"""Accounts: users, their roles, login history and invitations."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow
from factcheck.models.notification import EMAIL_CHOICES
from factcheck.permissions import ROLES


class User(UserMixin, Model):
    """A person who logs in; roles are rows of ``UserRole`` so a user can hold several."""

    __tablename__ = "users"
    __table_args__ = (one_of("email_notifications", EMAIL_CHOICES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Profile choices; None follows the browser's Accept-Language and the instance's default time zone.
    locale: Mapped[str | None] = mapped_column(String(5))
    timezone: Mapped[str | None] = mapped_column(String(64))
    # Notifications by mail: "off", "immediate" or "digest" (models.notification.EMAIL_CHOICES)
    email_notifications: Mapped[str] = mapped_column(String(10), default="off", server_default="off")

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r.role for r in self.role_rows)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return bool(self.active)

    def get_id(self) -> str:
        # The session version lets logout, password change and disabling invalidate every copied cookie.
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserRole(Model):
    __tablename__ = "user_roles"
    __table_args__ = (one_of("role", ROLES),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_rows")


class LoginEvent(Model):
    """One login attempt, successful or not, for the user's history and for spotting attacks."""

    __tablename__ = "login_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    success: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(40))
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Invitation(Model):
    """A one-time link an admin hands to a new colleague; only the token's hash is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    display_name: Mapped[str] = mapped_column(String(120))
    roles: Mapped[str] = mapped_column(String(100))  # comma-separated role names
    # the queues the new colleague joins on accepting, so their first page is their own work, not an empty desk
    queue_ids: Mapped[list | None] = mapped_column(JSON, default=list)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
