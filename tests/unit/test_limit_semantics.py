"""Whose limits an amount uses, as a manager would expect, property-tested.

- A decision's authority holder is its approver when approved, else its employee; a
  shift cap bounds what its holder holds. An approval never uses up the requester's
  own shift headroom; it uses the approver's, which must have room for it.
- A correction (an action kind with ``discretionary = false``) spends none of the
  guest's goodwill budget and does not count towards the frequency rule.
- An approval that lifted the guest's budget is flagged as an override, always, and
  nothing else is.

First on the engine alone (pure ledgers), then through ``recovery.decide`` over the
in-memory unit of work, so the figures come from the real ``Decisions.totals`` and
``context_for`` and the flags from the recorded decision and its event.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, assume, given, note, settings, target
from hypothesis import strategies as st

from pos_app.domain.clock import utcnow
from pos_app.domain.engine import Context, Outcome, RecoveryRequest, evaluate
from pos_app.domain.events import uuid7
from pos_app.domain.money import Money
from pos_app.domain.people import Customer, Employee
from pos_app.domain.policy import ACTION_KINDS, Policy
from pos_app.services.ports import DecisionRecord
from pos_app.services.recovery import context_for, decide, headroom
from tests.unit.fakes import FakeUnitOfWork, FakeUnitOfWorkFactory
from tests.unit.test_engine import DEFAULT, REASONS, cases, policies

PROPERTY = settings(max_examples=250, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
SEQUENCES = settings(max_examples=120, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])
EMPLOYEES = 4
CUSTOMERS = 2

# (employee, customer, action, amount in minor units, note, approver or None)
Step = tuple[int, int, str, int, str, int | None]


@st.composite
def sessions(draw: st.DrawFn) -> tuple[Policy, list[str], list[Step]]:
    """A policy (the demo's half the time, so approvals are common), four employees of
    drawn tiers, and a sequence of requests, each with an approver or not."""
    policy = draw(st.one_of(st.just(DEFAULT), policies()))
    staff = draw(st.lists(st.sampled_from(policy.tiers), min_size=EMPLOYEES,
                          max_size=EMPLOYEES))
    if draw(st.booleans()):  # someone who may lift a guest's budget is on duty
        staff[-1] = policy.tiers[-1]
    steps = draw(st.lists(
        st.tuples(
            st.integers(0, EMPLOYEES - 1),
            st.integers(0, CUSTOMERS - 1),
            st.sampled_from(ACTION_KINDS),
            st.one_of(st.integers(1, 60_000), st.integers(1, 400_000)),
            st.sampled_from(("", "noted")),
            st.one_of(st.none(), st.just(EMPLOYEES - 1), st.integers(0, EMPLOYEES - 1)),
        ),
        min_size=1, max_size=30))
    return policy, staff, steps


def _over_budget(policy: Policy, request: RecoveryRequest, context: Context) -> bool:
    return (policy.actions[request.action].discretionary
            and context.customer_granted + request.amount > policy.customer_budget)


# --- the engine alone -------------------------------------------------------------------


@SEQUENCES
@given(sessions())
def test_no_sequence_with_approvals_passes_a_holders_cap_or_the_budget(
    session: tuple[Policy, list[str], list[Step]],
) -> None:
    """Ledgers kept by authority holder: every cap holds for whoever holds the amounts,
    and a guest's discretionary total passes the budget only by what was overridden."""
    policy, staff, steps = session
    held = [Money.zero()] * EMPLOYEES
    granted = [Money.zero()] * CUSTOMERS
    overridden = [Money.zero()] * CUSTOMERS
    actions = [0] * CUSTOMERS
    approved = overrides = 0
    for employee, customer, action, minor, text, approver in steps:
        if approver == employee:
            continue
        request = RecoveryRequest(action, Money(minor), "service_delay", staff[employee], text)
        context = Context(held[employee], granted[customer], actions[customer],
                          None if approver is None else held[approver])
        verdict = evaluate(policy, request, context,
                           approver_tier=None if approver is None else staff[approver])
        if not verdict.allowed:
            continue
        holder = employee if approver is None else approver
        before = held[employee]
        held[holder] += request.amount
        if approver is not None:
            approved += 1
            assert held[employee] == before  # the requester's own headroom is untouched
        assert held[holder] <= policy.limits[staff[holder]].shift_cap
        if policy.actions[action].discretionary:
            granted[customer] += request.amount
            actions[customer] += 1
            if verdict.override:
                overrides += 1
                overridden[customer] += request.amount
        else:
            assert not verdict.override
        assert granted[customer] <= policy.customer_budget + overridden[customer]
    for person, tier in enumerate(staff):
        assert held[person] <= policy.limits[tier].shift_cap
    target(float(approved), label="approved decisions")
    target(float(overrides), label="overrides")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.data())
