"""Keyboard-driven steps shared by the UI tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


def sign_in(qtbot: Any, w: Any, employee_id: str = "1001", pin: str = "2580") -> None:
    qtbot.keyClicks(w.signin.employee_id, employee_id)
    qtbot.keyClick(w.signin.employee_id, Qt.Key.Key_Return)
    qtbot.keyClicks(w.signin.pin, pin)
    qtbot.keyClick(w.signin.pin, Qt.Key.Key_Return)


def search_and_open(qtbot: Any, w: Any, text: str, row: int = 0) -> None:
    search = w.counter.search
    search.field.clear()
    qtbot.keyClicks(search.field, text)
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=5000)
    qtbot.keyClick(search.field, Qt.Key.Key_Down)
    for _ in range(row):
        qtbot.keyClick(search.view, Qt.Key.Key_Down)
    qtbot.keyClick(search.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.counter.right.currentIndex() == 1, timeout=5000)
