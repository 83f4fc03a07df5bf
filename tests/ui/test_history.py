"""The guest's history as a person reads it: local time, one line per act with where it
stands, a correction's before and after, notes, a voucher's state; nothing cut."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt

from tests.ui.helpers import sign_in

GUEST = "C100010"  # no demo history


@pytest.fixture()
def kolkata(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The desk's zone is UTC+5:30: a time shown in UTC would be off by a half hour."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _open(qtbot: Any, window: Any, customer_id: str = GUEST) -> Any:
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    window.counter.open_customer(customer_id)
    history = window.counter.history
    qtbot.waitUntil(lambda: history.rowCount() > 0, timeout=5000)
    return history


def _texts(history: Any, column: int) -> list[str]:
    return [history.item(r, column).text() for r in range(history.rowCount())]


def _shown_whole(history: Any, row: int, column: int) -> bool:
    """The cell is inside the view's width and tall enough for its wrapped text."""
    index = history.model().index(row, column)
    rect = history.visualRect(index)
    text = history.item(row, column).text()
    needed = history.fontMetrics().boundingRect(
        QRect(0, 0, rect.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, text).height()
    return (not history.isColumnHidden(column) and rect.right() <= history.viewport().width()
            and rect.height() >= needed)


def _refer(app: Any, action: str, amount: str, note: str) -> Any:
    from pos_app.services.granting import RecoveryAsk, refer_for_later

    return refer_for_later(app.desk, RecoveryAsk("1001", GUEST, action, amount,
                                                 "billing_error", note))


def _general_manager(app: Any) -> Any:
    from pos_app.services.staff import staff

    return next(e for e in staff(app.desk) if e.id == "5001")


def test_times_are_in_the_desks_local_zone(qtbot: Any, window: Any, demo_app: Any,
                                           kolkata: None) -> None:
    from pos_app.services.ports import CorrectionRecord

    with demo_app.uow(write=True) as uow:
        event = uow.events.append("contact.corrected", {"customer_id": GUEST,
                                  "field": "room", "before": "", "after": "512"},
                                  actor="1001")
        uow.corrections.add(CorrectionRecord(GUEST, "1001", "room", "", "512",
                                             datetime(2025, 11, 25, 18, 8)), event.id)
        uow.commit()
    history = _open(qtbot, window)
    # On one line or two (compact), with whatever spaces the locale uses.
    when = " ".join(history.item(0, 0).text().replace(",", " ").split())
    assert when == "Nov 25 2025 11:38 PM"  # 18:08 UTC is 23:38 in Kolkata
    assert "UTC" not in when
    assert "11:38 PM" in " ".join(history.item(0, 0).toolTip().split())


def test_a_referral_its_approval_and_the_decision_are_one_line(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.services.granting import decide_referral

    referral = _refer(demo_app, "refund", "2500", "Wedding party billed twice")
    decide_referral(demo_app.desk, _general_manager(demo_app), referral.id, True,
                    "Approved by phone with the guest")
    history = _open(qtbot, window)
    assert history.rowCount() == 1
    assert _texts(history, 1)[0].splitlines()[0] == "Refund: referred → approved → granted"
    assert (history.item(0, 2).text(), history.item(0, 3).text()) == (
        "Maya Lindqvist", "Henrik Sørensen")
    assert history.item(0, 4).text() == "$2,500.00"
    tip = history.item(0, 1).toolTip()
    for step in ("Referred", "Approved", "Granted", "Approved by phone with the guest",
                 "Wedding party billed twice"):
        assert step in tip
    qtbot.waitUntil(lambda: _shown_whole(history, 0, 1), timeout=5000)


def test_a_declined_referral_grants_nothing(qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.services.granting import decide_referral

    referral = _refer(demo_app, "refund", "2500", "Wedding party billed twice")
    decide_referral(demo_app.desk, _general_manager(demo_app), referral.id, False,
                    "Offer a credit instead")
    history = _open(qtbot, window)
    assert history.rowCount() == 1
    what = history.item(0, 1).text()
    assert "declined by Henrik Sørensen" in what and "granted" not in what
    assert history.item(0, 2).text() == "Maya Lindqvist"  # who asked, not who declined
    assert history.item(0, 3).text() == ""  # nobody approved anything
    assert history.item(0, 4).font().strikeOut()  # asked for, never given
    assert "Offer a credit instead" in history.item(0, 1).toolTip()


def test_a_correction_shows_before_and_after_in_full_on_a_till(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.domain.contact import display_phone
    from pos_app.services.customers import get_customer
    from pos_app.ui.screen import fit_into

    window.showNormal()
    fit_into(window, QRect(0, 0, 1024, 600))
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    with demo_app.uow() as uow:
        before = display_phone(get_customer(uow, GUEST).phone)
    window.counter.open_customer(GUEST)
    qtbot.waitUntil(lambda: window.counter.right.currentIndex() == 1, timeout=5000)
    phone = window.counter.card.fields["phone"]
    qtbot.mouseClick(phone, Qt.MouseButton.LeftButton)
    phone.selectAll()
    qtbot.keyClicks(phone, "(415) 730-2211")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    history = window.counter.history
    qtbot.waitUntil(lambda: any("→" in t for t in _texts(history, 1)), timeout=5000)
    row = next(r for r, t in enumerate(_texts(history, 1)) if "→" in t)
    assert history.item(row, 1).text().splitlines()[0] == (
        f"Phone corrected: {before} → (415) 730-2211")
    qtbot.waitUntil(lambda: _shown_whole(history, row, 1), timeout=5000)
    assert not history.horizontalScrollBar().isVisible()


def test_notes_show_on_a_wide_screen_and_vouchers_say_where_they_stand(
        qtbot: Any, window: Any, demo_app: Any) -> None:
    from pos_app.services.granting import RecoveryAsk, grant_recovery
    from pos_app.services.voucher_desk import redeem
    from pos_app.ui.screen import fit_into

    outcome = grant_recovery(demo_app.desk, RecoveryAsk(
        "1001", GUEST, "goodwill_credit", "20", "service_delay", "Cold room"))
    assert outcome.voucher is not None
    redeem(demo_app.desk, "1002", outcome.voucher.code)
    window.showNormal()
    fit_into(window, QRect(0, 0, 2560, 1440))
    history = _open(qtbot, window)
    qtbot.waitUntil(lambda: not history.compact, timeout=5000)
    assert history.rowCount() == 1  # the credit and its voucher are one act
    headline, details = history.item(0, 1).text().splitlines()
    assert headline == f"Goodwill credit · voucher {outcome.voucher.code} redeemed"
    assert details == "“Cold room”"
    assert history.item(0, 0).data(Qt.ItemDataRole.UserRole) == outcome.voucher.serial
    assert "Voucher redeemed" in history.item(0, 0).toolTip()


def test_a_voucher_past_its_last_day_reads_expired(demo_app: Any) -> None:
    from pos_app.services.customers import acts, customer_history
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    outcome = grant_recovery(demo_app.desk, RecoveryAsk(
        "1001", GUEST, "goodwill_credit", "20", "service_delay"))
    assert outcome.voucher is not None
    last_day = outcome.voucher.expires_on
    with demo_app.uow() as uow:
        (valid,) = acts(customer_history(uow, GUEST, today=last_day))
        (expired,) = acts(customer_history(uow, GUEST, today=last_day + timedelta(days=1)))
    assert (valid.kind, valid.voucher_state) == ("grant", "issued")
    assert expired.voucher_state == "expired"
    assert [s.state for s in expired.steps] == ["granted", "issued"]
