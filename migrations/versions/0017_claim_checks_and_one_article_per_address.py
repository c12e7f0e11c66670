"""claim checks and one article per address: CHECKs on claims.dismiss_reason and claims.claimant_type, and
articles.canonical_url unique when set

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 20:30:00

The two CHECKs list the values the code knows (``factcheck/models/claim.py``: ``DISMISS_REASONS``,
``CLAIMANT_TYPES``); NULL stays allowed (a claim not dismissed, a claimant typed from its entities). The partial
unique index ``uq_articles_canonical_url`` replaces the plain index on the column, so two requests submitting the
same address at once store one article (the slower one gets a 409 naming it).

Before changing anything the upgrade looks for rows that break the new rules and stops with the list (the claims
with an unknown value, the addresses several articles hold, with their ids), so nothing is silently rewritten.
SQLite rebuilds ``claims`` to add a CHECK; its triggers and hand-written indexes are kept through the rebuild by
the helpers of migration 0010, which needed the same.
"""
import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

CHECKS = {"dismiss_reason": ("not_check_worthy", "opinion", "duplicate", "out_of_scope"),
          "claimant_type": ("Person", "Organization")}
UNIQUE_ADDRESS = "uq_articles_canonical_url"
PLAIN_INDEX = "ix_articles_canonical_url"
LISTED = 20  # offending ids named per value or address; the count says how many more


def _rebuild_helpers():
    """Migration 0010's ``_triggers_kept`` and ``_rebuilt``: a SQLite table rebuild that keeps every trigger and the
    table's hand-written indexes."""
    path = Path(__file__).with_name("0010_database_guards_invariants.py")
    spec = importlib.util.spec_from_file_location("migration_0010", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._triggers_kept, module._rebuilt


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _ids(ids: list[int]) -> str:
    more = f" and {len(ids) - LISTED} more" if len(ids) > LISTED else ""
    return ", ".join(map(str, ids[:LISTED])) + more


def _problems() -> list[str]:
    bind = op.get_bind()
    problems = []
    for column, values in CHECKS.items():
        rows = bind.execute(sa.text(f"SELECT {column}, id FROM claims WHERE {column} IS NOT NULL "
                                    f"AND NOT ({_condition(column, values)}) ORDER BY {column}, id")).all()
        for value in dict.fromkeys(value for value, _id in rows):
            ids = [claim_id for v, claim_id in rows if v == value]
            problems.append(f"claims.{column} = {value!r} (allowed: {', '.join(values)}) in claims {_ids(ids)}")
    shared = bind.execute(sa.text("SELECT canonical_url, id FROM articles WHERE canonical_url IN ("
                                  "SELECT canonical_url FROM articles WHERE canonical_url IS NOT NULL "
                                  "GROUP BY canonical_url HAVING count(*) > 1) ORDER BY canonical_url, id")).all()
    for address in dict.fromkeys(address for address, _id in shared):
        ids = [article_id for a, article_id in shared if a == address]
        problems.append(f"articles.canonical_url {address!r} held by articles {_ids(ids)} (keep it on one: "
                        f"UPDATE articles SET canonical_url = NULL WHERE id IN (…the others…))")
    return problems


def upgrade():
    problems = _problems()
    if problems:
        raise RuntimeError("Rows the new constraints would refuse; correct them, then upgrade again: "
                           + "; ".join(problems))
    triggers_kept, rebuilt = _rebuild_helpers()
    with triggers_kept(), rebuilt("claims") as batch_op:
        for column, values in CHECKS.items():
            batch_op.create_check_constraint(op.f(f"ck_claims_{column}"), _condition(column, values))
    op.drop_index(PLAIN_INDEX, table_name="articles")
    op.create_index(UNIQUE_ADDRESS, "articles", ["canonical_url"], unique=True,
                    sqlite_where=sa.text("canonical_url IS NOT NULL"),
                    postgresql_where=sa.text("canonical_url IS NOT NULL"))


def downgrade():
    op.drop_index(UNIQUE_ADDRESS, table_name="articles")
    op.create_index(PLAIN_INDEX, "articles", ["canonical_url"])
    triggers_kept, rebuilt = _rebuild_helpers()
    with triggers_kept(), rebuilt("claims") as batch_op:
        for column in CHECKS:
            batch_op.drop_constraint(op.f(f"ck_claims_{column}"), type_="check")
