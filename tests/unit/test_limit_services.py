"""Limit semantics through the desk's acts, over the in-memory unit of work.

What a manager expects, each as one act at the counter: an amount they approve is theirs
to hold (their shift headroom goes down, the associate's does not); a correction spends
none of the guest's goodwill budget; lifting a guest's budget is recorded as an override,
with what the central database derives its figures from. The last test runs the port's
``totals`` on the fake and on a real SQLite store alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pos_app.domain.engine import Outcome
from pos_app.domain.events import uuid7
from pos_app.domain.money import Money
from pos_app.domain.people import Customer, Employee
from pos_app.services.approvals import ApprovalRefused
from pos_app.services.desk import Desk
from pos_app.services.granting import (
    RecoveryAsk,
    decide_referral,
    grant_recovery,
    refer_for_later,
    unlock_and_grant,
)
from pos_app.services.ports import DecisionRecord, DecisionTotals, UnitOfWork, UnitOfWorkFactory
from pos_app.services.recovery import Headroom, headroom
from tests.unit.fakes import FakeUnitOfWorkFactory
from tests.unit.test_services import FakeCentral, ask, make_desk

ASSOCIATE = Employee("1001", "Maya Lindqvist", "associate")
MANAGER = Employee("4001", "Grace Okafor", "manager")
GM = Employee("5001", "Henrik Sørensen", "general_manager")


def correction(amount: str, employee: str = "1001", customer: str = "C1") -> RecoveryAsk:
    """A refund of a billing error: not discretionary in the demo policy."""
    return RecoveryAsk(employee, customer, "refund", amount, "billing_error", "charged twice")


def room(desk: Desk, employee: Employee, customer: str = "C1") -> Headroom:
    with desk.uows() as uow:
        return headroom(uow, desk.policy(), employee, customer)


def recorded_payload(uows: FakeUnitOfWorkFactory) -> dict[str, Any]:
    with uows() as uow:
        (last,) = [e for e in uow.events.ordered() if e.type == "decision.recorded"][-1:]
    return last.payload_dict()


def test_a_managers_unlock_is_held_by_the_manager_not_the_associate() -> None:
    desk, uows = make_desk()
    associate, manager = room(desk, ASSOCIATE), room(desk, MANAGER)
    outcome = unlock_and_grant(desk, ask("refund", "400.00", note="charged twice"),
                               "4001", "4826")
    assert outcome.recorded and outcome.decision is not None
    assert outcome.decision.authority_holder == "4001"
    assert room(desk, ASSOCIATE).shift_left == associate.shift_left == Money.of("300", "USD")
    assert room(desk, MANAGER).shift_left == manager.shift_left - Money.of("400", "USD")
    # The associate can still grant their whole own shift cap on their own.
    assert grant_recovery(desk, ask("refund", "150.00", note="x")).recorded
    assert grant_recovery(desk, ask("refund", "150.00", note="y")).recorded


def test_a_referral_approved_later_is_held_by_the_general_manager() -> None:
    desk, _uows = make_desk()
    referral = refer_for_later(desk, ask("goodwill_credit", "1500.00", note="flooded"))
    before = room(desk, ASSOCIATE), room(desk, GM)
    outcome = decide_referral(desk, GM, referral.id, approve=True)
    assert outcome is not None and outcome.decision is not None
    assert room(desk, ASSOCIATE).shift_left == before[0].shift_left
    assert room(desk, GM).shift_left == before[1].shift_left - Money.of("1500", "USD")


def test_an_approver_without_shift_headroom_cannot_take_it_on() -> None:
    desk, uows = make_desk()
    # The manager grants $4,700 of their own (five guests' refunds) this shift...
    with uows(write=True) as uow:
        uow.customers.add_many([Customer(f"G{i}", "Guest") for i in range(5)])
        uow.commit()
    for i, amount in enumerate(("1000", "1000", "1000", "1000", "700")):
        assert grant_recovery(desk, correction(amount, employee="4001",
                                               customer=f"G{i}")).recorded
    assert room(desk, MANAGER).shift_left == Money.of("300", "USD")
    # ...so they cannot take on the associate's $400 refund; a general manager can.
    with pytest.raises(ApprovalRefused, match="approving manager's shift cap"):
        unlock_and_grant(desk, ask("refund", "400.00", note="charged twice"), "4001", "4826")
    with uows() as uow:
        types = [e.type for e in uow.events.ordered()]
        assert uow.decisions.for_customer("C1") == []
    assert types[-1] == "approval.declined"
    assert unlock_and_grant(desk, ask("refund", "400.00", note="charged twice"),
                            "5001", "5937").recorded
    assert room(desk, ASSOCIATE).shift_left == Money.of("300", "USD")


def test_a_correction_spends_no_goodwill_budget_and_is_not_routine() -> None:
    desk, uows = make_desk()
    before = room(desk, ASSOCIATE)
    for _ in range(4):  # more than the frequency rule's three discretionary actions
        outcome = grant_recovery(desk, correction("50.00"))
        assert outcome.recorded
    after = room(desk, ASSOCIATE)
    assert after.customer_budget_left == before.customer_budget_left
    assert after.customer_actions == before.customer_actions == 0
    assert after.shift_left == before.shift_left - Money.of("200", "USD")
    payload = recorded_payload(uows)
    assert payload["discretionary"] is False and payload["override"] is False
    assert payload["category"] == "billing"


def test_a_correction_goes_ahead_when_the_guests_budget_is_spent() -> None:
    desk, _uows = make_desk()
    assert grant_recovery(desk, ask("goodwill_credit", "2000.00", note="flood",
                                    employee="5001")).recorded
    assert room(desk, ASSOCIATE).customer_budget_left == Money.zero("USD")
    assert grant_recovery(desk, correction("80.00")).recorded
    needs = grant_recovery(desk, ask("goodwill_credit", "20.00"))
    assert needs.verdict.outcome is Outcome.NEEDS_APPROVAL
    assert needs.verdict.approver_tier == "general_manager"


def test_lifting_a_guests_budget_is_recorded_as_an_override() -> None:
    desk, uows = make_desk()
    assert grant_recovery(desk, ask("goodwill_credit", "1990.00", note="flood",
                                    employee="5001")).recorded
    first = recorded_payload(uows)
    assert first["override"] is False and first["discretionary"] is True
    assert first["category"] == "operations"
    outcome = unlock_and_grant(desk, ask("goodwill_credit", "20.00"), "5001", "5937")
    assert outcome.recorded and outcome.decision is not None
    assert outcome.decision.override is True
    payload = recorded_payload(uows)
    assert payload["override"] is True and payload["discretionary"] is True
    assert payload["category"] == "operations"
    assert {"decision_id", "customer_id", "action", "amount_minor", "currency", "reason",
            "note", "policy_version"} <= set(payload)
    # A manager's unlock within the budget is an approval, not an override.
    plain = unlock_and_grant(desk, correction("400.00"), "4001", "4826")
    assert plain.decision is not None and plain.decision.override is False
    assert recorded_payload(uows)["override"] is False


def test_with_allowances_a_decision_spends_what_central_will_count() -> None:
    """The guest's allowance is spent by discretionary grants that are not overrides, the
    shift allowance by the decision's authority holder (as the central database counts)."""
    desk, uows = make_desk(FakeCentral(online=True))
    with uows(write=True) as uow:
        uow.allowances.set_enabled(True)
        for scope, key in (("customer", "C1"), ("employee", "1001"), ("employee", "4001")):
            uow.allowances.grant(scope, key, 100_000)
        uow.commit()

    def left() -> tuple[int, int, int]:
        with uows() as uow:
            return (uow.allowances.left("customer", "C1"),
                    uow.allowances.left("employee", "1001"),
                    uow.allowances.left("employee", "4001"))

    assert grant_recovery(desk, ask("goodwill_credit", "20.00")).recorded
    assert left() == (98_000, 98_000, 100_000)
    assert grant_recovery(desk, correction("30.00")).recorded
    assert left() == (98_000, 95_000, 100_000)
    approved = unlock_and_grant(desk, correction("400.00"), "4001",
                                "4826")
    assert approved.recorded
    assert left() == (98_000, 95_000, 60_000)
    assert "allowance_exception" not in recorded_payload(uows)


