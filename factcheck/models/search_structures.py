"""The full-text search structures migration 0005 builds beside the mapped tables, which the models do not map.

They differ by engine (PostgreSQL: a generated or trigger-kept ``search_vector`` column and its GIN index per
table; SQLite: FTS5 virtual tables and their shadow tables), so they stay out of the SQLAlchemy models and the
model/migration comparison skips them by name (``migrations/env.py``, ``tests/integration/test_migrations.py``).
"""
from __future__ import annotations

SEARCH_COLUMN = "search_vector"
# The searchable tables; each has ``<table>_fts`` on SQLite and ``ix_<table>_search_vector`` on PostgreSQL.
SEARCHABLE_TABLES = ("claims", "articles", "verdicts")
_FTS_TABLES = tuple(f"{table}_fts" for table in SEARCHABLE_TABLES)


def is_search_structure(name: str | None, type_: str) -> bool:
    """Whether Alembic's comparison should skip this object (its ``include_object`` hook, inverted)."""
    if not name:
        return False
    if type_ == "column":
        return name == SEARCH_COLUMN
    if type_ == "index":
        return name.endswith("_" + SEARCH_COLUMN)
    if type_ == "table":  # an FTS5 table and its shadow tables (claims_fts_data, claims_fts_idx …)
        return any(name == fts or name.startswith(fts + "_") for fts in _FTS_TABLES)
    return False


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's ``include_object`` hook: everything but the search structures."""
    return not is_search_structure(name, type_)
