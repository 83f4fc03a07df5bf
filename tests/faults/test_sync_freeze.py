"""A frozen or cut network between a desk and the central database, mid-push.

A TCP proxy (tests/faults/proxy.py) sits between a registered desk and PostgreSQL. Frozen
just after the push function's call has gone upstream, the line keeps every socket open
and carries nothing: the server runs ``leeway_push()`` as one statement that commits as
it ends, so it holds no lock once the function is done, whatever the line does; the
desk never hears the answer. The design bounds the desk's side: the sync ends "offline"
within about 30 seconds, and once the line thaws the next sync sends the batch again,
which is acknowledged and stored exactly once. A cut line ends the sync at once,
wherever it falls, and loses or duplicates nothing either.

Timed assertions are otherwise banned here; a generous bound ("within 45 s, not hours")
is the behaviour under test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from pos_app.adapters.central.connect import IDLE_IN_TRANSACTION_S, SECRET_URL
from pos_app.adapters.central.status import SyncReport
from pos_app.adapters.central.sync import Syncer, SyncState
from pos_app.bootstrap import App, init_terminal, open_app
from tests.faults.proxy import FaultProxy
from tests.integration.sync_support import central_events, new_central, register

BOUND_S = 45.0  # the design's "about 30 seconds", with room for a loaded machine
CUT_BOUND_S = 10.0  # a cut line is noticed at once; this only rules out a hang
TERMINAL = "desk-a"
PUSH_CALL = b"leeway_push()"  # the function call, not leeway_push_begin()
PUSH_BEGIN = b"leeway_push_begin()"


@dataclass
class Line:
    """A registered desk whose central URL goes through ``proxy``."""

    app: App
    syncer: Syncer
    proxy: FaultProxy
    central: str  # the administrator's URL
    role: str  # the desk's login role

    def local_chain(self) -> list[tuple[str, int, str]]:
        with self.app.uow() as uow:
            return [(e.terminal_id, e.seq, e.hash) for e in uow.events.ordered()]


@pytest.fixture()
def line(tmp_path: Path, pg_url: str, capsys: Any) -> Iterator[Line]:
    central = new_central(pg_url)
    desk = tmp_path / TERMINAL
    init_terminal(desk, terminal_id=TERMINAL, demo=True).close()
    register(desk, central, capsys)  # with the administrator's URL, directly
    app = open_app(desk)
    with app.uow(write=True) as uow:  # more to push than the demo's own events
        for n in range(60):
            uow.events.append("note.added", {"n": n}, actor="1001")
        uow.commit()
    upstream = make_url(central).port or 5432
    try:
        with FaultProxy(upstream) as proxy:
            direct = make_url(str(app.secrets.get(SECRET_URL)))
            assert direct.username and direct.password  # the desk's own role
            app.secrets.set(SECRET_URL, direct.set(host="127.0.0.1", port=proxy.port)
                            .render_as_string(hide_password=False))
            syncer = Syncer(app.db, app.secrets)
            try:
                yield Line(app, syncer, proxy, central, direct.username)
            finally:
                syncer.close()
    finally:
        app.close()


def _sync_in_background(syncer: Syncer) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["report"] = syncer.sync_once()
        except BaseException as exc:  # reported by the test, not lost in the thread
            outcome["error"] = exc
        outcome["ended"] = time.monotonic()

    thread = threading.Thread(target=run, name="sync-under-test", daemon=True)
    thread.start()
    return thread, outcome


def _report(outcome: dict[str, Any]) -> SyncReport:
    if "error" in outcome:
        raise AssertionError("sync_once raised instead of reporting") from outcome["error"]
    report: SyncReport = outcome["report"]
    return report


def _desk_sessions_in_transaction(line: Line) -> list[tuple[int, str]]:
    with psycopg.connect(line.central, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid, state FROM pg_stat_activity WHERE datname = current_database()"
            " AND usename = %s AND state LIKE 'idle in transaction%%'", (line.role,)).fetchall()
    return [(int(pid), str(state)) for pid, state in rows]


def _terminal_row_free(line: Line) -> bool:
    """Whether the administrator can lock the desk's terminal row now (no one holds it)."""
    with psycopg.connect(line.central) as conn:
        try:
            conn.execute("SELECT 1 FROM central_terminals WHERE id = %s FOR UPDATE NOWAIT",
                         (TERMINAL,))
            return True
        except psycopg.errors.LockNotAvailable:
            return False
        finally:
            conn.rollback()


