"""A claim's history in words: the template filters that turn an audit row into labelled changes, translated,
with long texts as a word diff. Registered by ``init_history``."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import gettext

from factcheck import history_words
from factcheck.models import AuditEvent
from factcheck.services.core.text_diff import DiffPart, word_diff
from factcheck.web.i18n import label


@dataclass(frozen=True)
class Change:
    field: str  # translated
    before: str | None
    after: str | None
    diff: list[DiffPart] | None  # a word diff for texts changed on both sides


def _shown(name: str, value) -> str | None:
    if value is None:
        return None
    if name in history_words.CODED_FIELDS and isinstance(value, str):
        return label(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def changes(event: AuditEvent) -> list[Change]:
    """What one audit row changed, field by field, in the reader's language."""
    before, after = event.before or {}, event.after or {}
    found = []
    for name in dict.fromkeys([*before, *after]):
        old, new = _shown(name, before.get(name)), _shown(name, after.get(name))
        diff = (word_diff(old, new) if name in history_words.TEXT_FIELDS and old is not None and new is not None
                else None)
        found.append(Change(gettext(history_words.field_words(name)), old if name in before else None,
                            new if name in after else None, diff))
    return found


def action(code: str) -> str:
    return gettext(history_words.action_words(code))


def init_history(app: Flask) -> None:
    app.jinja_env.filters.update(history_action=action, history_changes=changes)
