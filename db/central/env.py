"""Alembic environment for the central database (PostgreSQL, or the SQLite default)."""

from alembic import context
from sqlalchemy import create_engine

from pos_app.adapters.central.schema import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=metadata,
                              render_as_batch=True, version_table="central_alembic_version")
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      version_table="central_alembic_version")
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
