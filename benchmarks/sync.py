"""Figure 4: pushing a terminal's outbox to PostgreSQL against a plain COPY.

The sync push is being built elsewhere; until a push function exists the figure is
recorded as null while the COPY baseline is measured, so the harness is ready.
PostgreSQL is optional unless ``LEEWAY_REQUIRE_PG=1``.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.core import Figure
from benchmarks.dataset import EVENT_COLUMNS, log, synthetic_events

PG_USERS = ("postgres", "root")
SYNC_MODULES = ("pos_app.services.sync", "pos_app.adapters.central")

CREATE_TABLE = """CREATE TABLE bench_events (
    id uuid, terminal_id text, seq bigint, hlc text, occurred_at text, actor text,
    approver text, type text, payload jsonb, prev_hash text, hash text)"""


class PostgresUnavailable(RuntimeError):
    pass


def pg_required() -> bool:
    return os.environ.get("LEEWAY_REQUIRE_PG", "") == "1"


def _admin_url() -> str:
    import psycopg

    problems = []
    for user in PG_USERS:
        url = f"postgresql://{user}@127.0.0.1:5432/test"
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url
        except psycopg.Error as exc:
            problems.append(f"{user}: {str(exc).strip().splitlines()[0]}")
    raise PostgresUnavailable("PostgreSQL at 127.0.0.1:5432 unreachable ("
                              + "; ".join(problems) + ")")


@contextmanager
def scratch_database() -> Iterator[tuple[str, str]]:
    """A fresh database (its URL and the server version), dropped afterwards."""
    import psycopg

    admin = _admin_url()
    name = f"leeway_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        version = str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}", version
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def copy_rate(url: str, rows: list[tuple[object, ...]]) -> tuple[float, float]:
    """COPY the rows into an unindexed table; returns (seconds, rows per second)."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(CREATE_TABLE)
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy(
                f"COPY bench_events ({', '.join(EVENT_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()
        took = time.perf_counter() - started
        count = conn.execute("SELECT count(*) FROM bench_events").fetchone()
        if count is None or count[0] != len(rows):
            raise RuntimeError(f"COPY stored {count} rows, expected {len(rows)}")
    return took, len(rows) / took


def find_push() -> str | None:
    """The dotted name of a sync push function, when the sync feature has one."""
    for name in SYNC_MODULES:
        try:
            if importlib.util.find_spec(name) is None:
                continue
            module: Any = importlib.import_module(name)
        except ImportError:
            continue
        for attr in dir(module):
            if attr.startswith("push") and callable(getattr(module, attr)):
                return f"{name}.{attr}"
    return None


def figure_sync(events: int, machine: dict[str, Any]) -> Figure:
    fig = Figure(4, f"sync push of {events:,} outbox events into PostgreSQL,"
                    " end to end, idempotent", "rows/s", "≥ 1/3 of the COPY rate")
    push = find_push()
    notes = []
    if push is None:
        notes.append("sync not implemented yet (no push function in"
                     f" {' or '.join(SYNC_MODULES)}): value null.")
    else:
        notes.append(f"found {push}, but this harness does not drive it yet: value null.")
    try:
        log(f"generating {events:,} hash-chained events ...")
        rows = list(synthetic_events(events))
        with scratch_database() as (url, version):
            machine["postgresql"] = version
            took, rate = copy_rate(url, rows)
        fig.baseline = rate
        fig.stats = {"copy_seconds": round(took, 3), "events": events}
        notes.append(f"Baseline: psycopg COPY of {events:,} synthetic decision events"
                     f" (11 columns, jsonb payload) into an unindexed table in a fresh"
                     f" database, {took:.2f} s including commit.")
    except PostgresUnavailable as exc:
        if pg_required():
            raise
        notes.append(f"PostgreSQL skipped: {exc}.")
    fig.notes = " ".join(notes)
    return fig
