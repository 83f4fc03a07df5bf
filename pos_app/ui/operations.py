"""The desk's use cases as small functions a worker thread can run.

Each opens its own unit of work (one session per user action, never shared across
threads) and returns plain data for the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.bootstrap import App
from pos_app.domain.money import Money
from pos_app.domain.people import Customer, Employee
from pos_app.services.customers import (
    HistoryEntry,
    correct_contact,
    customer_history,
    get_customer,
    search_customers,
)
from pos_app.services.employees import authenticate
from pos_app.services.recovery import DecisionResult, Headroom, decide, headroom


def sign_in(app: App, employee_id: str, pin: str) -> Employee:
    with app.uow(write=True) as uow:
        try:
            return authenticate(uow, app.hasher, employee_id.strip(), pin)
        finally:
            uow.commit()  # a failed attempt and its audit event must stick too


def search(app: App, query: str, limit: int, offset: int) -> list[Customer]:
    with app.uow() as uow:
        return search_customers(uow, query, limit, offset)


@dataclass(frozen=True)
class CustomerView:
    customer: Customer
    history: list[HistoryEntry]
    headroom: Headroom


def load_customer(app: App, employee: Employee, customer_id: str) -> CustomerView:
    with app.uow() as uow:
        return CustomerView(get_customer(uow, customer_id), customer_history(uow, customer_id),
                            headroom(uow, app.policy(), employee, customer_id))


def save_field(app: App, employee: Employee, customer_id: str, field: str, value: str
               ) -> CustomerView:
    with app.uow(write=True) as uow:
        correct_contact(uow, employee_id=employee.id, customer_id=customer_id, field=field,
                        value=value, region=app.region)
        uow.commit()
    return load_customer(app, employee, customer_id)


def record_decision(app: App, employee: Employee, customer_id: str, action: str,
                    amount_text: str, reason: str, note: str) -> DecisionResult:
    policy = app.policy()
    amount = Money.parse(amount_text, policy.currency, app.locale)
    with app.uow(write=True) as uow:
        result = decide(uow, policy, employee_id=employee.id, customer_id=customer_id,
                        action=action, amount=amount, reason=reason, note=note,
                        locale=app.locale)
        if result.recorded:
            uow.commit()
    return result
