"""How one pulled change is applied to the local database, kind by kind.

Customers: the desk's hybrid clock observes the change's stamp (so this desk's next
edit is stamped later, whatever its wall clock says), and a customer whose local edits
have not been pushed yet is never overwritten (central sends the merge back after the
push). Vouchers (and their issuer's public key), referrals recorded elsewhere, staff
from the central directory, merge conflicts to review, and published policies each have
their own rule below. Every function works inside the caller's write transaction.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import (
    ConflictRow,
    CustomerRow,
    EmployeeRow,
    EventRow,
    OutboxRow,
    PolicyVersionRow,
    RecognitionRow,
    ReferralRow,
    TerminalKeyRow,
    TerminalRow,
    VoucherRow,
)
from pos_app.domain.clock import utcnow
from pos_app.domain.contact import phone_digits
from pos_app.domain.hlc import HybridClock, format_hlc, parse_hlc
from pos_app.domain.people import CONTACT_FIELDS
from pos_app.domain.search import fold_name
from pos_app.domain.text import clean_free_text
from pos_app.i18n import _


def customers_with_unsynced_edits(s: Session) -> set[str]:
    payloads = s.execute(select(EventRow.payload).join(
        OutboxRow, OutboxRow.event_id == EventRow.id).where(
        OutboxRow.state == "pending", EventRow.type == "contact.corrected")).scalars()
    return {json.loads(p)["customer_id"] for p in payloads}


def apply_change(s: Session, kind: str, key: str, data: dict[str, Any], seq: int,
                 unsynced: set[str]) -> str | None:
    """Apply one change; returns the policy version it put in force, if it did that.

    ``unsynced`` holds the customers with local edits not yet pushed.
    """
    applied: str | None = None
    if kind == "customer":
        apply_customer(s, key, data, unsynced)
    elif kind == "voucher":
        apply_voucher(s, key, data)
    elif kind == "referral":
        apply_referral(s, key, data)
    elif kind == "employee":
        apply_employee(s, key, data)
    elif kind == "conflict":
        apply_conflict(s, key, data, seq)
    elif kind == "policy":
        applied = apply_policy(s, data)
    elif kind == "recognition":
        apply_recognition(s, key, data)
    s.flush()
    return applied


def apply_recognition(s: Session, recognition_id: str, data: dict[str, Any]) -> None:
    """A decision recognised at another desk: its employee sees it at their next sign-in
    here. Known already (our own, or pulled twice): nothing changes."""
    if s.get(RecognitionRow, recognition_id) is not None or not data.get("employee_id"):
        return
    try:
        given_at = datetime.fromisoformat(str(data.get("given_at") or "")).replace(tzinfo=None)
    except ValueError:
        given_at = utcnow()
    s.add(RecognitionRow(id=recognition_id, decision_id=str(data.get("decision_id") or ""),
                         employee_id=str(data["employee_id"])[:64],
                         given_by=str(data.get("given_by") or "")[:64],
                         given_by_name=clean_free_text(str(data.get("given_by_name") or ""))[:100],
                         note=clean_free_text(str(data.get("note") or ""))[:500],
                         given_at=given_at, seen_at=None))


def apply_customer(s: Session, customer_id: str, data: dict[str, Any],
                   unsynced: set[str]) -> None:
    if data.get("hlc"):
        observe(s, str(data["hlc"]))
    if customer_id in unsynced:
        return  # our own edit is on its way; central will send the merge back
    values = {f: str(data.get(f, "") or "") for f in CONTACT_FIELDS}
    row = s.scalars(select(CustomerRow).where(CustomerRow.id == customer_id)).first()
    folded = fold_name(f"{values['given_name']} {values['family_name']}".strip())
    if row is None:
        s.add(CustomerRow(id=customer_id, **values, phone_digits=phone_digits(values["phone"]),
                          name_folded=folded, updated_at=utcnow()))
        return
    for f, v in values.items():
        if getattr(row, f) != v:
            setattr(row, f, v)
    row.phone_digits = phone_digits(row.phone)
    row.name_folded = folded


def observe(s: Session, stamp: str) -> None:
    """Hybrid logical clock: after seeing another desk's edit, this desk's next edit
    is stamped later, even if its wall clock runs behind (so last writer wins)."""
    term = s.scalars(select(TerminalRow)).one()
    clock = HybridClock()
    if term.last_hlc:
        clock.last_ms, clock.counter = parse_hlc(term.last_hlc)
    clock.observe(stamp)
    term.last_hlc = format_hlc(clock.last_ms, clock.counter)


def apply_conflict(s: Session, key: str, data: dict[str, Any], seq: int) -> None:
    if s.scalars(select(ConflictRow).where(ConflictRow.central_id == seq)).first():
        return
    s.add(ConflictRow(central_id=seq, kind=str(data.get("kind", "")), key=key,
                      detail=json.dumps(data, ensure_ascii=False), detected_at=utcnow(),
                      reviewed=False))


def apply_policy(s: Session, data: dict[str, Any]) -> str | None:
    """A published policy becomes the desk's current one unless it already is."""
    latest = s.scalars(select(PolicyVersionRow).order_by(
        PolicyVersionRow.id.desc()).limit(1)).first()
    version = str(data["version"])
    if latest is not None and latest.version == version:
        return None
    s.add(PolicyVersionRow(version=version, document=data["document"], loaded_at=utcnow(),
                           loaded_by="central"))
    return version


