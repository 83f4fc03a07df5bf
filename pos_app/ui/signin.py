"""The sign-in and lock screen: employee ID and PIN, checked off the UI thread.

The card is as tall as its text at its width, so a long message (a lockout) is never
cut and never squeezes the fields. A message belongs to the attempt it answers: typing
again clears it. After a wrong PIN it says how many attempts are left before the
lockout, in the same words for an ID that does not exist.

The screen can be up before the desk is open (the window shows it while a worker opens
the database, see pos_app.ui.app): a sign-in made meanwhile waits, saying so, and is
checked as soon as ``set_app`` arrives. Its services are imported on the worker that
uses them, for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import AuthenticationFailed, LeewayError
from pos_app.domain.lockout import LOCKOUT
from pos_app.ui.accessible import announce, clear_field_error, field_error
from pos_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import App
    from pos_app.domain.people import Employee


class SignInWidget(QWidget):
    signed_in = Signal(object)  # Employee

    def __init__(self, app: App | None, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self._waiting: tuple[int, str, str] | None = None  # a sign-in before the desk opened
        self._attempt = 0  # answers to an earlier attempt are dropped
        self._failures: dict[str, int] = {}  # wrong PINs in a row seen here, per ID
        self.title = QLabel(self.tr("Sign in"))
        self.title.setObjectName("signinTitle")
        self.subtitle = QLabel(self.tr("Enter your employee ID and PIN."))
        self.subtitle.setWordWrap(True)
        self.employee_id = QLineEdit()
        self.employee_id.setAccessibleName(self.tr("Employee ID"))
        self.employee_id.setMaxLength(32)
        self.pin = QLineEdit()
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(32)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setAccessibleName(self.tr("Sign in"))
        self.button.setDefault(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)

        card = QFrame()
        card.setObjectName("card")
        # A fixed width gives the wrapped texts one height for that width; centred by
        # stretches (not by an alignment flag, with which Qt would compute the height
        # for the whole window's width and cut the last lines).
        card.setFixedWidth(420)
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self.card = card
        form = QFormLayout()
        form.addRow(self.tr("Employee ID"), self.employee_id)
        form.addRow(self.tr("PIN"), self.pin)
        inner = QVBoxLayout(card)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.employee_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.employee_id.textEdited.connect(self._edited)
        self.pin.textEdited.connect(self._edited)

    def show_locked(self, employee: Employee | None) -> None:
        """Lock screen: nothing of the previous customer is visible behind it."""
        self.title.setText(self.tr("Locked") if employee else self.tr("Sign in"))
        self.subtitle.setText(
            self.tr("The desk locked itself. Sign in to continue.") if employee
            else self.tr("Enter your employee ID and PIN.")
        )
        self.employee_id.setText(employee.id if employee else "")
        self.pin.clear()
        self.error.clear()
        clear_field_error(self.employee_id, self.pin)
        (self.pin if employee else self.employee_id).setFocus()

    def set_app(self, app: App) -> None:
        """The desk is open: a sign-in that waited for it is checked now."""
        self._app = app
        waiting, self._waiting = self._waiting, None
        if waiting is not None:  # nothing can be typed over it: the button is disabled
            self._check(*waiting)

    def _edited(self, _text: str) -> None:
        if self.button.isEnabled():  # while checking, "Checking…" stays true
            self._attempt += 1
            self.error.clear()
            clear_field_error(self.employee_id, self.pin)

    @Slot()
    def submit(self) -> None:
        if not self.button.isEnabled():
            return  # Enter again while one is being checked (or waits for the desk)
        emp_id, pin = self.employee_id.text(), self.pin.text()
        self._attempt += 1
        if not emp_id.strip() or not pin:
            self.error.setText(self.tr("Enter your employee ID and PIN."))
            # Told with the field that is empty (the ID first), where the focus goes.
            empty = self.employee_id if not emp_id.strip() else self.pin
            field_error(empty, self.error.text())
            empty.setFocus()
            return
        self.pin.clear()
        self.button.setEnabled(False)
        clear_field_error(self.employee_id, self.pin)
        if self._app is None:  # seconds at most: the window opens the desk meanwhile
            self.error.setText(self.tr("Opening the desk…"))
            self._waiting = (self._attempt, emp_id, pin)
            return
        self._check(self._attempt, emp_id, pin)

    def _check(self, attempt: int, emp_id: str, pin: str) -> None:
        assert self._app is not None
        self.error.setText(self.tr("Checking…"))
        desk = self._app.desk

        def check() -> Employee:
            from pos_app.services.staff import sign_in

            return sign_in(desk, emp_id, pin)

        self._tasks.run_write(check, self._on_ok,
                              lambda error: self._on_error(attempt, emp_id, error))

    def _on_ok(self, employee: Employee) -> None:
        self.button.setEnabled(True)
        self.error.clear()
        clear_field_error(self.employee_id, self.pin)
        self._failures.pop(employee.id, None)
        self.signed_in.emit(employee)

    def _on_error(self, attempt: int, emp_id: str, error: BaseException) -> None:
        self.button.setEnabled(True)
        message = (str(error) if isinstance(error, LeewayError)
                   else self.tr("Sign-in failed; please try again."))
        self.error.setText(message)
        field_error(self.pin, message)  # read with the PIN, where the focus goes
        self.pin.setFocus()
        if isinstance(error, AuthenticationFailed) and self._app is not None:
            desk, key = self._app.desk, emp_id.strip()
            seen = self._failures[key] = self._failures.get(key, 0) + 1

            def left() -> int | None:
                from pos_app.services.attempts import attempts_left

                return attempts_left(desk, key, seen)

            self._tasks.run_read(left, lambda n: self._show_attempts(attempt, message, n))

    def _show_attempts(self, attempt: int, message: str, left: int | None) -> None:
        if attempt != self._attempt or left is None:
            return  # typed again meanwhile, or locked (the message already says so)
        minutes = int(LOCKOUT.total_seconds() // 60)
        more = (self.tr("1 attempt left before this ID is locked for {minutes} minutes.")
                if left == 1 else
                self.tr("{n} attempts left before this ID is locked for {minutes} minutes."))
        self.error.setText(f"{message} {more.format(n=left, minutes=minutes)}")
        # The PIN carries the whole sentence; only the news is said (the mismatch was).
        field_error(self.pin, self.error.text(), speak=False)
        announce(self.pin, more.format(n=left, minutes=minutes))
