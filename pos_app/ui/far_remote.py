"""Asking approvers at other desks online, and waiting for their answer (the associate's
side of :func:`pos_app.services.far_approval.ask_remotely`).

The request goes to the central database; a countdown shows how long it stays valid and
a timer asks every two seconds whether an answer came (an approval is granted here in
that same call). Esc or Alt+W withdraws it at once and closes; when central cannot be
reached, the dialog says so and offers the telephone instead (Alt+T).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from pos_app.bootstrap import App
from pos_app.domain.clock import utcnow
from pos_app.domain.errors import CentralUnavailable
from pos_app.domain.messages import tier_name
from pos_app.services.far_approval import (
    FarRequest,
    Progress,
    ask_remotely,
    collect_answer,
    withdraw,
)
from pos_app.services.granting import RecoveryAsk
from pos_app.ui.accessible import announce
from pos_app.ui.far_widgets import button, error_text, plain
from pos_app.ui.screen import grow_to_text
from pos_app.ui.tasks import TaskRunner

POLL_MS = 2_000


class RemoteAskDialog(QDialog):
    """Sends the request to approvers at other desks and waits for their answer."""

    granted = Signal(object)  # the GrantOutcome, with its decision recorded
    phone_instead = Signal()

    def __init__(self, app: App, tasks: TaskRunner, ask: RecoveryAsk, summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._ask = app, tasks, ask
        self.request: FarRequest | None = None
        # sending -> waiting -> (withdrawing) -> ended; "ended" also after the answer.
        self.state = "sending"
        self._polling = False
        self._cancelled = False  # Esc while the request was still being sent
        self.setWindowTitle(self.tr("Ask a manager elsewhere"))
        self.setAccessibleName(self.tr("Ask a manager elsewhere"))
        self.setMinimumWidth(560)
        self.summary = plain("sectionTitle")
        self.summary.setText(summary)
        self.status = plain("customerName")
        # Its name is what it shows; the description says what that is.
        self.status.setAccessibleDescription(self.tr("Approval status"))
        self.status.setText(self.tr("Sending the request…"))
        self.detail = plain("mutedText")
        self.error = plain("errorText")
        self.phone_button = button(self.tr("Ask by telephone…"), self.tr("Ask by telephone"),
                                   "Alt+T", self.tr("Read a code to an approver on the"
                                                    " telephone instead (Alt+T)"))
        self.phone_button.hide()
        self.withdraw_button = button(self.tr("Withdraw"), self.tr("Withdraw the request"),
                                      "Alt+W", self.tr("The guest no longer needs it, or"
                                                       " it was asked wrongly (Alt+W, Esc)"))
        self.close_button = button(self.tr("Close"), self.tr("Close"))
        self.close_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.phone_button)
        buttons.addStretch(1)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.detail)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._poll_timer = QTimer(self, interval=POLL_MS)
        self._poll_timer.timeout.connect(self.poll)
        self._tick = QTimer(self, interval=1_000)  # the countdown
        self._tick.timeout.connect(self._show_left)
        self.withdraw_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.phone_button.clicked.connect(self._phone)
        self.withdraw_button.setFocus()
        desk = app.desk
        tasks.run_write(lambda: ask_remotely(desk, ask), self._sent, self._not_sent)

    def _sent(self, request: FarRequest) -> None:
        self.request = request
        if self._cancelled:
            self._withdraw()
            return
        self.state = "waiting"
        self.detail.setText(self.tr(
            "Sent to every desk where a {tier} or above is signed in. It is granted here"
            " as soon as one of them approves it.").format(
                tier=tier_name(request.required_tier)))
        self._show_left()
        self._tick.start()
        self._poll_timer.start()

    def _not_sent(self, error: BaseException) -> None:
        if isinstance(error, CentralUnavailable):
            message = self.tr("The central database cannot be reached; ask by telephone"
                              " instead.")
        else:
            message = error_text(error, self.tr("Could not send the request."))
        self._end(message, offer_phone=not self._cancelled)
        if self._cancelled:
            super().reject()

    def _show_left(self) -> None:
        if self.request is None or self.state != "waiting":
            return
        left = max(int((self.request.expires_at - utcnow()).total_seconds()), 0)
        self.status.setText(self.tr("Waiting for a manager… (expires in {m}:{s:02d})")
                            .format(m=left // 60, s=left % 60))

    def poll(self) -> None:
        """Ask whether an answer came; never two at once (a slow line would pile them
        up). On the write worker: an approval is granted in the same call."""
        if self._polling or self.state != "waiting" or self.request is None:
            return
        self._polling = True
        desk, request_id = self._app.desk, self.request.id
        self._tasks.run_write(lambda: collect_answer(desk, request_id), self._progress,
                              self._poll_failed)

    def _progress(self, progress: Progress) -> None:
        self._polling = False
        if self.state == "ended":
            return
        outcome = progress.outcome
        if progress.state == "approved" and outcome is not None and outcome.decision:
            # Even while withdrawing: it is granted and recorded, so it is reported.
            self._end("", offer_phone=False)
            self.accept()
            self.granted.emit(outcome)
            return
        if self.state != "waiting" or progress.state == "waiting":
            self.error.setText("")
            return
        if progress.state == "declined":
            name, why = progress.approver_name, progress.why
            text = (self.tr("Declined by {name}: {why}") if name and why
                    else self.tr("Declined by {name}.") if name
                    else self.tr("Declined: {why}") if why else self.tr("Declined."))
            self._end(text.format(name=name, why=why), offer_phone=False)
        elif progress.state == "expired":
            self._end(self.tr("The request expired without an answer. Ask again, or ask"
                              " by telephone."), offer_phone=True)
        else:
            self._end(self.tr("The request was withdrawn."), offer_phone=False)

    def _poll_failed(self, error: BaseException) -> None:
        self._polling = False
        if self.state == "waiting":  # a dropped line: the next poll tries again
            self.error.setText(
                self.tr("Cannot reach the central database just now; still trying.")
                if isinstance(error, CentralUnavailable)
                else error_text(error, self.tr("Could not check for an answer; still"
                                               " trying.")))
            grow_to_text(self)

    def _end(self, message: str, offer_phone: bool) -> None:
        self.state = "ended"
        self._poll_timer.stop()
        self._tick.stop()
        self.status.setText(message)
        announce(self.status, message)  # the answer, or why there is none: said at once
        self.detail.setText("")
        self.error.setText("")
        self.withdraw_button.hide()
        self.close_button.show()
        self.phone_button.setVisible(offer_phone)
        (self.phone_button if offer_phone else self.close_button).setFocus()
        grow_to_text(self)

    def _phone(self) -> None:
        self.accept()
        self.phone_instead.emit()

    def reject(self) -> None:
        """Esc, Withdraw or the window's close: a waiting request is withdrawn first."""
        if self.state == "sending":
            self._cancelled = True  # withdrawn as soon as it has been sent
            self.withdraw_button.setEnabled(False)
            self.status.setText(self.tr("Withdrawing…"))
        elif self.state == "waiting":
            self._withdraw()
        elif self.state == "ended":
            super().reject()

    def _withdraw(self) -> None:
        assert self.request is not None
        self.state = "withdrawing"
        self._poll_timer.stop()
        self._tick.stop()
        self.withdraw_button.setEnabled(False)
        self.status.setText(self.tr("Withdrawing…"))
        desk, request_id, by = self._app.desk, self.request.id, self._ask.employee_id
        # Queued behind any poll on the one write worker: an approval that won the race
        # is reported by that poll first, and this one then finds nothing to close.
        self._tasks.run_write(lambda: withdraw(desk, request_id, by),
                              lambda _none: self._withdrawn(),
                              lambda _err: self._withdrawn())

    def _withdrawn(self) -> None:
        if self.state == "withdrawing":
            self.state = "ended"
            super().reject()
