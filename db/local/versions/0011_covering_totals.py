"""Covering indexes for the running totals every decision reads.

The policy engine's figures (what the person holds this shift, what the guest received
in the budget window) are sums over decisions found by ``(employee_id, decided_at)`` and
``(customer_id, decided_at)``; each matching row was then read from the table for its
approver, flag and amount, so a long shift made every decision slower. The indexes now
carry those columns, and the sums are read from the index alone.

Revision ID: 0011
Revises: 0010
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_decisions_employee_time", table_name="decisions")
    op.create_index("ix_decisions_employee_time", "decisions",
                    ["employee_id", "decided_at", "approver_id", "amount_minor"])
    op.drop_index("ix_decisions_customer_time", table_name="decisions")
    op.create_index("ix_decisions_customer_time", "decisions",
                    ["customer_id", "decided_at", "discretionary", "amount_minor"])


def downgrade() -> None:
    op.drop_index("ix_decisions_customer_time", table_name="decisions")
    op.create_index("ix_decisions_customer_time", "decisions", ["customer_id", "decided_at"])
    op.drop_index("ix_decisions_employee_time", table_name="decisions")
    op.create_index("ix_decisions_employee_time", "decisions", ["employee_id", "decided_at"])