def apply_referral(s: Session, referral_id: str, data: dict[str, Any]) -> None:
    """Referrals recorded at other desks, so a manager here can decide them."""
    row = s.get(ReferralRow, referral_id)
    if data.get("state") == "pending":
        if row is not None or s.scalars(select(CustomerRow.id).where(
                CustomerRow.id == data["customer_id"])).first() is None:
            return
        requester = str(data["requester_id"])
        shadow_employee(s, requester, data.get("requester_name"), data.get("requester_tier"))
        s.add(ReferralRow(
            id=referral_id, customer_id=data["customer_id"], requester_id=requester,
            action=data["action"], amount_minor=int(data["amount_minor"]),
            currency=data["currency"], reason=data["reason"], note=data.get("note", ""),
            required_tier=data["required_tier"], why=data.get("why", ""),
            created_at=datetime.fromisoformat(data["created_at"]), state="pending"))
    elif row is not None and row.state == "pending":
        decider = str(data.get("decided_by") or "")
        shadow_employee(s, decider, data.get("decided_by_name"), data.get("decided_by_tier"))
        row.state = str(data["state"])
        row.decided_by = decider
        at = str(data.get("decided_at") or "")
        row.decided_at = datetime.fromisoformat(at.rstrip("Z")) if at else utcnow()
        row.decision_id = data.get("decision_id")
        row.decision_note = data.get("decision_note") or _("decided at {terminal}").format(
            terminal=data.get("decided_at_terminal"))


def apply_employee(s: Session, employee_id: str, data: dict[str, Any]) -> None:
    """Staff from the central directory; a local-only PIN is never overwritten by a
    change that carries no PIN."""
    row = s.get(EmployeeRow, employee_id)
    if row is None:
        if not data.get("name"):
            return  # a change to someone this desk has never heard of
        s.add(EmployeeRow(id=employee_id, name=str(data["name"]), tier=str(data["tier"]),
                          pin_hash=str(data.get("pin_hash") or "!"),
                          active=bool(data.get("active", True)) and bool(data.get("pin_hash")),
                          created_at=utcnow(), failed_attempts=0))
        return
    if data.get("name"):
        row.name, row.tier = str(data["name"]), str(data["tier"])
    if data.get("pin_hash"):
        row.pin_hash = str(data["pin_hash"])
        if row.pin_hash.startswith("staff:") and "active" not in data:
            row.active = True  # a shadow record gets a usable PIN
    if "active" in data:
        row.active = bool(data["active"]) and row.pin_hash != "!"


def shadow_employee(s: Session, employee_id: str, name: Any, tier: Any) -> None:
    """Staff of another desk, known here by name only: inactive, can never sign in."""
    if not employee_id or s.get(EmployeeRow, employee_id) is not None:
        return
    s.add(EmployeeRow(id=employee_id, name=str(name or employee_id),
                      tier=str(tier or "associate"), pin_hash="!", active=False,
                      created_at=utcnow(), failed_attempts=0))
    s.flush()


VOUCHER_FIELDS = ("code", "decision_id", "customer_id", "customer_name", "action",
                  "value_minor", "currency", "apology", "issued_at", "expires_on",
                  "issuer_terminal", "issued_by", "issued_by_name", "key_id", "signature")


def apply_voucher(s: Session, serial: str, data: dict[str, Any]) -> None:
    """A voucher issued or redeemed at another desk. A change that lacks what a voucher
    needs (one desk's forged event) is skipped here: it must never stop the sync of
    every other desk. Such a voucher cannot verify anyway (its signature is missing)."""
    if s.get(VoucherRow, serial) is None and not all(
            isinstance(data.get(k), str | int) and str(data.get(k)) for k in VOUCHER_FIELDS):
        return
    try:
        _apply_voucher(s, serial, data)
    except (KeyError, TypeError, ValueError):
        return  # malformed dates or amounts: skipped likewise


def _apply_voucher(s: Session, serial: str, data: dict[str, Any]) -> None:
    if data.get("public_key") and s.get(TerminalKeyRow, data["key_id"]) is None:
        s.add(TerminalKeyRow(key_id=data["key_id"], terminal_id=data["issuer_terminal"],
                             public_key=data["public_key"], created_at=utcnow()))
    row = s.get(VoucherRow, serial)
    if row is None:
        s.add(VoucherRow(
            serial=serial, code=data["code"], decision_id=data["decision_id"],
            customer_id=data["customer_id"], customer_name=data["customer_name"],
            action=data["action"], value_minor=int(data["value_minor"]),
            currency=data["currency"], item=data.get("item", ""), apology=data["apology"],
            issued_at=datetime.fromisoformat(data["issued_at"]),
            expires_on=datetime.fromisoformat(data["expires_on"]).date(),
            issuer_terminal=data["issuer_terminal"], issued_by=data["issued_by"],
            issued_by_name=data["issued_by_name"], key_id=data["key_id"],
            signature=data["signature"], status=data.get("status", "issued"), prints=0))
    elif data.get("status") == "redeemed" and row.status != "redeemed":
        row.status = "redeemed"
        row.redeemed_terminal = data.get("redeemed_terminal")
        at = data.get("redeemed_at")
        row.redeemed_at = datetime.fromisoformat(at.rstrip("Z")) if at else None
