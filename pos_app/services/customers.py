"""Looking customers up, correcting their contact details, and their history.

A correction is validated first (phone to E.164, e-mail checked), then the new value,
a who/when/before/after record and its event are written together; an invalid value
writes nothing.

The history is read as entries (one per record: a decision, a referral's request and
its outcome, a voucher, a correction), each naming the act it belongs to; ``acts``
folds them into one line per act with the steps it went through, as a person tells
it: "refund referred, approved, granted", not three lines of the same amount.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from pos_app.domain.clock import utcnow
from pos_app.domain.contact import FIELD_LABELS, normalize_field
from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.people import Customer
from pos_app.domain.text import ident, quoted
from pos_app.i18n import _
from pos_app.services.ports import CorrectionRecord, UnitOfWork

MAX_PAGE = 200


def search_customers(uow: UnitOfWork, query: str, limit: int = 50, offset: int = 0
                     ) -> list[Customer]:
    return uow.customers.search(query, min(max(limit, 0), MAX_PAGE), max(offset, 0))


def get_customer(uow: UnitOfWork, customer_id: str) -> Customer:
    customer = uow.customers.get(customer_id)
    if customer is None:
        raise NotFound(_("No customer with ID {id}.").format(id=ident(customer_id)))
    return customer


def correct_contact(uow: UnitOfWork, *, employee_id: str, customer_id: str, field: str,
                    value: str, region: str = "US") -> Customer:
    """Validate and apply one field correction; the caller commits. Returns the new state."""
    if field not in FIELD_LABELS:
        raise InvalidInput(_("{field} is not a contact field.").format(field=quoted(field)))
    customer = get_customer(uow, customer_id)
    if uow.employees.get(employee_id) is None:
        raise NotFound(_("No employee with ID {id}.").format(id=ident(employee_id)))
    new = normalize_field(field, value, region)
    old = str(getattr(customer, field))
    if new == old:
        return customer
    if field in ("given_name", "family_name") and not new and not (
        customer.family_name if field == "given_name" else customer.given_name
    ):
        raise InvalidInput(_("A customer needs at least a first or a last name."))
    uow.customers.update_field(customer_id, field, new)
    event = uow.events.append("contact.corrected", {"customer_id": customer_id,
                                                    "field": field, "before": old,
                                                    "after": new}, actor=employee_id)
    uow.corrections.add(CorrectionRecord(customer_id, employee_id, field, old, new,
                                         utcnow()), event.id)
    return get_customer(uow, customer_id)


@dataclass(frozen=True)
class Step:
    """Something that happened to an act: referred, approved, declined, granted,
    issued, redeemed or corrected; by whom, when, and what they noted."""

    at: datetime
    state: str
    who: str
    who_name: str = ""
    note: str = ""


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
    act: str = ""  # entries of one act share this: a decision's id, else the record's own
    state: str = ""  # granted; referred, approved, declined; issued, redeemed, expired
    note: str = ""
    steps: tuple[Step, ...] = ()
    field: str = ""  # a correction's field and values, as stored
    before: str = ""
    after: str = ""
    tier: str = ""  # the tier a referral waits for
    expires_on: date | None = None  # a voucher's last valid day
    channel: str = ""  # a decision's approval channel: desk, remote, telephone, referral


@dataclass(frozen=True)
class HistoryAct:
    """One act in a customer's timeline, with where it stands and the steps it took."""

    at: datetime  # its latest step; acts are listed newest first by it
    kind: str  # "grant", "referral" (pending or declined), "correction" or "voucher"
    action: str  # the recovery action, or the corrected field
    state: str  # granted, pending, approved, declined or corrected
    steps: tuple[Step, ...]  # oldest first
    who: str  # who asked for it, or corrected it
    who_name: str
    approver: str | None = None  # who approved a grant; None when nothing was approved
    approver_name: str = ""
    amount_minor: int | None = None
    currency: str | None = None
    reason: str | None = None
    note: str = ""
    tier: str = ""
    before: str = ""
    after: str = ""
    voucher_code: str = ""
    voucher_serial: str | None = None
    voucher_state: str = ""  # issued, redeemed or expired
    voucher_expires: date | None = None
    approval_channel: str | None = None  # how the approver unlocked it (None: nobody)

    @property
    def referred(self) -> bool:
        return any(step.state == "referred" for step in self.steps)

    def step(self, state: str) -> Step | None:
        return next((s for s in self.steps if s.state == state), None)