# --- the port, on both stores ------------------------------------------------------------

NOW = datetime(2024, 6, 1, 12, 0)
SHIFT_SINCE = NOW - timedelta(hours=8)
BUDGET_SINCE = NOW - timedelta(days=30)
FREQUENCY_SINCE = NOW - timedelta(days=7)


@pytest.fixture(params=["fake", "sqlite"])
def both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    if request.param == "fake":
        uows: UnitOfWorkFactory = FakeUnitOfWorkFactory(terminal_id=None)
        close = None
    else:
        from pos_app.adapters.db.engine import open_database
        from pos_app.adapters.db.uow import SqlUnitOfWorkFactory

        db = open_database(tmp_path / "store.sqlite3")
        uows, close = SqlUnitOfWorkFactory(db), db.dispose
    with uows(write=True) as uow:
        uow.terminals.create("desk-1", "Test Hotel", "en_US", "US")
        for emp, tier in (("E1", "associate"), ("M1", "manager"), ("G1", "general_manager")):
            uow.employees.add(Employee(emp, emp, tier), "hash")
        uow.customers.add_many([Customer("C1", "Ada"), Customer("C2", "Bob")])
        uow.commit()
    yield uows
    if close is not None:
        close()


def _record(uow: UnitOfWork, employee: str, customer: str, amount: int, at: datetime,
            approver: str | None = None, discretionary: bool = True,
            override: bool = False) -> DecisionRecord:
    event = uow.events.append("decision.recorded", {"amount_minor": amount,
                                                    "override": override},
                              actor=employee, approver=approver)
    record = DecisionRecord(str(uuid7()), customer, employee, approver, "fee_waiver", amount,
                            "USD", "service_delay", "", discretionary, "v1", at, event.id,
                            override)
    uow.decisions.add(record)
    return record


