"""dashboard rollups: open claims per queue and creation month, and per-day histograms of the desk's flow

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 20:00:00

The dashboard's backlog median read each queue's open claims up to the middle one (half of them, 350 000 index
entries at a million claims), and its medians of time to triage and to publication loaded every duration of the
window into Python. Two tables now hold what those figures need, kept by triggers in the transaction of every
write (as ``claim_status_counts`` is, migration 0009), whichever code path makes it:

- ``claim_open_months (queue_key, month, n)``: open claims per queue (0 for none) and UTC month of creation. The
  median's month is found by summing a queue's months; its rank within the month is read in the open claims'
  date index, a month of claims at most.
- ``desk_daily (series, day, bucket, n)``: per UTC day, claims in (``claims_in``, bucket 0), claims triaged
  (``triaged``, by triage day) and verdicts published (``published``, by publication day), each bucketed by its
  duration since the claim's extraction: the bucket's first second, 1 min wide under an hour, 5 min under a day,
  1 h under 30 days, a day beyond (-1 for a time before the extraction). A day's figure is the sum of its buckets;
  a median is read from the window's histogram, within half a bucket.

PostgreSQL: statement-level triggers reading transition tables, as in 0009; SQLite: row triggers. On both, a
row-level BEFORE DELETE on claims takes out the publication of a claim's verdict while both rows are still there
(the verdict goes by cascade after the claim, when the claim's creation time can no longer be read; SQLite, which
enforces no foreign keys here, leaves it behind). The upgrade fills both tables from the rows already there.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

_OPEN = "status IN ('approved', 'in_review', 'needs_more_info', 'new', 'sent_back', 'triaged', 'verdict_proposed')"
_CLAIM_COLUMNS = ("id", "queue_id", "status", "created_at", "triaged_at")
_VERDICT_COLUMNS = ("claim_id", "published_at")

# Per dialect: the UTC day and month of a timestamp, and the whole seconds between two timestamps.
_SQL = {
    "postgresql": {"day": "CAST(({}) AT TIME ZONE 'UTC' AS date)",
                   "month": "CAST(date_trunc('month', ({}) AT TIME ZONE 'UTC') AS date)",
                   "seconds": "CAST(round(extract(epoch FROM ({}) - ({}))) AS bigint)"},
    "sqlite": {"day": "date({})", "month": "date({}, 'start of month')",
               "seconds": "CAST(round((julianday({}) - julianday({})) * 86400) AS INTEGER)"},
}
_BUCKET = ("CASE WHEN s < 0 THEN -1 WHEN s < 3600 THEN s - s % 60 WHEN s < 86400 THEN s - s % 300 "
           "WHEN s < 2592000 THEN s - s % 3600 ELSE s - s % 86400 END")

_UPSERT = """
  INSERT INTO {table} ({keys}, n)
  SELECT {keys}, sum(delta) FROM ({changes}) AS changes WHERE true
  GROUP BY {keys} HAVING sum(delta) <> 0 ORDER BY {keys}
  ON CONFLICT ({keys}) DO UPDATE SET n = {table}.n + excluded.n;
