"""The central database is the authority: desks call functions, never tables.

Every desk logs in with its own role, which may only CONNECT and EXECUTE the sync
functions below. The functions are SECURITY DEFINER, owned by a non-login owner role,
with a pinned search_path; they find the calling desk from ``session_user`` (a desk can
never claim to be another), check what they are given and derive every projection in
the database, in one transaction per call. PUBLIC loses its default rights on the
database and the schema, so a desk role sees nothing else.

The SQL lives in ``pos_app/adapters/central/sql/authority.sql`` (one file, readable,
a comment per function saying what it guarantees); this migration runs it with the
names of this database's owner role filled in. PostgreSQL only.

Revision ID: c0004
Revises: c0003
"""
from pathlib import Path

from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None

SQL = Path(__file__).resolve().parents[3] / "pos_app" / "adapters" / "central" / "sql"


def upgrade() -> None:
    from pos_app.adapters.central.roles import owner_role

    conn = op.get_bind()
    database = conn.exec_driver_sql("SELECT current_database()").scalar()
    owner = owner_role(str(database))
    body = (SQL / "authority.sql").read_text(encoding="utf-8").replace("{owner}", owner)
    body = body.replace("{database}", str(database).replace('"', '""'))
    # The raw cursor, without parameters: psycopg then sends the file as it is
    # (format()'s %I and %s stay SQL, not placeholders).
    with conn.connection.dbapi_connection.cursor() as cur:  # type: ignore[union-attr]
        cur.execute(body)


def downgrade() -> None:
    for name in ("leeway_push()", "leeway_push_begin()", "leeway_pull(bigint, integer)",
                 "leeway_allowance(text, text, bigint)", "leeway_allowance_return(text[])",
                 "leeway_voucher(text)", "leeway_terminal()", "leeway_limit(text)",
                 "leeway_spent(text, text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
