"""Approval requests relayed through the central database (see ``sql/approvals.sql``).

Thin calls of the SECURITY DEFINER functions. A refusal the function raises on purpose
(the request is no longer waiting, the approver may not answer, too many requests)
becomes an :class:`InvalidInput` with a sentence for the screen; anything else is the
link's business (:class:`CentralUnavailable`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from pos_app.domain.errors import InvalidInput
from pos_app.i18n import N_, _
from pos_app.services.desk import RemoteAnswer, RemoteRequest

# SQLSTATEs the functions raise on purpose, and what the person at the desk is told.
REFUSALS = {
    "P0002": N_("This request is no longer waiting: it was answered, withdrawn or expired."),
    "42501": N_("This employee may not answer this request (not an approving tier, not"
                " active, or the person who asked)."),
    "54000": N_("Too many approval requests or answers at once; wait a moment."),
    "22023": N_("The central database refused this request as malformed."),
}


@contextmanager
def refusals() -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        if state in REFUSALS:
            raise InvalidInput(_(REFUSALS[state])) from exc
        raise


def ask(conn: Connection, r: RemoteRequest, ttl_s: int) -> None:
    with refusals():
        conn.execute(text(
            "SELECT leeway_approval_ask(:id, :req, :req_name, :cust, :cust_name, :action,"
            " :amount, :currency, :reason, :note, :tier, :challenge, :ttl)"),
            {"id": r.id, "req": r.requester_id, "req_name": r.requester_name,
             "cust": r.customer_id, "cust_name": r.customer_name, "action": r.action,
             "amount": r.amount_minor, "currency": r.currency, "reason": r.reason,
             "note": r.note, "tier": r.required_tier, "challenge": r.challenge,
             "ttl": int(ttl_s)})


def waiting(conn: Connection) -> list[RemoteRequest]:
    rows = conn.execute(text("SELECT * FROM leeway_approval_waiting()"))
    return [RemoteRequest(str(r.id), str(r.terminal_id), str(r.requester_id),
                          str(r.requester_name), str(r.customer_id), str(r.customer_name),
                          str(r.action), int(r.amount_minor), str(r.currency), str(r.reason),
                          str(r.note), str(r.required_tier), str(r.challenge),
                          str(r.created_at), str(r.expires_at)) for r in rows]


def answer(conn: Connection, request_id: str, approver_id: str, verdict: str, code: str,
           why: str) -> None:
    with refusals():
        conn.execute(text("SELECT leeway_approval_answer(:id, :approver, :verdict, :code,"
                          " :why)"),
                     {"id": request_id, "approver": approver_id, "verdict": verdict,
                      "code": code, "why": why})


def status(conn: Connection, request_id: str) -> tuple[str, list[RemoteAnswer]]:
    rows = conn.execute(text("SELECT * FROM leeway_approval_status(:id)"),
                        {"id": request_id}).all()
    if not rows:
        return "unknown", []
    answers = [RemoteAnswer(str(r.approver_id), str(r.verdict), str(r.code), str(r.why or ""),
                            str(r.answered_at), str(r.terminal_id or ""))
               for r in rows if r.approver_id is not None]
    return str(rows[0].state), answers


def close(conn: Connection, request_id: str, state: str) -> None:
    with refusals():
        conn.execute(text("SELECT leeway_approval_close(:id, :state)"),
                     {"id": request_id, "state": state})
