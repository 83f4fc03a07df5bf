"""Central schema: events, terminals, projections, the change feed; on PostgreSQL also
row-level security so a terminal can only append events under its own id.

Revision ID: c0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_terminals",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("role_name", sa.String(64), unique=True),
        sa.Column("head_seq", sa.BigInteger, nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(64)),
        sa.Column("registered_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "central_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hlc", sa.String(24), nullable=False),
        sa.Column("occurred_at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64)),
        sa.Column("approver", sa.String(64)),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("quarantined", sa.String(200)),
        sa.UniqueConstraint("terminal_id", "seq", name="uq_central_events_terminal_seq"),
    )
    op.create_table(
        "central_customers",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("clocks", sa.Text, nullable=False),
    )
    op.create_table(
        "central_conflicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("detected_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "central_decisions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("customer_id", sa.String(64), nullable=False, index=True),
        sa.Column("employee_id", sa.String(64), nullable=False, index=True),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "central_vouchers",
        sa.Column("serial", sa.String(16), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("redeemed_terminal", sa.String(64)),
        sa.Column("redeemed_at", sa.String(32)),
    )
    op.create_table(
        "central_allowances",
        sa.Column("scope", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("terminal_id", sa.String(64), primary_key=True),
        sa.Column("granted_minor", sa.BigInteger, nullable=False),
        sa.Column("consumed_minor", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "central_budget_locks",
        sa.Column("scope", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
    )
    op.create_table(
        "central_changes",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        # A terminal's role may append only its own events, and move only its own head.
        op.execute("ALTER TABLE central_events ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY events_read ON central_events FOR SELECT USING (true)")
        op.execute(
            "CREATE POLICY events_own_insert ON central_events FOR INSERT WITH CHECK ("
            " terminal_id = (SELECT t.id FROM central_terminals t"
            "                WHERE t.role_name = current_user))")
        op.execute("ALTER TABLE central_terminals ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY terminals_read ON central_terminals FOR SELECT USING (true)")
        op.execute("CREATE POLICY terminals_own_update ON central_terminals FOR UPDATE"
                   " USING (role_name = current_user) WITH CHECK (role_name = current_user)")


def downgrade() -> None:
    for table in ("central_changes", "central_budget_locks", "central_allowances",
                  "central_vouchers", "central_decisions", "central_conflicts",
                  "central_customers", "central_events", "central_terminals"):
        op.drop_table(table)
