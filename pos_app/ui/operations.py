"""The desk's use cases as small functions a worker thread can run.

Each opens its own unit of work (one session per user action, never shared across
threads) and returns plain data for the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pos_app.bootstrap import App
from pos_app.domain.errors import AuthenticationFailed, InvalidInput
from pos_app.domain.money import Money
from pos_app.domain.people import Customer, Employee
from pos_app.services.approvals import (
    ApprovalRefused,
    RequestDetails,
    refer,
    referrals_for,
    resolve_referral,
    unlock_and_decide,
)
from pos_app.services.audit import verify_audit
from pos_app.services.customers import (
    HistoryEntry,
    correct_contact,
    customer_history,
    get_customer,
    search_customers,
)
from pos_app.services.employees import authenticate, unlock_employee
from pos_app.services.ports import DecisionRecord, ReferralRecord, VoucherRecord
from pos_app.services.recovery import DecisionResult, Headroom, decide, headroom
from pos_app.services.vouchers import (
    VoucherStatus,
    apology_for,
    issue_voucher,
    verify_voucher,
    voucher_document_fields,
)
from pos_app.ui.recovery import RecoveryRequestForm


def sign_in(app: App, employee_id: str, pin: str) -> Employee:
    with app.uow(write=True) as uow:
        try:
            return authenticate(uow, app.hasher, employee_id.strip(), pin)
        finally:
            uow.commit()  # a failed attempt and its audit event must stick too


def search(app: App, query: str, limit: int, offset: int) -> list[Customer]:
    with app.uow() as uow:
        return search_customers(uow, query, limit, offset)


@dataclass(frozen=True)
class CustomerView:
    customer: Customer
    history: list[HistoryEntry]
    headroom: Headroom


def load_customer(app: App, employee: Employee, customer_id: str) -> CustomerView:
    with app.uow() as uow:
        return CustomerView(get_customer(uow, customer_id), customer_history(uow, customer_id),
                            headroom(uow, app.policy(), employee, customer_id))


def save_field(app: App, employee: Employee, customer_id: str, field: str, value: str
               ) -> CustomerView:
    with app.uow(write=True) as uow:
        correct_contact(uow, employee_id=employee.id, customer_id=customer_id, field=field,
                        value=value, region=app.region)
        uow.commit()
    return load_customer(app, employee, customer_id)


def record_decision(app: App, employee: Employee, customer_id: str, action: str,
                    amount_text: str, reason: str, note: str) -> DecisionResult:
    policy = app.policy()
    amount = Money.parse(amount_text, policy.currency, app.locale)
    app.top_up_allowances(employee, customer_id, amount)
    with app.uow(write=True) as uow:
        result = decide(uow, policy, employee_id=employee.id, customer_id=customer_id,
                        action=action, amount=amount, reason=reason, note=note,
                        locale=app.locale)
        if result.recorded:
            uow.commit()
    return result


def _request(app: App, employee: Employee, customer_id: str, form: RecoveryRequestForm
             ) -> RequestDetails:
    policy = app.policy()
    return RequestDetails(employee.id, customer_id, form.action,
                          Money.parse(form.amount, policy.currency, app.locale), form.reason,
                          form.note)


def unlock_decision(app: App, employee: Employee, customer_id: str, form: RecoveryRequestForm,
                    approver_id: str, approver_pin: str) -> DecisionResult:
    """The manager's unlock at this desk: one action, spent at once."""
    req = _request(app, employee, customer_id, form)
    app.top_up_allowances(employee, customer_id, req.amount)
    with app.uow(write=True) as uow:
        try:
            result = unlock_and_decide(uow, app.hasher, app.policy(), req, approver_id,
                                       approver_pin, app.locale)
        except (AuthenticationFailed, ApprovalRefused):
            uow.commit()  # failed approvals count towards lockout and stay audited
            raise
        if result.recorded:
            uow.commit()
    return result


def refer_request(app: App, employee: Employee, customer_id: str, form: RecoveryRequestForm
                  ) -> ReferralRecord:
    req = _request(app, employee, customer_id, form)
    with app.uow(write=True) as uow:
        referral = refer(uow, app.policy(), req, app.locale)
        uow.commit()
    return referral


@dataclass(frozen=True)
class ReferralView:
    referral: ReferralRecord
    customer_name: str
    requester_name: str


def pending_referrals(app: App, employee: Employee) -> list[ReferralView]:
    with app.uow() as uow:
        views = []
        for r in referrals_for(uow, app.policy(), employee):
            customer = uow.customers.get(r.customer_id)
            requester = uow.employees.get(r.requester_id)
            views.append(ReferralView(r, customer.display_name if customer else r.customer_id,
                                      requester.employee.name if requester else r.requester_id))
        return views


def decide_referral(app: App, employee: Employee, referral_id: str, approve: bool, note: str
                    ) -> DecisionResult | None:
    with app.uow(write=True) as uow:
        result = resolve_referral(uow, app.policy(), referral_id, employee, approve, note,
                                  app.locale)
        uow.commit()
    return result


