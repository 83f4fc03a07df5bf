"""Granting a recovery: the acts at the counter that spend goodwill.

Each function is one act a person performs and owns its transaction: grant within
authority, unlock and grant with a manager's PIN, refer for later, decide a referral.
A grant whose action yields a voucher issues that voucher in the *same* transaction,
always, so no credit is ever recorded without its voucher; printing or saving it is a
separate, repeatable step (:mod:`pos_app.services.voucher_desk`). The command line
and the windows call these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from pos_app.domain.engine import Verdict
from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.domain.text import ident
from pos_app.i18n import _
from pos_app.services.approvals import (
    ApprovalRefused,
    RequestDetails,
    approve_as,
    decide_with_grant,
    record_declined,
    refer,
    referrals_for,
    resolve_referral,
)
from pos_app.services.desk import Desk
from pos_app.services.ports import (
    DecisionRecord,
    FarApprovalRecord,
    ReferralRecord,
    UnitOfWork,
    VoucherRecord,
)
from pos_app.services.recovery import DecisionResult, check_request, decide
from pos_app.services.staff import verify_pin
from pos_app.services.vouchers import issue_voucher


@dataclass(frozen=True)
class RecoveryAsk:
    """What the associate asks for, as typed at the desk or on the command line."""

    employee_id: str
    customer_id: str
    action: str
    amount: str  # as typed, in the desk's locale
    reason: str
    note: str = ""
    apology: str | None = None  # the voucher's apology line; None: the reason's own


@dataclass(frozen=True)
class GrantOutcome:
    """The verdict, and what was recorded: the decision and, where it yields one, its
    voucher (both committed together, or neither)."""

    verdict: Verdict
    amount: Money
    policy_version: str
    decision: DecisionRecord | None = None
    voucher: VoucherRecord | None = None
    approver_name: str = ""

    @property
    def recorded(self) -> bool:
        return self.decision is not None


def parse_amount(desk: Desk, policy: Policy, text: str) -> Money:
    amount = Money.parse(text, policy.currency, desk.locale)
    if amount.minor <= 0:
        raise InvalidInput(_("The amount must be more than zero."))
    return amount


def check_ask(desk: Desk, ask: RecoveryAsk, approver_id: str | None = None) -> Money:
    """Every check that needs no PIN (run it before asking for one); writes nothing."""
    policy = desk.policy()
    amount = parse_amount(desk, policy, ask.amount)
    with desk.uows() as uow:
        check_request(uow, policy, employee_id=ask.employee_id, customer_id=ask.customer_id,
                      action=ask.action, reason=ask.reason, note=ask.note,
                      approver_id=approver_id)
    return amount


def _details(ask: RecoveryAsk, amount: Money) -> RequestDetails:
    return RequestDetails(ask.employee_id, ask.customer_id, ask.action, amount, ask.reason,
                          ask.note)


def _asks_central(desk: Desk) -> bool:
    """Whether a decision here asks the central database first: registered, and the
    last sync reached it."""
    return desk.central.configured() and desk.central.last_known_online()


def _top_up(desk: Desk, policy: Policy, holder_id: str, customer_id: str,
            amount: Money) -> bool:
    """Online, hold enough allowance before deciding (escrow): the guest's budget and the
    shift of whoever will hold the decision (the approver, when there is one). Skipped
    when the desk is local-only or the last sync found central unreachable, so a lost
    network never slows the counter down; the decision then spends only what the desk
    holds. Returns whether the central database was reachable (for the wording)."""
    central = desk.central
    if not _asks_central(desk):
        return False
    with desk.uows() as uow:
        record = uow.employees.get(holder_id)
    if record is None or record.employee.tier not in policy.limits:
        return central.last_known_online()
    central.top_up("customer", customer_id, amount.minor, policy.customer_budget.minor,
                   timedelta(days=policy.budget_days))
    central.top_up("employee", holder_id, amount.minor,
                   policy.limits[record.employee.tier].shift_cap.minor,
                   timedelta(hours=policy.shift_hours))
    return central.last_known_online()  # a failed top-up marks the desk offline


def _with_voucher(desk: Desk, uow: UnitOfWork, policy: Policy, result: DecisionResult,
                  apology: str | None) -> VoucherRecord | None:
    decision = result.decision
    if decision is None or not policy.actions[decision.action].yields_voucher:
        return None
    return issue_voucher(uow, policy, desk.signer(), decision, apology, desk.locale)


def _outcome(policy: Policy, amount: Money, result: DecisionResult,
             voucher: VoucherRecord | None) -> GrantOutcome:
    return GrantOutcome(result.verdict, amount, policy.version, result.decision, voucher,
                        result.approver_name)


def grant_recovery(desk: Desk, ask: RecoveryAsk) -> GrantOutcome:
    """Judge and, when within authority, record the decision and its voucher.

    The policy is read in the decision's own write transaction (its version, one indexed
    look-up; parsed only when it changed), so the decision is judged by the policy in
    force when it is recorded, in one transaction and no separate read. Only a desk that
    will ask the central database for allowance first reads it before, for the top-up.
    """
    online = False
    if _asks_central(desk):
        policy = desk.policy()
        online = _top_up(desk, policy, ask.employee_id, ask.customer_id,
                         parse_amount(desk, policy, ask.amount))
    with desk.uows(write=True) as uow:
        policy = desk.policies.current(uow)
        amount = parse_amount(desk, policy, ask.amount)
        result = decide(uow, policy, employee_id=ask.employee_id,
                        customer_id=ask.customer_id, action=ask.action, amount=amount,
                        reason=ask.reason, note=ask.note, central_online=online)
        voucher = _with_voucher(desk, uow, policy, result, ask.apology)
        if result.recorded:
            uow.commit()
    return _outcome(policy, amount, result, voucher)


def unlock_and_grant(desk: Desk, ask: RecoveryAsk, approver_id: str, approver_pin: str
                     ) -> GrantOutcome:
    """A manager at this desk unlocks exactly this one action with their ID and PIN.

    The PIN check is committed on its own (a wrong PIN counts towards the approver's
    lockout and stays audited, whatever happens next); an approver who may not approve
    this request is recorded as ``approval.declined``. Raises
    :class:`AuthenticationFailed` or :class:`ApprovalRefused`.
    """
    if approver_id.strip() == ask.employee_id:
        raise ApprovalRefused(_("The approver cannot be the person asking for the approval."))
    policy = desk.policy()
    amount = parse_amount(desk, policy, ask.amount)
    approver = verify_pin(desk, approver_id, approver_pin, purpose="approval")
    req = _details(ask, amount)
    online = _top_up(desk, policy, approver.id, ask.customer_id, amount)
    with desk.uows(write=True) as uow:
        try:
            grant = approve_as(uow, policy, req, approver, desk.locale)
        except ApprovalRefused as exc:
            refused = exc
        else:
            result = decide_with_grant(uow, policy, req, grant, desk.locale, online)
            voucher = _with_voucher(desk, uow, policy, result, ask.apology)
            if result.recorded:
                uow.commit()
            outcome = _outcome(policy, amount, result, voucher)
            return GrantOutcome(outcome.verdict, amount, policy.version, outcome.decision,
                                voucher, approver.name)
    with desk.uows(write=True) as uow:
        record_declined(uow, req, approver.id, str(refused))
        uow.commit()
    raise refused


def grant_far_request(desk: Desk, request: FarApprovalRecord, approver: Employee,
                      channel: str, answered_at: str | None = None) -> GrantOutcome:
    """Grant exactly the request a manager elsewhere answered (the answer already
    checked): their tier is judged as for an unlock at the desk, the decision records
    the channel, and the request is closed in the same transaction, so one answer
    unlocks one action. Raises :class:`ApprovalRefused` (recorded) or
    :class:`InvalidInput` when the request was used meanwhile."""
    policy = desk.policy()
    amount = Money(request.amount_minor, request.currency)
    req = RequestDetails(request.requester_id, request.customer_id, request.action, amount,
                         request.reason, request.note)
    online = _top_up(desk, policy, approver.id, request.customer_id, amount)
    with desk.uows(write=True) as uow:
        try:
            grant = approve_as(uow, policy, req, approver, desk.locale, channel, answered_at)
        except ApprovalRefused as exc:
            refused = exc
        else:
            result = decide_with_grant(uow, policy, req, grant, desk.locale, online, channel)
            voucher = _with_voucher(desk, uow, policy, result, None)
            if result.decision is not None:  # else nothing is kept; the request stays open
                if not uow.far_approvals.close(request.id, "approved", approver.id,
                                               result.decision.id, ""):
                    raise InvalidInput(
                        _("This approval was already used; each covers one action."))
                uow.commit()
            return GrantOutcome(result.verdict, amount, policy.version, result.decision,
                                voucher, approver.name)
    with desk.uows(write=True) as uow:
        # Closed by this refusal, or meanwhile by an answer that did grant: then nothing
        # is recorded on top of that grant.
        if uow.far_approvals.close(request.id, "declined", approver.id, None, str(refused)):
            record_declined(uow, req, approver.id, str(refused))
            uow.commit()
    raise refused


def refer_for_later(desk: Desk, ask: RecoveryAsk) -> ReferralRecord:
    """Record an over-authority request as pending, for a higher tier to decide."""
    policy = desk.policy()
    amount = parse_amount(desk, policy, ask.amount)
    with desk.uows(write=True) as uow:
        referral = refer(uow, policy, _details(ask, amount), desk.locale)
        uow.commit()
    return referral


@dataclass(frozen=True)
class ReferralView:
    referral: ReferralRecord
    customer_name: str
    requester_name: str
    # False when the viewer may only see it: it needs a higher tier, or it is their own.
    can_decide: bool = True


def _view(uow: UnitOfWork, r: ReferralRecord, can_decide: bool) -> ReferralView:
    customer = uow.customers.get(r.customer_id)
    requester = uow.employees.get(r.requester_id)
    return ReferralView(r, customer.display_name if customer else r.customer_id,
                        requester.employee.name if requester else r.requester_id, can_decide)


def pending_referrals(desk: Desk, employee: Employee) -> list[ReferralView]:
    """Referrals this employee's tier may decide, with names for the screen."""
    with desk.uows() as uow:
        policy = desk.policies.current(uow)
        return [_view(uow, r, True) for r in referrals_for(uow, policy, employee)]


