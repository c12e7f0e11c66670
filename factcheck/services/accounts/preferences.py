"""A person's own preferences: interface language, time zone and notification mail (no permission needed beyond
being them).

An empty choice means "follow the default": the browser's ``Accept-Language`` for the language, the instance's
``default_timezone`` setting for the time zone.
"""
from __future__ import annotations

import pytz

from factcheck.extensions import db
from factcheck.languages import LANGUAGES
from factcheck.models import EMAIL_CHOICES, User
from factcheck.services.core import audit
from factcheck.services.core.errors import InvalidInput

# What the forms offer (the common names; the service accepts any IANA name)
TIME_ZONES: list[str] = list(pytz.common_timezones)


def clean_time_zone(name: str | None) -> str:
    """An IANA time zone name such as ``Europe/Paris``, or ``InvalidInput`` naming the problem."""
    name = (name or "").strip()
    if name not in pytz.all_timezones_set:
        raise InvalidInput("“%(name)s” is not a time zone name; choose one such as Europe/Paris or UTC.", name=name)
    return name


def set_preferences(user: User, *, locale: str | None, timezone: str | None,
                    email_notifications: str | None = None) -> bool:
    """Save the user's language and time zone (empty follows the default) and mail choice (None keeps it);
    audited, one unit of work.

    Returns whether anything changed."""
    locale = (locale or "").strip().lower() or None
    if locale is not None and locale not in LANGUAGES:
        raise InvalidInput("The interface speaks %(value)s; choose one of them.", value=', '.join(LANGUAGES.values()))
    timezone = clean_time_zone(timezone) if (timezone or "").strip() else None
    email_notifications = email_notifications or user.email_notifications
    if email_notifications not in EMAIL_CHOICES:
        raise InvalidInput("Choose how to receive notifications by e-mail: none, each one, or a daily digest.")
    after = {"locale": locale, "timezone": timezone, "email_notifications": email_notifications}
    before = {name: getattr(user, name) for name in after}
    changed = [name for name in after if before[name] != after[name]]
    if not changed:
        return False
    for name in changed:
        setattr(user, name, after[name])
    audit.record(user, "user.preferences", user, before={n: before[n] for n in changed},
                 after={n: after[n] for n in changed})
    db.session.commit()
    return True
