"""In-memory fakes of every storage port, so services can be unit-tested without a database.

In cosmicpython's style (``tests/unit/test_handlers.py``): a :class:`FakeUnitOfWorkFactory`
holds the committed tables; each :class:`FakeUnitOfWork` works on its own copy and
``commit()`` publishes it, while leaving without a commit discards it, so "nothing was
written" is as true here as on SQLite. The fakes keep the rules the SQL store enforces
and services rely on: primary keys and foreign keys (:class:`FakeIntegrityError`), the
single use of grants and vouchers, gapless hash-chained events, write units that queue
like ``BEGIN IMMEDIATE``, and a reader that cannot commit over a newer write. Search is a
plain case-insensitive substring match, not the FTS5 ranking.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from types import TracebackType
from typing import Any

from pos_app.domain.clock import utcnow
from pos_app.domain.contact import phone_digits
from pos_app.domain.customer_record import CustomerRecord, customer_of
from pos_app.domain.errors import IntegrityProblem, InvalidInput
from pos_app.domain.events import GENESIS_HASH, Event, chain_next
from pos_app.domain.hlc import HybridClock, parse_hlc
from pos_app.domain.lockout import Lock
from pos_app.domain.people import CONTACT_FIELDS, Customer, Employee
from pos_app.domain.search import fold_name, plan_search
from pos_app.services.ports import (
    CorrectionRecord,
    DecisionRecord,
    DecisionTotals,
    EmployeeRecord,
    FarApprovalRecord,
    GrantRecord,
    ReferralRecord,
    ReviewItem,
    ReviewKind,
    TerminalInfo,
    UnitOfWorkFactory,
    VoucherRecord,
)

WRITE_LOCK_TIMEOUT = 30.0  # the SQLite store's busy_timeout, in seconds


class FakeIntegrityError(Exception):
    """A write the database's constraints would refuse (duplicate key, missing row)."""


class FakeStaleWrite(Exception):
    """A unit committed writes over data another unit committed after it started
    reading (SQLite refuses this as SQLITE_BUSY_SNAPSHOT)."""


@dataclass(frozen=True)
class OutboxEntry:
    event_id: str
    seq: int
    state: str = "pending"  # pending, sent or rejected
    last_error: str | None = None


@dataclass(frozen=True)
class ConflictEntry:
    id: int
    kind: str
    key: str
    detail: str  # JSON, as stored
    detected_at: datetime
    reviewed: bool = False


@dataclass(frozen=True)
class TerminalEntry:
    info: TerminalInfo
    last_hlc: str = ""


@dataclass
class Tables:
    """The store's rows. Values are immutable, so copying the containers copies the state."""

    terminal: TerminalEntry | None = None
    customers: dict[str, Customer] = field(default_factory=dict)  # in insertion order
    employees: dict[str, EmployeeRecord] = field(default_factory=dict)
    decisions: dict[str, DecisionRecord] = field(default_factory=dict)
    corrections: list[tuple[CorrectionRecord, str]] = field(default_factory=list)
    policies: list[tuple[str, str, str | None]] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)  # by id, in sequence order
    outbox: dict[str, OutboxEntry] = field(default_factory=dict)
    grants: dict[str, GrantRecord] = field(default_factory=dict)
    referrals: dict[str, ReferralRecord] = field(default_factory=dict)
    far_approvals: dict[str, FarApprovalRecord] = field(default_factory=dict)
    vouchers: dict[str, VoucherRecord] = field(default_factory=dict)
    public_keys: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    syncing: bool = False  # a central database is configured: allowances apply
    allowances: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    conflicts: dict[int, ConflictEntry] = field(default_factory=dict)

    def copy(self) -> Tables:
        return Tables(**{f.name: copy.copy(getattr(self, f.name)) for f in fields(self)})

    def load(self, other: Tables) -> None:
        for f in fields(self):
            setattr(self, f.name, copy.copy(getattr(other, f.name)))


