"""Approvals from afar: a manager who is not at the desk unlocks one action.

Two channels, one mechanism (see :mod:`pos_app.domain.approval_code`):

* **Telephone** (no network needed): the associate's desk draws a challenge bound to
  this request (:func:`ask_by_telephone`); the manager types it on any Leeway desk with
  their ID and PIN and reads back the answer (:func:`answer_by_telephone`); the
  associate types the answer and the action is granted (:func:`unlock_by_telephone`).
* **Online** (:func:`ask_remotely`): the same challenge goes to the central database;
  desks where an approving manager is signed in list it (:func:`waiting_for`), the
  manager approves with their PIN or declines with a reason (:func:`answer_remotely`),
  and the asking desk collects the answer (:func:`collect_answer`), checks the code
  itself and grants.

Every request is bound to requester, customer, action and amount, expires after
:data:`TTL`, is single-use (closed in the transaction that grants), and every decision
records its channel. Wrong telephone answers count towards the approver's lockout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pos_app.domain.approval_code import (
    Challenge,
    answer_for,
    answers_match,
    new_challenge,
    parse_answer,
    parse_challenge,
)
from pos_app.domain.clock import instant, utcnow
from pos_app.domain.errors import AuthenticationFailed, InvalidInput, LeewayError
from pos_app.domain.events import uuid7
from pos_app.domain.money import Money
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.domain.text import clean_free_text, ident
from pos_app.i18n import N_, _
from pos_app.services.approvals import ApprovalRefused, RequestDetails, needs_approval
from pos_app.services.desk import Desk, RemoteRequest
from pos_app.services.employees import count_failure
from pos_app.services.granting import (
    GrantOutcome,
    RecoveryAsk,
    grant_far_request,
    parse_amount,
)
from pos_app.services.ports import FarApprovalRecord, UnitOfWork
from pos_app.services.staff import verify_pin

TTL = timedelta(minutes=5)
WRONG_ANSWER = N_("The approver ID or the answer code is not right; please check both.")


@dataclass(frozen=True)
class FarRequest:
    """What the associate's dialog shows while a manager elsewhere is asked."""

    id: str
    challenge: str
    channel: str
    required_tier: str
    amount: Money
    action: str
    expires_at: datetime


def _open(desk: Desk, ask: RecoveryAsk, channel: str) -> tuple[FarRequest, RemoteRequest]:
    policy = desk.policy()
    amount = parse_amount(desk, policy, ask.amount)
    challenge = new_challenge(ask.action, amount.minor)
    now = utcnow()
    with desk.uows(write=True) as uow:
        req = RequestDetails(ask.employee_id, ask.customer_id, ask.action, amount,
                             ask.reason, clean_free_text(ask.note or "")[:2000])
        requester, verdict = needs_approval(uow, policy, req, desk.locale,
                                            "sent for approval")
        tier = str(verdict.approver_tier)
        record = FarApprovalRecord(str(uuid7()), challenge.text, channel, ask.employee_id,
                                   ask.customer_id, ask.action, amount.minor,
                                   amount.currency, ask.reason, req.note, tier, now,
                                   now + TTL)
        uow.far_approvals.add(record)
        uow.events.append("approval.requested", {
            "request_id": record.id, "channel": channel, "challenge": challenge.text,
            "customer_id": ask.customer_id, "action": ask.action,
            "amount_minor": amount.minor, "currency": amount.currency,
            "reason": ask.reason, "required_tier": tier,
            "expires_at": record.expires_at.isoformat()}, actor=ask.employee_id)
        customer = uow.customers.get(ask.customer_id)
        remote = RemoteRequest(record.id, "", ask.employee_id, requester.employee.name,
                               ask.customer_id, customer.display_name if customer else "",
                               ask.action, amount.minor, amount.currency, ask.reason,
                               req.note, tier, challenge.text, "", "")
        uow.commit()
    return (FarRequest(record.id, challenge.text, channel, tier, amount, ask.action,
                       record.expires_at), remote)


