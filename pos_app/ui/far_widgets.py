"""Small pieces the approval-from-afar dialogs share: the big code, the time a code is
valid until, buttons without a default, plain-text labels and error sentences."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPushButton

from pos_app.domain.errors import LeewayError
from pos_app.domain.zones import desk_zone, format_clock


def code_label(name: str) -> QLabel:
    """A challenge or answer, big and monospaced (0 and O, 1 and I apart), selectable."""
    label = QLabel()
    label.setObjectName("approvalCode")  # the size is in the style sheet
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(22)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName(name)
    return label


def until(at: datetime, locale: str, zone: tzinfo | None = None) -> str:
    """A stored (naive UTC) time as the desk's clock shows it, hours and minutes
    (``zone``: ``App.zone``; None: the system's)."""
    return format_clock(at, locale, zone or desk_zone(None))


def error_text(error: BaseException, fallback: str) -> str:
    return str(error) if isinstance(error, LeewayError) else fallback


def button(text: str, name: str, shortcut: str = "", tip: str = "") -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleName(name)
    made.setAutoDefault(False)  # Enter presses only the focused button
    if shortcut:
        made.setShortcut(shortcut)
    if tip:
        made.setToolTip(tip)
    return made


def plain(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label
