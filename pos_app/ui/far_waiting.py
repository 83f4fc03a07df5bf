"""The list of approval requests other desks are waiting for, as an approver answers
them online (:func:`pos_app.services.far_approval.answer_remotely`).

Each row says who asks, for which guest, what and how much, from which desk and until
when. Approving takes the approver's PIN; declining also takes a reason, which the
associate reads to the guest. Keyboard: Enter on a row moves to the PIN, Enter in the
PIN approves (Alt+A), Enter in the reason declines (Alt+D), Esc closes. The list is
refreshed by the header's poll; if the selected request goes (answered elsewhere,
withdrawn, expired), the selection is cleared rather than moved to another one, so a
PIN typed for one request never approves the next.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.i18n import _ as translated
from pos_app.services.desk import RemoteRequest
from pos_app.services.far_approval import answer_remotely
from pos_app.ui.accessible import announce
from pos_app.ui.far_widgets import button, error_text, plain, until
from pos_app.ui.tasks import TaskRunner

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# English here, marked for lupdate (str() only for the type); the dialog says them in
# its language.
HEADERS = tuple(str(h) for h in (
    QT_TRANSLATE_NOOP("WaitingDialog", "Guest"), QT_TRANSLATE_NOOP("WaitingDialog", "Action"),
    QT_TRANSLATE_NOOP("WaitingDialog", "Amount"), QT_TRANSLATE_NOOP("WaitingDialog", "Asked by"),
    QT_TRANSLATE_NOOP("WaitingDialog", "Desk"), QT_TRANSLATE_NOOP("WaitingDialog", "Expires"),
    QT_TRANSLATE_NOOP("WaitingDialog", "Reason and note")))


def _expires(iso: str, locale: str, zone: tzinfo) -> str:
    """Central's ISO time (UTC; naive means UTC) as the desk's clock shows it."""
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return until(at, locale, zone)


class WaitingDialog(QDialog):
    answered = Signal()  # an answer was sent: time to refresh the list

    def __init__(self, app: App, tasks: TaskRunner, manager: Employee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._manager = app, tasks, manager
        self._requests: list[RemoteRequest] = []
        self._policy: Policy | None = None
        self._selected_id: str | None = None
        self.setWindowTitle(self.tr("Approvals waiting"))
        self.setAccessibleName(self.tr("Approvals waiting"))
        self.resize(980, 480)
        heading = QLabel(self.tr("Requests from other desks"))
        heading.setObjectName("sectionTitle")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setAccessibleName(self.tr("Requests waiting for an approver"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves; the arrows move inside
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = plain("mutedText")
        self.empty.setText(self.tr("Nothing is waiting for an answer."))
        self.pin = QLineEdit()
        self.pin.setAccessibleName(self.tr("Your PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(32)
        self.why = QLineEdit()
        self.why.setAccessibleName(self.tr("Reason for declining"))
        self.why.setPlaceholderText(self.tr("Needed to decline; the associate reads it to"
                                            " the guest"))
        self.why.setMaxLength(500)
        self.message = plain()
        self.message.setAccessibleDescription(self.tr("Result"))  # its name is what it shows
        self.decline = button(self.tr("Decline"), self.tr("Decline request"), "Alt+D",
                              self.tr("Decline the selected request, with the reason"
                                      " (Alt+D)"))
        self.approve = button(self.tr("Approve"), self.tr("Approve request"), "Alt+A",
                              self.tr("Approve the selected request with your PIN"
                                      " (Alt+A)"))
        self.close_button = button(self.tr("Close"), self.tr("Close"))
        form = QFormLayout()
        form.addRow(self.tr("Your PIN"), self.pin)
        form.addRow(self.tr("Reason to decline"), self.why)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.decline)
        buttons.addWidget(self.approve)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        chain = [self.table, self.pin, self.why, self.close_button, self.decline, self.approve]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.pin.returnPressed.connect(lambda: self._answer(True))
        self.why.returnPressed.connect(lambda: self._answer(False))
        self.approve.clicked.connect(lambda: self._answer(True))
        self.decline.clicked.connect(lambda: self._answer(False))
        self.close_button.clicked.connect(self.accept)
        self.show_requests([], None)
        self.table.setFocus()

    # Enter on a request moves on to the PIN; it never answers by itself.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _ENTER):
            self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def show_requests(self, requests: list[RemoteRequest], policy: Policy | None) -> None:
        keep, first = self._selected_id, self._policy is None and policy is not None
        self._requests, self._policy = requests, policy or self._policy
        self.table.blockSignals(True)  # refilling is not the approver choosing
        self.table.setRowCount(len(requests))
        for row, request in enumerate(requests):
            for col, text in enumerate(self._cells(request)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        ids = [r.id for r in requests]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        else:
            self.table.clearSelection()
            self.table.setCurrentCell(-1, -1)
            self._selected_id = None
            if keep is not None:
                self._say(self.tr("The request you had selected is no longer waiting"
                                  " (answered elsewhere, withdrawn or expired)."), True)
        self.table.blockSignals(False)
        if first and requests and self._selected_id is None:
            self.table.selectRow(0)  # on opening: the oldest request, ready to answer
        self.table.setVisible(bool(requests))
        self.empty.setVisible(not requests)
        self._enable()

    def _cells(self, r: RemoteRequest) -> tuple[str, ...]:
        policy = self._policy
        kind = policy.actions.get(r.action) if policy else None
        reason = policy.reasons.get(r.reason) if policy else None
        # The policy's words: the demo policy's in the language, a store's as written.
        said = translated(reason.label) if reason else r.reason
        if r.note:
            said = self.tr("{reason}: {note}").format(reason=said, note=r.note)
        locale = self._app.locale
        return (r.customer_name, translated(kind.label) if kind else r.action,
                Money(r.amount_minor, r.currency).format(locale), r.requester_name,
                r.terminal_id, _expires(r.expires_at, locale, self._app.zone), said)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        self._selected_id = self._requests[row].id if 0 <= row < len(self._requests) else None
        self._enable()

    def _selected(self) -> RemoteRequest | None:
        return next((r for r in self._requests if r.id == self._selected_id), None)

    def _enable(self) -> None:
        chosen = self._selected() is not None
        for widget in (self.approve, self.decline, self.pin, self.why):
            widget.setEnabled(chosen)

    def _summary(self, r: RemoteRequest) -> str:
        kind = self._policy.actions.get(r.action) if self._policy else None
        return self.tr("the {amount} {action} for {guest}, asked by {who}").format(
            amount=Money(r.amount_minor, r.currency).format(self._app.locale),
            # The label as a noun inside a sentence: its own entry (German keeps the capital).
            action=translated(kind.label.lower()) if kind else r.action.lower(),
            guest=r.customer_name,
            who=r.requester_name)

    def _answer(self, approve: bool) -> None:
        request = self._selected()
        pin, why = self.pin.text(), self.why.text().strip()
        self.pin.clear()  # never left in the field, whatever happens next
        if request is None:
            self._say(self.tr("Select a request first."), True)
            self.table.setFocus()
            return
        if not approve and not why:
            self._say(self.tr("Say why you decline, for the associate and the guest."), True)
            self.why.setFocus()
            return
        if not pin:
            self._say(self.tr("Enter your PIN to approve.") if approve
                      else self.tr("Enter your PIN to decline."), True)
            self.pin.setFocus()
            return
        desk, manager, what = self._app.desk, self._manager, self._summary(request)
        self.approve.setEnabled(False)
        self.decline.setEnabled(False)
        self._say(self.tr("Sending…"), False)
        self._tasks.run_write(
            lambda: answer_remotely(desk, request, manager.id, pin, approve, why),
            lambda _code: self._sent(request.id, approve, what),
            lambda err: self._failed(error_text(err, self.tr("Could not send the answer;"
                                                             " nothing was changed."))))

    def _sent(self, request_id: str, approve: bool, what: str) -> None:
        self.why.clear()
        self._selected_id = None  # answered: the list no longer offers it
        self.show_requests([r for r in self._requests if r.id != request_id], self._policy)
        self._say(self.tr("Sent: approved {what}. The asking desk grants it when the"
                          " answer arrives.").format(what=what) if approve
                  else self.tr("Sent: declined {what}.").format(what=what), False)
        self.table.setFocus()
        self.answered.emit()

    def _failed(self, message: str) -> None:
        self._say(message, True)
        self._enable()
        self.pin.setFocus()

    def _say(self, text: str, error: bool) -> None:
        self.message.setObjectName("errorText" if error else "")
        self.message.style().polish(self.message)
        self.message.setText(text)
        announce(self.message, text, urgent=error)
