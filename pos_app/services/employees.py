"""Employees: adding, listing, disabling them; checking and changing PINs; lockouts.

A wrong PIN and an unknown ID get the same message and cost the same argon2 work, so
the desk cannot be used to discover which IDs exist. Five consecutive failures, at
sign-in or as an approver, lock the account for 30 minutes; the lock lives in the
database and is timed by the monotonic clock (see :mod:`pos_app.domain.lockout`), so
neither a restart nor a clock change lifts it. Every outcome is an audit event.
"""

from __future__ import annotations

from pos_app.domain.clock import instant
from pos_app.domain.errors import AuthenticationFailed, InvalidInput, NotFound
from pos_app.domain.lockout import MAX_FAILURES, Instant, new_lock
from pos_app.domain.people import Employee, check_employee_id, check_name, is_employee_id
from pos_app.domain.policy import Policy
from pos_app.domain.policy_checks import MAX_PIN_DIGITS
from pos_app.domain.text import quoted
from pos_app.i18n import N_, _, ngettext
from pos_app.services.ports import EmployeeRecord, PinHasher, UnitOfWork

SIGN_IN_FAILED = N_("That employee ID and PIN do not match.")


def _roaming(pin_hash: str) -> str | None:
    """A hash under the shared staff key travels by sync (useless without that key, which
    lives only in the desks' keyrings); a desk-local hash never leaves the desk."""
    return pin_hash if pin_hash.startswith("staff:") else None


def check_pin_format(pin: str, policy: Policy) -> None:
    """Digits only, policy minimum length; the message never repeats the PIN."""
    if not pin.isascii() or not pin.isdigit():
        raise InvalidInput(_("A PIN is digits only."))
    if len(pin) < policy.min_pin_length:
        raise InvalidInput(_("A PIN needs at least {count} digits.").format(
            count=policy.min_pin_length))
    if len(pin) > MAX_PIN_DIGITS:
        raise InvalidInput(_("A PIN can have at most {count} digits.").format(
            count=MAX_PIN_DIGITS))


def add_employee(uow: UnitOfWork, hasher: PinHasher, policy: Policy, employee_id: str,
                 name: str, tier: str, pin: str, added_by: str | None = None) -> Employee:
    """Validate and add an employee; the caller commits."""
    check_employee_id(employee_id)
    clean = check_name(_("Name"), name)  # the same check as a customer's name
    if not clean:
        raise InvalidInput(_("An employee needs a name."))
    if tier not in policy.tiers:
        raise InvalidInput(_("Unknown tier {tier} (tiers: {tiers}).").format(
            tier=quoted(tier), tiers=", ".join(policy.tiers)))
    check_pin_format(pin, policy)
    if uow.employees.get(employee_id) is not None:
        raise InvalidInput(_("Employee {id} already exists.").format(id=employee_id))
    employee = Employee(employee_id, clean, tier)
    pin_hash = hasher.hash(pin)
    uow.employees.add(employee, pin_hash)
    uow.events.append("employee.added", {"employee_id": employee_id, "name": clean,
                                         "tier": tier, "pin_hash": _roaming(pin_hash)},
                      actor=added_by)
    return employee