def _require(present: bool, what: str) -> None:
    if not present:
        raise FakeIntegrityError(what)


def _unique(key: str, table: dict[str, Any], what: str) -> None:
    if key in table:
        raise FakeIntegrityError(f"duplicate {what} {key}")


class FakeEventLog:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def append(
        self, type: str, payload: dict[str, Any], actor: str | None,
        approver: str | None = None,
    ) -> Event:
        term = self._t.terminal
        if term is None:
            raise IntegrityProblem("This terminal is not initialised; run 'leeway init'.")
        clock = HybridClock()
        if term.last_hlc:
            clock.last_ms, clock.counter = parse_hlc(term.last_hlc)
        ev = chain_next(
            terminal_id=term.info.id, seq=term.info.last_seq + 1,
            prev_hash=term.info.head_hash, hlc=clock.tick(),
            occurred_at=utcnow().isoformat(timespec="microseconds") + "Z",
            actor=actor, approver=approver, type=type, payload=payload)
        self._t.events[ev.id] = ev
        self._t.outbox[ev.id] = OutboxEntry(ev.id, ev.seq)
        self._t.terminal = TerminalEntry(
            replace(term.info, last_seq=ev.seq, head_hash=ev.hash), ev.hlc)
        return ev

    def ordered(self) -> Iterator[Event]:
        yield from sorted(self._t.events.values(), key=lambda e: e.seq)

    def count(self) -> int:
        return len(self._t.events)


class FakeTerminals:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def create(self, terminal_id: str, store_name: str, locale: str, region: str,
               secrets_id: str | None = None) -> TerminalInfo:
        if self._t.terminal is not None:
            raise InvalidInput(
                f"This database already holds terminal {self._t.terminal.info.id}.")
        info = TerminalInfo(terminal_id, store_name, locale, region, 0, GENESIS_HASH,
                            secrets_id)
        self._t.terminal = TerminalEntry(info)
        return info

    def update_settings(self, locale: str, region: str, time_zone: str | None) -> None:
        term = self._t.terminal
        if term is None:
            raise IntegrityProblem("This terminal is not initialised; run 'leeway init'.")
        self._t.terminal = replace(term, info=replace(term.info, locale=locale,
                                                      region=region, time_zone=time_zone))


def _haystack(c: Customer) -> str:
    return " ".join((fold_name(f"{c.given_name} {c.family_name}"), c.email.lower(),
                     c.loyalty_id.lower(), c.room.lower(), phone_digits(c.phone)))


class FakeCustomers:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def get(self, customer_id: str) -> Customer | None:
        return self._t.customers.get(customer_id)

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self._t.customers}

    def add_many(self, customers: Iterable[Customer], bulk: bool = False) -> int:
        count = 0
        for c in customers:
            _unique(c.id, self._t.customers, "customer")
            self._t.customers[c.id] = c
            count += 1
        return count

    def add_records(self, batches: Iterable[list[CustomerRecord]], bulk: bool = False,
                    index_each_batch: bool = False) -> int:
        return self.add_many((customer_of(r) for batch in batches for r in batch), bulk)

    def update_field(self, customer_id: str, field: str, value: str) -> None:
        if field not in CONTACT_FIELDS:
            raise ValueError(field)
        current = self._t.customers.get(customer_id)
        if current is not None:
            self._t.customers[customer_id] = replace(current, **{field: value})

    def search(self, query: str, limit: int, offset: int = 0) -> list[Customer]:
        plan = plan_search(query)
        if plan.empty or limit <= 0:
            return []
        if plan.digits:
            hits = [c for c in self._t.customers.values()
                    if plan.digits in phone_digits(c.phone) or plan.digits in c.loyalty_id
                    or plan.digits in c.room]
        else:
            words = plan.name_prefixes or (plan.fragment,)
            hits = [c for c in self._t.customers.values()
                    if all(w in _haystack(c) for w in words)]
        return hits[offset : offset + limit]

    def count(self) -> int:
        return len(self._t.customers)

    def all(self) -> Iterator[Customer]:
        yield from list(self._t.customers.values())


