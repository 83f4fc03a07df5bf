"""What a supervisor or manager does from their own sign-in: decide pending referrals
and lift a colleague's lockout."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.errors import LeewayError
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.services.granting import (
    GrantOutcome,
    ReferralView,
    decide_referral,
    pending_referrals,
)
from pos_app.services.staff import lift_lockout
from pos_app.ui.tasks import TaskRunner


class ManagerDialog(QDialog):
    changed = Signal()

    def __init__(self, app: App, tasks: TaskRunner, manager: Employee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._manager = app, tasks, manager
        self._views: list[ReferralView] = []
        self.setWindowTitle(self.tr("Referrals and accounts"))
        self.setAccessibleName(self.tr("Referrals and accounts"))
        self.resize(820, 420)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in (
            "Requested", "Guest", "By", "Action", "Amount", "Why")])
        self.table.setAccessibleName(self.tr("Pending referrals"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Decision note"))
        self.note.setPlaceholderText(self.tr("Note for the record (optional)"))
        self.note.setMaxLength(2000)
        self.approve = QPushButton(self.tr("Approve"))
        self.approve.setAccessibleName(self.tr("Approve referral"))
        self.decline = QPushButton(self.tr("Decline"))
        self.decline.setAccessibleName(self.tr("Decline referral"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.unlock_id = QLineEdit()
        self.unlock_id.setAccessibleName(self.tr("Employee ID to unlock"))
        self.unlock_id.setPlaceholderText(self.tr("Employee ID"))
        self.unlock_id.setMaxLength(32)
        self.unlock_button = QPushButton(self.tr("Lift lockout"))
        self.unlock_button.setAccessibleName(self.tr("Lift lockout"))
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.decline)
        row.addWidget(self.approve)
        unlock_row = QHBoxLayout()
        unlock_row.addWidget(QLabel(self.tr("Locked out colleague:")))
        unlock_row.addWidget(self.unlock_id)
        unlock_row.addWidget(self.unlock_button)
        unlock_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Pending referrals you may decide")))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(unlock_row)
        self.approve.clicked.connect(lambda: self._decide(True))
        self.decline.clicked.connect(lambda: self._decide(False))
        self.unlock_button.clicked.connect(self._unlock)
        self.unlock_id.returnPressed.connect(self._unlock)
        self.refresh()

    def refresh(self) -> None:
        desk, manager = self._app.desk, self._manager
        self._tasks.run_read(lambda: (pending_referrals(desk, manager), desk.policy()),
                             self._show,
                             self._error)

    def _show(self, result: tuple[list[ReferralView], Policy]) -> None:
        views, policy = result
        self._views = views
        self.table.setRowCount(len(views))
        for n, v in enumerate(views):
            r = v.referral
            kind = policy.actions.get(r.action)
            cells = (r.created_at.strftime("%Y-%m-%d %H:%M"), v.customer_name,
                     v.requester_name, kind.label if kind else r.action,
                     Money(r.amount_minor, r.currency).format(self._app.locale), r.why)
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))
        if views:
            self.table.selectRow(0)
        self.approve.setEnabled(bool(views))
        self.decline.setEnabled(bool(views))

    def _decide(self, approve: bool) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._views):
            return
        referral_id = self._views[row].referral.id
        desk, manager, note = self._app.desk, self._manager, self.note.text()
        self._tasks.run_write(
            lambda: decide_referral(desk, manager, referral_id, approve, note),
            self._decided, self._error)

    def _decided(self, outcome: GrantOutcome | None) -> None:
        if outcome is None:
            self._done(self.tr("Declined."))
        elif outcome.voucher is not None:
            self._done(self.tr("Approved and recorded; voucher {code} issued (print it from"
                               " the guest's history).").format(code=outcome.voucher.code))
        else:
            self._done(self.tr("Approved and recorded."))

    def _unlock(self) -> None:
        desk, manager, target = self._app.desk, self._manager, self.unlock_id.text()
        if not target.strip():
            return
        self._tasks.run_write(lambda: lift_lockout(desk, target, by=manager.id),
                              lambda _r: self._done(self.tr("Lockout lifted for {id}.")
                                                    .format(id=target.strip())),
                              self._error)

    def _done(self, message: str) -> None:
        self.message.setText(message)
        self.note.clear()
        self.changed.emit()
        self.refresh()

    def _error(self, error: BaseException) -> None:
        self.message.setText(str(error) if isinstance(error, LeewayError)
                             else self.tr("That did not work; nothing was changed."))
