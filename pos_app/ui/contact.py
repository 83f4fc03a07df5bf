"""The customer's contact details, each edited in place.

Click or F2 starts editing a field, Enter saves (validated and recorded by the
service off the UI thread), Esc puts the saved value back. A rejected value keeps the
field open with the reason beside it; nothing is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_app.domain.contact import FIELD_LABELS, display_phone
from pos_app.domain.people import Customer

EDITABLE = ("given_name", "family_name", "phone", "email", "address", "city", "postal_code",
            "loyalty_id", "room")


class InlineField(QLineEdit):
    save_requested = Signal(str, str)  # field, value

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._saved = ""
        self.setReadOnly(True)
        self.setAccessibleName(FIELD_LABELS[field])
        self.setToolTip(self.tr("Click or press F2 to edit; Enter saves, Esc reverts"))
        self.setMaxLength(254)

    @property
    def editing(self) -> bool:
        return not self.isReadOnly()

    def show_value(self, shown: str) -> None:
        self._saved = shown
        self.setText(shown)
        self.setReadOnly(True)
        self.setProperty("editing", False)
        self.style().polish(self)

    def begin_edit(self) -> None:
        self.setReadOnly(False)
        self.setProperty("editing", True)
        self.style().polish(self)
        self.setFocus()
        self.selectAll()

    def revert(self) -> None:
        self.show_value(self._saved)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self.editing:
            self.begin_edit()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_F2 and not self.editing:
            self.begin_edit()
            return
        if self.editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.text() == self._saved:
                self.revert()
            else:
                self.save_requested.emit(self.field, self.text())
            return
        if self.editing and key == Qt.Key.Key_Escape:
            self.revert()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # Leaving an unsaved edit puts the stored value back: nothing half-typed lingers.
        if self.editing and self.text() == self._saved:
            self.revert()
        super().focusOutEvent(event)


class ContactCard(QWidget):
    save_requested = Signal(str, str)

    def __init__(self, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = region
        self.title = QLabel()
        self.title.setObjectName("customerName")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("mutedText")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.fields: dict[str, InlineField] = {}
        self.errors: dict[str, QLabel] = {}
        # Two columns of fields so the whole card, buttons and history fit at 1366x768.
        form = QGridLayout()
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(2)
        for n, name in enumerate(EDITABLE):
            edit = InlineField(name)
            edit.save_requested.connect(self.save_requested)
            error = QLabel()
            error.setObjectName("errorText")
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setWordWrap(True)
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(edit)
            box.addWidget(error)
            label = QLabel(FIELD_LABELS[name])
            label.setObjectName("mutedText")
            label.setBuddy(edit)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row, col = divmod(n, 2)
            form.addWidget(label, row, col * 2)
            form.addLayout(box, row, col * 2 + 1)
            self.fields[name], self.errors[name] = edit, error
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(form)

    def show_customer(self, customer: Customer) -> None:
        self.title.setText(customer.display_name)
        self.subtitle.setText(self.tr("Customer {id}").format(id=customer.id))
        for name, edit in self.fields.items():
            value = str(getattr(customer, name))
            edit.show_value(display_phone(value, self._region) if name == "phone" else value)
            self.errors[name].hide()

    def show_error(self, field: str, message: str) -> None:
        label = self.errors[field]
        label.setText(message)
        label.show()
        self.fields[field].setFocus()