"""
_OPEN_KEYS, _DAILY_KEYS = "queue_key, month", "series, day, bucket"


def _open_rows(sql: dict, rows: str, sign: str) -> str:
    return (f"SELECT coalesce(queue_id, 0) AS queue_key, {sql['month'].format('created_at')} AS month, "
            f"{sign}1 AS delta FROM {rows} AS c WHERE {_OPEN}")


def _flow_rows(sql: dict, rows: str, sign: str) -> str:
    triaged = (f"SELECT 'triaged' AS series, {sql['day'].format('triaged_at')} AS day, "
               f"{sql['seconds'].format('triaged_at', 'created_at')} AS s FROM {rows} AS c "
               "WHERE triaged_at IS NOT NULL")
    return (f"SELECT 'claims_in' AS series, {sql['day'].format('created_at')} AS day, 0 AS bucket, {sign}1 AS delta "
            f"FROM {rows} AS c UNION ALL SELECT series, day, {_BUCKET} AS bucket, {sign}1 AS delta FROM ({triaged}) t")


def _published_rows(sql: dict, rows: str, sign: str) -> str:
    published = (f"SELECT {sql['day'].format('v.published_at')} AS day, "
                 f"{sql['seconds'].format('v.published_at', 'c.created_at')} AS s "
                 f"FROM {rows} AS v JOIN claims c ON c.id = v.claim_id WHERE v.published_at IS NOT NULL")
    return f"SELECT 'published' AS series, day, {_BUCKET} AS bucket, {sign}1 AS delta FROM ({published}) p"


def _apply(sql: dict, make, table: str, keys: str, old: str | None, new: str | None) -> str:
    """One upsert of the rollup rows ``old`` takes out and ``new`` puts in (each a row source or None)."""
    parts = [make(sql, old, "-")] if old else []
    parts += [make(sql, new, "")] if new else []
    return _UPSERT.format(table=table, keys=keys, changes=" UNION ALL ".join(parts))


def _claim_body(sql: dict, old: str | None, new: str | None) -> list[str]:
    return [_apply(sql, _open_rows, "claim_open_months", _OPEN_KEYS, old, new),
            _apply(sql, _flow_rows, "desk_daily", _DAILY_KEYS, old, new)]


def _verdict_body(sql: dict, old: str | None, new: str | None) -> list[str]:
    return [_apply(sql, _published_rows, "desk_daily", _DAILY_KEYS, old, new)]


_EVENTS = {"insert": (None, "new"), "delete": ("old", None), "update": ("old", "new")}


def _postgresql_triggers() -> None:
    sql = _SQL["postgresql"]
    for table, body in (("claims", _claim_body), ("verdicts", _verdict_body)):
        for event, (old, new) in _EVENTS.items():
            referencing = " ".join(f"{which.upper()} TABLE AS {which}_rows" for which in (old, new) if which)
            function = f"factcheck_{table}_rollup_{event}"
            op.execute(f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       f"{''.join(body(sql, old and 'old_rows', new and 'new_rows'))} RETURN NULL; END $$")
            op.execute(f"CREATE TRIGGER {table}_rollup_{event} AFTER {event.upper()} ON {table} "
                       f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
    withdraw = "".join(_verdict_body(sql, "(SELECT * FROM verdicts WHERE claim_id = OLD.id)", None))
    op.execute("CREATE FUNCTION factcheck_claims_rollup_withdraw() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               f"{withdraw} RETURN OLD; END $$")
    op.execute("CREATE TRIGGER claims_rollup_withdraw BEFORE DELETE ON claims FOR EACH ROW "
               "EXECUTE FUNCTION factcheck_claims_rollup_withdraw()")


def _sqlite_row(which: str, columns: tuple[str, ...]) -> str:
    return "(SELECT " + ", ".join(f"{which}.{c} AS {c}" for c in columns) + ")"


def _sqlite_triggers() -> None:
    sql = _SQL["sqlite"]
    for table, body, columns in (("claims", _claim_body, _CLAIM_COLUMNS),
                                 ("verdicts", _verdict_body, _VERDICT_COLUMNS)):
        for event, (old, new) in _EVENTS.items():
            on = f"UPDATE OF {', '.join(columns[1:])}" if event == "update" else event.upper()
            statements = "".join(body(sql, old and _sqlite_row(old, columns), new and _sqlite_row(new, columns)))
            op.execute(f"CREATE TRIGGER {table}_rollup_{event} AFTER {on} ON {table} BEGIN {statements} END")
    withdraw = "".join(_verdict_body(sql, "(SELECT * FROM verdicts WHERE claim_id = old.id)", None))
    op.execute(f"CREATE TRIGGER claims_rollup_withdraw BEFORE DELETE ON claims BEGIN {withdraw} END")


def upgrade():
    op.create_table(
        'claim_open_months',
        sa.Column('queue_key', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('queue_key', 'month', name=op.f('pk_claim_open_months')),
    )
    op.create_table(
        'desk_daily',
        sa.Column('series', sa.String(length=20), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('bucket', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('series', 'day', 'bucket', name=op.f('pk_desk_daily')),
    )
    dialect = op.get_bind().dialect.name
    sql = _SQL["postgresql" if dialect == "postgresql" else "sqlite"]
    for statement in _claim_body(sql, None, "claims") + _verdict_body(sql, None, "verdicts"):  # the backfill
        op.execute(statement)
    if dialect == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    triggers = [(table, f"{table}_rollup_{event}") for table in ("claims", "verdicts") for event in _EVENTS]
    for table, name in triggers + [("claims", "claims_rollup_withdraw")]:
        op.execute(f"DROP TRIGGER {name}" + (f" ON {table}" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION factcheck_{name}()")
    op.drop_table('desk_daily')
    op.drop_table('claim_open_months')
