"""Employees: their records, PIN hashes, failed attempts and lockouts.

``get`` is on every decision's path (requester, approver), so it reads through the
session's DB-API connection (see :mod:`pos_app.adapters.db.dbapi`), converting the
values as the ORM's column types would.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pos_app.adapters.db.dbapi import execute
from pos_app.adapters.db.models import EmployeeRow
from pos_app.domain.clock import utcnow
from pos_app.domain.lockout import Lock
from pos_app.domain.people import Employee
from pos_app.services.ports import EmployeeRecord

_GET = ("SELECT id, name, tier, active, pin_hash, failed_attempts, locked_until, lock_mono,"
        " lock_boot FROM employees WHERE id = ?")


class SqlEmployees:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, employee_id: str) -> EmployeeRecord | None:
        row = execute(self.session, _GET, (employee_id,)).fetchone()
        if row is None:
            return None
        id_, name, tier, active, pin_hash, failed, locked_until, lock_mono, lock_boot = row
        # As the Boolean and DateTime types read them: 0/1, and the ISO text they wrote.
        lock = (Lock(datetime.fromisoformat(locked_until), lock_mono or 0.0, lock_boot or "")
                if locked_until is not None else None)
        return EmployeeRecord(Employee(id_, name, tier, bool(active)), pin_hash, failed, lock)

    def add(self, employee: Employee, pin_hash: str) -> None:
        self.session.add(EmployeeRow(id=employee.id, name=employee.name, tier=employee.tier,
                                     pin_hash=pin_hash, active=employee.active,
                                     created_at=utcnow(), failed_attempts=0))
        self.session.flush()

    def all(self) -> list[Employee]:
        rows = self.session.scalars(select(EmployeeRow).order_by(EmployeeRow.id))
        return [Employee(r.id, r.name, r.tier, r.active) for r in rows]

    def record_attempt(self, employee_id: str, failed: bool, lock: Lock | None) -> None:
        row = self.session.get(EmployeeRow, employee_id)
        if row is None:
            return
        row.failed_attempts = row.failed_attempts + 1 if failed else 0
        row.locked_until = lock.until_wall if lock else None
        row.lock_mono = lock.at_mono if lock else None
        row.lock_boot = lock.boot_id if lock else None
        self.session.flush()

    def set_pin_hash(self, employee_id: str, pin_hash: str) -> None:
        self.session.execute(update(EmployeeRow).where(EmployeeRow.id == employee_id)
                             .values(pin_hash=pin_hash))

    def set_active(self, employee_id: str, active: bool) -> None:
        self.session.execute(update(EmployeeRow).where(EmployeeRow.id == employee_id)
                             .values(active=active))
