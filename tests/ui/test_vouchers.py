"""Vouchers at the desk: offered after a credit, saved, printed, checked and redeemed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from tests.ui.helpers import search_and_open, sign_in


def _grant_credit(qtbot: Any, w: Any, apology: str | None = None) -> Any:
    sign_in(qtbot, w)
    qtbot.waitUntil(lambda: w.employee is not None, timeout=5000)
    search_and_open(qtbot, w, "zo")
    panel = w.counter.recovery
    qtbot.mouseClick(panel.buttons["preset:1"], Qt.MouseButton.LeftButton)  # $20 credit
    qtbot.waitUntil(panel.dialog.isVisible, timeout=5000)
    confirm = panel.dialog
    assert "kept waiting" in confirm.apology.text()  # the reason's apology, editable
    if apology is not None:
        confirm.apology.clear()
        qtbot.keyClicks(confirm.apology, apology)
    qtbot.keyClick(confirm.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(w.counter, "voucher_dialog", None) is not None
                    and w.counter.voucher_dialog.isVisible()
                    and w.counter.voucher_dialog.issued is not None, timeout=8000)
    return w.counter.voucher_dialog


def _codes_in(pdf: bytes | Path) -> set[str]:
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    image = doc[0].render(scale=300 / 72).to_pil()
    return {r.text for r in zxingcpp.read_barcodes(image)}


def _reprint_from_history(qtbot: Any, window: Any, code: str, previous: Any) -> Any:
    """Enter on the voucher's line in the guest's history opens a COPY of it."""
    history = window.counter.history
    qtbot.waitUntil(lambda: any(code in (history.item(r, 1).text() or "")
                                for r in range(history.rowCount())), timeout=5000)
    row = next(r for r in range(history.rowCount()) if code in history.item(r, 1).text())
    history.setFocus()
    history.setCurrentCell(row, 0)
    qtbot.keyClick(history, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.counter.voucher_dialog is not previous
                    and window.counter.voucher_dialog.issued is not None, timeout=8000)
    reprint = window.counter.voucher_dialog
    assert "COPY" in PdfReader(io.BytesIO(reprint.issued.pdf)).pages[0].extract_text()
    return reprint


def test_issue_save_print_and_redeem_a_voucher(qtbot: Any, window: Any, tmp_path: Path
                                               ) -> None:
    dialog = _grant_credit(qtbot, window, "Sorry about the cold room - this one is on us.")
    code = dialog.issued.voucher.code
    assert dialog.code.text() == code
    assert "cold room" in dialog.apology.text()
    assert dialog.default_name() == f"voucher-{code}.pdf"
    assert code in window.counter.banner.text()  # issued with the decision

    target = tmp_path / dialog.default_name()
    with qtbot.waitSignal(dialog.saved, timeout=8000):
        dialog.save_to(target)
    text = PdfReader(str(target)).pages[0].extract_text()
    assert "$20.00" in text and code in text and "cold room" in text
    assert _codes_in(target) == {code}

    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    with qtbot.waitSignal(dialog.printed, timeout=15000):
        dialog.print_to(printer)
    assert len(PdfReader(str(printed)).pages) == 1
    assert _codes_in(printed) == {code}  # the paper carries the same code
    dialog.accept()

    # The history lists the voucher; Enter on it reprints a COPY.
    reprint = _reprint_from_history(qtbot, window, code, dialog)
    reprint.accept()

    # A scanner types the code into the check dialog, then Enter; redeem once.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    check = window.voucher_check
    qtbot.keyClicks(check.field, code.lower())
    qtbot.keyClick(check.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Valid." in check.outcome.text(), timeout=5000)
    assert "$20.00" in check.outcome.text()
    qtbot.mouseClick(check.redeem_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Redeemed" in check.outcome.text(), timeout=5000)
    check.field.selectAll()
    qtbot.keyClicks(check.field, code)
    qtbot.keyClick(check.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Already redeemed" in check.outcome.text(), timeout=5000)
    assert not check.redeem_button.isEnabled()


def test_a_mistyped_code_is_explained(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    window.open_voucher_check()
    check = window.voucher_check
    qtbot.keyClicks(check.field, "ABCD-EFGH-JKMN-PQRS-")
    qtbot.keyClick(check.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(check.outcome.text()), timeout=5000)
    assert "characters" in check.outcome.text() or "re-read" in check.outcome.text()


def test_closing_the_voucher_dialog_with_esc_keeps_the_voucher(qtbot: Any, window: Any,
                                                               demo_app: Any) -> None:
    from pos_app.services.voucher_desk import check_code

    dialog = _grant_credit(qtbot, window)
    code = dialog.issued.voucher.code
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    customer_id = window.counter.customer_id
    with demo_app.uow() as uow:
        (decision,) = uow.decisions.for_customer(customer_id)
        voucher = uow.vouchers.for_decision(decision.id)
    assert voucher is not None and voucher.code == code
    status = check_code(demo_app.desk, code)  # signature verifies, still issued
    assert status.valid and status.voucher.status == "issued"
    # The history prints it again at any time, marked COPY, with the same code.
    reprint = _reprint_from_history(qtbot, window, code, dialog)
    assert _codes_in(reprint.issued.pdf) == {code}
