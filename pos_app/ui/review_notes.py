"""The two small dialogs of the review: a recognition's short note, and an employee's
private coaching notes (the earlier ones, and a new one).

Both open with ``open()`` (never a nested event loop) and leave every read and write to
the task runner; all recorded text is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pos_app.bootstrap import App
from pos_app.domain.people import Employee
from pos_app.domain.zones import format_when
from pos_app.services.review import NOTE_LIMIT, coaching_notes, keep_coaching_note
from pos_app.services.review_ports import CoachingNote
from pos_app.ui.far_widgets import button, error_text, plain
from pos_app.ui.review_table import MnemonicLabel
from pos_app.ui.tasks import TaskRunner

COACHING_LIMIT = 2000  # as the service keeps it


class RecognitionDialog(QDialog):
    """"What was done well?": Enter recognises, Esc leaves it."""

    recognised = Signal(str)  # the note

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recognise a decision"))
        self.setAccessibleName(self.tr("Recognise a decision"))
        self.summary = plain()
        self.summary.setText(summary)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Recognition note"))
        self.note.setPlaceholderText(self.tr("What was done well (optional)"))
        self.note.setMaxLength(NOTE_LIMIT)
        label = MnemonicLabel(self.tr("&Note"))
        label.setBuddy(self.note)
        explain = plain("mutedText")
        explain.setText(self.tr("They see this once, at their next sign-in."))
        self.ok = button(self.tr("Recognise"), self.tr("Recognise"))
        self.cancel = button(self.tr("Cancel"), self.tr("Cancel"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel)
        row.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(explain)
        layout.addLayout(row)
        self.resize(460, self.sizeHint().height())
        self.note.returnPressed.connect(self._done)
        self.ok.clicked.connect(self._done)
        self.cancel.clicked.connect(self.reject)

    def _done(self) -> None:
        self.recognised.emit(self.note.text())
        self.accept()


class CoachingDialog(QDialog):
    """A manager's private notes about one employee: never shown to them."""

    kept = Signal()

    def __init__(self, app: App, tasks: TaskRunner, manager: Employee, employee_id: str,
                 name: str, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._manager = app, tasks, manager
        self._employee_id, self._names = employee_id, names
        self.setWindowTitle(self.tr("Coaching notes: {name}").format(name=name))
        self.setAccessibleName(self.tr("Coaching notes"))
        explain = plain("mutedText")
        explain.setText(self.tr("Private: kept for the managers of this store and never"
                                " shown to {name}. Write what was seen and what you agreed,"
                                " not a verdict.").format(name=name))
        self.earlier = QListWidget()
        self.earlier.setAccessibleName(self.tr("Earlier coaching notes"))
        self.earlier.setWordWrap(True)
        self.earlier.setAlternatingRowColors(True)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("New coaching note"))
        self.note.setTabChangesFocus(True)  # Tab moves on; a note has no need of tabs
        self.note.setPlaceholderText(self.tr("A new note (Ctrl+Enter keeps it)"))
        new_label = MnemonicLabel(self.tr("&New note"))
        new_label.setBuddy(self.note)
        self.status = plain()
        self.status.setAccessibleDescription(self.tr("Status"))  # its name is what it shows
        self.keep = button(self.tr("&Keep note"), self.tr("Keep the coaching note"),
                           tip=self.tr("Keep the note (Alt+K or Ctrl+Enter)"))
        self.close_button = button(self.tr("Close"), self.tr("Close"))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.keep)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        earlier = QLabel(self.tr("Earlier notes"))
        earlier.setObjectName("sectionTitle")
        layout.addWidget(earlier)
        layout.addWidget(self.earlier, 2)
        layout.addWidget(new_label)
        layout.addWidget(self.note, 1)
        layout.addLayout(row)
        self.resize(620, 480)
        QWidget.setTabOrder(self.note, self.keep)
        QWidget.setTabOrder(self.keep, self.close_button)
        QWidget.setTabOrder(self.close_button, self.earlier)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.keep_note)
        self.keep.clicked.connect(self.keep_note)
        self.close_button.clicked.connect(self.reject)
        self.note.setFocus()
        self.load()

    def load(self) -> None:
        desk, employee_id, manager = self._app.desk, self._employee_id, self._manager
        self._tasks.run_read(lambda: coaching_notes(desk, employee_id, manager),
                             self._show, self._failed)

    def _show(self, notes: list[CoachingNote]) -> None:
        self.earlier.clear()
        for n in sorted(notes, key=lambda n: n.written_at, reverse=True):
            when = format_when(n.written_at, self._app.locale, self._app.zone)
            who = self._names.get(n.written_by, n.written_by)
            item = QListWidgetItem(f"{when} · {who}\n{n.note}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.earlier.addItem(item)
        if not notes:
            self.earlier.addItem(self.tr("No notes yet."))

    def keep_note(self) -> None:
        text = self.note.toPlainText().strip()
        if not text:
            self.status.setText(self.tr("Write the note first."))
            return
        if len(text) > COACHING_LIMIT:
            self.status.setText(self.tr("A note holds at most {n} characters; this one has"
                                        " {m}.").format(n=COACHING_LIMIT, m=len(text)))
            return
        desk, employee_id, manager = self._app.desk, self._employee_id, self._manager
        self.keep.setEnabled(False)
        self.status.setText(self.tr("Keeping…"))
        self._tasks.run_write(lambda: keep_coaching_note(desk, employee_id, manager, text),
                              self._kept, self._failed)

    def _kept(self, _note: CoachingNote) -> None:
        self.keep.setEnabled(True)
        self.note.clear()
        self.status.setText(self.tr("Kept."))
        self.kept.emit()
        self.load()

    def _failed(self, error: BaseException) -> None:
        self.keep.setEnabled(True)
        self.status.setText(error_text(error, self.tr("Could not reach the notes; please"
                                                      " try again.")))
