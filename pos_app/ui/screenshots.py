"""``make screenshots``: drive a demo desk offscreen and save what a person would see.

Saves sign-in, search results, the customer panel and the confirmation dialog as PNGs
into the folder given (default ``docs/screenshots``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _wait(until: Callable[[], bool], timeout: float = 10.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not until():
        if time.monotonic() > end:
            raise TimeoutError("the window did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)


def main(out_dir: str = "docs/screenshots") -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from pos_app.bootstrap import init_terminal
    from pos_app.ui.app import style_sheet
    from pos_app.ui.main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    qt_app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qt_app, QApplication)
    qt_app.setStyleSheet(style_sheet())
    with tempfile.TemporaryDirectory() as tmp:
        # A throwaway terminal: its secrets may live in the opt-in file keyring.
        app = init_terminal(Path(tmp) / "desk", terminal_id="front-desk-1",
                            store="Leeway Demo Hotel", demo=True, insecure_keyring=True)
        window = MainWindow(app)
        window.resize(1366, 768)
        window.show()
        QTest.keyClicks(window.signin.employee_id, "1001")
        window.grab().save(str(out / "sign-in.png"))
        QTest.keyClicks(window.signin.pin, "2580")
        QTest.keyClick(window.signin.pin, Qt.Key.Key_Return)
        _wait(lambda: window.employee is not None)
        search = window.counter.search
        QTest.keyClicks(search.field, "zo")
        _wait(lambda: search.model.rowCount() > 0)
        QTest.keyClick(search.field, Qt.Key.Key_Down)
        window.grab().save(str(out / "search-results.png"))
        QTest.keyClick(search.view, Qt.Key.Key_Return)
        _wait(lambda: window.counter.right.currentIndex() == 1)
        window.grab().save(str(out / "customer-panel.png"))
        button = next(iter(window.counter.recovery.buttons.values()))
        button.click()
        dialog = window.counter.recovery.dialog
        _wait(dialog.isVisible)
        dialog.grab().save(str(out / "confirmation.png"))
        QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
        _wait(lambda: "Done" in window.counter.banner.text()
              and window.counter.history.rowCount() > 0)
        window.grab().save(str(out / "recorded.png"))
        # A goodwill credit comes with a voucher: the offer, and the voucher itself.
        window.counter.recovery.buttons["preset:1"].click()
        credit = window.counter.recovery.dialog
        _wait(credit.isVisible)
        QTest.keyClick(credit.amount, Qt.Key.Key_Return)
        _wait(lambda: getattr(window.counter, "voucher_dialog", None) is not None)
        voucher = window.counter.voucher_dialog
        _wait(lambda: voucher.issued is not None)
        voucher.grab().save(str(out / "voucher-dialog.png"))
        import pypdfium2 as pdfium

        assert voucher.issued is not None
        page = pdfium.PdfDocument(voucher.issued.pdf)[0]
        page.render(scale=150 / 72).to_pil().save(str(out / "voucher.png"))
        voucher.accept()
        # Over authority: a $400 refund hands over to the manager unlock.
        window.counter.recovery.buttons["action:refund"].click()
        refund = window.counter.recovery.dialog
        _wait(refund.isVisible)
        QTest.keyClicks(refund.amount, "400")
        refund.reason.setCurrentIndex(refund.reason.findData("billing_error"))
        QTest.keyClicks(refund.note, "Charged twice for the spa")
        QTest.keyClick(refund.note, Qt.Key.Key_Return)
        _wait(lambda: getattr(window.counter, "unlock_dialog", None) is not None
              and window.counter.unlock_dialog.isVisible())
        unlock = window.counter.unlock_dialog
        QTest.keyClicks(unlock.approver_id, "4001")
        unlock.grab().save(str(out / "manager-unlock.png"))
        window.grab().save(str(out / "over-authority.png"))
        unlock.reject()
        window.close()
        app.close()
    print(f"Saved screenshots to {out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
