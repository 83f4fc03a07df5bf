"""The write-ahead log is folded into the database file by the database's own thread,
not inside the counter's commits (pos_app.adapters.db.checkpoint)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from integration_support import FRESH_CUSTOMER, db_path

from pos_app.adapters.db.checkpoint import WAL_LIMIT_PAGES, Checkpointer
from pos_app.services.granting import RecoveryAsk, grant_recovery

GM = "5001"


def _decision_in_main_file(folder: Path, decision_id: str, scratch: Path) -> bool:
    """Whether the main database file alone (no -wal beside it) holds the decision."""
    scratch.mkdir(exist_ok=True)
    alone = scratch / "alone.sqlite3"
    shutil.copyfile(db_path(folder), alone)
    conn = sqlite3.connect(alone)
    try:
        count: int = conn.execute("SELECT count(*) FROM decisions WHERE id = ?",
                                  (decision_id,)).fetchone()[0]
        return count == 1
    finally:
        conn.close()


def test_a_recorded_decision_reaches_the_database_file_without_another_write(
        demo_copy: Any, demo_dir: Path, tmp_path: Path) -> None:
    app = demo_copy
    checkpointer = app.db.checkpointer
    assert checkpointer is not None and checkpointer.alive
    runs = checkpointer.runs
    outcome = grant_recovery(app.desk, RecoveryAsk(GM, FRESH_CUSTOMER, "refund", "1.00",
                                                   "billing_error"))
    assert outcome.recorded and outcome.decision is not None
    deadline = time.monotonic() + 30
    while checkpointer.runs == runs and time.monotonic() < deadline:
        time.sleep(0.05)
    assert checkpointer.runs > runs
    assert _decision_in_main_file(demo_dir, outcome.decision.id, tmp_path / "a")


def test_the_writer_leaves_checkpoints_to_the_thread_up_to_the_safety_limit(
        demo_copy: Any) -> None:
    with demo_copy.db.writer.connect() as conn:
        limit = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    with demo_copy.db.reader.connect() as conn:
        reader_limit = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    assert limit == WAL_LIMIT_PAGES
    assert reader_limit == 1000  # SQLite's default: readers never commit writes anyway


def test_closing_the_desk_stops_the_thread(demo_dir: Path) -> None:
    from pos_app.bootstrap import open_app

    app = open_app(demo_dir)
    checkpointer = app.db.checkpointer
    assert checkpointer is not None and checkpointer.alive
    app.close()
    assert not checkpointer.alive


def _logged_table(path: Path) -> sqlite3.Connection:
    """A WAL database with one table, whose log only a Checkpointer folds."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x INTEGER)")
    return conn


def test_a_burst_of_commits_is_folded_once_it_settles(tmp_path: Path) -> None:
    path = tmp_path / "burst.sqlite3"
    conn = _logged_table(path)
    checkpointer = Checkpointer(path, settle_s=0.3, max_delay_s=30)
    try:
        for i in range(50):
            conn.execute("INSERT INTO t VALUES (?)", (i,))
            checkpointer.written()
        deadline = time.monotonic() + 30
        while checkpointer.runs == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.8)  # nothing written since: no second run
        assert checkpointer.runs == 1
        # The main file alone (no log beside it) holds every row: the thread folded them.
        alone = tmp_path / "alone.sqlite3"
        shutil.copyfile(path, alone)
        copy = sqlite3.connect(alone)
        try:
            assert copy.execute("SELECT count(*) FROM t").fetchone() == (50,)
        finally:
            copy.close()
    finally:
        checkpointer.close()
        conn.close()
    assert not checkpointer.alive


def test_a_steady_stream_of_commits_is_still_folded(tmp_path: Path) -> None:
    path = tmp_path / "stream.sqlite3"
    conn = _logged_table(path)
    checkpointer = Checkpointer(path, settle_s=0.2, max_delay_s=0.5)
    try:
        deadline = time.monotonic() + 30
        i = 0
        while checkpointer.runs == 0 and time.monotonic() < deadline:
            conn.execute("INSERT INTO t VALUES (?)", (i,))  # never a 0.2 s pause
            checkpointer.written()
            i += 1
            time.sleep(0.01)
        assert checkpointer.runs >= 1
    finally:
        checkpointer.close()
        conn.close()
