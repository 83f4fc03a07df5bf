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


def restore_insert_trigger_and_rebuild(conn: Any) -> None:
    conn.exec_driver_sql(INSERT_TRIGGER)
    conn.exec_driver_sql("INSERT INTO customer_name_fts(customer_name_fts) VALUES ('rebuild')")
    conn.exec_driver_sql("INSERT INTO customer_tri_fts(customer_tri_fts) VALUES ('rebuild')")
