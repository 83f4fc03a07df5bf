"""The approver's side of approvals from afar, in the main window.

"Phone approval" in the header (Ctrl+Shift+A), for anyone signed in, since the approver
may be at a colleague's desk: type the challenge the associate reads out, your ID and
PIN, and read the answer back (:class:`PhoneAnswerDialog`). For an approving tier at a
desk with a central database, :class:`FarAnswers` also asks every few seconds what
other desks are waiting for and shows "2 approvals waiting" in the status bar, beside
sync's own "to review" (Ctrl+Shift+W opens the list, see
:mod:`pos_app.ui.far_waiting`). Both dialogs open over the counter and leave its guest
as they are; locking or signing out closes them and stops the polling.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.approval_code import ApprovalCodeError
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.i18n import _ as translated
from pos_app.services.desk import RemoteRequest
from pos_app.services.far_approval import PhoneAnswer, answer_by_telephone, waiting_for
from pos_app.ui.accessible import announce, clear_field_error, field_error
from pos_app.ui.far_waiting import WaitingDialog
from pos_app.ui.far_widgets import button, code_label, error_text, plain
from pos_app.ui.screen import grow_to_text
from pos_app.ui.tasks import TaskRunner

POLL_MS = 5_000


class PhoneAnswerDialog(QDialog):
    """Challenge, ID, PIN: the answer to read back to the associate."""

    def __init__(self, app: App, tasks: TaskRunner, approver_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self.setWindowTitle(self.tr("Answer a telephone approval"))
        self.setAccessibleName(self.tr("Answer a telephone approval"))
        self.setMinimumWidth(560)
        intro = plain("mutedText")
        intro.setText(self.tr("The associate reads you a challenge. Type it with your own ID"
                              " and PIN, then read the answer back to them."))
        self.challenge = QLineEdit()
        self.challenge.setAccessibleName(self.tr("Challenge"))
        self.challenge.setPlaceholderText(self.tr("15 characters, as read to you"))
        self.challenge.setMaxLength(64)
        self.approver_id = QLineEdit(approver_id)
        self.approver_id.setAccessibleName(self.tr("Approver ID"))
        self.approver_id.setMaxLength(32)
        self.pin = QLineEdit()
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(32)
        self.error = plain("errorText")
        self.answer = code_label(self.tr("Answer code"))
        self.answer.hide()
        self.readback = plain("sectionTitle")
        self.readback.setAccessibleName(self.tr("What the answer approves"))
        self.who = plain("mutedText")
        self.make_button = button(self.tr("Make answer"), self.tr("Make answer"), "Alt+M",
                                  self.tr("Check your PIN and make the answer (Alt+M)"))
        self.close_button = button(self.tr("Close"), self.tr("Close"))
        form = QFormLayout()
        form.addRow(self.tr("Challenge"), self.challenge)
        form.addRow(self.tr("Approver ID"), self.approver_id)
        form.addRow(self.tr("PIN"), self.pin)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.make_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.answer)
        layout.addWidget(self.readback)
        layout.addWidget(self.who)
        layout.addLayout(buttons)
        # Enter moves on: the challenge, the ID (skipped when already there), the PIN.
        self.challenge.returnPressed.connect(self._after_challenge)
        self.approver_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._make)
        self.make_button.clicked.connect(self._make)
        self.close_button.clicked.connect(self.accept)
        # An answer belongs to the challenge it was made for: editing it hides the answer.
        self.challenge.textEdited.connect(lambda _text: self._show_answer(None))
        self.challenge.setFocus()

    def _after_challenge(self) -> None:
        (self.pin if self.approver_id.text().strip() else self.approver_id).setFocus()

    def _make(self) -> None:
        challenge, approver = self.challenge.text().strip(), self.approver_id.text().strip()
        pin = self.pin.text()
        self.pin.clear()  # never left in the field, whatever happens next
        for field, value, message in (
                (self.challenge, challenge, self.tr("Enter the challenge the associate"
                                                    " reads to you.")),
                (self.approver_id, approver, self.tr("Enter your employee ID.")),
                (self.pin, pin, self.tr("Enter your PIN."))):
            if not value:
                self._fail(message, field)
                return
        desk = self._app.desk
        self.make_button.setEnabled(False)
        self._show_answer(None)
        self.error.setText(self.tr("Checking…"))
        clear_field_error(self.challenge, self.approver_id, self.pin)
        self._tasks.run_write(
            lambda: (answer_by_telephone(desk, challenge, approver, pin), desk.policy()),
            self._made, lambda err: self._fail(
                error_text(err, self.tr("Could not make the answer; try again.")),
                # A misheard challenge costs no PIN attempt: back to the challenge.
                self.challenge if isinstance(err, ApprovalCodeError) else self.pin))

    def _made(self, result: tuple[PhoneAnswer, Policy]) -> None:
        self.make_button.setEnabled(True)
        self.error.setText("")
        self._show_answer(*result)
        self.close_button.setFocus()
        # The focus lands on Close: the answer to read back is said, not left to be found.
        announce(self.answer, self.answer.accessibleName())

    def _show_answer(self, answer: PhoneAnswer | None, policy: Policy | None = None) -> None:
        self.answer.setVisible(answer is not None)
        if answer is None or policy is None:
            self.answer.setText("")
            self.readback.setText("")
            self.who.setText("")
        else:
            kind = policy.actions.get(answer.action)
            self.answer.setText(answer.answer)
            self.answer.setAccessibleName(self.tr("Answer code {code}").format(
                code=answer.answer))
            self.readback.setText(self.tr("Read this back: {action} of {amount}").format(
                action=translated(kind.label) if kind else answer.action,
                amount=answer.amount.format(self._app.locale)))
            self.who.setText(self.tr("The associate types your ID, {id}, and this answer."
                                     " It is good for that one request only.").format(
                                         id=answer.approver.id))
        grow_to_text(self)

    def _fail(self, message: str, field: QLineEdit) -> None:
        self.make_button.setEnabled(True)
        self.error.setText(message)
        grow_to_text(self)
        field_error(field, message)  # read with the field, where the focus goes
        field.setFocus()


class FarAnswers(QObject):
    """The "Phone approval" and "N approvals waiting" buttons, their dialogs
    and the poll behind the second (run only while an approver is signed in)."""

    waiting_changed = Signal(int)  # how many requests wait (the review window shows it)

    def __init__(self, app: App, tasks: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._app, self._tasks, self._window = app, tasks, window
        self.employee: Employee | None = None
        self.can_approve = False
        self.requests: list[RemoteRequest] = []
        self.policy: Policy | None = None
        self.answer_dialog: PhoneAnswerDialog | None = None
        self.waiting_dialog: WaitingDialog | None = None
        self._polling = False
        self._session = 0  # answers to a poll from an earlier sign-in are dropped
        self.answer_button = QPushButton(self.tr("Phone approval"))
        self.answer_button.setAccessibleName(self.tr("Answer a telephone approval"))
        self.answer_button.setToolTip(self.tr("Answer an approval asked by telephone"
                                              " (Ctrl+Shift+A)"))
        self.waiting_button = QPushButton()
        self.waiting_button.setObjectName("approvalsWaiting")
        self.waiting_button.setToolTip(self.tr("Requests from other desks waiting for an"
                                               " approver (Ctrl+Shift+W)"))
        for widget in (self.answer_button, self.waiting_button):
            widget.hide()
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.answer_button.clicked.connect(self.open_answer)
        self.waiting_button.clicked.connect(self.open_waiting)

    def start(self, employee: Employee, can_approve: bool) -> None:
        """Someone signed in: the buttons for them, and the poll for an approver."""
        self.stop()
        self.employee, self.can_approve = employee, can_approve
        self.answer_button.show()
        if can_approve:
            session, desk = self._session, self._app.desk
            self._tasks.run_read(desk.central.configured,
                                 lambda ok: self._configured(session, ok), lambda _e: None)

    def _configured(self, session: int, configured: bool) -> None:
        if configured and session == self._session:
            self.timer.start()
            self.poll()

    def stop(self) -> None:
        """Locked or signed out: no more polling, and nothing left open over the lock."""
        self._session += 1
        self._polling = False
        self.timer.stop()
        self.employee, self.can_approve, self.requests = None, False, []
        self.answer_button.hide()
        self.waiting_button.hide()
        self.waiting_changed.emit(0)
        for dialog in (self.answer_dialog, self.waiting_dialog):
            if dialog is not None:
                dialog.reject()

    def poll(self) -> None:
        """What other desks wait for; never a second poll while one is out."""
        employee = self.employee
        if self._polling or employee is None or not self.can_approve:
            return
        self._polling = True
        session, desk = self._session, self._app.desk
        self._tasks.run_read(lambda: (waiting_for(desk, employee), desk.policy()),
                             lambda result: self._polled(session, *result),
                             lambda _err: self._polled(session, self.requests, self.policy))

    def _polled(self, session: int, requests: list[RemoteRequest],
                policy: Policy | None) -> None:
        if session != self._session:
            return
        self._polling = False
        self.requests, self.policy = requests, policy
        count = len(requests)
        text = (self.tr("1 approval waiting") if count == 1
                else self.tr("{n} approvals waiting").format(n=count))
        self.waiting_button.setText(text)
        self.waiting_button.setAccessibleName(text)
        self.waiting_button.setVisible(count > 0)
        self.waiting_changed.emit(count)
        if self.waiting_dialog is not None and policy is not None:
            self.waiting_dialog.show_requests(requests, policy)

    def open_answer(self) -> None:
        if self.employee is None:
            return
        # Prefilled only for an approver: an associate's own ID would be the wrong one.
        dialog = PhoneAnswerDialog(self._app, self._tasks,
                                   self.employee.id if self.can_approve else "", self._window)
        self.answer_dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def open_waiting(self) -> None:
        if self.employee is None or not self.can_approve:
            return
        dialog = WaitingDialog(self._app, self._tasks, self.employee, self._window)
        self.waiting_dialog = dialog
        if self.policy is not None:
            dialog.show_requests(self.requests, self.policy)
        dialog.answered.connect(self.poll)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()
        self.poll()

    def _closed(self, dialog: QDialog) -> None:
        if dialog is self.answer_dialog:
            self.answer_dialog = None
        if dialog is self.waiting_dialog:
            self.waiting_dialog = None
        dialog.deleteLater()
