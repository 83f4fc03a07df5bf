"""Approvals from afar through the real window: by telephone on one desk (the test reads
the manager's side from the service, standing for their other desk), the manager's
own telephone dialog, and the online paths on a desk registered with a real central
PostgreSQL (skipped without one; see ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_app.services.far_approval import (
    answer_by_telephone,
    ask_by_telephone,
    ask_remotely,
    collect_answer,
    unlock_by_telephone,
    waiting_for,
)
from pos_app.services.granting import RecoveryAsk
from tests.ui.keys import (
    ALT,
    CTRL,
    SHIFT,
    ask_refund,
    back_at_window,
    open_guest,
    press,
    sign_in,
    type_text,
    wait_focus,
)

SHOTS = Path("/tmp")


def _phone_dialog(qtbot: Any, unlock: Any) -> Any:
    """Alt+T in the unlock dialog; the challenge drawn."""
    qtbot.waitUntil(unlock.phone_button.isVisible, timeout=5000)
    press(qtbot, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: unlock.far_dialog is not None and unlock.far_dialog.isVisible(),
                    timeout=5000)
    phone = unlock.far_dialog
    qtbot.waitUntil(lambda: phone.challenge.text() != "", timeout=8000)
    wait_focus(qtbot, phone.approver_id)
    return phone


def _type_answer(qtbot: Any, phone: Any, approver: str, answer: str) -> None:
    """ID, Enter, answer, Enter: as the associate hears it over the telephone."""
    phone.approver_id.selectAll()
    type_text(qtbot, approver)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, phone.answer)
    phone.answer.selectAll()
    type_text(qtbot, answer)
    press(qtbot, Qt.Key.Key_Return)


def _telephone_grant(qtbot: Any, w: Any, app: Any) -> str:
    sign_in(qtbot, w)  # associate 1001: refunds up to $150
    open_guest(qtbot, w)
    unlock = ask_refund(qtbot, w, "200", "Charged twice for the spa")
    phone = _phone_dialog(qtbot, unlock)
    challenge = phone.challenge.text()
    assert challenge in phone.challenge.accessibleName()
    assert "Read this to a supervisor or above. Valid until" in phone.instructions.text()
    phone.grab().save(str(SHOTS / "far_phone.png"))
    answer = answer_by_telephone(app.desk, challenge, "4001", "4826").answer
    _type_answer(qtbot, phone, "4001", answer)
    banner = w.counter.banner
    qtbot.waitUntil(lambda: "Done" in banner.text(), timeout=8000)
    assert "Refund of $200.00 recorded, approved by Grace Okafor" in banner.text()
    return str(w.counter.customer_id)


def test_a_manager_elsewhere_approves_by_telephone(qtbot: Any, window: Any,
                                                   demo_app: Any) -> None:
    customer_id = _telephone_grant(qtbot, window, demo_app)
    with demo_app.uow() as uow:
        decisions = uow.decisions.for_customer(customer_id)
    assert [(d.employee_id, d.approver_id, d.amount_minor, d.approval_channel)
            for d in decisions] == [("1001", "4001", 20000, "telephone")]


def test_the_history_says_it_was_approved_by_telephone(qtbot: Any, window: Any,
                                                       demo_app: Any) -> None:
    _telephone_grant(qtbot, window, demo_app)
    history = window.counter.history
    qtbot.waitUntil(lambda: history.rowCount() >= 1 and "telephone" in (
        history.item(0, 1).text() + history.item(0, 3).text()), timeout=5000)
    shown = history.item(0, 1).text() if history.compact else history.item(0, 3).text()
    assert "Grace Okafor" in shown and "(by telephone)" in shown


def test_a_wrong_answer_is_refused_and_the_dialog_stays_open(qtbot: Any, window: Any,
                                                            demo_app: Any) -> None:
    sign_in(qtbot, window)
    open_guest(qtbot, window)
    unlock = ask_refund(qtbot, window, "200", "Charged twice for the spa")
    phone = _phone_dialog(qtbot, unlock)
    challenge = phone.challenge.text()
    # Misheard: caught by the check characters, no attempt counted against anyone.
    _type_answer(qtbot, phone, "4001", "AAAAA-AAAAA")
    qtbot.waitUntil(lambda: "does not add up" in phone.error.text(), timeout=8000)
    # Back in the answer, selected, to retype it: well formed this time, but the general
    # manager's answer typed with the manager's ID.
    wait_focus(qtbot, phone.answer)
    assert phone.answer.selectedText() == "AAAAA-AAAAA"
    type_text(qtbot, answer_by_telephone(demo_app.desk, challenge, "5001", "5937").answer)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in phone.error.text(), timeout=8000)
    assert phone.isVisible() and phone.unlock_button.isEnabled()
    wait_focus(qtbot, phone.answer)
    assert phone.answer.selectedText() == phone.answer.text()  # ready to retype
    with demo_app.uow() as uow:
        assert uow.decisions.for_customer(window.counter.customer_id) == []
        assert uow.employees.get("4001").failed_attempts == 1
    # Esc closes it; the unlock dialog is still there for another way.
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: unlock.far_dialog is None, timeout=5000)
    assert unlock.isVisible()


def test_the_online_way_is_off_without_a_central_database(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window)
    open_guest(qtbot, window)
    unlock = ask_refund(qtbot, window, "200", "Charged twice for the spa")
    qtbot.waitUntil(lambda: "no central database" in unlock.remote_button.toolTip(),
                    timeout=5000)
    assert unlock.remote_button.isVisible() and not unlock.remote_button.isEnabled()
    assert unlock.phone_button.isEnabled()


def test_no_far_buttons_when_nobody_may_approve(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window)
    open_guest(qtbot, window)
    unlock = ask_refund(qtbot, window, "2500", "Wedding weekend charged twice")
    assert not unlock.phone_button.isVisible() and not unlock.remote_button.isVisible()


def _open_remote(qtbot: Any, window: Any) -> tuple[Any, Any]:
    """Signed in as the associate, an over-limit refund, Alt+E: the online dialog."""
    sign_in(qtbot, window)
    open_guest(qtbot, window)
    unlock = ask_refund(qtbot, window, "200", "Charged twice for the spa")
    qtbot.waitUntil(unlock.remote_button.isEnabled, timeout=5000)
    press(qtbot, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: unlock.far_dialog is not None, timeout=5000)
    return unlock, unlock.far_dialog


def test_an_unreachable_central_database_offers_the_telephone(
        qtbot: Any, window: Any, demo_app: Any, monkeypatch: Any) -> None:
    # Registered as far as the desk knows, but the link has nowhere to go.
    monkeypatch.setattr(demo_app.desk.central, "configured", lambda: True)
    unlock, remote = _open_remote(qtbot, window)
    qtbot.waitUntil(lambda: "cannot be reached" in remote.status.text(), timeout=8000)
    assert "ask by telephone instead" in remote.status.text()
    wait_focus(qtbot, remote.phone_button)
    press(qtbot, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: unlock.far_dialog not in (None, remote)
                    and unlock.far_dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: unlock.far_dialog.challenge.text() != "", timeout=8000)


# --- the manager's telephone dialog ----------------------------------------------------


def _refund_ask(customer_id: str, amount: str = "200") -> RecoveryAsk:
    return RecoveryAsk("1001", customer_id, "refund", amount, "billing_error",
                       "Charged twice for the spa")


def test_the_manager_makes_an_answer_the_asking_desk_accepts(qtbot: Any, window: Any,
                                                             demo_app: Any) -> None:
    sign_in(qtbot, window, "4001", "4826")
    open_guest(qtbot, window)
    customer_id = str(window.counter.customer_id)
    assert window.far.answer_button.isVisible()
    # The associate's desk (this one, standing in for it) draws the challenge.
    ask = _refund_ask(customer_id)
    challenge = ask_by_telephone(demo_app.desk, ask).challenge
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.far.answer_dialog is not None
                    and window.far.answer_dialog.isVisible(), timeout=5000)
    dialog = window.far.answer_dialog
    assert dialog.approver_id.text() == "4001"  # the signed-in approver
    wait_focus(qtbot, dialog.challenge)
    # Misheard first: refused before any PIN is spent, back to the challenge.
    type_text(qtbot, challenge[:-1] + ("A" if challenge[-1] != "A" else "B"))
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, dialog.pin)  # the ID is there already: on to the PIN
    type_text(qtbot, "4826")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "challenge" in dialog.error.text(), timeout=8000)
    wait_focus(qtbot, dialog.challenge)
    dialog.challenge.selectAll()
    type_text(qtbot, challenge.lower().replace("-", " "))  # as typed in a hurry
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, dialog.pin)
    type_text(qtbot, "4826")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.answer.text() != "", timeout=8000)
    assert dialog.readback.text() == "Read this back: Refund of $200.00"
    assert dialog.answer.text() in dialog.answer.accessibleName()
    assert dialog.pin.text() == ""
    dialog.grab().save(str(SHOTS / "far_answer.png"))
    with demo_app.uow() as uow:
        assert uow.employees.get("4001").failed_attempts == 0
    outcome = unlock_by_telephone(demo_app.desk, ask, "4001", dialog.answer.text())
    assert outcome.decision is not None
    assert outcome.decision.approval_channel == "telephone"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.far.answer_dialog is None, timeout=5000)
    assert window.counter.customer_id == customer_id  # the guest is still open


# --- online, with a central database ---------------------------------------------------


@pytest.fixture()
def online(qtbot: Any, capsys: Any, data_dir: Path, demo_app: Any, pg_url: str
           ) -> Iterator[tuple[Any, Any]]:
    """The demo desk registered with a fresh central database and synced once, in a
    window: (window, app)."""
    from pos_app.bootstrap import open_app
    from pos_app.ui.app import style_sheet
    from pos_app.ui.main_window import MainWindow
    from tests.integration.sync_support import new_central, register, sync

    central = new_central(pg_url)
    demo_app.close()
    register(data_dir, central, capsys)
    sync(data_dir, capsys)
    app = open_app(data_dir)
    window = MainWindow(app)
    window.setStyleSheet(style_sheet())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, app
    window.close()
    app.close()


def _manager(app: Any) -> Any:
    with app.uow() as uow:
        return uow.employees.get("4001").employee


def _ask_online(qtbot: Any, window: Any) -> tuple[Any, Any]:
    unlock, remote = _open_remote(qtbot, window)
    qtbot.waitUntil(lambda: "Waiting for a manager" in remote.status.text(), timeout=10000)
    return unlock, remote


def test_online_a_manager_elsewhere_approves(qtbot: Any, online: Any) -> None:
    window, app = online
    _unlock, remote = _ask_online(qtbot, window)
    assert "expires in 4:" in remote.status.text() or "expires in 5:00" in remote.status.text()
    remote.grab().save(str(SHOTS / "far_waiting.png"))
    # The manager, at another desk (this one stands in for it), approves.
    (request,) = waiting_for(app.desk, _manager(app))
    from pos_app.services.far_approval import answer_remotely

    answer_remotely(app.desk, request, "4001", "4826", approve=True)
    banner = window.counter.banner
    qtbot.waitUntil(lambda: "Done" in banner.text(), timeout=15000)
    assert "approved by Grace Okafor" in banner.text()
    with app.uow() as uow:
        decisions = uow.decisions.for_customer(window.counter.customer_id)
    assert [(d.approver_id, d.amount_minor, d.approval_channel) for d in decisions] == [
        ("4001", 20000, "remote")]


def test_online_a_decline_is_shown_with_its_reason(qtbot: Any, online: Any) -> None:
    window, app = online
    unlock, remote = _ask_online(qtbot, window)
    (request,) = waiting_for(app.desk, _manager(app))
    from pos_app.services.far_approval import answer_remotely

    answer_remotely(app.desk, request, "4001", "4826", approve=False,
                    why="Already refunded at the spa")
    qtbot.waitUntil(lambda: "Declined" in remote.status.text(), timeout=15000)
    assert remote.status.text() == "Declined by Grace Okafor: Already refunded at the spa"
    remote.grab().save(str(SHOTS / "far_declined.png"))
    wait_focus(qtbot, remote.close_button)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: unlock.far_dialog is None, timeout=5000)
    assert unlock.isVisible()
    with app.uow() as uow:
        assert uow.decisions.for_customer(window.counter.customer_id) == []


def test_online_esc_withdraws_the_request(qtbot: Any, online: Any) -> None:
    window, app = online
    unlock, remote = _ask_online(qtbot, window)
    request_id = remote.request.id
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: unlock.far_dialog is None, timeout=8000)
    with app.uow() as uow:
        assert uow.far_approvals.get(request_id).state == "withdrawn"
    assert waiting_for(app.desk, _manager(app)) == []
    assert unlock.isVisible()


def test_online_the_manager_sees_waiting_requests_and_answers_them(
        qtbot: Any, online: Any) -> None:
    window, app = online
    ask = _refund_ask("C100005")
    first = ask_remotely(app.desk, ask)  # from another desk, as far as 4001 can tell
    second = ask_remotely(app.desk, _refund_ask("C100005", "250"))
    sign_in(qtbot, window, "4001", "4826")
    open_guest(qtbot, window)
    guest = window.counter.customer_id
    far = window.far
    qtbot.waitUntil(far.waiting_button.isVisible, timeout=10000)
    assert far.waiting_button.text() == "2 approvals waiting"
    assert far.waiting_button.accessibleName() == "2 approvals waiting"
    window.grab().save(str(SHOTS / "far_status.png"))
    back_at_window(qtbot, window)
    press(qtbot, Qt.Key.Key_W, CTRL | SHIFT)
    qtbot.waitUntil(lambda: far.waiting_dialog is not None
                    and far.waiting_dialog.table.rowCount() == 2, timeout=10000)
    dialog = far.waiting_dialog
    wait_focus(qtbot, dialog.table)
    cells = [dialog.table.item(0, c).text() for c in range(7)]
    assert cells[:5] == ["James White", "Refund", "$200.00", "Maya Lindqvist", "test-desk"]
    dialog.grab().save(str(SHOTS / "far_list.png"))
    # Approve the first: Enter on the row, the PIN, Enter.
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, dialog.pin)
    type_text(qtbot, "4826")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Sent: approved"), timeout=10000)
    progress = collect_answer(app.desk, first.id)
    assert progress.state == "approved" and progress.outcome is not None
    assert progress.outcome.decision.approval_channel == "remote"
    # Decline the other: a reason is required.
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    dialog.table.selectRow(0)
    dialog.pin.setFocus()
    type_text(qtbot, "4826")
    press(qtbot, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: "Say why" in dialog.message.text(), timeout=5000)
    wait_focus(qtbot, dialog.why)
    type_text(qtbot, "Refunded at the spa already")
    dialog.pin.setFocus()
    type_text(qtbot, "4826")
    dialog.why.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Sent: declined"), timeout=10000)
    progress = collect_answer(app.desk, second.id)
    assert (progress.state, progress.why) == ("declined", "Refunded at the spa already")
    qtbot.waitUntil(lambda: not far.waiting_button.isVisible(), timeout=15000)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: far.waiting_dialog is None, timeout=5000)
    assert window.counter.customer_id == guest  # the counter kept its guest
    # Locking stops the poll.
    back_at_window(qtbot, window)
    press(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: not far.timer.isActive(), timeout=5000)
    assert not far.answer_button.isVisible()


def test_the_review_window_shows_requests_waiting_and_opens_them(
        qtbot: Any, online: Any) -> None:
    window, app = online
    ask_remotely(app.desk, _refund_ask("C100005"))
    sign_in(qtbot, window, "4001", "4826")
    open_guest(qtbot, window)
    far = window.far
    qtbot.waitUntil(far.waiting_button.isVisible, timeout=10000)
    back_at_window(qtbot, window)
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.review is not None and window.review.isVisible(),
                    timeout=10000)
    review = window.review
    qtbot.waitUntil(review.waiting_button.isVisible, timeout=10000)
    assert review.waiting_button.text() == "1 approval waiting"
    assert review.waiting_button.accessibleName() == "1 approval waiting"
    qtbot.mouseClick(review.waiting_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: far.waiting_dialog is not None
                    and far.waiting_dialog.table.rowCount() == 1, timeout=10000)
    far.waiting_dialog.reject()
    qtbot.waitUntil(lambda: far.waiting_dialog is None, timeout=5000)
