"""Holding allowances ahead of need, so a desk that loses the network can still serve.

When an employee signs in, the desk asks the central database for the rest of their
shift cap; when a guest is opened, for a slice of the guest's budget (the policy's
``offline.guest_slice``). Both are kept across syncs until released (sign-out), so an
offline desk spends what it already holds, and never more: the central database grants
only what no other desk has spent or holds. Run these on the sync worker: they may wait
for the network, and the counter must not.
"""

from __future__ import annotations

from pos_app.domain.people import Employee
from pos_app.services.desk import Desk


def reserve_shift(desk: Desk, employee: Employee) -> bool:
    """At sign-in: hold what is left of this employee's shift cap."""
    policy = desk.policy()
    if not desk.central.configured() or employee.tier not in policy.limits:
        return False
    return desk.central.reserve("employee", employee.id,
                                policy.limits[employee.tier].shift_cap.minor)


def release_shift(desk: Desk, employee: Employee) -> None:
    """At sign-out: the next sync hands what is unspent back to the central database."""
    desk.central.release("employee", employee.id)


def reserve_guest(desk: Desk, customer_id: str) -> bool:
    """When a guest is opened: hold a slice of their goodwill budget here."""
    policy = desk.policy()
    if not desk.central.configured() or policy.offline_guest_slice.minor <= 0:
        return False
    slice_ = min(policy.offline_guest_slice, policy.customer_budget)
    return desk.central.reserve("customer", customer_id, slice_.minor)
