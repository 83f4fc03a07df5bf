"""One-click recovery: a button per preset and per enabled action kind.

Before the click each button shows what this employee can grant this guest right now
(the lowest of their own limit, what is left of their shift and the guest's budget)
and says "needs approval" when that is so. Alt+1…Alt+9 press the first nine buttons.
The click opens one small confirmation (amount, reason with its guidance, optional
note), prefilled from the preset, that Enter confirms; an amount that is not one keeps
the dialog open with the reason beside it, and nothing typed is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import InvalidInput
from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.i18n import _ as translated
from pos_app.services.recovery import Headroom
from pos_app.services.vouchers import DEFAULT_APOLOGY
from pos_app.ui.accessible import clear_field_error, field_error


@dataclass(frozen=True)
class RecoveryRequestForm:
    action: str
    amount: str
    reason: str
    note: str
    apology: str | None = None  # the voucher's apology line, for actions that yield one


def default_reason(policy: Policy, action: str) -> str | None:
    """The reason an action's confirmation starts on.

    A policy may name one per action (optional ``default_reason`` in the action's
    table); otherwise the first reason whose guidance does not steer away from this
    action ("a credit fits better than a refund" is no start for a refund).
    """
    spec = policy.raw.get("actions", {}).get(action, {})
    named = spec.get("default_reason") if isinstance(spec, dict) else None
    if isinstance(named, str) and named in policy.reasons:
        return named
    label = re.escape(policy.actions[action].label.lower())
    against = re.compile(rf"\b(better than|instead of|rather than|not) (an? )?{label}\b",
                         re.IGNORECASE)
    for code in policy.reasons.values():
        if not against.search(code.guidance):
            return code.key
    return next(iter(policy.reasons), None)


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorText")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    return label


class ConfirmDialog(QDialog):
    """Amount, reason code (with the policy's guidance) and note; Enter confirms."""

    def __init__(self, policy: Policy, locale: str, action: str, amount: Money | None,
                 reason: str | None, note: str, limit_text: str, heading: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        kind = policy.actions[action]
        self._policy, self._locale = policy, locale
        self.setWindowTitle(translated(kind.label))
        self.heading = QLabel(heading)
        self.heading.setObjectName("customerName")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(self.tr("Confirm {action}").format(
            action=translated(kind.label)))
        self.action = action
        self.amount = QLineEdit(amount.input_text(locale) if amount else "")
        self.amount.setMaxLength(32)
        self.amount.setAccessibleName(self.tr("Amount"))
        self.amount.setPlaceholderText(self.tr("e.g. 25.00"))
        self.amount_error = _error_label()
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        for code in policy.reasons.values():
            self.reason.addItem(translated(code.label), code.key)
        start = reason or default_reason(policy, action)
        if start:
            self.reason.setCurrentIndex(max(self.reason.findData(start), 0))
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
        self.note_error = _error_label()
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
        self.limit.setTextFormat(Qt.TextFormat.PlainText)  # holds the policy's own words
        self.limit.setObjectName("mutedText")
        self.limit.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():  # no stock icons: no other button has one
            button.setIcon(QIcon())
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Grant"))
        ok.setDefault(True)
        ok.setAccessibleName(self.tr("Grant"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.guidance)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.note_error)
        if self.apology is not None:
            form.addRow(self.tr("Apology"), self.apology)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.limit)
        layout.addWidget(buttons)
        self.reason.currentIndexChanged.connect(self._show_guidance)
        self.amount.textEdited.connect(lambda _t: self._clear(self.amount, self.amount_error))
        self.note.textEdited.connect(lambda _t: self._clear(self.note, self.note_error))
        self._show_guidance()
        self.amount.setFocus()
        self.amount.selectAll()

    def _apology_was_edited(self, _text: str) -> None:
        self._apology_edited = True

    def _show_guidance(self) -> None:
        code = self._policy.reasons.get(self.reason.currentData())
        self.guidance.setText(translated(code.guidance) if code and code.guidance else "")
        if self.apology is not None and not self._apology_edited:
            # Prefilled in the desk's language: the voucher prints what this field holds.
            self.apology.setText(translated(code.apology if code and code.apology
                                            else DEFAULT_APOLOGY))
            self.apology.setCursorPosition(0)

    def accept(self) -> None:
        """Only a real amount (and a note where the policy wants one) closes the dialog;
        otherwise the reason shows beside the field and everything typed stays."""
        try:
            amount = Money.parse(self.amount.text(), self._policy.currency, self._locale)
            if amount.minor <= 0:
                raise InvalidInput(self.tr("The amount must be more than zero."))
        except InvalidInput as exc:
            self._refuse(self.amount, self.amount_error, str(exc))
            return
        if amount > self._policy.note_required_above and not self.note.text().strip():
            self._refuse(self.note, self.note_error, self.tr(
                "A note is required for more than {amount}: say what happened.").format(
                    amount=self._policy.note_required_above.format(self._locale)))
            return
        super().accept()

    def _refuse(self, field: QLineEdit, error: QLabel, message: str) -> None:
        error.setText(message)
        error.show()
        field_error(field, message)  # read with the field, where the focus goes
        field.setFocus()
        field.selectAll()

    def _clear(self, field: QLineEdit, error: QLabel) -> None:
        """Typing again: the reason was about what was there before."""
        error.hide()
        clear_field_error(field)

    def form(self) -> RecoveryRequestForm:
        return RecoveryRequestForm(self.action, self.amount.text(),
                                   str(self.reason.currentData()), self.note.text(),
                                   self.apology.text() if self.apology is not None else None)


class RecoveryButton(QPushButton):
    """A label and what it grants now ("$40.00", "up to $150.00", "needs approval").

    When the counter is narrow the label gives way (elided, whole in the tooltip and
    the accessible name), never the amount or "needs approval".
    """

    SEPARATOR = "  ·  "

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        self.label = label
        self.detail = ""
        # QPushButton's own policy (Minimum) never shrinks below the whole text, so a
        # row of "…, needs approval" pushed the search panel aside; this one may shrink
        # to minimumSizeHint, the label elided.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_detail(self, detail: str) -> None:
        self.detail = detail
        # Said whole, amount included, however the shown text is elided; a comma, not
        # the dot, since a screen reader may read the dot out.
        self.setAccessibleName(self.tr("{label}, {detail}").format(
            label=self.label.rstrip("…"), detail=detail) if detail else self.label)
        self.updateGeometry()
        self._fit()

    def full_text(self) -> str:
        return f"{self.label}{self.SEPARATOR}{self.detail}" if self.detail else self.label

    def _size_for(self, text: str) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        metrics = self.fontMetrics()
        content = QSize(metrics.horizontalAdvance(text), metrics.height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option,
                                             content, self)

    # Hints from the whole text, not the elided one shown, so the layout stays stable.
    def sizeHint(self) -> QSize:  # noqa: N802
        return self._size_for(self.full_text())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._size_for(f"…{self.SEPARATOR}{self.detail}" if self.detail else "…")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        full = self.full_text()
        room = self.width() - (self._size_for("").width())
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(full) <= room or not self.detail:
            self.setText(full if metrics.horizontalAdvance(full) <= room else
                         metrics.elidedText(full, Qt.TextElideMode.ElideRight, room))
            return
        tail = f"{self.SEPARATOR}{self.detail}"
        label = metrics.elidedText(self.label, Qt.TextElideMode.ElideRight,
                                   max(room - metrics.horizontalAdvance(tail), 0))
        self.setText(label + tail)


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
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: dict[str, RecoveryButton] = {}
        grid = QGridLayout()
        specs: list[tuple[str, str, Money | None, str | None, str]] = [
            (f"preset:{i}", translated(p.label), p.amount, p.reason, p.action)
            for i, p in enumerate(policy.presets)
            if policy.actions[p.action].enabled
        ]
        specs += [(f"action:{a.key}", translated(a.label) + "…", None, None, a.key)
                  for a in policy.enabled_actions()]
        for n, (key, label, amount, reason, action) in enumerate(specs):
            button = RecoveryButton(label)
            button.setProperty("label", label)
            button.setAccessibleName(label)
            button.setProperty("spec", (action, amount, reason))
            shortcut = f"Alt+{n + 1}" if n < 9 else ""
            button.setProperty("shortcutText", shortcut)
            if shortcut:
                # A QShortcut, not QPushButton.setShortcut: setText() (every headroom
                # update) silently drops a button's own shortcut.
                keys = QShortcut(QKeySequence(shortcut), self)
                keys.activated.connect(lambda b=button: self._press(b))
            button.clicked.connect(lambda _c=False, b=button: self._clicked(b))
            grid.addWidget(button, n // 2, n % 2)
            self.buttons[key] = button
        grid.setSpacing(4)  # compact: a short till keeps room for the history
        self.setObjectName("recovery")  # the style sheet gives its buttons less padding
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addLayout(grid)

    def show_headroom(self, headroom: Headroom) -> None:
        self._headroom = headroom
        fmt = self._fmt
        zero = Money.zero(self._policy.currency)
        shift = (self.tr("You can still grant {shift} this shift.").format(
                     shift=fmt(headroom.shift_left))
                 if headroom.shift_left > zero else
                 self.tr("Your allowance for this shift is used up: anything more needs"
                         " approval."))
        budget = (self.tr("This guest has {budget} left of their goodwill budget.").format(
                      budget=fmt(headroom.customer_budget_left))
                  if headroom.customer_budget_left > zero else
                  self.tr("This guest's goodwill budget is used up: anything more needs"
                          " approval."))
        self.summary.setText(f"{shift} {budget}")
        for button in self.buttons.values():
            self._show_button(button, headroom)

    def _show_button(self, button: RecoveryButton, headroom: Headroom) -> None:
        fmt = self._fmt
        action, amount, _reason = button.property("spec")
        kind = self._policy.actions[action]
        zero = Money.zero(self._policy.currency)
        limit = headroom.per_action.get(action, zero)
        now = min(limit, headroom.shift_left, headroom.customer_budget_left)
        routine = (kind.discretionary
                   and headroom.customer_actions >= self._policy.frequency_max)
        needs_approval = routine or (now <= zero if amount is None else amount > now)
        if amount is not None:
            shown = fmt(amount)
            if needs_approval:
                shown = self.tr("{amount}, needs approval").format(amount=shown)
        elif needs_approval:
            shown = self.tr("needs approval")
        else:
            shown = self.tr("up to {amount}").format(amount=fmt(now))
        if button.property("needsApproval") != needs_approval:
            button.setProperty("needsApproval", needs_approval)
            button.style().polish(button)  # the style sheet marks it apart
        button.set_detail(shown)
        tip = self.tr("On your own you can grant this guest up to {now} now: your"
                      " {action} limit is {limit}, {shift} is left this shift and {budget}"
                      " of their goodwill budget.").format(
            # The demo policy's noun in the desk's language (German keeps the capital).
            now=fmt(now), action=translated(kind.label.lower()), limit=fmt(limit),
            shift=fmt(headroom.shift_left), budget=fmt(headroom.customer_budget_left))
        if routine:
            tip += " " + self.tr("This guest has had {count} goodwill actions in {days}"
                                 " days; another needs approval.").format(
                count=headroom.customer_actions, days=self._policy.frequency_days)
        shortcut = button.property("shortcutText")
        # The whole text first: on a narrow counter the label on the button is elided.
        text = f"{button.full_text()}\n{tip}"
        button.setToolTip(f"{text} ({shortcut})" if shortcut else text)
        button.setAccessibleDescription(tip)
        button.setProperty("limitText", tip)  # repeated in the confirmation

    def _fmt(self, money: Money) -> str:
        return money.format(self._locale)

    def _press(self, button: RecoveryButton) -> None:
        """Alt+N: as if the button were clicked, and focus stays on it afterwards."""
        if button.isVisible() and button.isEnabled():
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            button.click()

    def _clicked(self, button: RecoveryButton) -> None:
        action, amount, reason = button.property("spec")
        limit_text = button.property("limitText") or ""
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
