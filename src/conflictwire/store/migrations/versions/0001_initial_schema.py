"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 07:30:54.676870
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('name', sa.String(length=256), nullable=False),
    sa.Column('known', sa.Boolean(), nullable=False),
    sa.Column('inter', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=128), nullable=True),
    sa.Column('mentions', sa.Integer(), nullable=False),
    sa.Column('example_quote', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('claims',
    sa.Column('claim_id', sa.String(length=32), nullable=False),
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('article_id', sa.String(length=32), nullable=True),
    sa.Column('claimant', sa.Text(), nullable=True),
    sa.Column('source_outlet', sa.Text(), nullable=True),
    sa.Column('killed', sa.Integer(), nullable=True),
    sa.Column('injured', sa.Integer(), nullable=True),
    sa.Column('qualifier', sa.String(length=32), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('claim_id')
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_event', ['event_id'], unique=False)

    op.create_table('documents',
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('media_type', sa.String(length=16), nullable=False),
    sa.Column('encoding', sa.String(length=32), nullable=True),
    sa.Column('meta', sa.JSON(), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('run_id', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('document_id'),
    sa.UniqueConstraint('content_hash', name='uq_documents_content_hash')
    )
    op.create_table('event_sources',
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('mention_id', sa.String(length=32), nullable=False),
    sa.Column('article_id', sa.String(length=32), nullable=False),
    sa.UniqueConstraint('event_id', 'mention_id', name='uq_event_sources')
    )
    with op.batch_alter_table('event_sources', schema=None) as batch_op:
        batch_op.create_index('ix_event_sources_article', ['article_id'], unique=False)
        batch_op.create_index('ix_event_sources_mention', ['mention_id'], unique=False)

    op.create_table('events',
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('event_date', sa.String(length=10), nullable=False),
    sa.Column('date_from', sa.String(length=10), nullable=True),
    sa.Column('date_to', sa.String(length=10), nullable=True),
    sa.Column('time_precision', sa.Integer(), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('sub_event_type', sa.String(length=64), nullable=False),
    sa.Column('plover_event', sa.String(length=16), nullable=True),
    sa.Column('plover_mode', sa.String(length=32), nullable=True),
    sa.Column('actor1', sa.Text(), nullable=True),
    sa.Column('assoc_actor_1', sa.Text(), nullable=True),
    sa.Column('inter1', sa.Integer(), nullable=True),
    sa.Column('actor2', sa.Text(), nullable=True),
    sa.Column('assoc_actor_2', sa.Text(), nullable=True),
    sa.Column('inter2', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=128), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(length=128), nullable=True),
    sa.Column('admin2', sa.String(length=128), nullable=True),
    sa.Column('location', sa.String(length=256), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('injuries', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('n_sources', sa.Integer(), nullable=True),
    sa.Column('claims', sa.JSON(), nullable=True),
    sa.Column('responsibility', sa.JSON(), nullable=True),
    sa.Column('weapons', sa.JSON(), nullable=True),
    sa.Column('targets', sa.JSON(), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=True),
    sa.Column('merge_reasons', sa.JSON(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('event_id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_actor1', ['actor1'], unique=False)
        batch_op.create_index('ix_events_actor2', ['actor2'], unique=False)
        batch_op.create_index('ix_events_admin1', ['admin1'], unique=False)
        batch_op.create_index('ix_events_country_date', ['country_code', 'event_date'], unique=False)
        batch_op.create_index('ix_events_date', ['event_date'], unique=False)
        batch_op.create_index('ix_events_latlon', ['latitude', 'longitude'], unique=False)
        batch_op.create_index('ix_events_type', ['sub_event_type'], unique=False)

    op.create_table('merge_decisions',
    sa.Column('decision_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('mention_a', sa.String(length=32), nullable=False),
    sa.Column('mention_b', sa.String(length=32), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('decided_at', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('decision_id'),
    sa.UniqueConstraint('mention_a', 'mention_b', name='uq_merge_decisions_pair')
    )
    op.create_table('places',
    sa.Column('place_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=256), nullable=False),
    sa.Column('country', sa.String(length=128), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(length=128), nullable=True),
    sa.Column('admin2', sa.String(length=128), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('place_id')
    )
    op.create_table('possible_duplicates',
    sa.Column('pair_id', sa.String(length=32), nullable=False),
    sa.Column('event_a', sa.String(length=32), nullable=False),
    sa.Column('event_b', sa.String(length=32), nullable=False),
    sa.Column('mention_a', sa.String(length=32), nullable=False),
    sa.Column('mention_b', sa.String(length=32), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('pair_id')
    )
    with op.batch_alter_table('possible_duplicates', schema=None) as batch_op:
        batch_op.create_index('ix_possible_duplicates_country', ['country_code'], unique=False)

    op.create_table('runs',
    sa.Column('run_id', sa.String(length=32), nullable=False),
    sa.Column('started_at', sa.String(length=32), nullable=False),
    sa.Column('finished_at', sa.String(length=32), nullable=True),
    sa.Column('command', sa.Text(), nullable=True),
    sa.Column('version', sa.String(length=32), nullable=True),
    sa.Column('documents_new', sa.Integer(), nullable=True),
    sa.Column('documents_skipped', sa.Integer(), nullable=True),
    sa.Column('problems', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('run_id')
    )
    op.create_table('warnings',
    sa.Column('warning_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.String(length=32), nullable=True),
    sa.Column('path', sa.Text(), nullable=True),
    sa.Column('document_id', sa.String(length=32), nullable=True),
    sa.Column('article_id', sa.String(length=32), nullable=True),
    sa.Column('stage', sa.String(length=32), nullable=True),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('warning_id')
    )
    with op.batch_alter_table('warnings', schema=None) as batch_op:
        batch_op.create_index('ix_warnings_document', ['document_id'], unique=False)
        batch_op.create_index('ix_warnings_run', ['run_id'], unique=False)

    op.create_table('articles',
    sa.Column('article_id', sa.String(length=32), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('authors', sa.JSON(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('published_source', sa.String(length=16), nullable=True),
    sa.Column('published_raw', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.document_id'], ),
    sa.PrimaryKeyConstraint('article_id')
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_document', ['document_id'], unique=False)
        batch_op.create_index('ix_articles_published', ['published'], unique=False)

    op.create_table('mentions',
    sa.Column('mention_id', sa.String(length=32), nullable=False),
    sa.Column('article_id', sa.String(length=32), nullable=False),
    sa.Column('document_id', sa.String(length=32), nullable=False),
    sa.Column('event_date', sa.String(length=10), nullable=True),
    sa.Column('time_precision', sa.Integer(), nullable=True),
    sa.Column('sub_event_type', sa.String(length=64), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('merged', sa.Boolean(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.article_id'], ),
    sa.PrimaryKeyConstraint('mention_id')
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_article', ['article_id'], unique=False)
        batch_op.create_index('ix_mentions_block', ['country_code', 'event_date'], unique=False)
        batch_op.create_index('ix_mentions_merged', ['merged'], unique=False)

    op.create_table('statements',
    sa.Column('statement_id', sa.String(length=32), nullable=False),
    sa.Column('article_id', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('time_precision', sa.Integer(), nullable=True),
    sa.Column('speaker', sa.Text(), nullable=True),
    sa.Column('speaker_actor', sa.Text(), nullable=True),
    sa.Column('plover_event', sa.String(length=16), nullable=True),
    sa.Column('plover_mode', sa.String(length=32), nullable=True),
    sa.Column('target_actor', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=128), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.article_id'], ),
    sa.PrimaryKeyConstraint('statement_id')
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index('ix_statements_article', ['article_id'], unique=False)
        batch_op.create_index('ix_statements_date', ['date'], unique=False)

    op.create_table('tallies',
    sa.Column('tally_id', sa.String(length=32), nullable=False),
    sa.Column('article_id', sa.String(length=32), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('qualifier', sa.String(length=32), nullable=True),
    sa.Column('what', sa.Text(), nullable=True),
    sa.Column('actor', sa.Text(), nullable=True),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('period_from', sa.String(length=10), nullable=True),
    sa.Column('period_to', sa.String(length=10), nullable=True),
    sa.Column('as_of', sa.String(length=10), nullable=True),
    sa.Column('claimant', sa.Text(), nullable=True),
    sa.Column('parent_id', sa.String(length=32), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.article_id'], ),
    sa.PrimaryKeyConstraint('tally_id')
    )
    with op.batch_alter_table('tallies', schema=None) as batch_op:
        batch_op.create_index('ix_tallies_article', ['article_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tallies', schema=None) as batch_op:
        batch_op.drop_index('ix_tallies_article')

    op.drop_table('tallies')
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index('ix_statements_date')
        batch_op.drop_index('ix_statements_article')

    op.drop_table('statements')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_merged')
        batch_op.drop_index('ix_mentions_block')
        batch_op.drop_index('ix_mentions_article')

    op.drop_table('mentions')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_published')
        batch_op.drop_index('ix_articles_document')

    op.drop_table('articles')
    with op.batch_alter_table('warnings', schema=None) as batch_op:
        batch_op.drop_index('ix_warnings_run')
        batch_op.drop_index('ix_warnings_document')

    op.drop_table('warnings')
    op.drop_table('runs')
    with op.batch_alter_table('possible_duplicates', schema=None) as batch_op:
        batch_op.drop_index('ix_possible_duplicates_country')

    op.drop_table('possible_duplicates')
    op.drop_table('places')
    op.drop_table('merge_decisions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_type')
        batch_op.drop_index('ix_events_latlon')
        batch_op.drop_index('ix_events_date')
        batch_op.drop_index('ix_events_country_date')
        batch_op.drop_index('ix_events_admin1')
        batch_op.drop_index('ix_events_actor2')
        batch_op.drop_index('ix_events_actor1')

    op.drop_table('events')
    with op.batch_alter_table('event_sources', schema=None) as batch_op:
        batch_op.drop_index('ix_event_sources_mention')
        batch_op.drop_index('ix_event_sources_article')

    op.drop_table('event_sources')
    op.drop_table('documents')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_event')

    op.drop_table('claims')
    op.drop_table('actors')
