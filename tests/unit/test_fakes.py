"""The in-memory unit of work behaves like the SQLite store where services depend on it.

The scenarios marked ``both`` run unchanged against the fake and a real SQLite unit of
work (a fresh migrated file each; a few tenths of a second), so a service test that
passes on the fake means what it would mean on the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.domain.events import GENESIS_HASH, uuid7, verify_chain
from pos_app.domain.lockout import Lock
from pos_app.domain.money import Money
from pos_app.domain.people import Customer, Employee
from pos_app.domain.policy import parse_policy
from pos_app.services.ports import (
    DecisionRecord,
    GrantRecord,
    ReferralRecord,
    ReviewKind,
    UnitOfWork,
    UnitOfWorkFactory,
    VoucherRecord,
)
from pos_app.services.recovery import decide
from pos_app.services.sync_review import mark_reviewed, review_items, summary
from tests.unit.fakes import FakeIntegrityError, FakeStaleWrite, FakeUnitOfWorkFactory

NOW = datetime(2024, 6, 1, 12, 0)
SHIFT_SINCE, BUDGET_SINCE, FREQUENCY_SINCE = (NOW - timedelta(hours=8),
                                              NOW - timedelta(days=30),
                                              NOW - timedelta(days=7))
DEFAULT_TOML = Path(__file__).resolve().parents[2] / "resources" / "policies" / "default.toml"


class PowerCut(Exception):
    pass


@pytest.fixture(params=["fake", "sqlite"])
def both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    """A store with a terminal, two employees and two customers, set up through the ports."""
    if request.param == "fake":
        uows: UnitOfWorkFactory = FakeUnitOfWorkFactory(terminal_id=None)
        close = None
    else:
        from pos_app.adapters.db.engine import open_database
        from pos_app.adapters.db.uow import SqlUnitOfWorkFactory

        db = open_database(tmp_path / "store.sqlite3")
        uows, close = SqlUnitOfWorkFactory(db), db.dispose
    with uows(write=True) as uow:
        uow.terminals.create("desk-1", "Test Hotel", "en_US", "US")
        uow.employees.add(Employee("E1", "Ann Associate", "associate"), "hash-1")
        uow.employees.add(Employee("E2", "Sam Senior", "senior"), "hash-2")
        uow.customers.add_many([Customer("C1", "Ada", "Lovelace", phone="+15550100001"),
                                Customer("C2", "Bob", "Byte", email="bob@example.com")])
        uow.commit()
    yield uows
    if close is not None:
        close()


def _decide(uow: UnitOfWork, employee: str, customer: str, amount: int, at: datetime,
            discretionary: bool = True) -> DecisionRecord:
    ev = uow.events.append("decision.recorded", {"amount_minor": amount}, actor=employee)
    record = DecisionRecord(str(uuid7()), customer, employee, None, "fee_waiver", amount,
                            "USD", "service_delay", "", discretionary, "v1", at, ev.id)
    uow.decisions.add(record)
    return record


# --- both stores --------------------------------------------------------------------------


def test_totals_count_each_window_from_its_start(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow:
        _decide(uow, "E1", "C1", 1000, NOW - timedelta(hours=1))
        _decide(uow, "E1", "C1", 200, SHIFT_SINCE)  # on the boundary: inside
        _decide(uow, "E1", "C1", 300, SHIFT_SINCE - timedelta(microseconds=1))
        _decide(uow, "E1", "C2", 400, NOW - timedelta(hours=2))  # another customer
        _decide(uow, "E2", "C1", 500, NOW - timedelta(days=10))  # budget, not frequency
        _decide(uow, "E2", "C1", 50, BUDGET_SINCE)
        _decide(uow, "E2", "C1", 600, BUDGET_SINCE - timedelta(microseconds=1))
        _decide(uow, "E2", "C1", 700, NOW - timedelta(days=1),
                discretionary=False)  # a correction: no goodwill budget spent
        uow.commit()

    with both() as uow:
        assert uow.decisions.totals("E1", "C1", SHIFT_SINCE, BUDGET_SINCE,
                                    FREQUENCY_SINCE) == (1600, 2050, 3, None)
        assert uow.decisions.totals("E2", "C2", SHIFT_SINCE, BUDGET_SINCE,
                                    FREQUENCY_SINCE) == (0, 400, 1, None)
        assert uow.decisions.totals("E9", "C9", SHIFT_SINCE, BUDGET_SINCE,
                                    FREQUENCY_SINCE) == (0, 0, 0, None)
        assert [d.amount_minor for d in uow.decisions.for_customer("C2")] == [400]
        assert [d.amount_minor for d in uow.decisions.since(SHIFT_SINCE)] == [200, 400, 1000]


def test_leaving_without_commit_writes_nothing(both: UnitOfWorkFactory) -> None:
    with both() as uow:
        head = uow.terminal()
    with pytest.raises(PowerCut), both(write=True) as uow:
        _decide(uow, "E1", "C1", 1000, NOW)
        uow.customers.add_many([Customer("C9", "Zed")])
        uow.employees.record_attempt("E1", failed=True, lock=Lock(NOW, 1.0, "boot"))
        uow.policies.add("v9", "document", None)
        raise PowerCut

    with both() as uow:
        assert uow.terminal() == head
        assert uow.events.count() == 0
        assert uow.decisions.for_customer("C1") == []
        assert uow.customers.get("C9") is None
        record = uow.employees.get("E1")
        assert record is not None and (record.failed_attempts, record.lock) == (0, None)
        assert uow.policies.current_version() is None


def test_rollback_discards_and_the_unit_carries_on(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow:
        uow.customers.add_many([Customer("C8", "Gone")])
        uow.rollback()
        uow.customers.add_many([Customer("C9", "Kept")])
        uow.commit()
    with both() as uow:
        assert (uow.customers.get("C8"), uow.customers.get("C9")) == (None, Customer("C9",
                                                                                     "Kept"))


def test_a_reader_sees_only_committed_work(both: UnitOfWorkFactory) -> None:
    with both(write=True) as writer:
        writer.customers.update_field("C1", "email", "ada@example.com")
        with both() as reader:
            customer = reader.customers.get("C1")
            assert customer is not None and customer.email == ""
        writer.commit()
    with both() as reader:
        customer = reader.customers.get("C1")
        assert customer is not None and customer.email == "ada@example.com"


def test_events_chain_gaplessly_from_genesis(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow:
        first = uow.events.append("a.happened", {"n": 1}, actor="E1")
        uow.events.append("b.happened", {"n": 2}, actor=None, approver="E2")
        uow.commit()
    with both(write=True) as uow:
        uow.events.append("c.happened", {"n": 3}, actor="E1")
        uow.commit()
    with both() as uow:
        events = list(uow.events.ordered())
        term = uow.terminal()
    assert first.prev_hash == GENESIS_HASH
    assert [e.seq for e in events] == [1, 2, 3] and term.last_seq == 3
    assert verify_chain(events, (term.last_seq, term.head_hash)) is None


def test_a_grant_is_used_once(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow:
        ev = uow.events.append("approval.granted", {}, actor="E2")
        uow.approvals.add(GrantRecord("G1", "E1", "E2", "C1", "refund", 5000, "USD", NOW,
                                      None, ev.id))
        assert uow.approvals.mark_used("G1", "D1")
        assert not uow.approvals.mark_used("G1", "D2")
        assert not uow.approvals.mark_used("G404", "D3")
        uow.commit()
    with both() as uow:
        grant = uow.approvals.get("G1")
        assert grant is not None and grant.used_by_decision == "D1"


def test_a_voucher_is_redeemed_once_and_prints_are_counted(both: UnitOfWorkFactory) -> None:
    voucher = VoucherRecord("S1", "CODE-1", "D1", "C1", "Ada Lovelace", "discount_voucher",
                            2000, "USD", "", "Sorry", NOW, date(2024, 12, 31), "desk-1", "E1",
                            "Ann Associate", "K1", "sig")
    with both(write=True) as uow:
        uow.vouchers.add(voucher)
        uow.vouchers.add_public_key("K1", "desk-1", b"\x01" * 32)
        uow.vouchers.add_public_key("K1", "desk-2", b"\x02" * 32)  # the first key stays
        assert uow.vouchers.redeem("S1", NOW, "E2", "desk-2")
        assert not uow.vouchers.redeem("S1", NOW, "E1", "desk-1")
        assert [uow.vouchers.count_print("S1") for _ in range(2)] == [1, 2]
        uow.commit()
    with both() as uow:
        stored = uow.vouchers.get("S1")
        assert stored is not None
        assert (stored.status, stored.redeemed_by, stored.redeemed_terminal, stored.prints) == (
            "redeemed", "E2", "desk-2", 2)
        assert uow.vouchers.for_decision("D1") == stored
        assert uow.vouchers.public_key("K1") == ("desk-1", b"\x01" * 32)


def test_a_referral_is_resolved_once(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow:
        uow.referrals.add(ReferralRecord("R1", "C1", "E1", "refund", 300000, "USD",
                                         "service_delay", "", "general_manager", "too much",
                                         NOW, "pending"))
        assert [r.id for r in uow.referrals.pending()] == ["R1"]
        assert uow.referrals.resolve("R1", "declined", "E2", NOW, None, "no")
        assert not uow.referrals.resolve("R1", "approved", "E2", NOW, "D1", "yes")
        assert uow.referrals.pending() == []
        referral = uow.referrals.get("R1")
        assert referral is not None and (referral.state, referral.decision_note) == (
            "declined", "no")


def test_rows_must_point_at_rows_that_exist(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow, pytest.raises((FakeIntegrityError, IntegrityError)):
        _decide(uow, "E1", "C404", 100, NOW)


def test_terminal_policy_version_and_customer_listing(both: UnitOfWorkFactory) -> None:
    with both(write=True) as uow:
        with pytest.raises(InvalidInput, match="already holds terminal desk-1"):
            uow.terminals.create("desk-2", "Elsewhere", "de_DE", "DE")
        assert uow.policies.current_version() is None
        uow.policies.add("v1", "one", None)
        uow.policies.add("v2", "two", "E2")
        assert uow.policies.current_version() == "v2"
        assert uow.policies.current() == ("v2", "two")
        assert [c.id for c in uow.customers.all()] == ["C1", "C2"]
        assert [c.id for c in uow.customers.search("lovel", 10)] == ["C1"]
        assert [c.id for c in uow.customers.search("bob@exa", 10)] == ["C2"]
        assert uow.terminal().id == "desk-1"


# --- the fake's own guarantees -------------------------------------------------------------


def test_commits_are_counted() -> None:
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow:
        uow.customers.add_many([Customer("C1", "Ada")])
    assert uows.committed == 0
    with uows(write=True) as uow:
        uow.customers.add_many([Customer("C1", "Ada")])
        uow.commit()
    assert uows.committed == 1


def test_write_units_queue_so_nesting_one_fails_at_once() -> None:
    uows = FakeUnitOfWorkFactory()
    with uows(write=True), pytest.raises(RuntimeError, match="already holds"):
        uows(write=True).__enter__()
    with uows(write=True) as uow:  # the lock was released
        uow.commit()


def test_a_reader_cannot_commit_over_a_newer_write() -> None:
    uows = FakeUnitOfWorkFactory()
    with uows() as reader:
        with uows(write=True) as writer:
            writer.customers.add_many([Customer("C1", "Ada")])
            writer.commit()
        reader.customers.add_many([Customer("C2", "Bob")])
        with pytest.raises(FakeStaleWrite):
            reader.commit()


def test_allowances_never_go_below_zero() -> None:
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow:
        assert not uow.allowances.enabled()
        uow.allowances.set_enabled(True)
        uow.allowances.grant("customer", "C1", 5000)
        uow.allowances.spend("customer", "C1", 3000)
        assert uow.allowances.left("customer", "C1") == 2000
        uow.allowances.spend("customer", "C1", 4000)  # an approved exception
        assert uow.allowances.left("customer", "C1") == 0
        assert uow.allowances.left("employee", "E1") == 0
        uow.commit()
    with uows() as uow:
        assert uow.allowances.enabled()


def test_decide_runs_on_the_fake_and_counts_towards_the_shift() -> None:
    uows = FakeUnitOfWorkFactory()
    policy = parse_policy(DEFAULT_TOML.read_text(encoding="utf-8"))
    with uows(write=True) as uow:
        uow.employees.add(Employee("E1", "Ann Associate", "associate"), "hash")
        uow.customers.add_many([Customer("C1", "Ada")])
        result = decide(uow, policy, employee_id="E1", customer_id="C1", action="fee_waiver",
                        amount=Money.of("40.00", "USD"), reason="service_delay", now=NOW)
        refused = decide(uow, policy, employee_id="E1", customer_id="C1", action="fee_waiver",
                         amount=Money.of("5000.00", "USD"), reason="service_delay", now=NOW)
        uow.commit()
    assert result.recorded and not refused.recorded
    with uows() as uow:
        assert uow.decisions.totals("E1", "C1", SHIFT_SINCE, BUDGET_SINCE,
                                    FREQUENCY_SINCE) == (4000, 4000, 1, None)
        assert [e.type for e in uow.events.ordered()] == ["decision.recorded"]


def _reviews_fixture() -> tuple[FakeUnitOfWorkFactory, int]:
    uows = FakeUnitOfWorkFactory()
    with uows(write=True) as uow:
        uow.events.append("decision.recorded", {}, actor="E1")
        conflict = uow.reviews.add_conflict(
            "contact", "C1", {"field": "phone", "kept": "+1555", "lost": "+1666"}, NOW)
        uow.reviews.reject(1, "unknown customer")
        uow.commit()
    return uows, conflict


def test_review_lists_conflicts_then_rejected_events_on_the_fake() -> None:
    uows, conflict = _reviews_fixture()
    items = review_items(uows)
    assert [(i.kind, i.conflict_id, i.key, i.detected_at) for i in items] == [
        (ReviewKind.CONTACT_CONFLICT, conflict, "C1", NOW),
        (ReviewKind.REJECTED_EVENT, None, "event 1", None)]
    assert [summary(i) for i in items] == [
        "phone: kept +1555, other desk's +1666 was not applied",
        "decision.recorded: unknown customer"]


def test_marking_reviewed_once_is_audited_on_the_fake() -> None:
    uows, conflict = _reviews_fixture()
    mark_reviewed(uows, conflict, by="E2")
    with pytest.raises(NotFound):
        mark_reviewed(uows, conflict)
    with pytest.raises(InvalidInput):
        mark_reviewed(uows, None)
    assert [i.kind for i in review_items(uows)] == [ReviewKind.REJECTED_EVENT]
    with uows() as uow:
        last = list(uow.events.ordered())[-1]
    assert (last.type, last.actor, json.loads(last.payload)) == (
        "conflict.reviewed", "E2", {"conflict_id": conflict})
