"""Admin settings kept in the database so every process sees the same value: the read side.

Changing a setting is an admin use case (``admin.settings_admin``); reading one is needed below the admin
layer (editorial approval, the fetch policy), so it lives here.
"""
from __future__ import annotations

from typing import Any

from factcheck.extensions import db
from factcheck.models import DEFAULT_SETTINGS, AppSetting


def get_setting(key: str) -> Any:
    """The stored value of ``key``, or its default; ``KeyError`` for a setting that does not exist."""
    if key not in DEFAULT_SETTINGS:
        raise KeyError(key)
    row = db.session.get(AppSetting, key)
    return DEFAULT_SETTINGS[key] if row is None else row.value
