"""incremental merge: filter columns on mentions, the merge_items table

Existing mentions get the new columns from their payloads and are marked unmerged, and the
rows the merge derives from them (events, their sources and claims, possible duplicates,
actors) are dropped: the next merge (`conflictwire merge`, or any ingest) recomputes them all
once, with the review items and actor entries the incremental merge needs from then on.
Reviewer decisions are kept.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('date_end', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('span_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('geo_precision', sa.Integer(), nullable=True))
        batch_op.create_index('ix_mentions_span', ['country_code', 'span_days'], unique=False)
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_curated', ['curated'], unique=False)
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('example_mention', sa.String(length=32), nullable=True))
    op.create_table('merge_items',
    sa.Column('mention_id', sa.String(length=32), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('seed_id', sa.String(length=32), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('mention_id', 'rank')
    )
    with op.batch_alter_table('merge_items', schema=None) as batch_op:
        batch_op.create_index('ix_merge_items_seed', ['seed_id'], unique=False)
        batch_op.create_index('ix_merge_items_country', ['country_code'], unique=False)
    with op.batch_alter_table('possible_duplicates', schema=None) as batch_op:
        batch_op.create_index('ix_possible_duplicates_a', ['event_a'], unique=False)
        batch_op.create_index('ix_possible_duplicates_b', ['event_b'], unique=False)
    _backfill()


def _backfill() -> None:
    from conflictwire.store.merge_store import mention_columns

    bind = op.get_bind()
    mentions = sa.table('mentions', sa.column('mention_id'), sa.column('payload', sa.JSON),
                        sa.column('merged'), sa.column('date_end'), sa.column('span_days'),
                        sa.column('latitude'), sa.column('longitude'), sa.column('geo_precision'))
    rows = bind.execute(sa.select(mentions.c.mention_id, mentions.c.payload)).all()
    update = (sa.update(mentions).where(mentions.c.mention_id == sa.bindparam('mid'))
              .values(merged=False, date_end=sa.bindparam('date_end'), span_days=sa.bindparam('span_days'),
                      latitude=sa.bindparam('latitude'), longitude=sa.bindparam('longitude'),
                      geo_precision=sa.bindparam('geo_precision')))
    for table in ('event_sources', 'claims', 'events', 'possible_duplicates', 'actors'):
        bind.execute(sa.text(f'DELETE FROM {table}'))
    for i in range(0, len(rows), 1000):
        batch = [{"mid": mid, **mention_columns(payload)} for mid, payload in rows[i:i + 1000]]
        if batch:
            bind.execute(update, batch)


def downgrade() -> None:
    with op.batch_alter_table('possible_duplicates', schema=None) as batch_op:
        batch_op.drop_index('ix_possible_duplicates_b')
        batch_op.drop_index('ix_possible_duplicates_a')
    with op.batch_alter_table('merge_items', schema=None) as batch_op:
        batch_op.drop_index('ix_merge_items_country')
        batch_op.drop_index('ix_merge_items_seed')
    op.drop_table('merge_items')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_column('example_mention')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_curated')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_span')
        batch_op.drop_column('geo_precision')
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')
        batch_op.drop_column('span_days')
        batch_op.drop_column('date_end')
