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
    return (*_fields(customer), phone_digits(customer.phone),
            fold_name(f"{customer.given_name} {customer.family_name}".strip()))


def customer_of(record: CustomerRecord) -> Customer:
    return Customer(*record[: len(CUSTOMER_FIELDS)])
