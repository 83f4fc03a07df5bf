"""The customer's timeline: decisions and corrections with who, approver, amount, reason."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.services.customers import HistoryEntry


class HistoryTable(QTableWidget):
    HEADERS = ("When", "What", "Who", "Approver", "Amount", "Reason")

    def __init__(self, policy: Policy, locale: str) -> None:
        super().__init__(0, len(self.HEADERS))
        self._policy, self._locale = policy, locale
        self.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.setAccessibleName(self.tr("Customer history"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setAlternatingRowColors(True)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.setRowCount(len(entries))
        for row, e in enumerate(entries):
            if e.kind == "decision":
                kind = self._policy.actions.get(e.summary)
                what = kind.label if kind else e.summary
                reason = self._policy.reasons.get(e.reason or "")
                reason_text = reason.label if reason else (e.reason or "")
            else:
                what, reason_text = self.tr("Contact corrected: ") + e.summary, ""
            amount = (Money(e.amount_minor, e.currency or self._policy.currency)
                      .format(self._locale) if e.amount_minor is not None else "")
            cells = (e.at.strftime("%Y-%m-%d %H:%M") + " UTC", what, e.who, e.approver or "",
                     amount, reason_text)
            for col, text in enumerate(cells):
                # QTableWidgetItem text is never interpreted as rich text.
                self.setItem(row, col, QTableWidgetItem(text))
        self.resizeColumnToContents(0)
