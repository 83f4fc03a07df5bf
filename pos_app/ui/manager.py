"""What an approving tier does from their own sign-in (Ctrl+R): decide pending
referrals and lift a colleague's lockout.

Safe against a stray Enter: the dialog has no default button, Enter on a referral only
moves on to the decision note, and declining asks once more (with "keep it pending" as
the answer Enter gives). Referrals above the viewer's tier are listed read-only, as
waiting for whoever may decide them. Locked accounts are listed; Enter on one lifts it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.errors import LeewayError
from pos_app.domain.messages import tier_name
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.domain.zones import format_when
from pos_app.i18n import _ as translated
from pos_app.services.granting import GrantOutcome, ReferralView, decide_referral, referral_queue
from pos_app.services.staff import LockedAccount, lift_lockout, locked_accounts
from pos_app.ui.accessible import announce
from pos_app.ui.tasks import TaskRunner

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _local(at: datetime, app: App) -> str:
    """Stored times are naive UTC; the desk reads them in its own zone."""
    return format_when(at, app.locale, app.zone)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    # Never a default button: Enter presses only the button that has the focus.
    button.setAutoDefault(False)
    return button


class ManagerDialog(QDialog):
    changed = Signal()

    def __init__(self, app: App, tasks: TaskRunner, manager: Employee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._manager = app, tasks, manager
        self._views: list[ReferralView] = []
        self._locked: list[LockedAccount] = []
        self._policy: Policy | None = None
        self._first_show = True
        self.confirm: QMessageBox | None = None
        self.setWindowTitle(self.tr("Referrals and accounts"))
        self.setAccessibleName(self.tr("Referrals and accounts"))
        self.resize(980, 560)
        self.table = _table([self.tr("Requested"), self.tr("Guest"), self.tr("By"),
                             self.tr("Action"), self.tr("Amount"), self.tr("Status"),
                             self.tr("Reason and note")],
                            self.tr("Pending referrals"))
        self.empty = QLabel(self.tr("No referrals are pending."))
        self.empty.setObjectName("mutedText")
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Decision note"))
        self.note.setPlaceholderText(self.tr("Note for the record (optional)"))
        self.note.setMaxLength(2000)
        self.decline = _button(self.tr("&Decline…"), self.tr("Decline referral"))
        self.decline.setToolTip(self.tr("Decline the selected referral; asks first (Alt+D)"))
        self.approve = _button(self.tr("&Approve"), self.tr("Approve referral"))
        self.approve.setToolTip(self.tr("Approve and record the selected referral (Alt+A)"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.locked = _table([self.tr("ID"), self.tr("Name"), self.tr("Tier"),
                              self.tr("Locked until")], self.tr("Locked accounts"))
        self.locked.setMaximumHeight(150)
        self.no_locks = QLabel(self.tr("Nobody is locked out at this desk."))
        self.no_locks.setObjectName("mutedText")
        self.unlock_button = _button(self.tr("&Lift lockout"), self.tr("Lift lockout"))
        self.unlock_button.setToolTip(self.tr("Lift the selected lockout (Enter on the row,"
                                              " or Alt+L)"))
        self.close_button = _button(self.tr("Close"), self.tr("Close"))

        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.decline)
        row.addWidget(self.approve)
        unlock_row = QHBoxLayout()
        unlock_row.addStretch(1)
        unlock_row.addWidget(self.unlock_button)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(self.close_button)
        heading = QLabel(self.tr("Pending referrals"))
        heading.setObjectName("sectionTitle")
        lock_heading = QLabel(self.tr("Locked accounts"))
        lock_heading.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addSpacing(12)
        layout.addWidget(lock_heading)
        layout.addWidget(self.locked)
        layout.addWidget(self.no_locks)
        layout.addLayout(unlock_row)
        # Takes the spare height only when the referrals table is hidden (nothing
        # pending), so the empty dialog packs at the top instead of spreading out.
        layout.addStretch(0)
        layout.addLayout(end)
        chain = [self.table, self.note, self.decline, self.approve, self.locked,
                 self.unlock_button, self.close_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.table.installEventFilter(self)
        self.locked.installEventFilter(self)
        self.table.currentCellChanged.connect(lambda *_a: self._enable())
        self.approve.clicked.connect(lambda: self._decide(True))
        self.decline.clicked.connect(self._ask_decline)
        self.unlock_button.clicked.connect(self._unlock)
        self.close_button.clicked.connect(self.accept)
        self._enable()
        self.refresh()

    # Enter on a referral never decides it; Enter on a locked account lifts it.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _ENTER and not event.isAutoRepeat()):
            if watched is self.table:
                self.note.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if watched is self.locked:
                self._unlock()
                return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        desk, manager = self._app.desk, self._manager
        self._tasks.run_read(
            lambda: (referral_queue(desk, manager), desk.policy(), locked_accounts(desk)),
            self._show, self._error)

    def _show(self, result: tuple[list[ReferralView], Policy, list[LockedAccount]]) -> None:
        views, policy, locked = result
        self._views, self._policy, self._locked = views, policy, locked
        self.table.setRowCount(len(views))
        for n, view in enumerate(views):
            for col, text in enumerate(self._cells(view, policy)):
                item = QTableWidgetItem(text)
                item.setToolTip(view.referral.why)  # why it needed a higher tier
                if not view.can_decide:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(n, col, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(views))
        self.empty.setVisible(not views)
        for widget in (self.note, self.decline, self.approve):
            widget.setVisible(bool(views))  # nothing to decide: no controls to decide it
        if views:
            self.table.selectRow(0)
        self.locked.setRowCount(len(locked))
        for n, account in enumerate(locked):
            person = account.employee
            tier = tier_name(person.tier)
            # Only the first letter raised (capitalize() would lower the rest: German nouns).
            for col, text in enumerate((person.id, person.name, tier[:1].upper() + tier[1:],
                                        _local(account.until, self._app))):
                self.locked.setItem(n, col, QTableWidgetItem(text))
        self.locked.setVisible(bool(locked))
        self.no_locks.setVisible(not locked)
        if locked:
            self.locked.selectRow(0)
        self._enable()
        if self._first_show:
            self._first_show = False
            first = next((w for w in (self.table, self.locked) if w.isVisibleTo(self)),
                         self.close_button)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cells(self, view: ReferralView, policy: Policy) -> tuple[str, ...]:
        r = view.referral
        kind = policy.actions.get(r.action)
        reason = policy.reasons.get(r.reason)
        said = translated(reason.label) if reason else r.reason
        if r.note:
            said = self.tr("{reason}: {note}").format(reason=said, note=r.note)
        if view.can_decide:
            status = self.tr("You may decide")
        elif r.requester_id == self._manager.id:
            status = self.tr("Your own request: another approver decides it")
        else:
            status = self.tr("Waiting for a {tier}").format(tier=tier_name(r.required_tier))
        # The associate's own words go last, in the column that stretches and wraps.
        return (_local(r.created_at, self._app), view.customer_name, view.requester_name,
                translated(kind.label) if kind else r.action,
                Money(r.amount_minor, r.currency).format(self._app.locale), status, said)

    def _selected(self) -> ReferralView | None:
        row = self.table.currentRow()
        return self._views[row] if 0 <= row < len(self._views) else None

    def _enable(self) -> None:
        view = self._selected()
        decidable = view is not None and view.can_decide
        self.approve.setEnabled(decidable)
        self.decline.setEnabled(decidable)
        self.note.setEnabled(decidable)
        self.unlock_button.setEnabled(bool(self._locked))

    def _summary(self, view: ReferralView) -> str:
        r = view.referral
        kind = self._policy.actions.get(r.action) if self._policy else None
        return self.tr("the {amount} {action} for {guest}, asked by {who}").format(
            amount=Money(r.amount_minor, r.currency).format(self._app.locale),
            # The demo policy's noun in the desk's language (German keeps the capital).
            action=translated(kind.label.lower()) if kind else r.action.lower(),
            guest=view.customer_name,
            who=view.requester_name)

    def _ask_decline(self) -> None:
        view = self._selected()
        if view is None or not view.can_decide:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Decline referral"),
                          self.tr("Decline {what}?").format(what=self._summary(view)),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(self.tr("The guest gets nothing, and the request leaves"
                                       " the list for good."))
        decline = box.addButton(self.tr("&Decline it"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep it pending"), QMessageBox.ButtonRole.RejectRole)
        decline.setAccessibleName(self.tr("Decline it"))
        keep.setAccessibleName(self.tr("Keep it pending"))
        box.setDefaultButton(keep)  # Enter, pressed by habit, keeps it
        box.setEscapeButton(keep)
        referral_id = view.referral.id

        def answered() -> None:
            if box.clickedButton() is decline:
                self._decide(False, referral_id)
            else:
                self.decline.setFocus(Qt.FocusReason.OtherFocusReason)

        box.finished.connect(lambda _r: answered())
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()

    def _decide(self, approve: bool, referral_id: str | None = None) -> None:
        view = self._selected()
        if referral_id is None:
            if view is None or not view.can_decide:
                return
            referral_id = view.referral.id
        what = self._summary(view) if view and view.referral.id == referral_id else ""
        desk, manager, note = self._app.desk, self._manager, self.note.text()
        rid = referral_id
        self.approve.setEnabled(False)
        self.decline.setEnabled(False)
        self._tasks.run_write(
            lambda: decide_referral(desk, manager, rid, approve, note),
            lambda outcome: self._decided(outcome, what), self._error)

    def _decided(self, outcome: GrantOutcome | None, what: str) -> None:
        if outcome is None:
            self._done(self.tr("Declined {what}.").format(what=what) if what
                       else self.tr("Declined."))
        elif outcome.voucher is not None:
            self._done(self.tr("Approved and recorded; voucher {code} issued (print it from"
                               " the guest's history).").format(code=outcome.voucher.code))
        else:
            self._done(self.tr("Approved and recorded."))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unlock(self) -> None:
        row = self.locked.currentRow()
        if not 0 <= row < len(self._locked):
            return
        person = self._locked[row].employee
        desk, manager = self._app.desk, self._manager
        self.unlock_button.setEnabled(False)
        self._tasks.run_write(
            lambda: lift_lockout(desk, person.id, by=manager.id),
            lambda _r: self._done(self.tr("Lockout lifted for {name} ({id}).").format(
                name=person.name, id=person.id)),
            self._error)

    def _say(self, text: str, error: bool) -> None:
        self.message.setObjectName("errorText" if error else "")
        self.message.style().polish(self.message)
        self.message.setText(text)
        announce(self.message, text, urgent=error)

    def _done(self, message: str) -> None:
        self._say(message, error=False)
        self.note.clear()
        self.changed.emit()
        self.refresh()

    def _error(self, error: BaseException) -> None:
        self._say(str(error) if isinstance(error, LeewayError)
                  else self.tr("That did not work; nothing was changed."), error=True)
        self._enable()
