"""Approvals from afar: requests relayed between desks through the central database.

Runs ``sql/approvals.sql`` (the request and answer tables, and the SECURITY DEFINER
functions a desk may call: ask, list what waits, answer, read its own request's
answers, close it), then ``sql/authority.sql`` again, which is idempotent and now also
projects how each approved decision was unlocked (``approval_channel``). Desks
registered before this revision are granted EXECUTE on the new functions.

Revision ID: c0005
Revises: c0004
"""
from pathlib import Path

from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parents[3] / "pos_app" / "adapters" / "central" / "sql"


def _run(name: str) -> None:
    from pos_app.adapters.central.roles import owner_role

    conn = op.get_bind()
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar())
    body = (SQL / name).read_text(encoding="utf-8").replace("{owner}", owner_role(database))
    body = body.replace("{database}", database.replace('"', '""'))
    with conn.connection.dbapi_connection.cursor() as cur:  # type: ignore[union-attr]
        cur.execute(body)


def upgrade() -> None:
    _run("authority.sql")
    _run("approvals.sql")


def downgrade() -> None:
    for name in ("leeway_approval_ask(text, text, text, text, text, text, bigint, text,"
                 " text, text, text, text, integer)", "leeway_approval_waiting()",
                 "leeway_approval_answer(text, text, text, text, text)",
                 "leeway_approval_status(text)", "leeway_approval_close(text, text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS central_approval_answers")
    op.execute("DROP TABLE IF EXISTS central_approval_requests")
