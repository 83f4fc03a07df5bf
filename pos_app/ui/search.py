"""Customer lookup: a debounced search field over a paged table model.

The model holds only the pages fetched so far (``fetchMore`` asks for the next one
when the view scrolls near the end), never the whole customer base. Each query gets
a generation number; results of an older query are dropped when they arrive late.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.contact import display_phone
from pos_app.domain.people import Customer
from pos_app.services.counter import search
from pos_app.ui.tasks import TaskRunner

PAGE = 50
DEBOUNCE_MS = 120
_Index = QModelIndex | QPersistentModelIndex


class CustomerResultsModel(QAbstractTableModel):
    """Search results, one page at a time."""

    results_changed = Signal(str, int)  # query, rows shown

    COLUMNS = ("Name", "Phone", "E-mail", "Loyalty", "Room")

    def __init__(self, app: App, tasks: TaskRunner) -> None:
        super().__init__()
        self._app, self._tasks = app, tasks
        self._rows: list[Customer] = []
        self._query = ""
        self._generation = 0
        self._more = False
        self._loading = False

    # Qt overrides -------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole
                and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.COLUMNS)):
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            values = (c.display_name, display_phone(c.phone, self._app.region), c.email,
                      c.loyalty_id, c.room)
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._fetch(self._generation, self._query, len(self._rows))

    # ours ---------------------------------------------------------------------------
    def customer_at(self, row: int) -> Customer | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_query(self, query: str) -> None:
        self._generation += 1
        self._query = query.strip()
        if not self._query:
            self.beginResetModel()
            self._rows, self._more, self._loading = [], False, False
            self.endResetModel()
            self.results_changed.emit("", 0)
            return
        self._fetch(self._generation, self._query, 0)

    def _fetch(self, generation: int, query: str, offset: int) -> None:
        self._loading = True
        app = self._app
        self._tasks.run_read(
            lambda: search(app.desk, query, PAGE, offset),
            lambda rows: self._arrived(generation, offset, rows),
            lambda _err: self._arrived(generation, offset, []),
        )

    def _arrived(self, generation: int, offset: int, rows: list[Customer]) -> None:
        if generation != self._generation:
            return  # a newer query was typed meanwhile: this answer is stale
        self._loading = False
        self._more = len(rows) == PAGE
        if offset == 0:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.results_changed.emit(self._query, len(self._rows))


class ResultsView(QTableView):
    """Enter opens the current row."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class SearchField(QLineEdit):
    """Down arrow moves into the results; Enter opens the first or current result."""

    move_down = Signal()
    open_current = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    customer_chosen = Signal(str)  # customer id

    def __init__(self, app: App, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = SearchField()
        self.field.setPlaceholderText(self.tr("Find a guest: name, phone, e-mail, loyalty or room"
                                              "  (Ctrl+K)"))
        self.field.setAccessibleName(self.tr("Search customers"))
        self.field.setToolTip(self.tr("Search customers (Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        self.field.setMaxLength(100)
        self.model = CustomerResultsModel(app, tasks)
        self.view = ResultsView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((150, 130, 170, 80)):
            header.resizeSection(col, width)
        self.status = QLabel()
        self.status.setObjectName("mutedText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.model.set_query(self.field.text()))
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        self.field.move_down.connect(self._into_results)
        self.field.open_current.connect(self._open_current)
        self.view.activated_row.connect(self._open_row)
        self.view.doubleClicked.connect(lambda idx: self._open_row(idx.row()))
        self.model.results_changed.connect(self._show_count)

    def focus_search(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def clear(self) -> None:
        self.field.clear()
        self.model.set_query("")

    @Slot()
    def _into_results(self) -> None:
        if self.model.rowCount():
            self.view.setFocus()
            self.view.selectRow(max(self.view.currentIndex().row(), 0))

    @Slot()
    def _open_current(self) -> None:
        self._debounce.stop()
        if self.model.rowCount():
            self._open_row(max(self.view.currentIndex().row(), 0))

    def _open_row(self, row: int) -> None:
        customer = self.model.customer_at(row)
        if customer is not None:
            self.customer_chosen.emit(customer.id)

    def _show_count(self, query: str, rows: int) -> None:
        if not query:
            self.status.setText("")
        elif rows == 0:
            self.status.setText(self.tr("No guest matches."))
        else:
            more = "+" if self.model.canFetchMore() else ""
            self.status.setText(self.tr("{n}{more} matches; ↓ to choose, Enter to open")
                                .format(n=rows, more=more))
