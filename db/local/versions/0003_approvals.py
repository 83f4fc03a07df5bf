"""Manager unlocks, referrals, and lockouts that survive clock changes.

approval_grants: each unlock a manager gave at the desk, single use.
referrals: requests beyond what anyone at the desk could approve, decided later.
employees.lock_mono / lock_boot: the monotonic clock reading and boot of a lockout.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.add_column(sa.Column("lock_mono", sa.Float))
        batch.add_column(sa.Column("lock_boot", sa.String(64)))
    op.create_table(
        "approval_grants",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("requester_id", sa.String(64), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("approver_id", sa.String(64), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("granted_at", sa.DateTime, nullable=False),
        sa.Column("used_by_decision", sa.String(36)),
        sa.Column("event_id", sa.String(36), sa.ForeignKey("events.id"), nullable=False),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("requester_id", sa.String(64), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("required_tier", sa.String(64), nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64), sa.ForeignKey("employees.id")),
        sa.Column("decided_at", sa.DateTime),
        sa.Column("decision_id", sa.String(36)),
        sa.Column("decision_note", sa.Text),
    )
    op.create_index("ix_referrals_state", "referrals", ["state", "created_at"])
    op.create_index("ix_referrals_customer", "referrals", ["customer_id"])


def downgrade() -> None:
    op.drop_table("referrals")
    op.drop_table("approval_grants")
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("lock_boot")
        batch.drop_column("lock_mono")
