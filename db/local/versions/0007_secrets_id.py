"""The terminal row names its keyring entries: ``secrets_id``, random per ``init``.

Secrets used to be keyed by terminal id alone, so deleting a data folder and running
``init`` again with the same id silently inherited the old PIN pepper and signing key.
A fresh ``init`` now draws a new id; terminals from before keep NULL and their
original keyring entries.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terminal") as batch:
        batch.add_column(sa.Column("secrets_id", sa.String(36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("terminal") as batch:
        batch.drop_column("secrets_id")