def test_totals_sum_each_shift_by_its_authority_holder(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow:
        _record(uow, "E1", "C1", 1000, NOW - timedelta(hours=1))  # E1's own
        _record(uow, "E1", "C1", 40000, NOW - timedelta(hours=2), approver="M1")
        _record(uow, "E1", "C2", 500, SHIFT_SINCE, approver="M1")  # on the boundary
        _record(uow, "E1", "C2", 700, SHIFT_SINCE - timedelta(microseconds=1),
                approver="M1")  # before the shift: counts for the budget only
        _record(uow, "M1", "C1", 2000, NOW - timedelta(hours=3))  # M1's own
        _record(uow, "E1", "C1", 300, NOW - timedelta(hours=1), approver="G1",
                override=True)
        _record(uow, "E1", "C1", 9000, NOW - timedelta(hours=1), approver="M1",
                discretionary=False)  # a correction: no budget, no action
        uow.commit()

    with both() as uow:
        totals = uow.decisions.totals("E1", "C1", SHIFT_SINCE, BUDGET_SINCE, FREQUENCY_SINCE)
        assert totals == DecisionTotals(1000, 43300, 4, None)
        assert uow.decisions.totals("E1", "C1", SHIFT_SINCE, BUDGET_SINCE, FREQUENCY_SINCE,
                                    approver_id="M1") == (1000, 43300, 4, 51500)
        assert uow.decisions.totals("M1", "C2", SHIFT_SINCE, BUDGET_SINCE, FREQUENCY_SINCE,
                                    approver_id="G1") == (51500, 1200, 2, 300)
        assert uow.decisions.totals("G1", "C9", SHIFT_SINCE, BUDGET_SINCE, FREQUENCY_SINCE,
                                    approver_id="E9") == (300, 0, 0, 0)
        overrides = {d.amount_minor: d.override for d in uow.decisions.for_customer("C1")}
        assert overrides == {1000: False, 40000: False, 2000: False, 300: True, 9000: False}
        assert [d.override for d in uow.decisions.since(None)].count(True) == 1
