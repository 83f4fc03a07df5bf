"""The policy what-if: past decisions replayed under a candidate policy, by example.

Candidates are the demo policy with a value or two replaced, and the histories are
written out by hand, so each example reads as the story a manager would tell. The
properties are in ``test_whatif_properties.py``.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pos_app.domain.errors import PolicyError
from pos_app.domain.money import Money
from pos_app.domain.policy import Policy, parse_policy
from pos_app.domain.review import ReviewDecision
from pos_app.domain.whatif import WhatIf, replay
from pos_app.services.whatif import policy_whatif

DEFAULT_TOML = (Path(__file__).resolve().parents[2] / "resources" / "policies"
                / "default.toml").read_text(encoding="utf-8")
DEFAULT = parse_policy(DEFAULT_TOML)
STAFF = {"A1": "associate", "A2": "associate", "S1": "senior", "V1": "supervisor",
         "M1": "manager", "G1": "general_manager"}
T0 = datetime(2026, 3, 2, 9, 0)  # naive UTC, as the desk's store hands decisions back


def candidate(*replacements: tuple[str, str]) -> str:
    """The demo policy's text with each ``(old, new)`` replaced exactly once."""
    text = DEFAULT_TOML
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def policy(*replacements: tuple[str, str]) -> Policy:
    return parse_policy(candidate(*replacements))


def decision(n: int, at: datetime, *, employee: str = "A1", action: str = "goodwill_credit",
             amount: str = "20.00", customer: str = "C1", approver: str | None = None,
             reason: str = "service_delay", note: str = "noted", currency: str = "USD",
             channel: str | None = None) -> ReviewDecision:
    return ReviewDecision(
        id=f"D{n}", decided_at=at, terminal_id="T1", employee_id=employee, employee_name="",
        approver_id=approver, approver_name="", customer_id=customer, customer_name="",
        room="", action=action, reason=reason, category="", note=note,
        amount_minor=Money.of(amount, "USD").minor, currency=currency,
        discretionary=action != "refund",
        channel=channel or ("desk" if approver else None))


def hours(h: float) -> datetime:
    return T0 + timedelta(hours=h)


def afters(result: WhatIf) -> dict[str, str]:
    return {c.decision_id: c.after for c in result.changes}


# --- (1) the same policy changes nothing ------------------------------------------------


def test_replaying_under_the_policy_in_force_changes_nothing() -> None:
    decisions = [
        decision(1, hours(0), action="fee_waiver", amount="40.00"),
        decision(2, hours(1), employee="A2", customer="C2", amount="20.00"),
        decision(3, hours(2), employee="S1", action="refund", amount="35.50",
                 reason="billing_error"),
        decision(4, hours(3), action="discount_voucher", amount="25.00", customer="C3"),
        decision(5, hours(4), employee="V1", action="refund", amount="120.00",
                 reason="billing_error", customer="C4"),
        decision(6, hours(5), action="goodwill_credit", amount="400.00", approver="M1"),
    ]
    result = replay(DEFAULT, decisions, STAFF)
    assert result.changes == []
    assert (result.allowed, result.approved_as_before, result.refused) == (5, 1, 0)
    assert result.needs_approval == {}
    assert result.allowed_minor == 4000 + 2000 + 3550 + 2500 + 12000
    assert result.approved_as_before_minor == 40000
    assert (result.total, result.currency) == (6, "USD")


# --- (2) a lower own limit --------------------------------------------------------------

LOWER_REFUND = ('refund = "150.00", goodwill_credit = "50.00"',
                'refund = "50.00", goodwill_credit = "50.00"')


