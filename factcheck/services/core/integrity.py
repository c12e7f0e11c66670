"""A database constraint's refusal, as the service error a person can act on.

The database guards the invariants the code also checks (unique names, hashes and addresses, one live evidence row
per source, one active scale per language, the CHECKs on every state and kind): when two requests pass the code's
check at the same moment, the constraint refuses the second at flush or commit with an ``IntegrityError``.
``violation`` reads which constraint it was on either engine (PostgreSQL names it; SQLite names a CHECK but only the
columns of a unique one, which the metadata turns back into its name) and ``user_error`` gives the refusal the user
sees: the constraint's own message when it has one, else one for its kind. Services where a race is expected catch the
error themselves; ``factcheck.web.errors`` maps any other one the same way as a last resort, never a 500.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.exc import IntegrityError

from factcheck.extensions import db
from factcheck.models.article import CANONICAL_URL_UNIQUE
from factcheck.services.core.errors import Conflict, InvalidInput, ServiceError

ARTICLE_TEXT_UNIQUE = "uq_articles_content_hash"

# PostgreSQL's SQLSTATE for each kind of violation (class 23, integrity constraint violation).
_SQLSTATE_KIND = {"23505": "unique", "23514": "check", "23503": "foreign_key", "23502": "not_null"}
# SQLite's messages: "UNIQUE constraint failed: t.a, t.b", "CHECK constraint failed: ck_t_c", "NOT NULL … t.c".
_SQLITE_MESSAGE = re.compile(r"(UNIQUE|CHECK|NOT NULL|FOREIGN KEY) constraint failed(?::\s*(.*))?")

# The constraints whose refusal says more than their kind's message; a CHECK is a bug or a script, never a person.
MESSAGES: dict[str, ServiceError] = {
    ARTICLE_TEXT_UNIQUE: Conflict("The same text was submitted by someone else at the same moment; it is stored "
                                  "once."),
    CANONICAL_URL_UNIQUE: Conflict("The same address was submitted by someone else at the same moment; it is "
                                   "stored once."),
    "uq_evidence_live_claim_id_source_id": InvalidInput("That source is already attached to this claim."),
    "uq_rating_scales_active_language": Conflict("Another scale of this language was made active at the same "
                                                 "moment; a language has one active scale. Reload and choose again."),
    "uq_users_email": InvalidInput("An account with this address already exists."),
    "uq_verdicts_claim_id": Conflict("Someone else started this claim's verdict at the same moment; reload to see "
                                     "it. Yours was not saved."),
}
BY_KIND: dict[str, ServiceError] = {
    "unique": Conflict("Someone else saved the same thing at the same moment; yours was not saved. Reload and try "
                       "again."),
    "check": InvalidInput("That value is not one the desk knows; nothing was saved."),
    "foreign_key": Conflict("Something this refers to was deleted meanwhile; nothing was saved. Reload and try "
                            "again."),
    "not_null": InvalidInput("A required value is missing; nothing was saved."),
}
_UNKNOWN = Conflict("The database refused the change; nothing was saved. Reload and try again.")


@dataclass(frozen=True)
class Violation:
    """Which constraint refused a write: its kind, its name when known, its table and columns when known."""

    kind: str
    constraint: str | None = None
    table: str | None = None
    columns: tuple[str, ...] = ()


def _unique_name(table_name: str, columns: tuple[str, ...]) -> str | None:
    """The unique constraint or unique index of the mapped ``table_name`` on exactly ``columns``."""
    table = db.metadata.tables.get(table_name)
    if table is None:
        return None
    candidates: list[UniqueConstraint | Index] = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
    candidates += [i for i in table.indexes if i.unique]
    wanted = set(columns)
    return next((str(c.name) for c in candidates if {col.name for col in c.columns} == wanted), None)


def _sqlite_violation(message: str) -> Violation:
    found = _SQLITE_MESSAGE.search(message)
    if found is None:
        return Violation("unknown")
    kind, detail = found.group(1).lower().replace(" ", "_"), (found.group(2) or "").strip()
    if kind == "check":
        return Violation(kind, constraint=detail or None)
    qualified = [part.strip().split(".", 1) for part in detail.split(",") if "." in part]
    table = qualified[0][0] if qualified else None
    columns = tuple(column for _table, column in qualified)
    constraint = _unique_name(table, columns) if kind == "unique" and table else None
    return Violation(kind, constraint=constraint, table=table, columns=columns)


def violation(exc: IntegrityError) -> Violation:
    """Which constraint ``exc`` reports, on PostgreSQL (psycopg's diagnostics) or SQLite (its message)."""
    diag = getattr(exc.orig, "diag", None)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if diag is not None and sqlstate:
        column = getattr(diag, "column_name", None)
        return Violation(_SQLSTATE_KIND.get(sqlstate, "unknown"), constraint=getattr(diag, "constraint_name", None),
                         table=getattr(diag, "table_name", None), columns=(column,) if column else ())
    return _sqlite_violation(str(exc.orig))


def user_error(exc: IntegrityError) -> ServiceError:
    """The refusal to show for ``exc``: its constraint's message, else its kind's (a new instance each time)."""
    found = violation(exc)
    template = MESSAGES.get(found.constraint or "") or BY_KIND.get(found.kind) or _UNKNOWN
    return type(template)(str(template))


def commit_or_refuse() -> None:
    """Commit; when a constraint refuses it (a concurrent request got there first), roll back and raise the
    refusal as a service error, so the form that sent it is shown again with the reason."""
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise user_error(exc) from exc
