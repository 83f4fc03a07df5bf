"""Demo data for ``leeway init --demo``: realistic customers, staff and some history.

Deterministic (seeded), so screenshots and the README's examples stay true. Names
cover several scripts and diacritics because real guest lists do.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from pos_app.domain.clock import utcnow
from pos_app.domain.money import Money
from pos_app.domain.people import Customer
from pos_app.domain.policy import Policy
from pos_app.services.employees import add_employee
from pos_app.services.ports import PinHasher, UnitOfWork
from pos_app.services.recovery import decide

GIVEN = ["Anna", "José", "Zoë", "Søren", "Łukasz", "Aiko", "Mohammed", "Chloé", "Björn",
         "Priya", "Nguyễn Văn", "Oluwaseun", "Mateo", "Elif", "Siobhán", "Dmitri", "Hana",
         "Liam", "Olivia", "Noah", "Emma", "Lucas", "Mia", "Ethan", "Sofia", "Jiří",
         "Ágnes", "François", "Renée", "Kwame", "Ingrid", "Rafael", "Yara", "Tomás",
         "Grace", "Henry", "Isabella", "James", "Amelia", "Wei", "Fatima", "Carlos"]
FAMILY = ["Müller", "García", "O'Brien", "Nakamura", "Kowalski", "Johansson", "Dubois",
          "Rossi", "Novák", "Papadopoulos", "Smith", "Johnson", "Williams", "Brown",
          "Jones", "Miller", "Davis", "Martínez", "Hernández", "López", "Wilson",
          "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
          "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
          "King", "Wright", "Scott", "Nguyen", "Hill", "Green", "Adams", "Baker", "Nelson",
          "Østergaard", "Šimek", "Çelik", "Yılmaz", "Ferreira", "Mac Giolla", "Van der Berg"]
AREA = ["212", "415", "312", "617", "206", "305", "512", "702", "213", "303"]
STREETS = ["Main St", "Oak Ave", "Harbor Rd", "Elm St", "Lake Dr", "Park Pl", "Hill Rd"]
CITIES = [("New York", "10001"), ("San Francisco", "94103"), ("Chicago", "60601"),
          ("Boston", "02108"), ("Seattle", "98101"), ("Miami", "33101")]

DEMO_STAFF = [
    # (id, name, tier, PIN) - listed in the README; never use these in production.
    ("1001", "Maya Lindqvist", "associate", "2580"),
    ("1002", "Tomás Herrera", "associate", "1357"),
    ("2001", "Aiko Tanaka", "senior", "2468"),
    ("3001", "Dev Patel", "supervisor", "3690"),
    ("4001", "Grace Okafor", "manager", "4826"),
    ("5001", "Henrik Sørensen", "general_manager", "5937"),
]


def _ascii(text: str) -> str:
    import unicodedata

    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in flat.lower() if ch.isalnum())


def demo_customers(count: int, seed: int = 7) -> Iterator[Customer]:
    rng = random.Random(seed)
    for i in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        city, postal = rng.choice(CITIES)
        domain = rng.choice(["example.com", "mail.example", "hotelguest.example"])
        yield Customer(
            id=f"C{100000 + i}",
            given_name=given,
            family_name=family,
            phone=f"+1{rng.choice(AREA)}555{rng.randrange(10000):04d}",
            email=f"{_ascii(given)}.{_ascii(family)}{i}@{domain}",
            loyalty_id=f"L{rng.randrange(10**6, 10**7)}" if rng.random() < 0.6 else "",
            room=str(rng.randrange(1, 20) * 100 + rng.randrange(1, 40))
            if rng.random() < 0.3 else "",
            address=f"{rng.randrange(1, 999)} {rng.choice(STREETS)}",
            city=city,
            postal_code=postal,
            country="US",
        )


def seed_demo(uow: UnitOfWork, hasher: PinHasher, policy: Policy, customers: int = 3000
              ) -> None:
    """Fill a fresh terminal with staff, customers and a little history; caller commits."""
    for emp_id, name, tier, pin in DEMO_STAFF:
        add_employee(uow, hasher, policy, emp_id, name, tier, pin, added_by=None)
    uow.customers.add_many(demo_customers(customers), bulk=True)
    # A few past decisions, days ago, so history and budgets are not empty.
    base = utcnow() - timedelta(days=3)
    history = [
        ("1001", "C100000", "fee_waiver", "40.00", "service_delay", ""),
        ("1002", "C100001", "goodwill_credit", "20.00", "facility_issue", ""),
        ("2001", "C100000", "refund", "35.50", "billing_error", ""),
        ("1001", "C100002", "discount_voucher", "25.00", "product_defect", ""),
        ("3001", "C100003", "refund", "120.00", "billing_error", "Double-charged minibar"),
    ]
    for n, (emp, cust, action, amount, reason, note) in enumerate(history):
        decide(uow, policy, employee_id=emp, customer_id=cust, action=action,
               amount=Money.of(amount, policy.currency), reason=reason, note=note,
               now=base + timedelta(hours=n * 5))
