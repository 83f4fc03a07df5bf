"""Manager unlock at the desk and referrals, through the real window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.helpers import search_and_open, sign_in


def _request_refund(qtbot: Any, w: Any, amount: str) -> Any:
    qtbot.waitUntil(lambda: w.employee is not None, timeout=5000)
    search_and_open(qtbot, w, "zo")
    panel = w.counter.recovery
    qtbot.mouseClick(panel.buttons["action:refund"], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.amount, amount)
    dialog.reason.setCurrentIndex(dialog.reason.findData("billing_error"))
    qtbot.keyClicks(dialog.note, "Charged twice for the spa")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(w.counter, "unlock_dialog", None) is not None
                    and w.counter.unlock_dialog.isVisible(), timeout=5000)
    return w.counter.unlock_dialog


def _approve(qtbot: Any, unlock: Any, approver: str, pin: str) -> None:
    unlock.approver_id.clear()
    qtbot.keyClicks(unlock.approver_id, approver)
    qtbot.keyClick(unlock.approver_id, Qt.Key.Key_Return)
    qtbot.keyClicks(unlock.pin, pin)
    qtbot.keyClick(unlock.pin, Qt.Key.Key_Return)


def test_manager_unlocks_a_400_refund_recorded_with_both_names(qtbot: Any, window: Any,
                                                               demo_app: Any) -> None:
    sign_in(qtbot, window)  # associate 1001, refund limit $150
    unlock = _request_refund(qtbot, window, "400")
    assert "manager" in unlock.who.text()
    assert "$400.00" in unlock.summary.text()
    _approve(qtbot, unlock, "4001", "4826")
    banner = window.counter.banner
    qtbot.waitUntil(lambda: "Done" in banner.text(), timeout=8000)
    assert "approved by Grace Okafor" in banner.text()
    with demo_app.uow() as uow:
        decisions = uow.decisions.for_customer(window.counter.customer_id)
        events = [e.type for e in uow.events.ordered()]
    assert [(d.employee_id, d.approver_id, d.amount_minor) for d in decisions] == [
        ("1001", "4001", 40000)]
    assert events[-2:] == ["approval.granted", "decision.recorded"]
    history = window.counter.history
    qtbot.waitUntil(lambda: history.rowCount() >= 1, timeout=5000)
    assert (history.item(0, 2).text(), history.item(0, 3).text()) == (
        "Maya Lindqvist", "Grace Okafor")


def test_a_supervisor_whose_limit_is_too_low_is_refused_with_the_reason(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    sign_in(qtbot, window)
    unlock = _request_refund(qtbot, window, "400")  # supervisor refund limit is $300
    _approve(qtbot, unlock, "3001", "3690")
    qtbot.waitUntil(lambda: "cannot approve" in unlock.error.text(), timeout=8000)
    assert "manager" in unlock.error.text()
    assert unlock.isVisible()
    with demo_app.uow() as uow:
        assert uow.decisions.for_customer(window.counter.customer_id) == []


def test_the_approver_cannot_be_the_requester(qtbot: Any, window: Any, demo_app: Any) -> None:
    sign_in(qtbot, window, "3001", "3690")  # a supervisor asks for a $400 refund
    unlock = _request_refund(qtbot, window, "400")
    _approve(qtbot, unlock, "3001", "3690")
    qtbot.waitUntil(lambda: "cannot be the person" in unlock.error.text(), timeout=8000)
    with demo_app.uow() as uow:
        assert uow.decisions.for_customer(window.counter.customer_id) == []


def test_a_wrong_approver_pin_records_nothing(qtbot: Any, window: Any, demo_app: Any) -> None:
    sign_in(qtbot, window)
    unlock = _request_refund(qtbot, window, "400")
    _approve(qtbot, unlock, "4001", "0000")
    qtbot.waitUntil(lambda: "do not match" in unlock.error.text(), timeout=8000)
    assert unlock.pin.text() == ""
    with demo_app.uow() as uow:
        assert uow.decisions.for_customer(window.counter.customer_id) == []
        assert uow.employees.get("4001").failed_attempts == 1


def test_beyond_the_highest_tier_is_referred_then_approved_later(qtbot: Any, window: Any,
                                                                 demo_app: Any) -> None:
    sign_in(qtbot, window)
    unlock = _request_refund(qtbot, window, "2500")  # over the GM's $2,000 refund limit
    assert not unlock.unlock_button.isVisible()
    assert "general manager" in unlock.who.text()
    qtbot.mouseClick(unlock.refer_button, Qt.MouseButton.LeftButton)
    banner = window.counter.banner
    qtbot.waitUntil(lambda: "pending" in banner.text(), timeout=8000)
    customer_id = window.counter.customer_id
    history = window.counter.history
    qtbot.waitUntil(lambda: history.rowCount() >= 1, timeout=5000)
    assert "pending" in history.item(0, 1).text()
    # The general manager signs in later at this desk and approves it.
    window.sign_out()
    sign_in(qtbot, window, "5001", "5937")
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    assert window.manager_button.isVisible()
    window.activateWindow()  # offscreen, the closed dialogs may still hold activation
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    manager = window.manager_dialog
    qtbot.waitUntil(lambda: manager.table.rowCount() == 1, timeout=5000)
    assert manager.table.item(0, 4).text() == "$2,500.00"
    qtbot.mouseClick(manager.approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Approved" in manager.message.text(), timeout=8000)
    qtbot.waitUntil(lambda: manager.table.rowCount() == 0, timeout=5000)
    with demo_app.uow() as uow:
        (decision,) = uow.decisions.for_customer(customer_id)
        assert (decision.employee_id, decision.approver_id, decision.amount_minor) == (
            "1001", "5001", 250000)
        (referral,) = uow.referrals.for_customer(customer_id)
        assert referral.state == "approved" and referral.decision_id == decision.id


def test_a_credit_referral_approved_by_the_general_manager_yields_its_voucher(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.services.voucher_desk import check_code

    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    search_and_open(qtbot, window, "zo")
    panel = window.counter.recovery
    qtbot.mouseClick(panel.buttons["action:goodwill_credit"], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.amount, "2100")  # over the general manager's $2,000 limit
    qtbot.keyClicks(dialog.note, "Wedding suite flooded")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window.counter, "unlock_dialog", None) is not None
                    and window.counter.unlock_dialog.isVisible(), timeout=5000)
    unlock = window.counter.unlock_dialog
    qtbot.mouseClick(unlock.refer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pending" in window.counter.banner.text(), timeout=8000)
    customer_id = window.counter.customer_id
    window.sign_out()
    sign_in(qtbot, window, "5001", "5937")
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    window.open_manager()
    manager = window.manager_dialog
    qtbot.waitUntil(lambda: manager.table.rowCount() == 1, timeout=5000)
    qtbot.mouseClick(manager.approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "voucher" in manager.message.text(), timeout=8000)
    with demo_app.uow() as uow:
        (decision,) = uow.decisions.for_customer(customer_id)
        voucher = uow.vouchers.for_decision(decision.id)
    assert (decision.employee_id, decision.approver_id, decision.amount_minor) == (
        "1001", "5001", 210000)
    assert voucher is not None and voucher.code in manager.message.text()
    assert voucher.value_minor == 210000
    assert check_code(demo_app.desk, voucher.code).valid
