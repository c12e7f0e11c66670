"""already checked and exports: the matches found for new claims among published verdicts, each verdict's
matching key, and export jobs with their file in chunks

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 17:05:00

``match_targets`` is a cache (rebuilt from published verdicts by the matching service), ``claim_matches`` what was
found; ``export_jobs`` and ``export_chunks`` hold large exports. Nothing existing changes, so the downgrade only
drops the four tables.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'match_targets',
        sa.Column('verdict_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('text_hash', sa.String(length=64), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=True),
        sa.Column('model', sa.String(length=60), nullable=False),
        sa.Column('vector', sa.LargeBinary(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['verdict_id'], ['verdicts.id'], name=op.f('fk_match_targets_verdict_id_verdicts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('verdict_id', name=op.f('pk_match_targets')),
    )
    op.create_index(op.f('ix_match_targets_text_hash'), 'match_targets', ['text_hash'], unique=False)
    op.create_table(
        'claim_matches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('verdict_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=12), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('shared_words', sa.JSON(), nullable=False),
        sa.Column('accepted_by_id', sa.Integer(), nullable=True),
        sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_matches_claim_id_claims'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['verdict_id'], ['verdicts.id'], name=op.f('fk_claim_matches_verdict_id_verdicts'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['accepted_by_id'], ['users.id'], name=op.f('fk_claim_matches_accepted_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_matches')),
        sa.UniqueConstraint('claim_id', 'verdict_id', name=op.f('uq_claim_matches_claim_id_verdict_id')),
    )
    op.create_index(op.f('ix_claim_matches_verdict_id'), 'claim_matches', ['verdict_id'], unique=False)
    op.create_table(
        'export_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_export_jobs_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_export_jobs')),
    )
    op.create_index(op.f('ix_export_jobs_user_id'), 'export_jobs', ['user_id'], unique=False)
    op.create_table(
        'export_chunks',
        sa.Column('job_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['job_id'], ['export_jobs.id'], name=op.f('fk_export_chunks_job_id_export_jobs'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('job_id', 'seq', name=op.f('pk_export_chunks')),
    )


def downgrade():
    op.drop_table('export_chunks')
    op.drop_index(op.f('ix_export_jobs_user_id'), table_name='export_jobs')
    op.drop_table('export_jobs')
    op.drop_index(op.f('ix_claim_matches_verdict_id'), table_name='claim_matches')
    op.drop_table('claim_matches')
    op.drop_index(op.f('ix_match_targets_text_hash'), table_name='match_targets')
    op.drop_table('match_targets')
