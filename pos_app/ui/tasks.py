"""Running work off the UI thread, in the spirit of Anki's ``taskman.py``.

Threading rule: ``run_read`` and ``run_write`` may be called only from the UI thread;
``fn`` runs on a worker and must not touch widgets; ``on_done`` / ``on_error`` run
back on the UI thread (delivered by a queued signal). Writes go to a single worker so
they happen in the order the person made them; reads use a small pool; sync has a
worker of its own, so a frozen network (up to ~30 s) never holds up a decision (the
syncer serialises itself against allowance top-ups with its own lock).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    _finished = Signal(object, object, object)  # (callback, error-callback, future)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = ThreadPoolExecutor(max_workers=3, thread_name_prefix="leeway-read")
        self._writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leeway-write")
        self._sync = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leeway-sync")
        self._pending = 0
        self._closed = False
        # Queued even when emitted on the UI thread: a task done before its callback was
        # attached runs that callback at once, in the caller's thread, and on_done must
        # never run inside run_*() itself (the caller may not have finished, e.g. before
        # the event loop has started).
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run_read(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._submit(self._reads, fn, on_done, on_error)

    def run_write(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                  on_error: Callable[[BaseException], None] | None = None) -> None:
        self._submit(self._writes, fn, on_done, on_error)

    def run_sync(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._submit(self._sync, fn, on_done, on_error)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[[], Any],
                on_done: Callable[[Any], None],
                on_error: Callable[[BaseException], None] | None) -> None:
        if self._closed:
            return  # the window is closing; late timers must not start new work
        self._pending += 1
        future = pool.submit(fn)
        # Emitted from the worker thread; Qt queues it to this object's (UI) thread.
        future.add_done_callback(lambda f: self._finished.emit(on_done, on_error, f))

    @Slot(object, object, object)
    def _deliver(self, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None, future: Future[Any]) -> None:
        self._pending -= 1
        if future.cancelled():
            return  # dropped at shutdown; nobody is waiting for it any more
        error = future.exception()
        if error is None:
            on_done(future.result())
        elif on_error is not None:
            on_error(error)
        else:
            log.error("background task failed", exc_info=error)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking work. ``wait``: until the writes under way (and queued) are done;
        without it they still finish, on their worker. May be called again to wait."""
        self._closed = True
        self._reads.shutdown(wait=wait, cancel_futures=True)
        self._writes.shutdown(wait=wait)
        self._sync.shutdown(wait=False, cancel_futures=True)  # a frozen sync ends alone