def unlock_account(app: App, manager: Employee, employee_id: str) -> None:
    with app.uow(write=True) as uow:
        unlock_employee(uow, app.policy(), employee_id.strip(), by=manager.id)
        uow.commit()


def check_audit(app: App) -> str | None:
    """None when the audit chain verifies, else a sentence naming the first break."""
    with app.uow() as uow:
        _count, problem = verify_audit(uow)
    if problem is None:
        return None
    return f"Event {problem.seq}: {problem.problem}."


@dataclass(frozen=True)
class IssuedVoucher:
    voucher: VoucherRecord
    pdf: bytes


def _render(app: App, voucher: VoucherRecord, layout: str, copy: bool) -> bytes:
    # reportlab is imported on first use, on a worker: it costs start-up ~70 ms otherwise.
    from pos_app.adapters.vouchers.pdf import VoucherDocument, render_voucher

    doc = VoucherDocument(**voucher_document_fields(  # type: ignore[arg-type]
        voucher, app.policy(), app.store_name, app.locale, copy))
    return render_voucher(doc, layout)


def issue_voucher_for(app: App, decision: DecisionRecord, apology: str, layout: str
                      ) -> IssuedVoucher:
    """Issue (durably) and render; the voucher exists before anything prints."""
    with app.uow(write=True) as uow:
        voucher = issue_voucher(uow, app.policy(), app.signer(), decision, apology)
        uow.vouchers.count_print(voucher.serial)
        uow.commit()
    return IssuedVoucher(voucher, _render(app, voucher, layout, copy=False))


def reprint_voucher(app: App, serial: str, layout: str) -> IssuedVoucher:
    """A reprint from history says COPY across it, and is counted."""
    with app.uow(write=True) as uow:
        voucher = uow.vouchers.get(serial)
        if voucher is None:
            raise InvalidInput("No such voucher.")
        uow.vouchers.count_print(serial)
        uow.events.append("voucher.reprinted", {"serial": serial}, actor=None)
        uow.commit()
    return IssuedVoucher(voucher, _render(app, voucher, layout, copy=True))


def rasterise(pdf: bytes, dpi: int) -> list[tuple[bytes, float, float]]:
    from pos_app.adapters.vouchers.raster import render_pages

    return render_pages(pdf, dpi)


def check_voucher(app: App, code: str) -> VoucherStatus:
    from pos_app.adapters.vouchers.keys import verify_signature

    with app.uow() as uow:
        return verify_voucher(uow, verify_signature, code)


def redeem(app: App, employee: Employee, code: str) -> VoucherStatus:
    status: VoucherStatus = app.redeem_voucher(code, employee.id)
    return status


def suggested_apology(app: App, reason: str) -> str:
    return apology_for(app.policy(), reason)


def sync_now(app: App) -> Any:
    """One push/pull cycle (network and database work: run it on a worker)."""
    return app.syncer().sync_once()


def sync_status(app: App) -> Any:
    """The indicator's figures without touching the network."""
    from pos_app.adapters.central.sync import SyncReport

    syncer = app.syncer()
    report = SyncReport(online=syncer.configured() and syncer.last_known_online())
    if not syncer.configured():
        report.error = "local only"
    syncer.fill_status(report)
    return report


@dataclass(frozen=True)
class ReviewItem:
    id: int
    kind: str
    key: str
    summary: str
    detected_at: str


def review_items(app: App) -> list[ReviewItem]:
    """Merge losers and double redemptions from sync, and rejected events, to review."""
    import json as _json

    from sqlalchemy import text

    items: list[ReviewItem] = []
    with app.uow() as uow:
        rows = uow.session.execute(text(
            "SELECT id, kind, key, detail, detected_at FROM contact_conflicts"
            " WHERE reviewed = 0 ORDER BY id")).all()
        for row in rows:
            d = _json.loads(row.detail)
            if row.kind == "contact":
                summary = (f"{d.get('field')}: kept {d.get('kept')!s}, other desk's"
                           f" {d.get('lost')!s} was not applied")
            else:
                summary = (f"voucher redeemed twice: at {d.get('first_terminal')} and at"
                           f" {d.get('terminal')}")
            items.append(ReviewItem(int(row.id), str(row.kind), str(row.key), summary,
                                    str(row.detected_at)[:16]))
        rejected = uow.session.execute(text(
            "SELECT e.seq, e.type, o.last_error FROM outbox o JOIN events e ON e.id ="
            " o.event_id WHERE o.state = 'rejected' ORDER BY e.seq")).all()
        for seq, etype, why in rejected:
            items.append(ReviewItem(-int(seq), "rejected", f"event {seq}",
                                    f"{etype}: {why}", ""))
    return items


def mark_reviewed(app: App, item_id: int) -> None:
    from sqlalchemy import text

    if item_id < 0:
        return  # rejected events stay flagged until an engineer resolves them
    with app.uow(write=True) as uow:
        uow.session.execute(text("UPDATE contact_conflicts SET reviewed = 1 WHERE id = :i"),
                            {"i": item_id})
        uow.events.append("conflict.reviewed", {"conflict_id": item_id}, actor=None)
        uow.commit()
