"""database guards its invariants: CHECK constraints on every state and kind column, one live evidence row per
source and claim, and constraint names that list every column

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:40:00

Each CHECK is named after its column (``ck_claims_status``) and lists the values the code knows
(``factcheck/models``). Before adding them the upgrade counts the rows outside each list and stops with the
list of what to fix, so an unexpected value is reported, never silently rewritten. Evidence rows attaching the
same source twice to a claim while both are live are resolved by keeping the oldest live and marking the others
removed (restorable, nothing deleted) before the partial unique index goes on.

The naming convention now names a unique constraint after all its columns: the four multi-column ones are
renamed (``uq_claims_article_id`` becomes ``uq_claims_article_id_extraction_key``).

SQLite rebuilds a table to change its constraints. Its triggers (the search tables' of 0006, the counters' of
0009) and its hand-written indexes (partial and descending ones, which reflection does not carry over exactly)
are dropped with the old table, and renaming the new table back fails while any trigger reads it: the SQL of
every trigger and of the rebuilt tables' indexes is saved first and run again after the rebuilds.
"""
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_CLAIM_STATES = ("new", "triaged", "in_review", "needs_more_info", "verdict_proposed", "sent_back", "approved",
                 "published", "corrected", "unpublished", "dismissed", "merged")

# table -> {column: allowed values}; the models build the same constraints with ``models.base.one_of``.
CHECKS = {
    "claims": {"status": _CLAIM_STATES,
               "kind": ("accusation", "denial", "quote", "statement", "prediction", "proposal"),
               "attribution": ("direct_quote", "reported", "author")},
    "claim_links": {"type": ("denies", "contradicts", "supports"),
                    "origin": ("extraction", "reviewer", "similarity")},
    "articles": {"status": ("queued", "fetching", "extracting", "done", "failed"),
                 "source_kind": ("paste", "url", "feed", "bulk")},
    "sources": {"fetch_status": ("none", "queued", "done", "failed")},
    "evidence": {"stance": ("supports", "refutes", "context")},
    "verdicts": {"status": ("draft", "proposed", "approved", "published", "unpublished")},
    "verdict_revisions": {"kind": ("draft", "submitted", "approved", "sent_back", "edit", "correction")},
    "user_roles": {"role": ("reviewer", "checker", "editor", "admin")},
    "queue_members": {"role": ("reviewer", "checker", "editor")},
    "users": {"email_notifications": ("off", "immediate", "digest")},
    "notifications": {"kind": ("mention", "assigned", "sent_back", "approved", "published", "verdict_changed",
                               "failed")},
    "webhook_deliveries": {"status": ("pending", "delivered", "failed"),
                           "event": ("verdict.published", "verdict.corrected", "verdict.unpublished",
                                     "claim.created")},
}

# table -> (old name, new name, columns) of the unique constraints the new convention renames
RENAMED_UNIQUES = {
    "claims": ("uq_claims_article_id", "uq_claims_article_id_extraction_key", ["article_id", "extraction_key"]),
    "claim_links": ("uq_claim_links_source_claim_id", "uq_claim_links_source_claim_id_target_claim_id_type",
                    ["source_claim_id", "target_claim_id", "type"]),
    "claim_revisions": ("uq_claim_revisions_claim_id", "uq_claim_revisions_claim_id_number", ["claim_id", "number"]),
    "verdict_revisions": ("uq_verdict_revisions_verdict_id", "uq_verdict_revisions_verdict_id_number",
                          ["verdict_id", "number"]),
}

LIVE_EVIDENCE = "uq_evidence_live_claim_id_source_id"


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _refuse_unknown_values() -> None:
    bind = op.get_bind()
    problems = []
    for table, columns in CHECKS.items():
        for column, values in columns.items():
            rows = bind.execute(sa.text(f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL "
                                        f"AND NOT ({_condition(column, values)}) GROUP BY {column}")).all()
            problems += [f"{table}.{column} = {value!r} in {count} row(s)" for value, count in rows]
    if problems:
        raise RuntimeError("Values the desk does not know; correct these rows, then upgrade again: "
                           + "; ".join(problems))


