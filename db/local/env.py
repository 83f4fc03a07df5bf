"""Alembic environment for a terminal's local SQLite database.

Leeway runs migrations itself (``leeway init`` and every start-up check) by passing an
open connection in ``config.attributes["connection"]``; ``render_as_batch`` lets
Alembic alter SQLite tables by copy-and-move.
"""

from alembic import context
from sqlalchemy import create_engine

from pos_app.adapters.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as conn:
            context.configure(
                connection=conn, target_metadata=target_metadata, render_as_batch=True
            )
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