class FakeEmployees:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def get(self, employee_id: str) -> EmployeeRecord | None:
        return self._t.employees.get(employee_id)

    def add(self, employee: Employee, pin_hash: str) -> None:
        _unique(employee.id, self._t.employees, "employee")
        self._t.employees[employee.id] = EmployeeRecord(employee, pin_hash, 0, None)

    def all(self) -> list[Employee]:
        return [r.employee for _id, r in sorted(self._t.employees.items())]

    def record_attempt(self, employee_id: str, failed: bool, lock: Lock | None) -> None:
        r = self._t.employees.get(employee_id)
        if r is not None:
            self._t.employees[employee_id] = replace(
                r, failed_attempts=r.failed_attempts + 1 if failed else 0, lock=lock)

    def set_pin_hash(self, employee_id: str, pin_hash: str) -> None:
        r = self._t.employees.get(employee_id)
        if r is not None:
            self._t.employees[employee_id] = replace(r, pin_hash=pin_hash)

    def set_active(self, employee_id: str, active: bool) -> None:
        r = self._t.employees.get(employee_id)
        if r is not None:
            self._t.employees[employee_id] = replace(
                r, employee=replace(r.employee, active=active))


class FakeDecisions:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add(self, record: DecisionRecord) -> None:
        t = self._t
        _unique(record.id, t.decisions, "decision")
        _require(record.customer_id in t.customers, f"no customer {record.customer_id}")
        _require(record.employee_id in t.employees, f"no employee {record.employee_id}")
        _require(record.approver_id is None or record.approver_id in t.employees,
                 f"no employee {record.approver_id}")
        _require(record.event_id in t.events, f"no event {record.event_id}")
        t.decisions[record.id] = record

    def totals(self, employee_id: str, customer_id: str, shift_since: datetime,
               budget_since: datetime, frequency_since: datetime,
               approver_id: str | None = None) -> DecisionTotals:
        # As the SQL: every currency summed, each window inclusive of its start; a shift
        # total is what a person holds (approver when approved, else employee).
        rows = self._t.decisions.values()

        def held(person: str) -> int:
            return sum(d.amount_minor for d in rows
                       if d.authority_holder == person and d.decided_at >= shift_since)

        budget = sum(d.amount_minor for d in rows if d.customer_id == customer_id
                     and d.decided_at >= budget_since and d.discretionary)
        actions = sum(1 for d in rows if d.customer_id == customer_id
                      and d.decided_at >= frequency_since and d.discretionary)
        return DecisionTotals(held(employee_id), budget, actions,
                              None if approver_id is None else held(approver_id))

    def for_customer(self, customer_id: str) -> list[DecisionRecord]:
        return sorted((d for d in self._t.decisions.values() if d.customer_id == customer_id),
                      key=lambda d: d.decided_at, reverse=True)

    def since(self, since: datetime | None) -> list[DecisionRecord]:
        return sorted((d for d in self._t.decisions.values()
                       if since is None or d.decided_at >= since), key=lambda d: d.decided_at)


class FakeCorrections:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add(self, record: CorrectionRecord, event_id: str) -> None:
        t = self._t
        _require(record.customer_id in t.customers, f"no customer {record.customer_id}")
        _require(record.employee_id in t.employees, f"no employee {record.employee_id}")
        _require(event_id in t.events, f"no event {event_id}")
        t.corrections.append((record, event_id))

    def for_customer(self, customer_id: str) -> list[CorrectionRecord]:
        return sorted((r for r, _e in self._t.corrections if r.customer_id == customer_id),
                      key=lambda r: r.corrected_at, reverse=True)


class FakePolicies:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def current(self) -> tuple[str, str] | None:
        if not self._t.policies:
            return None
        version, document, _by = self._t.policies[-1]
        return version, document

    def current_version(self) -> str | None:
        return self._t.policies[-1][0] if self._t.policies else None

    def add(self, version: str, document: str, loaded_by: str | None) -> None:
        self._t.policies.append((version, document, loaded_by))


