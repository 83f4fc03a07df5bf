"""Deciding a recovery: judge the request, record the decision, its event and outbox row.

The desktop client's buttons and ``leeway decide`` both end here. Within authority the
decision is written in the caller's unit of work (decision + event + outbox in one
transaction); otherwise nothing is written and the verdict says why.

Whose limits a decision uses: an approved decision is held by its approver (their shift
cap, not the requester's); only discretionary action kinds spend the guest's goodwill
budget; an approval that lifted the budget is recorded as an override. The
decision.recorded payload carries what the central database needs to derive the same
figures: ``discretionary``, ``override`` and the reason's root-cause ``category``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from pos_app.domain.clock import utcnow
from pos_app.domain.engine import Context, Outcome, RecoveryRequest, Verdict, evaluate
from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.events import uuid7
from pos_app.domain.messages import Message, tier_words
from pos_app.domain.money import Money
from pos_app.domain.people import Customer, Employee
from pos_app.domain.policy import Policy
from pos_app.domain.text import clean_free_text, ident, quoted
from pos_app.i18n import N_, _
from pos_app.services.ports import DecisionRecord, UnitOfWork

MAX_NOTE = 2000


@dataclass(frozen=True)
class Headroom:
    """What an employee may still grant to a customer, shown before any click."""

    per_action: dict[str, Money]  # this employee's own limit per enabled action kind
    shift_left: Money  # under their shift cap, less what they hold (approvals included)
    customer_budget_left: Money
    customer_actions: int


@dataclass(frozen=True)
class DecisionResult:
    verdict: Verdict
    decision: DecisionRecord | None = None
    approver_name: str = ""  # for the screen, when a manager unlocked it

    @property
    def recorded(self) -> bool:
        return self.decision is not None


def context_for(uow: UnitOfWork, policy: Policy, employee_id: str, customer_id: str,
                now: datetime | None = None, approver_id: str | None = None) -> Context:
    """What the engine judges against, in one query; with ``approver_id``, also what the
    approver already holds in their shift window (an approved amount is theirs)."""
    now = now or utcnow()
    totals = uow.decisions.totals(
        employee_id, customer_id, now - timedelta(hours=policy.shift_hours),
        now - timedelta(days=policy.budget_days), now - timedelta(days=policy.frequency_days),
        approver_id)
    cur = policy.currency
    return Context(shift_granted=Money(totals.shift, cur),
                   customer_granted=Money(totals.budget, cur),
                   customer_actions=totals.actions,
                   approver_shift_granted=(None if totals.approver_shift is None
                                           else Money(totals.approver_shift, cur)))


def headroom(uow: UnitOfWork, policy: Policy, employee: Employee, customer_id: str
             ) -> Headroom:
    ctx = context_for(uow, policy, employee.id, customer_id)
    cur = policy.currency
    zero = Money.zero(cur)
    cap = policy.limits[employee.tier].shift_cap
    return Headroom(
        per_action={a.key: policy.limit(employee.tier, a.key) for a in policy.enabled_actions()},
        shift_left=max(cap - ctx.shift_granted, zero) if cap >= ctx.shift_granted else zero,
        customer_budget_left=(policy.customer_budget - ctx.customer_granted
                              if policy.customer_budget >= ctx.customer_granted else zero),
        customer_actions=ctx.customer_actions,
    )


_NO_ACTIVE = {
    "requester": N_("No active employee with ID {id} (requester)."),
    "approver": N_("No active employee with ID {id} (approver)."),
}


def _employee(uow: UnitOfWork, employee_id: str, what: str) -> Employee:
    record = uow.employees.get(employee_id)
    if record is None or not record.employee.active:
        raise NotFound(_(_NO_ACTIVE[what]).format(id=ident(employee_id)))
    return record.employee


def customer_or_fail(uow: UnitOfWork, customer_id: str) -> Customer:
    customer = uow.customers.get(customer_id)
    if customer is None:
        raise NotFound(_("No customer with ID {id}.").format(id=ident(customer_id)))
    return customer


def check_request(uow: UnitOfWork, policy: Policy, *, employee_id: str, customer_id: str,
                  action: str, reason: str, note: str = "", approver_id: str | None = None
                  ) -> str:
    """The checks that need no PIN (run them before asking for one); returns the note.

    Raises :class:`NotFound` or :class:`InvalidInput`; writes nothing.
    """
    customer_or_fail(uow, customer_id)
    if action not in policy.actions:
        raise InvalidInput(_("Unknown action {action} (actions: {actions}).").format(
            action=quoted(action), actions=", ".join(policy.actions)))
    if reason not in policy.reasons:
        raise InvalidInput(_("Unknown reason code {reason} (reasons: {reasons}).").format(
            reason=quoted(reason), reasons=", ".join(policy.reasons)))
    note = clean_free_text(note)  # control characters and terminal escapes dropped
    if len(note) > MAX_NOTE:
        raise InvalidInput(_("The note is too long (at most {limit} characters).").format(
            limit=MAX_NOTE))
    if approver_id is not None and approver_id == employee_id:
        raise InvalidInput(_("The approver cannot be the person asking for the approval."))
    return note


def decide(
    uow: UnitOfWork,
    policy: Policy,
    *,
    employee_id: str,
    customer_id: str,
    action: str,
    amount: Money,
    reason: str,
    note: str = "",
    approver_id: str | None = None,
    now: datetime | None = None,
    central_online: bool = False,
    via_referral: bool = False,
    approval_channel: str | None = None,
) -> DecisionResult:
    """Judge and, when allowed, record one recovery decision; the caller commits.

    Authentication of the employee and the approver happens before this call; here
    the approver's *tier* is what counts under the approval ladder.
    """
    if via_referral:
        # The requester may work at another desk (known here only as an inactive
        # record pulled by sync); the decision is theirs, approved by whoever decides.
        requester = uow.employees.get(employee_id)
        if requester is None:
            raise NotFound(_("No employee with ID {id} (requester).").format(
                id=ident(employee_id)))
        employee = requester.employee
    else:
        employee = _employee(uow, employee_id, "requester")
    note = check_request(uow, policy, employee_id=employee_id, customer_id=customer_id,
                         action=action, reason=reason, note=note, approver_id=approver_id)
    approver_tier = None
    if approver_id is not None:
        approver_tier = _employee(uow, approver_id, "approver").tier

    request = RecoveryRequest(action, amount, reason, employee.tier, note)
    ctx = context_for(uow, policy, employee_id, customer_id, now, approver_id)
    verdict = evaluate(policy, request, ctx, approver_tier=approver_tier,
                       via_referral=via_referral)
    if verdict.outcome is not Outcome.ALLOWED:
        return DecisionResult(verdict)
    kind = policy.actions[action]
    exception = override = False
    if uow.allowances.enabled():
        blocked, exception, override = _within_allowances(
            uow, policy, employee, approver_tier, approver_id, customer_id, amount,
            kind.discretionary and not verdict.override, central_online)
        if blocked is not None:
            return DecisionResult(blocked)
    if override:
        verdict = replace(verdict, override=True)

    decision_id = str(uuid7())
    payload: dict[str, object] = {
        "decision_id": decision_id,
        "customer_id": customer_id,
        "action": action,
        "amount_minor": amount.minor,
        "currency": amount.currency,
        "reason": reason,
        "category": policy.reasons[reason].category,
        "note": note,
        "policy_version": policy.version,
        "discretionary": kind.discretionary,
        "override": verdict.override,
    }
    if exception:
        payload["allowance_exception"] = True
    channel = None
    if approver_id is not None:  # desk, remote, telephone, or referral (decided later)
        channel = approval_channel or ("referral" if via_referral else "desk")
        payload["approval_channel"] = channel
    event = uow.events.append("decision.recorded", payload, actor=employee_id,
                              approver=approver_id)
    record = DecisionRecord(
        id=decision_id,
        customer_id=customer_id,
        employee_id=employee_id,
        approver_id=approver_id,
        action=action,
        amount_minor=amount.minor,
        currency=amount.currency,
        reason=reason,
        note=note,
        discretionary=kind.discretionary,
        policy_version=policy.version,
        decided_at=now or utcnow(),
        event_id=event.id,
        override=verdict.override,
        approval_channel=channel,
    )
    uow.decisions.add(record)
    if uow.allowances.enabled():
        # As the central database counts them: the guest's budget is spent by
        # discretionary grants that were not overrides, a shift cap by its holder.
        if kind.discretionary and not verdict.override:
            uow.allowances.spend("customer", customer_id, amount.minor)
        uow.allowances.spend("employee", record.authority_holder, amount.minor)
    return DecisionResult(verdict, record)


def _within_allowances(uow: UnitOfWork, policy: Policy, employee: Employee,
                       approver_tier: str | None, approver_id: str | None,
                       customer_id: str, amount: Money, spends_budget: bool,
                       central_online: bool) -> tuple[Verdict | None, bool, bool]:
    """What this desk holds decides (escrow): (a verdict that stops it, exception, override).

    Beyond the guest's allowance only the policy's override tier may approve, and the
    decision is then an override (or the policy refuses): a manager below it can never
    push a guest past the budget, online or offline. Beyond the shift allowance of whoever
    holds the decision, a tier above the requester approves as an audited exception.
    """
    money = amount.currency
    if spends_budget:
        left = uow.allowances.left("customer", customer_id)
        if amount.minor > left:
            override_tier = policy.budget_override_tier
            where = "online" if central_online else "offline"
            if policy.offline_beyond_allowance == "refuse" or override_tier is None:
                return Verdict(Outcome.REFUSED, (Message.of(
                    f"allowance.customer_refused_{where}", left=Money(left, money)),)), \
                    False, False
            reason = Message.of(f"allowance.customer_short_{where}", left=Money(left, money),
                                tier=tier_words(override_tier))
            approver = policy.limits.get(approver_tier or "")
            if (approver is None or not approver.can_approve
                    or approver.rank < policy.rank(override_tier)):
                return Verdict(Outcome.NEEDS_APPROVAL, (reason,), override_tier), False, False
            return None, True, True
    holder = approver_id or employee.id
    left = uow.allowances.left("employee", holder)
    if amount.minor <= left:
        return None, False, False
    if approver_id is not None:
        return None, True, False  # the approver's own authority, beyond what is held here
    short = Message.of("allowance.employee_short", left=Money(left, money))
    above = policy.approvers_at_or_above(policy.rank(employee.tier) + 1)
    if policy.offline_beyond_allowance == "refuse" or not above:
        return Verdict(Outcome.REFUSED, (short,)), False, False
    return Verdict(Outcome.NEEDS_APPROVAL, (short,), above[0].tier), False, False
