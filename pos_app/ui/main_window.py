"""The main window: header, the sign-in/lock screen or the counter, and a status bar.

The desk's shortcuts live here (Ctrl+K search, Ctrl+L lock, Ctrl+R referrals and
lockouts, Ctrl+Shift+V check a voucher, Ctrl+Shift+A answer a telephone approval,
Ctrl+Shift+W approvals other desks wait for, Ctrl+Shift+R review and learning for
supervisors and above, Ctrl+Shift+Q sign out; the counter adds Alt+1…Alt+9 for its
buttons), with Enter pressing whichever button has the focus.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
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

from pos_app.domain.messages import tier_name
from pos_app.ui.keyboard import EnterPressesFocusedButton
from pos_app.ui.recognition import RecognitionNotice
from pos_app.ui.screen import fit_to_screen
from pos_app.ui.signin import SignInWidget
from pos_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import App
    from pos_app.domain.people import Employee
    from pos_app.domain.policy import Policy
    from pos_app.ui.counter import CounterWidget
    from pos_app.ui.far_answer import FarAnswers
    from pos_app.ui.review import ReviewWindow
    from pos_app.ui.sync_status import SyncIndicator

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel}


class MainWindow(QMainWindow):
    """The desk's window. Built in two steps so the sign-in screen shows at once: the
    frame (header, sign-in, status bar) needs no open desk; ``attach`` adds what does
    (the counter, sync, approvals from afar, shortcuts) once a worker has opened it.
    Given an ``App`` (tests, tools), both steps happen here."""

    desk_opened = Signal()  # after ``attach``: the counter is there

    def __init__(self, app: App | None, tasks: TaskRunner | None = None,
                 store: str = "") -> None:
        super().__init__()
        self.tasks = tasks or TaskRunner(self)
        self.employee: Employee | None = None
        self._store = store
        self.setWindowTitle(self.tr("Leeway — {store}").format(store=store) if store
                            else "Leeway")
        fit_to_screen(self)

        self.header = QFrame()
        self.header.setObjectName("header")
        self.store_label = QLabel(store)
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)  # a name, never markup
        self.employee_label = QLabel()
        self.employee_label.setObjectName("employeeName")
        self.employee_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock the desk (Ctrl+L)"))
        self.lock_button.setAccessibleName(self.tr("Lock"))
        self.voucher_button = QPushButton(self.tr("Voucher"))
        self.voucher_button.setToolTip(self.tr("Check or redeem a voucher (Ctrl+Shift+V)"))
        self.voucher_button.setAccessibleName(self.tr("Check a voucher"))
        self.manager_button = QPushButton(self.tr("Referrals"))
        self.manager_button.setToolTip(self.tr("Pending referrals and lockouts (Ctrl+R)"))
        self.manager_button.setAccessibleName(self.tr("Referrals and accounts"))
        self.review_button = QPushButton(self.tr("Review"))
        self.review_button.setToolTip(self.tr("Review and learning (Ctrl+Shift+R)"))
        self.review_button.setAccessibleName(self.tr("Review and learning"))
        self.signout_button = QPushButton(self.tr("Sign out"))
        self.signout_button.setToolTip(self.tr("Sign out (Ctrl+Shift+Q)"))
        self.signout_button.setAccessibleName(self.tr("Sign out"))
        self._head = head = QHBoxLayout(self.header)
        head.addWidget(self.store_label)
        head.addStretch(1)
        head.addWidget(self.employee_label)
        head.addWidget(self.voucher_button)
        head.addWidget(self.manager_button)
        head.addWidget(self.review_button)
        head.addWidget(self.lock_button)
        head.addWidget(self.signout_button)

        self.signin = SignInWidget(None, self.tasks)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.signin)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = RecognitionNotice()
        self.review: ReviewWindow | None = None
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_employee = QLabel()
        self.statusBar().addWidget(self.status_employee)
        self.status_audit = QLabel()
        self.status_audit.setObjectName("errorText")
        self.status_audit.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_audit)
        self.audit_problem: str | None = None
        self.signin.signed_in.connect(self._signed_in)
        self._hide_employee_buttons()
        self.status_employee.setText(self.tr("Opening the desk…"))
        self.stack.setCurrentWidget(self.signin)
        self.signin.show_locked(None)
        self._attached = False
        # Set by closeEvent; read by the worker opening the desk (a threading.Event, as
        # it is read off the UI thread).
        self.closing = threading.Event()
        if app is not None:
            self.attach(app)

    def attach(self, app: App, store: str | None = None) -> None:
        """The desk is open: add the counter and everything else that needs it.
        ``store`` is its name when the opener read it already (off the UI thread)."""
        # Imported here, not at the top: the sign-in screen is shown before these
        # (and the data layer under them) are loaded.
        from PySide6.QtWidgets import QApplication

        from pos_app.services.audit import audit_problem
        from pos_app.ui.counter import CounterWidget
        from pos_app.ui.far_answer import FarAnswers
        from pos_app.ui.sync_status import SyncIndicator

        self.app = app
        if store is None:
            with app.uow() as uow:
                store = uow.terminal().store_name
        self._store = store
        self.setWindowTitle(self.tr("Leeway — {store}").format(store=store))
        self.store_label.setText(store)

        self.far: FarAnswers = FarAnswers(app, self.tasks, self)
        # In the header after the employee's name (0 store, 1 stretch, 2 name).
        self._head.insertWidget(3, self.far.answer_button)
        self.counter: CounterWidget = CounterWidget(app, self.tasks)
        self.stack.addWidget(self.counter)
        self.status_sync: SyncIndicator = SyncIndicator(app, self.tasks)
        # Beside sync's "to review": the header has no room left on a 1024 px till.
        self.statusBar().addPermanentWidget(self.far.waiting_button)
        self.statusBar().addPermanentWidget(self.status_sync)

        self.idle = QTimer(self, singleShot=True)
        self.idle.setInterval(app.policy().idle_lock_minutes * 60_000)
        self.idle.timeout.connect(self._idle_lock)

        self.lock_button.clicked.connect(self.lock)
        self.signout_button.clicked.connect(self.sign_out)
        QShortcut(QKeySequence("Ctrl+K"), self, self.counter.search.focus_search)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, self.sign_out)
        QShortcut(QKeySequence("Ctrl+R"), self, self.open_manager)
        QShortcut(QKeySequence("Ctrl+Shift+V"), self, self.open_voucher_check)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.far.open_answer)
        QShortcut(QKeySequence("Ctrl+Shift+W"), self, self.far.open_waiting)
        QShortcut(QKeySequence("Ctrl+Shift+R"), self, self.open_review)
        self.review_button.clicked.connect(self.open_review)
        self.voucher_button.clicked.connect(self.open_voucher_check)
        self.manager_button.clicked.connect(self.open_manager)
        self.status_sync.start()
        self.counter.decision_recorded.connect(self.status_sync.refresh)
        self.status_sync.policy_in_force.connect(self.counter.apply_policy)
        self.counter.policy_changed.connect(self._policy_changed)
        # The audit chain is checked once per start, in the background.
        self.tasks.run_read(lambda: audit_problem(app.desk.uows), self._audit_checked)

        self._enter_keys = EnterPressesFocusedButton(self)
        instance = QApplication.instance()
        if instance is not None:
            instance.installEventFilter(self)
            instance.installEventFilter(self._enter_keys)
        self._attached = True
        self.status_employee.setText(self.tr("Not signed in"))
        self.far.stop()
        self.signin.set_app(app)  # a sign-in typed meanwhile is checked now
        self.desk_opened.emit()

    def app_failed(self) -> None:
        """``attach`` raised: the desk is closed by the caller, and nothing here may
        use it (the window stays the frame it was)."""
        self._attached = False
        if hasattr(self, "app"):
            del self.app

    @property
    def is_open(self) -> bool:
        """Whether the desk is attached (``app`` and the counter exist)."""
        return self._attached

    # Any key or mouse activity restarts the idle timer.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.employee is not None and event.type() in _ACTIVITY:
            self.idle.start()
        return False

    def _audit_checked(self, problem: str | None) -> None:
        self.audit_problem = problem
        if problem:
            self.status_audit.setText(self.tr("Audit log damaged — tell a manager"))
            self.status_audit.setToolTip(problem)
            self._warn_manager()

    def _policy_changed(self, version: str) -> None:
        policy: Policy = self.counter.policy
        self.idle.setInterval(policy.idle_lock_minutes * 60_000)
        self.manager_button.setVisible(self._can_manage()
                                       and self.stack.currentWidget() is self.counter)
        self.review_button.setVisible(self._can_review()
                                      and self.stack.currentWidget() is self.counter)
        self.statusBar().showMessage(
            self.tr("Policy {version} is now in force.").format(version=version), 15_000)

    def _can_manage(self) -> bool:
        limits = self.counter.policy.limits
        return (self.employee is not None and self.employee.tier in limits
                and limits[self.employee.tier].can_approve)

    def _can_review(self) -> bool:
        from pos_app.services.review import may_review

        return self.employee is not None and may_review(self.counter.policy, self.employee)

    def _warn_manager(self) -> None:
        if self.audit_problem and self._can_manage():
            self.counter.show_banner(self.tr(
                "The local audit log does not verify: {problem} Run 'leeway audit verify'"
                " and do not sync this desk until it is explained.").format(
                    problem=self.audit_problem), "error")

    @Slot()
    def open_manager(self) -> None:
        if not self._can_manage() or self.stack.currentWidget() is not self.counter:
            return
        assert self.employee is not None
        from pos_app.ui.manager import ManagerDialog

        dialog = ManagerDialog(self.app, self.tasks, self.employee, self)
        dialog.changed.connect(self.counter.refresh_customer)
        dialog.finished.connect(dialog.deleteLater)
        self.manager_dialog = dialog
        dialog.open()

    @Slot()
    def open_review(self) -> None:
        """The review window; shown again as it was if it is only hidden (after opening
        a guest from it)."""
        if not self._can_review() or self.stack.currentWidget() is not self.counter:
            return
        assert self.employee is not None
        if self.review is None or self.review.manager_id != self.employee.id:
            # Imported when first opened: the review (its charts, tables and what-if)
            # is a manager's tool, and the sign-in screen should not wait for it.
            from pos_app.ui.review import ReviewWindow

            self._close_review()
            self.review = ReviewWindow(self.app, self.tasks, self.employee, self)
            self.review.guest_chosen.connect(self._open_guest_from_review)
            self.review.finished.connect(lambda _r: self._close_review())
            self.review.waiting_requested.connect(self.far.open_waiting)
            self.far.waiting_changed.connect(self.review.set_waiting)
            self.review.set_waiting(len(self.far.requests))
        self.review.show()
        self.review.raise_()
        self.review.activateWindow()

    def _close_review(self) -> None:
        """Gone with the sign-out or the lock: the decisions must not outlive them."""
        review, self.review = self.review, None
        if review is not None:
            review.hide()
            review.deleteLater()
            self.statusBar().clearMessage()  # "Back to the review" no longer holds

    def _open_guest_from_review(self, customer_id: str) -> None:
        if self.employee is None or self.stack.currentWidget() is not self.counter:
            return
        if self.review is not None:
            self.review.hide()  # kept as it was: Ctrl+Shift+R brings it back
        self.activateWindow()
        self.counter.open_customer(customer_id)
        self.statusBar().showMessage(self.tr("Back to the review: Ctrl+Shift+R"), 15_000)

    def _show_recognitions(self, employee_id: str, items: list[Any]) -> None:
        if self.employee is not None and self.employee.id == employee_id:
            policy = self.counter.policy
            labels = {k: a.label for k, a in policy.actions.items()}
            self.notice.show_recognitions(items, labels)

    @Slot()
    def open_voucher_check(self) -> None:
        if self.employee is None or self.stack.currentWidget() is not self.counter:
            return
        from pos_app.ui.vouchers import VoucherCheckDialog

        dialog = VoucherCheckDialog(self.app, self.tasks, self.employee, self)
        dialog.redeemed.connect(self.counter.refresh_customer)
        dialog.finished.connect(dialog.deleteLater)
        self.voucher_check = dialog
        dialog.open()

    def _hide_employee_buttons(self) -> None:
        for button in (self.voucher_button, self.manager_button, self.review_button,
                       self.lock_button, self.signout_button):
            button.hide()

    def _show_signed_out(self) -> None:
        self.far.stop()
        self._close_review()
        self.notice.hide()
        self.employee_label.setText("")
        self._hide_employee_buttons()
        self.status_employee.setText(self.tr("Not signed in"))
        self.stack.setCurrentWidget(self.signin)
        self.signin.show_locked(None)

    @Slot(object)
    def _signed_in(self, employee: Employee) -> None:
        from pos_app.services.escrow import release_shift, reserve_shift
        from pos_app.services.review import recognitions_with_decisions

        if self.employee is not None and employee.id != self.employee.id:
            self.counter.clear()  # someone else took over the desk
            release_shift(self.app.desk, self.employee)
        self.employee = employee
        tier = tier_name(employee.tier)
        # Only the first letter raised (capitalize() would lower the rest: German nouns).
        tier = tier[:1].upper() + tier[1:]
        self.employee_label.setText(f"{employee.name} · {tier}")
        self.status_employee.setText(self.tr("Signed in: {name} ({id})").format(
            name=employee.name, id=employee.id))
        self.lock_button.show()
        self.signout_button.show()
        self.voucher_button.show()
        self.manager_button.setVisible(self._can_manage())
        self.review_button.setVisible(self._can_review())
        self.stack.setCurrentWidget(self.counter)
        self.counter.start(employee)
        self.far.start(employee, self._can_manage())
        self.idle.start()
        self._warn_manager()
        # Hold the rest of this shift's cap here, in case the network goes (escrow).
        desk = self.app.desk
        self.tasks.run_sync(lambda: reserve_shift(desk, employee), lambda _held: None,
                            lambda _err: None)
        # Decisions a manager recognised since this person last signed in (shown once).
        self.tasks.run_write(lambda: recognitions_with_decisions(desk, employee.id),
                             lambda items: self._show_recognitions(employee.id, items),
                             lambda _err: None)

    @Slot()
    def lock(self) -> None:
        """Ctrl+L or the Lock button: the person locked it, and the screen says who."""
        employee = self.employee
        if not self._lock_screen():
            return
        assert employee is not None
        self.signin.subtitle.setText(self.tr("Locked by {name}. Sign in to continue.")
                                     .format(name=employee.name))

    @Slot()
    def _idle_lock(self) -> None:
        self._lock_screen()

    def _lock_screen(self) -> bool:
        if self.employee is None or self.stack.currentWidget() is not self.counter:
            return False
        self.idle.stop()
        self.far.stop()
        # Hide the customer: the lock screen covers the counter, and its data is cleared.
        self.counter.clear()
        self._close_review()
        self.notice.hide()
        self.stack.setCurrentWidget(self.signin)
        self.signin.show_locked(self.employee)
        self.lock_button.hide()
        self.manager_button.hide()
        self.review_button.hide()
        self.voucher_button.hide()
        return True

    @Slot()
    def sign_out(self) -> None:
        from pos_app.services.escrow import release_shift

        self.idle.stop()
        if self.employee is not None:  # the next sync hands back what is unspent
            release_shift(self.app.desk, self.employee)
        self.employee = None
        self.counter.clear()
        self.counter.employee = None
        self._show_signed_out()

    def closeEvent(self, event: object) -> None:  # noqa: N802
        from PySide6.QtWidgets import QApplication

        instance = QApplication.instance()
        if instance is not None and self._attached:
            instance.removeEventFilter(self)
            instance.removeEventFilter(self._enter_keys)
        # Closed while the desk was still opening: the window goes at once (an opening
        # can wait on a migration, a keyring prompt or another process's lock); the
        # opening ends on its worker, which then closes that desk (pos_app.ui.app).
        self.closing.set()
        self.tasks.shutdown(wait=self._attached)
        super().closeEvent(event)  # type: ignore[arg-type]
