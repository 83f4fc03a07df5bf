"""Looking customers up, correcting their contact details, and their history.

A correction is validated first (phone to E.164, e-mail checked), then the new value,
a who/when/before/after record and its event are written together; an invalid value
writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from pos_app.domain.clock import utcnow
from pos_app.domain.contact import FIELD_LABELS, normalize_field
from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.people import Customer
from pos_app.services.ports import CorrectionRecord, UnitOfWork

MAX_PAGE = 200


def search_customers(uow: UnitOfWork, query: str, limit: int = 50, offset: int = 0
                     ) -> list[Customer]:
    return uow.customers.search(query, min(max(limit, 0), MAX_PAGE), max(offset, 0))


def get_customer(uow: UnitOfWork, customer_id: str) -> Customer:
    customer = uow.customers.get(customer_id)
    if customer is None:
        raise NotFound(f"No customer with ID {customer_id}.")
    return customer


def correct_contact(uow: UnitOfWork, *, employee_id: str, customer_id: str, field: str,
                    value: str, region: str = "US") -> Customer:
    """Validate and apply one field correction; the caller commits. Returns the new state."""
    if field not in FIELD_LABELS:
        raise InvalidInput(f"'{field}' is not a contact field.")
    customer = get_customer(uow, customer_id)
    if uow.employees.get(employee_id) is None:
        raise NotFound(f"No employee with ID {employee_id}.")
    new = normalize_field(field, value, region)
    old = str(getattr(customer, field))
    if new == old:
        return customer
    if field in ("given_name", "family_name") and not new and not (
        customer.family_name if field == "given_name" else customer.given_name
    ):
        raise InvalidInput("A customer needs at least a first or a last name.")
    uow.customers.update_field(customer_id, field, new)
    event = uow.events.append("contact.corrected", {"customer_id": customer_id,
                                                    "field": field, "before": old,
                                                    "after": new}, actor=employee_id)
    uow.corrections.add(CorrectionRecord(customer_id, employee_id, field, old, new,
                                         utcnow()), event.id)
    return get_customer(uow, customer_id)


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a customer's timeline, newest first."""

    at: datetime
    kind: str  # "decision", "correction", "referral" or "voucher"
    # for a referral, summary is "action:state" with state pending, approved or declined
    who: str
    approver: str | None
    summary: str
    amount_minor: int | None = None
    currency: str | None = None
    reason: str | None = None
    ref: str | None = None  # a voucher's serial, for reprinting from history
    who_name: str = ""  # the people's names, for the timeline (IDs stay in who/approver)
    approver_name: str = ""


def customer_history(uow: UnitOfWork, customer_id: str) -> list[HistoryEntry]:
    entries = [
        HistoryEntry(d.decided_at, "decision", d.employee_id, d.approver_id, d.action,
                     d.amount_minor, d.currency, d.reason)
        for d in uow.decisions.for_customer(customer_id)
    ]
    for r in uow.referrals.for_customer(customer_id):
        entries.append(HistoryEntry(r.created_at, "referral", r.requester_id, None,
                                    f"{r.action}:pending", r.amount_minor, r.currency,
                                    r.reason))
        if r.decided_at is not None and r.decided_by is not None:
            entries.append(HistoryEntry(r.decided_at, "referral", r.decided_by,
                                        r.decided_by, f"{r.action}:{r.state}",
                                        r.amount_minor, r.currency, r.reason))
    for v in uow.vouchers.for_customer(customer_id):
        state = "redeemed" if v.status == "redeemed" else "issued"
        entries.append(HistoryEntry(v.issued_at, "voucher", v.issued_by, None,
                                    f"{v.code}:{state}", v.value_minor, v.currency, None,
                                    ref=v.serial))
    entries += [
        HistoryEntry(c.corrected_at, "correction", c.employee_id, None,
                     f"{FIELD_LABELS.get(c.field, c.field)}: {c.before or '(empty)'}"
                     f" \u2192 {c.after or '(empty)'}")
        for c in uow.corrections.for_customer(customer_id)
    ]
    names = {e.id: e.name for e in uow.employees.all()}
    named = [replace(e, who_name=names.get(e.who, e.who),
                     approver_name=names.get(e.approver, e.approver) if e.approver else "")
             for e in entries]
    return sorted(named, key=lambda e: e.at, reverse=True)
