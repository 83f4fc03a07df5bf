"""The status bar's sync indicator: online/offline, pending events and their age, last
sync, rejected events, offline allowance left; "Sync now"; and the review list.

Sync runs on a timer and on demand, always on a worker: losing the network changes
nothing at the counter except this indicator.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.adapters.central.sync import SyncReport, SyncState
from pos_app.bootstrap import App
from pos_app.domain.errors import LeewayError
from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.domain.zones import desk_zone, format_clock
from pos_app.services.ports import ReviewItem, ReviewKind
from pos_app.services.sync_review import mark_reviewed, review_items, summary
from pos_app.ui.accessible import announce
from pos_app.ui.tasks import TaskRunner

SYNC_INTERVAL_MS = 60_000


def _clock(iso: str, locale: str, zone: tzinfo | None) -> str:
    """A time the sync state stores (ISO, UTC) on the desk's clock."""
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return iso[11:16]
    return format_clock(at, locale, zone or desk_zone(None))


def describe(report: SyncReport, locale: str, currency: str,
             zone: tzinfo | None = None) -> str:
    # A function, not a widget: the indicator's context, named (lupdate records it).
    if report.state is SyncState.LOCAL_ONLY:
        return QCoreApplication.translate("SyncIndicator", "Local only")
    parts = [QCoreApplication.translate("SyncIndicator", "Online")
             if report.state is SyncState.ONLINE
             else QCoreApplication.translate("SyncIndicator", "Offline")]
    if report.pending and report.oldest_pending_age_s is not None:
        minutes = int(report.oldest_pending_age_s // 60)
        pending = (QCoreApplication.translate("SyncIndicator",
                                              "{n} pending (oldest {minutes} min)")
                   if minutes else
                   QCoreApplication.translate("SyncIndicator", "{n} pending (oldest <1 min)"))
        parts.append(pending.format(n=report.pending, minutes=minutes))
    else:
        parts.append(QCoreApplication.translate("SyncIndicator", "{n} pending").format(
            n=report.pending))
    parts.append(QCoreApplication.translate("SyncIndicator", "last sync {time}").format(
        time=_clock(report.last_sync_at, locale, zone)) if report.last_sync_at
        else QCoreApplication.translate("SyncIndicator", "never synced"))
    if report.rejected_total:
        parts.append(QCoreApplication.translate("SyncIndicator", "{n} rejected").format(
            n=report.rejected_total))
    if report.allowance_left:
        left = min(report.allowance_left.values())
        parts.append(QCoreApplication.translate("SyncIndicator", "allowance left {amount}")
                     .format(amount=Money(max(left, 0), currency).format(locale)))
    return " · ".join(parts)


class SyncIndicator(QWidget):
    """Figures, "Sync now" and the review list; sync runs on its own worker."""

    policy_in_force = Signal(object)  # the Policy the desk now works under

    def __init__(self, app: App, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self._busy = False
        self.label = QLabel(self.tr("Local only"))
        # Its name is what it shows ("Online · 3 pending"), as for any label; the
        # description says what that is.
        self.label.setAccessibleDescription(self.tr("Sync status"))
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.review_button = QPushButton()
        self.review_button.setAccessibleName(self.tr("Review sync conflicts"))
        self.review_button.hide()
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Sync with the central database now"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.review_button)
        layout.addWidget(self.label)
        layout.addWidget(self.sync_button)
        self.sync_button.clicked.connect(self.sync_now)
        self.review_button.clicked.connect(self.open_review)
        self.timer = QTimer(self, interval=SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self.sync_now)
        self.refresh()

    def start(self) -> None:
        self.timer.start()

    def refresh(self) -> None:
        syncer, desk = self._app.syncer, self._app.desk
        self._tasks.run_read(lambda: (syncer.status(), review_items(desk.uows),
                                      desk.policy()), self._show)

    def sync_now(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.sync_button.setEnabled(False)
        syncer = self._app.syncer
        self._tasks.run_sync(syncer.sync_once, self._synced, lambda _e: self._synced(None))

    def _synced(self, report: SyncReport | None) -> None:
        self._busy = False
        self.sync_button.setEnabled(True)
        self.refresh()

    def _show(self, result: tuple[SyncReport, list[ReviewItem], Policy]) -> None:
        report, items, policy = result
        self.label.setText(describe(report, self._app.locale, policy.currency,
                                    self._app.zone))
        self.policy_in_force.emit(policy)
        self.sync_button.setVisible(report.state is not SyncState.LOCAL_ONLY)
        self.review_button.setVisible(bool(items))
        self.review_button.setText(self.tr("{n} to review").format(n=len(items)))

    def open_review(self) -> None:
        dialog = ReviewDialog(self._app, self._tasks, self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.finished.connect(dialog.deleteLater)
        self.review_dialog = dialog
        dialog.open()


class ReviewDialog(QDialog):
    """What sync could not settle on its own, for a person to look at."""

    def __init__(self, app: App, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self._items: list[ReviewItem] = []
        self.setWindowTitle(self.tr("Review sync results"))
        self.setAccessibleName(self.tr("Review sync results"))
        self.resize(760, 360)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Which"),
                                              self.tr("Details")])
        self.table.setAccessibleName(self.tr("Items to review"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.done_button = QPushButton(self.tr("Mark reviewed"))
        self.done_button.setAccessibleName(self.tr("Mark reviewed"))
        close = QPushButton(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(close)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.done_button.clicked.connect(self._mark)
        close.clicked.connect(self.accept)
        self._load()

    def _load(self) -> None:
        uows = self._app.desk.uows
        self._tasks.run_read(lambda: review_items(uows), self._show)

    def _show(self, items: list[ReviewItem]) -> None:
        self._items = items
        self.table.setRowCount(len(items))
        for n, item in enumerate(items):
            what = {ReviewKind.CONTACT_CONFLICT: self.tr("Contact conflict"),
                    ReviewKind.DOUBLE_REDEMPTION: self.tr("Voucher redeemed twice"),
                    ReviewKind.REJECTED_EVENT: self.tr("Rejected by central")}[item.kind]
            for col, value in enumerate((what, item.key, summary(item))):
                self.table.setItem(n, col, QTableWidgetItem(value))
        if items:
            self.table.selectRow(0)

    def _mark(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._items):
            return
        uows, conflict_id = self._app.desk.uows, self._items[row].conflict_id
        self._tasks.run_write(lambda: mark_reviewed(uows, conflict_id),
                              lambda _r: self._load(), self._error)

    def _error(self, error: BaseException) -> None:
        self.message.setText(str(error) if isinstance(error, LeewayError)
                             else self.tr("That did not work; nothing was changed."))
        announce(self.message, self.message.text(), urgent=True)
