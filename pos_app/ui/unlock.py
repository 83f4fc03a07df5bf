"""The manager unlock dialog: the approver types their own ID and PIN at this desk.

It shows exactly what is being approved (customer, action, amount, why it needs
approval); the unlock is spent on that one action at once. When nobody who may
approve is at hand, or nobody at the desk may, the request can be referred instead.
Keyboard: ID, Enter, PIN, Enter unlocks; Alt+R refers; Enter on a focused button
presses it (see :mod:`pos_app.ui.keyboard`); Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class UnlockDialog(QDialog):
    unlock_requested = Signal(str, str)  # approver id, PIN
    refer_requested = Signal()

    def __init__(self, summary: str, why: str, tier: str, can_unlock: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager unlock"))
        self.setAccessibleName(self.tr("Manager unlock"))
        self.summary = QLabel(summary)
        self.summary.setObjectName("customerName")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.why = QLabel(why)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setWordWrap(True)
        self.who = QLabel(
            self.tr("A {tier} or above unlocks this one action with their own ID and PIN.")
            .format(tier=tier) if can_unlock else
            self.tr("Nobody at this desk may approve this. Refer it: a {tier} decides later.")
            .format(tier=tier))
        self.who.setObjectName("mutedText")
        self.who.setWordWrap(True)
        self.approver_id = QLineEdit()
        self.approver_id.setAccessibleName(self.tr("Approver ID"))
        self.approver_id.setMaxLength(32)
        self.pin = QLineEdit()
        self.pin.setAccessibleName(self.tr("Approver PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(32)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("Unlock and grant"))
        self.unlock_button.setAccessibleName(self.tr("Unlock and grant"))
        self.refer_button = QPushButton(self.tr("Refer for later"))
        self.refer_button.setAccessibleName(self.tr("Refer for later"))
        self.refer_button.setToolTip(self.tr("Record it as pending for a higher tier (Alt+R)"))
        self.refer_button.setShortcut("Alt+R")
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        # The fields handle Enter themselves (ID -> PIN -> unlock); no default button.
        for button in (self.unlock_button, self.refer_button, cancel):
            button.setAutoDefault(False)
        form = QFormLayout()
        form.addRow(self.tr("Approver ID"), self.approver_id)
        form.addRow(self.tr("PIN"), self.pin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refer_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.why)
        layout.addWidget(self.who)
        if can_unlock:
            layout.addLayout(form)
        else:
            self.approver_id.hide()
            self.pin.hide()
            self.unlock_button.hide()
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        # Tab follows the screen: the fields, then the buttons left to right.
        chain = [self.approver_id, self.pin, self.refer_button, cancel, self.unlock_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.approver_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._unlock)
        self.unlock_button.clicked.connect(self._unlock)
        self.refer_button.clicked.connect(self._refer)
        cancel.clicked.connect(self.reject)
        (self.approver_id if can_unlock else self.refer_button).setFocus()

    def _unlock(self) -> None:
        approver, pin = self.approver_id.text().strip(), self.pin.text()
        self.pin.clear()  # never left in the field, whatever happens next
        if not approver or not pin:
            self.error.setText(self.tr("Enter the approver's ID and PIN."))
            return
        self.set_busy(True)
        self.error.setText(self.tr("Checking…"))
        self.unlock_requested.emit(approver, pin)

    def _refer(self) -> None:
        self.set_busy(True)
        self.refer_requested.emit()

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.refer_button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        # Back where the person can act: the PIN, or the only way on when unlocking
        # here is not possible.
        (self.pin if self.pin.isVisibleTo(self) else self.refer_button).setFocus()
