"""Roles and the permissions they grant, as data (no Flask, no SQLAlchemy).

Views check a permission with ``require_permission``; services check it again together with the object
(assignment, authorship), so the CLI and tasks get the same protection as the web.
"""
from __future__ import annotations

from collections.abc import Iterable

ROLES = ("reviewer", "checker", "editor", "admin")

_REVIEWER = {
    "queues.view", "claims.view", "claims.triage", "claims.assign", "claims.comment", "claims.correct",
    "articles.view", "articles.ingest", "views.save",
}
_CHECKER = {
    "queues.view", "claims.view", "claims.comment", "claims.correct", "claims.check", "sources.edit",
    "verdicts.draft", "articles.view", "views.save",
}
_EDITOR = _REVIEWER | _CHECKER | {
    "claims.edit_any", "verdicts.review", "verdicts.approve", "verdicts.publish", "verdicts.unpublish",
}
_ADMIN = _EDITOR | {
    "users.manage", "queues.manage", "scales.manage", "audit.view", "settings.manage", "feeds.manage",
    "dashboard.view",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "reviewer": frozenset(_REVIEWER),
    "checker": frozenset(_CHECKER),
    "editor": frozenset(_EDITOR | {"dashboard.view"}),
    "admin": frozenset(_ADMIN),
}

ALL_PERMISSIONS: frozenset[str] = frozenset().union(*ROLE_PERMISSIONS.values())


def permissions_for(roles: Iterable[str]) -> frozenset[str]:
    """Union of the permissions of the given roles; unknown roles grant nothing."""
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)


def has_permission(roles: Iterable[str], permission: str) -> bool:
    if permission not in ALL_PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    return permission in permissions_for(roles)
