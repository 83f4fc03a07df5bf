"""The counter as a tired associate uses it on a small till: nothing clipped, nothing
stale, nothing off screen.

Each test drives the real main window; "fits" means a label is at least as tall as its
wrapped text needs at its width, a column at least as wide as its longest text, and
the window inside the screen's available area.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel

from tests.ui.helpers import search_and_open, sign_in

TILL = QRect(0, 0, 1024, 600)


def _on_till(qtbot: Any, window: Any) -> None:
    """The window as a 1024x600 till shows it."""
    from pos_app.ui.screen import fit_into

    window.showNormal()
    fit_into(window, TILL)
    qtbot.waitUntil(lambda: window.frameGeometry() == TILL, timeout=5000)


def _signed_in(qtbot: Any, window: Any, employee_id: str = "1001", pin: str = "2580"
               ) -> None:
    sign_in(qtbot, window, employee_id, pin)
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)


def _shows_all_of(label: QLabel) -> bool:
    return (label.isVisible() and label.height() >= label.heightForWidth(label.width())
            and label.parentWidget().rect().contains(label.geometry()))


def _edit(qtbot: Any, window: Any, field: str, text: str) -> Any:
    edit = window.counter.card.fields[field]
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    return edit


# --- screens ---------------------------------------------------------------------------


def test_the_window_opens_inside_the_screens_available_area(qtbot: Any, window: Any
                                                            ) -> None:
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())
    assert window.minimumWidth() <= area.width()
    assert window.minimumHeight() <= area.height()
    # A till of 1024x600 less its taskbar is never smaller than the window's minimum.
    assert window.minimumWidth() <= 1024 and window.minimumHeight() <= 600 - 40


def test_the_counter_fits_a_1024x600_till(qtbot: Any, window: Any) -> None:
    _on_till(qtbot, window)
    _signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    qtbot.waitUntil(lambda: window.counter.history.rowCount() == 0
                    or window.counter.history.isVisible(), timeout=5000)
    assert TILL.contains(window.frameGeometry())
    hint = window.minimumSizeHint()
    assert hint.width() <= TILL.width() and hint.height() <= TILL.height()
    # The fields scroll rather than being squeezed over each other.
    card = window.counter.card
    rows = [card.fields[f].geometry() for f in ("given_name", "phone", "email")]
    assert all(r.height() >= card.fields["phone"].sizeHint().height() for r in rows)
    assert rows[0].bottom() < rows[1].top() < rows[1].bottom() < rows[2].top()


def test_the_name_column_shows_the_whole_searched_name_without_a_scrollbar(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    _on_till(qtbot, window)
    _signed_in(qtbot, window)
    view = window.counter.search.view
    header = view.horizontalHeader()
    # An empty list: no horizontal scrollbar, and the room column is in view.
    qtbot.waitUntil(lambda: header.sectionSize(0) > 0, timeout=5000)
    assert not view.horizontalScrollBar().isVisible()
    assert not header.isSectionHidden(1)  # Room
    assert header.length() <= view.viewport().width()
    with demo_app.uow() as uow:
        longest = max((c for c in uow.customers.all()), key=lambda c: len(c.display_name))
    search = window.counter.search
    search.field.insert(longest.display_name)  # as a scanner or IME would (not Latin-1)
    qtbot.waitUntil(lambda: any(search.model.customer_at(r).id == longest.id
                                for r in range(search.model.rowCount())), timeout=5000)
    qtbot.waitUntil(lambda: view.sizeHintForColumn(0) <= header.sectionSize(0), timeout=5000)
    assert header.length() <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()


# --- messages that are true when they show -----------------------------------------------


def test_one_match_is_one_match(qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.services.customers import get_customer

    _signed_in(qtbot, window)
    with demo_app.uow() as uow:
        email = get_customer(uow, "C100007").email
    search = window.counter.search
    qtbot.keyClicks(search.field, email)
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: search.status.text().startswith("1 match;"), timeout=5000)


def test_an_error_replaces_the_saved_message_and_a_valid_value_replaces_the_error(
        qtbot: Any, window: Any) -> None:
    _signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    banner, card = window.counter.banner, window.counter.card
    _edit(qtbot, window, "room", "1201")
    qtbot.waitUntil(lambda: banner.isVisible() and "Saved room" in banner.text(),
                    timeout=5000)
    _edit(qtbot, window, "phone", "12")
    error = card.errors["phone"]
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert "Phone" in error.text()
    assert not banner.isVisible()  # "Saved room." beside a red error would contradict it
    _edit(qtbot, window, "phone", "(415) 730-2211")
    qtbot.waitUntil(lambda: banner.isVisible() and "Saved phone" in banner.text(),
                    timeout=5000)
    assert not error.isVisible()
    assert card.fields["phone"].text() == "(415) 730-2211"


def _still(qtbot: Any, measure: Any) -> Any:
    """What ``measure`` returns once two looks in a row agree (the layout has settled)."""
    seen: list[Any] = [object()]

    def settled() -> bool:
        now = measure()
        same, seen[0] = now == seen[0], now
        return bool(same)

    qtbot.waitUntil(settled, timeout=5000)
    return seen[0]


def _places(card: Any) -> dict[str, QPoint]:
    """Where every field and its label is, in the card."""
    places = {name: edit.mapTo(card, QPoint()) for name, edit in card.fields.items()}
    places |= {f"{name} label": label.mapTo(card, QPoint())
               for name in card.fields
               for label in card.findChildren(QLabel) if label.buddy() is card.fields[name]}
    return places


def test_esc_reverts_the_field_and_clears_only_its_error_and_nothing_moves(
        qtbot: Any, window: Any) -> None:
    _signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    card = window.counter.card
    saved_email = card.fields["email"].text()
    saved_phone = card.fields["phone"].text()
    phone = card.fields["phone"]
    qtbot.mouseClick(phone, Qt.MouseButton.LeftButton)
    places = _still(qtbot, lambda: _places(card))
    phone.selectAll()
    qtbot.keyClicks(phone, "12")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    qtbot.waitUntil(card.errors["phone"].isVisible, timeout=5000)
    # An error never moves a field, or its label, under the pointer.
    assert _still(qtbot, lambda: _places(card)) == places
    email = _edit(qtbot, window, "email", "not an email")
    qtbot.waitUntil(card.errors["email"].isVisible, timeout=5000)
    assert card.errors["phone"].isVisible()  # the phone still holds what was refused
    qtbot.keyClick(email, Qt.Key.Key_Escape)
    assert email.text() == saved_email and email.isReadOnly()
    assert not card.errors["email"].isVisible()
    assert card.errors["phone"].isVisible()
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_Escape)
    assert phone.text() == saved_phone and not card.errors["phone"].isVisible()
    # Typing a new value also clears the reason given for the old one.
    _edit(qtbot, window, "email", "still wrong")
    qtbot.waitUntil(card.errors["email"].isVisible, timeout=5000)
    qtbot.keyClick(email, Qt.Key.Key_Backspace)
    assert not card.errors["email"].isVisible()


def test_the_results_list_shows_a_correction_at_once(qtbot: Any, window: Any) -> None:
    _signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    model = window.counter.search.model
    row = next(r for r in range(model.rowCount())
               if model.customer_at(r).id == window.counter.customer_id)
    _edit(qtbot, window, "phone", "(415) 730-2211")
    qtbot.waitUntil(lambda: model.index(row, 2).data() == "(415) 730-2211", timeout=5000)
    assert "(415) 730-2211" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_the_email_field_shows_the_start_of_the_address(qtbot: Any, window: Any) -> None:
    _on_till(qtbot, window)
    _signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    email = window.counter.card.fields["email"]
    assert email.cursorPosition() == 0
    assert email.text() in email.toolTip()


# --- sign-in and voucher check: sized to their text ----------------------------------------


def test_the_lockout_message_is_shown_whole_and_the_fields_keep_their_height(
        qtbot: Any, window: Any) -> None:
    _on_till(qtbot, window)
    signin = window.signin
    for attempt in range(5):
        sign_in(qtbot, window, "1002", "0000")
        qtbot.waitUntil(lambda: signin.button.isEnabled()
                        and "Checking" not in signin.error.text(), timeout=8000)
        if attempt < 4:
            left = 4 - attempt
            qtbot.waitUntil(lambda left=left: f"{left} attempt" in signin.error.text(),
                            timeout=5000)
        signin.employee_id.clear()
    qtbot.waitUntil(lambda: "locked" in signin.error.text(), timeout=5000)
    # Once laid out: the whole message, and fields that were squeezed to ~16 px.
    qtbot.waitUntil(lambda: _shows_all_of(signin.error) and all(
        edit.height() >= edit.sizeHint().height() for edit in (signin.employee_id, signin.pin)),
        timeout=5000)
    card = QRect(signin.card.mapTo(window, QPoint()), signin.card.size())
    assert window.rect().contains(card)


def test_typing_again_clears_the_sign_in_error(qtbot: Any, window: Any) -> None:
    sign_in(qtbot, window, "1001", "0000")
    qtbot.waitUntil(lambda: "attempts left" in window.signin.error.text(), timeout=8000)
    qtbot.keyClicks(window.signin.pin, "2")
    assert window.signin.error.text() == ""


def test_voucher_check_messages_are_shown_whole(qtbot: Any, window: Any, demo_app: Any
                                                ) -> None:
    from pos_app.services.granting import RecoveryAsk, grant_recovery
    from pos_app.services.voucher_desk import redeem

    outcome = grant_recovery(demo_app.desk, RecoveryAsk(
        "1001", "C100010", "goodwill_credit", "20", "service_delay"))
    assert outcome.voucher is not None
    code = outcome.voucher.code
    redeem(demo_app.desk, "1002", code)
    _on_till(qtbot, window)
    _signed_in(qtbot, window)
    window.open_voucher_check()
    check = window.voucher_check
    qtbot.waitUntil(check.isVisible, timeout=5000)
    mistyped = code[:-1] + ("X" if code[-1] != "X" else "Y")
    qtbot.keyClicks(check.field, mistyped)
    qtbot.keyClick(check.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not add up" in check.outcome.text(), timeout=5000)
    qtbot.waitUntil(lambda: _shows_all_of(check.outcome), timeout=5000)
    check.field.selectAll()
    qtbot.keyClicks(check.field, code)
    assert check.outcome.text() == ""  # the answer was about the code as it was
    qtbot.keyClick(check.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Already redeemed" in check.outcome.text(), timeout=5000)
    qtbot.waitUntil(lambda: _shows_all_of(check.outcome), timeout=5000)
    assert window.screen().availableGeometry().height() >= check.height()


# --- the guest's column on a short till ------------------------------------------------------


def _guest_with_history(qtbot: Any, window: Any, demo_app: Any) -> Any:
    """The first "zo" guest on a 1024x600 till, after three goodwill credits and a
    billing-error refund: four lines of history, and goodwill now needs approval."""
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    _on_till(qtbot, window)
    _signed_in(qtbot, window)
    search_and_open(qtbot, window, "zo")
    counter = window.counter
    asks = [("goodwill_credit", "20", "service_delay")] * 3
    asks.append(("refund", "30", "billing_error"))
    for action, amount, reason in asks:
        outcome = grant_recovery(demo_app.desk, RecoveryAsk(
            "1001", counter.customer_id, action, amount, reason))
        assert outcome.decision is not None
    counter.refresh_customer()
    qtbot.waitUntil(lambda: counter.history.rowCount() >= 4, timeout=5000)
    return counter


def test_a_1024x600_till_shows_four_lines_of_history_and_scrolls_the_rest(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    counter = _guest_with_history(qtbot, window, demo_app)
    history = counter.history
    qtbot.waitUntil(lambda: history.isVisible() and all(
        history.viewport().rect().contains(history.visualRect(history.model().index(r, 1)))
        for r in range(4)), timeout=5000)
    assert TILL.contains(window.frameGeometry())
    # Above the history nothing is squeezed: the card, the outcome and the buttons scroll.
    top = counter.top.widget()
    assert top.height() >= top.sizeHint().height()
    assert all(b.height() >= b.minimumSizeHint().height()
               for b in counter.recovery.buttons.values())
    # Tab from the last field reaches the first button, scrolled into view, and Tab from
    # the last button reaches the history.
    last_field = list(counter.card.fields.values())[-1]
    last_field.setFocus()
    qtbot.keyClick(last_field, Qt.Key.Key_Tab)
    first, *_rest, last = counter.recovery.buttons.values()
    qtbot.waitUntil(first.hasFocus, timeout=5000)
    viewport = counter.top.viewport()
    shown = QRect(first.mapTo(viewport, QPoint()), first.size())
    assert viewport.rect().contains(shown)
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    qtbot.waitUntil(history.hasFocus, timeout=5000)


def test_needs_approval_buttons_leave_the_search_panel_its_share(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    counter = _guest_with_history(qtbot, window, demo_app)
    buttons = counter.recovery.buttons.values()
    qtbot.waitUntil(lambda: any("needs approval" in b.full_text() for b in buttons),
                    timeout=5000)
    splitter = counter.search.parentWidget()
    qtbot.waitUntil(lambda: counter.search.width() >= 0.4 * splitter.width(), timeout=5000)
    assert not counter.search.view.horizontalHeader().isSectionHidden(1)  # Room
    # Only the label gives way: every amount and "needs approval" is shown whole.
    for button in buttons:
        assert button.text().endswith(button.detail)
        assert button.width() >= button.minimumSizeHint().width()
