"""What head office publishes: policies and the central staff directory.

``central_policies`` holds every policy an administrator published (``leeway central
policy publish``); the newest is what a desk receives when it registers, and each one
also travels to every desk through ``central_changes``. ``central_staff`` is the staff
directory the administrator keeps (``leeway central staff ...``): approving tiers and
every tier change come only from here. ``home_terminal`` is the desk a record belongs
to (NULL for head office's own staff, who roam everywhere). Both tables are for the
administrator only: no terminal role gets a grant on them.

Revision ID: c0003
Revises: c0002
"""
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE central_policies ("
        " version text PRIMARY KEY,"
        " document text NOT NULL,"
        " published_at timestamptz NOT NULL,"
        " published_by text NOT NULL)")
    op.execute(
        "CREATE TABLE central_staff ("
        " employee_id text PRIMARY KEY,"
        " name text NOT NULL,"
        " tier text NOT NULL,"
        " active boolean NOT NULL,"
        " pin_hash text,"
        " home_terminal text,"
        " changed_at timestamptz NOT NULL)")


def downgrade() -> None:
    op.execute("DROP TABLE central_staff")
    op.execute("DROP TABLE central_policies")
