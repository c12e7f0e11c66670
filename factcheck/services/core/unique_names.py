"""Names that must be unique whatever their case (queues, rating scales): checked first, then again at commit.

The check compares casefolded names in Python because SQLite's ``lower()`` folds ASCII only and newsroom names
are full of accents; the column's unique constraint still catches a concurrent request that takes the name
between our check and our commit, and both paths give the user the same message.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from factcheck.extensions import db
from factcheck.services.core.errors import InvalidInput


def _taken(noun: str, name: str) -> InvalidInput:
    return InvalidInput("A %(noun)s named “%(name)s” already exists.", noun=noun, name=name)


def ensure_name_free(model: Any, name: str, *, noun: str, exclude_id: int | None = None) -> None:
    """Refuse ``name`` when another row of ``model`` (not ``exclude_id``) has it, ignoring case and accents' case."""
    taken = db.session.execute(select(model.id, model.name)).all()
    if any(n.casefold() == name.casefold() and i != exclude_id for i, n in taken):
        raise _taken(noun, name)


def commit_unique_name(name: str, *, noun: str) -> None:
    """Commit; a unique-name violation (a concurrent request won the race) becomes the check's own refusal."""
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise _taken(noun, name) from exc
