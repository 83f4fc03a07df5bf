"""Asking an approver who is not at the desk, from the over-limit (unlock) dialog.

Two ways, both in :mod:`pos_app.services.far_approval`: read a challenge to the approver
by telephone and type the answer they read back (:class:`PhoneAskDialog`, here), or send
the request through the central database to every desk and wait for an answer
(:class:`~pos_app.ui.far_remote.RemoteAskDialog`). A grant then takes the counter's
usual path (the banner, the voucher dialog) through the ``granted`` callback.

Keyboard: Alt+T / Alt+E in the unlock dialog open them. By telephone, Enter moves from
the approver's ID to the answer and then unlocks; Alt+N draws a new challenge; Esc
closes (the challenge stays valid until it expires, so reopening and typing the answer
still works).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.clock import utcnow
from pos_app.domain.messages import tier_name
from pos_app.services.far_approval import FarRequest, ask_by_telephone, unlock_by_telephone
from pos_app.services.granting import GrantOutcome, RecoveryAsk
from pos_app.ui.accessible import announce, clear_field_error, field_error
from pos_app.ui.far_remote import RemoteAskDialog
from pos_app.ui.far_widgets import button, code_label, error_text, plain, until
from pos_app.ui.messages import explain
from pos_app.ui.screen import grow_to_text
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.unlock import UnlockDialog


class PhoneAskDialog(QDialog):
    """The challenge to read to the approver, and the answer they read back."""

    granted = Signal(object)  # the GrantOutcome, with its decision recorded

    def __init__(self, app: App, tasks: TaskRunner, ask: RecoveryAsk, summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._ask = app, tasks, ask
        self.request: FarRequest | None = None
        self.setWindowTitle(self.tr("Ask by telephone"))
        self.setAccessibleName(self.tr("Ask by telephone"))
        self.setMinimumWidth(560)
        self.summary = plain("sectionTitle")
        self.summary.setText(summary)
        self.challenge = code_label(self.tr("Challenge"))
        self.instructions = plain()
        self.approver_id = QLineEdit()
        self.approver_id.setAccessibleName(self.tr("Approver ID"))
        self.approver_id.setMaxLength(32)
        self.answer = QLineEdit()
        self.answer.setAccessibleName(self.tr("Answer code"))
        self.answer.setPlaceholderText(self.tr("The 10 characters the approver reads back"))
        self.answer.setMaxLength(40)
        self.error = plain("errorText")
        self.new_button = button(self.tr("New challenge"), self.tr("New challenge"),
                                 "Alt+N", self.tr("Draw another challenge (Alt+N)"))
        cancel = button(self.tr("Cancel"), self.tr("Cancel"))
        self.unlock_button = button(self.tr("Unlock and grant"), self.tr("Unlock and grant"))
        form = QFormLayout()
        form.addRow(self.tr("Approver ID"), self.approver_id)
        form.addRow(self.tr("Answer code"), self.answer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.challenge)
        layout.addWidget(self.instructions)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        chain = [self.approver_id, self.answer, self.new_button, cancel, self.unlock_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        # Tells the associate when the challenge has run out, before they try it.
        self._expiry = QTimer(self, singleShot=True)
        self._expiry.timeout.connect(self._expired)
        self.approver_id.returnPressed.connect(self.answer.setFocus)
        self.answer.returnPressed.connect(self._unlock)
        self.unlock_button.clicked.connect(self._unlock)
        self.new_button.clicked.connect(self.draw)
        cancel.clicked.connect(self.reject)
        self.approver_id.setFocus()
        self.draw()

    def draw(self) -> None:
        """Draw a challenge for this request. An earlier one is left to expire: its
        answer may already be on its way, and it is still accepted until then."""
        desk, ask = self._app.desk, self._ask
        self.request = None
        self._expiry.stop()
        self._set_busy(True)
        self.challenge.setText("")
        self.instructions.setText(self.tr("Drawing a challenge…"))
        self._tasks.run_write(lambda: ask_by_telephone(desk, ask), self._drawn,
                              lambda err: self._say(self.instructions, error_text(
                                  err, self.tr("Could not draw a challenge; try again."))))

    def _drawn(self, request: FarRequest) -> None:
        self.request = request
        self.challenge.setText(request.challenge)
        self.challenge.setAccessibleName(self.tr("Challenge {code}").format(
            code=request.challenge))
        self._say(self.instructions, self.tr(
            "Read this to a {tier} or above. Valid until {time}.").format(
                tier=tier_name(request.required_tier),
                time=until(request.expires_at, self._app.locale, self._app.zone)))
        self._set_busy(False)
        left = (request.expires_at - utcnow()).total_seconds()
        self._expiry.start(max(int(left * 1000), 0))
        (self.answer if self.approver_id.text().strip() else self.approver_id).setFocus()

    def _expired(self) -> None:
        self._say(self.error, self.tr("This challenge has expired. Draw a new one (Alt+N)"
                                      " and read it to the approver."))
        announce(self.error, self.error.text(), urgent=True)

    def _set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy and self.request is not None)
        self.new_button.setEnabled(not busy)

    def _say(self, label: QLabel, text: str) -> None:
        label.setText(text)
        grow_to_text(self)
        if label is self.instructions and self.request is None:
            self.new_button.setEnabled(True)  # drawing failed: let them try again

    def _unlock(self) -> None:
        if self.request is None or not self.unlock_button.isEnabled():
            return
        approver, answer = self.approver_id.text().strip(), self.answer.text()
        if not approver:
            self._say(self.error, self.tr("Enter the approver's ID."))
            field_error(self.approver_id, self.error.text())
            self.approver_id.setFocus()
            return
        if not answer.strip():
            self._say(self.error, self.tr("Enter the answer code the approver reads back."))
            field_error(self.answer, self.error.text())
            self.answer.setFocus()
            return
        desk, ask = self._app.desk, self._ask
        self._set_busy(True)
        self._say(self.error, self.tr("Checking…"))
        clear_field_error(self.approver_id, self.answer)
        self._tasks.run_write(lambda: unlock_by_telephone(desk, ask, approver, answer),
                              self._unlocked, lambda err: self._failed(error_text(
                                  err, self.tr("Could not check the answer; nothing was"
                                               " recorded."))))

    def _unlocked(self, outcome: GrantOutcome) -> None:
        if outcome.decision is None:  # the answer was right, but it is no longer allowed
            self._failed(explain(outcome.verdict, self._app.locale))
            return
        self._expiry.stop()
        self.accept()
        self.granted.emit(outcome)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self._say(self.error, message)
        field_error(self.answer, message)  # read with the answer, where the focus goes
        self.answer.setFocus()
        self.answer.selectAll()  # one misheard character: retype over it


def offer_far_approval(dialog: UnlockDialog, app: App, tasks: TaskRunner, ask: RecoveryAsk,
                       granted: Callable[[GrantOutcome], None]) -> None:
    """Wire the unlock dialog's Alt+T and Alt+E; ``granted`` gets a recorded outcome."""
    summary = dialog.summary.text()
    shut = False

    def closed(_result: int) -> None:
        nonlocal shut
        shut = True

    def online(configured: bool) -> None:
        if not shut:
            # An explicit context: lupdate would file dialog.tr() under "dialog".
            dialog.set_online(configured, QCoreApplication.translate(
                "UnlockDialog",
                "This desk has no central database, so no other desk can be asked online;"
                " ask by telephone instead."))

    def phone() -> None:
        far = PhoneAskDialog(app, tasks, ask, summary, dialog)
        _show(far)

    def remote() -> None:
        far = RemoteAskDialog(app, tasks, ask, summary, dialog)
        far.phone_instead.connect(phone)
        _show(far)

    def _show(far: PhoneAskDialog | RemoteAskDialog) -> None:
        dialog.far_dialog = far
        far.granted.connect(granted)
        far.finished.connect(lambda _r: _forget(far))
        far.open()

    def _forget(far: PhoneAskDialog | RemoteAskDialog) -> None:
        if dialog.far_dialog is far:
            dialog.far_dialog = None
        far.deleteLater()

    dialog.finished.connect(closed)
    dialog.phone_requested.connect(phone)
    dialog.remote_requested.connect(remote)
    desk = app.desk
    # A look at the local database only, but still off the UI thread.
    tasks.run_read(desk.central.configured, online, lambda _err: online(False))
