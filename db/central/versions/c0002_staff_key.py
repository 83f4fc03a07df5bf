"""The shared staff key: the pepper every registered desk uses for PINs, so staff can
sign in at any desk. Readable by the administrator only (terminal roles get no grant);
registration copies it into each desk's keyring.

Revision ID: c0002
Revises: c0001
"""
import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_staff_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pepper", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("central_staff_key")
