"""The acts about people: sign in, check an approver's PIN, change a PIN, add, disable
and unlock employees. Each owns its transaction.

A PIN check is always committed, whether it succeeded or not: a wrong PIN must count
towards the lockout and stay in the audit log even when the act it was for goes no
further. No caller has to remember that.
"""

from __future__ import annotations

from pos_app.domain.people import Employee
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
    from pos_app.domain.errors import AuthenticationFailed

    with desk.uows(write=True) as uow:
        try:
            employees.change_pin(uow, desk.hasher, desk.policies.current(uow), employee_id,
                                 new_pin, old_pin=old_pin, manager_id=manager_id,
                                 manager_pin=manager_pin)
        except AuthenticationFailed:
            uow.commit()
            raise
        uow.commit()


def lift_lockout(desk: Desk, employee_id: str, by: str | None) -> None:
    """``by`` is the manager signed in at the desk; None for the operations CLI."""
    with desk.uows(write=True) as uow:
        employees.unlock_employee(uow, desk.policies.current(uow), employee_id.strip(), by)
        uow.commit()


def disable_employee(desk: Desk, employee_id: str, by: str | None) -> None:
    with desk.uows(write=True) as uow:
        employees.disable_employee(uow, desk.policies.current(uow), employee_id, by)
        uow.commit()


def staff(desk: Desk) -> list[Employee]:
    with desk.uows() as uow:
        return uow.employees.all()
