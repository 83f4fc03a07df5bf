"""Customers, employees and tiers as the counter sees them: plain immutable values.

Also the rules for their identifiers and names, shared by every way one comes in (the
desk, the command line, a CSV import, sync), so that an ID accepted in one place is
found in every other and no name hides characters a reader cannot see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pos_app.domain.errors import InvalidInput
from pos_app.domain.text import check_line, has_invisible, quoted
from pos_app.i18n import _

CONTACT_FIELDS = (
    "given_name",
    "family_name",
    "phone",
    "email",
    "loyalty_id",
    "room",
    "address",
    "city",
    "postal_code",
    "country",
)


@dataclass(frozen=True)
class Customer:
    id: str  # the store's own id (``customer_id`` in CSV files)
    given_name: str = ""
    family_name: str = ""
    phone: str = ""  # E.164, e.g. +15550123456
    email: str = ""
    loyalty_id: str = ""
    room: str = ""
    address: str = ""
    city: str = ""
    postal_code: str = ""
    country: str = ""

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or self.id


@dataclass(frozen=True)
class Tier:
    name: str
    rank: int

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Employee:
    id: str
    name: str
    tier: str
    active: bool = True

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


# --- identifiers and names -----------------------------------------------------------

# fullmatch, never match with "$": "$" also matches before a final newline.
EMPLOYEE_ID = re.compile(r"[A-Za-z0-9._-]{1,32}")
MAX_CUSTOMER_ID = 64
MAX_NAME = 100


def is_employee_id(value: str | None) -> bool:
    return bool(value) and EMPLOYEE_ID.fullmatch(value or "") is not None


def check_employee_id(value: str | None) -> str:
    if not is_employee_id(value):
        raise InvalidInput(_("An employee ID is 1-32 letters, digits, '.', '_' or '-'."))
    return value or ""


def customer_id_problem(value: str | None) -> str | None:
    """Why ``value`` cannot be a customer ID, or None. The store chooses its own IDs (any
    script, any punctuation), but an ID is one visible word: no spaces, nothing invisible,
    so what is printed or typed is exactly what is stored."""
    text = value or ""
    if not text:
        return _("A customer ID cannot be empty.")
    if len(text) > MAX_CUSTOMER_ID:
        return _("A customer ID has at most {limit} characters; this has {count}.").format(
            limit=MAX_CUSTOMER_ID, count=len(text))
    if has_invisible(text) or any(ch.isspace() for ch in text):
        return _("A customer ID has no spaces or invisible characters: {value}"
                 " is not one.").format(value=quoted(text))
    return None


def check_customer_id(value: str | None) -> str:
    problem = customer_id_problem(value)
    if problem is not None:
        raise InvalidInput(problem)
    return value or ""


def check_name(label: str, value: str, limit: int = MAX_NAME) -> str:
    """A person's name, customer or employee alike: any script, one line, nothing
    invisible (the same check as every contact field); ``label`` is in the language."""
    return check_line(label, value, limit)
