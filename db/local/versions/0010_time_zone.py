"""The desk's time zone: ``terminal.time_zone``, an IANA key shown times follow.

NULL (every desk from before, and a new one until set) means "the system's zone".
Stored times stay naive UTC; only what is shown changes.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terminal") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("terminal") as batch:
        batch.drop_column("time_zone")