def authenticate(uow: UnitOfWork, hasher: PinHasher, employee_id: str, pin: str,
                 purpose: str = "sign_in", now: Instant | None = None) -> Employee:
    """Check an ID and PIN inside a write unit of work; the caller commits either way.

    Failures are recorded (and audited) before raising, so callers must commit even
    when this raises :class:`AuthenticationFailed`.
    """
    now = now or instant()
    safe_id = (employee_id or "")[:64]
    record = uow.employees.get(employee_id) if is_employee_id(employee_id) else None
    if record is None or not record.employee.active:
        hasher.burn(pin)
        uow.events.append(f"{purpose}.failed", {"employee_id": safe_id, "why": "unknown"},
                          actor=None)
        raise AuthenticationFailed(_(SIGN_IN_FAILED))
    if record.lock is not None and record.lock.active(now):
        hasher.burn(pin)
        minutes = int(record.lock.remaining(now).total_seconds() // 60) + 1
        uow.events.append(f"{purpose}.failed", {"employee_id": employee_id, "why": "locked"},
                          actor=None)
        raise AuthenticationFailed(ngettext(
            "This account is locked after too many wrong PINs; try again in {minutes}"
            " minute or ask a manager to unlock it.",
            "This account is locked after too many wrong PINs; try again in {minutes}"
            " minutes or ask a manager to unlock it.", minutes).format(minutes=minutes))
    if not hasher.verify(record.pin_hash, pin):
        raise count_failure(uow, record, purpose, "pin", now)
    uow.employees.record_attempt(employee_id, failed=False, lock=None)
    uow.events.append(f"{purpose}.ok", {"employee_id": employee_id}, actor=employee_id)
    return record.employee


def count_failure(uow: UnitOfWork, record: EmployeeRecord, purpose: str, why: str,
                  now: Instant | None = None,
                  message: str = SIGN_IN_FAILED) -> AuthenticationFailed:
    """Count one wrong credential (a PIN, or an approval answer) towards the lockout and
    audit it; returns the error to raise. The caller commits. ``message`` is English,
    marked with ``N_``: it is said in the current language here."""
    employee_id = record.employee.id
    failures = record.failed_attempts + 1
    lock = new_lock(now or instant()) if failures >= MAX_FAILURES else None
    uow.employees.record_attempt(employee_id, failed=True, lock=lock)
    uow.events.append(f"{purpose}.failed", {"employee_id": employee_id, "why": why},
                      actor=None)
    if lock is not None:
        uow.events.append("account.locked", {"employee_id": employee_id,
                                             "until": lock.until_wall.isoformat()},
                          actor=None)
        return AuthenticationFailed(_(
            "Too many wrong PINs or answers: this account is locked for 30 minutes."
            " A manager can unlock it."))
    return AuthenticationFailed(_(message))


def _require_manager(uow: UnitOfWork, policy: Policy, manager_id: str | None) -> None:
    """Account administration is for approving tiers (supervisor and up in the demo)."""
    if manager_id is None:
        return  # the operations command line, run by whoever administers the machine
    record = uow.employees.get(manager_id)
    if record is None or not policy.limits[record.employee.tier].can_approve:
        raise InvalidInput(_("Only a supervisor or manager can do this."))


def unlock_employee(uow: UnitOfWork, policy: Policy, employee_id: str, by: str | None
                    ) -> None:
    """Lift a lockout (audited); ``by`` None means the operations command line."""
    _require_manager(uow, policy, by)
    if uow.employees.get(employee_id) is None:
        raise NotFound(_("No employee with ID {id}.").format(id=quoted(employee_id)))
    uow.employees.record_attempt(employee_id, failed=False, lock=None)
    uow.events.append("account.unlocked", {"employee_id": employee_id}, actor=by)


def change_pin(uow: UnitOfWork, hasher: PinHasher, policy: Policy, employee_id: str,
               new_pin: str, *, old_pin: str | None = None, manager_id: str | None = None,
               manager_pin: str | None = None) -> None:
    """Change a PIN with the old one, or with a manager's ID and PIN; the caller commits.

    A wrong old PIN counts towards the lockout like any other wrong PIN.
    """
    check_pin_format(new_pin, policy)
    if manager_id is not None:
        if manager_id == employee_id:
            raise InvalidInput(_("Use your old PIN to change your own PIN."))
        authenticate(uow, hasher, manager_id, manager_pin or "", purpose="approval")
        _require_manager(uow, policy, manager_id)
        if uow.employees.get(employee_id) is None:
            raise NotFound(_("No employee with ID {id}.").format(id=quoted(employee_id)))
    else:
        authenticate(uow, hasher, employee_id, old_pin or "", purpose="pin_change")
    pin_hash = hasher.hash(new_pin)
    uow.employees.set_pin_hash(employee_id, pin_hash)
    uow.employees.record_attempt(employee_id, failed=False, lock=None)
    uow.events.append("pin.changed", {"employee_id": employee_id,
                                      "pin_hash": _roaming(pin_hash)},
                      actor=manager_id or employee_id)


def disable_employee(uow: UnitOfWork, policy: Policy, employee_id: str, by: str | None
                     ) -> None:
    _require_manager(uow, policy, by)
    if uow.employees.get(employee_id) is None:
        raise NotFound(_("No employee with ID {id}.").format(id=quoted(employee_id)))
    uow.employees.set_active(employee_id, False)
    uow.events.append("employee.disabled", {"employee_id": employee_id}, actor=by)