def _retire_duplicate_live_evidence() -> None:
    """Keep the oldest live row of each (claim, source); the others become removed rows, restorable later."""
    op.execute("UPDATE evidence SET removed_at = CURRENT_TIMESTAMP WHERE removed_at IS NULL AND EXISTS ("
               "SELECT 1 FROM evidence older WHERE older.claim_id = evidence.claim_id "
               "AND older.source_id = evidence.source_id AND older.removed_at IS NULL AND older.id < evidence.id)")


def _saved_sqlite(where: str, **params) -> list:
    """Drop the SQLite triggers or indexes ``where`` selects and return their SQL, to run again afterwards."""
    saved = op.get_bind().execute(sa.text(f"SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                          f"AND {where}"), params).all()
    for kind, name, _sql in saved:
        op.execute(f"DROP {kind.upper()} {name}")
    return saved


@contextmanager
def _triggers_kept():
    """SQLite checks every trigger of the schema when a rebuilt table is renamed back, including triggers of other
    tables that read it (``verdicts_fts_insert`` reads ``claims``): all of them step aside during the rebuilds."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    saved = _saved_sqlite("type = 'trigger'") if sqlite else []
    yield
    for _kind, _name, sql in saved:
        op.execute(sql)


@contextmanager
def _rebuilt(table: str):
    """A batch context for ``table`` that keeps its hand-written indexes exactly through a SQLite rebuild."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    saved = _saved_sqlite("type = 'index' AND tbl_name = :table", table=table) if sqlite else []
    with op.batch_alter_table(table, schema=None) as batch_op:
        yield batch_op
    for _kind, _name, sql in saved:
        op.execute(sql)


def upgrade():
    _refuse_unknown_values()
    _retire_duplicate_live_evidence()
    postgresql = op.get_bind().dialect.name == "postgresql"
    with _triggers_kept():
        for table in sorted(set(CHECKS) | set(RENAMED_UNIQUES)):
            with _rebuilt(table) as batch_op:
                for column, values in CHECKS.get(table, {}).items():
                    batch_op.create_check_constraint(op.f(f"ck_{table}_{column}"), _condition(column, values))
                if table in RENAMED_UNIQUES and not postgresql:
                    old, new, columns = RENAMED_UNIQUES[table]
                    batch_op.drop_constraint(old, type_="unique")
                    batch_op.create_unique_constraint(op.f(new), columns)
            if table in RENAMED_UNIQUES and postgresql:
                old, new, _columns = RENAMED_UNIQUES[table]
                op.execute(f"ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new}")
    op.create_index(LIVE_EVIDENCE, "evidence", ["claim_id", "source_id"], unique=True,
                    sqlite_where=sa.text("removed_at IS NULL"), postgresql_where=sa.text("removed_at IS NULL"))


def downgrade():
    op.drop_index(LIVE_EVIDENCE, table_name="evidence")
    postgresql = op.get_bind().dialect.name == "postgresql"
    with _triggers_kept():
        for table in sorted(set(CHECKS) | set(RENAMED_UNIQUES), reverse=True):
            if table in RENAMED_UNIQUES and postgresql:
                old, new, _columns = RENAMED_UNIQUES[table]
                op.execute(f"ALTER TABLE {table} RENAME CONSTRAINT {new} TO {old}")
            with _rebuilt(table) as batch_op:
                for column in CHECKS.get(table, {}):
                    batch_op.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
                if table in RENAMED_UNIQUES and not postgresql:
                    old, new, columns = RENAMED_UNIQUES[table]
                    batch_op.drop_constraint(new, type_="unique")
                    batch_op.create_unique_constraint(op.f(old), columns)
