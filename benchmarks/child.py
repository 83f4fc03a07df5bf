"""The child process of figures 5 and 7; run as a script, never imported by the harness.

    python benchmarks/child.py app DATA_DIR QUERIES.json
    python benchmarks/child.py bare

Prints ``READY`` once the main window is shown and the event loop is running (the
parent times process start to that line): for ``app``, the sign-in screen, with the desk
still opening behind it as ``leeway`` does (pos_app.ui.app.show_window). Then, for
``app``, ``OPEN <seconds> <longest UI stall ms>`` once the counter is there (seconds since
READY; the stall is the longest gap between 5 ms timer ticks meanwhile, i.e. how long a
key typed into the sign-in screen could wait), runs every query through the window's own
search model and prints ``RSS <peak KiB>``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any


def peak_kib() -> int:
    """This process's peak resident set, in KiB.

    ``VmHWM`` rather than ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux carries the
    high-water mark of the (v)forking parent's memory across ``execve`` into
    ``ru_maxrss``, so a child of a big harness would report the harness's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def failed(exc: BaseException) -> None:
    print(f"FAILED {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
    os._exit(3)


def wait_open(window: Any) -> None:
    """Until the desk is open behind the sign-in screen; prints ``OPEN``."""
    from PySide6.QtCore import QEventLoop, QTimer

    started = last = time.perf_counter()
    stall = 0.0

    def tick() -> None:
        nonlocal last, stall
        now = time.perf_counter()
        stall, last = max(stall, now - last), now

    ticker = QTimer(interval=5)
    ticker.timeout.connect(tick)
    ticker.start()
    if not window.is_open:
        loop = QEventLoop()
        window.desk_opened.connect(loop.quit)
        loop.exec()
    tick()
    ticker.stop()
    print(f"OPEN {time.perf_counter() - started:.3f} {stall * 1000:.1f}", flush=True)


def main(argv: list[str]) -> int:
    mode = argv[0]
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    qt_app = QApplication(sys.argv[:1])
    leeway_app: list[Any] = [None]
    if mode == "app":
        from pos_app.ui.app import show_window, style_sheet

        qt_app.setApplicationName("Leeway")
        qt_app.setOrganizationName("Leeway")
        qt_app.setStyleSheet(style_sheet())
        window: QMainWindow = show_window(Path(argv[1]), True, failed)
    else:
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1366, 768)
        window.show()

    def searches() -> int:
        queries = [q for _kind, q in json.loads(Path(argv[2]).read_text(encoding="utf-8"))]
        model = window.counter.search.model  # type: ignore[attr-defined]
        loop = QEventLoop()
        state = {"done": False}

        def arrived(_query: str, _rows: int) -> None:
            state["done"] = True
            loop.quit()

        model.results_changed.connect(arrived)
        guard = QTimer(singleShot=True, interval=10_000)
        guard.timeout.connect(loop.quit)
        lost = 0
        for q in queries:
            state["done"] = False
            model.set_query(q)
            if not state["done"]:
                guard.start()
                loop.exec()
                guard.stop()
            lost += 0 if state["done"] else 1
        return lost

    def ready() -> None:
        handle = window.windowHandle()
        if not window.isVisible() or handle is None or not handle.isExposed():
            QTimer.singleShot(1, ready)
            return
        print(f"READY {peak_kib()}", flush=True)
        if mode == "app":
            wait_open(window)
            leeway_app[0] = window.app  # type: ignore[attr-defined]
        started = time.perf_counter()
        lost = searches() if mode == "app" else 0
        print(f"RSS {peak_kib()} {time.perf_counter() - started:.3f} {lost}", flush=True)
        window.close()
        qt_app.quit()

    QTimer.singleShot(0, ready)
    code = qt_app.exec()
    if leeway_app[0] is not None:
        leeway_app[0].close()
    sys.stdout.flush()
    # Skip interpreter finalisation: with PySide6 6.12.0 on Python 3.11 every
    # Signal.emit drops a reference to True, and after a few hundred searches the
    # final garbage collection aborts (bool_dealloc). The figures are printed already.
    os._exit(int(code))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
