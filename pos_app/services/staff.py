"""The acts about people: sign in, check an approver's PIN, change a PIN, add, disable
and unlock employees. Each owns its transaction.

A PIN check is always committed, whether it succeeded or not: a wrong PIN must count
towards the lockout and stay in the audit log even when the act it was for goes no
further. No caller has to remember that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos_app.domain.clock import instant
from pos_app.domain.errors import AuthenticationFailed, InvalidInput
from pos_app.domain.people import Employee
from pos_app.i18n import _
from pos_app.services import employees
from pos_app.services.desk import Desk


def verify_pin(desk: Desk, employee_id: str, pin: str, purpose: str = "sign_in"
               ) -> Employee:
    """Check an ID and PIN; the outcome (and any lockout) is committed either way.

    Raises :class:`AuthenticationFailed` with a message that never says which was wrong.
    """
    with desk.uows(write=True) as uow:
        try:
            return employees.authenticate(uow, desk.hasher, employee_id.strip(), pin,
                                          purpose=purpose)
        finally:
            uow.commit()


def sign_in(desk: Desk, employee_id: str, pin: str) -> Employee:
    return verify_pin(desk, employee_id, pin, purpose="sign_in")


def add_employee(desk: Desk, employee_id: str, name: str, tier: str, pin: str,
                 added_by: str | None = None) -> Employee:
    with desk.uows(write=True) as uow:
        employee = employees.add_employee(uow, desk.hasher, desk.policies.current(uow),
                                          employee_id, name, tier, pin, added_by)
        uow.commit()
    return employee


def change_pin(desk: Desk, employee_id: str, new_pin: str, *, old_pin: str | None = None,
               manager_id: str | None = None, manager_pin: str | None = None) -> None:
    """With the old PIN, or a manager's ID and PIN; a wrong PIN counts and is kept."""
    with desk.uows(write=True) as uow:
        try:
            employees.change_pin(uow, desk.hasher, desk.policies.current(uow), employee_id,
                                 new_pin, old_pin=old_pin, manager_id=manager_id,
                                 manager_pin=manager_pin)
        except AuthenticationFailed:
            uow.commit()
            raise
        uow.commit()


@dataclass(frozen=True)
class LockedAccount:
    """A colleague locked out at this desk, and until when (wall clock, for the screen)."""

    employee: Employee
    until: datetime


def locked_accounts(desk: Desk) -> list[LockedAccount]:
    """Everyone whose lockout is still running at this desk, soonest to expire first.

    Locks live in this desk's own database (they are not synced), so this is the whole
    list a manager here can act on.
    """
    now = instant()
    with desk.uows() as uow:
        locked = []
        for person in uow.employees.all():
            record = uow.employees.get(person.id)
            if record is not None and record.lock is not None and record.lock.active(now):
                locked.append(LockedAccount(record.employee, now.wall + record.lock.remaining(now)))
    return sorted(locked, key=lambda a: (a.until, a.employee.id))


def lift_lockout(desk: Desk, employee_id: str, by: str | None) -> None:
    """``by`` is the manager signed in at the desk; None for the operations CLI.

    Refuses (writing nothing) when the person is not locked: "lockout lifted" must only
    ever be said, and audited, about an account that was locked.
    """
    employee_id = employee_id.strip()
    with desk.uows(write=True) as uow:
        record = uow.employees.get(employee_id)
        # Permission and existence are checked first, so the refusal below tells nobody
        # without authority whether a colleague is locked.
        employees.unlock_employee(uow, desk.policies.current(uow), employee_id, by)
        if record is None or record.lock is None:
            name = record.employee.name if record else employee_id
            # Leaving the unit of work without committing undoes the unlock above.
            raise InvalidInput(_("{name} ({id}) is not locked out; nothing was changed.")
                               .format(name=name, id=employee_id))
        uow.commit()


def disable_employee(desk: Desk, employee_id: str, by: str | None) -> None:
    with desk.uows(write=True) as uow:
        employees.disable_employee(uow, desk.policies.current(uow), employee_id, by)
        uow.commit()


def staff(desk: Desk) -> list[Employee]:
    with desk.uows() as uow:
        return uow.employees.all()