def customer_history(uow: UnitOfWork, customer_id: str, today: date | None = None
                     ) -> list[HistoryEntry]:
    today = today or utcnow().date()
    names = {e.id: e.name for e in uow.employees.all()}

    def step(at: datetime, state: str, who: str, note: str = "") -> Step:
        return Step(at, state, who, names.get(who, who), note)

    entries = [
        HistoryEntry(d.decided_at, "decision", d.employee_id, d.approver_id, d.action,
                     d.amount_minor, d.currency, d.reason, act=d.id, state="granted",
                     note=d.note, steps=(step(d.decided_at, "granted", d.employee_id),),
                     channel=d.approval_channel or "")
        for d in uow.decisions.for_customer(customer_id)
    ]
    for r in uow.referrals.for_customer(customer_id):
        act = r.decision_id or r.id
        entries.append(HistoryEntry(r.created_at, "referral", r.requester_id, None,
                                    f"{r.action}:pending", r.amount_minor, r.currency,
                                    r.reason, act=act, state="referred", note=r.note,
                                    tier=r.required_tier,
                                    steps=(step(r.created_at, "referred", r.requester_id),)))
        if r.decided_at is not None and r.decided_by is not None:
            entries.append(HistoryEntry(r.decided_at, "referral", r.decided_by,
                                        r.decided_by, f"{r.action}:{r.state}",
                                        r.amount_minor, r.currency, r.reason, act=act,
                                        state=r.state, note=r.decision_note or "",
                                        tier=r.required_tier,
                                        steps=(step(r.decided_at, r.state, r.decided_by,
                                                    r.decision_note or ""),)))
    for v in uow.vouchers.for_customer(customer_id):
        state = "redeemed" if v.status == "redeemed" else "issued"
        steps = [step(v.issued_at, "issued", v.issued_by)]
        if v.redeemed_at is not None:
            steps.append(step(v.redeemed_at, "redeemed", v.redeemed_by or ""))
        shown = "expired" if state == "issued" and v.expires_on < today else state
        entries.append(HistoryEntry(v.issued_at, "voucher", v.issued_by, None,
                                    f"{v.code}:{state}", v.value_minor, v.currency, None,
                                    ref=v.serial, act=v.decision_id, state=shown,
                                    steps=tuple(steps), expires_on=v.expires_on))
    entries += [
        HistoryEntry(c.corrected_at, "correction", c.employee_id, None,
                     _("{field}: {before} \u2192 {after}").format(
                         field=_(FIELD_LABELS[c.field]) if c.field in FIELD_LABELS else c.field,
                         before=c.before or _("(empty)"), after=c.after or _("(empty)")),
                     state="corrected", field=c.field,
                     before=c.before, after=c.after,
                     steps=(step(c.corrected_at, "corrected", c.employee_id),))
        for c in uow.corrections.for_customer(customer_id)
    ]
    named = [replace(e, who_name=names.get(e.who, e.who),
                     approver_name=names.get(e.approver, e.approver) if e.approver else "")
             for e in entries]
    return sorted(named, key=lambda e: e.at, reverse=True)


_ORDER = {"referred": 0, "approved": 1, "declined": 1, "granted": 2, "issued": 3,
          "redeemed": 4}


def acts(entries: list[HistoryEntry]) -> list[HistoryAct]:
    """One line per act, newest first: a referral with the decision it produced and
    that decision's voucher are one act, not three lines of the same amount."""
    groups: dict[str, list[HistoryEntry]] = {}
    for n, entry in enumerate(entries):
        groups.setdefault(entry.act or f"entry:{n}", []).append(entry)
    folded = [_act(group) for group in groups.values()]
    return sorted(folded, key=lambda a: a.at, reverse=True)


def _act(group: list[HistoryEntry]) -> HistoryAct:
    voucher = next((e for e in group if e.kind == "voucher"), None)
    act = _core(group, voucher)
    if voucher is None:
        return act
    return replace(act, voucher_code=voucher.summary.partition(":")[0],
                   voucher_serial=voucher.ref, voucher_state=voucher.state,
                   voucher_expires=voucher.expires_on)


def _core(group: list[HistoryEntry], voucher: HistoryEntry | None) -> HistoryAct:
    by_kind = {e.kind: e for e in group}
    # In the order an act goes through them (an approval is stamped just after the
    # decision it records, in the same transaction).
    steps = tuple(sorted((s for e in group for s in e.steps),
                         key=lambda s: (_ORDER.get(s.state, 0), s.at)))
    at = max([e.at for e in group] + [s.at for s in steps])
    decision, correction = by_kind.get("decision"), by_kind.get("correction")
    asked = next((e for e in group if e.kind == "referral" and e.state == "referred"), None)
    outcome = next((e for e in group if e.kind == "referral" and e.state != "referred"),
                   None)
    if correction is not None:
        return HistoryAct(at, "correction", correction.field, "corrected", steps,
                          correction.who, correction.who_name, before=correction.before,
                          after=correction.after)
    if decision is not None:
        return HistoryAct(at, "grant", decision.summary, "granted", steps, decision.who,
                          decision.who_name, decision.approver, decision.approver_name,
                          decision.amount_minor, decision.currency, decision.reason,
                          decision.note, asked.tier if asked else "",
                          approval_channel=decision.channel or None)
    base = asked or outcome
    if base is not None:
        state = outcome.state if outcome is not None else "pending"
        # Only an approval names an approver: a declined referral granted nothing.
        approver = outcome if outcome is not None and state == "approved" else None
        return HistoryAct(at, "referral", base.summary.partition(":")[0], state, steps,
                          asked.who if asked else "", asked.who_name if asked else "",
                          approver.who if approver else None,
                          approver.who_name if approver else "", base.amount_minor,
                          base.currency, base.reason, asked.note if asked else "",
                          base.tier)
    entry = voucher or group[0]
    return HistoryAct(at, entry.kind, "", entry.state, steps, entry.who, entry.who_name,
                      amount_minor=entry.amount_minor, currency=entry.currency)
