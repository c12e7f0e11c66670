"""invitations name the queues the new colleague joins

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 17:10:00

Nullable: an invitation issued before this names no queue, as before.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queue_ids', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('queue_ids')
