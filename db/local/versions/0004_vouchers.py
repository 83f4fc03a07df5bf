"""Vouchers and the terminals' public keys that verify them.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "terminal_keys",
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "vouchers",
        sa.Column("serial", sa.String(16), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("decision_id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("customer_name", sa.String(201), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("value_minor", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("item", sa.String(200), nullable=False),
        sa.Column("apology", sa.String(300), nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=False),
        sa.Column("expires_on", sa.Date, nullable=False),
        sa.Column("issuer_terminal", sa.String(64), nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("issued_by_name", sa.String(100), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("signature", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("redeemed_at", sa.DateTime),
        sa.Column("redeemed_by", sa.String(64)),
        sa.Column("redeemed_terminal", sa.String(64)),
        sa.Column("prints", sa.Integer, nullable=False),
    )
    op.create_index("ix_vouchers_customer", "vouchers", ["customer_id"])


def downgrade() -> None:
    op.drop_table("vouchers")
    op.drop_table("terminal_keys")
