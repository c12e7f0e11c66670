"""languages and time zones: the user's interface language and time zone, a language per rating scale

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 13:20:00

Existing scales are English; the rule "one active scale per language" becomes a partial unique index, so a
French and an English scale can both be active.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locale', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=True))
    with op.batch_alter_table('rating_scales', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='en', nullable=False))
        batch_op.create_index('uq_rating_scales_active_language', ['language'], unique=True,
                              sqlite_where=sa.text('active'), postgresql_where=sa.text('active'))


def downgrade():
    with op.batch_alter_table('rating_scales', schema=None) as batch_op:
        batch_op.drop_index('uq_rating_scales_active_language', sqlite_where=sa.text('active'),
                            postgresql_where=sa.text('active'))
        batch_op.drop_column('language')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('timezone')
        batch_op.drop_column('locale')