def ask_by_telephone(desk: Desk, ask: RecoveryAsk) -> FarRequest:
    """Draw a challenge for this request, to be read to a manager by telephone."""
    return _open(desk, ask, "telephone")[0]


def ask_remotely(desk: Desk, ask: RecoveryAsk) -> FarRequest:
    """Send this request to every desk through the central database. Raises
    :class:`CentralUnavailable` (the request is then withdrawn here: ask by telephone)."""
    request, remote = _open(desk, ask, "remote")
    try:
        desk.central.ask_approval(remote, int(TTL.total_seconds()))
    except Exception:
        _close(desk, request.id, "withdrawn", None,
               _("could not reach the central database"))
        raise
    return request


def withdraw(desk: Desk, request_id: str, by: str) -> None:
    """The associate no longer needs it (the guest left, or it was asked wrongly)."""
    if _close(desk, request_id, "withdrawn", None, "", actor=by):
        try:
            desk.central.close_approval(request_id, "withdrawn")
        except LeewayError:  # local-only, offline, or already closed: it expires centrally
            pass


def _close(desk: Desk, request_id: str, state: str, approver_id: str | None, note: str,
           actor: str | None = None) -> bool:
    with desk.uows(write=True) as uow:
        record = uow.far_approvals.get(request_id)
        if record is None or not uow.far_approvals.close(request_id, state, approver_id,
                                                         None, note):
            return False
        uow.events.append(f"approval.{state}", {"request_id": request_id,
                                                "channel": record.channel, "why": note},
                          actor=actor or record.requester_id, approver=approver_id)
        uow.commit()
    return True


# --- the manager's side -------------------------------------------------------------


@dataclass(frozen=True)
class PhoneAnswer:
    answer: str
    action: str
    amount: Money
    approver: Employee


def _may_approve(policy: Policy, approver: Employee, action: str, amount: Money,
                 locale: str) -> None:
    """What the approver's desk can check without the requester's context: an approving
    tier whose own limit for the action covers the amount. The asking desk judges the
    rest (the guest's budget, the approval ladder) before it grants."""
    limits = policy.limits.get(approver.tier)
    if limits is None or not limits.can_approve:
        raise ApprovalRefused(_("Your tier does not approve requests for others."))
    if action not in policy.actions:
        raise ApprovalRefused(_("This store's policy has no action {action}.").format(
            action=ident(action)))
    limit = policy.limit(approver.tier, action)
    if amount.minor > limit.minor:
        label = policy.actions[action].label
        # The label in a sentence: the demo policy's in the language, a store's own as is.
        raise ApprovalRefused(_("Your tier may approve up to {limit} for a {action}; this"
                                " asks for {amount}.").format(
            limit=limit.format(locale), action=_(label.lower()), amount=amount.format(locale)))


def _key(uow: UnitOfWork, desk: Desk, approver_id: str) -> bytes:
    record = uow.employees.get(approver_id)
    key = desk.hasher.approval_key(record.pin_hash, approver_id) if record else None
    if key is None:
        raise InvalidInput(_("This desk cannot make or check answer codes for this employee"
                             " (their PIN was set on a desk outside the group); they can"
                             " change their PIN once to fix it."))
    return key


def answer_by_telephone(desk: Desk, challenge_text: str, approver_id: str, pin: str,
                        ) -> PhoneAnswer:
    """The manager's desk: check the challenge, then the PIN, and make the answer."""
    challenge = parse_challenge(challenge_text)  # misheard: no PIN attempt spent
    approver = verify_pin(desk, approver_id, pin, purpose="approval")
    policy = desk.policy()
    amount = Money(challenge.amount_minor, policy.currency)
    _may_approve(policy, approver, challenge.action, amount, desk.locale)
    with desk.uows(write=True) as uow:
        answer = answer_for(_key(uow, desk, approver.id), challenge, approver.id)
        uow.events.append("approval.answered", {
            "channel": "telephone", "challenge": challenge.text, "verdict": "approve",
            "action": challenge.action, "amount_minor": challenge.amount_minor},
            actor=approver.id, approver=approver.id)
        uow.commit()
    return PhoneAnswer(answer, challenge.action, amount, approver)