def test_a_lower_refund_limit_sends_an_associates_refunds_to_a_supervisor() -> None:
    decisions = [
        decision(1, hours(0), action="refund", amount="80.00", reason="billing_error"),
        decision(2, hours(1), employee="A2", action="refund", amount="100.00",
                 reason="billing_error", customer="C2"),
        decision(3, hours(2), action="refund", amount="30.00", reason="billing_error"),
        decision(4, hours(3), employee="S1", action="refund", amount="100.00",
                 reason="billing_error"),
    ]
    result = replay(policy(LOWER_REFUND), decisions, STAFF)
    # Seniors cannot approve, so the ladder's first rung above an associate is supervisor.
    assert result.needs_approval == {"supervisor": 2}
    assert result.needs_approval_minor == {"supervisor": 18000}
    assert (result.allowed, result.allowed_minor) == (2, 13000)
    assert [(c.decision_id, c.before, c.after) for c in result.changes] == [
        ("D1", "allowed", "needs approval from supervisor"),
        ("D2", "allowed", "needs approval from supervisor"),
    ]
    assert result.changes[0].why == "$80.00 is over your $50.00 limit for a refund."
    assert result.changes[0].explain("en_US") == result.changes[0].why


# --- (3) an approval that still covers it -----------------------------------------------


def test_a_managers_approval_stands_while_the_managers_tier_still_covers_it() -> None:
    decisions = [decision(1, hours(0), amount="400.00", approver="M1"),
                 decision(2, hours(1), amount="200.00", approver="V1", customer="C2")]
    # Stricter for associates: the manager's $750 and the supervisor's $250 still cover.
    result = replay(policy(LOWER_REFUND, ('goodwill_credit = "50.00", discount_voucher',
                                          'goodwill_credit = "10.00", discount_voucher')),
                    decisions, STAFF)
    assert (result.approved_as_before, result.approved_as_before_minor) == (2, 60000)
    assert result.changes == []


def test_an_approval_the_candidate_puts_out_of_the_approvers_reach_is_a_change() -> None:
    lower_manager = ('goodwill_credit = "750.00"', 'goodwill_credit = "300.00"')
    decisions = [decision(1, hours(0), amount="400.00", approver="M1")]
    result = replay(policy(lower_manager), decisions, STAFF)
    assert result.needs_approval == {"general_manager": 1}
    [change] = result.changes
    assert (change.before, change.after) == ("approved by manager",
                                              "needs approval from general_manager")
    assert change.why.startswith("$400.00 is over your $50.00 limit for a goodwill credit.")


def test_an_approval_no_longer_needed_is_a_change_to_allowed() -> None:
    higher = ('goodwill_credit = "50.00", discount_voucher = "50.00", fee_waiver = "75.00"',
              'goodwill_credit = "100.00", discount_voucher = "50.00", fee_waiver = "75.00"')
    result = replay(policy(higher), [decision(1, hours(0), amount="80.00", approver="V1")],
                    STAFF)
    assert result.allowed == 1
    assert [(c.before, c.after, c.why) for c in result.changes] == [
        ("approved by supervisor", "allowed", "")]


# --- (4) the shift cap, as a running total ----------------------------------------------


def test_the_shift_cap_counts_what_went_through_and_resets_after_the_shift() -> None:
    refunds = [decision(n, hours(n - 1), action="refund", amount="100.00",
                        reason="billing_error", customer=f"C{n}") for n in range(1, 6)]
    later = [
        # Exactly 8 hours after the first: the first still counts (the desk's ">=").
        decision(6, hours(8), action="refund", amount="100.00", reason="billing_error"),
        # A second later it has left the shift window: $200 held, $100 more fits.
        decision(7, hours(8) + timedelta(seconds=1), action="refund", amount="100.00",
                 reason="billing_error"),
    ]
    result = replay(DEFAULT, refunds + later, STAFF)  # the demo's $300 cap for associates
    assert afters(result) == {"D4": "needs approval from supervisor",
                              "D5": "needs approval from supervisor",
                              "D6": "needs approval from supervisor"}
    assert result.needs_approval_minor == {"supervisor": 30000}
    assert (result.allowed, result.allowed_minor) == (4, 40000)
    assert result.changes[0].why == "This would pass your shift cap; you have $0.00 left."


