"""Approvals from afar: the challenges a desk drew for a manager elsewhere.

One row per request sent online or read over the telephone: what it binds (requester,
customer, action, amount), when it expires, and how it ended (approved, declined,
withdrawn). The challenge is unique; closing a request is a conditional update, so an
answer unlocks exactly one action.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "far_approvals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("challenge", sa.String(17), nullable=False, unique=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("requester_id", sa.String(64), sa.ForeignKey("employees.id"),
                  nullable=False),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"),
                  nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("required_tier", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("approver_id", sa.String(64)),
        sa.Column("decision_id", sa.String(36)),
        sa.Column("answer_note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_far_approvals_open", "far_approvals",
                    ["requester_id", "customer_id", "state"])


def downgrade() -> None:
    op.drop_index("ix_far_approvals_open", table_name="far_approvals")
    op.drop_table("far_approvals")
