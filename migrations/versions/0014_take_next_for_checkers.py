"""take-next for checkers: a partial index of the unassigned claims waiting for review, in hand-out order

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 17:50:00

A checker's take-next hands out only triaged claims. Read through ``ix_claims_takeable`` it skips every new claim
ranked above the first triaged one, and more of them as checkers take the triaged claims at the top: at a million
claims, tens of thousands of index entries per hand-out. ``ix_claims_reviewable`` holds the triaged ones alone.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE INDEX ix_claims_reviewable ON claims (queue_id, priority DESC, checkworthiness DESC, id) "
               "WHERE assignee_id IS NULL AND status IN ('triaged')")


def downgrade():
    op.drop_index("ix_claims_reviewable", table_name="claims")