def test_a_correction_is_judged_the_same_whatever_the_guest_has_had(
    case: tuple[Policy, RecoveryRequest, Context], data: st.DataObject,
) -> None:
    policy, request, context = case
    assume(not policy.actions[request.action].discretionary)
    other = dataclasses.replace(
        context,
        customer_granted=Money(data.draw(st.integers(0, 3_000_000))),
        customer_actions=data.draw(st.integers(0, 2_000)))
    for approver in (None, *policy.tiers):
        first = evaluate(policy, request, context, approver_tier=approver)
        second = evaluate(policy, request, other, approver_tier=approver)
        assert first == second
        assert not first.override


@PROPERTY
@given(cases())
def test_an_approval_that_passed_the_budget_is_always_an_override(
    case: tuple[Policy, RecoveryRequest, Context],
) -> None:
    policy, request, context = case
    assert not evaluate(policy, request, context).override  # no approver, no override
    over = _over_budget(policy, request, context)
    for approver in policy.tiers:
        for via_referral in (False, True):
            verdict = evaluate(policy, request, context, approver_tier=approver,
                               via_referral=via_referral)
            note(f"approver={approver} referral={via_referral} verdict={verdict}")
            assert verdict.override == (verdict.allowed and over)
            if verdict.override:
                assert policy.budget_override_tier is not None
                assert policy.rank(approver) >= policy.rank(policy.budget_override_tier)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.integers(0, 3_000_000))
def test_once_a_tier_above_approves_the_requesters_own_shift_total_is_irrelevant(
    case: tuple[Policy, RecoveryRequest, Context], shift: int,
) -> None:
    """Going over one's own cap asks for a tier above; that tier's approval is then judged
    on the approver's headroom, whatever the requester already holds."""
    policy, request, context = case
    above = policy.approvers_at_or_above(policy.rank(request.requester_tier) + 1)
    assume(above)
    other = dataclasses.replace(context, shift_granted=Money(shift))
    for approver in above:
        first = evaluate(policy, request, context, approver_tier=approver.tier)
        second = evaluate(policy, request, other, approver_tier=approver.tier)
        assert first.allowed == second.allowed


# --- through decide, over the in-memory unit of work ---------------------------------------


def _store(policy: Policy, staff: list[str], history: tuple[int, ...] = ()
           ) -> FakeUnitOfWorkFactory:
    """Staff and guests; ``history`` is what each guest was granted two days ago (inside
    the budget window, outside every shift), so budgets start part-spent."""
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow:
        for i, tier in enumerate(staff):
            uow.employees.add(Employee(f"E{i}", f"Person {i}", tier), "hash")
        uow.customers.add_many([Customer(f"C{i}", f"Guest {i}") for i in range(CUSTOMERS)])
        for i, minor in enumerate(history):
            if minor:
                event = uow.events.append("decision.recorded", {"amount_minor": minor},
                                          actor="E0")
                uow.decisions.add(DecisionRecord(
                    str(uuid7()), f"C{i}", "E0", None, "goodwill_credit", minor, "USD",
                    "service_delay", "", True, policy.version,
                    utcnow() - timedelta(days=2), event.id))
        uow.commit()
    return uows


