"""Approvals from afar: requests relayed between desks through the central database.

Runs ``sql/authority.sql`` again (it is idempotent, and now also projects how each
approved decision was unlocked, ``approval_channel``), then ``sql/approvals.sql``: the
request and answer tables, and the functions a desk may call (ask, list what waits,
answer, read its own request's answers, close it). Like every sync function they run
as their non-login owner with ``SET search_path = public, pg_temp`` pinned in the SQL
file. Desks registered before this revision are granted EXECUTE on the new functions.

Revision ID: c0005
Revises: c0004
"""
from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from pos_app.adapters.central.sql_files import run_sql_file

    run_sql_file(op.get_bind(), "authority.sql")
    run_sql_file(op.get_bind(), "approvals.sql")


def downgrade() -> None:
    for name in ("leeway_approval_ask(text, text, text, text, text, text, bigint, text,"
                 " text, text, text, text, integer)", "leeway_approval_waiting()",
                 "leeway_approval_answer(text, text, text, text, text)",
                 "leeway_approval_status(text)", "leeway_approval_close(text, text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS central_approval_answers")
    op.execute("DROP TABLE IF EXISTS central_approval_requests")
