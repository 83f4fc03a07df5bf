"""Recognition at sign-in: "Well done: Grace recognised your refund for …".

After a sign-in the main window asks, on the write worker (showing marks them seen),
for the recognitions this employee has not seen yet, with the decision each is about
(``services.review.recognitions_with_decisions``);
a friendly notice under the header says so until it is dismissed, the desk is locked
or someone signs out. It never blocks the counter nor takes the focus from it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from pos_app.domain.review import ReviewDecision
from pos_app.i18n import _ as translated
from pos_app.services.review_ports import RecognitionRecord
from pos_app.ui.far_widgets import button

Recognised = tuple[RecognitionRecord, ReviewDecision | None]


class RecognitionNotice(QFrame):
    """A dismissible, non-blocking line of thanks under the header."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recognitionNotice")
        self.label = QLabel()
        self.label.setObjectName("banner")
        self.label.setProperty("kind", "ok")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleDescription(self.tr("Recognition"))  # its name is what it shows
        self.dismiss = button(self.tr("Thank you"), self.tr("Dismiss the recognition"),
                              tip=self.tr("Hide this notice"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss)
        self.dismiss.clicked.connect(self.hide)
        self.hide()

    def show_recognitions(self, items: list[Recognised], labels: dict[str, str]) -> None:
        if not items:
            return
        lines = []
        for record, decision in items:
            by = record.given_by_name or record.given_by
            if decision is not None:
                # The noun inside a sentence: the demo policy's comes out in the desk's
                # language (German keeps its capital), a store's own as written.
                action = translated(labels.get(decision.action, decision.action).lower())
                guest = decision.customer_name or decision.customer_id
                line = self.tr("Well done: {by} recognised your {action} for {guest}").format(
                    by=by, action=action, guest=guest)
            else:
                line = self.tr("Well done: {by} recognised one of your decisions").format(
                    by=by)
            # Quotation marks differ between languages („…“ in German, «…» in Spanish).
            lines.append(self.tr("{sentence}: “{note}”").format(
                sentence=line, note=record.note) if record.note else f"{line}.")
        self.label.setText("\n".join(lines))
        self.show()
