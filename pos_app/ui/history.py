"""The customer's timeline: decisions and corrections with who, approver, amount, reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.services.customers import HistoryEntry


class HistoryTable(QTableWidget):
    HEADERS = ("When", "What", "Who", "Approver", "Amount", "Reason")
    reprint_requested = Signal(str)  # voucher serial

    def __init__(self, policy: Policy, locale: str) -> None:
        super().__init__(0, len(self.HEADERS))
        self._policy, self._locale = policy, locale
        self.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.setAccessibleName(self.tr("Customer history"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for col in range(len(self.HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # "What" gives way
        self.setAlternatingRowColors(True)
        self.cellDoubleClicked.connect(lambda row, _col: self._reprint(row))

    def set_policy(self, policy: Policy) -> None:
        """Labels for actions and reasons come from the policy in force."""
        self._policy = policy

    def _reprint(self, row: int) -> None:
        item = self.item(row, 0)
        serial = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if serial:
            self.reprint_requested.emit(str(serial))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._reprint(self.currentRow())
            return
        super().keyPressEvent(event)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.setRowCount(len(entries))
        for row, e in enumerate(entries):
            if e.kind == "decision":
                kind = self._policy.actions.get(e.summary)
                what = kind.label if kind else e.summary
                reason = self._policy.reasons.get(e.reason or "")
                reason_text = reason.label if reason else (e.reason or "")
            elif e.kind == "referral":
                action, _, state = e.summary.partition(":")
                kind = self._policy.actions.get(action)
                label = kind.label if kind else action
                what = {
                    "pending": self.tr("{what} referred — pending"),
                    "approved": self.tr("{what} referral approved"),
                    "declined": self.tr("{what} referral declined"),
                }.get(state, "{what}").format(what=label)
                reason = self._policy.reasons.get(e.reason or "")
                reason_text = reason.label if reason else (e.reason or "")
            elif e.kind == "voucher":
                code, _, state = e.summary.partition(":")
                what = (self.tr("Voucher {code} (redeemed)") if state == "redeemed"
                        else self.tr("Voucher {code} issued")).format(code=code)
                reason_text = ""
            else:
                what, reason_text = self.tr("Contact corrected: ") + e.summary, ""
            amount = (Money(e.amount_minor, e.currency or self._policy.currency)
                      .format(self._locale) if e.amount_minor is not None else "")
            cells = (e.at.strftime("%Y-%m-%d %H:%M") + " UTC", what, e.who_name or e.who,
                     e.approver_name or e.approver or "",
                     amount, reason_text)
            for col, text in enumerate(cells):
                # QTableWidgetItem text is never interpreted as rich text.
                item = QTableWidgetItem(text)
                if e.kind == "voucher" and e.ref:
                    item.setData(Qt.ItemDataRole.UserRole, e.ref)
                    item.setToolTip(self.tr("Enter or double-click to reprint (marked COPY)"))
                self.setItem(row, col, item)
