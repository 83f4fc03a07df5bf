"""Figure 4: pushing a terminal's outbox to PostgreSQL against a plain COPY.

A scratch terminal is registered (``leeway terminal register``) with a central schema in
a fresh PostgreSQL database, its outbox is filled with N hash-chained decision events,
and the real push (``Syncer.push``) sends them; then the same rows are COPYed into an
unindexed table. Idempotence is checked: a second push sends nothing, and re-delivering
every event (outbox reset to pending) is acknowledged without storing a duplicate.
PostgreSQL is optional unless ``LEEWAY_REQUIRE_PG=1``; the database and the terminal's
login role are dropped afterwards.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.core import Figure
from benchmarks.dataset import DB_NAME, EVENT_COLUMNS, log, synthetic_events

PG_USERS = ("postgres", "root")
SYNC_MODULES = ("pos_app.services.sync", "pos_app.adapters.central.sync")

CREATE_TABLE = """CREATE TABLE bench_events (
    id text, terminal_id text, seq bigint, hlc text, occurred_at text, actor text,
    approver text, type text, payload text, prev_hash text, hash text)"""

Push = Callable[[Any], tuple[int, int]]  # app -> (pushed, rejected)


class PostgresUnavailable(RuntimeError):
    pass


def pg_required() -> bool:
    return os.environ.get("LEEWAY_REQUIRE_PG", "") == "1"


def admin_url() -> str:
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
def scratch_database(admin: str, roles: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """A fresh database (its URL and the server version); dropped afterwards with
    ``roles`` (login roles a registration may have created)."""
    import psycopg

    name = f"leeway_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        row = conn.execute("SHOW server_version").fetchone()
        version = str(row[0]) if row else "?"
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}", version
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def copy_rate(url: str, rows: list[tuple[object, ...]]) -> float:
    """COPY the rows into an unindexed table; returns the seconds, commit included."""
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
    return took


def find_push() -> tuple[str, Push] | None:
    """The sync feature's push, when it exists: ``Syncer(app.db, app.secrets).push()``,
    or a module-level ``push(app)``."""
    for name in SYNC_MODULES:
        try:
            module: Any = importlib.import_module(name)
        except ImportError:
            continue
        syncer = getattr(module, "Syncer", None)
        if syncer is not None and callable(getattr(syncer, "push", None)):
            def push(app: Any, cls: Any = syncer) -> tuple[int, int]:
                s = cls(app.db, app.secrets)
                try:
                    pushed, rejected = s.push()
                    return int(pushed), int(rejected)
                finally:
                    s.close()
            return f"{name}.Syncer.push", push
        fn = getattr(module, "push", None)
        if callable(fn):
            def push_fn(app: Any, f: Any = fn) -> tuple[int, int]:
                pushed, rejected = f(app)
                return int(pushed), int(rejected)
            return f"{name}.push", push_fn
    return None


def _role(terminal_id: str) -> str:
    # The login role `leeway terminal register` creates (pos_app.adapters.central.connect).
    return "leeway_t_" + re.sub(r"[^a-z0-9_]", "_", terminal_id.lower())[:40]


def _fill_outbox(app: Any, count: int) -> None:
    """Append ``count`` decision events to the terminal's chain and outbox."""
    from sqlalchemy import insert, update

    from pos_app.adapters.db.models import EventRow, OutboxRow, TerminalRow

    with app.uow() as uow:
        term = uow.terminal()
    rows = list(synthetic_events(count, term.id, term.last_seq + 1, term.head_hash))
    events = [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows]
    last = events[-1]
    with app.db.writer.begin() as conn:
        for i in range(0, len(events), 5000):
            chunk = events[i : i + 5000]
            conn.execute(insert(EventRow), chunk)
            conn.execute(insert(OutboxRow), [
                {"event_id": e["id"], "seq": e["seq"], "state": "pending", "attempts": 0}
                for e in chunk])
        conn.execute(update(TerminalRow).values(
            last_seq=last["seq"], head_hash=last["hash"], last_hlc=last["hlc"]))


