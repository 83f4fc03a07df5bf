"""The counter: search on the left, the open customer on the right.

Widgets hold plain data only; every query and write is a service call run on the
task runner, and answers for a customer that is no longer open are ignored. Tab walks
search, results, the guest's fields, the buttons and the history in reading order; each
table takes the focus once and the arrows move inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.engine import Outcome
from pos_app.domain.errors import LeewayError
from pos_app.domain.messages import tier_name
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.i18n import _ as translated
from pos_app.services.counter import CustomerView, correct_contact, open_customer
from pos_app.services.escrow import reserve_guest
from pos_app.services.granting import (
    GrantOutcome,
    RecoveryAsk,
    grant_recovery,
    refer_for_later,
    unlock_and_grant,
)
from pos_app.ui.accessible import announce
from pos_app.ui.contact import ContactCard
from pos_app.ui.far_approval import offer_far_approval
from pos_app.ui.history import HistoryTable
from pos_app.ui.messages import explain
from pos_app.ui.recovery import RecoveryPanel, RecoveryRequestForm
from pos_app.ui.search import SearchPanel
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.unlock import UnlockDialog
from pos_app.ui.vouchers import VoucherDialog


class _GuestTop(QWidget):
    """The card, the outcome and the buttons: as tall as they ask, never squeezed (the
    scroll area around them scrolls instead, so nothing is clipped or overlaps)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())


