"""Approvals from afar on the command line: the manager's side of a telephone approval,
and the online requests waiting for a manager (thin callers of
:mod:`pos_app.services.far_approval`). The associate's side is ``decide
--phone-challenge`` and ``decide --approver ID --approval-code ANSWER``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pos_app.cli.common import (
    EXIT_NEEDS_APPROVAL,
    EXIT_OK,
    Failure,
    emit,
    open_terminal,
    read_pins,
)
from pos_app.i18n import _


def phone_challenge(app: Any, args: argparse.Namespace, ask: Any) -> int:
    """``decide --phone-challenge``: the challenge to read to a manager; exit 3."""
    from pos_app.domain.messages import tier_name
    from pos_app.domain.zones import format_clock
    from pos_app.services.far_approval import ask_by_telephone

    request = ask_by_telephone(app.desk, ask)
    tier = tier_name(request.required_tier)
    data = {"challenge": request.challenge, "request_id": request.id,
            "required_tier": request.required_tier,
            "amount": request.amount.plain(), "currency": request.amount.currency,
            "expires_at": request.expires_at.isoformat() + "Z"}
    emit(args, data, _("Read this challenge to a {tier} or above: {challenge} (valid until"
                       " {time}).").format(tier=tier, challenge=request.challenge,
                                           time=format_clock(request.expires_at, app.locale,
                                                             app.zone, with_zone=True)))
    if not args.json:
        print(_("Then run decide again with --approver ID --approval-code ANSWER."),
              file=sys.stderr)
    return EXIT_NEEDS_APPROVAL


def unlock_with_answer(app: Any, args: argparse.Namespace, ask: Any) -> Any:
    """``decide --approver ID --approval-code ANSWER``: the outcome, or a Failure."""
    from pos_app.domain.errors import AuthenticationFailed
    from pos_app.services.approvals import ApprovalRefused
    from pos_app.services.far_approval import unlock_by_telephone

    try:
        return unlock_by_telephone(app.desk, ask, args.approver, args.approval_code)
    except (AuthenticationFailed, ApprovalRefused) as exc:
        code = EXIT_NEEDS_APPROVAL if isinstance(exc, ApprovalRefused) else 1
        raise Failure(_("Approval refused: {why}").format(why=exc), code) from None


def cmd_phone_answer(args: argparse.Namespace) -> int:
    from pos_app.domain.approval_code import parse_challenge
    from pos_app.services.far_approval import answer_by_telephone

    app = open_terminal(args)
    parse_challenge(args.challenge)  # misheard: refused before a PIN is asked for
    (pin,) = read_pins(1)
    answer = answer_by_telephone(app.desk, args.challenge, args.employee, pin)
    policy = app.desk.policy()
    label = policy.actions[answer.action].label if answer.action in policy.actions else (
        answer.action)
    data = {"answer": answer.answer, "action": answer.action,
            "amount": answer.amount.plain(), "currency": answer.amount.currency,
            "approver": answer.approver.id}
    emit(args, data, _("Answer for {action} of {amount}: {answer}").format(
        action=label, amount=answer.amount.format(app.locale), answer=answer.answer))
    return EXIT_OK


def _request_json(r: Any) -> dict[str, Any]:
    return {"request_id": r.id, "terminal": r.terminal_id, "requester": r.requester_id,
            "requester_name": r.requester_name, "customer": r.customer_id,
            "customer_name": r.customer_name, "action": r.action,
            "amount_minor": r.amount_minor, "currency": r.currency, "reason": r.reason,
            "note": r.note, "required_tier": r.required_tier, "created_at": r.created_at,
            "expires_at": r.expires_at}


def _signed_in(app: Any, employee_id: str, pin: str) -> Any:
    from pos_app.services.staff import verify_pin

    return verify_pin(app.desk, employee_id, pin, purpose="approval")


def cmd_approval_waiting(args: argparse.Namespace) -> int:
    from pos_app.services.far_approval import waiting_for

    app = open_terminal(args)
    (pin,) = read_pins(1)
    employee = _signed_in(app, args.employee, pin)
    waiting = waiting_for(app.desk, employee)
    lines = [_("{id}  {action} {amount} {currency} for {customer}, asked by {requester} at"
               " {terminal}").format(
        id=r.id, action=r.action, amount=f"{r.amount_minor / 100:.2f}", currency=r.currency,
        customer=repr(r.customer_name), requester=repr(r.requester_name),
        terminal=r.terminal_id) for r in waiting]
    emit(args, [_request_json(r) for r in waiting],
         "\n".join(lines) or _("Nothing is waiting for an answer."))
    return EXIT_OK


def cmd_approval_answer(args: argparse.Namespace) -> int:
    from pos_app.services.far_approval import answer_remotely, waiting_for

    app = open_terminal(args)
    (pin,) = read_pins(1)
    employee = _signed_in(app, args.employee, pin)
    request = next((r for r in waiting_for(app.desk, employee) if r.id == args.request_id),
                   None)
    if request is None:
        raise Failure(_("No request with that id is waiting for you (answered, withdrawn,"
                        " expired, or it needs a higher tier)."))
    approve = args.decline is None
    answer_remotely(app.desk, request, args.employee, pin, approve, args.decline or "")
    verdict = "approved" if approve else "declined"  # a JSON value scripts read
    emit(args, {"request_id": request.id, "verdict": verdict},
         _("Sent: approved. The asking desk grants it when it receives the answer.")
         if approve else _("Sent: declined."))
    return EXIT_OK
