"""Enter presses the focused button, everywhere in the desk.

Qt presses a focused push button with Space, but with Enter only when it is a dialog's
(auto-)default button, and on a plain widget never. Leeway's dialogs deliberately have
no default button where a stray Enter could do harm (a referral's decline, a redeem),
so without this a keyboard user's Enter on a focused "Refer for later" or "Redeem" did
nothing at all. One application-wide filter makes Enter act on the button that has
the focus, and only that one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPressesFocusedButton(QObject):
    """Install on the QApplication (``installEventFilter``); remove when done."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() != QEvent.Type.KeyPress or not isinstance(watched, QPushButton)
                or not isinstance(event, QKeyEvent) or event.key() not in _ENTER
                or not watched.hasFocus()):
            return False
        extra = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if extra != Qt.KeyboardModifier.NoModifier:
            return False
        # A held-down Enter repeats: it must not press the button again and again.
        if not event.isAutoRepeat() and watched.isEnabled():
            watched.click()
        return True
