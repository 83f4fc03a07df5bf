"""The first three tabs of the review: the decisions, the totals with their charts, and
the wins with the came-back rates.

Each tab shows a :class:`DecisionsReport` it is given and asks for nothing itself; the
review window loads (off the UI thread) and hands the report to every tab.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, tzinfo

from babel.numbers import format_decimal
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import currency_digits
from pos_app.domain.review import ReviewDecision, Total, spend_unit
from pos_app.domain.zones import format_day
from pos_app.i18n import _ as translated
from pos_app.services.review import DecisionsReport, Win
from pos_app.ui.far_widgets import button, plain
from pos_app.ui.language import count_text
from pos_app.ui.review_charts import HorizontalBars, StackedBars, spend_series
from pos_app.ui.review_models import Column, RecordsModel, money_text, share
from pos_app.ui.review_table import MnemonicLabel, ReviewTable, heading, muted


def total_columns(first: str, currency: str, locale: str, whole: int,
                  policy_words: bool = False) -> list[Column]:
    """``policy_words``: the first column names a policy's category, shown in the
    window's language when it is one of the demo policy's."""
    none = QCoreApplication.translate("ReviewColumns", "(none)")

    def name(t: Total) -> str:
        return (translated(t.label) if policy_words else t.label) or none

    return [Column(first, name),
            Column(QCoreApplication.translate("ReviewColumns", "Decisions"),
                   lambda t: count_text(t.count), lambda t: t.count, True),
            Column(QCoreApplication.translate("ReviewColumns", "Amount"),
                   lambda t: money_text(t.amount_minor, currency, locale),
                   lambda t: t.amount_minor, True),
            Column(QCoreApplication.translate("ReviewColumns", "Share"),
                   lambda t: share(t.amount_minor, whole), lambda t: t.amount_minor, True)]


APPROVER, VOUCHER = 2, 8  # columns of review_models.decision_columns


class DecisionsTab(QWidget):
    """Every decision of the period; Enter opens the guest, Alt+G recognises it."""

    guest_chosen = Signal(str)  # customer id
    recognise_requested = Signal(object)  # ReviewDecision

    def __init__(self, model: RecordsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = ReviewTable(model, self.tr("Decisions"))
        self.summary = plain("sectionTitle")
        # Its name is what it shows; the description says what that is.
        self.summary.setAccessibleDescription(self.tr("Summary of the decisions"))
        self.recognise_button = button(
            self.tr("Reco&gnise…"), self.tr("Recognise the selected decision"),
            tip=self.tr("Tell the employee this decision was well made; they see it at"
                        " their next sign-in (Alt+G)"))
        self.recognise_button.setEnabled(False)
        self.hint = muted(self.tr("Enter or a double-click opens the guest at the counter."))
        self._can_recognise: Callable[[ReviewDecision], bool] = lambda _d: False
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.recognise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.view.activated_row.connect(self._open_guest)
        self.view.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._enable())
        model.modelReset.connect(self._enable)
        model.layoutChanged.connect(self._enable)
        self.recognise_button.clicked.connect(self._recognise)

    def set_recognisable(self, allowed: Callable[[ReviewDecision], bool]) -> None:
        self._can_recognise = allowed
        self._enable()

    def current(self) -> ReviewDecision | None:
        decision: ReviewDecision | None = self.model.row_at(self.view.current_row())
        return decision

    def _enable(self) -> None:
        decision = self.current()
        self.recognise_button.setEnabled(decision is not None
                                         and self._can_recognise(decision))

    def _open_guest(self, row: int) -> None:
        decision = self.model.row_at(row)
        if decision is not None:
            self.guest_chosen.emit(decision.customer_id)

    def _recognise(self) -> None:
        decision = self.current()
        if decision is not None and self._can_recognise(decision):
            self.recognise_requested.emit(decision)

    def show_decisions(self, decisions: list[ReviewDecision]) -> None:
        """The rows; a column nobody's decision fills (no approvals, no vouchers in the
        period) gives its room to the others."""
        self.view.setColumnHidden(APPROVER, not any(d.approver_id for d in decisions))
        self.view.setColumnHidden(VOUCHER, not any(d.voucher_state for d in decisions))
        self.model.set_rows(decisions)

    def show_summary(self, report: DecisionsReport, locale: str,
                     channels: dict[str, str]) -> None:
        s = report.summary
        how = ", ".join(self.tr("{channel} {n}").format(channel=channels.get(k, k), n=count_text(v))
                        for k, v in sorted(s.by_channel.items()))
        approved = (self.tr("approved by someone else: {n} ({channels})") if how
                    else self.tr("approved by someone else: {n}"))
        # One and many apart: the shipped languages (en, de, es) all say them so.
        parts = [self.tr("1 decision") if s.count == 1
                 else self.tr("{n} decisions").format(n=count_text(s.count)),
                 money_text(s.amount_minor, report.currency, locale),
                 approved.format(n=count_text(s.approved), channels=how),
                 self.tr("overrides: {n}").format(n=count_text(s.overrides)),
                 self.tr("allowance exceptions: {n}").format(n=count_text(s.exceptions)),
                 self.tr("referrals: {n}").format(n=count_text(s.referrals)),
                 self.tr("vouchers: {n}, {m} came back").format(n=count_text(s.vouchers),
                                                                m=count_text(s.redeemed))]
        self.summary.setText(" · ".join(parts))


class TotalsTab(QWidget):
    """Totals by a chosen dimension, beside the two charts."""

    DIMENSIONS = ("employee", "approver", "reason", "category", "action", "day")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: DecisionsReport | None = None
        self.desk_locale = "en_US"
        names = (self.tr("Employee"), self.tr("Approver"), self.tr("Reason"),
                 self.tr("Category"), self.tr("Action"), self.tr("Day"))
        self._names = dict(zip(self.DIMENSIONS, names, strict=True))
        self.dimension = QComboBox()
        self.dimension.setAccessibleName(self.tr("Totals by"))
        for key in self.DIMENSIONS:
            self.dimension.addItem(self._names[key], key)
        by = MnemonicLabel(self.tr("Totals &by"))
        by.setBuddy(self.dimension)
        self.model = RecordsModel([])
        self.view = ReviewTable(self.model, self.tr("Totals"), stretch=0)
        self.spend = StackedBars(self.tr("Money granted per day, by category"),
                                 self.tr("No decisions in this period."))
        self.spend_title = heading(self.tr("Money granted per day, by category"))
        self.reasons = HorizontalBars(self.tr("Decisions by reason"),
                                      self.tr("No decisions in this period."))
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        choose = QHBoxLayout()
        choose.addWidget(by)
        choose.addWidget(self.dimension, 1)
        col.addLayout(choose)
        col.addWidget(self.view, 1)
        right = QWidget()
        charts = QVBoxLayout(right)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.spend_title)
        charts.addWidget(self.spend, 3)
        charts.addWidget(heading(self.tr("Decisions by reason")))
        charts.addWidget(self.reasons, 2)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])  # two fifths for the table, whatever the hints
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.dimension.currentIndexChanged.connect(lambda _i: self._show_totals())

    def show_report(self, report: DecisionsReport, locale: str) -> None:
        self.report, self.desk_locale = report, locale
        self._show_totals()
        scale = 10 ** currency_digits(report.currency)
        labels, series = spend_series(report.spend_by_day, scale, self.tr("other categories"))
        # The title follows the bars: days, or weeks or months for a long period (three
        # whole sentences: a language may bend the words around the unit).
        title = {"day": self.tr("Money granted per day, by category ({cur})"),
                 "week": self.tr("Money granted per week, by category ({cur})"),
                 "month": self.tr("Money granted per month, by category ({cur})")}[
            spend_unit(sorted(report.spend_by_day))]
        self.spend_title.setText(title.format(cur=report.currency))
        self.spend.set_data(labels, series,
                            lambda v: str(format_decimal(v, "#,##0", locale=locale)))
        rows = sorted(report.totals.get("reason", []), key=lambda t: (-t.count, t.label))
        self.reasons.set_data([(t.label, float(t.count)) for t in rows],
                              lambda v: f"{v:,.0f}")

    def _show_totals(self) -> None:
        report = self.report
        if report is None:
            return
        key = self.dimension.currentData()
        rows: list[Total] = report.totals.get(key, [])
        whole = sum(t.amount_minor for t in rows)
        self.model.set_columns(total_columns(self._names[key], report.currency,
                                             self.desk_locale, whole, key == "category"),
                               rows)

    def labels_shown(self) -> list[str]:
        return [self.model.index(r, 0).data() for r in range(self.model.rowCount())]


class WinsTab(QWidget):
    """Decisions recognised in the period, and how often guests came back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wins = RecordsModel([])
        self.wins_view = ReviewTable(self.wins, self.tr("Wins"))
        self.by_employee = RecordsModel([])
        self.employee_view = ReviewTable(self.by_employee, self.tr("Came back, by employee"),
                                         stretch=0)
        self.by_reason = RecordsModel([])
        self.reason_view = ReviewTable(self.by_reason, self.tr("Came back, by reason"),
                                       stretch=0)
        self.empty = muted(self.tr("No decision was recognised in this period."))
        rates = QHBoxLayout()
        for title, view in ((self.tr("Guests who came back, by employee"), self.employee_view),
                            (self.tr("Guests who came back, by reason"), self.reason_view)):
            col = QVBoxLayout()
            label = heading(title)
            label.setToolTip(self.tr("Vouchers given in the period, and how many were"
                                     " redeemed: the guest came back"))
            col.addWidget(label)
            col.addWidget(view, 1)
            rates.addLayout(col, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Wins: decisions recognised")))
        layout.addWidget(self.wins_view, 3)
        layout.addWidget(self.empty)
        layout.addLayout(rates, 2)

    def show_report(self, report: DecisionsReport, labels: dict[str, str], locale: str,
                    zone: tzinfo = UTC) -> None:
        # self.tr itself, never an alias: lupdate files only self.tr() under this class.
        def what(w: Win) -> str:
            d = w.decision
            if d is None:
                return w.recognition.decision_id
            return self.tr("{action} of {amount} for {guest}").format(
                action=labels.get(d.action, d.action),
                amount=money_text(d.amount_minor, d.currency, locale),
                guest=d.customer_name or d.customer_id)

        self.wins.set_columns([
            Column(self.tr("Recognised"),
                   lambda w: format_day(w.recognition.given_at, locale, zone),
                   lambda w: w.recognition.given_at),
            Column(self.tr("Employee"), lambda w: w.employee_name),
            Column(self.tr("By"), lambda w: w.recognition.given_by_name
                   or w.recognition.given_by),
            Column(self.tr("Decision"), what),
            Column(self.tr("Note"), lambda w: w.recognition.note, give=3)], report.wins)
        self.empty.setVisible(not report.wins)
        for model, rows, first in ((self.by_employee, report.came_back_by_employee,
                                    self.tr("Employee")),
                                   (self.by_reason, report.came_back_by_reason,
                                    self.tr("Reason"))):
            model.set_columns(came_back_columns(first, labels), rows)


def came_back_columns(first: str, labels: dict[str, str]) -> list[Column]:
    return [Column(first, lambda c: labels.get(c.label, c.label)),
            Column(QCoreApplication.translate("ReviewColumns", "Vouchers"),
                   lambda c: count_text(c.vouchers), lambda c: c.vouchers, True),
            Column(QCoreApplication.translate("ReviewColumns", "Came back"),
                   lambda c: count_text(c.redeemed), lambda c: c.redeemed, True),
            Column(QCoreApplication.translate("ReviewColumns", "Rate"),
                   lambda c: f"{c.rate:.0%}", lambda c: c.rate, True)]

