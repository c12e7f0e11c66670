"""A person's own display preferences: interface language and time zone (no permission needed beyond being them).

An empty choice means "follow the default": the browser's ``Accept-Language`` for the language, the instance's
``default_timezone`` setting for the time zone.
"""
from __future__ import annotations

import pytz

from factcheck.extensions import db
from factcheck.languages import LANGUAGES
from factcheck.models import User
from factcheck.services.core import audit
from factcheck.services.core.errors import InvalidInput

# What the forms offer (the common names; the service accepts any IANA name)
TIME_ZONES: list[str] = list(pytz.common_timezones)


def clean_time_zone(name: str | None) -> str:
    """An IANA time zone name such as ``Europe/Paris``, or ``InvalidInput`` naming the problem."""
    name = (name or "").strip()
    if name not in pytz.all_timezones_set:
        raise InvalidInput(f"“{name}” is not a time zone name; choose one such as Europe/Paris or UTC.")
    return name


def set_preferences(user: User, *, locale: str | None, timezone: str | None) -> bool:
    """Save the user's language and time zone (empty follows the default); audited, one unit of work.

    Returns whether anything changed."""
    locale = (locale or "").strip().lower() or None
    if locale is not None and locale not in LANGUAGES:
        raise InvalidInput(f"The interface speaks {', '.join(LANGUAGES.values())}; choose one of them.")
    timezone = clean_time_zone(timezone) if (timezone or "").strip() else None
    before = {"locale": user.locale, "timezone": user.timezone}
    after = {"locale": locale, "timezone": timezone}
    if before == after:
        return False
    user.locale, user.timezone = locale, timezone
    audit.record(user, "user.preferences", user, before=before, after=after)
    db.session.commit()
    return True
