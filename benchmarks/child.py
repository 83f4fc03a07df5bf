"""The child process of figures 5 and 7; run as a script, never imported by the harness.

    python benchmarks/child.py app DATA_DIR QUERIES.json
    python benchmarks/child.py bare

Prints ``READY`` once the main window is shown and the event loop is running (the
parent times process start to that line), then, for ``app``, runs every query through
the window's own search model and prints ``RSS <peak KiB>``.
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


def main(argv: list[str]) -> int:
    mode = argv[0]
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    qt_app = QApplication(sys.argv[:1])
    leeway: Any = None
    if mode == "app":
        from pos_app.bootstrap import open_app
        from pos_app.ui.app import style_sheet
        from pos_app.ui.main_window import MainWindow

        qt_app.setApplicationName("Leeway")
        qt_app.setOrganizationName("Leeway")
        qt_app.setStyleSheet(style_sheet())
        leeway = open_app(Path(argv[1]), insecure_keyring=True)
        window: QMainWindow = MainWindow(leeway)
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
        started = time.perf_counter()
        lost = searches() if mode == "app" else 0
        print(f"RSS {peak_kib()} {time.perf_counter() - started:.3f} {lost}", flush=True)
        window.close()
        qt_app.quit()

    QTimer.singleShot(0, ready)
    code = qt_app.exec()
    if leeway is not None:
        leeway.close()
    sys.stdout.flush()
    # Skip interpreter finalisation: with PySide6 6.12.0 on Python 3.11 every
    # Signal.emit drops a reference to True, and after a few hundred searches the
    # final garbage collection aborts (bool_dealloc). The figures are printed already.
    os._exit(int(code))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