def _payload(uow: FakeUnitOfWork, event_id: str) -> dict[str, Any]:
    (event,) = [e for e in uow.events.ordered() if e.id == event_id]
    data: dict[str, Any] = json.loads(event.payload)
    return data


@SEQUENCES
@given(sessions(), st.data())
def test_recorded_decisions_keep_the_limit_semantics(
    session: tuple[Policy, list[str], list[Step]], data: st.DataObject,
) -> None:
    """For any sequence of decisions, as recorded: an approved one never reduces the
    requester's own shift headroom (the approver's goes down by the amount); a
    correction never reduces the guest's goodwill budget; an approval that passed the
    budget is flagged override on the record and in its event, and nothing else is."""
    policy, staff, steps = session
    reasons = [data.draw(st.sampled_from(REASONS)) for _ in steps]
    history = tuple(data.draw(st.one_of(st.just(0), st.integers(0, policy.customer_budget.minor)))
                    for _ in range(CUSTOMERS))
    people = [Employee(f"E{i}", f"Person {i}", tier) for i, tier in enumerate(staff)]
    uows = _store(policy, staff, history)
    recorded = approved = overrides = 0
    with uows(write=True) as uow:
        for (employee, customer, action, minor, text, approver), reason in zip(
                steps, reasons, strict=True):
            if approver == employee:
                continue
            emp, cust = f"E{employee}", f"C{customer}"
            appr = None if approver is None else f"E{approver}"
            before = context_for(uow, policy, emp, cust, approver_id=appr)
            own_before = headroom(uow, policy, people[employee], cust)
            result = decide(uow, policy, employee_id=emp, customer_id=cust, action=action,
                            amount=Money(minor), reason=reason, note=text, approver_id=appr)
            record = result.decision
            if record is None:
                continue
            recorded += 1
            after = context_for(uow, policy, emp, cust, approver_id=appr)
            own_after = headroom(uow, policy, people[employee], cust)
            amount = Money(minor)
            kind = policy.actions[action]
            if appr is None:
                assert after.shift_granted == before.shift_granted + amount
            else:
                approved += 1
                assert after.shift_granted == before.shift_granted
                assert own_after.shift_left == own_before.shift_left
                assert before.approver_shift_granted is not None
                assert after.approver_shift_granted == before.approver_shift_granted + amount
                assert approver is not None
                cap = policy.limits[staff[approver]].shift_cap
                assert after.approver_shift_granted <= cap
            if kind.discretionary:
                assert after.customer_granted == before.customer_granted + amount
                assert after.customer_actions == before.customer_actions + 1
            else:
                assert after.customer_granted == before.customer_granted
                assert after.customer_actions == before.customer_actions
                assert own_after.customer_budget_left == own_before.customer_budget_left
            over = (appr is not None and kind.discretionary
                    and before.customer_granted + amount > policy.customer_budget)
            payload = _payload(uow, record.event_id)
            assert record.override is over and payload["override"] is over
            overrides += over
            assert payload["discretionary"] is kind.discretionary
            assert payload["category"] == policy.reasons[reason].category
        for i, tier in enumerate(staff):
            ctx = context_for(uow, policy, f"E{i}", "C0")
            assert ctx.shift_granted <= policy.limits[tier].shift_cap
    target(float(approved), label="approved decisions")
    target(float(recorded), label="recorded decisions")
    target(float(overrides), label="overrides")


def test_an_approved_decision_really_is_held_by_its_approver() -> None:
    """A worked example of the ledger the properties above check, with the demo policy."""
    uows = _store(DEFAULT, ["associate", "manager"])
    with uows(write=True) as uow:
        result = decide(uow, DEFAULT, employee_id="E0", customer_id="C0", action="refund",
                        amount=Money.of("400.00", "USD"), reason="billing_error",
                        note="charged twice", approver_id="E1")
        assert result.verdict.outcome is Outcome.ALLOWED and result.decision is not None
        assert result.decision.authority_holder == "E1"
        assert context_for(uow, DEFAULT, "E0", "C0").shift_granted == Money.zero()
        assert context_for(uow, DEFAULT, "E1", "C0").shift_granted == Money(40000)
