"""A new desk joins a big central database: customers in pages, not the feed replayed.

Runs ``sql/snapshot.sql``: a partial index on the change feed's non-customer changes and
three functions a desk may call (the feed's head, a page of customers by id, the other
changes up to the head). Like every sync function they run as their non-login owner
with a pinned search_path; desks registered before this revision are granted EXECUTE.

Revision ID: c0006
Revises: c0005
"""
from alembic import op

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from pos_app.adapters.central.sql_files import run_sql_file

    run_sql_file(op.get_bind(), "snapshot.sql")


def downgrade() -> None:
    for name in ("leeway_feed_head()", "leeway_customers_page(text, integer)",
                 "leeway_pull_other(bigint, bigint, integer)"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.execute("DROP INDEX IF EXISTS ix_central_changes_not_customer")
