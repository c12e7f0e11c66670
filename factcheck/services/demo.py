"""Demo data for ``make run``: the default scale, a demo admin and a queue."""
from __future__ import annotations

import secrets

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Queue, QueueMember
from factcheck.services import accounts, scales

DEMO_QUEUE = "Desk"


def seed(*, admin_email: str) -> str | None:
    """Idempotent; returns the new admin's password, or None when the admin already existed."""
    scales.ensure_default_scale()
    db.session.commit()
    password = None
    admin = accounts.find_user_by_email(admin_email)
    if admin is None:
        password = secrets.token_urlsafe(12)
        admin = accounts.create_user(None, email=admin_email, display_name="Demo admin", password=password,
                                     roles=["admin", "editor", "checker", "reviewer"])
    queue = db.session.scalar(select(Queue).where(Queue.name == DEMO_QUEUE))
    if queue is None:
        queue = Queue(name=DEMO_QUEUE, description="The main fact-checking desk (French and English).")
        queue.members = [QueueMember(user_id=admin.id, role="editor")]
        db.session.add(queue)
    db.session.commit()
    return password
