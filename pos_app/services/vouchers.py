"""Issuing, verifying and redeeming recovery vouchers.

Issuing signs the voucher's facts (code, customer, value, expiry, issuer) with the
terminal's Ed25519 key and records it with a ``voucher.issued`` event in the caller's
transaction, so the voucher exists durably before anything prints. Verifying checks
the code's check symbol, finds the voucher, and checks the issuer's signature with the
issuer's public key, offline. Redeeming is a conditional update: of two desks racing
on one database exactly one succeeds. Each failure has its own message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from pos_app.domain.clock import utcnow
from pos_app.domain.errors import InvalidInput, LeewayError
from pos_app.domain.events import canonical_json
from pos_app.domain.money import Money
from pos_app.domain.policy import Policy
from pos_app.domain.text import ident
from pos_app.domain.voucher_code import format_code, new_serial, parse_code
from pos_app.domain.zones import format_day, format_stamp
from pos_app.i18n import N_, _, translator
from pos_app.services.desk import CentralVoucherState, Verify, VoucherFace
from pos_app.services.ports import DecisionRecord, Signer, UnitOfWork, VoucherRecord

# In English, marked for the catalogs: a voucher says them in the desk's language.
DEFAULT_APOLOGY = N_("We are sorry we let you down, and we would like to make it right.")
TERMS = N_("One use only. Not exchangeable for cash. Present this voucher or its code at"
           " any {store} desk before it expires.")
HEADLINES = {"replacement": N_("Replacement"), "discount_voucher": N_("Discount")}
CREDIT = N_("Credit")
MAX_APOLOGY = 300


class VoucherProblem(LeewayError):
    """A voucher that cannot be honoured; the message says why, for the guest too."""


@dataclass(frozen=True)
class VoucherStatus:
    voucher: VoucherRecord
    valid: bool
    message: str

    @property
    def value(self) -> Money:
        return Money(self.voucher.value_minor, self.voucher.currency)


def signed_message(v: VoucherRecord) -> bytes:
    """The facts a signature covers; changing any of them breaks the signature."""
    return canonical_json({
        "serial": v.serial, "customer_id": v.customer_id, "customer_name": v.customer_name,
        "action": v.action, "value_minor": v.value_minor, "currency": v.currency,
        "item": v.item, "issued_at": v.issued_at.isoformat(),
        "expires_on": v.expires_on.isoformat(), "issuer_terminal": v.issuer_terminal,
        "issued_by": v.issued_by, "key_id": v.key_id,
    }).encode("utf-8")


def apology_for(policy: Policy, reason: str, locale: str | None = None) -> str:
    """The reason's apology line in the desk's language (``locale``; None: the current
    one): the demo policy's lines are translated, a store's own stand as written."""
    say = translator(locale) if locale is not None else _
    code = policy.reasons.get(reason)
    return say(code.apology if code is not None and code.apology else DEFAULT_APOLOGY)


def issue_voucher(uow: UnitOfWork, policy: Policy, signer: Signer,
                  decision: DecisionRecord, apology: str | None = None,
                  locale: str | None = None) -> VoucherRecord:
    """Issue the voucher a recorded decision yields; the caller commits. Without an
    ``apology``, the reason's own, in the desk's language (``locale``)."""
    kind = policy.actions.get(decision.action)
    if kind is None or not kind.yields_voucher:
        raise InvalidInput(_("This action does not come with a voucher."))
    if uow.vouchers.for_decision(decision.id) is not None:
        raise InvalidInput(_("A voucher was already issued for this decision; reprint it."))
    customer = uow.customers.get(decision.customer_id)
    employee = uow.employees.get(decision.employee_id)
    if customer is None or employee is None:
        raise InvalidInput(_("The decision's customer or employee no longer exists."))
    text = " ".join((apology if apology is not None
                     else apology_for(policy, decision.reason, locale)).split())
    if not text or len(text) > MAX_APOLOGY:
        raise InvalidInput(_("The apology line needs 1-{limit} characters.").format(
            limit=MAX_APOLOGY))
    term = uow.terminal()
    uow.vouchers.add_public_key(signer.key_id, term.id, signer.public_raw)
    now = utcnow().replace(microsecond=0)
    serial = new_serial()
    unsigned = VoucherRecord(
        serial=serial, code=format_code(serial), decision_id=decision.id,
        customer_id=customer.id, customer_name=customer.display_name,
        action=decision.action, value_minor=decision.amount_minor,
        currency=decision.currency,
        item=decision.note[:200] if decision.action == "replacement" else "",
        apology=text, issued_at=now,
        expires_on=(now + timedelta(days=policy.voucher_valid_days)).date(),
        issuer_terminal=term.id, issued_by=employee.employee.id,
        issued_by_name=employee.employee.first_name, key_id=signer.key_id, signature="")
    voucher = _with_signature(unsigned, signer.sign(signed_message(unsigned)))
    uow.vouchers.add(voucher)
    uow.events.append("voucher.issued", {
        **{k: v for k, v in voucher.__dict__.items() if k not in ("status", "prints")},
        "issued_at": voucher.issued_at.isoformat(), "expires_on": voucher.expires_on.isoformat(),
        "redeemed_at": None, "public_key": signer.public_raw.hex(),
    }, actor=employee.employee.id)
    return voucher


def _with_signature(v: VoucherRecord, signature: str) -> VoucherRecord:
    from dataclasses import replace

    return replace(v, signature=signature)


def _redeemed_when(at: datetime | str | None, zone: tzinfo, locale: str) -> str:
    """When a voucher was redeemed (stored UTC, or central's ISO text), as the desk
    reads it: '6/2/25, 8:30 AM JST'."""
    if isinstance(at, str):
        try:
            parsed = datetime.fromisoformat(at)
        except ValueError:
            return at[:16].replace("T", " ")
        return format_stamp(parsed, locale, zone)
    return format_stamp(at, locale, zone) if at is not None else "?"


def verify_voucher(uow: UnitOfWork, verify: Verify, code_text: str,
                   today: date | None = None, zone: tzinfo = UTC,
                   locale: str = "en_US") -> VoucherStatus:
    """Check a typed or scanned code; raise :class:`InvalidInput` for a malformed code.
    A redemption's time is told in ``zone`` and ``locale`` (the desk's)."""
    serial = parse_code(code_text)  # mistyped or transposed: its own message
    voucher = uow.vouchers.get(serial)
    if voucher is None:
        raise VoucherProblem(_(
            "No voucher with this code is known here. It may be forged, or issued at a desk"
            " that has not synced yet."))
    key = uow.vouchers.public_key(voucher.key_id)
    if (key is None or key[0] != voucher.issuer_terminal
            or not verify(key[1], signed_message(voucher), voucher.signature)):
        return VoucherStatus(voucher, False,
                             _("This voucher's signature does not verify: it is forged or"
                               " was altered. Do not honour it; tell a manager."))
    if voucher.status == "redeemed":
        return VoucherStatus(voucher, False,
                             _("Already redeemed on {when} at {terminal}.").format(
                                 when=_redeemed_when(voucher.redeemed_at, zone, locale),
                                 terminal=voucher.redeemed_terminal))
    today = today or utcnow().date()
    if voucher.expires_on < today:
        from babel.dates import format_date

        return VoucherStatus(voucher, False, _("Expired on {day}.").format(
            day=format_date(voucher.expires_on, "medium", locale=locale)))
    return VoucherStatus(voucher, True, _("Valid."))


def redeem_voucher(uow: UnitOfWork, verify: Verify, policy: Policy, code_text: str,
                   employee_id: str, online: bool = False, today: date | None = None,
                   central: CentralVoucherState | None = None, zone: tzinfo = UTC,
                   locale: str = "en_US") -> VoucherStatus:
    """Redeem once; the caller commits. Raises :class:`VoucherProblem` with the reason.

    ``online`` means the central database was asked first and ``central`` is its answer
    (the central database is the judge of redemption across desks).
    """
    employee = uow.employees.get(employee_id)
    if employee is None or not employee.employee.active:
        raise InvalidInput(_("No active employee with ID {id}.").format(
            id=ident(employee_id)))
    status = verify_voucher(uow, verify, code_text, today, zone, locale)
    if not status.valid:
        raise VoucherProblem(status.message)
    if online and central is not None and central.status == "redeemed":
        raise VoucherProblem(_("Already redeemed at {terminal} on {when}.").format(
            terminal=central.redeemed_terminal,
            when=_redeemed_when(central.redeemed_at, zone, locale)))
    term = uow.terminal()
    if (status.voucher.issuer_terminal != term.id and not online
            and status.value > policy.offline_redeem_cap):
        raise VoucherProblem(_(
            "This voucher was issued at another desk and is worth more than {cap}"
            " {currency}, the most this desk may redeem without the central database"
            " confirming it. Try again once online.").format(
                cap=policy.offline_redeem_cap.plain(), currency=policy.currency))
    now: datetime = utcnow()
    if not uow.vouchers.redeem(status.voucher.serial, now, employee_id, term.id):
        raise VoucherProblem(_("Already redeemed a moment ago (at this or another desk)."))
    uow.events.append("voucher.redeemed", {
        "serial": status.voucher.serial, "value_minor": status.voucher.value_minor,
        "currency": status.voucher.currency, "issuer_terminal": status.voucher.issuer_terminal,
        "offline": not online}, actor=employee_id)
    redeemed = uow.vouchers.get(status.voucher.serial)
    assert redeemed is not None
    return VoucherStatus(redeemed, True, _("Redeemed."))


def voucher_face(voucher: VoucherRecord, store_name: str, locale: str, copy: bool = False,
                 zone: tzinfo = UTC) -> VoucherFace:
    """The printed texts of a voucher, formatted for the desk's locale; the day it was
    issued is the desk's day (``Desk.zone``), the expiry day is a calendar day as stored."""
    from babel.dates import format_date

    say = translator(locale)  # the desk's language, whoever prints it
    value = Money(voucher.value_minor, voucher.currency).format(locale)
    headline = say(HEADLINES.get(voucher.action, CREDIT))
    return VoucherFace(
        store_name=store_name,
        customer_name=voucher.customer_name,
        value_text=voucher.item or value if voucher.action == "replacement" else value,
        headline=headline,
        apology=voucher.apology,
        expires_text=say(N_("Valid until {day}")).format(
            day=format_date(voucher.expires_on, "long", locale=locale)),
        terms=say(TERMS).format(store=store_name),
        code=voucher.code,
        issued_by=voucher.issued_by_name,
        issued_text=say(N_("Issued {day}")).format(
            day=format_day(voucher.issued_at, locale, zone, "medium")),
        copy=copy,
    )
