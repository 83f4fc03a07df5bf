"""Employees: adding them, listing them and checking a PIN at sign-in or approval.

A wrong PIN and an unknown ID get the same message and cost the same argon2 work, so
the desk cannot be used to discover which IDs exist. Five consecutive failures lock
the account for 30 minutes (recorded in the database, so a restart does not reset it).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from pos_app.domain.clock import utcnow
from pos_app.domain.errors import AuthenticationFailed, InvalidInput
from pos_app.domain.people import Employee
from pos_app.domain.policy import Policy
from pos_app.services.ports import PinHasher, UnitOfWork

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=30)
SIGN_IN_FAILED = "That employee ID and PIN do not match."
_ID = re.compile(r"^[A-Za-z0-9._-]{1,32}$")


def check_pin_format(pin: str, policy: Policy) -> None:
    if not pin.isdigit() or not pin.isascii():
        raise InvalidInput("A PIN is digits only.")
    if len(pin) < policy.min_pin_length:
        raise InvalidInput(f"A PIN needs at least {policy.min_pin_length} digits.")
    if len(pin) > 32:
        raise InvalidInput("A PIN can have at most 32 digits.")


def add_employee(uow: UnitOfWork, hasher: PinHasher, policy: Policy, employee_id: str,
                 name: str, tier: str, pin: str, added_by: str | None = None) -> Employee:
    """Validate and add an employee; the caller commits."""
    if not _ID.match(employee_id or ""):
        raise InvalidInput("An employee ID is 1-32 letters, digits, '.', '_' or '-'.")
    clean = unicodedata.normalize("NFC", (name or "").strip())
    if not clean or len(clean) > 100 or any(unicodedata.category(c) == "Cc" for c in clean):
        raise InvalidInput("An employee needs a name of 1-100 printable characters.")
    if tier not in policy.tiers:
        raise InvalidInput(f"Unknown tier '{tier}' (tiers: {', '.join(policy.tiers)}).")
    check_pin_format(pin, policy)
    if uow.employees.get(employee_id) is not None:
        raise InvalidInput(f"Employee {employee_id} already exists.")
    employee = Employee(employee_id, clean, tier)
    uow.employees.add(employee, hasher.hash(pin))
    uow.events.append("employee.added", {"employee_id": employee_id, "name": clean,
                                         "tier": tier}, actor=added_by)
    return employee


def authenticate(uow: UnitOfWork, hasher: PinHasher, employee_id: str, pin: str,
                 purpose: str = "sign_in", now: datetime | None = None) -> Employee:
    """Check an ID and PIN inside a write unit of work; the caller commits either way.

    Failures are recorded (and audited) before raising, so callers must commit even
    when this raises :class:`AuthenticationFailed`.
    """
    now = now or utcnow()
    record = uow.employees.get(employee_id) if _ID.match(employee_id or "") else None
    if record is None or not record.employee.active:
        hasher.burn(pin)
        uow.events.append(f"{purpose}.failed", {"employee_id": (employee_id or "")[:64],
                                                "why": "unknown"}, actor=None)
        raise AuthenticationFailed(SIGN_IN_FAILED)
    if record.locked_until is not None and record.locked_until > now:
        hasher.burn(pin)
        minutes = max(1, int((record.locked_until - now).total_seconds() // 60) + 1)
        uow.events.append(f"{purpose}.failed", {"employee_id": employee_id, "why": "locked"},
                          actor=None)
        raise AuthenticationFailed(
            f"This account is locked after too many wrong PINs; try again in {minutes}"
            " minutes or ask a manager to unlock it."
        )
    if not hasher.verify(record.pin_hash, pin):
        failures = record.failed_attempts + 1
        locked = now + LOCKOUT if failures >= MAX_FAILURES else None
        uow.employees.record_attempt(employee_id, failed=True, locked_until=locked)
        uow.events.append(f"{purpose}.failed", {"employee_id": employee_id, "why": "pin"},
                          actor=None)
        if locked is not None:
            uow.events.append("account.locked", {"employee_id": employee_id,
                                                 "until": locked.isoformat()}, actor=None)
        raise AuthenticationFailed(SIGN_IN_FAILED)
    uow.employees.record_attempt(employee_id, failed=False, locked_until=None)
    uow.events.append(f"{purpose}.ok", {"employee_id": employee_id}, actor=employee_id)
    return record.employee


def unlock_employee(uow: UnitOfWork, employee_id: str, by: str | None) -> None:
    if uow.employees.get(employee_id) is None:
        raise InvalidInput(f"No employee with ID {employee_id}.")
    uow.employees.record_attempt(employee_id, failed=False, locked_until=None)
    uow.events.append("account.unlocked", {"employee_id": employee_id}, actor=by)