def _pending_rows(desk: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(desk / DB_NAME)
    try:
        return conn.execute(
            f"SELECT {', '.join('e.' + c for c in EVENT_COLUMNS)} FROM events e"
            " JOIN outbox o ON o.event_id = e.id WHERE o.state = 'pending' ORDER BY e.seq"
        ).fetchall()
    finally:
        conn.close()


def _reset_outbox(desk: Path) -> None:
    conn = sqlite3.connect(desk / DB_NAME)
    try:
        with conn:
            conn.execute("UPDATE outbox SET state = 'pending', synced_at = NULL")
    finally:
        conn.close()


def _central_count(url: str, terminal_id: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM central_events WHERE terminal_id = %s",
                           (terminal_id,)).fetchone()
    return int(row[0]) if row else 0


def figure_sync(scratch: Path, events: int, machine: dict[str, Any]) -> Figure:
    fig = Figure(4, f"sync push of {events:,} outbox events into PostgreSQL,"
                    " end to end, idempotent", "rows/s", "≥ 1/3 of the COPY rate")
    found = find_push()
    try:
        admin = admin_url()
    except PostgresUnavailable as exc:
        if pg_required():
            raise
        fig.notes = f"PostgreSQL skipped: {exc}." + (
            "" if found else " (sync not implemented yet.)")
        return fig
    terminal_id = f"bench-sync-{uuid.uuid4().hex[:8]}"
    notes: list[str] = []
    with scratch_database(admin, roles=(_role(terminal_id),)) as (url, version):
        machine["postgresql"] = version
        rows: list[tuple[object, ...]]
        if found is None:
            rows = list(synthetic_events(events))
            notes.append("sync not implemented yet (no push in"
                         f" {' or '.join(SYNC_MODULES)}): value null.")
        else:
            name, push = found
            from pos_app.adapters.central.connect import init_central
            from pos_app.bootstrap import init_terminal, open_app
            from pos_app.cli import main as leeway

            desk = scratch / "sync-desk"
            init_central(url)
            init_terminal(desk, terminal_id=terminal_id, insecure_keyring=True).close()
            with contextlib.redirect_stdout(io.StringIO()):
                code = leeway(["--data-dir", str(desk), "terminal", "register",
                               "--central", url])
            if code != 0:
                raise RuntimeError(f"leeway terminal register exited {code}")
            app = open_app(desk, insecure_keyring=True)
            try:
                log(f"filling the outbox with {events:,} events ...")
                _fill_outbox(app, events)
                rows = _pending_rows(desk)
                log(f"pushing {len(rows):,} events with {name} ...")
                started = time.perf_counter()
                pushed, rejected = push(app)
                took = time.perf_counter() - started
                again = push(app)
                stored = _central_count(url, terminal_id)
                _reset_outbox(desk)
                started = time.perf_counter()
                redelivered = push(app)
                redelivery_s = time.perf_counter() - started
                stored_after = _central_count(url, terminal_id)
            finally:
                app.close()
            idempotent = (pushed == len(rows) and rejected == 0 and again == (0, 0)
                          and stored == stored_after == len(rows)
                          and redelivered == (len(rows), 0))
            fig.value = pushed / took
            fig.stats = {"push_seconds": round(took, 3), "pushed": pushed,
                         "rejected": rejected, "second_push": list(again),
                         "redelivered": list(redelivered),
                         "redelivery_seconds": round(redelivery_s, 3),
                         "central_events": stored_after, "idempotent": idempotent}
            notes.append(
                f"{name}: {pushed:,} events (the {events:,} decisions plus the terminal's"
                f" own first events) from a registered scratch terminal's outbox in"
                f" {took:.1f} s, central ingest included (chain check, projections,"
                " outbox marked synced). "
                + ("Idempotent: a second push sent nothing and re-delivering every event"
                   f" ({redelivery_s:.1f} s) stored no duplicate."
                   if idempotent else
                   f"NOT idempotent as measured: second push {again}, re-delivery"
                   f" {redelivered}, central holds {stored_after} of {len(rows)}."))
        took_copy = copy_rate(url, rows)
    fig.baseline = len(rows) / took_copy
    fig.set_ratio()
    if fig.value is not None and fig.ratio is not None:
        fig.met = fig.ratio >= 1 / 3 and bool(fig.stats.get("idempotent"))
    fig.stats["copy_seconds"] = round(took_copy, 3)
    notes.append(f"Baseline: psycopg COPY of the same {len(rows):,} rows (11 columns) into"
                 f" an unindexed table in the same fresh database, {took_copy:.2f} s with"
                 " commit.")
    fig.notes = " ".join(notes)
    return fig
