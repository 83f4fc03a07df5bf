"""Customers, employees and tiers as the counter sees them: plain immutable values."""

from __future__ import annotations

from dataclasses import dataclass

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
