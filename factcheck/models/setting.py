"""Admin settings stored as rows, so every web and worker process sees the same value."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, utcnow

DEFAULT_SETTINGS = {
    "allow_self_approval": False,
    "fetch_allow_hosts": [],
    "default_timezone": "UTC",  # for people who have not chosen one in their profile
}


class AppSetting(Model):
    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
