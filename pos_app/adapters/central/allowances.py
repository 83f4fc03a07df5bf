"""Granting and returning allowances at the central database, one transaction each.

The budget's lock row is taken ``FOR UPDATE`` (PostgreSQL) or under SQLite's write
lock, so two terminals asking at once are served one after the other and can never
both be granted the same remainder.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from pos_app.adapters.central import schema as c
from pos_app.adapters.central.ingest import budget_spent
from pos_app.domain.allowance import grantable


def _lock(conn: Connection, scope: str, key: str) -> None:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(c.budget_locks).values(scope=scope, key=key)
                     .on_conflict_do_nothing())
    else:
        conn.execute(insert(c.budget_locks).prefix_with("OR IGNORE").values(scope=scope,
                                                                             key=key))
    conn.execute(select(c.budget_locks).where(c.budget_locks.c.scope == scope,
                                              c.budget_locks.c.key == key).with_for_update())


def request(conn: Connection, scope: str, key: str, terminal_id: str, want: int, cap: int,
            since: datetime) -> tuple[int, int]:
    """Grant up to ``want`` more; returns (newly granted, total now held by the terminal)."""
    _lock(conn, scope, key)
    rows = conn.execute(select(c.allowances).where(c.allowances.c.scope == scope,
                                                   c.allowances.c.key == key)).all()
    outstanding = sum(max(r.granted_minor - r.consumed_minor, 0) for r in rows)
    spent = budget_spent(conn, scope, key, since)
    give = grantable(cap, spent, outstanding, want)
    mine = next((r for r in rows if r.terminal_id == terminal_id), None)
    if mine is None:
        conn.execute(insert(c.allowances).values(scope=scope, key=key, terminal_id=terminal_id,
                                                 granted_minor=give, consumed_minor=0))
        held = give
    else:
        held = mine.granted_minor - mine.consumed_minor + give
        conn.execute(update(c.allowances).where(
            c.allowances.c.scope == scope, c.allowances.c.key == key,
            c.allowances.c.terminal_id == terminal_id).values(
            granted_minor=c.allowances.c.granted_minor + give))
    return give, held


def release(conn: Connection, terminal_id: str) -> None:
    """Unused allowance returns: what a terminal holds shrinks to what it consumed."""
    conn.execute(update(c.allowances).where(c.allowances.c.terminal_id == terminal_id)
                 .values(granted_minor=c.allowances.c.consumed_minor))
