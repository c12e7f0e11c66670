"""claim dispute counts: how many denial and contradiction links each claim is an end of, kept by triggers, indexed

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 20:15:00

The queue's "most disputed" sort counted every dispute link and joined the counts to the whole selection before
sorting it: seconds at a million claims. ``claims.disputes`` now holds each claim's count, kept by triggers on
``claim_links`` in the transaction of every insert, delete or change of a link (a link counts once for each of its
ends, as the count over the links did), and two indexes give the sort's order as the other sorts' do: the open
claims' ``(coalesce(queue_id, 0), disputes, id)`` and ``(queue_id, status, disputes, id)`` for chosen statuses.
The upgrade counts the links already there. PostgreSQL: statement-level triggers over transition tables; SQLite:
row triggers.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

_OPEN = "status IN ('approved', 'in_review', 'needs_more_info', 'new', 'sent_back', 'triaged', 'verdict_proposed')"
_DISPUTES = "type IN ('contradicts', 'denies')"
_EVENTS = {"insert": (None, "new"), "delete": ("old", None), "update": ("old", "new")}


def _ends(rows: str, sign: str) -> str:
    return " UNION ALL ".join(f"SELECT {end}_claim_id AS claim_id, {sign}1 AS delta FROM {rows} WHERE {_DISPUTES}"
                              for end in ("source", "target"))


def _postgresql_triggers() -> None:
    for event, (old, new) in _EVENTS.items():
        changes = " UNION ALL ".join([_ends("old_rows", "-")] * bool(old) + [_ends("new_rows", "")] * bool(new))
        referencing = " ".join(f"{which.upper()} TABLE AS {which}_rows" for which in (old, new) if which)
        op.execute(f"CREATE FUNCTION factcheck_claim_links_disputes_{event}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN UPDATE claims SET disputes = claims.disputes + d.delta FROM ("
                   f"SELECT claim_id, sum(delta) AS delta FROM ({changes}) AS ends GROUP BY claim_id "
                   "HAVING sum(delta) <> 0) AS d WHERE claims.id = d.claim_id; RETURN NULL; END $$")
        op.execute(f"CREATE TRIGGER claim_links_disputes_{event} AFTER {event.upper()} ON claim_links "
                   f"REFERENCING {referencing} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION factcheck_claim_links_disputes_{event}()")


def _sqlite_triggers() -> None:
    for event, (old, new) in _EVENTS.items():
        statements = "".join(
            f"UPDATE claims SET disputes = disputes {sign} 1 WHERE id = {which}.{end}_claim_id "
            f"AND {which}.{_DISPUTES};"
            for which, sign in ((old, "-"), (new, "+")) if which for end in ("source", "target"))
        on = "UPDATE OF type, source_claim_id, target_claim_id" if event == "update" else event.upper()
        op.execute(f"CREATE TRIGGER claim_links_disputes_{event} AFTER {on} ON claim_links BEGIN {statements} END")


def upgrade():
    op.add_column('claims', sa.Column('disputes', sa.Integer(), server_default='0', nullable=False))
    count = " + ".join(f"(SELECT count(*) FROM claim_links WHERE {_DISPUTES} AND {end}_claim_id = claims.id)"
                       for end in ("source", "target"))
    op.execute(f"UPDATE claims SET disputes = {count} WHERE id IN (SELECT claim_id FROM ({_ends('claim_links', '')}) "
               "AS ends)")
    postgresql = op.get_bind().dialect.name == "postgresql"
    include = " INCLUDE (queue_id)" if postgresql else ""  # answered from the index alone, as in 0009
    op.execute(f"CREATE INDEX ix_claims_open_disputes ON claims (coalesce(queue_id, 0), disputes, id){include} "
               f"WHERE {_OPEN}")
    op.execute("CREATE INDEX ix_claims_queue_status_disputes ON claims (queue_id, status, disputes, id)")
    if postgresql:
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for event in _EVENTS:
        op.execute(f"DROP TRIGGER claim_links_disputes_{event}" + (" ON claim_links" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION factcheck_claim_links_disputes_{event}()")
    op.drop_index("ix_claims_queue_status_disputes", table_name="claims")
    op.drop_index("ix_claims_open_disputes", table_name="claims")
    # not a batch: rebuilding claims on SQLite would drop the triggers of 0009 and 0015 (3.35 drops a column itself)
    op.execute("ALTER TABLE claims DROP COLUMN disputes")
