"""The DB-API connection under a unit of work's session, for the decision's hot path.

Recording a decision runs about ten small statements; through the ORM (statement
building, cache keys, identity map, flush) each cost several times what SQLite itself
spends, and the decision took six to nine bare commits. The repositories on that path
run constant SQL strings on the ``sqlite3`` connection the session already holds, so
every statement stays in the session's transaction (its ``BEGIN IMMEDIATE`` and its
commit or rollback) and is prepared once per connection by the driver's own statement
cache. A failing statement raises what SQLAlchemy would have raised for it (its
``IntegrityError``, ``OperationalError``, ... wrapping the driver's), so callers catch the
same errors. Only SQLite's pysqlite driver is used here: the desk's store is always SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction

# Kept on the session: (the transaction it belongs to, its sqlite3 connection).
_KEY = "leeway.dbapi"

# SQLAlchemy's storage format for DateTime on SQLite (what the ORM writes and parses).
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def dbapi(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection of ``session``'s current transaction, beginning it when
    none is open (as any ORM statement would). Looked up once per transaction: after a
    commit or rollback the session may hold another pooled connection, so the cached one
    is only reused while the very same transaction is open. Pending ORM changes are
    flushed first, as before an ORM query, so these statements see them (a clean session
    returns at once)."""
    if session.autoflush:
        session.flush()
    tx = session.get_transaction()
    cached = session.info.get(_KEY)
    # Inside begin_nested() the session's connection() is what sends the SAVEPOINT, so
    # it is asked every time there (nothing on the decision's path nests).
    if (tx is not None and cached is not None and cached[0] is tx and tx.is_active
            and not session.in_nested_transaction()):
        return cast(sqlite3.Connection, cached[1])
    conn = session.connection()  # begins (BEGIN IMMEDIATE on the writer) when needed
    driver = cast(sqlite3.Connection, conn.connection.driver_connection)
    session.info[_KEY] = (cast(SessionTransaction, session.get_transaction()), driver)
    return driver


def execute(session: Session, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """Run one statement in ``session``'s transaction on its DB-API connection."""
    try:
        return dbapi(session).execute(sql, params)
    except sqlite3.Error as exc:  # as SQLAlchemy wraps it: the same classes, same message
        raise DBAPIError.instance(sql, params, exc, sqlite3.Error) from exc


def expire_rows(session: Session, row_type: type) -> None:
    """Mark the ORM's copies of ``row_type`` rows stale after a DB-API write, so a later
    ORM read in the same unit of work loads what the statement wrote."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, row_type):
            session.expire(obj)
