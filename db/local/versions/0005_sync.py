"""Sync state, contact conflicts to review, and allowances held for offline work.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("central_kind", sa.String(16)),
        sa.Column("central_display", sa.String(200)),
        sa.Column("pull_cursor", sa.BigInteger, nullable=False),
        sa.Column("last_sync_at", sa.DateTime),
        sa.Column("last_attempt_at", sa.DateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("online", sa.Boolean, nullable=False),
    )
    op.create_table(
        "contact_conflicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("central_id", sa.Integer, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("detected_at", sa.DateTime, nullable=False),
        sa.Column("reviewed", sa.Boolean, nullable=False),
    )
    op.create_table(
        "allowances",
        sa.Column("scope", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("granted_minor", sa.BigInteger, nullable=False),
        sa.Column("spent_minor", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("allowances")
    op.drop_table("contact_conflicts")
    op.drop_table("sync_state")
