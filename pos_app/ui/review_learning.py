"""The review's "Root causes and patterns" tab: patterns worth a conversation, places
named again and again, guests with repeated recoveries, and the weekly trend per
category.

The patterns are worded neutrally by the domain and shown as written: things to ask
about, never verdicts. They are found over the whole period, so the filters of the
review window (one employee, one reason) do not narrow them: a rate is only a pattern
against the rest of the store.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from pos_app.domain.patterns import Pattern
from pos_app.domain.review import Recurring
from pos_app.i18n import _ as translated
from pos_app.services.review import LearningReport
from pos_app.ui.far_widgets import button
from pos_app.ui.language import count_text
from pos_app.ui.review_models import Column, RecordsModel, money_text
from pos_app.ui.review_table import ReviewTable, heading, muted

EMPLOYEE_PATTERNS = ("rate", "one_reason")  # subject_id is an employee's id


def recurring_columns(first: str, currency: str, locale: str, labels: dict[str, str]
                      ) -> list[Column]:
    return [Column(first, lambda r: r.label),
            Column(QCoreApplication.translate("ReviewColumns", "Count"),
                   lambda r: count_text(r.count), lambda r: r.count, True),
            Column(QCoreApplication.translate("ReviewColumns", "Amount"),
                   lambda r: money_text(r.amount_minor, currency, locale),
                   lambda r: r.amount_minor, True),
            Column(QCoreApplication.translate("ReviewColumns", "Reasons"),
                   lambda r: ", ".join(labels.get(k, k) for k in r.reasons), give=3)]


def week_column(week: str) -> Column:
    """One ISO week ("2026-W19", headed "W19") of a {category: {week: count}} row."""
    def count(item: tuple[str, dict[str, int]]) -> str:
        return count_text(item[1].get(week, 0))
    # "W19" is English's short week; other languages say it otherwise ("KW19", "S19").
    title = QCoreApplication.translate("ReviewColumns", "W{week}").format(week=week[6:])
    return Column(title, count, lambda item: item[1].get(week, 0), numeric=True)


class LearningTab(QWidget):
    coaching_requested = Signal(str, str)  # employee id, name
    guest_chosen = Signal(str)  # customer id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patterns = RecordsModel([])
        self.patterns_view = ReviewTable(self.patterns, self.tr("Patterns"))
        self.places = RecordsModel([])
        self.places_view = ReviewTable(self.places, self.tr("Places named again and again"))
        self.guests = RecordsModel([])
        self.guests_view = ReviewTable(self.guests, self.tr("Repeat guests"))
        self.guests_view.setToolTip(self.tr("Guests with three or more recoveries within 90"
                                            " days; Enter opens the guest at the counter"))
        self.trend = RecordsModel([])
        self.trend_view = ReviewTable(self.trend, self.tr("Decisions per week, by category"),
                                      stretch=0)
        self.trend_view.setSortingEnabled(False)  # weeks read left to right, as they came
        self.coach_button = button(
            self.tr("Coaching &note…"), self.tr("Coaching note for the pattern's employee"),
            tip=self.tr("A private note about the selected pattern's employee (Alt+N)"))
        self.coach_button.setEnabled(False)
        self.status = muted(self.tr("Loading…"))
        top = QWidget()
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading(self.tr("Patterns worth a conversation (not verdicts)")))
        col.addWidget(self.patterns_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.coach_button)
        col.addLayout(row)
        bottom = QWidget()
        cols = QHBoxLayout(bottom)
        cols.setContentsMargins(0, 0, 0, 0)
        for title, view in ((self.tr("Places named again and again"), self.places_view),
                            (self.tr("Repeat guests (3 or more in 90 days)"),
                             self.guests_view),
                            (self.tr("Decisions per week, by category"), self.trend_view)):
            box = QVBoxLayout()
            box.addWidget(heading(title))
            box.addWidget(view, 1)
            cols.addLayout(box, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.patterns_view.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._enable())
        self.patterns.modelReset.connect(self._enable)
        self.coach_button.clicked.connect(self._coach)
        self.patterns_view.activated_row.connect(lambda _row: self._coach())
        self.guests_view.activated_row.connect(self._open_guest)

    def loading(self) -> None:
        self.status.setText(self.tr("Loading…"))

    def show_learning(self, learning: LearningReport, currency: str, locale: str,
                      labels: dict[str, str]) -> None:
        # self.tr itself, never an alias: lupdate files only self.tr() under this class.
        kinds = {"rate": self.tr("How often"), "one_reason": self.tr("One reason"),
                 "repeat_credit": self.tr("Repeated credit")}
        self.patterns.set_columns([
            Column(self.tr("Kind"), lambda p: kinds.get(p.kind, p.kind)),
            Column(self.tr("Who"), lambda p: p.subject),
            Column(self.tr("Decisions"), lambda p: count_text(p.count), lambda p: p.count, True),
            Column(self.tr("Amount"), lambda p: money_text(p.amount_minor, currency, locale),
                   lambda p: p.amount_minor, True),
            Column(self.tr("What was seen"), lambda p: self._reworded(p, labels), give=3)],
            learning.patterns)
        self.status.setText(
            self.tr("Nothing here stands out for this period.") if not learning.patterns
            else self.tr("Found over the whole period; the filters above do not narrow them."))
        self.places.set_columns(recurring_columns(self.tr("Place"), currency, locale, labels),
                                learning.places)
        self.guests.set_columns(recurring_columns(self.tr("Guest"), currency, locale, labels),
                                learning.repeat_guests)
        weeks = sorted({w for per_week in learning.by_category.values() for w in per_week})
        # A policy's category: the demo policy's in the window's language.
        columns = [Column(self.tr("Category"), lambda item: translated(item[0]))]
        columns += [week_column(week) for week in weeks]
        self.trend.set_columns(columns, sorted(learning.by_category.items()))

    @staticmethod
    def _reworded(p: Pattern, labels: dict[str, str]) -> str:
        # The domain names a reason by its key ('service_delay'); the store's label reads
        # better, and the sentence is otherwise the domain's own.
        text = p.text
        for key, label in labels.items():
            text = text.replace(f"'{key}'", f"'{label}'")
        return text

    def current(self) -> Pattern | None:
        pattern: Pattern | None = self.patterns.row_at(self.patterns_view.current_row())
        return pattern

    def _enable(self) -> None:
        pattern = self.current()
        self.coach_button.setEnabled(pattern is not None
                                     and pattern.kind in EMPLOYEE_PATTERNS)

    def _coach(self) -> None:
        pattern = self.current()
        if pattern is not None and pattern.kind in EMPLOYEE_PATTERNS:
            self.coaching_requested.emit(pattern.subject_id, pattern.subject)
        elif pattern is not None and pattern.kind == "repeat_credit":
            self.guest_chosen.emit(pattern.subject_id)

    def _open_guest(self, row: int) -> None:
        guest: Recurring | None = self.guests.row_at(row)
        if guest is not None:
            self.guest_chosen.emit(guest.key)
