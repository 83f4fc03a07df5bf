"""How many wrong PINs an ID may still have before it locks, for the sign-in screen.

Read-only. For an employee the count is the one the lockout itself is judged by. It
must not tell a person at the desk which IDs exist, so an unknown (or disabled) ID gets
an answer of the very same shape, counted from the wrong PINs the screen asking has
seen for it in a row, and both answers cost the same single look-up. (Counting an
unknown ID's failures from the audit log instead would read the whole log each time:
seconds on a busy desk, and only for IDs that do not exist, which the delay would give
away.)
"""

from __future__ import annotations

from pos_app.domain.lockout import MAX_FAILURES
from pos_app.services.desk import Desk


def attempts_left(desk: Desk, employee_id: str, failures_seen: int) -> int | None:
    """Wrong PINs this ID may still have before it locks; None once none are left
    (the sign-in then says the account is locked, or nothing more for unknown IDs).

    ``failures_seen`` is how many wrong PINs in a row the caller has seen for this ID:
    what an ID that is not an active employee is counted by.
    """
    with desk.uows() as uow:
        record = uow.employees.get(employee_id.strip()[:64])
    failures = (record.failed_attempts if record is not None and record.employee.active
                else failures_seen)
    left = MAX_FAILURES - failures
    return left if left > 0 else None
