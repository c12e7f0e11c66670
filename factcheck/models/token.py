"""API tokens: scripts and newsroom systems call the JSON API with a bearer token instead of a session."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, utcnow

SCOPES = ("read", "write")


class ApiToken(Model):
    """Only the token's SHA-256 is stored; the token acts with its owner's roles, narrowed to its scopes."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Space-separated subset of SCOPES: "read" alone cannot change anything, even for an editor's token.
    scopes: Mapped[str] = mapped_column(String(40), default="read write", server_default="read write")
    # Flask-Limiter's notation ("60 per minute;1000 per day"), set by an admin; None: the instance's API_RATE_LIMIT
    rate_limit: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())
