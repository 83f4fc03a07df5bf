"""Asking the central database for allowances, and giving back what was not spent.

The central function ``leeway_allowance()`` (see ``sql/authority.sql``) decides how much
a desk may hold, from the caps of the published policy and what every desk has spent
and holds; the desk only says what it needs. Concurrent requests for one guest or one
employee are served one after the other under the budget's lock row.
"""

from __future__ import annotations

from sqlalchemy import Connection, text


def request(conn: Connection, scope: str, key: str, want: int) -> tuple[int, int]:
    """Ask for up to ``want`` more; returns (newly granted, total now held by this desk)."""
    row = conn.execute(text("SELECT granted, held FROM leeway_allowance(:s, :k, :w)"),
                       {"s": scope, "k": key, "w": max(int(want), 0)}).one()
    return int(row.granted), int(row.held)


def request_now(conn: Connection, scope: str, key: str, want: int) -> tuple[int, int]:
    """:func:`request` as one statement the server commits as it ends (``conn`` is left
    in autocommit): the budget's lock row is held for the function's own work only,
    never across a round trip to the desk, so a desk slow to send COMMIT (a busy
    till, a slow network) does not hold every other desk serving that guest. Were the
    answer lost after the commit, central would count the grant as held here until
    this desk's next return of unspent allowance: more reserved, never more spent."""
    return request(conn.execution_options(isolation_level="AUTOCOMMIT"), scope, key, want)


def release(conn: Connection, keep: set[tuple[str, str]]) -> None:
    """Unused allowance returns: what this desk holds shrinks to what it consumed,
    except the allowances in ``keep`` (held ahead of need)."""
    conn.execute(text("SELECT leeway_allowance_return(:keep)"),
                 {"keep": sorted(f"{scope}:{key}" for scope, key in keep)})
