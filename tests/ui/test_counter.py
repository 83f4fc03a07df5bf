"""The counter as an associate uses it: keyboard first, through the real main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import search_and_open, sign_in


def _wait_signed_in(qtbot: Any, w: Any) -> None:
    qtbot.waitUntil(lambda: w.employee is not None, timeout=5000)


def test_sign_in_shows_name_and_tier_and_focuses_search(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    assert window.employee_label.text() == "Maya Lindqvist · Associate"
    assert window.stack.currentWidget() is window.counter
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.counter.search.field)


def test_wrong_pin_is_refused_with_a_clear_message(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window, "1001", "0000")
    qtbot.waitUntil(lambda: "do not match" in window.signin.error.text(), timeout=5000)
    assert window.employee is None
    assert window.stack.currentWidget() is window.signin
    assert window.signin.pin.text() == ""  # the wrong PIN is not left in the field
    # It says how many attempts are left before the lockout.
    qtbot.waitUntil(lambda: "attempts left" in window.signin.error.text(), timeout=5000)
    known = window.signin.error.text()
    assert known == ("That employee ID and PIN do not match. 4 attempts left before this"
                     " ID is locked for 30 minutes.")
    # Unknown IDs get the very same message (no hint which IDs exist).
    window.signin.employee_id.clear()
    sign_in(qtbot, window, "9999", "1234")
    qtbot.waitUntil(lambda: "attempts left" in window.signin.error.text(), timeout=5000)
    assert window.signin.error.text() == known


def test_search_by_phone_fragment_and_partial_name(qtbot: Any, window: Any, demo_app: Any
                                                   ) -> None:
    from pos_app.services.customers import get_customer

    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    with demo_app.uow() as uow:
        target = get_customer(uow, "C100042")
    # "(212) 555-01" style: type the area code and part of the number with formatting.
    digits = target.phone[2:]  # drop +1
    fragment = f"({digits[:3]}) {digits[3:6]}-{digits[6:8]}"
    search_and_open_by = window.counter.search
    qtbot.keyClicks(search_and_open_by.field, fragment)
    qtbot.waitUntil(lambda: search_and_open_by.model.rowCount() > 0, timeout=5000)
    ids = [search_and_open_by.model.customer_at(r).id
           for r in range(search_and_open_by.model.rowCount())]
    assert "C100042" in ids
    # Partial name: the first three letters of the given and family names.
    prefix = f"{target.given_name[:3]} {target.family_name[:3]}"
    search_and_open(qtbot, window, prefix)
    shown = window.counter.card.title.text().split()
    assert shown[0].lower().startswith(target.given_name[:3].lower())


def test_ctrl_k_focuses_search(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    window.counter.history.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.counter.search.field


def test_correct_email_invalid_first_then_valid(qtbot: Any, window: Any, demo_app: Any
                                                ) -> None:
    from pos_app.services.customers import customer_history, get_customer

    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    with demo_app.uow() as uow:
        before = get_customer(uow, "C100007").email
    search_and_open(qtbot, window, before[:-4])  # an e-mail fragment finds the guest
    cid = window.counter.customer_id
    assert cid == "C100007"
    email = window.counter.card.fields["email"]
    qtbot.mouseClick(email, Qt.MouseButton.LeftButton)
    assert not email.isReadOnly()
    email.selectAll()
    qtbot.keyClicks(email, "not an email")
    qtbot.keyClick(email, Qt.Key.Key_Return)
    error = window.counter.card.errors["email"]
    qtbot.waitUntil(lambda: error.isVisible() and "not an e-mail" in error.text(),
                    timeout=5000)
    with demo_app.uow() as uow:
        assert get_customer(uow, cid).email == before  # nothing saved
        assert customer_history(uow, cid) == [] or all(
            e.kind != "correction" for e in customer_history(uow, cid))
    # Esc puts the stored value back.
    qtbot.keyClick(email, Qt.Key.Key_Escape)
    assert email.text() == before and email.isReadOnly()
    # F2 edits again; a valid address saves and appears in history.
    qtbot.keyClick(email, Qt.Key.Key_F2)
    email.selectAll()
    qtbot.keyClicks(email, "guest.new@example.org")
    qtbot.keyClick(email, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in window.counter.banner.text(), timeout=5000)
    with demo_app.uow() as uow:
        assert get_customer(uow, cid).email == "guest.new@example.org"
    history = window.counter.history
    qtbot.waitUntil(lambda: history.rowCount() >= 1, timeout=5000)
    texts = [history.item(r, 1).text() for r in range(history.rowCount())]
    assert any("guest.new@example.org" in t and before in t for t in texts)


def test_preset_fee_waiver_within_limit_appears_in_history(qtbot: Any, window: Any,
                                                           demo_app: Any) -> None:
    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    panel = window.counter.recovery
    button = panel.buttons["preset:0"]  # "Waive late-checkout fee", $40
    qtbot.waitUntil(lambda: "$" in button.text(), timeout=5000)
    assert "up to" not in button.text() and "$40.00" in button.text()
    assert "$75.00" in button.toolTip()  # the associate's own fee-waiver limit
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.amount.text() == "40.00"
    assert "waited longer" in dialog.guidance.text()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    banner = window.counter.banner
    qtbot.waitUntil(lambda: "Done" in banner.text(), timeout=5000)
    assert "$40.00" in banner.text()
    history = window.counter.history
    qtbot.waitUntil(lambda: history.rowCount() >= 1, timeout=5000)
    assert history.item(0, 1).text().splitlines()[0] == "Fee waiver"
    assert history.item(0, 2).text() == "Maya Lindqvist"
    assert history.item(0, 4).text() == "$40.00"
    qtbot.waitUntil(lambda: "$260.00" in panel.summary.text(), timeout=5000)


def test_over_limit_refund_explains_which_tier_can_approve(qtbot: Any, window: Any,
                                                           demo_app: Any) -> None:
    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    panel = window.counter.recovery
    qtbot.mouseClick(panel.buttons["action:refund"], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.amount, "400")
    dialog.reason.setCurrentIndex(dialog.reason.findData("billing_error"))
    qtbot.keyClicks(dialog.note, "Charged twice for the spa")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    banner = window.counter.banner
    qtbot.waitUntil(lambda: "approval" in banner.text(), timeout=5000)
    assert "manager" in banner.text()
    assert "$150.00 limit" in banner.text()
    with demo_app.uow() as uow:
        assert uow.decisions.for_customer(window.counter.customer_id) == []


def test_idle_lock_hides_the_customer(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    name = window.counter.card.title.text()
    assert name
    window.idle.setInterval(50)
    window.idle.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.signin, timeout=5000)
    assert window.signin.title.text() == "Locked"
    assert window.counter.customer_id is None
    assert window.counter.right.currentWidget() is window.counter.placeholder
    assert window.counter.search.model.rowCount() == 0
    # Signing back in does not bring the guest back on screen.
    qtbot.keyClicks(window.signin.pin, "2580")
    qtbot.keyClick(window.signin.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.counter, timeout=5000)
    assert window.counter.right.currentWidget() is window.counter.placeholder


def test_customer_text_is_shown_literally(qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.services.customers import correct_contact

    with demo_app.uow(write=True) as uow:
        correct_contact(uow, employee_id="1001", customer_id="C100010", field="given_name",
                        value="<b>Bob</b>")
        correct_contact(uow, employee_id="1001", customer_id="C100010", field="family_name",
                        value="Zyxwv")
        uow.commit()
    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    search_and_open(qtbot, window, "zyxwv")
    assert window.counter.card.title.text() == "<b>Bob</b> Zyxwv"
    assert window.counter.card.title.textFormat() == Qt.TextFormat.PlainText


def test_every_interactive_widget_has_an_accessible_name(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")

    def internal(w: Any) -> bool:
        # Parts Qt builds inside other widgets (clear buttons, table corners, headers).
        return isinstance(w, QHeaderView) or isinstance(
            w.parent(), (QLineEdit, QComboBox, QAbstractItemView))

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    missing = [f"{type(w).__name__} '{getattr(w, 'text', lambda: '')()}'"
               for kind in kinds for w in window.findChildren(kind)
               if w.isVisible() and not internal(w) and not w.accessibleName()]
    assert missing == []


def test_a_policy_loaded_while_the_desk_runs_applies_to_the_next_decision(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.bootstrap import DEFAULT_POLICY
    from pos_app.services.policy_store import activate_policy

    sign_in(qtbot, window)
    _wait_signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    first = window.counter.recovery.buttons["preset:0"]  # fee waiver $40, limit $75
    qtbot.waitUntil(lambda: "$75.00" in first.toolTip(), timeout=5000)
    # Head office lowers the associate's fee-waiver limit to $30 while the desk runs.
    document = DEFAULT_POLICY.read_text(encoding="utf-8").replace(
        'version = "2026.11-demo"', 'version = "2026.12-stricter"').replace(
        'fee_waiver = "75.00"', 'fee_waiver = "30.00"', 1)
    activate_policy(demo_app.uow, document)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    dialog = window.counter.recovery.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    banner = window.counter.banner
    qtbot.waitUntil(lambda: "Needs approval" in banner.text(), timeout=5000)
    assert "$30.00 limit" in banner.text()  # judged under the new policy at once
    window.counter.unlock_dialog.reject()
    # The buttons are rebuilt from it and the status bar says so.
    qtbot.waitUntil(lambda: window.counter.policy.version == "2026.12-stricter",
                    timeout=5000)
    qtbot.waitUntil(lambda: "2026.12-stricter" in window.statusBar().currentMessage(),
                    timeout=5000)
    waiver = window.counter.recovery.buttons["action:fee_waiver"]
    qtbot.waitUntil(lambda: "$30.00" in waiver.toolTip(), timeout=5000)
    qtbot.mouseClick(waiver, Qt.MouseButton.LeftButton)
    dialog = window.counter.recovery.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.amount, "25")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Done" in banner.text(), timeout=5000)
    with demo_app.uow() as uow:
        decisions = uow.decisions.for_customer(window.counter.customer_id)
    assert [(d.amount_minor, d.policy_version) for d in decisions] == [
        (2500, "2026.12-stricter")]
