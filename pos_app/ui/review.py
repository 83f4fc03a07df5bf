"""Review and learning (Ctrl+Shift+R, supervisors and above): a period's decisions, their
totals and charts, wins, patterns worth a conversation, and a policy what-if.

Everything is read on a worker: a period of a hundred thousand decisions takes a few
seconds, during which the window says "Loading…" and stays responsive. Each load and
each filtering has a generation number; an answer for an older period or an older
filter is dropped. The filters (employee, reason, category, action) narrow what the
first three tabs show and what is saved as PDF or CSV; the patterns and the what-if
always take the whole period. Enter on a decision opens its guest at the counter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.adapters.files import write_atomically
from pos_app.bootstrap import App
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.domain.review import ReviewDecision
from pos_app.i18n import _ as translated
from pos_app.services.review import (
    DecisionsReport,
    LearningReport,
    Win,
    learning_from,
    recognise,
    review_decisions,
)
from pos_app.services.review_export import report_csv
from pos_app.services.review_ports import RecognitionRecord
from pos_app.ui.accessible import announce
from pos_app.ui.far_widgets import button, error_text, plain
from pos_app.ui.language import count_text
from pos_app.ui.review_learning import LearningTab
from pos_app.ui.review_models import (
    FILTERS,
    RecordsModel,
    channel_words,
    decision_columns,
    filtered,
    money_text,
)
from pos_app.ui.review_notes import CoachingDialog, RecognitionDialog
from pos_app.ui.review_table import MnemonicLabel
from pos_app.ui.review_tabs import DecisionsTab, TotalsTab, WinsTab
from pos_app.ui.review_whatif import WhatIfTab
from pos_app.ui.screen import available_area
from pos_app.ui.tasks import TaskRunner


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReviewWindow(QDialog):
    guest_chosen = Signal(str)  # customer id: open this guest at the counter
    waiting_requested = Signal()  # open the requests waiting for an answer from afar

    def __init__(self, app: App, tasks: TaskRunner, manager: Employee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._manager = app, tasks, manager
        self.manager_id = manager.id
        self._generation = self._filtering = 0
        self._policy: Policy | None = None
        self.full: DecisionsReport | None = None  # the whole period
        self.shown: DecisionsReport | None = None  # after the filters
        self.learning: LearningReport | None = None
        self._labels: dict[str, str] = {}
        self._channels = channel_words()
        self.setWindowTitle(self.tr("Review and learning"))
        self.setAccessibleName(self.tr("Review and learning"))
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.WindowMinMaxButtonsHint
                            | Qt.WindowType.WindowCloseButtonHint)

        # The period: the last 7 days by default, as UTC days (as the report counts).
        today = app.desk.today() if app.desk.today else datetime.now(UTC).date()
        self.today = today
        self.since, self.until = self._date_edit(self.tr("From")), self._date_edit(self.tr("To"))
        self.last_week = button(self.tr("Last &7 days"), self.tr("Last 7 days"))
        self.this_week = button(self.tr("This &week"), self.tr("This week"))
        self.last_month = button(self.tr("Last &30 days"), self.tr("Last 30 days"))
        self.filters: dict[str, QComboBox] = {}
        names = {"employee": (self.tr("&Employee"), self.tr("Employee filter")),
                 "reason": (self.tr("&Reason"), self.tr("Reason filter")),
                 "category": (self.tr("C&ategory"), self.tr("Category filter")),
                 "action": (self.tr("Acti&on"), self.tr("Action filter"))}
        period = QHBoxLayout()
        for text, edit in ((self.tr("&From"), self.since), (self.tr("&To"), self.until)):
            period.addWidget(self._buddy(text, edit))
            period.addWidget(edit)
        for quick in (self.last_week, self.this_week, self.last_month):
            period.addWidget(quick)
        period.addStretch(1)
        self.status = plain()
        self.status.setAccessibleDescription(self.tr("Review status"))  # its name is what it shows
        period.addWidget(self.status, 2)
        narrow = QHBoxLayout()
        for key in FILTERS:
            combo = QComboBox()
            combo.setAccessibleName(names[key][1])
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.addItem(self.tr("All"), "")
            self.filters[key] = combo
            narrow.addWidget(self._buddy(names[key][0], combo))
            narrow.addWidget(combo, 1)

        self.decisions_model = RecordsModel([])
        self.decisions = DecisionsTab(self.decisions_model)
        self.totals = TotalsTab()
        self.wins = WinsTab()
        self.learning_tab = LearningTab()
        self.whatif = WhatIfTab(app, tasks)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Review tabs"))
        for n, (tab, title) in enumerate(((self.decisions, self.tr("Decisions")),
                                          (self.totals, self.tr("Totals")),
                                          (self.wins, self.tr("Wins and came back")),
                                          (self.learning_tab,
                                           self.tr("Root causes and patterns")),
                                          (self.whatif, self.tr("What-if")))):
            self.tabs.addTab(tab, title)
            self.tabs.setTabToolTip(n, self.tr("{tab} (Ctrl+{n})").format(tab=title, n=n + 1))
            QShortcut(QKeySequence(f"Ctrl+{n + 1}"), self,
                      lambda n=n: self._to_tab(n))
        QShortcut(QKeySequence("Ctrl+Shift+W"), self, self.waiting_requested.emit)
        self.save_pdf_button = button(self.tr("Save &PDF…"), self.tr("Save the review as PDF"),
                                      tip=self.tr("The review as shown, as a PDF (Alt+P)"))
        self.save_csv_button = button(self.tr("Save &CSV…"), self.tr("Save the decisions as"
                                                                     " CSV"),
                                      tip=self.tr("The decisions as shown, for a spreadsheet"
                                                  " (Alt+C)"))
        self.message = plain()
        self.message.setAccessibleDescription(self.tr("Message"))  # its name is what it shows
        self.close_button = button(self.tr("Close"), self.tr("Close the review"),
                                   tip=self.tr("Close (Esc)"))
        # Requests from other desks waiting for a manager show here too (the main
        # window's poll feeds it), so reviewing never hides a guest waiting at a desk.
        self.waiting_button = button("", self.tr("Approvals waiting"),
                                     tip=self.tr("Requests from other desks (Ctrl+Shift+W)"))
        self.waiting_button.setObjectName("approvalsWaiting")
        self.waiting_button.hide()
        self.waiting_button.clicked.connect(self.waiting_requested)
        end = QHBoxLayout()
        end.addWidget(self.save_pdf_button)
        end.addWidget(self.save_csv_button)
        end.addWidget(self.message, 1)
        end.addWidget(self.waiting_button)
        end.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addLayout(narrow)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(end)

        area = available_area(self)
        self.setMinimumSize(min(900, area.width()), min(520, area.height()))
        self.resize(min(1280, area.width()), min(800, area.height()))
        self._reload = QTimer(self, singleShot=True, interval=300)
        self._reload.timeout.connect(self.load)
        self.since.dateChanged.connect(lambda _d: self._reload.start())
        self.until.dateChanged.connect(lambda _d: self._reload.start())
        self.last_week.clicked.connect(lambda: self.set_period(today - timedelta(days=6), today))
        self.this_week.clicked.connect(
            lambda: self.set_period(today - timedelta(days=today.weekday()), today))
        self.last_month.clicked.connect(
            lambda: self.set_period(today - timedelta(days=29), today))
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.decisions.guest_chosen.connect(self.guest_chosen)
        self.learning_tab.guest_chosen.connect(self.guest_chosen)
        self.decisions.recognise_requested.connect(self.ask_recognition)
        self.decisions.set_recognisable(lambda d: d.employee_id != manager.id)
        self.learning_tab.coaching_requested.connect(self.open_coaching)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.save_csv_button.clicked.connect(self.save_csv)
        self.close_button.clicked.connect(self.reject)
        self.set_period(today - timedelta(days=6), today)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = MnemonicLabel(text)
        label.setBuddy(widget)
        return label

    def set_waiting(self, count: int) -> None:
        text = (self.tr("1 approval waiting") if count == 1
                else self.tr("{n} approvals waiting").format(n=count))
        self.waiting_button.setText(text)
        self.waiting_button.setAccessibleName(text)
        self.waiting_button.setVisible(count > 0)

    def _to_tab(self, n: int) -> None:
        self.tabs.setCurrentIndex(n)
        self.tabs.tabBar().setFocus()

    # --- loading ----------------------------------------------------------------------
    def set_period(self, since: date, until: date) -> None:
        for edit, day in ((self.since, since), (self.until, until)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.load()

    def period(self) -> tuple[date, date]:
        return self.since.date().toPython(), self.until.date().toPython()  # type: ignore[return-value]

    @property
    def loading(self) -> bool:
        return self.status.text() == self.tr("Loading…")

    def load(self) -> None:
        """The period's report, on a worker; the tabs keep showing the last one meanwhile."""
        self._reload.stop()
        since, until = self.period()
        self._generation += 1
        if until < since:
            self.status.setText(self.tr("The period ends before it starts."))
            return
        generation, desk = self._generation, self._app.desk
        self.status.setText(self.tr("Loading…"))
        self.learning_tab.loading()
        self._tasks.run_read(lambda: (review_decisions(desk, since, until), desk.policy()),
                             lambda got: self._loaded(generation, *got),
                             lambda error: self._failed(generation, error))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.status.setText(error_text(error, self.tr("Could not load the review.")))
            announce(self.status, self.status.text(), urgent=True)

    def _loaded(self, generation: int, report: DecisionsReport, policy: Policy) -> None:
        if generation != self._generation:
            return  # the period changed while this one loaded
        self.full, self._policy = report, policy
        # The policy's words: the demo policy's in the window's language, a store's own
        # as written (the report's totals already say them so).
        labels = {k: translated(r.label) for k, r in policy.reasons.items()}
        labels.update({k: translated(a.label) for k, a in policy.actions.items()})
        labels.update({t.key: t.label for dim in ("reason", "action")
                       for t in report.totals[dim]})
        self._labels = labels
        self.decisions_model.set_columns(
            decision_columns(labels, self._app.locale, self._channels, self._app.zone), [])
        self._fill_filters(report)
        self.whatif.set_decisions(report.decisions, labels)
        decisions = report.decisions
        self._tasks.run_read(lambda: learning_from(decisions),
                             lambda learned: self._learned(generation, learned))
        self.apply_filters()

    def _fill_filters(self, report: DecisionsReport) -> None:
        for key, combo in self.filters.items():
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), "")
            # A category is the policy's key itself: shown in the language when it is
            # one of the demo policy's.
            shown = [(translated(t.label) if key == "category" else t.label or t.key, t.key)
                     for t in report.totals[key]]
            for text, value in sorted(shown, key=lambda item: item[0].casefold()):
                combo.addItem(text, value)
            at = combo.findData(chosen)
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)

    def _learned(self, generation: int, learning: LearningReport) -> None:
        if generation != self._generation or self.full is None:
            return
        self.learning = learning
        self.learning_tab.show_learning(learning, self.full.currency, self._app.locale,
                                        self._labels)

    def chosen_filters(self) -> dict[str, str]:
        return {k: c.currentData() for k, c in self.filters.items() if c.currentData()}

    def apply_filters(self) -> None:
        full, policy = self.full, self._policy
        if full is None or policy is None:
            return
        self._filtering += 1
        chosen, generation = self.chosen_filters(), self._filtering
        if not chosen:
            self._show(full)
            return
        self.status.setText(self.tr("Loading…"))
        self._tasks.run_read(lambda: filtered(full, chosen, policy),
                             lambda report: self._filtered(generation, report))

    def _filtered(self, generation: int, report: DecisionsReport) -> None:
        if generation == self._filtering and self.full is not None:
            self._show(report)

    def _show(self, report: DecisionsReport) -> None:
        self.shown = report
        locale = self._app.locale
        self.decisions.show_decisions(report.decisions)
        self.decisions.show_summary(report, locale, self._channels)
        self.totals.show_report(report, locale)
        self.wins.show_report(report, self._labels, locale, self._app.zone)
        full = self.full
        shown = len(report.decisions)
        self.status.setText(
            self.tr("{n} of {m} decisions match the filters.").format(
                n=count_text(shown), m=count_text(len(full.decisions)))
            if full is not None and report is not full else "")

    # --- recognition and coaching -------------------------------------------------
    def ask_recognition(self, decision: ReviewDecision) -> None:
        summary = self.tr("{employee}: {action} of {amount} for {guest}").format(
            employee=decision.employee_name or decision.employee_id,
            action=self._labels.get(decision.action, decision.action),
            amount=money_text(decision.amount_minor, decision.currency, self._app.locale),
            guest=decision.customer_name or decision.customer_id)
        dialog = RecognitionDialog(summary, self)
        dialog.recognised.connect(lambda note: self._recognise(decision, note))
        dialog.finished.connect(dialog.deleteLater)
        self.recognition_dialog = dialog
        dialog.open()

    def _recognise(self, decision: ReviewDecision, note: str) -> None:
        desk, manager = self._app.desk, self._manager
        self.message.setText(self.tr("Recognising…"))
        self._tasks.run_write(lambda: recognise(desk, decision.id, manager, note),
                              lambda record: self._recognised(decision, record),
                              lambda error: self.message.setText(error_text(
                                  error, self.tr("Could not record the recognition."))))

    def _recognised(self, decision: ReviewDecision, record: RecognitionRecord) -> None:
        win = Win(record, decision.employee_name or decision.employee_id, decision)
        if self.full is not None:
            self.full = replace(self.full, wins=[*self.full.wins, win])
        if self.shown is not None:
            self.shown = replace(self.shown, wins=[*self.shown.wins, win])
            self.wins.show_report(self.shown, self._labels, self._app.locale,
                                  self._app.zone)
        self.message.setText(self.tr("Recognised: {name} will see it at their next"
                                     " sign-in.").format(name=win.employee_name))

    def open_coaching(self, employee_id: str, name: str) -> None:
        if employee_id == self._manager.id:
            self.message.setText(self.tr("Coaching notes about you are kept by your"
                                         " manager."))
            return
        names = {self._manager.id: self._manager.name}
        if self.full is not None:
            names.update({t.key: t.label for dim in ("employee", "approver")
                          for t in self.full.totals[dim] if t.key})
        dialog = CoachingDialog(self._app, self._tasks, self._manager, employee_id, name,
                                names, self)
        dialog.finished.connect(dialog.deleteLater)
        self.coaching_dialog = dialog
        dialog.open()

    # --- saving -------------------------------------------------------------------
    def _file_name(self, suffix: str) -> str:
        since, until = self.period()
        return f"leeway-review-{since}-{until}.{suffix}"

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the review as PDF"), str(Path.home() / self._file_name("pdf")),
            self.tr("PDF files (*.pdf)"))
        if path:
            self.save_pdf_to(Path(path))

    def save_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the decisions as CSV"),
            str(Path.home() / self._file_name("csv")), self.tr("CSV files (*.csv)"))
        if path:
            self.save_csv_to(Path(path))

    def save_pdf_to(self, path: Path) -> None:
        from pos_app.adapters.reports.review_pdf import render_review_pdf

        report, locale, zone = self.shown, self._app.locale, self._app.zone
        if report is None:
            return
        path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        self._save(path, lambda: render_review_pdf(report, locale, zone))

    def save_csv_to(self, path: Path) -> None:
        report = self.shown
        if report is None:
            return
        path = path if path.suffix.lower() == ".csv" else path.with_suffix(".csv")
        self._save(path, lambda: report_csv(report).encode("utf-8"))

    def _save(self, path: Path, render: Callable[[], bytes]) -> None:
        self.message.setText(self.tr("Saving {file}…").format(file=path.name))

        def work() -> str:
            write_atomically(path, render())
            return str(path)

        # On the read pool, not the write worker: a long PDF must not hold up a
        # sign-in or a decision queued behind it, and it writes no database.
        self._tasks.run_read(work, lambda where: self.message.setText(
            self.tr("Saved to {path}.").format(path=where)),
            lambda error: self.message.setText(self.tr("Could not save to {path}: {why}")
                                               .format(path=str(path),
                                                       why=getattr(error, "strerror", None)
                                                       or str(error))))
