"""Vouchers at the desk: save one as PDF or print it (it was issued with its decision),
and check or redeem a code a guest brings (typed, or scanned: scanners type like
keyboards).
"""

from __future__ import annotations

from pathlib import Path

from babel.dates import format_date
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.adapters.files import write_atomically
from pos_app.adapters.vouchers.raster import render_pages
from pos_app.bootstrap import App
from pos_app.domain.errors import LeewayError
from pos_app.domain.people import Employee
from pos_app.domain.zones import format_day
from pos_app.services.voucher_desk import (
    PrintableVoucher,
    check_code,
    printable,
    record_print,
    redeem,
)
from pos_app.services.vouchers import VoucherStatus
from pos_app.ui.accessible import announce, clear_field_error, field_error
from pos_app.ui.screen import grow_to_text
from pos_app.ui.tasks import TaskRunner

PRINT_DPI = 300
# The renderer's layouts (adapters.vouchers.pdf.LAYOUTS), in the order offered.
_PAPERS = ("a6", "receipt")


def _message(error: BaseException, fallback: str) -> str:
    return str(error) if isinstance(error, LeewayError) else fallback


class VoucherDialog(QDialog):
    """Save or print a voucher that already exists (issued with its decision).

    Nothing here issues anything: closing the dialog, with Esc or otherwise, loses
    nothing, and the history reprints the voucher any time (marked COPY).
    """

    saved = Signal(str)
    printed = Signal()

    def __init__(self, app: App, tasks: TaskRunner, serial: str, copy: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self._serial, self._copy = serial, copy
        self.issued: PrintableVoucher | None = None
        self.setWindowTitle(self.tr("Voucher copy") if copy else self.tr("Voucher"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(600)
        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName(self.tr("Paper"))
        for paper, name in zip(_PAPERS, (self.tr("A6 card"), self.tr("80 mm receipt")),
                               strict=True):
            self.layout_box.addItem(name, paper)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.code = QLabel()
        self.code.setObjectName("customerName")
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.apology = QLabel()
        self.apology.setTextFormat(Qt.TextFormat.PlainText)
        self.apology.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save as PDF"))
        self.save_button.setToolTip(self.tr("Save as PDF (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setAccessibleName(self.tr("Print"))
        self.print_button.setToolTip(self.tr("Print (Ctrl+P)"))
        self.print_button.setShortcut("Ctrl+P")
        close = QPushButton(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))
        form = QFormLayout()
        form.addRow(self.tr("Paper"), self.layout_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addWidget(self.apology)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.ask_save)
        self.print_button.clicked.connect(self.ask_print)
        self.layout_box.currentIndexChanged.connect(self._render)
        close.clicked.connect(self.accept)
        self._set_ready(False)
        self._render()

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def _render(self) -> None:
        desk, serial, copy = self._app.desk, self._serial, self._copy
        layout = str(self.layout_box.currentData())
        self._set_ready(False)
        self.status.setText(self.tr("Preparing the voucher…"))
        self._tasks.run_read(lambda: printable(desk, serial, layout, copy), self._rendered,
                             lambda err: self._failed(_message(
                                 err, self.tr("Could not prepare the voucher."))))

    def _rendered(self, voucher: PrintableVoucher) -> None:
        self.issued = voucher
        self.code.setText(voucher.voucher.code)
        self.apology.setText(voucher.voucher.apology)
        self.status.setText(
            self.tr("Reprint, marked COPY. Save it as PDF or print it.") if self._copy
            else self.tr("Issued. Save it as PDF or print it for the guest."))
        self._set_ready(True)
        self.save_button.setFocus()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        announce(self.status, message, urgent=True)

    def _record_print(self) -> None:
        desk, serial, copy = self._app.desk, self._serial, self._copy
        self._tasks.run_write(lambda: record_print(desk, serial, copy), lambda _n: None)

    # --- saving -----------------------------------------------------------------
    def default_name(self) -> str:
        code = self.issued.voucher.code if self.issued else "voucher"
        return f"voucher-{code}.pdf"

    def ask_save(self) -> None:
        if self.issued is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save voucher"), str(Path.home() / self.default_name()),
            self.tr("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Write the PDF next to its final name, then move it: never half a file."""
        assert self.issued is not None
        data = self.issued.pdf
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")

        def write() -> str:
            write_atomically(path, data)
            return str(path)

        self._tasks.run_write(write, self._saved, lambda err: self.status.setText(
            self.tr("Could not save to {path}: {why}").format(
                path=str(path), why=getattr(err, "strerror", None) or str(err))))

    def _saved(self, path: str) -> None:
        self._record_print()
        self.status.setText(self.tr("Saved to {path}.").format(path=path))
        self.saved.emit(path)

    # --- printing ---------------------------------------------------------------
    def ask_print(self) -> None:
        if self.issued is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Rasterise off the UI thread, then paint the pages into ``printer``."""
        assert self.issued is not None
        pdf = self.issued.pdf
        self.status.setText(self.tr("Preparing to print…"))
        self._tasks.run_read(lambda: render_pages(pdf, PRINT_DPI),
                             lambda pages: self._paint(printer, pages),
                             lambda err: self.status.setText(
                                 _message(err, self.tr("Could not print."))))

    def _paint(self, printer: QPrinter, pages: list[tuple[bytes, float, float]]) -> None:
        from PySide6.QtCore import QMarginsF, QSizeF
        from PySide6.QtGui import QPageLayout, QPageSize

        if not pages:
            return
        _png, width, height = pages[0]
        size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, self.tr("Voucher"))
        printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait,
                                          QMarginsF(0, 0, 0, 0)))
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(self.tr("The printer is not available."))
            return
        try:
            for n, (png, _w, _h) in enumerate(pages):
                if n:
                    printer.newPage()
                image = QImage.fromData(png)
                target = QRectF(painter.viewport())
                painter.drawImage(target, image)
        finally:
            painter.end()
        self._record_print()
        self.status.setText(self.tr("Sent to the printer."))
        self.printed.emit()


class VoucherCheckDialog(QDialog):
    """Type or scan a code; see value, dates, issuer and status; redeem once.

    The dialog grows with its message (a wrapped error, a redemption's details), so
    no line is cut; typing another code clears the answer about the last one.
    """

    redeemed = Signal()

    def __init__(self, app: App, tasks: TaskRunner, employee: Employee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks, self._employee = app, tasks, employee
        self._code = ""
        self.setWindowTitle(self.tr("Check a voucher"))
        self.setAccessibleName(self.tr("Check a voucher"))
        self.field = QLineEdit()
        self.field.setAccessibleName(self.tr("Voucher code"))
        self.field.setPlaceholderText(self.tr("Scan or type the code, then Enter"))
        self.field.setMaxLength(64)
        self.outcome = QLabel()
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setWordWrap(True)
        self.outcome.setMinimumWidth(420)
        self.redeem_button = QPushButton(self.tr("Redeem"))
        self.redeem_button.setAccessibleName(self.tr("Redeem"))
        self.redeem_button.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))
        # Enter in the code field checks the code (scanners end with Enter); it must
        # never press Close or Redeem by being a dialog's default button.
        for button in (close, self.redeem_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.redeem_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.field.returnPressed.connect(self.check)
        self.field.textEdited.connect(self._edited)
        self.redeem_button.clicked.connect(self.redeem)
        close.clicked.connect(self.accept)

    def _say(self, text: str) -> None:
        self.outcome.setText(text)
        grow_to_text(self)

    def _edited(self, _text: str) -> None:
        # The answer, and Redeem, were about the code as it was checked.
        self.redeem_button.setEnabled(False)
        clear_field_error(self.field)
        if self.outcome.text():
            self._say("")

    def check(self) -> None:
        desk, code = self._app.desk, self.field.text()
        self._code = code
        self.redeem_button.setEnabled(False)
        self._tasks.run_read(lambda: check_code(desk, code),
                             lambda status: self._checked(code, status),
                             lambda err: self._answer(code, _message(
                                 err, self.tr("Could not check that code."))))

    def _answer(self, code: str, text: str) -> None:
        if self.field.text() == code:  # else another code was typed meanwhile
            self._say(text)
            field_error(self.field, text)  # what is wrong with the code, read with it

    def _describe(self, status: VoucherStatus) -> str:
        v = status.voucher
        value = v.item or status.value.format(self._app.locale)
        return self.tr("{value} for {name}\nIssued {issued} at {terminal} by {by}\n"
                       "Expires {expires}\n{message}").format(
            value=value, name=v.customer_name,
            issued=format_day(v.issued_at, self._app.locale, self._app.zone),
            terminal=v.issuer_terminal, by=v.issued_by_name,
            expires=format_date(v.expires_on, "medium", locale=self._app.locale),
            message=status.message)

    def _checked(self, code: str, status: VoucherStatus) -> None:
        if self.field.text() != code:
            return  # another code was typed meanwhile
        self._say(self._describe(status))
        # Said at once (the focus may move to Redeem); a voucher that cannot be used is
        # an error about the code.
        if status.valid:
            clear_field_error(self.field)
            announce(self.outcome, self.outcome.text())
        else:
            field_error(self.field, self.outcome.text())
        self.redeem_button.setEnabled(status.valid)
        if status.valid:
            self.redeem_button.setFocus()

    def redeem(self) -> None:
        desk, employee, code = self._app.desk, self._employee, self._code
        self.redeem_button.setEnabled(False)
        self._tasks.run_write(lambda: redeem(desk, employee.id, code), self._redeemed,
                              lambda err: self._not_redeemed(
                                  _message(err, self.tr("Could not redeem it."))))

    def _not_redeemed(self, message: str) -> None:
        self._say(message)
        announce(self.outcome, message, urgent=True)

    def _redeemed(self, status: VoucherStatus) -> None:
        self._say(self.tr("Redeemed: {value}. Nothing more to do.").format(
            value=status.voucher.item or status.value.format(self._app.locale)))
        announce(self.outcome, self.outcome.text())
        self.redeemed.emit()
