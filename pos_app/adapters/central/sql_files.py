"""Running the central database's SQL files (``sql/*.sql``) from Alembic migrations.

The files are plain SQL, readable on their own, with two names filled in here: the
owner role of this database's functions (``{owner}``) and the database (``{database}``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pos_app.adapters.central.roles import owner_role

SQL = Path(__file__).resolve().parent / "sql"


def run_sql_file(conn: Any, name: str) -> None:
    """Run ``sql/NAME`` on ``conn`` (a SQLAlchemy connection in a migration)."""
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar())
    body = (SQL / name).read_text(encoding="utf-8").replace("{owner}", owner_role(database))
    body = body.replace("{database}", database.replace('"', '""'))
    # The raw cursor, without parameters: psycopg then sends the file as it is
    # (format()'s %I and %s stay SQL, not placeholders).
    with conn.connection.dbapi_connection.cursor() as cur:
        cur.execute(body)
