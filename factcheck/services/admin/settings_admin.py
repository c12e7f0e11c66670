"""Changing the admin settings: validated, audited, one unit of work (``core.settings`` reads them)."""
from __future__ import annotations

from typing import Any

from factcheck.extensions import db
from factcheck.ingest.errors import BadAllowlist
from factcheck.ingest.url_guard import parse_allowlist
from factcheck.models import DEFAULT_SETTINGS, AppSetting, User
from factcheck.services.accounts.preferences import clean_time_zone
from factcheck.services.core import audit
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.guards import require


def set_setting(actor: User, key: str, value: Any) -> None:
    """Change one setting (admins only), audited; one unit of work."""
    require(actor, "settings.manage", "Only administrators change settings.")
    if key not in DEFAULT_SETTINGS:
        raise InvalidInput("Unknown setting %(key)s.", key=key)
    if type(value) is not type(DEFAULT_SETTINGS[key]):
        raise InvalidInput("%(key)s must be a %(__name__)s.", key=key, __name__=type(DEFAULT_SETTINGS[key]).__name__)
    if key == "fetch_allow_hosts" and isinstance(value, list):  # a list after the type check; the form's rules
        try:
            value = parse_allowlist(value)
        except BadAllowlist as exc:
            raise InvalidInput("The fetch allowlist was not saved. %(exc)s", exc=exc) from exc
    if key == "default_timezone":
        value = clean_time_zone(value)
    row = db.session.get(AppSetting, key)
    before = DEFAULT_SETTINGS[key] if row is None else row.value
    if row is None:
        row = AppSetting(key=key, value=value)
        db.session.add(row)
    else:
        row.value = value
    audit.record(actor, "setting.change", object_type="setting", before={key: before}, after={key: value})
    db.session.commit()
