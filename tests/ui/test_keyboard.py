"""Every flow of the counter from the keyboard alone, through the real main window.

Keys go where the focus is (``QApplication.focusWidget()``), as they do for a person,
and each step checks where the focus went, what the screen says and what was recorded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.keys import (
    CTRL,
    SHIFT,
    ask_refund,
    back_at_window,
    focused,
    open_confirmation,
    open_guest,
    press,
    sign_in,
    type_text,
    wait_focus,
)


def test_sign_in_search_open_and_tab_to_the_guest_and_back(qtbot: Any, window: Any) -> None:
    w = window
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    search, card, panel = w.counter.search, w.counter.card, w.counter.recovery
    # From the results, Tab reaches the guest at once (the table takes focus once).
    assert focused() is search.view
    press(qtbot, Qt.Key.Key_Tab)
    wait_focus(qtbot, card.fields["given_name"])
    fields = list(card.fields.values())
    for field in fields[1:]:
        press(qtbot, Qt.Key.Key_Tab)
        wait_focus(qtbot, field)
    buttons = list(panel.buttons.values())
    for button in buttons:
        press(qtbot, Qt.Key.Key_Tab)
        wait_focus(qtbot, button)
    press(qtbot, Qt.Key.Key_Tab)
    wait_focus(qtbot, w.counter.history)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not w.counter.history  # Tab leaves the history, too
    # Shift+Tab walks back out of the history to the buttons and the fields.
    w.counter.history.setFocus()
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    wait_focus(qtbot, buttons[-1])
    for field in [*reversed(buttons[:-1]), *reversed(fields)]:
        press(qtbot, Qt.Key.Key_Tab, SHIFT)
        wait_focus(qtbot, field)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    wait_focus(qtbot, search.view)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    wait_focus(qtbot, search.field)
    # F2 edits a field reached by Tab; Esc leaves it as it was.
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    wait_focus(qtbot, card.fields["given_name"])
    before = card.fields["given_name"].text()
    press(qtbot, Qt.Key.Key_F2)
    assert not card.fields["given_name"].isReadOnly()
    type_text(qtbot, "xyz")
    press(qtbot, Qt.Key.Key_Escape)
    assert card.fields["given_name"].text() == before
    # Ctrl+K from a contact field goes back to the search, and from the search field
    # itself it selects the query (it is not the line editor's "delete to end").
    press(qtbot, Qt.Key.Key_K, CTRL)
    wait_focus(qtbot, search.field)
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert search.field.text() == "zo" and search.field.selectedText() == "zo"


def test_alt_1_grants_the_first_preset_and_does_not_type_into_search(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    w = window
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    press(qtbot, Qt.Key.Key_K, CTRL)
    search = w.counter.search.field
    wait_focus(qtbot, search)
    typed = search.text()
    first = w.counter.recovery.buttons["preset:0"]  # Waive late-checkout fee, $40
    assert first.property("shortcutText") == "Alt+1"
    assert "Alt+1" in first.toolTip()
    dialog = open_confirmation(qtbot, w, "preset:0")
    assert search.text() == typed  # Alt+1 pressed the button; it typed nothing
    assert dialog.amount.text() == "40.00"
    press(qtbot, Qt.Key.Key_Return)
    banner = w.counter.banner
    qtbot.waitUntil(lambda: "Done" in banner.text(), timeout=8000)
    assert "Fee waiver of $40.00" in banner.text()
    back_at_window(qtbot, w)
    with demo_app.uow() as uow:
        decisions = uow.decisions.for_customer(w.counter.customer_id)
    assert [(d.action, d.amount_minor, d.employee_id) for d in decisions] == [
        ("fee_waiver", 4000, "1001")]
    # Back on the counter, focus is on the button Alt+1 pressed.
    wait_focus(qtbot, first)
    # Space and Enter both press a focused button.
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.counter.recovery.dialog is not dialog
                    and w.counter.recovery.dialog.isVisible(), timeout=5000)
    wait_focus(qtbot, w.counter.recovery.dialog.amount)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.counter.recovery.dialog.isVisible(), timeout=5000)
    back_at_window(qtbot, w)
    wait_focus(qtbot, first)
    again = w.counter.recovery.dialog
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.counter.recovery.dialog is not again
                    and w.counter.recovery.dialog.isVisible(), timeout=5000)
    wait_focus(qtbot, w.counter.recovery.dialog.amount)
    press(qtbot, Qt.Key.Key_Escape)


def test_a_wrong_amount_keeps_the_dialog_reason_and_note(qtbot: Any, window: Any,
                                                         demo_app: Any) -> None:
    w = window
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    dialog = open_confirmation(qtbot, w, "action:refund")
    type_text(qtbot, "12,34.5x")
    press(qtbot, Qt.Key.Key_Tab)
    wait_focus(qtbot, dialog.reason)
    press(qtbot, Qt.Key.Key_Down)  # Billing error -> Product defect
    assert dialog.reason.currentData() == "product_defect"
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Kettle broke on arrival")
    press(qtbot, Qt.Key.Key_Return)
    # Still open, the reason beside the amount, and nothing typed is lost.
    wait_focus(qtbot, dialog.amount)
    assert dialog.isVisible()
    assert dialog.amount_error.isVisible() and "not an amount" in dialog.amount_error.text()
    assert dialog.reason.currentData() == "product_defect"
    assert dialog.note.text() == "Kettle broke on arrival"
    type_text(qtbot, "0")  # the text was selected: this replaces it
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "more than zero" in dialog.amount_error.text(), timeout=5000)
    type_text(qtbot, "35")
    assert not dialog.amount_error.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Done" in w.counter.banner.text(), timeout=8000)
    with demo_app.uow() as uow:
        (decision,) = uow.decisions.for_customer(w.counter.customer_id)
    assert (decision.action, decision.amount_minor, decision.reason, decision.note) == (
        "refund", 3500, "product_defect", "Kettle broke on arrival")


def _grant(demo_app: Any, customer_id: str, action: str, amount: str, note: str) -> None:
    """Earlier in the shift, within authority (set up through the service)."""
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    outcome = grant_recovery(demo_app.desk, RecoveryAsk(
        "1001", customer_id, action, amount, "billing_error", note))
    assert outcome.recorded


def test_the_buttons_tell_the_truth_and_a_manager_unlocks_by_keyboard(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    w = window
    # The associate (refund limit $150, $300 a shift) already refunded $260 this shift.
    _grant(demo_app, "C100001", "refund", "150", "Minibar charged twice")
    _grant(demo_app, "C100002", "refund", "110", "Parking charged twice")
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    panel = w.counter.recovery
    buttons = panel.buttons
    qtbot.waitUntil(lambda: "$40.00 this shift" in panel.summary.text(), timeout=5000)
    # What this person can grant this guest now: the lowest of limit, shift and budget.
    assert "up to $40.00" in buttons["action:refund"].text()  # not "$150.00"
    assert "$40.00" in buttons["preset:0"].text()
    assert "needs approval" not in buttons["preset:0"].text()
    # Alt+1 spends the last $40 of the shift...
    open_confirmation(qtbot, w, "preset:0")
    press(qtbot, Qt.Key.Key_Return)
    banner = w.counter.banner
    qtbot.waitUntil(lambda: "Done" in banner.text(), timeout=8000)
    # ...and then no button may still promise what now needs approval.
    qtbot.waitUntil(lambda: "used up" in panel.summary.text(), timeout=5000)
    assert "$0.00" not in panel.summary.text()
    for key, button in buttons.items():
        assert "needs approval" in button.text(), key
        assert "up to" not in button.text(), key
    assert "$20.00, needs approval" in buttons["preset:1"].text()
    assert buttons["preset:1"].property("needsApproval") is True
    w.grab().save("/tmp/leeway-counter-needs-approval.png")
    # Over the limit: the unlock dialog, all by keyboard.
    back_at_window(qtbot, w)
    unlock = ask_refund(qtbot, w, "400", "Charged twice for the spa")
    wait_focus(qtbot, unlock.approver_id)
    type_text(qtbot, "4001")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, unlock.pin)
    type_text(qtbot, "4826")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Done: Refund" in banner.text(), timeout=8000)
    assert "approved by Grace Okafor" in banner.text()
    with demo_app.uow() as uow:
        decisions = uow.decisions.for_customer(w.counter.customer_id)
    assert sorted((d.action, d.amount_minor, d.approver_id, d.reason) for d in decisions) == [
        ("fee_waiver", 4000, None, "service_delay"),
        ("refund", 40000, "4001", "billing_error")]


def test_refer_for_later_with_enter_on_the_focused_button(qtbot: Any, window: Any,
                                                         demo_app: Any) -> None:
    w = window
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    unlock = ask_refund(qtbot, w, "2500", "Wedding weekend charged twice")
    # Beyond every tier at the desk: only a referral; focus waits on that button.
    assert not unlock.unlock_button.isVisible()
    wait_focus(qtbot, unlock.refer_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "pending" in w.counter.banner.text(), timeout=8000)
    with demo_app.uow() as uow:
        (referral,) = uow.referrals.for_customer(w.counter.customer_id)
    assert (referral.amount_minor, referral.state, referral.required_tier) == (
        250000, "pending", "general_manager")


def _refer(demo_app: Any, customer_id: str, action: str, amount: str, reason: str,
           note: str) -> str:
    from pos_app.services.granting import RecoveryAsk, refer_for_later

    ask = RecoveryAsk("1001", customer_id, action, amount, reason, note)
    return refer_for_later(demo_app.desk, ask).id


def _open_referrals(qtbot: Any, w: Any) -> Any:
    back_at_window(qtbot, w)
    press(qtbot, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: getattr(w, "manager_dialog", None) is not None
                    and w.manager_dialog.isVisible(), timeout=5000)
    return w.manager_dialog


def test_a_general_manager_decides_referrals_by_keyboard_safe_from_a_stray_enter(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    w = window
    refund = _refer(demo_app, "C100005", "refund", "2500", "billing_error",
                    "Charged for a week they did not stay")
    credit = _refer(demo_app, "C100006", "goodwill_credit", "2100", "facility_issue",
                    "No heating all weekend")
    sign_in(qtbot, w, "5001", "5937")
    manager = _open_referrals(qtbot, w)
    qtbot.waitUntil(lambda: manager.table.rowCount() == 2, timeout=5000)
    wait_focus(qtbot, manager.table)
    assert manager.table.item(0, 4).text() == "$2,500.00"
    assert manager.table.item(0, 6).text() == (
        "Billing error: Charged for a week they did not stay")  # the associate's words
    assert manager.table.item(0, 5).text() == "You may decide"
    assert not manager.approve.isDefault() and not manager.decline.isDefault()
    # A stray Enter on the row moves on to the note; it decides nothing.
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, manager.note)
    press(qtbot, Qt.Key.Key_Return)
    assert manager.isVisible()
    with demo_app.uow() as uow:
        assert [r.state for r in uow.referrals.pending()] == ["pending", "pending"]
    type_text(qtbot, "Stay was charged correctly")
    press(qtbot, Qt.Key.Key_Tab)
    wait_focus(qtbot, manager.decline)
    # Decline asks first; Enter there keeps it pending.
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: manager.confirm is not None and manager.confirm.isVisible(),
                    timeout=5000)
    box = manager.confirm
    assert "$2,500.00 refund" in box.text()
    qtbot.waitUntil(lambda: focused().window() is box, timeout=5000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    back_at_window(qtbot, manager)
    wait_focus(qtbot, manager.decline)
    with demo_app.uow() as uow:
        assert uow.referrals.get(refund).state == "pending"
    # Decline again, and this time choose "Decline it" in the question.
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: manager.confirm is not box and manager.confirm.isVisible(),
                    timeout=5000)
    box = manager.confirm
    qtbot.waitUntil(lambda: focused().window() is box, timeout=5000)
    for _ in range(4):
        if focused().accessibleName() == "Decline it":
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused().accessibleName() == "Decline it"
    press(qtbot, Qt.Key.Key_Return)
    back_at_window(qtbot, manager)
    qtbot.waitUntil(lambda: "Declined" in manager.message.text(), timeout=8000)
    qtbot.waitUntil(lambda: manager.table.rowCount() == 1, timeout=5000)
    with demo_app.uow() as uow:
        declined = uow.referrals.get(refund)
        assert (declined.state, declined.decided_by, declined.decision_note) == (
            "declined", "5001", "Stay was charged correctly")
        assert uow.decisions.for_customer("C100005") == []
    # The credit is left; Tab to Approve and press Enter.
    wait_focus(qtbot, manager.table)
    for widget in (manager.note, manager.decline, manager.approve):
        press(qtbot, Qt.Key.Key_Tab)
        wait_focus(qtbot, widget)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Approved" in manager.message.text(), timeout=8000)
    qtbot.waitUntil(lambda: manager.table.rowCount() == 0, timeout=5000)
    with demo_app.uow() as uow:
        (decision,) = uow.decisions.for_customer("C100006")
        assert uow.referrals.get(credit).state == "approved"
        assert uow.vouchers.for_decision(decision.id) is not None
    assert (decision.employee_id, decision.approver_id, decision.amount_minor) == (
        "1001", "5001", 210000)
    manager.grab().save("/tmp/leeway-referrals-decided.png")


def test_a_manager_below_the_referral_tier_sees_it_waiting_read_only(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    w = window
    _refer(demo_app, "C100005", "refund", "2500", "billing_error",
           "Charged for a week they did not stay")
    _refer(demo_app, "C100006", "refund", "400", "billing_error", "Spa charged twice")
    sign_in(qtbot, w, "4001", "4826")
    assert w.manager_button.isVisible()
    manager = _open_referrals(qtbot, w)
    qtbot.waitUntil(lambda: manager.table.rowCount() == 2, timeout=5000)
    # Hers to decide first; the general manager's below it, read-only.
    assert manager.table.item(0, 4).text() == "$400.00"
    assert manager.table.item(0, 5).text() == "You may decide"
    assert manager.table.item(1, 5).text() == "Waiting for a general manager"
    assert manager.table.item(1, 6).text() == (
        "Billing error: Charged for a week they did not stay")
    wait_focus(qtbot, manager.table)
    assert manager.approve.isEnabled()
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not manager.approve.isEnabled(), timeout=5000)
    assert not manager.decline.isEnabled()
    manager.grab().save("/tmp/leeway-referrals.png")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not manager.isVisible(), timeout=5000)
    # A supervisor approves too, so the button is theirs as well.
    back_at_window(qtbot, w)
    press(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    sign_in(qtbot, w, "3001", "3690")
    assert w.manager_button.isVisible()


def test_redeem_a_voucher_with_ctrl_shift_v_and_enter(qtbot: Any, window: Any,
                                                      demo_app: Any) -> None:
    w = window
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    open_confirmation(qtbot, w, "preset:1")  # $20 goodwill credit, yields a voucher
    press(qtbot, Qt.Key.Key_Return)
    counter = w.counter
    qtbot.waitUntil(lambda: getattr(counter, "voucher_dialog", None) is not None
                    and counter.voucher_dialog.isVisible()
                    and counter.voucher_dialog.issued is not None, timeout=8000)
    code = counter.voucher_dialog.issued.voucher.code
    qtbot.waitUntil(lambda: focused().window() is counter.voucher_dialog, timeout=5000)
    press(qtbot, Qt.Key.Key_Escape)  # closing it loses nothing
    qtbot.waitUntil(lambda: not counter.voucher_dialog.isVisible(), timeout=5000)
    back_at_window(qtbot, w)
    press(qtbot, Qt.Key.Key_V, CTRL | SHIFT)
    qtbot.waitUntil(lambda: getattr(w, "voucher_check", None) is not None
                    and w.voucher_check.isVisible(), timeout=5000)
    check = w.voucher_check
    wait_focus(qtbot, check.field)
    type_text(qtbot, code.lower())  # forgiving about case, as a person types it
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, check.redeem_button)  # valid: Redeem takes the focus
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Redeemed" in check.outcome.text(), timeout=8000)
    with demo_app.uow() as uow:
        (voucher,) = uow.vouchers.for_customer(w.counter.customer_id)
    assert (voucher.code, voucher.status, voucher.redeemed_by) == (code, "redeemed", "1001")


def test_lift_a_lockout_from_the_list_with_enter(qtbot: Any, window: Any,
                                                 demo_app: Any) -> None:
    import pytest

    from pos_app.domain.errors import AuthenticationFailed, InvalidInput
    from pos_app.services.staff import lift_lockout, verify_pin

    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            verify_pin(demo_app.desk, "1002", "0000")
    w = window
    sign_in(qtbot, w, "4001", "4826")
    manager = _open_referrals(qtbot, w)
    qtbot.waitUntil(lambda: manager.locked.rowCount() == 1, timeout=5000)
    assert manager.table.isHidden() and manager.empty.isVisible()
    assert [manager.locked.item(0, c).text() for c in range(3)] == [
        "1002", "Tomás Herrera", "Associate"]
    wait_focus(qtbot, manager.locked)  # nothing pending: the locked list has the focus
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Lockout lifted for Tomás Herrera (1002)" in
                    manager.message.text(), timeout=8000)
    qtbot.waitUntil(lambda: manager.locked.rowCount() == 0, timeout=5000)
    assert manager.no_locks.isVisible()
    with demo_app.uow() as uow:
        assert uow.employees.get("1002").lock is None
        unlocked = [e for e in uow.events.ordered() if e.type == "account.unlocked"]
    assert [(e.payload_dict()["employee_id"], e.actor) for e in unlocked] == [
        ("1002", "4001")]
    # Lifting a lockout that is not there is refused, and says so.
    with pytest.raises(InvalidInput, match="not locked out"):
        lift_lockout(demo_app.desk, "1001", by="4001")
    with demo_app.uow() as uow:
        assert len([e for e in uow.events.ordered() if e.type == "account.unlocked"]) == 1


def test_ctrl_l_says_who_locked_the_desk_and_ctrl_shift_q_signs_out(
        qtbot: Any, window: Any) -> None:
    w = window
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    press(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.signin, timeout=5000)
    assert w.signin.subtitle.text().startswith("Locked by Maya Lindqvist.")
    assert "locked itself" not in w.signin.subtitle.text()
    assert w.counter.customer_id is None
    wait_focus(qtbot, w.signin.pin)
    type_text(qtbot, "2580")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, w.counter.search.field)
    # The idle lock says it locked itself.
    w.idle.setInterval(50)
    w.idle.start()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.signin, timeout=5000)
    assert "Locked by" not in w.signin.subtitle.text()
    type_text(qtbot, "2580")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, w.counter.search.field)
    press(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.employee is None, timeout=5000)
    assert w.stack.currentWidget() is w.signin


def test_the_focus_ring_is_visible(qtbot: Any, window: Any) -> None:
    """Saves what a person sees; the ring's colour must be on screen around the button."""
    w = window
    w.showNormal()
    w.resize(1366, 768)  # the size the counter is designed around
    sign_in(qtbot, w)
    open_guest(qtbot, w)
    buttons = w.counter.recovery.buttons
    button = buttons["preset:1"]
    button.setFocus()
    wait_focus(qtbot, button)
    # The guest's card settles its height after it is filled; grab what a person sees.
    qtbot.waitUntil(lambda: all(b.height() >= b.sizeHint().height()
                                for b in buttons.values()), timeout=5000)
    image = w.grab().toImage()
    w.grab().save("/tmp/leeway-counter-focus.png")
    origin = button.mapTo(w, button.rect().topLeft())
    edge = image.pixelColor(origin.x() + button.width() // 2, origin.y() + 1)
    assert (edge.red(), edge.green(), edge.blue()) == (0xE8, 0x59, 0x0C)