def waiting_for(desk: Desk, employee: Employee) -> list[RemoteRequest]:
    """Requests from other people this employee's tier may answer (empty offline)."""
    policy = desk.policy()
    limits = policy.limits.get(employee.tier)
    if limits is None or not limits.can_approve:
        return []
    rank = policy.rank(employee.tier)
    # Oldest first: the guest who has waited longest (central sends the newest 200).
    return sorted((r for r in desk.central.approvals_waiting()
                   if r.requester_id != employee.id and r.required_tier in policy.limits
                   and policy.rank(r.required_tier) <= rank),
                  key=lambda r: (r.created_at, r.id))  # ids are time-ordered (UUIDv7)


def answer_remotely(desk: Desk, request: RemoteRequest, approver_id: str, pin: str,
                    approve: bool, why: str = "") -> str:
    """Approve with a PIN, or decline with a reason; the answer code travels through
    the central database to the asking desk. Returns the code sent."""
    why = clean_free_text(why or "").strip()[:500]
    if not approve and not why:
        raise InvalidInput(_("Say why you decline, for the associate and the guest."))
    challenge = parse_challenge(request.challenge)
    approver = verify_pin(desk, approver_id, pin, purpose="approval")
    if approver.id == request.requester_id:
        raise ApprovalRefused(_("The approver cannot be the person asking for the approval."))
    policy = desk.policy()
    if approve:
        _may_approve(policy, approver, challenge.action,
                     Money(challenge.amount_minor, request.currency), desk.locale)
    verdict = "approve" if approve else "decline"
    with desk.uows() as uow:
        code = answer_for(_key(uow, desk, approver.id), challenge, approver.id, verdict)
    desk.central.answer_approval(request.id, approver.id, verdict, code, why)
    with desk.uows(write=True) as uow:
        uow.events.append("approval.answered", {
            "channel": "remote", "request_id": request.id, "verdict": verdict, "why": why,
            "requester": request.requester_id, "customer_id": request.customer_id,
            "action": request.action, "amount_minor": request.amount_minor},
            actor=approver.id, approver=approver.id)
        uow.commit()
    return code


# --- the asking desk, receiving the answer ------------------------------------------


def _matches(uow: UnitOfWork, desk: Desk, challenge: Challenge, approver_id: str,
             verdict: str, code: str) -> bool:
    record = uow.employees.get(approver_id)
    if record is None or not record.employee.active:
        return False
    key = desk.hasher.approval_key(record.pin_hash, approver_id)
    return key is not None and answers_match(
        answer_for(key, challenge, approver_id, verdict), code)


