"""Customer lookup: a debounced search field over a paged table model.

The model holds only the pages fetched so far (``fetchMore`` asks for the next one
when the view scrolls near the end), never the whole customer base. Each query gets
a generation number; results of an older query are dropped when they arrive late.
A correction made at the counter replaces the guest's row at once.

The columns are fitted to the view, never wider: the name gets what it needs, then
room, phone, e-mail and loyalty in that order while they fit whole; what does not
fit is hidden (and in the row's tooltip), so there is never a horizontal scrollbar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.contact import display_phone
from pos_app.domain.people import Customer
from pos_app.services.counter import search
from pos_app.ui.screen import column_width
from pos_app.ui.tasks import TaskRunner

PAGE = 50
DEBOUNCE_MS = 120
_Index = QModelIndex | QPersistentModelIndex


class CustomerResultsModel(QAbstractTableModel):
    """Search results, one page at a time."""

    results_changed = Signal(str, int)  # query, rows shown

    # In the order they give way when the view is narrow (the name never does).
    COLUMNS = ("name", "room", "phone", "email", "loyalty")

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
            return self._headers()[section]
        return None

    def _headers(self) -> tuple[str, ...]:
        """The columns' titles, in COLUMNS' order."""
        return (self.tr("Name"), self.tr("Room"), self.tr("Phone"), self.tr("E-mail"),
                self.tr("Loyalty"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        values = (c.display_name, c.room, display_phone(c.phone, self._app.region), c.email,
                  c.loyalty_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole row, for the columns a narrow view hides.
            return "\n".join(self.tr("{column}: {value}").format(column=name, value=value)
                              for name, value in zip(self._headers(), values, strict=True)
                              if value)
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

    def show_updated(self, customer: Customer) -> None:
        """The guest's details as stored now (after a correction) replace their row."""
        for row, shown in enumerate(self._rows):
            if shown.id == customer.id and shown != customer:
                self._rows[row] = customer
                self.dataChanged.emit(self.index(row, 0),
                                      self.index(row, len(self.COLUMNS) - 1))

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
    """Enter opens the current row; the columns always fit the view's width."""

    activated_row = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setStretchLastSection(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_columns)

    def setModel(self, model: Any) -> None:  # noqa: N802
        super().setModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged):
            signal.connect(lambda *_args: self._fit_timer.start())
        self._fit_timer.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        # The viewport also narrows when the vertical scrollbar appears.
        if event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        return super().viewportEvent(event)

    def fit_columns(self) -> None:
        model, header = self.model(), self.horizontalHeader()
        if model is None:
            return
        available = self.viewport().width()
        needed = [column_width(self, c) for c in range(model.columnCount())]
        used = min(needed[0], available) if needed else 0
        shown = [0]
        for column in range(1, len(needed)):
            if used + needed[column] > available:
                break  # this one and every column after it give way
            used += needed[column]
            shown.append(column)
        for column, width in enumerate(needed):
            header.setSectionHidden(column, column not in shown)
            if column in shown and column:
                header.resizeSection(column, width)
        if needed:
            header.resizeSection(0, available - sum(needed[c] for c in shown[1:]))


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
        # Short enough for the narrow search column of a 1024x600 till; the tooltip
        # says it all.
        self.field.setPlaceholderText(self.tr("Name, phone, e-mail, loyalty, room (Ctrl+K)"))
        self.field.setAccessibleName(self.tr("Search customers"))
        self.field.setToolTip(self.tr("Find a guest by name, phone, e-mail, loyalty or room"
                                      " number (Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        # Qt's clear button is an icon with no text: without a name a screen reader
        # says only "button".
        for clear in self.field.findChildren(QToolButton):
            clear.setAccessibleName(self.tr("Clear the search"))
            clear.setToolTip(self.tr("Clear the search"))
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
        self.status = QLabel()
        self.status.setObjectName("mutedText")
        self.status.setWordWrap(True)
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

    @Slot(object)
    def show_updated(self, customer: Customer) -> None:
        """A guest's details changed (a correction): their row shows it at once."""
        self.model.show_updated(customer)

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
            count = (self.tr("1 match") if rows == 1 and not more
                     else self.tr("{n}{more} matches").format(n=rows, more=more))
            self.status.setText(self.tr("{count}; ↓ to choose, Enter to open")
                                .format(count=count))
