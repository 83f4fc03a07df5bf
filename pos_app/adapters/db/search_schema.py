"""The customer full-text indexes' trigger, re-created after a bulk import.

Must match the trigger of the latest search migration, 0006 (a test compares them).
"""

from __future__ import annotations

from typing import Any

INSERT_TRIGGER = """CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customer_name_fts(rowid, name_folded) VALUES (new.pk, new.name_folded);
        INSERT INTO customer_tri_fts(rowid, phone_digits, email, loyalty_id, room)
            VALUES (new.pk, new.phone_digits, new.email, new.loyalty_id, new.room);
    END"""


# FTS5 gathers postings in memory up to its "hashsize" (1 MiB by default) before it
# writes a segment, and merges segments as it goes. For a rebuild over a million
# customers a 32 MiB buffer writes a tenth of the segments and merges far less: 10.1 s
# became about 6 s at 1,000,000 rows (the trigram index most of it), for 32 MiB more
# memory during the rebuild only.
REBUILD_HASH_BYTES = 32 << 20
DEFAULT_HASH_BYTES = 1 << 20


def restore_insert_trigger_and_rebuild(conn: Any) -> None:
    conn.exec_driver_sql(INSERT_TRIGGER)
    for table in ("customer_name_fts", "customer_tri_fts"):
        _hash_size(conn, table, REBUILD_HASH_BYTES)
        conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        # Back to the default: a small transaction never needs more, and the setting
        # is stored with the index.
        _hash_size(conn, table, DEFAULT_HASH_BYTES)


def _hash_size(conn: Any, table: str, size: int) -> None:
    from sqlalchemy.exc import OperationalError

    try:  # the table name is one of ours, never input
        conn.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)",
                             (size,))
    except OperationalError:
        pass  # an SQLite without the option: the rebuild is only slower