class _GuestScroll(QScrollArea):
    """Scrolls only up and down: never narrower than what it holds needs, and as tall
    as it asks when the window has the room (QScrollArea caps and caches its hint)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        inside = self.widget()
        if inside is not None:
            hint.setHeight(inside.sizeHint().height() + 2 * self.frameWidth())
        return hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The card, the banner or the buttons changed what they need: ask again.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        inside = self.widget()
        if inside is not None:
            hint.setWidth(inside.minimumSizeHint().width()
                          + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth())
        return hint


class CounterWidget(QWidget):
    # Rows of history a short till (1024x600) still shows; the guest's card and the
    # buttons above scroll when the two do not fit together.
    HISTORY_ROWS = 4

    decision_recorded = Signal()
    policy_changed = Signal(str)  # the version now in force

    def __init__(self, app: App, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self.employee: Employee | None = None
        self.customer_id: str | None = None
        policy = app.policy()
        self._policy = policy
        self.search = SearchPanel(app, tasks)
        self.card = ContactCard(app.region)
        self.recovery = RecoveryPanel(policy, app.locale)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        # No accessible name: a label's name is its text, which is what a screen reader
        # must say; "Outcome" says what it is.
        self.banner.setAccessibleDescription(self.tr("Outcome"))
        # A two-line outcome must never be squeezed to one clipped line at 1366x768:
        # the history below gives up the height instead.
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.banner.hide()
        self.history = HistoryTable(policy, app.locale, zone=app.desk.zone)

        top = _GuestTop()
        top.setObjectName("guestTop")
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.card)
        col.addWidget(self.banner)
        col.addWidget(QLabel(self.tr("Make it right")))
        col.addWidget(self.recovery)
        self._customer_column = col
        self.top = _GuestScroll()
        self.top.setWidget(top)
        self.top.setWidgetResizable(True)
        self.top.setFrameShape(QFrame.Shape.NoFrame)
        self.top.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.top.setStyleSheet(
            "QScrollArea, QWidget#guestTop { background: transparent; }")
        self.top.viewport().setAutoFillBackground(False)
        # Room for the card's title and a row of fields at the least; the rest scrolls.
        self.top.setMinimumHeight(4 * self.fontMetrics().height())
        customer = QFrame()
        customer.setObjectName("card")
        outer = QVBoxLayout(customer)
        outer.addWidget(self.top)
        outer.addWidget(QLabel(self.tr("History")))
        outer.addWidget(self.history, 1)
        # The history keeps its first rows in view, whatever their wrapped height.
        self._rows_timer = QTimer(self, singleShot=True, interval=0)
        self._rows_timer.timeout.connect(self._keep_history_rows)
        self.history.verticalHeader().sectionResized.connect(self._rows_timer.start)
        self.history.model().rowsInserted.connect(self._rows_timer.start)
        self.history.model().rowsRemoved.connect(self._rows_timer.start)
        self._keep_history_rows()
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

        # Tables take focus once; the arrows move inside them and Tab moves on, so a
        # keyboard can get past the results to the guest and back out of the history.
        for table in (self.search.view, self.history):
            table.setTabKeyNavigation(False)
        self._set_tab_order()

        # Whatever takes the focus up there (Tab, Alt+N, a click) is scrolled into view.
        app_instance = QApplication.instance()
        if isinstance(app_instance, QApplication):
            app_instance.focusChanged.connect(self._show_focused)
        self.search.customer_chosen.connect(self.open_customer)
        self.card.save_requested.connect(self._save_field)
        # An edit makes an earlier outcome stale; a correction shows in the results.
        self.card.edit_started.connect(lambda _field: self.banner.hide())
        self.card.customer_shown.connect(self.search.show_updated)
        self.recovery.requested.connect(self._request)
        self.history.reprint_requested.connect(self.reprint)

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        top = self.top.widget()
        if new is not None and top is not None and top.isAncestorOf(new):
            self.top.ensureWidgetVisible(new, 0, 4)

    def _keep_history_rows(self) -> None:
        """At least HISTORY_ROWS rows of history in view (an empty row counts as one
        line); the part above gives way and scrolls."""
        table = self.history
        rows = [table.rowHeight(r) for r in range(min(table.rowCount(), self.HISTORY_ROWS))]
        line = table.verticalHeader().defaultSectionSize()
        rows += [line] * (self.HISTORY_ROWS - len(rows))
        header = table.horizontalHeader().sizeHint().height()
        table.setMinimumHeight(sum(rows) + header + 2 * table.frameWidth())

    @property
    def policy(self) -> Policy:
        """The policy the buttons on screen were built from."""
        return self._policy

    def apply_policy(self, policy: Policy) -> None:
        """A newer policy is in force (loaded here, or pulled by sync): rebuild the
        buttons and limits from it, at once, and say so."""
        if policy.version == self._policy.version:
            return
        self._policy = policy
        panel = RecoveryPanel(policy, self._app.locale)
        panel.customer_name = self.recovery.customer_name
        panel.requested.connect(self._request)
        self._customer_column.replaceWidget(self.recovery, panel)
        # Hidden at once: until it is deleted its Alt+N shortcuts would clash with the
        # new panel's.
        self.recovery.hide()
        self.recovery.deleteLater()
        self.recovery = panel
        self._set_tab_order()
        self.history.set_policy(policy)
        self.policy_changed.emit(policy.version)

    def _set_tab_order(self) -> None:
        """Reading order: search, results, the guest's fields, the buttons, history.

        Set again whenever the buttons are rebuilt (a new panel would otherwise join
        the focus chain at its end)."""
        chain: list[QWidget] = [self.search.field, self.search.view,
                                *self.card.fields.values(), *self.recovery.buttons.values(),
                                self.history]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

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
        # Hold a slice of this guest's budget here, in case the network goes (escrow);
        # on the sync worker, so a slow network never holds up the counter.
        desk = self._app.desk
        self._tasks.run_sync(lambda: reserve_guest(desk, customer_id), lambda _held: None,
                             lambda _err: None)

    def refresh_customer(self) -> None:
        if self.customer_id is not None and self.employee is not None:
            self._reload(self.customer_id)

    def _reload(self, customer_id: str) -> None:
        app, emp = self._app, self.employee
        assert emp is not None
        self._tasks.run_read(lambda: open_customer(app.desk, emp, customer_id),
                             lambda view: self._show(customer_id, view),
                             self._show_error)

    def _show(self, customer_id: str, view: CustomerView) -> None:
        if customer_id != self.customer_id:
            return
        self.apply_policy(view.policy)
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
            lambda: correct_contact(app.desk, emp, cid, field, value),
            lambda view: self._saved(cid, field, view),
            lambda err: self._field_error(cid, field, err),
        )

    def _saved(self, customer_id: str, field: str, view: CustomerView) -> None:
        self._show(customer_id, view)
        if customer_id == self.customer_id:
            self.show_banner(self.tr("Saved {field}.").format(field=self.card.noun(field)),
                             "ok")

    def _field_error(self, customer_id: str, field: str, error: BaseException) -> None:
        if customer_id == self.customer_id:
            self.card.show_error(field, str(error) if isinstance(error, LeewayError)
                                 else self.tr("Could not save; please try again."))

    # --- recovery -----------------------------------------------------------------
    def _ask(self, form: RecoveryRequestForm) -> RecoveryAsk | None:
        if self.employee is None or self.customer_id is None:
            return None
        return RecoveryAsk(self.employee.id, self.customer_id, form.action, form.amount,
                           form.reason, form.note, form.apology)

    def _request(self, form: RecoveryRequestForm) -> None:
        ask, desk = self._ask(form), self._app.desk
        if ask is None:
            return
        self.show_banner(self.tr("Recording…"), "info", speak=False)
        self._tasks.run_write(lambda: grant_recovery(desk, ask),
                              lambda outcome: self._decided(ask, outcome),
                              self._show_error)

    def _decided(self, ask: RecoveryAsk, outcome: GrantOutcome) -> None:
        if ask.customer_id != self.customer_id:
            return
        policy = self._policy
        kind = policy.actions.get(ask.action)
        label = translated(kind.label) if kind else ask.action
        verdict = outcome.verdict
        locale = self._app.locale
        if verdict.outcome is Outcome.ALLOWED and outcome.decision is not None:
            amount = Money(outcome.decision.amount_minor, outcome.decision.currency)
            approver = outcome.approver_name or outcome.decision.approver_id
            text = (self.tr("Done: {action} of {amount} recorded, approved by {approver}.")
                    if approver else self.tr("Done: {action} of {amount} recorded."))
            if outcome.voucher is not None:
                text += " " + self.tr("Voucher {code} issued.").format(
                    code=outcome.voucher.code)
            self.show_banner(text.format(action=label, amount=amount.format(locale),
                                         approver=approver), "ok")
            if outcome.voucher is not None:
                self.show_voucher(outcome.voucher.serial, copy=False)
            self.decision_recorded.emit()
            self._reload(ask.customer_id)
        elif verdict.outcome is Outcome.NEEDS_APPROVAL:
            tier = tier_name(verdict.approver_tier) if verdict.approver_tier else ""
            why = explain(verdict, locale)
            self.show_banner(self.tr("Needs approval from a {tier} or above. {why}").format(
                tier=tier, why=why), "warn")
            self._open_unlock(ask, outcome, label, why, tier, not verdict.referral_only)
        else:
            self.show_banner(self.tr("Not possible: {why}").format(
                why=explain(verdict, locale)), "error")
        if outcome.policy_version != policy.version:
            self.refresh_customer()  # the reload brings the new policy and rebuilds

    def _open_unlock(self, ask: RecoveryAsk, outcome: GrantOutcome, label: str, why: str,
                     tier: str, can_unlock: bool) -> None:
        summary = self.tr("{action} of {amount} for {who}").format(
            action=label, amount=outcome.amount.format(self._app.locale),
            who=self.card.title.text())
        dialog = UnlockDialog(summary, why, tier, can_unlock, self)
        self.unlock_dialog = dialog
        desk = self._app.desk

        def unlock(approver: str, pin: str) -> None:
            self._tasks.run_write(
                lambda: unlock_and_grant(desk, ask, approver, pin),
                lambda result: self._unlocked(dialog, ask, result),
                lambda err: dialog.show_error(
                    str(err) if isinstance(err, LeewayError)
                    else self.tr("Could not check the approver; nothing was recorded.")),
            )

        def refer() -> None:
            self._tasks.run_write(
                lambda: refer_for_later(desk, ask),
                lambda _ref: self._referred(dialog, ask.customer_id, self._noun(ask.action),
                                            tier),
                lambda err: dialog.show_error(str(err) if isinstance(err, LeewayError)
                                              else self.tr("Could not refer it.")),
            )

        dialog.unlock_requested.connect(unlock)
        dialog.refer_requested.connect(refer)
        if can_unlock:  # by telephone or online: granted the same way as here
            offer_far_approval(dialog, self._app, self._tasks, ask,
                               lambda result: self._unlocked(dialog, ask, result))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _unlocked(self, dialog: UnlockDialog, ask: RecoveryAsk, outcome: GrantOutcome
                  ) -> None:
        if outcome.decision is None:
            dialog.show_error(explain(outcome.verdict, self._app.locale))
            return
        dialog.accept()
        self._decided(ask, outcome)

    def _noun(self, action: str) -> str:
        """The action inside a sentence ("the refund"): the demo policy's in the desk's
        language (German keeps the capital), a store's own label in lower case."""
        kind = self._policy.actions.get(action)
        return translated(kind.label.lower()) if kind else action

    def _referred(self, dialog: UnlockDialog, customer_id: str, noun: str, tier: str) -> None:
        dialog.accept()
        if customer_id == self.customer_id:
            self.show_banner(self.tr("Referred: the {action} is pending until a {tier}"
                                     " decides it.").format(action=noun, tier=tier),
                             "info")
            self._reload(customer_id)

    def reprint(self, serial: str) -> None:
        self.show_voucher(serial, copy=True)

    def show_voucher(self, serial: str, copy: bool) -> None:
        """The voucher already exists; this only prints or saves it (any number of
        times). Closing the dialog, with Esc or otherwise, loses nothing."""
        dialog = VoucherDialog(self._app, self._tasks, serial, copy=copy, parent=self)
        self.voucher_dialog = dialog
        dialog.finished.connect(lambda _r: self.refresh_customer())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _show_error(self, error: BaseException) -> None:
        self.show_banner(str(error) if isinstance(error, LeewayError)
                         else self.tr("Something went wrong; nothing was recorded."), "error")

    def show_banner(self, text: str, kind: str, speak: bool = True) -> None:
        """Show an outcome, and have a screen reader say it (errors interrupt; a passing
        "Recording…" is not said, the outcome follows it at once)."""
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
        if speak:
            announce(self.banner, text, urgent=kind == "error")