def _wait_for(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return bool(condition())


def _stored(line: Line) -> list[tuple[str, int, str]]:
    return [row for row in central_events(line.central) if row[0] == TERMINAL]


def _assert_everything_central_exactly_once(line: Line) -> None:
    local = line.local_chain()
    stored = [row for row in central_events(line.central) if row[0] == TERMINAL]
    assert stored == local, "central must hold the local chain, every event exactly once"


def test_a_line_frozen_mid_push_ends_the_sync_offline_and_leaves_no_lock_behind(
        line: Line) -> None:
    pending = len(line.local_chain())
    line.proxy.freeze_after(PUSH_CALL)
    started = time.monotonic()
    thread, outcome = _sync_in_background(line.syncer)
    assert line.proxy.fired.wait(30), "the push never reached the function call"

    # The server runs leeway_push() and commits as the statement ends: the batch is
    # stored, and no desk session is left in a transaction holding the terminal row
    # (not even until the server's idle-in-transaction timeout ends it).
    assert _wait_for(lambda: len(_stored(line)) == pending, 10), "the push never committed"
    assert _wait_for(lambda: not _desk_sessions_in_transaction(line)
                     and _terminal_row_free(line), 5), (
        "a desk session holds the terminal row after the push function ended"
        f" (idle_in_transaction_session_timeout would end it only after"
        f" {IDLE_IN_TRANSACTION_S} s)")

    thread.join(max(0.0, started + BOUND_S - time.monotonic()))
    hung = thread.is_alive()
    took = (outcome["ended"] if not hung else time.monotonic()) - started
    print(f"\nfrozen line: sync_once {'still blocked' if hung else 'returned'} after"
          f" {took:.1f} s (bound {BOUND_S:.0f} s)")
    line.proxy.thaw()
    thread.join(30)  # a blocked sync sees the server's goodbye once the line thaws
    assert not thread.is_alive(), "sync_once stays blocked even after the line thawed"
    first = _report(outcome)
    assert first.state is SyncState.OFFLINE and first.pushed == 0
    assert first.pending == pending  # nothing marked synced without hearing central's answer

    after = line.syncer.sync_once()  # the batch again: acknowledged, not stored twice
    assert after.state is SyncState.ONLINE, after.error
    assert after.pushed == pending and after.pending == 0 and after.rejected == 0
    _assert_everything_central_exactly_once(line)

    assert not hung and took < BOUND_S, (
        f"a frozen line blocked the sync for {took:.1f} s (bound {BOUND_S:.0f} s)")


@pytest.mark.parametrize("cut_after", [PUSH_BEGIN, b"COPY ", PUSH_CALL],
                         ids=["push-begin", "copy", "push-call"])
def test_a_line_cut_mid_push_ends_the_sync_offline_at_once_and_the_next_delivers_once(
        line: Line, cut_after: bytes) -> None:
    pending = len(line.local_chain())
    line.proxy.cut_after(cut_after)
    started = time.monotonic()
    thread, outcome = _sync_in_background(line.syncer)
    thread.join(BOUND_S)
    took = time.monotonic() - started
    print(f"\ncut line ({cut_after.decode().strip()}): sync_once returned after {took:.2f} s")
    assert not thread.is_alive(), f"a cut line blocked the sync for more than {BOUND_S} s"
    assert line.proxy.fired.is_set()
    first = _report(outcome)
    took = outcome["ended"] - started
    assert first.state is SyncState.OFFLINE and first.pushed == 0
    assert first.pending == pending
    assert took < CUT_BOUND_S, f"a cut line took {took:.1f} s to notice"

    committed = len(_stored(line))
    assert committed in (0, pending)  # one statement: all of the batch or none of it
    print(f"central had {'committed' if committed else 'rolled back'} the batch")
    line.proxy.thaw()  # the line is back
    after = line.syncer.sync_once()
    assert after.state is SyncState.ONLINE, after.error
    # Committed before the cut or not, each event is acknowledged now, and stored once.
    assert after.pushed == pending and after.pending == 0 and after.rejected == 0
    _assert_everything_central_exactly_once(line)
