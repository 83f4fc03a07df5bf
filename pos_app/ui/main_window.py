"""The main window: header, the sign-in/lock screen or the counter, and a status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.people import Employee
from pos_app.ui.counter import CounterWidget
from pos_app.ui.signin import SignInWidget
from pos_app.ui.tasks import TaskRunner

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel}


class MainWindow(QMainWindow):
    def __init__(self, app: App, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.app = app
        self.tasks = tasks or TaskRunner(self)
        self.employee: Employee | None = None
        with app.uow() as uow:
            self._store = uow.terminal().store_name
        self.setWindowTitle(self.tr("Leeway — {store}").format(store=self._store))
        self.setMinimumSize(1000, 640)
        self.resize(1366, 768)

        self.header = QFrame()
        self.header.setObjectName("header")
        self.store_label = QLabel(self._store)
        self.employee_label = QLabel()
        self.employee_label.setObjectName("employeeName")
        self.employee_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock the desk (Ctrl+L)"))
        self.lock_button.setAccessibleName(self.tr("Lock"))
        self.signout_button = QPushButton(self.tr("Sign out"))
        self.signout_button.setToolTip(self.tr("Sign out (Ctrl+Shift+Q)"))
        self.signout_button.setAccessibleName(self.tr("Sign out"))
        head = QHBoxLayout(self.header)
        head.addWidget(self.store_label)
        head.addStretch(1)
        head.addWidget(self.employee_label)
        head.addWidget(self.lock_button)
        head.addWidget(self.signout_button)

        self.signin = SignInWidget(app, self.tasks)
        self.counter = CounterWidget(app, self.tasks)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.signin)
        self.stack.addWidget(self.counter)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_employee = QLabel()
        self.status_sync = QLabel(self.tr("Local only"))
        self.status_sync.setAccessibleName(self.tr("Sync status"))
        self.statusBar().addWidget(self.status_employee)
        self.statusBar().addPermanentWidget(self.status_sync)

        self.idle = QTimer(self, singleShot=True)
        self.idle.setInterval(app.policy().idle_lock_minutes * 60_000)
        self.idle.timeout.connect(self.lock)

        self.signin.signed_in.connect(self._signed_in)
        self.lock_button.clicked.connect(self.lock)
        self.signout_button.clicked.connect(self.sign_out)
        QShortcut(QKeySequence("Ctrl+K"), self, self.counter.search.focus_search)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, self.sign_out)
        from PySide6.QtWidgets import QApplication

        instance = QApplication.instance()
        if instance is not None:
            instance.installEventFilter(self)
        self._show_signed_out()

    # Any key or mouse activity restarts the idle timer.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.employee is not None and event.type() in _ACTIVITY:
            self.idle.start()
        return False

    def _show_signed_out(self) -> None:
        self.employee_label.setText("")
        self.lock_button.hide()
        self.signout_button.hide()
        self.status_employee.setText(self.tr("Not signed in"))
        self.stack.setCurrentWidget(self.signin)
        self.signin.show_locked(None)

    @Slot(object)
    def _signed_in(self, employee: Employee) -> None:
        if self.employee is not None and employee.id != self.employee.id:
            self.counter.clear()  # someone else took over the desk
        self.employee = employee
        tier = employee.tier.replace("_", " ").capitalize()
        self.employee_label.setText(f"{employee.name} · {tier}")
        self.status_employee.setText(self.tr("Signed in: {name} ({id})").format(
            name=employee.name, id=employee.id))
        self.lock_button.show()
        self.signout_button.show()
        self.stack.setCurrentWidget(self.counter)
        self.counter.start(employee)
        self.idle.start()

    @Slot()
    def lock(self) -> None:
        if self.employee is None:
            return
        self.idle.stop()
        # Hide the customer: the lock screen covers the counter, and its data is cleared.
        self.counter.clear()
        self.stack.setCurrentWidget(self.signin)
        self.signin.show_locked(self.employee)
        self.lock_button.hide()

    @Slot()
    def sign_out(self) -> None:
        self.idle.stop()
        self.employee = None
        self.counter.clear()
        self.counter.employee = None
        self._show_signed_out()

    def closeEvent(self, event: object) -> None:  # noqa: N802
        from PySide6.QtWidgets import QApplication

        instance = QApplication.instance()
        if instance is not None:
            instance.removeEventFilter(self)
        self.tasks.shutdown()
        super().closeEvent(event)  # type: ignore[arg-type]
