"""The manager unlock dialog: the approver types their own ID and PIN at this desk.

It shows exactly what is being approved (customer, action, amount, why it needs
approval); the unlock is spent on that one action at once. When nobody who may
approve is at hand, or nobody at the desk may, the request can be referred instead;
when someone may approve but is not here, they can be asked by telephone or online
(see :mod:`pos_app.ui.far_approval`). Keyboard: ID, Enter, PIN, Enter unlocks; Alt+T
asks by telephone, Alt+E a manager elsewhere; Alt+R refers; Enter on a focused button
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

from pos_app.ui.accessible import clear_field_error, field_error


class UnlockDialog(QDialog):
    unlock_requested = Signal(str, str)  # approver id, PIN
    refer_requested = Signal()
    phone_requested = Signal()
    remote_requested = Signal()

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
        self.phone_button = QPushButton(self.tr("Ask by telephone…"))
        self.phone_button.setAccessibleName(self.tr("Ask by telephone"))
        self.phone_button.setToolTip(self.tr("Read a code to an approver on the telephone"
                                             " and type the answer they read back (Alt+T)"))
        self.phone_button.setShortcut("Alt+T")
        self.remote_button = QPushButton(self.tr("Ask a manager elsewhere…"))
        self.remote_button.setAccessibleName(self.tr("Ask a manager elsewhere"))
        self.remote_button.setShortcut("Alt+E")
        # Enabled once the desk is known to have a central database (set_online).
        self.set_online(False, self.tr("Checking whether this desk can reach other desks…"))
        self.far_dialog: QDialog | None = None  # the telephone or online dialog, when open
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        # The fields handle Enter themselves (ID -> PIN -> unlock); no default button.
        for button in (self.unlock_button, self.refer_button, self.phone_button,
                       self.remote_button, cancel):
            button.setAutoDefault(False)
        form = QFormLayout()
        form.addRow(self.tr("Approver ID"), self.approver_id)
        form.addRow(self.tr("PIN"), self.pin)
        away = QLabel(self.tr("Approver not here?"))
        away.setObjectName("mutedText")
        far = QHBoxLayout()
        far.addWidget(away)
        far.addWidget(self.phone_button)
        far.addWidget(self.remote_button)
        far.addStretch(1)
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
            for widget in (self.approver_id, self.pin, self.unlock_button, away,
                           self.phone_button, self.remote_button):
                widget.hide()
        layout.addWidget(self.error)
        if can_unlock:
            layout.addLayout(far)
        layout.addLayout(buttons)
        # Tab follows the screen: the fields, then the buttons left to right.
        chain = [self.approver_id, self.pin, self.phone_button, self.remote_button,
                 self.refer_button, cancel, self.unlock_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.approver_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._unlock)
        self.unlock_button.clicked.connect(self._unlock)
        self.refer_button.clicked.connect(self._refer)
        self.phone_button.clicked.connect(self.phone_requested)
        self.remote_button.clicked.connect(self.remote_requested)
        cancel.clicked.connect(self.reject)
        (self.approver_id if can_unlock else self.refer_button).setFocus()

    def _unlock(self) -> None:
        approver, pin = self.approver_id.text().strip(), self.pin.text()
        self.pin.clear()  # never left in the field, whatever happens next
        if not approver or not pin:
            self.error.setText(self.tr("Enter the approver's ID and PIN."))
            field_error(self.approver_id if not approver else self.pin, self.error.text())
            return
        self.set_busy(True)
        self.error.setText(self.tr("Checking…"))
        clear_field_error(self.approver_id, self.pin, self.refer_button)
        self.unlock_requested.emit(approver, pin)

    def _refer(self) -> None:
        self.set_busy(True)
        self.refer_requested.emit()

    def set_online(self, available: bool, why: str = "") -> None:
        """Whether approvers elsewhere can be asked online; ``why`` says why not."""
        self._online = available
        self.remote_button.setEnabled(available)
        tip = (self.tr("Send the request to approvers signed in at other desks (Alt+E)")
               if available else why)
        self.remote_button.setToolTip(tip)
        self.remote_button.setAccessibleDescription(tip)

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.refer_button.setEnabled(not busy)
        self.phone_button.setEnabled(not busy)
        self.remote_button.setEnabled(not busy and self._online)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        # Back where the person can act: the PIN, or the only way on when unlocking
        # here is not possible; the reason is read with it, and said at once.
        target = self.pin if self.pin.isVisibleTo(self) else self.refer_button
        field_error(target, message)
        target.setFocus()
