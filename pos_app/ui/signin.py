"""The sign-in and lock screen: employee ID and PIN, checked off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.errors import LeewayError
from pos_app.domain.people import Employee
from pos_app.services.staff import sign_in
from pos_app.ui.tasks import TaskRunner


class SignInWidget(QWidget):
    signed_in = Signal(object)  # Employee

    def __init__(self, app: App, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self.title = QLabel(self.tr("Sign in"))
        self.title.setObjectName("signinTitle")
        self.subtitle = QLabel(self.tr("Enter your employee ID and PIN."))
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
        card.setMaximumWidth(420)
        form = QFormLayout()
        form.addRow(self.tr("Employee ID"), self.employee_id)
        form.addRow(self.tr("PIN"), self.pin)
        inner = QVBoxLayout(card)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.employee_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)

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
        (self.pin if employee else self.employee_id).setFocus()

    @Slot()
    def submit(self) -> None:
        emp_id, pin = self.employee_id.text(), self.pin.text()
        if not emp_id.strip() or not pin:
            self.error.setText(self.tr("Enter your employee ID and PIN."))
            return
        self.pin.clear()
        self.button.setEnabled(False)
        self.error.setText(self.tr("Checking…"))
        self._tasks.run_write(lambda: sign_in(self._app.desk, emp_id, pin),
                              self._on_ok, self._on_error)

    def _on_ok(self, employee: Employee) -> None:
        self.button.setEnabled(True)
        self.error.clear()
        self.signed_in.emit(employee)

    def _on_error(self, error: BaseException) -> None:
        self.button.setEnabled(True)
        self.error.setText(str(error) if isinstance(error, LeewayError)
                           else self.tr("Sign-in failed; please try again."))
        self.pin.setFocus()
