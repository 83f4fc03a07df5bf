"""``make screenshots``: drive a demo desk offscreen and save what a person would see.

The main run (a 1366x768 screen) saves sign-in, search results, the customer panel,
the confirmation and voucher dialogs, the voucher itself (also for a guest with a
Chinese and one with an Arabic name), the manager unlock, the history with a
correction and referrals, the sign-in after a wrong PIN and after a lockout, and the
voucher check with its errors. Each screen variant then runs in a process of its own
(the screen is fixed when Qt starts): the counter on a 1024x600 till, the same till at
2x scaling, a 2560x1440 monitor, and the counter in German and in Spanish. PNGs go
into the folder given (default ``docs/screenshots``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# name: (screen width, height in device pixels, Qt scale factor)
VARIANTS = {"1366x768": (1366, 768, 1), "1024x600": (1024, 600, 1),
            "1024x600-2x": (2048, 1200, 2), "2560x1440": (2560, 1440, 1)}
# The counter in each shipped language (a desk initialised with that locale), 1366x768.
LANGUAGE_VARIANTS = {"de": "de_DE", "es": "es_ES"}


def _wait(until: Callable[[], bool], timeout: float = 10.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not until():
        if time.monotonic() > end:
            raise TimeoutError("the window did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)


def _settle(seconds: float = 0.3) -> None:
    """Let deferred layout work (column fitting, row heights) run before a grab."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _grab(widget: Any, path: Path) -> None:
    _settle()
    widget.grab().save(str(path))


def _use_screen(variant: str, folder: Path) -> None:
    """Give the offscreen platform a screen of this variant's size (before Qt starts)."""
    width, height, scale = VARIANTS[variant]
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": variant, "x": 0, "y": 0,
                                               "width": width, "height": height,
                                               "logicalDpi": 96}]}), encoding="utf-8")
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)


def _seed_history(app: Any, customer_id: str) -> None:
    """A correction, a referral approved and one declined: a history to look at."""
    from pos_app.services.counter import correct_contact
    from pos_app.services.granting import RecoveryAsk, decide_referral, refer_for_later
    from pos_app.services.staff import staff

    people = {e.id: e for e in staff(app.desk)}
    correct_contact(app.desk, people["1001"], customer_id, "phone", "+1 415 730 2211")
    approved = refer_for_later(app.desk, RecoveryAsk(
        "1001", customer_id, "refund", "400", "billing_error",
        "Wedding party billed twice"))
    decide_referral(app.desk, people["5001"], approved.id, True,
                    "Approved by phone with the guest")
    declined = refer_for_later(app.desk, RecoveryAsk(
        "1001", customer_id, "goodwill_credit", "2100", "facility_issue",
        "Suite flooded on the wedding night"))
    decide_referral(app.desk, people["5001"], declined.id, False,
                    "A discount on the next stay fits better")