class FakeApprovals:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add(self, grant: GrantRecord) -> None:
        t = self._t
        _unique(grant.id, t.grants, "grant")
        for person in (grant.requester_id, grant.approver_id):
            _require(person in t.employees, f"no employee {person}")
        _require(grant.customer_id in t.customers, f"no customer {grant.customer_id}")
        _require(grant.event_id in t.events, f"no event {grant.event_id}")
        t.grants[grant.id] = grant

    def get(self, grant_id: str) -> GrantRecord | None:
        return self._t.grants.get(grant_id)

    def mark_used(self, grant_id: str, decision_id: str) -> bool:
        grant = self._t.grants.get(grant_id)
        if grant is None or grant.used_by_decision is not None:
            return False
        self._t.grants[grant_id] = replace(grant, used_by_decision=decision_id)
        return True


class FakeReferrals:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add(self, referral: ReferralRecord) -> None:
        t = self._t
        _unique(referral.id, t.referrals, "referral")
        _require(referral.customer_id in t.customers, f"no customer {referral.customer_id}")
        _require(referral.requester_id in t.employees, f"no employee {referral.requester_id}")
        _require(referral.decided_by is None or referral.decided_by in t.employees,
                 f"no employee {referral.decided_by}")
        t.referrals[referral.id] = referral

    def get(self, referral_id: str) -> ReferralRecord | None:
        return self._t.referrals.get(referral_id)

    def pending(self) -> list[ReferralRecord]:
        return sorted((r for r in self._t.referrals.values() if r.state == "pending"),
                      key=lambda r: r.created_at)

    def for_customer(self, customer_id: str) -> list[ReferralRecord]:
        return sorted((r for r in self._t.referrals.values() if r.customer_id == customer_id),
                      key=lambda r: r.created_at, reverse=True)

    def resolve(self, referral_id: str, state: str, decided_by: str, decided_at: datetime,
                decision_id: str | None, note: str) -> bool:
        r = self._t.referrals.get(referral_id)
        if r is None or r.state != "pending":
            return False
        _require(decided_by in self._t.employees, f"no employee {decided_by}")
        self._t.referrals[referral_id] = replace(
            r, state=state, decided_by=decided_by, decided_at=decided_at,
            decision_id=decision_id, decision_note=note)
        return True


class FakeFarApprovals:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add(self, record: FarApprovalRecord) -> None:
        t = self._t
        _unique(record.id, t.far_approvals, "far approval")
        _require(all(r.challenge != record.challenge for r in t.far_approvals.values()),
                 f"duplicate challenge {record.challenge}")
        _require(record.customer_id in t.customers, f"no customer {record.customer_id}")
        _require(record.requester_id in t.employees, f"no employee {record.requester_id}")
        t.far_approvals[record.id] = record

    def get(self, request_id: str) -> FarApprovalRecord | None:
        return self._t.far_approvals.get(request_id)

    def open_for(self, requester_id: str, customer_id: str, action: str,
                 amount_minor: int, now: datetime) -> list[FarApprovalRecord]:
        return sorted((r for r in self._t.far_approvals.values()
                       if r.requester_id == requester_id and r.customer_id == customer_id
                       and r.action == action and r.amount_minor == amount_minor
                       and r.state == "pending" and r.expires_at > now),
                      key=lambda r: r.created_at, reverse=True)

    def close(self, request_id: str, state: str, approver_id: str | None,
              decision_id: str | None, note: str) -> bool:
        r = self._t.far_approvals.get(request_id)
        if r is None or r.state != "pending":
            return False
        self._t.far_approvals[request_id] = replace(
            r, state=state, approver_id=approver_id, decision_id=decision_id,
            answer_note=note)
        return True


