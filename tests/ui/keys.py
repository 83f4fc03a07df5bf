"""Keyboard-only steps for the UI tests: keys go where the focus is.

Every step sends its keys to ``QApplication.focusWidget()``, as a keyboard does, and
waits for the focus to land where a person expects it before the next one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def wait_focus(qtbot: Any, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5000)


def back_at_window(qtbot: Any, w: Any) -> None:
    """Offscreen, a closed dialog leaves no window active; a desktop's window manager
    hands activation back to the window underneath, so the test does that here."""
    if not w.isActiveWindow():
        w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)


def sign_in(qtbot: Any, w: Any, employee_id: str = "1001", pin: str = "2580") -> None:
    wait_focus(qtbot, w.signin.employee_id)
    type_text(qtbot, employee_id)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, w.signin.pin)
    type_text(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, w.counter.search.field)


def open_guest(qtbot: Any, w: Any, text: str = "zo") -> None:
    """From anywhere on the counter: Ctrl+K, type, Down into the results, Enter."""
    search = w.counter.search
    press(qtbot, Qt.Key.Key_K, CTRL)
    wait_focus(qtbot, search.field)
    type_text(qtbot, text)
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=5000)
    press(qtbot, Qt.Key.Key_Down)
    wait_focus(qtbot, search.view)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.counter.right.currentIndex() == 1
                    and w.counter.card.title.text() != "", timeout=5000)


def alt_key(button: Any) -> Qt.Key:
    """The digit key of a recovery button's documented Alt+N shortcut."""
    shortcut = button.property("shortcutText")
    assert shortcut.startswith("Alt+"), shortcut
    return Qt.Key(Qt.Key.Key_0.value + int(shortcut[4:]))


def open_confirmation(qtbot: Any, w: Any, key: str) -> Any:
    panel = w.counter.recovery
    qtbot.waitUntil(lambda: "·" in panel.buttons[key].text(), timeout=5000)
    press(qtbot, alt_key(panel.buttons[key]), ALT)
    qtbot.waitUntil(lambda: getattr(panel, "dialog", None) is not None
                    and panel.dialog.isVisible(), timeout=5000)
    wait_focus(qtbot, panel.dialog.amount)
    return panel.dialog


def ask_refund(qtbot: Any, w: Any, amount: str, note: str) -> Any:
    """Alt+N on Refund, the amount, Tab past the reason, a note, Enter."""
    dialog = open_confirmation(qtbot, w, "action:refund")
    type_text(qtbot, amount)
    press(qtbot, Qt.Key.Key_Tab)
    wait_focus(qtbot, dialog.reason)
    assert dialog.reason.currentData() == "billing_error"  # not "Service delay"
    press(qtbot, Qt.Key.Key_Tab)
    wait_focus(qtbot, dialog.note)
    type_text(qtbot, note)
    press(qtbot, Qt.Key.Key_Return)
    counter = w.counter
    qtbot.waitUntil(lambda: getattr(counter, "unlock_dialog", None) is not None
                    and counter.unlock_dialog.isVisible(), timeout=8000)
    return counter.unlock_dialog
