"""Review figures and patterns, on hand-made decisions (the pure functions the desk's and
head office's reports share)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.patterns import one_reason_patterns, rate_patterns, repeat_credit_patterns
from pos_app.domain.review import (
    DIMENSIONS,
    ReviewDecision,
    came_back,
    places_of,
    recurring_places,
    repeat_guests,
    summarise,
    totals,
    trend,
)

T0 = datetime(2026, 11, 2, 9, 0)


def dec(n: int, *, employee: str = "1001", customer: str = "C1", reason: str = "service_delay",
        action: str = "fee_waiver", amount: int = 1000, at: datetime | None = None,
        note: str = "", room: str = "", voucher: str = "", approver: str | None = None,
        channel: str | None = None, category: str = "service") -> ReviewDecision:
    return ReviewDecision(
        f"d{n}", at or T0 + timedelta(hours=n), "desk-1", employee, f"Name {employee}",
        approver, f"Name {approver}" if approver else "", customer, f"Guest {customer}",
        room, action, reason, category, amount, "USD", note, True, False, False, channel,
        voucher, "v1")


decisions = st.lists(st.builds(
    dec, st.integers(0, 10_000), employee=st.sampled_from(["1001", "1002", "2001"]),
    customer=st.sampled_from(["C1", "C2", "C3"]),
    reason=st.sampled_from(["service_delay", "billing_error"]),
    action=st.sampled_from(["refund", "goodwill_credit"]), amount=st.integers(1, 10**9),
    approver=st.sampled_from([None, "4001"]),
    voucher=st.sampled_from(["", "issued", "redeemed", "expired"])), max_size=60)


@given(decisions, st.sampled_from(DIMENSIONS))
def test_totals_of_any_dimension_add_up_to_the_summary(ds: list[ReviewDecision], by: str
                                                       ) -> None:
    rows = totals(ds, by)
    summary = summarise(ds)
    assert sum(t.count for t in rows) == summary.count == len(ds)
    assert sum(t.amount_minor for t in rows) == summary.amount_minor
    assert len({t.key for t in rows}) == len(rows)


def test_summary_counts_approvals_by_channel_and_vouchers_that_came_back() -> None:
    ds = [dec(1, approver="4001", channel="telephone", voucher="redeemed"),
          dec(2, approver="4001", channel="desk", voucher="issued"),
          dec(3, voucher="expired"), dec(4)]
    s = summarise(ds, referrals=2)
    assert (s.approved, s.by_channel, s.vouchers, s.redeemed, s.referrals) == (
        2, {"telephone": 1, "desk": 1}, 3, 1, 2)
    assert s.came_back_rate == pytest.approx(1 / 3)
    by_employee = came_back(ds, "employee")
    assert [(c.key, c.vouchers, c.redeemed) for c in by_employee] == [("1001", 3, 1)]


def test_days_come_in_order_and_other_dimensions_by_money() -> None:
    ds = [dec(1, amount=500, reason="a", at=T0 + timedelta(days=2)),
          dec(2, amount=9000, reason="b", at=T0),
          dec(3, amount=700, reason="a", at=T0 + timedelta(days=1))]
    assert [t.key for t in totals(ds, "day")] == ["2026-11-02", "2026-11-03", "2026-11-04"]
    assert [(t.key, t.amount_minor) for t in totals(ds, "reason")] == [("b", 9000), ("a", 1200)]
    assert totals(ds, "reason", {"a": "Alpha"}.get)[1].label == "Alpha"
    assert totals([dec(4)], "approver")[0].label == "(none)"
    with pytest.raises(ValueError):
        totals(ds, "colour")


def test_places_come_from_the_room_and_from_the_note() -> None:
    d = dec(1, room="412", note="Shower broken in Room 412; table #7 waited, rm 12b too")
    assert places_of(d) == {"room 412", "table 7", "room 12B"}
    ds = [d, dec(2, room="412"), dec(3, note="aisle 5 spill"), dec(4, room="999")]
    assert [(r.key, r.count) for r in recurring_places(ds)] == [("room 412", 2)]


def test_a_repeat_guest_is_three_recoveries_within_ninety_days() -> None:
    spaced = [dec(i, customer="C1", at=T0 + timedelta(days=50 * i)) for i in range(4)]
    assert repeat_guests(spaced) == []  # never three within 90 days
    close = spaced + [dec(9, customer="C1", at=T0 + timedelta(days=60))]
    hit = repeat_guests(close)
    assert [(r.key, r.count) for r in hit] == [("C1", 3)]
    assert hit[0].label == "Guest C1"


def test_weekly_trend_by_category() -> None:
    ds = [dec(1, category="facility"), dec(2, category="facility",
                                           at=T0 + timedelta(days=7)),
          dec(3, category="billing")]
    assert trend(ds) == {"billing": {"2026-W45": 1},
                         "facility": {"2026-W45": 1, "2026-W46": 1}}


def test_a_rate_well_above_the_median_is_a_pattern_worded_neutrally() -> None:
    ds = []
    for i, emp in enumerate(["1001", "1002", "1003"]):  # 5 decisions over 5 days each
        ds += [dec(100 * i + k, employee=emp, at=T0 + timedelta(days=k)) for k in range(5)]
    ds += [dec(900 + k, employee="2001", at=T0 + timedelta(hours=k)) for k in range(12)]
    found = rate_patterns(ds)
    assert [p.subject_id for p in found] == ["2001"]
    assert found[0].text == ("Name 2001 granted 12.0 discretionary recoveries per day worked;"
                             " the store's median is 1.0.")
    assert rate_patterns(ds[:10]) == []  # fewer than three colleagues to compare with


def test_one_reason_for_most_grants_and_repeated_credits() -> None:
    ds = [dec(k, reason="billing_error") for k in range(4)] + [dec(9, reason="other")]
    assert one_reason_patterns(ds)[0].text == (
        "4 of Name 1001's 5 recoveries give the reason 'billing_error'.")
    assert one_reason_patterns(ds[:4]) == []  # fewer than five: not a pattern yet
    credits = [dec(k, action="goodwill_credit", customer="C7", at=T0 + timedelta(days=10 * k))
               for k in range(3)]
    found = repeat_credit_patterns(credits + [dec(8, action="refund", customer="C7")])
    assert [(p.subject_id, p.count) for p in found] == [("C7", 3)]
    assert "received 3 credits or vouchers within 90 days" in found[0].text


def test_a_vouchers_state_as_the_review_shows_it() -> None:
    from datetime import date

    from pos_app.domain.review import voucher_state

    today = date(2026, 11, 25)
    assert voucher_state(None, None, today) == ""
    assert voucher_state("redeemed", date(2000, 1, 1), today) == "redeemed"
    assert voucher_state("issued", date(2026, 11, 24), today) == "expired"
    assert voucher_state("issued", today, today) == "issued"  # valid through its last day
    assert voucher_state("issued", None, today) == "issued"
