"""The review's tables: a read-only, sortable view over a :class:`RecordsModel` whose
columns fit the window (the most willing give way first), and the small labels the
review's tabs share.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from pos_app.ui.far_widgets import plain
from pos_app.ui.review_models import RecordsModel
from pos_app.ui.screen import column_width

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
WIDEST = 320  # a column wider than this is cut (its tooltip has the whole text)
NARROWEST = 80  # how far a text column gives way on a narrow screen


class ReviewTable(QTableView):
    """A read-only, sortable table: Enter (or a double-click) activates the row; rows
    are one line high, so a hundred thousand of them scroll as fast as ten."""

    activated_row = Signal(int)

    def __init__(self, model: RecordsModel, name: str, stretch: int = -1,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stretch = stretch  # the column given the spare width; -1: the last
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as the report ordered them
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed heights: the view never measures a hundred thousand rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch == -1)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_columns)
        model.modelReset.connect(self._fit_timer.start)
        self.doubleClicked.connect(lambda index: self.activated_row.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in _ENTER and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # Arriving by Tab, the arrows and Enter act on a row at once.
        super().focusInEvent(event)
        model = self.model()
        if not self.currentIndex().isValid() and model.rowCount() > 0:
            self.setCurrentIndex(model.index(0, 0))

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        # A resized window (or a scrollbar coming) refits the columns to the new width.
        if event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        return super().viewportEvent(event)

    def fit_columns(self) -> None:
        """Each column as wide as its header and first rows need (up to WIDEST). When
        they do not all fit, text columns give way, the most willing first (a note
        before a name), each group to one common width no narrower than NARROWEST
        (the tooltip shows the whole text); times and figures never do. Only then
        does a horizontal scrollbar appear."""
        model = self.model()
        if not isinstance(model, RecordsModel) or not model.columnCount():
            return
        header = self.horizontalHeader()
        columns = model.columnCount()
        stretch = self.stretch if self.stretch >= 0 else columns - 1
        widths = [0 if header.isSectionHidden(c) else min(column_width(self, c, rows=200),
                                                           WIDEST)
                  for c in range(columns)]
        room = self.viewport().width()
        # Level by level, the columns most willing give way to one common width.
        for level in sorted({model.column(c).give for c in range(columns)}, reverse=True):
            if sum(widths) <= room:
                break
            give = [c for c in range(columns) if widths[c] and model.column(c).give == level
                    and not (model.column(c).numeric or model.column(c).keep)]
            others = sum(widths) - sum(widths[c] for c in give)
            cap = max(NARROWEST, _common_cap([widths[c] for c in give], room - others))
            for c in give:
                widths[c] = min(widths[c], cap)
        for column in range(columns):
            if not widths[column]:
                continue  # hidden
            if column == stretch and self.stretch >= 0:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.resizeSection(column, widths[column])

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1


def _common_cap(widths: list[int], room: int) -> int:
    """The largest width W with sum(min(w, W)) <= room: the widest give way first."""
    ordered = sorted(widths)
    used = 0
    for n, width in enumerate(ordered):
        left = len(ordered) - n
        if used + width * left > room:
            return max(0, (room - used) // left)
        used += width
    return ordered[-1] if ordered else 0


class MnemonicLabel(QLabel):
    """A field's label with an Alt key ("&To"). Qt measures it with the kerning of "To"
    but paints "T" (underlined) and "o" apart, a pixel or two wider, which cut the "o"
    to a "c": a little slack."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width() + 3, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def muted(text: str) -> QLabel:
    label = plain("mutedText")
    label.setText(text)
    return label
