"""Review and learning: recognitions, private coaching notes, and the indexes a review
of a period needs (decisions by time, a voucher by its decision).

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recognitions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("decision_id", sa.String(36), nullable=False),
        sa.Column("employee_id", sa.String(64), nullable=False),
        sa.Column("given_by", sa.String(64), nullable=False),
        sa.Column("given_by_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("given_at", sa.DateTime, nullable=False),
        sa.Column("seen_at", sa.DateTime),
    )
    op.create_index("ix_recognitions_employee", "recognitions", ["employee_id", "seen_at"])
    op.create_table(
        "coaching_notes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("employee_id", sa.String(64), nullable=False),
        sa.Column("written_by", sa.String(64), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("written_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_coaching_notes_employee", "coaching_notes",
                    ["employee_id", "written_at"])
    op.create_index("ix_decisions_time", "decisions", ["decided_at"])
    op.create_index("ix_vouchers_decision", "vouchers", ["decision_id"])


def downgrade() -> None:
    op.drop_index("ix_vouchers_decision", table_name="vouchers")
    op.drop_index("ix_decisions_time", table_name="decisions")
    op.drop_index("ix_coaching_notes_employee", table_name="coaching_notes")
    op.drop_table("coaching_notes")
    op.drop_index("ix_recognitions_employee", table_name="recognitions")
    op.drop_table("recognitions")
