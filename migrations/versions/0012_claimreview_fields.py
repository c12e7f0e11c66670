"""ClaimReview fields: the claimant's type on claims, claimReviewed on verdicts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 17:10:00

Both nullable: an existing claim's claimant type is read from its entity labels until a reviewer sets it, and an
existing verdict's claimReviewed is suggested from its claim's text until someone writes it.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE, not batch mode: on SQLite a batch rebuild of claims or verdicts would drop their triggers
    # (search, status counters). SQLite 3.35+ adds and drops columns in place.
    op.add_column('claims', sa.Column('claimant_type', sa.String(length=20), nullable=True))
    op.add_column('verdicts', sa.Column('claim_reviewed', sa.String(length=75), nullable=True))


def downgrade():
    op.drop_column('verdicts', 'claim_reviewed')
    op.drop_column('claims', 'claimant_type')
