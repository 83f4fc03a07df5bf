"""The counter: search on the left, the open customer on the right.

Widgets hold plain data only; every query and write goes through ``operations`` on
the task runner, and answers for a customer that is no longer open are ignored.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.engine import Outcome
from pos_app.domain.errors import LeewayError
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.services.ports import DecisionRecord
from pos_app.services.recovery import DecisionResult
from pos_app.ui import operations
from pos_app.ui.contact import ContactCard
from pos_app.ui.history import HistoryTable
from pos_app.ui.recovery import RecoveryPanel, RecoveryRequestForm
from pos_app.ui.search import SearchPanel
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.unlock import UnlockDialog
from pos_app.ui.vouchers import VoucherDialog


class CounterWidget(QWidget):
    decision_recorded = Signal()

    def __init__(self, app: App, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self.employee: Employee | None = None
        self.customer_id: str | None = None
        policy = app.policy()
        self.search = SearchPanel(app, tasks)
        self.card = ContactCard(app.region)
        self.recovery = RecoveryPanel(policy, app.locale)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Outcome"))
        # A two-line outcome must never be squeezed to one clipped line at 1366x768:
        # the history below gives up the height instead.
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.banner.hide()
        self.history = HistoryTable(policy, app.locale)

        customer = QFrame()
        customer.setObjectName("card")
        col = QVBoxLayout(customer)
        col.addWidget(self.card)
        col.addWidget(self.banner)
        col.addWidget(QLabel(self.tr("Make it right")))
        col.addWidget(self.recovery)
        col.addWidget(QLabel(self.tr("History")))
        col.addWidget(self.history, 1)
        self.placeholder = QLabel(self.tr("Find a guest to begin: type a name, a few digits of"
                                          " their phone, an e-mail, a loyalty or room number."))
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("mutedText")
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        self.right.addWidget(customer)

        splitter = QSplitter()
        splitter.addWidget(self.search)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.customer_chosen.connect(self.open_customer)
        self.card.save_requested.connect(self._save_field)
        self.recovery.requested.connect(self._request)
        self.history.reprint_requested.connect(self.reprint)

    # --- session ------------------------------------------------------------------
    def start(self, employee: Employee) -> None:
        self.employee = employee
        self.search.focus_search()

    def clear(self) -> None:
        """Forget the customer on screen (lock, sign-out)."""
        self.customer_id = None
        self.right.setCurrentWidget(self.placeholder)
        self.search.clear()
        self.history.setRowCount(0)
        self.banner.hide()

    # --- customer -----------------------------------------------------------------
    def open_customer(self, customer_id: str) -> None:
        if self.employee is None:
            return
        self.customer_id = customer_id
        self.banner.hide()
        self._reload(customer_id)

    def refresh_customer(self) -> None:
        if self.customer_id is not None and self.employee is not None:
            self._reload(self.customer_id)

    def _reload(self, customer_id: str) -> None:
        app, emp = self._app, self.employee
        assert emp is not None
        self._tasks.run_read(lambda: operations.load_customer(app, emp, customer_id),
                             lambda view: self._show(customer_id, view),
                             self._show_error)

    def _show(self, customer_id: str, view: operations.CustomerView) -> None:
        if customer_id != self.customer_id:
            return
        self.card.show_customer(view.customer)
        self.recovery.customer_name = view.customer.display_name
        self.recovery.show_headroom(view.headroom)
        self.history.show_entries(view.history)
        self.right.setCurrentIndex(1)

    def _save_field(self, field: str, value: str) -> None:
        app, emp, cid = self._app, self.employee, self.customer_id
        if emp is None or cid is None:
            return
        self._tasks.run_write(
            lambda: operations.save_field(app, emp, cid, field, value),
            lambda view: self._saved(cid, field, view),
            lambda err: self._field_error(cid, field, err),
        )

    def _saved(self, customer_id: str, field: str, view: operations.CustomerView) -> None:
        self._show(customer_id, view)
        if customer_id == self.customer_id:
            self.show_banner(self.tr("Saved {field}.").format(
                field=self.card.fields[field].accessibleName().lower()), "ok")

    def _field_error(self, customer_id: str, field: str, error: BaseException) -> None:
        if customer_id == self.customer_id:
            self.card.show_error(field, str(error) if isinstance(error, LeewayError)
                                 else self.tr("Could not save; please try again."))

    # --- recovery -----------------------------------------------------------------
    def _request(self, form: RecoveryRequestForm) -> None:
        app, emp, cid = self._app, self.employee, self.customer_id
        if emp is None or cid is None:
            return
        self.show_banner(self.tr("Recording…"), "info")
        self._tasks.run_write(
            lambda: operations.record_decision(app, emp, cid, form.action, form.amount,
                                               form.reason, form.note),
            lambda result: self._decided(cid, form, result),
            self._show_error,
        )

    def _decided(self, customer_id: str, form: RecoveryRequestForm, result: DecisionResult
                 ) -> None:
        if customer_id != self.customer_id:
            return
        policy = self._app.policy()
        label = policy.actions[form.action].label
        verdict = result.verdict
        if verdict.outcome is Outcome.ALLOWED and result.decision is not None:
            amount = Money(result.decision.amount_minor, result.decision.currency)
            approver = result.approver_name or result.decision.approver_id
            text = (self.tr("Done: {action} of {amount} recorded, approved by {approver}.")
                    if approver else self.tr("Done: {action} of {amount} recorded."))
            self.show_banner(text.format(action=label, amount=amount.format(self._app.locale),
                                         approver=approver), "ok")
            if policy.actions[form.action].yields_voucher:
                self.offer_voucher(result.decision, form.reason)
            self.decision_recorded.emit()
            self._reload(customer_id)
        elif verdict.outcome is Outcome.NEEDS_APPROVAL:
            tier = (verdict.approver_tier or "").replace("_", " ")
            why = " ".join(verdict.reasons)
            self.show_banner(self.tr("Needs approval from a {tier} or above. {why}").format(
                tier=tier, why=why), "warn")
            self._open_unlock(customer_id, form, label, why, tier, not verdict.referral_only)
        else:
            self.show_banner(self.tr("Not possible: {why}").format(
                why=" ".join(verdict.reasons)), "error")

    def _open_unlock(self, customer_id: str, form: RecoveryRequestForm, label: str, why: str,
                     tier: str, can_unlock: bool) -> None:
        policy = self._app.policy()
        try:
            amount = Money.parse(form.amount, policy.currency, self._app.locale)
        except LeewayError:
            return
        summary = self.tr("{action} of {amount} for {who}").format(
            action=label, amount=amount.format(self._app.locale),
            who=self.card.title.text())
        dialog = UnlockDialog(summary, why, tier, can_unlock, self)
        self.unlock_dialog = dialog
        app, emp = self._app, self.employee
        assert emp is not None

        def unlock(approver: str, pin: str) -> None:
            self._tasks.run_write(
                lambda: operations.unlock_decision(app, emp, customer_id, form, approver, pin),
                lambda result: self._unlocked(dialog, customer_id, form, result),
                lambda err: dialog.show_error(
                    str(err) if isinstance(err, LeewayError)
                    else self.tr("Could not check the approver; nothing was recorded.")),
            )

        def refer() -> None:
            self._tasks.run_write(
                lambda: operations.refer_request(app, emp, customer_id, form),
                lambda _ref: self._referred(dialog, customer_id, label, tier),
                lambda err: dialog.show_error(str(err) if isinstance(err, LeewayError)
                                              else self.tr("Could not refer it.")),
            )

        dialog.unlock_requested.connect(unlock)
        dialog.refer_requested.connect(refer)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _unlocked(self, dialog: UnlockDialog, customer_id: str, form: RecoveryRequestForm,
                  result: DecisionResult) -> None:
        if result.decision is None:
            dialog.show_error(" ".join(result.verdict.reasons))
            return
        dialog.accept()
        self._decided(customer_id, form, result)

    def _referred(self, dialog: UnlockDialog, customer_id: str, label: str, tier: str) -> None:
        dialog.accept()
        if customer_id == self.customer_id:
            self.show_banner(self.tr("Referred: the {action} is pending until a {tier}"
                                     " decides it.").format(action=label.lower(), tier=tier),
                             "info")
            self._reload(customer_id)

    def offer_voucher(self, decision: DecisionRecord, reason: str) -> None:
        """Where the action yields one, offer the voucher at once (apology editable)."""
        apology = operations.suggested_apology(self._app, reason)
        dialog = VoucherDialog(self._app, self._tasks, decision, apology, parent=self)
        self._open_voucher_dialog(dialog)

    def reprint(self, serial: str) -> None:
        dialog = VoucherDialog(self._app, self._tasks, None, "", serial=serial, parent=self)
        self._open_voucher_dialog(dialog)

    def _open_voucher_dialog(self, dialog: VoucherDialog) -> None:
        self.voucher_dialog = dialog
        dialog.finished.connect(lambda _r: self.refresh_customer())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _show_error(self, error: BaseException) -> None:
        self.show_banner(str(error) if isinstance(error, LeewayError)
                         else self.tr("Something went wrong; nothing was recorded."), "error")

    def show_banner(self, text: str, kind: str) -> None:
        self.banner.setText(text)
        self.banner.setProperty("kind", kind)
        self.banner.style().polish(self.banner)
        # Word-wrapped labels under-report their height when space is short; reserve
        # what the text needs so no line is ever clipped.
        width = max(self.banner.width(), 300) - 24
        needed = self.banner.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
        self.banner.setMinimumHeight(needed + 20)
        self.banner.show()
