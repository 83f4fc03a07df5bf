"""Admission control on the central database (real PostgreSQL): at most ``push_slots``
pushes work at once, the others wait asleep and then go through, and a light call (an
allowance) is never held up by a waiting push; writers of the change feed take turns,
so a desk's cursor never passes a change that commits later."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import psycopg

from pos_app.bootstrap import init_terminal, open_app
from tests.integration.sync_support import new_central, register, terminal_url


def _desk_url(tmp_path: Path, name: str, central: str, capsys: Any) -> str:
    data_dir = tmp_path / name
    init_terminal(data_dir, terminal_id=name, demo=False).close()
    register(data_dir, central, capsys)
    app = open_app(data_dir)
    try:
        return terminal_url(app).replace("postgresql+psycopg", "postgresql")
    finally:
        app.close()


def _waiting_on_lock(admin: str, pid: int) -> bool:
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute("SELECT wait_event_type, wait_event FROM pg_stat_activity"
                           " WHERE pid = %s", (pid,)).fetchone()
    return row is not None and tuple(row) == ("Lock", "advisory")


def _wait_until_waiting(admin: str, conn: psycopg.Connection[Any], why: str) -> None:
    """Until ``conn``'s session waits on an advisory lock (at most 10 s)."""
    deadline = time.monotonic() + 10
    while not _waiting_on_lock(admin, conn.info.backend_pid):
        assert time.monotonic() < deadline, why
        time.sleep(0.05)


def test_a_push_waits_for_a_slot_and_an_allowance_does_not(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    a, b = (_desk_url(tmp_path, name, central, capsys) for name in ("desk-a", "desk-b"))
    with psycopg.connect(central, autocommit=True) as admin:
        admin.execute("INSERT INTO central_settings (name, value) VALUES ('push_slots', 1)")
    first = psycopg.connect(a)
    first.execute("SELECT leeway_push_begin()")
    first.execute("SELECT * FROM leeway_push()").fetchall()  # holds the only slot
    second = psycopg.connect(b)
    done: dict[str, Any] = {}

    def push_b() -> None:
        started = time.monotonic()
        second.execute("SELECT leeway_push_begin()")
        done["rows"] = second.execute("SELECT * FROM leeway_push()").fetchall()
        second.commit()
        done["waited"] = time.monotonic() - started

    worker = threading.Thread(target=push_b)
    worker.start()
    try:
        _wait_until_waiting(central, second, "the second push never waited for a slot")
        # Meanwhile a guest's allowance is answered at once, from either desk.
        with psycopg.connect(b, autocommit=True) as light:
            granted = light.execute(
                "SELECT granted FROM leeway_allowance('customer', 'C100001', 500)").fetchone()
        assert granted is not None and granted[0] == 500
        assert "rows" not in done  # still waiting
        first.commit()  # the slot is free: the waiting push goes through
        worker.join(timeout=10)
        assert not worker.is_alive()
        assert done["rows"] == [] and done["waited"] > 0
    finally:
        first.close()
        worker.join(timeout=10)
        second.close()


def test_a_desk_cannot_change_the_slots(tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    desk = _desk_url(tmp_path, "desk-a", central, capsys)
    with psycopg.connect(desk, autocommit=True) as conn:
        for sql in ("INSERT INTO central_settings (name, value) VALUES ('push_slots', 999)",
                    "UPDATE central_settings SET value = 999",
                    "SELECT leeway_push_slot()"):
            try:
                conn.execute(sql)
            except psycopg.errors.InsufficientPrivilege:
                continue
            raise AssertionError(f"a desk role may run: {sql}")


def test_writers_of_the_change_feed_take_turns(pg_url: str) -> None:
    central = new_central(pg_url)
    insert = "INSERT INTO central_changes (kind, key, data) VALUES ('test', %s, '{}') RETURNING seq"
    first = psycopg.connect(central)
    first_seq = first.execute(insert, ("first",)).fetchone()
    second = psycopg.connect(central)
    got: dict[str, Any] = {}

    def write_second() -> None:
        got["seq"] = second.execute(insert, ("second",)).fetchone()
        second.commit()

    worker = threading.Thread(target=write_second)
    worker.start()
    try:
        _wait_until_waiting(central, second, "a second feed writer did not wait its turn")
        # A reader now sees neither change: no later number is visible before the first.
        with psycopg.connect(central, autocommit=True) as reader:
            seen = reader.execute("SELECT key FROM central_changes WHERE kind = 'test'"
                                  ).fetchall()
        assert seen == []
        first.commit()
        worker.join(timeout=10)
        assert first_seq is not None and got["seq"][0] > first_seq[0]
    finally:
        first.close()
        worker.join(timeout=10)
        second.close()


def test_a_push_that_finds_no_slot_leaves_the_desk_online_and_delivers_next_time(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    from pos_app.adapters.central.sync import Syncer, SyncState
    from tests.integration.sync_support import new_desk

    central = new_central(pg_url)
    desk = new_desk(tmp_path, "desk-a", True, central, capsys)
    other = _desk_url(tmp_path, "desk-b", central, capsys)
    with psycopg.connect(central, autocommit=True) as admin:
        admin.execute("INSERT INTO central_settings (name, value) VALUES ('push_slots', 1),"
                      " ('push_wait_ms', 300)")
    holder = psycopg.connect(other)
    holder.execute("SELECT leeway_push_begin()")
    holder.execute("SELECT * FROM leeway_push()").fetchall()  # desk B holds the only slot
    app = open_app(desk)
    syncer = Syncer(app.db, app.secrets)
    try:
        busy = syncer.sync_once()
        assert busy.state is SyncState.ONLINE and busy.pushed == 0, busy.error
        assert busy.error is not None and busy.error.startswith("central database busy")
        assert busy.pending > 0  # nothing lost: the events wait
        assert syncer.last_known_online()  # top-ups still go to the central database
        holder.commit()  # the slot comes free
        done = syncer.sync_once()
        assert done.state is SyncState.ONLINE and done.error is None
        assert done.pending == 0 and done.pushed == busy.pending
    finally:
        holder.close()
        syncer.close()
        app.close()
