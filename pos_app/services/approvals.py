"""Manager unlock at the desk, and referrals decided later.

``unlock_and_decide`` is the whole over-authority path at the desk: the approver's PIN
is checked (failures count towards their lockout), the approver must not be the
requester and their tier must cover the request under the approval ladder; the grant
is recorded as its own audit event, then spent at once on exactly that decision.

A request nobody at the desk may approve (or whose approver is not around) becomes a
pending referral; a higher authority approves or declines it later from their own
sign-in, and the customer's history shows both steps.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from pos_app.domain.approval import ApprovalGrant
from pos_app.domain.clock import utcnow
from pos_app.domain.engine import Outcome, RecoveryRequest, Verdict, evaluate
from pos_app.domain.errors import InvalidInput, LeewayError, NotFound
from pos_app.domain.events import uuid7
from pos_app.domain.messages import tier_name
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.domain.text import ident
from pos_app.i18n import N_, _
from pos_app.services.employees import authenticate
from pos_app.services.ports import (
    EmployeeRecord,
    GrantRecord,
    PinHasher,
    ReferralRecord,
    UnitOfWork,
)
from pos_app.services.recovery import DecisionResult, context_for, customer_or_fail, decide


class ApprovalRefused(LeewayError):
    """The approver may not approve this request (tier, ladder, or same person)."""


# needs_approval's ``what``, as whole sentences (word order differs between languages).
_REFUSED_SO = {
    "referred": N_("Refused by policy, so it cannot be referred: {reasons}"),
    "sent for approval": N_("Refused by policy, so it cannot be sent for approval:"
                            " {reasons}"),
}


@dataclass(frozen=True)
class RequestDetails:
    requester_id: str
    customer_id: str
    action: str
    amount: Money
    reason: str
    note: str = ""


def grant_approval(uow: UnitOfWork, hasher: PinHasher, policy: Policy, req: RequestDetails,
                   approver_id: str, approver_pin: str, locale: str = "en_US"
                   ) -> ApprovalGrant:
    """Check the approver's PIN and record the grant, all in the caller's unit of work.

    Raises :class:`AuthenticationFailed` (after recording the failure: commit anyway)
    or :class:`ApprovalRefused` (after recording ``approval.declined``).
    """
    if approver_id.strip() == req.requester_id:
        raise ApprovalRefused(_("The approver cannot be the person asking for the approval."))
    approver = authenticate(uow, hasher, approver_id.strip(), approver_pin,
                            purpose="approval")
    try:
        return approve_as(uow, policy, req, approver, locale)
    except ApprovalRefused as refused:
        record_declined(uow, req, approver.id, str(refused))
        raise


def approve_as(uow: UnitOfWork, policy: Policy, req: RequestDetails, approver: Employee,
               locale: str = "en_US", channel: str = "desk",
               answered_at: str | None = None) -> ApprovalGrant:
    """Record an authenticated approver's grant (``approval.granted``); caller commits.

    Raises :class:`ApprovalRefused` with the reason, having written nothing.
    """
    if approver.id == req.requester_id:
        raise ApprovalRefused(_("The approver cannot be the person asking for the approval."))
    requester = uow.employees.get(req.requester_id)
    if requester is None:
        raise NotFound(_("No employee with ID {id}.").format(id=ident(req.requester_id)))
    customer_or_fail(uow, req.customer_id)
    request = RecoveryRequest(req.action, req.amount, req.reason, requester.employee.tier,
                              req.note)
    # The approved amount will be the approver's to hold: judged on their shift headroom.
    ctx = context_for(uow, policy, req.requester_id, req.customer_id, approver_id=approver.id)
    verdict = evaluate(policy, request, ctx, approver_tier=approver.tier)
    if verdict.outcome is not Outcome.ALLOWED:
        raise ApprovalRefused(verdict.explain(locale))
    grant = ApprovalGrant(str(uuid7()), req.requester_id, approver.id, approver.tier,
                          req.customer_id, req.action, req.amount, time.monotonic())
    payload: dict[str, object] = {
        "grant_id": grant.id, "requester": req.requester_id, "customer_id": req.customer_id,
        "action": req.action, "amount_minor": req.amount.minor,
        "currency": req.amount.currency, "channel": channel}
    if answered_at:  # the desk an online answer came from, for any dispute later
        payload["answered_at_terminal"] = answered_at
    event = uow.events.append("approval.granted", payload, actor=req.requester_id,
                              approver=approver.id)
    uow.approvals.add(GrantRecord(grant.id, req.requester_id, approver.id, req.customer_id,
                                  req.action, req.amount.minor, req.amount.currency, utcnow(),
                                  None, event.id))
    return grant


def record_declined(uow: UnitOfWork, req: RequestDetails, approver_id: str, why: str) -> None:
    """An approver who may not approve this request: kept in the audit log."""
    uow.events.append("approval.declined", {
        "requester": req.requester_id, "customer_id": req.customer_id,
        "action": req.action, "amount_minor": req.amount.minor, "why": why},
        actor=approver_id)


def decide_with_grant(uow: UnitOfWork, policy: Policy, req: RequestDetails,
                      grant: ApprovalGrant, locale: str = "en_US",
                      central_online: bool = False, channel: str = "desk") -> DecisionResult:
    """Spend a grant on exactly the request it was given for; the caller commits."""
    grant.check(requester_id=req.requester_id, customer_id=req.customer_id,
                action=req.action, amount=req.amount, now_mono=time.monotonic())
    stored = uow.approvals.get(grant.id)
    if stored is None or stored.used_by_decision is not None:
        raise InvalidInput(_("This unlock was already used; each unlock covers one action."))
    result = decide(uow, policy, employee_id=req.requester_id, customer_id=req.customer_id,
                    action=req.action, amount=req.amount, reason=req.reason, note=req.note,
                    approver_id=grant.approver_id, central_online=central_online,
                    approval_channel=channel)
    if result.decision is not None and not uow.approvals.mark_used(grant.id,
                                                                   result.decision.id):
        raise InvalidInput(_("This unlock was already used; each unlock covers one action."))
    return result


def unlock_and_decide(uow: UnitOfWork, hasher: PinHasher, policy: Policy,
                      req: RequestDetails, approver_id: str, approver_pin: str,
                      locale: str = "en_US") -> DecisionResult:
    grant = grant_approval(uow, hasher, policy, req, approver_id, approver_pin, locale)
    result = decide_with_grant(uow, policy, req, grant, locale)
    approver = uow.employees.get(grant.approver_id)
    return replace(result, approver_name=approver.employee.name if approver else "")


def needs_approval(uow: UnitOfWork, policy: Policy, req: RequestDetails, locale: str,
                   what: str) -> tuple[EmployeeRecord, Verdict]:
    """The requester and the verdict, for a request that needs a higher tier (and has
    one it may go to); raises :class:`InvalidInput` when it is within the requester's
    authority or refused outright. ``what`` completes "so it cannot be ..." (a key of
    ``_REFUSED_SO``). """
    requester = uow.employees.get(req.requester_id)
    if requester is None:
        raise NotFound(_("No employee with ID {id}.").format(id=ident(req.requester_id)))
    customer_or_fail(uow, req.customer_id)
    request = RecoveryRequest(req.action, req.amount, req.reason, requester.employee.tier,
                              req.note)
    verdict = evaluate(policy, request, context_for(uow, policy, req.requester_id,
                                                    req.customer_id))
    if verdict.outcome is Outcome.ALLOWED:
        raise InvalidInput(_("This is within your authority; grant it directly."))
    if verdict.outcome is Outcome.REFUSED or verdict.approver_tier is None:
        raise InvalidInput(_(_REFUSED_SO[what]).format(reasons=verdict.explain(locale)))
    return requester, verdict


# --- referrals --------------------------------------------------------------------


def refer(uow: UnitOfWork, policy: Policy, req: RequestDetails, locale: str = "en_US"
          ) -> ReferralRecord:
    """Record an over-authority request as pending, for a higher tier; caller commits."""
    requester, verdict = needs_approval(uow, policy, req, locale, "referred")
    assert verdict.approver_tier is not None
    referral = ReferralRecord(str(uuid7()), req.customer_id, req.requester_id, req.action,
                              req.amount.minor, req.amount.currency, req.reason, req.note,
                              verdict.approver_tier, verdict.explain(locale), utcnow(),
                              "pending")
    uow.referrals.add(referral)
    # Everything another desk needs to decide it later travels in the event (by sync).
    uow.events.append("referral.created", {
        "referral_id": referral.id, "customer_id": req.customer_id, "action": req.action,
        "amount_minor": req.amount.minor, "currency": req.amount.currency,
        "reason": req.reason, "note": req.note, "why": referral.why,
        "created_at": referral.created_at.isoformat(),
        "required_tier": verdict.approver_tier, "requester_name": requester.employee.name,
        "requester_tier": requester.employee.tier}, actor=req.requester_id)
    return referral


def referrals_for(uow: UnitOfWork, policy: Policy, employee: Employee) -> list[ReferralRecord]:
    """Pending referrals this employee's tier may decide (not their own requests)."""
    rank = policy.rank(employee.tier)
    if not policy.limits[employee.tier].can_approve:
        return []
    return [r for r in uow.referrals.pending()
            if r.required_tier in policy.limits and policy.rank(r.required_tier) <= rank
            and r.requester_id != employee.id]


