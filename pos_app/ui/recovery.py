"""One-click recovery: a button per preset and per enabled action kind.

Before the click each button shows what this employee can still grant; the click
opens one small confirmation (amount, reason with its guidance, optional note),
prefilled from the preset, that Enter confirms.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.services.recovery import Headroom
from pos_app.services.vouchers import DEFAULT_APOLOGY


@dataclass(frozen=True)
class RecoveryRequestForm:
    action: str
    amount: str
    reason: str
    note: str
    apology: str | None = None  # the voucher's apology line, for actions that yield one


class ConfirmDialog(QDialog):
    """Amount, reason code (with the policy's guidance) and note; Enter confirms."""

    def __init__(self, policy: Policy, locale: str, action: str, amount: Money | None,
                 reason: str | None, note: str, limit_text: str, heading: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        kind = policy.actions[action]
        self.setWindowTitle(kind.label)
        self.heading = QLabel(heading)
        self.heading.setObjectName("customerName")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(self.tr("Confirm {action}").format(action=kind.label))
        self.action = action
        self.amount = QLineEdit(amount.input_text(locale) if amount else "")
        self.amount.setMaxLength(32)
        self.amount.setAccessibleName(self.tr("Amount"))
        self.amount.setPlaceholderText(self.tr("e.g. 25.00"))
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        for code in policy.reasons.values():
            self.reason.addItem(code.label, code.key)
        if reason:
            self.reason.setCurrentIndex(max(self.reason.findData(reason), 0))
        self.guidance = QLabel()
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLineEdit(note)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setMaxLength(2000)
        self.note.setPlaceholderText(
            self.tr("Required over {amount}").format(
                amount=policy.note_required_above.format(locale)))
        # Actions that yield a voucher: its apology line, editable before the grant
        # (the voucher is issued with the decision, in the same transaction).
        self.apology: QLineEdit | None = None
        self._apology_edited = False
        if kind.yields_voucher:
            self.apology = QLineEdit()
            self.apology.setAccessibleName(self.tr("Apology on the voucher"))
            self.apology.setMaxLength(300)
            self.apology.textEdited.connect(self._apology_was_edited)
        self.limit = QLabel(limit_text)
        self.limit.setObjectName("mutedText")
        self.limit.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Grant"))
        ok.setDefault(True)
        ok.setAccessibleName(self.tr("Grant"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.guidance)
        form.addRow(self.tr("Note"), self.note)
        if self.apology is not None:
            form.addRow(self.tr("Apology"), self.apology)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.limit)
        layout.addWidget(buttons)
        self._policy = policy
        self.reason.currentIndexChanged.connect(self._show_guidance)
        self._show_guidance()
        self.amount.setFocus()
        self.amount.selectAll()

    def _apology_was_edited(self, _text: str) -> None:
        self._apology_edited = True

    def _show_guidance(self) -> None:
        code = self._policy.reasons.get(self.reason.currentData())
        self.guidance.setText(code.guidance if code else "")
        if self.apology is not None and not self._apology_edited:
            self.apology.setText(code.apology if code and code.apology else DEFAULT_APOLOGY)
            self.apology.setCursorPosition(0)

    def form(self) -> RecoveryRequestForm:
        return RecoveryRequestForm(self.action, self.amount.text(),
                                   str(self.reason.currentData()), self.note.text(),
                                   self.apology.text() if self.apology is not None else None)


class RecoveryPanel(QWidget):
    """The buttons; emits what was asked for once the confirmation is accepted."""

    requested = Signal(object)  # RecoveryRequestForm

    def __init__(self, policy: Policy, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._policy, self._locale = policy, locale
        self._headroom: Headroom | None = None
        self.customer_name = ""
        self.summary = QLabel()
        self.summary.setObjectName("headroom")
        self.summary.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        specs: list[tuple[str, str, Money | None, str | None, str]] = [
            (f"preset:{i}", p.label, p.amount, p.reason, p.action)
            for i, p in enumerate(policy.presets)
            if policy.actions[p.action].enabled
        ]
        specs += [(f"action:{a.key}", a.label + "…", None, None, a.key)
                  for a in policy.enabled_actions()]
        for n, (key, label, amount, reason, action) in enumerate(specs):
            button = QPushButton(label)
            button.setProperty("label", label)
            shortcut = f"Alt+{n + 1}" if n < 9 else ""
            if shortcut:
                button.setShortcut(shortcut)
            button.setAccessibleName(label)
            button.setProperty("spec", (action, amount, reason))
            button.setProperty("shortcutText", shortcut)
            button.clicked.connect(lambda _c=False, b=button: self._clicked(b))
            grid.addWidget(button, n // 2, n % 2)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(grid)

    def show_headroom(self, headroom: Headroom) -> None:
        self._headroom = headroom
        fmt = self._fmt
        self.summary.setText(self.tr(
            "You can still grant {shift} this shift. This guest has {budget} left of their"
            " goodwill budget.").format(shift=fmt(headroom.shift_left),
                                         budget=fmt(headroom.customer_budget_left)))
        for button in self.buttons.values():
            action, _amount, _reason = button.property("spec")
            limit = headroom.per_action.get(action)
            tip = self.tr("Up to {limit} per {action} on your own; {shift} left this shift."
                          ).format(limit=fmt(limit) if limit else "—",
                                   action=self._policy.actions[action].label.lower(),
                                   shift=fmt(headroom.shift_left))
            shortcut = button.property("shortcutText")
            button.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            _spec_action, amount, _r = button.property("spec")
            shown = amount if amount is not None else limit
            prefix = "" if amount is not None else self.tr("up to ")
            button.setText(f"{button.property('label')}  ·  {prefix}{fmt(shown)}"
                           if shown is not None else button.property("label"))
            button.setAccessibleDescription(tip)

    def _fmt(self, money: Money) -> str:
        return money.format(self._locale)

    def _clicked(self, button: QPushButton) -> None:
        action, amount, reason = button.property("spec")
        limit_text = button.toolTip()
        note = ""
        heading = button.property("label").rstrip("…")
        if self.customer_name:
            heading = self.tr("{what} for {who}").format(what=heading, who=self.customer_name)
        dialog = ConfirmDialog(self._policy, self._locale, action, amount, reason, note,
                               limit_text, heading, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.requested.emit(dialog.form()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
