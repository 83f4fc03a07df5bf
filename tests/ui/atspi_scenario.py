"""The steps tests/ui/atspi_walk.py takes through the desk, in order, and what it
records for tests/ui/test_atspi.py to judge.

A person with a screen reader's evening at the counter: a wrong PIN, then signed in;
a guest found and opened; a preset granted (a bad amount first); a bad e-mail typed
into the contact card; a refund over the limit with a wrong manager PIN and the
telephone approval; a voucher; the voucher check with a bad code; then, as a general
manager, the referrals, the telephone answer and the review's five tabs. Buttons are
pressed and fields filled through AT-SPI (Action, EditableText); keys (Enter, F2, the
desk's shortcuts) go through xdotool. Every check's raw material goes into
``walker.result["checks"]``; nothing here decides what is right.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from atspi_walk import Walker


def run(walker: Walker, main_title: str) -> None:  # noqa: PLR0915 - one scenario, in order
    w, checks = walker, walker.result["checks"]
    main: Any = None

    def signin_screen() -> None:
        nonlocal main
        main = w.window("Leeway")
        w.need(main, {"text"}, "^Employee ID$")
        w.snapshot("sign-in", main)

    def wrong_pin() -> None:
        since = time.monotonic()
        w.type_into(w.need(main, "text", "^Employee ID$"), "1001")
        pin = w.need(main, "password text", "^PIN$")
        w.type_into(pin, "0000")
        w.press(w.need(main, "push button", "^Sign in$"))
        w.wait("the wrong-PIN message", lambda: w.find(main, "label", "attempt"))
        announced = w.heard(since, 2)  # the mismatch, then the attempts left
        error = w.find(main, "label", "attempt")
        checks["wrong_pin"] = {"pin": w.describe(pin), "error_label": w.describe(error),
                               "announced": announced}
        w.snapshot("sign-in, wrong PIN", main)

    def sign_in(employee: str, pin: str) -> None:
        w.type_into(w.need(main, "text", "^Employee ID$"), employee)
        w.type_into(w.need(main, "password text", "^PIN$"), pin)
        w.press(w.need(main, "push button", "^Sign in$"))
        w.need(main, "text", "^Search customers$")

    def counter() -> None:
        sign_in("1001", "2580")
        w.snapshot("counter", main)
        sync_now = w.find_any(main, "push button", "^Sync now$")
        status = next((c for c in sync_now.parent if c is not None
                       and c.getRoleName() == "label"), None)
        checks["sync_status"] = w.describe(status)

    def guest() -> None:
        field = w.need(main, "text", "^Search customers$")
        w.type_into(field, "Anna Papadopoulos")
        table = w.need(main, "table", "^Search results$")
        w.wait("search results", lambda: table.queryTable().nRows > 0)
        w.focus(field)
        w.keys(main_title, "Return")
        w.need(main, "text", "^First name$")
        # The buttons' amounts come with the guest's headroom, just after the guest.
        w.settle(lambda: w.find(main, "push button", "", "^On your own"))
        w.snapshot("counter, guest open", main)
        checks["recovery_buttons"] = [
            w.describe(b) for b, _p in w.nodes(main)
            if b.getRoleName() == "push button" and (b.description or "").startswith(
                "On your own")]
        clear = [c for c in field if c is not None]
        checks["search_clear_button"] = [w.describe(c) for c in clear]

    def preset_and_banner() -> None:
        w.press(w.need(main, "push button", "^Waive late-checkout fee"))
        dialog = w.window("Fee waiver")
        w.snapshot("confirm a preset", dialog)
        amount = w.need(dialog, "text", "^Amount$")
        since = time.monotonic()
        w.type_into(amount, "abc")
        w.press(w.need(dialog, "push button", "^Grant$"))
        announced = w.heard(since)
        checks["amount_error"] = {"field": w.describe(amount),
                                  "labels": w.snapshot("confirm, bad amount", dialog)["labels"],
                                  "announced": announced}
        w.type_into(amount, "40.00")
        since = time.monotonic()
        w.press(w.need(dialog, "push button", "^Grant$"))
        w.wait("the confirmation to close", lambda: not w.find_window("Fee waiver"))
        # Outcome: the banner's name before the fix, its description after.
        banner = w.wait("the outcome banner", lambda: next(
            (acc for acc, _p in w.nodes(main) if acc.getRoleName() == "label"
             and "Outcome" in (acc.name or "") + (acc.description or "")
             and "Recording" not in acc.name), None))
        checks["banner"] = dict(w.describe(banner), announced=w.heard(since))

    def contact_error() -> None:
        email = w.need(main, "text", "^E-mail$")
        w.focus(email)
        w.keys(main_title, "F2")
        w.type_into(email, "not an e-mail")
        since = time.monotonic()
        w.keys(main_title, "Return")
        w.wait("the e-mail error", lambda: w.find(main, "label", "^E-mail: "))
        announced = w.heard(since)
        checks["contact_error"] = {"field": w.describe(email),
                                   "error_label": w.describe(w.find(main, "label", "^E-mail: ")),
                                   "announced": announced}
        w.snapshot("contact editor, invalid e-mail", main)
        w.keys(main_title, "Escape")

    def unlock() -> None:
        w.press(w.need(main, "push button", "^Refund"))
        confirm = w.window("^Confirm Refund|^Refund")
        w.type_into(w.need(confirm, "text", "^Amount$"), "500.00")
        w.type_into(w.need(confirm, "text", "^Note$"), "Ceiling leak, room moved twice")
        w.press(w.need(confirm, "push button", "^Grant$"))
        dialog = w.window("Manager unlock")
        w.snapshot("manager unlock", dialog)
        w.type_into(w.need(dialog, "text", "^Approver ID$"), "4001")
        pin = w.need(dialog, "password text", "PIN")
        w.type_into(pin, "0000")
        since = time.monotonic()
        w.press(w.need(dialog, "push button", "^Unlock and grant$"))
        w.wait("the unlock error", lambda: next(
            (lab for lab, _p in w.nodes(dialog) if lab.getRoleName() == "label"
             and re.search("PIN|ID", lab.name) and "Checking" not in lab.name
             and "own ID and PIN" not in lab.name and len(lab.name) > 12), None))
        announced = w.heard(since)
        checks["unlock_error"] = {"pin": w.describe(pin), "announced": announced,
                                  "labels": w.snapshot("manager unlock, wrong PIN",
                                                       dialog)["labels"]}
        w.press(w.need(dialog, "push button", "^Ask by telephone"))
        phone = w.window("^Ask by telephone")
        w.settle(lambda: w.find(phone, "label", "^Challenge ."))  # drawn off the UI thread
        w.snapshot("ask by telephone", phone)
        w.press(w.need(phone, "push button", "^Cancel"))
        w.press(w.need(dialog, "push button", "^Cancel$"))

    def voucher() -> None:
        w.press(w.need(main, "push button", "^\\$25 off next stay"))
        confirm = w.window("Discount voucher")
        w.press(w.need(confirm, "push button", "^Grant$"))
        # Exactly the voucher's own window: "Discount voucher", the confirmation just
        # pressed, may still be showing for a moment and would match a looser name.
        dialog = w.window("^Voucher( copy)?$")
        w.wait("the voucher dialog's buttons", lambda: w.find(dialog, "push button", "^Print"))
        w.snapshot("voucher", dialog)
        w.press(w.need(dialog, "push button", "^Close$"))

    def voucher_check() -> None:
        w.keys(main_title, "ctrl+shift+v")
        dialog = w.window("^Check a voucher")
        w.snapshot("check a voucher", dialog)
        field = w.need(dialog, "text", "^Voucher code$")
        w.type_into(field, "ABCD-EFGH")
        since = time.monotonic()
        w.focus(field)
        w.keys("^Check a voucher", "Return")
        w.wait("the voucher's answer", lambda: next(
            (lab for lab, _p in w.nodes(dialog) if lab.getRoleName() == "label"
             and lab.name), None))
        announced = w.heard(since)
        checks["voucher_error"] = {"field": w.describe(field),
                                   "announced": announced,
                                   "labels": w.snapshot("check a voucher, bad code",
                                                        dialog)["labels"]}
        w.press(w.need(dialog, "push button", "^Close$"))

    def manager_screens() -> None:
        w.press(w.need(main, "push button", "^Sign out$"))
        w.need(main, "password text", "^PIN$")
        sign_in("5001", "5937")
        w.keys(main_title, "ctrl+r")
        dialog = w.window("^Referrals")
        w.settle(lambda: w.find(dialog, "label", "^No referrals|^Nobody"))  # loaded
        w.snapshot("referrals and accounts", dialog)
        w.press(w.need(dialog, "push button", "^Close$"))
        w.keys(main_title, "ctrl+shift+a")
        dialog = w.window("^Answer a telephone")
        w.snapshot("answer a telephone approval", dialog)
        since = time.monotonic()
        w.press(w.need(dialog, "push button", "answer|Answer"))
        checks["answer_error"] = {"announced": w.heard(since),
                                  "fields": [w.describe(f) for f, _p in w.nodes(dialog)
                                             if f.getRoleName() in ("text", "password text")],
                                  "labels": [{"name": lab.name} for lab, _p in w.nodes(dialog)
                                             if lab.getRoleName() == "label"]}
        w.keys("^Answer a telephone", "Escape")

    def review() -> None:
        w.keys(main_title, "ctrl+shift+r")
        window = w.window("^Review")
        w.wait("the review's tabs", lambda: w.find(window, "page tab"))
        w.pump(0.5)  # the period's decisions load off the UI thread
        w.snapshot("review and learning", window)
        for n in range(2, 6):
            w.keys("^Review", f"ctrl+{n}")
            w.settle(lambda n=n: w.tab_selected(window, n - 1))
            w.snapshot(f"review and learning, tab {n}", window)

    w.find_app()
    if not w.step("sign-in", signin_screen):
        return
    w.step("wrong PIN", wrong_pin)
    if not w.step("counter", counter):
        return
    if w.step("guest", guest):
        w.step("preset and banner", preset_and_banner)
        w.step("contact editor", contact_error)
        w.step("manager unlock", unlock)
        w.step("voucher", voucher)
    w.step("voucher check", voucher_check)
    if w.step("manager", manager_screens):
        w.step("review", review)