class FakeVouchers:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add(self, voucher: VoucherRecord) -> None:
        _unique(voucher.serial, self._t.vouchers, "voucher")
        self._t.vouchers[voucher.serial] = voucher

    def get(self, serial: str) -> VoucherRecord | None:
        return self._t.vouchers.get(serial)

    def for_customer(self, customer_id: str) -> list[VoucherRecord]:
        return sorted((v for v in self._t.vouchers.values() if v.customer_id == customer_id),
                      key=lambda v: v.issued_at, reverse=True)

    def for_decision(self, decision_id: str) -> VoucherRecord | None:
        return next((v for v in self._t.vouchers.values() if v.decision_id == decision_id),
                    None)

    def redeem(self, serial: str, at: datetime, by: str, terminal: str) -> bool:
        v = self._t.vouchers.get(serial)
        if v is None or v.status != "issued":
            return False
        self._t.vouchers[serial] = replace(v, status="redeemed", redeemed_at=at,
                                           redeemed_by=by, redeemed_terminal=terminal)
        return True

    def count_print(self, serial: str) -> int:
        v = self._t.vouchers.get(serial)
        if v is None:
            return 0
        self._t.vouchers[serial] = replace(v, prints=v.prints + 1)
        return v.prints + 1

    def public_key(self, key_id: str) -> tuple[str, bytes] | None:
        return self._t.public_keys.get(key_id)

    def add_public_key(self, key_id: str, terminal_id: str, public_raw: bytes) -> None:
        self._t.public_keys.setdefault(key_id, (terminal_id, bytes(public_raw)))


class FakeAllowances:
    """Besides the port: ``set_enabled`` and ``grant`` do what registering with a central
    database and its top-ups do to the SQL store."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def enabled(self) -> bool:
        return self._t.syncing

    def set_enabled(self, enabled: bool) -> None:
        self._t.syncing = enabled

    def grant(self, scope: str, key: str, amount: int) -> None:
        granted, spent = self._t.allowances.get((scope, key), (0, 0))
        self._t.allowances[(scope, key)] = (granted + amount, spent)

    def left(self, scope: str, key: str) -> int:
        granted, spent = self._t.allowances.get((scope, key), (0, 0))
        return max(granted - spent, 0)

    def spend(self, scope: str, key: str, amount: int) -> None:
        granted, spent = self._t.allowances.get((scope, key), (0, 0))
        self._t.allowances[(scope, key)] = (granted, spent + amount)


_KINDS = {"contact": ReviewKind.CONTACT_CONFLICT, "voucher": ReviewKind.DOUBLE_REDEMPTION}


class FakeSyncReviews:
    """Besides the port: ``add_conflict`` and ``reject`` do what a pull and a push do."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def add_conflict(self, kind: str, key: str, detail: dict[str, Any],
                     detected_at: datetime | None = None) -> int:
        conflict_id = max(self._t.conflicts, default=0) + 1
        self._t.conflicts[conflict_id] = ConflictEntry(
            conflict_id, kind, key, json.dumps(detail), detected_at or utcnow())
        return conflict_id

    def reject(self, seq: int, why: str) -> None:
        entry = next(o for o in self._t.outbox.values() if o.seq == seq)
        self._t.outbox[entry.event_id] = replace(entry, state="rejected", last_error=why)

    def open_items(self) -> list[ReviewItem]:
        items = [ReviewItem(_KINDS.get(c.kind, ReviewKind.DOUBLE_REDEMPTION), c.id, c.key,
                            json.loads(c.detail), c.detected_at)
                 for _id, c in sorted(self._t.conflicts.items()) if not c.reviewed]
        for o in sorted(self._t.outbox.values(), key=lambda o: o.seq):
            if o.state == "rejected":
                ev = self._t.events[o.event_id]
                items.append(ReviewItem(ReviewKind.REJECTED_EVENT, None, f"event {ev.seq}",
                                        {"seq": ev.seq, "type": ev.type,
                                         "why": o.last_error or ""}, None))
        return items

    def mark_reviewed(self, conflict_id: int) -> bool:
        c = self._t.conflicts.get(conflict_id)
        if c is None or c.reviewed:
            return False
        self._t.conflicts[conflict_id] = replace(c, reviewed=True)
        return True


