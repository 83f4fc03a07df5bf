"""Sizing windows to the screen they open on, dialogs to the text they show, and
table columns to theirs.

A front desk till may be 1024x600 with a taskbar, a back office 2560x1440, and either
may scale by 2. The main window opens filling what the panels leave of its screen,
and its minimum size never exceeds that area, so no part of it runs off screen. A
dialog whose message grows (a wrapped error, a lockout) grows with it instead of
cutting the text, but never beyond its screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QStyle, QTableView, QWidget

# The smallest the counter is designed for: a 1024x600 till less a panel or taskbar
# (and a title bar when the window is not maximised).
SMALLEST = QSize(960, 520)


def available_area(widget: QWidget) -> QRect:
    """What the panels and taskbars leave of the screen the widget is on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def fit_to_screen(window: QWidget) -> None:
    """Open ``window`` filling its screen's available area (maximised), never larger."""
    fit_into(window, available_area(window))
    # Maximised, the window manager also accounts for the title bar and frame.
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def fit_into(window: QWidget, area: QRect) -> None:
    """Give ``window`` all of ``area``, its frame included; its minimum size fits."""
    frame, inner = window.frameGeometry(), window.geometry()  # equal until first shown
    inside = area.adjusted(inner.left() - frame.left(), inner.top() - frame.top(),
                           inner.right() - frame.right(), inner.bottom() - frame.bottom())
    window.setMinimumSize(min(SMALLEST.width(), inside.width()),
                          min(SMALLEST.height(), inside.height()))
    window.setGeometry(inside)


def grow_to_text(window: QWidget) -> None:
    """Make a dialog tall enough for its word-wrapped labels at its current width.

    Qt does not give a top-level window the height its wrapped text needs (window
    managers know nothing of height-for-width), so a longer message would be cut.
    The dialog grows, and may not be shrunk below the text, but stays on its screen.
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = max(window.width(), layout.totalMinimumSize().width())
    needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    needed = min(needed, available_area(window).height())
    window.setMinimumHeight(needed)
    if window.height() < needed:
        window.resize(width, needed)


def column_width(view: QTableView, column: int, rows: int = 500) -> int:
    """What a column needs for its header and the longest line of its cells (of the
    first ``rows``), whether it is shown or hidden: Qt's own hints are 0 for a hidden
    section, which would make it look as if it fitted anywhere."""
    model, header, style = view.model(), view.horizontalHeader(), view.style()
    bold = QFont(header.font())
    bold.setBold(True)
    label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    widest = (QFontMetrics(bold).horizontalAdvance(label)
              + 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 8)
    pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 6
    for row in range(min(model.rowCount(), rows)):
        index = model.index(row, column)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole)
        # An item's font carries only what it sets (strike-out, italics); the rest is
        # the view's, as the delegate paints it.
        metrics = QFontMetrics(font.resolve(view.font()) if isinstance(font, QFont)
                               else view.font())
        widest = max(widest, pad + max((metrics.horizontalAdvance(line)
                                        for line in text.splitlines()), default=0))
    return widest
