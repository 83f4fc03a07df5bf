"""The policy what-if over a real demo desk: its recorded history, its stored policy and
its staff's tiers, read through the SQLite store."""

from __future__ import annotations

from typing import Any

from pos_app.domain.review import ReviewDecision
from pos_app.services.demo import DEMO_STAFF
from pos_app.services.ports import DecisionRecord
from pos_app.services.whatif import policy_whatif, tiers_of_staff

ASSOCIATE_LIMITS = ('per_action = { refund = "150.00", goodwill_credit = "50.00",'
                    ' discount_voucher = "50.00", fee_waiver = "75.00", replacement = "100.00" }')
PENNY_LIMITS = ('per_action = { refund = "0.01", goodwill_credit = "0.01",'
                ' discount_voucher = "0.01", fee_waiver = "0.01", replacement = "0.01" }')


def reviewed(r: DecisionRecord) -> ReviewDecision:
    """A stored decision as the review rows carry it (names left empty)."""
    return ReviewDecision(
        id=r.id, decided_at=r.decided_at, terminal_id="", employee_id=r.employee_id,
        employee_name="", approver_id=r.approver_id, approver_name="",
        customer_id=r.customer_id, customer_name="", room="", action=r.action,
        reason=r.reason, category="", amount_minor=r.amount_minor, currency=r.currency,
        note=r.note, discretionary=r.discretionary, override=r.override,
        channel=r.approval_channel, policy_version=r.policy_version)


def desk_history(app: Any) -> tuple[list[ReviewDecision], str]:
    with app.uow() as uow:
        records = uow.decisions.since(None)
        stored = uow.policies.current()
    assert stored is not None
    return [reviewed(r) for r in records], stored[1]


def test_the_staffs_tiers_come_from_the_desk(demo_copy: Any) -> None:
    assert tiers_of_staff(demo_copy.desk) == {e: tier for e, _, tier, _ in DEMO_STAFF}


def test_the_demo_history_replays_unchanged_under_the_desks_own_policy(
        demo_copy: Any) -> None:
    decisions, document = desk_history(demo_copy)
    assert decisions and all(d.approver_id is None for d in decisions)
    result = policy_whatif(document, decisions, tiers_of_staff(demo_copy.desk))
    # Only the gaps between decisions matter, never the wall clock at replay time.
    assert (result.total, result.total_minor) == (
        len(decisions), sum(d.amount_minor for d in decisions))
    assert result.changes == []
    assert result.allowed == len(decisions)


def test_penny_limits_send_every_associates_own_decision_for_approval(
        demo_copy: Any) -> None:
    decisions, document = desk_history(demo_copy)
    assert document.count(ASSOCIATE_LIMITS) == 1
    tiers = tiers_of_staff(demo_copy.desk)
    result = policy_whatif(document.replace(ASSOCIATE_LIMITS, PENNY_LIMITS), decisions, tiers)
    associates = {d.id for d in decisions
                  if tiers[d.employee_id] == "associate" and d.approver_id is None}
    assert associates  # the demo's history has some
    assert {c.decision_id: c.after for c in result.changes} == dict.fromkeys(
        associates, "needs approval from supervisor")
    assert all(c.before == "allowed" and "limit for a" in c.why for c in result.changes)
    assert result.needs_approval == {"supervisor": len(associates)}
    assert result.allowed == len(decisions) - len(associates)
