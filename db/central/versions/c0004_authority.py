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
from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from pos_app.adapters.central.sql_files import run_sql_file

    run_sql_file(op.get_bind(), "authority.sql")


def downgrade() -> None:
    for name in ("leeway_push()", "leeway_push_begin()", "leeway_pull(bigint, integer)",
                 "leeway_allowance(text, text, bigint)", "leeway_allowance_return(text[])",
                 "leeway_voucher(text)", "leeway_terminal()", "leeway_limit(text)",
                 "leeway_spent(text, text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
