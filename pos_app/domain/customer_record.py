"""A customer as the store keeps it: the contact fields and the keys search finds it by.

The keys (the phone's digits, the name folded for matching) are pure functions of the
fields, so they are computed where a customer is validated: an import's helper
processes, which leaves the process that writes with nothing to do but write. A record
is a plain tuple (cheap to send between processes) in the order of ``RECORD_FIELDS``.
"""

from __future__ import annotations

from operator import attrgetter

from pos_app.domain.contact import phone_digits
from pos_app.domain.people import CONTACT_FIELDS, Customer
from pos_app.domain.search import fold_name

CUSTOMER_FIELDS = ("id", *CONTACT_FIELDS)  # Customer's own fields, in its own order
RECORD_FIELDS = (*CUSTOMER_FIELDS, "phone_digits", "name_folded")
CustomerRecord = tuple[str, ...]

_fields = attrgetter(*CUSTOMER_FIELDS)


def record_of(customer: Customer) -> CustomerRecord:
    """The customer's fields followed by its search keys."""
    return (*_fields(customer), *_keys(customer.phone, customer.given_name,
                                       customer.family_name))


def record(customer_id: str, fields: dict[str, str]) -> CustomerRecord:
    """As :func:`record_of` for ``Customer(customer_id, **fields)``, without building
    the Customer (an import makes a million)."""
    get = fields.get
    return (customer_id, *[get(f, "") for f in CONTACT_FIELDS],
            *_keys(get("phone", ""), get("given_name", ""), get("family_name", "")))


def _keys(phone: str, given_name: str, family_name: str) -> tuple[str, str]:
    return phone_digits(phone), fold_name(f"{given_name} {family_name}".strip())


def customer_of(record: CustomerRecord) -> Customer:
    return Customer(*record[: len(CUSTOMER_FIELDS)])