def test_an_approved_amount_is_held_by_its_approver() -> None:
    tight = policy(('shift_cap = "600.00"', 'shift_cap = "300.00"'),
                   ('shift_cap = "1500.00"', 'shift_cap = "300.00"'))
    over = [decision(n, hours(0) + timedelta(minutes=n), action="refund", amount="100.00",
                     reason="billing_error", customer=f"C{n}") for n in range(1, 4)]
    approved = [decision(n, hours(1) + timedelta(minutes=n), action="refund",
                         amount="100.00", reason="billing_error", approver="V1")
                for n in range(4, 7)]
    own = decision(7, hours(2), employee="V1", action="refund", amount="100.00",
                   reason="billing_error")
    result = replay(tight, over + approved + [own], STAFF)
    # A1's cap is full after three; V1 approves three more and then holds $300 of $300.
    assert (result.allowed, result.approved_as_before) == (3, 3)
    assert afters(result) == {"D7": "needs approval from manager"}


def test_an_approver_out_of_headroom_needs_a_tier_above_them() -> None:
    tight = policy(('shift_cap = "600.00"', 'shift_cap = "300.00"'),
                   ('shift_cap = "1500.00"', 'shift_cap = "300.00"'))
    own = [decision(n, hours(0) + timedelta(minutes=n), employee="V1", action="refund",
                    amount="100.00", reason="billing_error", customer=f"C{n}")
           for n in range(1, 4)]
    asked = decision(4, hours(1), amount="200.00", approver="V1")
    result = replay(tight, [*own, asked], STAFF)
    [change] = result.changes
    assert (change.before, change.after) == ("approved by supervisor",
                                              "needs approval from manager")
    assert "approving supervisor's shift cap; they have $0.00 left" in change.why


# --- (5) the guest's budget -------------------------------------------------------------

LOW_BUDGET = ('amount = "2000.00"', 'amount = "100.00"')


def budget_story() -> list[ReviewDecision]:
    return [
        decision(1, hours(0), amount="40.00"),
        decision(2, hours(1), action="fee_waiver", amount="50.00"),
        decision(3, hours(2), action="refund", amount="70.00", reason="billing_error"),
        decision(4, hours(3), amount="20.00"),
    ]


def test_a_lower_budget_sends_later_credits_to_the_override_tier() -> None:
    result = replay(policy(LOW_BUDGET), budget_story(), STAFF)
    # The refund is a correction: it spends none of the $100 and passes itself.
    assert afters(result) == {"D4": "needs approval from general_manager"}
    assert result.allowed == 3
    assert result.changes[0].why == (
        "This guest has $10.00 left of their $100.00 goodwill budget for 365 days.")


def test_without_an_override_tier_the_budget_refuses() -> None:
    no_override = ('override_tier = "general_manager"\n', "")
    result = replay(policy(LOW_BUDGET, no_override), budget_story(), STAFF)
    assert afters(result) == {"D4": "refused"}
    assert (result.refused, result.refused_minor) == (1, 2000)


def test_the_candidates_own_flags_decide_what_spends_the_budget() -> None:
    refund_a_favour = ("discretionary = false   # giving back what was wrongly charged is"
                       " not a favour\n", "")
    budget = ('amount = "2000.00"', 'amount = "200.00"')
    # $40 + $50 of favours, the $70 refund (recorded as a correction), then $50 more.
    stories = [*budget_story()[:3], decision(4, hours(3), amount="50.00")]
    assert not stories[2].discretionary
    assert replay(policy(budget), stories, STAFF).changes == []
    result = replay(policy(budget, refund_a_favour), stories, STAFF)
    # Under the candidate the refund is a favour: it spends $70 of the $200.
    assert afters(result) == {"D4": "needs approval from general_manager"}
    assert "has $40.00 left of their $200.00" in result.changes[0].why