class FakeUnitOfWork:
    """One unit of work over the factory's tables; see the module docstring."""

    def __init__(self, factory: FakeUnitOfWorkFactory, write: bool = False) -> None:
        self._factory = factory
        self._write = write
        self.tables = Tables()
        self._base = self.tables
        t = self.tables
        self.customers = FakeCustomers(t)
        self.employees = FakeEmployees(t)
        self.decisions = FakeDecisions(t)
        self.corrections = FakeCorrections(t)
        self.policies = FakePolicies(t)
        self.events = FakeEventLog(t)
        self.approvals = FakeApprovals(t)
        self.referrals = FakeReferrals(t)
        self.far_approvals = FakeFarApprovals(t)
        self.vouchers = FakeVouchers(t)
        self.allowances = FakeAllowances(t)
        self.terminals = FakeTerminals(t)
        self.reviews = FakeSyncReviews(t)

    def __enter__(self) -> FakeUnitOfWork:
        if self._write:
            self._factory.take_write_lock()
        self._begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            if self._write:
                self._factory.release_write_lock()

    def _begin(self) -> None:
        self._base = self._factory.published
        self.tables.load(self._base)

    def terminal(self) -> TerminalInfo:
        if self.tables.terminal is None:
            raise IntegrityProblem("This terminal is not initialised; run 'leeway init'.")
        return self.tables.terminal.info

    def commit(self) -> None:
        self._factory.publish(self._base, self.tables)
        self._begin()

    def rollback(self) -> None:
        self._begin()


class FakeUnitOfWorkFactory:
    """Holds the committed tables; ``committed`` counts commits, for tests to check.

    By default the store holds an initialised terminal (``terminal_id``); pass None for
    a store that ``uow.terminals.create`` has yet to set up.
    """

    def __init__(self, terminal_id: str | None = "fake-desk", store_name: str = "Fake Hotel",
                 locale: str = "en_US", region: str = "US") -> None:
        self.committed = 0
        self.published = Tables()
        if terminal_id is not None:
            self.published.terminal = TerminalEntry(
                TerminalInfo(terminal_id, store_name, locale, region, 0, GENESIS_HASH))
        self._guard = threading.Lock()
        self._write_lock = threading.Lock()
        self._writer: int | None = None

    def __call__(self, write: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, write)

    def take_write_lock(self) -> None:
        """Write units queue, as ``BEGIN IMMEDIATE`` does; nesting one in the same thread
        would wait for ever on SQLite, so it fails at once here."""
        if self._writer == threading.get_ident():
            raise RuntimeError("This thread already holds a write unit of work.")
        if not self._write_lock.acquire(timeout=WRITE_LOCK_TIMEOUT):
            raise TimeoutError("database is locked")
        self._writer = threading.get_ident()

    def release_write_lock(self) -> None:
        self._writer = None
        self._write_lock.release()

    def publish(self, base: Tables, tables: Tables) -> None:
        with self._guard:
            if tables != base:
                if self.published is not base:
                    raise FakeStaleWrite("Another unit of work committed since this one"
                                         " started reading.")
                self.published = tables.copy()  # never mutated again: units copy it
            self.committed += 1


def _conforms(factory: FakeUnitOfWorkFactory) -> UnitOfWorkFactory:
    return factory  # mypy checks here that every fake satisfies its port


class PlainHasher:
    """Unit tests need no argon2: a PIN 'hashes' to a tagged copy of itself."""

    def hash(self, pin: str) -> str:
        return "plain:" + pin

    def verify(self, pin_hash: str, pin: str) -> bool:
        return pin_hash == "plain:" + pin

    def approval_key(self, pin_hash: str, employee_id: str) -> bytes | None:
        return f"{employee_id}|{pin_hash}".encode()

    def burn(self, pin: str) -> None:
        return None
