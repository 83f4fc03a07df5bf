"""Figure 4: pushing a terminal's outbox to PostgreSQL against a plain COPY.

A scratch terminal is registered (``leeway terminal register``) with a central schema in
a fresh PostgreSQL database, its outbox is filled with N hash-chained decision events,
and the real push (``Syncer.push``) sends them: per batch, a COPY into a session-temporary
table and one call of the SECURITY DEFINER function ``leeway_push()``, which checks the
chain and derives every projection in the same transaction; then the outbox is marked
synced. The same rows are then COPYed into an unindexed table (the baseline). Idempotence
is checked: a second push sends nothing, and re-delivering every event (outbox reset to
pending) is acknowledged without storing a duplicate. Where the push's time goes (the
local outbox read, the central transaction, the local marking) is recorded too.
PostgreSQL is optional unless ``LEEWAY_REQUIRE_PG=1``; the database and the roles its
schema made (the terminal's login role, the functions' owner) are dropped afterwards.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
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
def scratch_database(admin: str, terminals: tuple[str, ...] = ()
                     ) -> Iterator[tuple[str, str]]:
    """A fresh database (its URL and the server version); dropped afterwards with the
    roles the central schema made for it: the login role of each of ``terminals``
    registered there and the owner of the sync functions (roles are server-wide)."""
    import psycopg

    from pos_app.adapters.central.roles import desk_role, owner_role

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
            for role in (*(desk_role(name, t) for t in terminals), owner_role(name)):
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


PHASES = {"pending_events": "read_s", "send_batch": "central_s", "mark_outcome": "mark_s"}


@contextmanager
def phase_times(spent: dict[str, float]) -> Iterator[None]:
    """Add the seconds spent in each phase of the push (see ``PHASES``) to ``spent``,
    when the push is ``pos_app.adapters.central.push`` (else records nothing)."""
    try:
        module: Any = importlib.import_module("pos_app.adapters.central.push")
    except ImportError:
        yield
        return
    real = {name: getattr(module, name) for name in PHASES if hasattr(module, name)}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                key = PHASES[name]
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - started
        return wrapper

    for name, fn in real.items():
        setattr(module, name, timed(name, fn))
    try:
        yield
    finally:
        for name, fn in real.items():
            setattr(module, name, fn)


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
    with scratch_database(admin, terminals=(terminal_id,)) as (url, version):
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
                spent: dict[str, float] = {}
                batch = _batch_size()
                started = time.perf_counter()
                with phase_times(spent):
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
                         **{k: round(v, 3) for k, v in spent.items()},
                         "batch": batch, "rejected": rejected,
                         "second_push": list(again),
                         "redelivered": list(redelivered),
                         "redelivery_seconds": round(redelivery_s, 3),
                         "central_events": stored_after, "idempotent": idempotent}
            notes.append(
                f"{name}: {pushed:,} events (the {events:,} decisions plus the terminal's"
                f" own first events) from a registered scratch terminal's outbox in"
                f" {took:.1f} s, in batches"
                + (f" of {batch:,}" if batch else "") + ": each a COPY into a"
                " session-temporary table and one leeway_push() call (chain linkage,"
                " quarantine, events, decisions and the other projections derived in the"
                " database, one transaction), then the outbox marked synced"
                + (f" ({_phases(spent)})" if spent else "") + ". "
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


def _batch_size() -> int | None:
    try:
        module: Any = importlib.import_module("pos_app.adapters.central.push")
    except ImportError:
        return None
    batch = getattr(module, "BATCH", None)
    return int(batch) if batch is not None else None


def _phases(spent: dict[str, float]) -> str:
    said = {"read_s": "reading the local outbox", "central_s": "central (COPY and"
            " leeway_push(), commit included)", "mark_s": "marking events synced"}
    return ", ".join(f"{spent[k]:.1f} s {what}" for k, what in said.items() if k in spent)