def test_an_override_lifts_the_budget_without_spending_it() -> None:
    roomy = ("max_actions = 3 ", "max_actions = 9 ")  # keep the frequency rule out of it
    decisions = [*budget_story()[:2],
                 decision(3, hours(2), amount="30.00", approver="G1"),  # past $100
                 decision(4, hours(3), amount="10.00")]  # $90 + $10: within the budget
    result = replay(policy(LOW_BUDGET, roomy), decisions, STAFF)
    assert (result.allowed, result.approved_as_before, result.changes) == (3, 1, [])


def test_the_frequency_rule_counts_what_went_through() -> None:
    decisions = [decision(n, hours(n), amount="10.00") for n in range(1, 6)]
    decisions[3] = dataclasses.replace(decisions[3], approver_id="V1", channel="desk")
    result = replay(DEFAULT, decisions, STAFF)
    # The 4th discretionary action was approved by a supervisor as the rule asks; the
    # 5th had no approver, and the guest has had four.
    assert result.approved_as_before == 1
    [change] = result.changes
    assert (change.decision_id, change.after) == ("D5", "needs approval from supervisor")
    assert "already had 4 recovery actions in the last 90 days" in change.why


# --- (6) what the candidate does not know -----------------------------------------------


def test_a_disabled_action_is_refused_with_the_engines_reason() -> None:
    off = ('label = "Fee waiver"\n', 'label = "Fee waiver"\nenabled = false\n')
    result = replay(policy(off), budget_story(), STAFF)
    assert afters(result) == {"D2": "refused"}
    assert result.changes[0].why == "Fee waiver is switched off at this store."
    assert (result.refused_minor, result.allowed) == (5000, 3)


def test_an_unknown_reason_or_currency_is_refused() -> None:
    decisions = [decision(1, hours(0), reason="gone"),
                 decision(2, hours(1), currency="EUR"),
                 decision(3, hours(2), amount="0.00")]
    result = replay(DEFAULT, decisions, STAFF)
    assert [c.why for c in result.changes] == [
        "'gone' is not a reason code in this policy.",
        "This desk grants in USD, not EUR.",
        "The amount must be more than zero.",
    ]
    assert result.refused == 3


def test_an_unknown_requester_is_judged_at_the_lowest_tier() -> None:
    decisions = [decision(1, hours(0), employee="X9", amount="60.00"),
                 decision(2, hours(0), employee="S1", amount="60.00")]
    result = replay(DEFAULT, decisions, STAFF)
    assert afters(result) == {"D1": "needs approval from supervisor"}


def test_an_approver_of_unknown_tier_covers_nothing() -> None:
    result = replay(DEFAULT, [decision(1, hours(0), amount="400.00", approver="X9")], STAFF)
    [change] = result.changes
    assert (change.before, change.after) == ("approved by an unknown tier",
                                              "needs approval from manager")


def test_a_referral_is_judged_as_one() -> None:
    referred = decision(1, hours(0), action="refund", amount="3000.00",
                        reason="billing_error", approver="G1", channel="referral")
    assert replay(DEFAULT, [referred], STAFF).approved_as_before == 1
    at_the_desk = dataclasses.replace(referred, channel="desk")
    [change] = replay(DEFAULT, [at_the_desk], STAFF).changes
    assert change.after == "needs approval from general_manager"
    assert "referred to a general manager" in change.why


def test_decisions_are_replayed_oldest_first_whatever_the_order_given() -> None:
    refunds = [decision(n, hours(n), action="refund", amount="100.00",
                        reason="billing_error") for n in range(1, 5)]
    result = replay(DEFAULT, list(reversed(refunds)), STAFF)
    assert afters(result) == {"D4": "needs approval from supervisor"}


def test_the_service_parses_the_candidate_and_lets_a_bad_one_through() -> None:
    result = policy_whatif(candidate(LOWER_REFUND), [
        decision(1, hours(0), action="refund", amount="80.00", reason="billing_error")],
        STAFF)
    assert result.needs_approval == {"supervisor": 1}
    with pytest.raises(PolicyError, match="shift_cap"):
        policy_whatif(candidate(('shift_cap = "300.00"', 'shift_cap = "-1"')), [], STAFF)
