"""claim revisions and duplicate groups

Corrections by people become ``claim_revisions`` (number 0 keeps the claim as extracted), and ``claims.revised_at``
marks a claim re-extraction must leave alone. Near-duplicates become groups: each member points at its group's
canonical claim (``claims.canonical_claim_id``) instead of at the previous duplicate, so the ``duplicate_of`` chains
are turned into groups here and the links dropped; downgrade writes one link per member back, to its canonical.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 03:16:46.471743

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

BATCH = 500

# Lightweight tables for the data steps: the migration must not import today's models.
claims = sa.table('claims', sa.column('id', sa.Integer), sa.column('status', sa.String),
                  sa.column('canonical_claim_id', sa.Integer))
claim_links = sa.table('claim_links', sa.column('id', sa.Integer), sa.column('source_claim_id', sa.Integer),
                       sa.column('target_claim_id', sa.Integer), sa.column('type', sa.String),
                       sa.column('origin', sa.String), sa.column('created_at', sa.DateTime(timezone=True)))


def duplicate_groups(links):
    """``{member: canonical}`` for ``(source, target)`` duplicate_of links: one group per connected chain or tree.

    The canonical claim is the one the chain ends at (a claim that duplicates nothing: the first one seen, or the
    claim a reviewer kept when merging), the smallest id when there are several ends or a cycle has none.
    """
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sources = set()
    for source, target in links:
        sources.add(source)
        a, b = find(source), find(target)
        if a != b:
            parent[max(a, b)] = min(a, b)
    components = {}
    for node in list(parent):
        components.setdefault(find(node), []).append(node)
    members = {}
    for nodes in components.values():
        ends = [n for n in nodes if n not in sources]
        canonical = min(ends or nodes)
        members.update({n: canonical for n in nodes if n != canonical})
    return members


def _chains_to_groups(bind):
    links = bind.execute(sa.select(claim_links.c.source_claim_id, claim_links.c.target_claim_id)
                         .where(claim_links.c.type == 'duplicate_of')).all()
    existing = set(bind.execute(sa.select(claims.c.id)).scalars())
    members = duplicate_groups([(s, t) for s, t in links if s in existing and t in existing])
    by_canonical = {}
    for member, canonical in members.items():
        by_canonical.setdefault(canonical, []).append(member)
    for canonical, ids in by_canonical.items():
        for start in range(0, len(ids), BATCH):
            bind.execute(claims.update().where(claims.c.id.in_(ids[start:start + BATCH]))
                         .values(canonical_claim_id=canonical))
    bind.execute(claim_links.delete().where(claim_links.c.type == 'duplicate_of'))


def _groups_to_chains(bind):
    rows = bind.execute(sa.select(claims.c.id, claims.c.canonical_claim_id, claims.c.status)
                        .where(claims.c.canonical_claim_id.is_not(None)).order_by(claims.c.id)).all()
    insert = claim_links.insert().values(type='duplicate_of', created_at=sa.func.current_timestamp())
    for start in range(0, len(rows), BATCH):
        bind.execute(insert, [
            {'source_claim_id': member, 'target_claim_id': canonical,
             'origin': 'reviewer' if status == 'merged' else 'similarity'}
            for member, canonical, status in rows[start:start + BATCH]])


def upgrade():
    op.create_table('claim_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('related_claim_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_claim_revisions_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_revisions_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['related_claim_id'], ['claims.id'], name=op.f('fk_claim_revisions_related_claim_id_claims'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_revisions')),
    sa.UniqueConstraint('claim_id', 'number', name=op.f('uq_claim_revisions_claim_id'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('canonical_claim_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('revised_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_claims_canonical_claim_id'), ['canonical_claim_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_claims_canonical_claim_id_claims'), 'claims', ['canonical_claim_id'], ['id'], ondelete='SET NULL')

    _chains_to_groups(op.get_bind())


def downgrade():
    _groups_to_chains(op.get_bind())

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_claims_canonical_claim_id_claims'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_claims_canonical_claim_id'))
        batch_op.drop_column('revised_at')
        batch_op.drop_column('canonical_claim_id')

    op.drop_table('claim_revisions')
