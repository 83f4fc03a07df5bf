"""The customer's contact details, each edited in place.

Click or F2 starts editing a field, Enter saves (validated and recorded by the
service off the UI thread), Esc puts the saved value back. A rejected value keeps the
field open, outlined, with the reason on one line under the form: the fields never
move under the pointer. A reason stays only while it is true: typing in the field,
Esc, or the saved value arriving clears it.

On a short screen (a 1024x600 till) the fields scroll inside the card rather than
being squeezed over each other; the field being edited is scrolled into view.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.contact import FIELD_LABELS, display_phone
from pos_app.domain.people import Customer
from pos_app.i18n import _ as translated
from pos_app.ui.accessible import clear_field_error, field_error

EDITABLE = ("given_name", "family_name", "phone", "email", "address", "city", "postal_code",
            "loyalty_id", "room")
# (field, row, column, columns spanned) in a grid of two label+field pairs: what the
# desk uses most comes first, and the e-mail has a whole row, so an address is seen
# from its start even in the narrow column of a 1024x600 till.
_PLACES = (("given_name", 0, 0, 1), ("family_name", 0, 1, 1), ("phone", 1, 0, 1),
           ("room", 1, 1, 1), ("email", 2, 0, 2), ("address", 3, 0, 1), ("city", 3, 1, 1),
           ("postal_code", 4, 0, 1), ("loyalty_id", 4, 1, 1))


class InlineField(QLineEdit):
    save_requested = Signal(str, str)  # field, value
    edit_started = Signal(str)  # field
    reverted = Signal(str)  # field

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._saved = ""
        self.setReadOnly(True)
        self.setAccessibleName(translated(FIELD_LABELS[field]))
        self.setToolTip(self._hint())
        self.setMaxLength(254)

    def _hint(self) -> str:
        return self.tr("Click or press F2 to edit; Enter saves, Esc reverts")

    @property
    def editing(self) -> bool:
        return not self.isReadOnly()

    def show_value(self, shown: str) -> None:
        self._saved = shown
        self.setText(shown)
        # A value wider than the field is shown from its start (setText leaves the
        # cursor, and so the view, at the end), and whole in the tooltip.
        self.setCursorPosition(0)
        self.setToolTip(f"{shown}\n{self._hint()}" if shown else self._hint())
        self.setReadOnly(True)
        self._restyle(editing=False)

    def set_invalid(self, invalid: bool) -> None:
        self.setProperty("invalid", invalid)
        self.style().polish(self)

    def begin_edit(self) -> None:
        self.setReadOnly(False)
        self._restyle(editing=True)
        self.setFocus()
        self.selectAll()
        self.edit_started.emit(self.field)

    def revert(self) -> None:
        self.show_value(self._saved)
        self.reverted.emit(self.field)

    def _restyle(self, editing: bool) -> None:
        self.setProperty("editing", editing)
        if not editing:
            self.setProperty("invalid", False)
        self.style().polish(self)

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


class FieldsArea(QScrollArea):
    """The fields, scrolled up and down when the card is short of room.

    On a short window (a 1024x600 till) it asks for the three rows the desk uses most
    (names, phone and room, e-mail), the rest a scroll away, so the history below
    keeps a few lines; on a taller one, for every row.
    """

    SHORT_WINDOW = 700
    ROWS_WHEN_SHORT = 3

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        window, fields = self.window(), self.widget()
        if window is self or window.height() >= self.SHORT_WINDOW or fields is None:
            return hint
        grid = fields.layout()
        assert isinstance(grid, QGridLayout)
        rows = [grid.cellRect(row, 1) for row in range(self.ROWS_WHEN_SHORT)]
        if not all(rect.isValid() for rect in rows):
            return hint
        hint.setHeight(min(hint.height(), rows[-1].bottom() + 2))
        return hint


class ContactCard(QWidget):
    save_requested = Signal(str, str)
    edit_started = Signal(str)  # a field opened for editing: earlier outcomes are stale
    customer_shown = Signal(object)  # the Customer as stored now (e.g. after a correction)

    def __init__(self, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = region
        # A rejected field is tinted, in colour only: it keeps its size, so nothing
        # moves. The rest of the look is the application's.
        self.setStyleSheet(
            'QLineEdit[invalid="true"] { border-color: #b3261e; background: #fdecea; }')
        self.title = QLabel()
        self.title.setObjectName("customerName")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("mutedText")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.fields: dict[str, InlineField] = {}
        self.errors: dict[str, QLabel] = {}
        fields = QWidget()
        fields.setObjectName("contactFields")
        form = QGridLayout(fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(2)
        errors = QVBoxLayout()
        errors.setSpacing(0)
        for name, row, col, span in _PLACES:
            edit = InlineField(name)
            edit.save_requested.connect(self.save_requested)
            edit.edit_started.connect(self.edit_started)
            edit.textEdited.connect(lambda _text, n=name: self.clear_error(n))
            edit.reverted.connect(self.clear_error)
            edit.edit_started.connect(self._scroll_to)
            label = QLabel(translated(FIELD_LABELS[name]))
            label.setObjectName("mutedText")
            label.setBuddy(edit)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.addWidget(label, row, col * 2)
            form.addWidget(edit, row, col * 2 + 1, 1, span * 2 - 1)
            error = QLabel()
            error.setObjectName("errorText")
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setWordWrap(True)
            error.hide()
            errors.addWidget(error)
            self.fields[name], self.errors[name] = edit, error
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        self.fields_area = FieldsArea()
        self.fields_area.setWidget(fields)
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Two rows at the least; as tall as all the fields when the screen allows.
        self.fields_area.setMinimumHeight(2 * self.fields["phone"].sizeHint().height())
        # Only ever scrolled up and down: as wide as the fields need, never cut at the side.
        self.fields_area.setMinimumWidth(
            fields.minimumSizeHint().width()
            + self.fields_area.verticalScrollBar().sizeHint().width())
        self.fields_area.setStyleSheet(
            "QScrollArea, QWidget#contactFields { background: transparent; }")
        self.fields_area.viewport().setAutoFillBackground(False)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(heading)
        layout.addWidget(self.fields_area)
        layout.addLayout(errors)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        # The fields' preferred height depends on the window's height (see FieldsArea).
        self.fields_area.updateGeometry()

    def _scroll_to(self, field: str) -> None:
        self.fields_area.ensureWidgetVisible(self.fields[field], 0, 4)

    def noun(self, field: str) -> str:
        """The field's name inside a sentence ("Saved {field}."): lower case in English,
        but not in every language (German keeps the capital), so each is translated."""
        nouns = {"given_name": self.tr("first name"), "family_name": self.tr("last name"),
                 "phone": self.tr("phone"), "email": self.tr("e-mail"),
                 "address": self.tr("address"), "city": self.tr("city"),
                 "postal_code": self.tr("postal code"), "loyalty_id": self.tr("loyalty number"),
                 "room": self.tr("room")}
        return nouns.get(field, field)

    def show_customer(self, customer: Customer) -> None:
        self.title.setText(customer.display_name)
        self.subtitle.setText(self.tr("Customer {id}").format(id=customer.id))
        for name, edit in self.fields.items():
            value = str(getattr(customer, name))
            edit.show_value(display_phone(value, self._region) if name == "phone" else value)
            self.errors[name].hide()
            clear_field_error(edit)
        self.customer_shown.emit(customer)

    def show_error(self, field: str, message: str) -> None:
        label, name = self.errors[field], self.fields[field].accessibleName()
        label.setText(message if message.lower().startswith(name.lower())
                      else self.tr("{field}: {reason}").format(field=name, reason=message))
        label.show()
        self.fields[field].set_invalid(True)
        # The reason is the field's description while it stands, and said at once.
        field_error(self.fields[field], label.text())
        self.fields[field].setFocus()
        self.edit_started.emit(field)  # a "Saved …" beside this would contradict it

    def clear_error(self, field: str) -> None:
        self.errors[field].hide()
        self.fields[field].set_invalid(False)
        clear_field_error(self.fields[field])