def _sign_in(window: Any, employee_id: str, pin: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.signin.employee_id.setText(employee_id)
    QTest.keyClicks(window.signin.pin, pin)
    QTest.keyClick(window.signin.pin, Qt.Key.Key_Return)


def _open_first_guest(window: Any, query: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    search = window.counter.search
    QTest.keyClicks(search.field, query)
    _wait(lambda: search.model.rowCount() > 0)
    QTest.keyClick(search.field, Qt.Key.Key_Return)
    _wait(lambda: window.counter.right.currentIndex() == 1)


def main(out_dir: str = "docs/screenshots", variant: str = "") -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        _use_screen(variant if variant in VARIANTS else "1366x768", Path(tmp))
        if variant in LANGUAGE_VARIANTS:
            _counter_on_screen(out, Path(tmp), variant, LANGUAGE_VARIANTS[variant])
            return 0
        if variant:
            _counter_on_screen(out, Path(tmp), variant)
            return 0
        _main_run(out, Path(tmp))
    for name in [*VARIANTS, *LANGUAGE_VARIANTS]:
        if name != "1366x768":
            subprocess.run([sys.executable, "-m", "pos_app.ui.screenshots", str(out), name],
                           check=True)
    print(f"Saved screenshots to {out}/")
    return 0


def _start(tmp: Path, locale: str = "en_US") -> tuple[Any, Any]:
    from PySide6.QtWidgets import QApplication

    from pos_app.bootstrap import init_terminal
    from pos_app.ui.app import register_fonts, style_sheet
    from pos_app.ui.language import apply_language
    from pos_app.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qt_app, QApplication)
    register_fonts()
    qt_app.setStyleSheet(style_sheet())
    # A throwaway terminal: its secrets may live in the opt-in file keyring.
    app = init_terminal(tmp / "desk", terminal_id="front-desk-1", store="Leeway Demo Hotel",
                        demo=True, insecure_keyring=True, locale=locale)
    apply_language(app.locale)
    window = MainWindow(app)
    window.show()
    return app, window


def _counter_on_screen(out: Path, tmp: Path, variant: str, locale: str = "en_US") -> None:
    """The counter with a guest open and some history, as this screen (or language)
    shows it."""
    app, window = _start(tmp, locale)
    _sign_in(window, "1001", "2580")
    _wait(lambda: window.employee is not None)
    _open_first_guest(window, "zo")
    _seed_history(app, window.counter.customer_id)
    window.counter.refresh_customer()
    _wait(lambda: window.counter.history.rowCount() >= 3)
    _grab(window, out / f"counter-{variant}.png")
    window.close()
    app.close()


def _main_run(out: Path, tmp: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app, window = _start(tmp)
    QTest.keyClicks(window.signin.employee_id, "1001")
    _grab(window, out / "sign-in.png")
    QTest.keyClicks(window.signin.pin, "2580")
    QTest.keyClick(window.signin.pin, Qt.Key.Key_Return)
    _wait(lambda: window.employee is not None)
    search = window.counter.search
    QTest.keyClicks(search.field, "zo")
    _wait(lambda: search.model.rowCount() > 0)
    QTest.keyClick(search.field, Qt.Key.Key_Down)
    _grab(window, out / "search-results.png")
    QTest.keyClick(search.view, Qt.Key.Key_Return)
    _wait(lambda: window.counter.right.currentIndex() == 1)
    _grab(window, out / "customer-panel.png")
    button = next(iter(window.counter.recovery.buttons.values()))
    button.click()
    dialog = window.counter.recovery.dialog
    _wait(dialog.isVisible)
    _grab(dialog, out / "confirmation.png")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    _wait(lambda: "Done" in window.counter.banner.text()
          and window.counter.history.rowCount() > 0)
    _grab(window, out / "recorded.png")
    # A goodwill credit comes with a voucher: the offer, and the voucher itself.
    window.counter.recovery.buttons["preset:1"].click()
    credit = window.counter.recovery.dialog
    _wait(credit.isVisible)
    QTest.keyClick(credit.amount, Qt.Key.Key_Return)
    _wait(lambda: getattr(window.counter, "voucher_dialog", None) is not None)
    voucher = window.counter.voucher_dialog
    _wait(lambda: voucher.issued is not None)
    _grab(voucher, out / "voucher-dialog.png")
    import pypdfium2 as pdfium

    assert voucher.issued is not None
    code = voucher.issued.voucher.code
    page = pdfium.PdfDocument(voucher.issued.pdf)[0]
    page.render(scale=150 / 72).to_pil().save(str(out / "voucher.png"))
    _vouchers_in_other_scripts(out, app, voucher.issued.voucher)
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
    _grab(unlock, out / "manager-unlock.png")
    _grab(window, out / "over-authority.png")
    unlock.reject()
    _history_and_messages(out, app, window, code)
    window.close()
    app.close()


def _vouchers_in_other_scripts(out: Path, app: Any, record: Any) -> None:
    """The same voucher for a guest whose name is Chinese, and one whose name is Arabic
    with a room number: the desk's own face and renderer, only the name differs."""
    from dataclasses import replace

    import pypdfium2 as pdfium

    from pos_app.services.vouchers import voucher_face

    desk = app.desk
    with desk.uows() as uow:
        store = uow.terminal().store_name
    for name, guest in (("voucher-cjk.png", "王秀英"), ("voucher-arabic.png", "محمد عبد الله 12")):
        face = voucher_face(replace(record, customer_name=guest), store, desk.locale,
                            zone=desk.zone())
        page = pdfium.PdfDocument(desk.render(face, "a6"))[0]
        page.render(scale=150 / 72).to_pil().save(str(out / name))


def _history_and_messages(out: Path, app: Any, window: Any, code: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    counter = window.counter
    rows = counter.history.rowCount()
    _seed_history(app, counter.customer_id)
    counter.refresh_customer()
    _wait(lambda: counter.history.rowCount() >= rows + 3)
    _grab(window, out / "history.png")
    # The voucher check: a mistyped code, then one already redeemed.
    window.open_voucher_check()
    check = window.voucher_check
    _wait(check.isVisible)
    QTest.keyClicks(check.field, code[:-1] + ("X" if code[-1] != "X" else "Y"))
    QTest.keyClick(check.field, Qt.Key.Key_Return)
    _wait(lambda: bool(check.outcome.text()))
    _grab(check, out / "voucher-check-error.png")
    check.field.selectAll()
    QTest.keyClicks(check.field, code)
    QTest.keyClick(check.field, Qt.Key.Key_Return)
    _wait(check.redeem_button.isEnabled)
    check.redeem_button.click()
    _wait(lambda: "Redeemed" in check.outcome.text())
    check.field.selectAll()
    QTest.keyClicks(check.field, code)
    QTest.keyClick(check.field, Qt.Key.Key_Return)
    _wait(lambda: "Already redeemed" in check.outcome.text())
    _grab(check, out / "voucher-check-redeemed.png")
    check.accept()
    # Sign-in: a wrong PIN says how many attempts are left; the fifth locks the ID.
    window.sign_out()
    signin = window.signin
    _sign_in(window, "1002", "0000")
    _wait(lambda: "attempts left" in signin.error.text())
    _grab(window, out / "sign-in-wrong-pin.png")
    for _ in range(4):
        _sign_in(window, "1002", "0000")
        _wait(lambda: signin.button.isEnabled() and "Checking" not in signin.error.text())
    _wait(lambda: "locked" in signin.error.text())
    _grab(window, out / "sign-in-locked.png")


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
