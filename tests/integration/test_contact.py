"""Correcting contact details: validated, applied, and recorded with before/after."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from integration_support import ASSOCIATE, FRESH_CUSTOMER, SENIOR, connect, snapshot

from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.services.audit import verify_audit
from pos_app.services.customers import correct_contact, customer_history, get_customer


def _correct(app: Any, field: str, value: str, employee: str = ASSOCIATE,
             customer: str = FRESH_CUSTOMER) -> Any:
    with app.uow(write=True) as uow:
        updated = correct_contact(uow, employee_id=employee, customer_id=customer,
                                  field=field, value=value, region="US")
        uow.commit()
    return updated


def _customer(app: Any, customer: str = FRESH_CUSTOMER) -> Any:
    with app.uow() as uow:
        return get_customer(uow, customer)


@pytest.mark.parametrize(("field", "value"), [
    ("email", "not-an-email"),
    ("email", "two@@example.com"),
    ("email", "spaces in@example.com"),
    ("email", "nodot@localhost"),
    ("email", "a@b.com\nBcc: x@evil.example"),
    ("email", "zero\u200bwidth@example.com"),
    ("email", "tab\t@example.com"),
    ("email", "x" * 300 + "@example.com"),
    ("phone", "12"),
    ("phone", "call me maybe"),
    ("phone", "+1 555 000 0000 0000 0000 0000 0000 0000 00"),
    ("given_name", "Bob\u0007"),
    ("given_name", "A" * 101),
    ("favourite_colour", "blue"),
])
def test_invalid_value_raises_and_writes_nothing(demo_copy: Any, demo_dir: Path, field: str,
                                                 value: str) -> None:
    before_customer = _customer(demo_copy)
    before = snapshot(demo_dir)
    with pytest.raises(InvalidInput):
        _correct(demo_copy, field, value)
    assert snapshot(demo_dir) == before  # no correction row, no event, no outbox row
    assert _customer(demo_copy) == before_customer
    with demo_copy.uow() as uow:
        assert customer_history(uow, FRESH_CUSTOMER) == []


def test_unknown_customer_or_employee_writes_nothing(demo_copy: Any, demo_dir: Path) -> None:
    before = snapshot(demo_dir)
    with pytest.raises(NotFound):
        _correct(demo_copy, "email", "ok@example.com", customer="C999999999")
    with pytest.raises(NotFound):
        _correct(demo_copy, "email", "ok@example.com", employee="9999")
    assert snapshot(demo_dir) == before


def test_valid_email_is_applied_with_history_and_event(demo_copy: Any, demo_dir: Path) -> None:
    old = _customer(demo_copy).email
    updated = _correct(demo_copy, "email", "  Guest.Name@Example.COM ")
    assert updated.email == "Guest.Name@example.com"  # trimmed; domain lower-cased
    assert _customer(demo_copy).email == "Guest.Name@example.com"

    with demo_copy.uow() as uow:
        history = customer_history(uow, FRESH_CUSTOMER)
        checked, problem = verify_audit(uow)
    assert len(history) == 1
    entry = history[0]
    assert (entry.kind, entry.who) == ("correction", ASSOCIATE)
    assert entry.summary == f"E-mail: {old} \u2192 Guest.Name@example.com"

    conn = connect(demo_dir)
    try:
        etype, actor, payload, seq = conn.execute(
            "SELECT type, actor, payload, seq FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        correction = conn.execute(
            "SELECT field, before, after, employee_id, event_id FROM contact_corrections"
        ).fetchall()
        event_id = conn.execute("SELECT id FROM events WHERE seq = ?", (seq,)).fetchone()[0]
        outbox = conn.execute("SELECT state FROM outbox WHERE event_id = ?",
                              (event_id,)).fetchone()
    finally:
        conn.close()
    assert (etype, actor) == ("contact.corrected", ASSOCIATE)
    assert json.loads(payload) == {"customer_id": FRESH_CUSTOMER, "field": "email",
                                   "before": old, "after": "Guest.Name@example.com"}
    assert correction == [("email", old, "Guest.Name@example.com", ASSOCIATE, event_id)]
    assert outbox == ("pending",)
    assert problem is None and checked == seq


def test_phone_is_stored_as_e164_and_history_is_newest_first(demo_copy: Any) -> None:
    old_phone = _customer(demo_copy).phone
    _correct(demo_copy, "phone", "(415) 730-2211")
    _correct(demo_copy, "given_name", "Zoë", employee=SENIOR)
    assert _customer(demo_copy).phone == "+14157302211"
    with demo_copy.uow() as uow:
        history = customer_history(uow, FRESH_CUSTOMER)
    assert [h.summary.split(":")[0] for h in history] == ["First name", "Phone"]
    assert history[0].who == SENIOR
    assert history[1].summary == f"Phone: {old_phone} \u2192 +14157302211"


def test_same_value_again_records_nothing(demo_copy: Any, demo_dir: Path) -> None:
    current = _customer(demo_copy).email
    before = snapshot(demo_dir)
    _correct(demo_copy, "email", current)
    assert snapshot(demo_dir) == before


def test_removing_the_last_name_is_refused(demo_copy: Any, demo_dir: Path) -> None:
    _correct(demo_copy, "family_name", "")
    before = snapshot(demo_dir)
    with pytest.raises(InvalidInput):
        _correct(demo_copy, "given_name", "   ")
    assert snapshot(demo_dir) == before
    assert _customer(demo_copy).given_name
