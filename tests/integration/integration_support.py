"""Helpers shared by the integration tests (imported by name; not fixtures)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "leeway.sqlite3"

# Demo staff: (id, tier, PIN), as listed in pos_app/services/demo.py.
ASSOCIATE, ASSOCIATE_PIN = "1001", "2580"
ASSOCIATE2, ASSOCIATE2_PIN = "1002", "1357"
SENIOR, SENIOR_PIN = "2001", "2468"
SUPERVISOR, SUPERVISOR_PIN = "3001", "3690"
MANAGER, MANAGER_PIN = "4001", "4826"
GM, GM_PIN = "5001", "5937"
# C100010 has no demo history, so its budget and frequency are untouched.
FRESH_CUSTOMER = "C100010"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


CliRunner = Callable[..., Result]


def db_path(data_dir: Path) -> Path:
    return data_dir / DB_NAME


def connect(data_dir: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection, as an outside tool (or an attacker) would open it."""
    return sqlite3.connect(db_path(data_dir))


def snapshot(data_dir: Path) -> dict[str, object]:
    """What "the database is exactly as before" means: every table's rows, by count and
    content hash, plus the chain head."""
    tables = ("events", "outbox", "decisions", "customers", "employees", "policy_versions",
              "contact_corrections", "terminal")
    state: dict[str, object] = {}
    with connect(data_dir) as conn:
        for table in tables:
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            state[table] = (len(rows), digest)
        state["head"] = conn.execute("SELECT last_seq, head_hash FROM terminal").fetchone()
    conn.close()
    return state


def scalar(data_dir: Path, sql: str, *params: object) -> object:
    conn = connect(data_dir)
    try:
        row = conn.execute(sql, params).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def event_types_after(data_dir: Path, seq: int) -> list[str]:
    conn = connect(data_dir)
    try:
        return [r[0] for r in conn.execute(
            "SELECT type FROM events WHERE seq > ? ORDER BY seq", (seq,))]
    finally:
        conn.close()