def referral_queue(desk: Desk, employee: Employee) -> list[ReferralView]:
    """Every pending referral, for anyone whose tier approves: those they may decide
    first, then the rest read-only (``can_decide`` False), so a manager below the
    referral tier still sees what is waiting for a general manager. Oldest first."""
    with desk.uows() as uow:
        policy = desk.policies.current(uow)
        limits = policy.limits.get(employee.tier)
        if limits is None or not limits.can_approve:
            return []
        mine = {r.id for r in referrals_for(uow, policy, employee)}
        pending = sorted(uow.referrals.pending(), key=lambda r: (r.id not in mine,
                                                                 r.created_at))
        return [_view(uow, r, r.id in mine) for r in pending]


def decide_referral(desk: Desk, employee: Employee, referral_id: str, approve: bool,
                    note: str = "") -> GrantOutcome | None:
    """Approve (recording the decision, and its voucher, for the requester) or decline."""
    online = False
    if approve:  # the approver will hold it: their shift and the guest's budget, online
        with desk.uows() as uow:
            policy = desk.policies.current(uow)
            pending = uow.referrals.get(referral_id)
        if pending is not None:
            online = _top_up(desk, policy, employee.id, pending.customer_id,
                             Money(pending.amount_minor, pending.currency))
    with desk.uows(write=True) as uow:
        policy = desk.policies.current(uow)
        if uow.employees.get(employee.id) is None:
            raise NotFound(_("No employee with ID {id}.").format(id=ident(employee.id)))
        result = resolve_referral(uow, policy, referral_id, employee, approve, note,
                                  desk.locale, online)
        voucher = _with_voucher(desk, uow, policy, result, None) if result else None
        uow.commit()
    if result is None:
        return None
    decision = result.decision
    amount = (Money(decision.amount_minor, decision.currency) if decision
              else Money.zero(policy.currency))
    return GrantOutcome(result.verdict, amount, policy.version, decision, voucher,
                        employee.name)

