"""Folding the write-ahead log into the database file off the counter's path.

In WAL mode SQLite copies the log back into the database file ("checkpoints") from
inside whichever commit pushes the log past ``wal_autocheckpoint`` pages. A decision
writes about a dozen pages, so with SQLite's default (1,000 pages) every eightieth
decision paid for folding the log, tens of milliseconds, while the associate waited for
the screen to say "done". Here a thread of the database's own runs a PASSIVE checkpoint
(it never blocks a writer or a reader) shortly after writes, on its own connection,
and the writer's automatic checkpoint stays only as a bound on the log's size should
this thread fall behind (see ``WAL_LIMIT_PAGES``).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

# The writer's own automatic checkpoint, as a safety net: 16,000 pages of 4 KiB (64 MB).
WAL_LIMIT_PAGES = 16_000
# After a commit the thread waits until none came for this long (a burst is folded
# once), but never longer than ``MAX_DELAY_S`` under a steady stream of commits.
SETTLE_S = 0.5
MAX_DELAY_S = 5.0
THREAD_NAME = "leeway-checkpoint"  # then the database's path


class Checkpointer:
    """One daemon thread per database file; ``written()`` after each write commit."""

    def __init__(self, path: Path, settle_s: float = SETTLE_S,
                 max_delay_s: float = MAX_DELAY_S) -> None:
        self._path = path
        self._settle_s, self._max_delay_s = settle_s, max_delay_s
        self._dirty = threading.Event()
        self._stop = threading.Event()
        self.runs = 0  # checkpoints made (for tests and diagnostics)
        self._thread = threading.Thread(target=self._run, name=f"{THREAD_NAME} {path}",
                                        daemon=True)
        self._thread.start()

    def written(self) -> None:
        self._dirty.set()

    def close(self) -> None:
        self._stop.set()
        self._dirty.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                self._dirty.wait()
                if not self._settled():
                    return
                try:
                    if conn is None:
                        # mode=rw: a file removed meanwhile is not made again, empty.
                        conn = sqlite3.connect(f"{self._path.resolve().as_uri()}?mode=rw",
                                               uri=True, timeout=5,
                                               isolation_level=None)
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.runs += 1
                except sqlite3.Error as exc:  # the next commit's own checkpoint copes
                    log.warning("background checkpoint of %s failed: %s", self._path, exc)
        finally:
            if conn is not None:
                conn.close()

    def _settled(self) -> bool:
        """Wait for the commits to pause (or for MAX_DELAY_S); False when closing."""
        began = time.monotonic()
        while True:
            self._dirty.clear()
            if self._stop.wait(self._settle_s):
                return False
            if not self._dirty.is_set() or time.monotonic() - began >= self._max_delay_s:
                return True
