"""The acts of finding a guest and correcting their details, as the counter does them.

Reads run in a read-only unit of work; a correction is its own write transaction. The
view a window shows is plain data, including the policy it was judged under, so a
window that sees a newer policy version knows to rebuild its buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain.people import Customer, Employee
from pos_app.domain.policy import Policy
from pos_app.services import customers
from pos_app.services.customers import HistoryEntry
from pos_app.services.desk import Desk
from pos_app.services.recovery import Headroom, headroom


@dataclass(frozen=True)
class CustomerView:
    customer: Customer
    history: list[HistoryEntry]
    headroom: Headroom
    policy: Policy


def search(desk: Desk, query: str, limit: int, offset: int = 0) -> list[Customer]:
    with desk.uows() as uow:
        return customers.search_customers(uow, query, limit, offset)


def open_customer(desk: Desk, employee: Employee, customer_id: str) -> CustomerView:
    with desk.uows() as uow:
        policy = desk.policies.current(uow)
        return CustomerView(customers.get_customer(uow, customer_id),
                            customers.customer_history(uow, customer_id),
                            headroom(uow, policy, employee, customer_id), policy)


def correct_contact(desk: Desk, employee: Employee, customer_id: str, field: str,
                    value: str) -> CustomerView:
    """Validate and save one field (who/when/before/after recorded), then the new view."""
    with desk.uows(write=True) as uow:
        customers.correct_contact(uow, employee_id=employee.id, customer_id=customer_id,
                                  field=field, value=value, region=desk.region)
        uow.commit()
    return open_customer(desk, employee, customer_id)
