"""Admission control for pushes, and two fewer indexes for every decision pushed.

Runs ``sql/authority.sql`` again (it is idempotent): ``central_settings`` (how the
central server is run; ``push_slots``) and ``leeway_push_slot()``, which lets at most
that many pushes work at once so that a crowd of desks pushing cannot starve the light
calls (allowances, vouchers) of the CPU. Drops the single-column indexes on
``central_decisions.customer_id`` and ``employee_id``: no query uses them (the budget
and the shift sums use the (customer_id, decided_at) and (authority_id, decided_at)
indexes), and each cost every pushed decision an index insert.

Revision ID: c0007
Revises: c0006
"""
from alembic import op

revision = "c0007"
down_revision = "c0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from pos_app.adapters.central.sql_files import run_sql_file

    run_sql_file(op.get_bind(), "authority.sql")
    op.execute("DROP INDEX IF EXISTS ix_central_decisions_customer_id")
    op.execute("DROP INDEX IF EXISTS ix_central_decisions_employee_id")


def downgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_central_decisions_customer_id"
               " ON central_decisions (customer_id)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_central_decisions_employee_id"
               " ON central_decisions (employee_id)")
