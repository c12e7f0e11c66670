"""A person's own notifications: the bell's unread count, the list, marking read. Nobody reads another's."""
from __future__ import annotations

from sqlalchemy import CursorResult, func, select, update

from factcheck.extensions import db
from factcheck.models import Notification, User
from factcheck.models.base import utcnow
from factcheck.services.core.errors import NotFound

PAGE_SIZE = 50


def unread_count(user: User) -> int:
    """How many notifications the user has not read (the bell's figure; one indexed count)."""
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def latest(user: User, *, unread_only: bool = False, limit: int = PAGE_SIZE) -> list[Notification]:
    """The user's most recent notifications, newest first."""
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return list(db.session.scalars(stmt.order_by(Notification.id.desc()).limit(limit)))


def mark_read(user: User, notification_id: int) -> Notification:
    """Mark one of the user's notifications read; another person's is answered as missing."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound("There is no notification %(notification_id)s.", notification_id=notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return notification


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the user read; how many there were."""
    result = db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
    db.session.commit()
    assert isinstance(result, CursorResult)  # an UPDATE's result; it counts the rows it changed
    return result.rowcount
