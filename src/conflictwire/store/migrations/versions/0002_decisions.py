"""analysts' decisions: the decisions table and the curated/superseded columns of events

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('decisions',
    sa.Column('decision_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('mentions', sa.JSON(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=True),
    sa.Column('why', sa.Text(), nullable=True),
    sa.Column('author', sa.String(length=128), nullable=True),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('event_ids', sa.JSON(), nullable=True),
    sa.Column('undone_at', sa.String(length=32), nullable=True),
    sa.Column('undone_by', sa.String(length=128), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('status_detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('decision_id')
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_seq', ['seq'], unique=False)
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('curated', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('decision_ids', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('machine', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('superseded_by', sa.String(length=32), nullable=True))
        batch_op.create_index('ix_events_superseded', ['superseded_by'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_superseded')
        batch_op.drop_column('superseded_by')
        batch_op.drop_column('machine')
        batch_op.drop_column('decision_ids')
        batch_op.drop_column('curated')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_seq')
    op.drop_table('decisions')
