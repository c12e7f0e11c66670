"""Read models for the user administration pages."""
from __future__ import annotations

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import LoginEvent, User


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.display_name)))


def recent_logins(user_id: int, limit: int = 20) -> list[LoginEvent]:
    return list(db.session.scalars(
        select(LoginEvent).where(LoginEvent.user_id == user_id).order_by(LoginEvent.at.desc()).limit(limit)))
