"""The permission check every service repeats before it writes (views check too; this is the second lock)."""
from __future__ import annotations

from factcheck.models import User
from factcheck.permissions import has_permission
from factcheck.services.core.errors import PermissionDenied


def require(actor: User | None, permission: str, message: str | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` holds ``permission``; ``None`` is the system (CLI, tasks)."""
    if actor is not None and not has_permission(actor.roles, permission):
        raise PermissionDenied(message or f"You need the permission {permission}.")
