"""desk at scale: per-queue status counters kept by triggers, and the indexes the desk's hot reads walk

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 17:00:00

``claim_status_counts`` holds, per queue (0 for none) and status, how many claims there are. Triggers keep it in
the transaction that inserts, deletes or moves a claim, whatever the code path (ORM, bulk UPDATE, cascade): on
PostgreSQL statement-level triggers that read the statement's transition tables and upsert one row per (queue,
status) touched, in key order so two transactions lock counter rows in the same order; on SQLite row triggers.
The upgrade counts the claims already there. The indexes are those of ``factcheck/models/desk_scale.py``; the open
claims' ones lead with ``coalesce(queue_id, 0)``, the counters' queue key, so that "no queue" is an equality too
and its claims come out of the index in order (``queue_id IS NULL`` gives no order to the columns after it).
A later SQLite batch migration that rebuilds ``claims`` drops these triggers and must create them again.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_OPEN = "status IN ('approved', 'in_review', 'needs_more_info', 'new', 'sent_back', 'triaged', 'verdict_proposed')"
_TAKEABLE = "assignee_id IS NULL AND status IN ('new', 'triaged')"

# (name, table, columns, partial-index predicate); the open claims' indexes also carry queue_id on PostgreSQL
# (``INCLUDE``) so that a query on ``coalesce(queue_id, 0)`` is answered from the index alone.
_INDEXES = (
    ("ix_claims_takeable", "claims", ("queue_id", "priority DESC", "checkworthiness DESC", "id"), _TAKEABLE),
    ("ix_claims_open_score", "claims", ("coalesce(queue_id, 0)", "checkworthiness", "id"), _OPEN),
    ("ix_claims_open_created", "claims", ("coalesce(queue_id, 0)", "created_at", "id"), _OPEN),
    ("ix_claims_queue_status_created", "claims", ("queue_id", "status", "created_at", "id"), None),
    ("ix_claims_triaged_at", "claims", ("triaged_at",), None),
    ("ix_verdicts_published_at", "verdicts", ("published_at",), None),
    ("ix_audit_events_action_at", "audit_events", ("action", "at"), None),
)

# One statement's changes, as (queue_key, status, delta) rows, added to the counters in key order.
_APPLY = """
  INSERT INTO claim_status_counts AS counts (queue_key, status, n)
  SELECT queue_key, status, sum(delta) FROM ({changes}) AS changes
  GROUP BY queue_key, status HAVING sum(delta) <> 0 ORDER BY queue_key, status
  ON CONFLICT (queue_key, status) DO UPDATE SET n = counts.n + excluded.n;
"""
_ROWS = "SELECT coalesce(queue_id, 0) AS queue_key, status, {sign}1 AS delta FROM {table}"

_PG_FUNCTIONS = {
    "insert": _APPLY.format(changes=_ROWS.format(sign="", table="new_rows")),
    "delete": _APPLY.format(changes=_ROWS.format(sign="-", table="old_rows")),
    "update": _APPLY.format(changes=_ROWS.format(sign="-", table="old_rows") + " UNION ALL "
                            + _ROWS.format(sign="", table="new_rows")),
}
_PG_REFERENCING = {"insert": "NEW TABLE AS new_rows", "delete": "OLD TABLE AS old_rows",
                   "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}

_SQLITE_ADD = ("INSERT INTO claim_status_counts (queue_key, status, n) "
               "VALUES (coalesce(new.queue_id, 0), new.status, 1) "
               "ON CONFLICT (queue_key, status) DO UPDATE SET n = n + 1;")
_SQLITE_REMOVE = ("UPDATE claim_status_counts SET n = n - 1 "
                  "WHERE queue_key = coalesce(old.queue_id, 0) AND status = old.status;")
_SQLITE_TRIGGERS = {
    "insert": f"AFTER INSERT ON claims BEGIN {_SQLITE_ADD} END",
    "delete": f"AFTER DELETE ON claims BEGIN {_SQLITE_REMOVE} END",
    "update": ("AFTER UPDATE OF status, queue_id ON claims "
               "WHEN old.status IS NOT new.status OR old.queue_id IS NOT new.queue_id "
               f"BEGIN {_SQLITE_REMOVE} {_SQLITE_ADD} END"),
}


def _create_index(name: str, table: str, columns: tuple[str, ...], where: str | None) -> None:
    include = " INCLUDE (queue_id)" if "coalesce(queue_id, 0)" in columns and _postgresql() else ""
    partial = f" WHERE {where}" if where else ""
    op.execute(f"CREATE INDEX {name} ON {table} ({', '.join(columns)}){include}{partial}")


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    op.create_table(
        'claim_status_counts',
        sa.Column('queue_key', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('queue_key', 'status', name=op.f('pk_claim_status_counts')),
    )
    op.execute("INSERT INTO claim_status_counts (queue_key, status, n) "
               "SELECT coalesce(queue_id, 0), status, count(*) FROM claims GROUP BY coalesce(queue_id, 0), status")
    if _postgresql():
        # the planner keeps no statistics for a partial index's expression: without these, it takes a queue of
        # 100 000 open claims for 3 000 and sorts it rather than read it in the index's order
        op.execute("CREATE STATISTICS st_claims_queue_key ON (coalesce(queue_id, 0)) FROM claims")
        for event, body in _PG_FUNCTIONS.items():
            op.execute(f"CREATE FUNCTION factcheck_claim_counts_{event}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       f"BEGIN {body} RETURN NULL; END $$")
            op.execute(f"CREATE TRIGGER claims_counts_{event} AFTER {event.upper()} ON claims "
                       f"REFERENCING {_PG_REFERENCING[event]} FOR EACH STATEMENT "
                       f"EXECUTE FUNCTION factcheck_claim_counts_{event}()")
    else:
        for event, body in _SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER claims_counts_{event} {body}")
    for index in _INDEXES:
        _create_index(*index)


def downgrade():
    for name, table, _columns, _where in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
    postgresql = _postgresql()
    if postgresql:
        op.execute("DROP STATISTICS st_claims_queue_key")
    for event in _PG_REFERENCING:
        op.execute(f"DROP TRIGGER claims_counts_{event}" + (" ON claims" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION factcheck_claim_counts_{event}()")
    op.drop_table('claim_status_counts')