def resolve_referral(uow: UnitOfWork, policy: Policy, referral_id: str, employee: Employee,
                     approve: bool, note: str = "", locale: str = "en_US",
                     central_online: bool = False) -> DecisionResult | None:
    """Approve (recording the decision for the original requester) or decline."""
    referral = uow.referrals.get(referral_id)
    if referral is None or referral.state != "pending":
        raise InvalidInput(_("This referral is no longer pending."))
    if referral.requester_id == employee.id:
        raise ApprovalRefused(_("You cannot decide your own referral."))
    if referral not in referrals_for(uow, policy, employee):
        raise ApprovalRefused(_("This referral needs a {tier} or above.").format(
            tier=tier_name(referral.required_tier)))
    note = (note or "").strip()[:2000]
    result: DecisionResult | None = None
    decision_id: str | None = None
    if approve:
        result = decide(uow, policy, employee_id=referral.requester_id,
                        customer_id=referral.customer_id, action=referral.action,
                        amount=Money(referral.amount_minor, referral.currency),
                        reason=referral.reason, note=referral.note, approver_id=employee.id,
                        via_referral=True, central_online=central_online)
        if result.verdict.outcome is not Outcome.ALLOWED:
            raise ApprovalRefused(result.verdict.explain(locale))
        decision_id = result.decision.id if result.decision else None
    state = "approved" if approve else "declined"
    if not uow.referrals.resolve(referral_id, state, employee.id, utcnow(), decision_id, note):
        raise InvalidInput(_("This referral is no longer pending."))
    uow.events.append(f"referral.{state}", {"referral_id": referral_id, "state": state,
                                            "decision_id": decision_id, "note": note,
                                            "decided_by": employee.id,
                                            "decided_by_name": employee.name,
                                            "decided_by_tier": employee.tier},
                      actor=employee.id, approver=employee.id)
    return result