def unlock_by_telephone(desk: Desk, ask: RecoveryAsk, approver_id: str, answer_text: str
                        ) -> GrantOutcome:
    """The associate types the answer read back: checked against the challenges this
    desk drew for exactly this request, then granted with the channel recorded.

    A wrong answer counts towards the approver's lockout (committed on its own).
    Raises :class:`AuthenticationFailed`, :class:`ApprovalRefused` or
    :class:`InvalidInput`.
    """
    policy = desk.policy()
    amount = parse_amount(desk, policy, ask.amount)
    answer = parse_answer(answer_text)  # mistyped: no attempt counted
    approver_id = (approver_id or "").strip()
    if approver_id == ask.employee_id:
        raise ApprovalRefused(_("The approver cannot be the person asking for the approval."))
    with desk.uows(write=True) as uow:
        open_ = [r for r in uow.far_approvals.open_for(ask.employee_id, ask.customer_id,
                                                       ask.action, amount.minor, utcnow())
                 if r.channel == "telephone"]
        if not open_:
            raise InvalidInput(_("No telephone approval is waiting here for exactly this"
                                 " request (it expired, was used, or the amount changed);"
                                 " show a new challenge."))
        record = uow.employees.get(approver_id)
        if record is None or not record.employee.active:
            uow.events.append("approval.failed", {"employee_id": approver_id[:64],
                                                  "why": "unknown"}, actor=None)
            uow.commit()
            raise AuthenticationFailed(_(WRONG_ANSWER))
        if record.lock is not None and record.lock.active(instant()):
            raise AuthenticationFailed(_("This approver is locked after too many wrong PINs"
                                         " or answers; a manager can unlock them."))
        found = next((r for r in open_ if _matches(uow, desk, parse_challenge(r.challenge),
                                                   approver_id, "approve", answer)), None)
        if found is None:
            error = count_failure(uow, record, "approval", "answer", message=WRONG_ANSWER)
            uow.commit()
            raise error
        # A right answer does not reset the approver's count of wrong PINs: PINs and
        # answers share it, and a reset would let someone guess PINs between answers.
    return grant_far_request(desk, found, record.employee, "telephone")


@dataclass(frozen=True)
class Progress:
    """Where an online request stands, as the associate's dialog shows it."""

    state: str  # waiting, approved, declined, expired, withdrawn
    outcome: GrantOutcome | None = None
    approver_name: str = ""
    why: str = ""


def collect_answer(desk: Desk, request_id: str) -> Progress:
    """Poll the central database for answers to this desk's request; the first that
    verifies here wins: an approval is granted at once (in this call), a decline closes
    the request. Answers that do not verify are ignored (a desk could forge one)."""
    with desk.uows() as uow:
        request = uow.far_approvals.get(request_id)
    if request is None or request.channel != "remote":
        raise InvalidInput(_("No such online approval request at this desk."))
    if request.state != "pending":
        return Progress(request.state, why=request.answer_note)
    if utcnow() >= request.expires_at:
        _close(desk, request_id, "expired", None, "")
        return Progress("expired")
    state, answers = desk.central.approval_status(request_id)
    challenge = parse_challenge(request.challenge)
    for answer in answers:
        with desk.uows() as uow:
            ok = _matches(uow, desk, challenge, answer.approver_id, answer.verdict,
                          answer.code)
            approver = uow.employees.get(answer.approver_id) if ok else None
        if not ok or approver is None:
            continue
        if answer.verdict == "decline":
            _close(desk, request_id, "declined", approver.employee.id, answer.why)
            _tell_central(desk, request_id, "declined")
            return Progress("declined", approver_name=approver.employee.name, why=answer.why)
        try:
            outcome = grant_far_request(desk, request, approver.employee, "remote",
                                        answer.terminal_id or None)
        except ApprovalRefused:
            _tell_central(desk, request_id, "declined")  # closed here: stop showing it
            raise
        if outcome.decision is None:  # approved, but no longer allowed (a budget spent)
            why = outcome.verdict.explain(desk.locale)
            _close(desk, request_id, "declined", approver.employee.id, why)
            _tell_central(desk, request_id, "declined")
            return Progress("declined", outcome, approver.employee.name, why)
        _tell_central(desk, request_id, "approved")
        return Progress("approved", outcome, approver.employee.name)
    if state in ("expired", "withdrawn", "unknown"):
        _close(desk, request_id, "expired" if state != "withdrawn" else "withdrawn", None, "")
        return Progress("expired" if state != "withdrawn" else "withdrawn")
    return Progress("waiting")


def _tell_central(desk: Desk, request_id: str, state: str) -> None:
    try:
        desk.central.close_approval(request_id, state)
    except LeewayError:  # offline or already closed: it expires centrally anyway
        pass
