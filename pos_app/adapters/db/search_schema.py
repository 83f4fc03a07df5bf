"""The customer full-text indexes during a bulk load, and their trigger afterwards.

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
# writes a segment, and merges segments as it goes. For a bulk load of a million
# customers a 32 MiB buffer writes a tenth of the segments and merges far less: a
# rebuild went from 10.1 s to about 6 s at 1,000,000 rows (the trigram index most of
# it), for 32 MiB more memory during the load only. The buffer is part of the index's
# stored settings, so it is set back before the load's transaction commits.
BULK_HASH_BYTES = 32 << 20
DEFAULT_HASH_BYTES = 1 << 20
DEFAULT_AUTOMERGE = 4
_TABLES = ("customer_name_fts", "customer_tri_fts")


def begin_bulk(conn: Any) -> None:
    """Before a bulk load: rows are indexed by :func:`index_rows` or :func:`rebuild`,
    not one by one by the trigger (SQLite DDL is transactional: a failed load restores
    it)."""
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS customers_ai")


def begin_batches(conn: Any) -> None:
    """Before :func:`index_rows`: segments are not merged while batches land. Merging as
    they came was a third of a million-row import's indexing, and merging them all at
    the end ('optimize', 2.3 s at 1,000,000 rows) bought little: search on the imported
    million measured 1.37 / 4.4 ms at p50 / p99 as loaded and 1.16 / 4.25 ms merged.
    :func:`end_bulk` turns merging back on, so the desk's later writes merge them."""
    for table in _TABLES:  # both take postings at once: 32 MiB each meanwhile
        _set(conn, table, "hashsize", BULK_HASH_BYTES)
        _set(conn, table, "automerge", 0)


def index_rows(cursor: Any, after_pk: int, upto_pk: int) -> None:
    """Index the customers loaded since ``after_pk`` (a DB-API cursor of the load)."""
    cursor.execute("INSERT INTO customer_name_fts(rowid, name_folded) SELECT pk,"
                   " name_folded FROM customers WHERE pk > ? AND pk <= ?", (after_pk, upto_pk))
    cursor.execute("INSERT INTO customer_tri_fts(rowid, phone_digits, email, loyalty_id,"
                   " room) SELECT pk, phone_digits, email, loyalty_id, room FROM customers"
                   " WHERE pk > ? AND pk <= ?", (after_pk, upto_pk))


def rebuild(conn: Any) -> None:
    """Index every customer afresh: about the work of :func:`index_rows` over the whole
    load, and the index ends merged; for a load that nothing runs beside (a desk
    joining, the demo), where indexing at the end costs no time another process
    could have used."""
    for table in _TABLES:
        # The big buffer for the table being rebuilt only.
        _set(conn, table, "hashsize", BULK_HASH_BYTES)
        conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        _set(conn, table, "hashsize", DEFAULT_HASH_BYTES)


def end_bulk(conn: Any, batches: bool = False) -> None:
    """After a bulk load (``batches``: indexed by :func:`index_rows`)."""
    conn.exec_driver_sql(INSERT_TRIGGER)
    for table in _TABLES if batches else ():
        _set(conn, table, "automerge", DEFAULT_AUTOMERGE)
        # Back to the default: a small transaction never needs more.
        _set(conn, table, "hashsize", DEFAULT_HASH_BYTES)


def _set(conn: Any, table: str, option: str, value: int) -> None:
    from sqlalchemy.exc import OperationalError

    try:  # the table name and option are ours, never input
        conn.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('{option}', ?)",
                             (value,))
    except OperationalError:
        pass  # an SQLite without the option: the load is only slower
