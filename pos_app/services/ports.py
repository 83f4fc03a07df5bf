"""What the use cases need from storage, as protocols the adapters satisfy.

Services depend on these shapes only, so they run the same over the terminal's SQLite
store, a central database, or the in-memory fakes of the unit tests. Records are plain
frozen dataclasses: nothing handed to a caller is a live ORM object.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from types import TracebackType
from typing import Any, NamedTuple, Protocol

from pos_app.domain.customer_record import CustomerRecord
from pos_app.domain.events import Event
from pos_app.domain.lockout import Lock
from pos_app.domain.people import Customer, Employee
from pos_app.services.review_ports import CoachingNotes, Recognitions, ReviewSource


@dataclass(frozen=True)
class TerminalInfo:
    id: str
    store_name: str
    locale: str
    region: str
    last_seq: int
    head_hash: str
    secrets_id: str | None = None  # names the keyring entries (None: older terminals)
    time_zone: str | None = None  # IANA key shown times follow (None: the system's zone)

    @property
    def secrets_namespace(self) -> str:
        """Where this desk's secrets live in the keyring: tied to this data folder's
        terminal, so a fresh ``init`` never inherits an earlier folder's secrets."""
        return f"{self.id}/{self.secrets_id}" if self.secrets_id else self.id


@dataclass(frozen=True)
class EmployeeRecord:
    employee: Employee
    pin_hash: str
    failed_attempts: int
    lock: Lock | None


@dataclass(frozen=True)
class DecisionRecord:
    id: str
    customer_id: str
    employee_id: str
    approver_id: str | None
    action: str
    amount_minor: int
    currency: str
    reason: str
    note: str
    discretionary: bool
    policy_version: str
    decided_at: datetime
    event_id: str
    # The approver lifted the guest's goodwill budget (the policy's override tier). The
    # local store has no column for it: it lives in the decision.recorded payload, and
    # the SQLite repository reads it back from there.
    override: bool = False
    # How the approver unlocked it: desk, remote or telephone (None: no approver). In the
    # payload too, like ``override``.
    approval_channel: str | None = None

    @property
    def authority_holder(self) -> str:
        """Whose shift cap this decision counts against: the approver's when approved."""
        return self.approver_id or self.employee_id


class DecisionTotals(NamedTuple):
    """The running figures the policy engine judges a request against (minor units)."""

    shift: int  # held by the employee (as authority holder) in the shift window
    budget: int  # discretionary, granted to the customer in the budget window
    actions: int  # discretionary decisions for the customer in the frequency window
    approver_shift: int | None = None  # held by the approver, when one was asked about


@dataclass(frozen=True)
class CorrectionRecord:
    customer_id: str
    employee_id: str
    field: str
    before: str
    after: str
    corrected_at: datetime


class Terminals(Protocol):
    def create(self, terminal_id: str, store_name: str, locale: str, region: str,
               secrets_id: str | None = None) -> TerminalInfo:
        """Write this desk's one terminal row, its chain at the genesis hash.

        Raises :class:`~pos_app.domain.errors.InvalidInput` when the store already
        holds a terminal.
        """
        ...

    def update_settings(self, locale: str, region: str, time_zone: str | None) -> None:
        """Change the desk's locale, region and time zone (None: the system's zone)."""
        ...


class EventLog(Protocol):
    def append(
        self, type: str, payload: dict[str, Any], actor: str | None,
        approver: str | None = None,
    ) -> Event: ...
    def ordered(self) -> Iterator[Event]: ...
    def count(self) -> int: ...


class Customers(Protocol):
    def get(self, customer_id: str) -> Customer | None: ...
    def existing_ids(self, ids: Iterable[str]) -> set[str]: ...
    def add_many(self, customers: Iterable[Customer], bulk: bool = False) -> int: ...
    def add_records(self, batches: Iterable[list[CustomerRecord]], bulk: bool = False,
                    index_each_batch: bool = False) -> int:
        """As add_many, for customers already validated with their search keys, a batch
        (of any size) at a time. ``bulk``: indexed for search in bulk, either each batch
        as it lands (``index_each_batch``: when other work runs beside the load, such as
        an import's helpers) or all at once at the end."""
    def update_field(self, customer_id: str, field: str, value: str) -> None: ...
    def search(self, query: str, limit: int, offset: int = 0) -> list[Customer]: ...
    def count(self) -> int: ...
    def all(self) -> Iterator[Customer]:
        """Every customer in the order they were added, streamed: consume the iterator
        before the unit of work ends."""
        ...


class Employees(Protocol):
    def get(self, employee_id: str) -> EmployeeRecord | None: ...
    def add(self, employee: Employee, pin_hash: str) -> None: ...
    def all(self) -> list[Employee]: ...
    def record_attempt(self, employee_id: str, failed: bool, lock: Lock | None) -> None: ...
    def set_pin_hash(self, employee_id: str, pin_hash: str) -> None: ...
    def set_active(self, employee_id: str, active: bool) -> None: ...


class Decisions(Protocol):
    def add(self, record: DecisionRecord) -> None: ...
    def totals(self, employee_id: str, customer_id: str, shift_since: datetime,
               budget_since: datetime, frequency_since: datetime,
               approver_id: str | None = None) -> DecisionTotals:
        """The policy context in one round trip; windows include their start.

        A decision's authority holder is its approver when approved, else its employee:
        ``shift`` (and ``approver_shift``, given ``approver_id``) sums the decisions since
        ``shift_since`` that person holds. ``budget`` sums, and ``actions`` counts, the
        customer's discretionary decisions since ``budget_since`` and ``frequency_since``.
        """
        ...
    def for_customer(self, customer_id: str) -> list[DecisionRecord]: ...
    def since(self, since: datetime | None) -> list[DecisionRecord]: ...


class Corrections(Protocol):
    def add(self, record: CorrectionRecord, event_id: str) -> None: ...
    def for_customer(self, customer_id: str) -> list[CorrectionRecord]: ...


@dataclass(frozen=True)
class GrantRecord:
    id: str
    requester_id: str
    approver_id: str
    customer_id: str
    action: str
    amount_minor: int
    currency: str
    granted_at: datetime
    used_by_decision: str | None
    event_id: str


@dataclass(frozen=True)
class FarApprovalRecord:
    """An approval asked of a manager elsewhere (``channel``: telephone or remote)."""

    id: str
    challenge: str
    channel: str
    requester_id: str
    customer_id: str
    action: str
    amount_minor: int
    currency: str
    reason: str
    note: str
    required_tier: str
    created_at: datetime
    expires_at: datetime
    state: str = "pending"  # pending, approved, declined, withdrawn
    approver_id: str | None = None
    decision_id: str | None = None
    answer_note: str = ""


@dataclass(frozen=True)
class ReferralRecord:
    id: str
    customer_id: str
    requester_id: str
    action: str
    amount_minor: int
    currency: str
    reason: str
    note: str
    required_tier: str
    why: str
    created_at: datetime
    state: str  # pending, approved, declined
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_id: str | None = None
    decision_note: str | None = None


class Approvals(Protocol):
    def add(self, grant: GrantRecord) -> None: ...
    def get(self, grant_id: str) -> GrantRecord | None: ...
    def mark_used(self, grant_id: str, decision_id: str) -> bool:
        """Atomically claim an unused grant; False if it was already used."""
        ...


class FarApprovals(Protocol):
    def add(self, record: FarApprovalRecord) -> None: ...
    def get(self, request_id: str) -> FarApprovalRecord | None: ...
    def open_for(self, requester_id: str, customer_id: str, action: str,
                 amount_minor: int, now: datetime) -> list[FarApprovalRecord]:
        """Pending, unexpired requests for exactly this ask, newest first."""
        ...
    def close(self, request_id: str, state: str, approver_id: str | None,
              decision_id: str | None, note: str) -> bool:
        """Pending -> ``state``; False when it was no longer pending (single use)."""
        ...


class Referrals(Protocol):
    def add(self, referral: ReferralRecord) -> None: ...
    def get(self, referral_id: str) -> ReferralRecord | None: ...
    def pending(self) -> list[ReferralRecord]: ...
    def for_customer(self, customer_id: str) -> list[ReferralRecord]: ...
    def resolve(self, referral_id: str, state: str, decided_by: str, decided_at: datetime,
                decision_id: str | None, note: str) -> bool:
        """Move a pending referral to approved/declined; False if it was not pending."""
        ...


@dataclass(frozen=True)
class VoucherRecord:
    serial: str
    code: str
    decision_id: str
    customer_id: str
    customer_name: str
    action: str
    value_minor: int
    currency: str
    item: str
    apology: str
    issued_at: datetime
    expires_on: date
    issuer_terminal: str
    issued_by: str
    issued_by_name: str
    key_id: str
    signature: str
    status: str = "issued"  # or "redeemed"
    redeemed_at: datetime | None = None
    redeemed_by: str | None = None
    redeemed_terminal: str | None = None
    prints: int = 0


class Vouchers(Protocol):
    def add(self, voucher: VoucherRecord) -> None: ...
    def get(self, serial: str) -> VoucherRecord | None: ...
    def for_customer(self, customer_id: str) -> list[VoucherRecord]: ...
    def for_decision(self, decision_id: str) -> VoucherRecord | None: ...
    def redeem(self, serial: str, at: datetime, by: str, terminal: str) -> bool:
        """Atomically mark an issued voucher redeemed; False if it was not 'issued'."""
        ...
    def count_print(self, serial: str) -> int: ...
    def public_key(self, key_id: str) -> tuple[str, bytes] | None:
        """(terminal id, raw Ed25519 public key) for a signing key id."""
        ...
    def add_public_key(self, key_id: str, terminal_id: str, public_raw: bytes) -> None: ...


class Signer(Protocol):
    @property
    def key_id(self) -> str: ...
    @property
    def public_raw(self) -> bytes: ...
    def sign(self, message: bytes) -> str: ...


class Allowances(Protocol):
    """Allowances this desk holds for limits that span desks (escrow; see domain)."""

    def enabled(self) -> bool:
        """True once the terminal syncs with a central database."""
        ...
    def left(self, scope: str, key: str) -> int: ...
    def spend(self, scope: str, key: str, amount: int) -> None: ...


class Policies(Protocol):
    def current(self) -> tuple[str, str] | None: ...  # (version, TOML document)
    def current_version(self) -> str | None:
        """The newest policy's version alone (no document): cheap enough to ask on every
        use, so a parsed policy can be cached by version."""
        ...
    def add(self, version: str, document: str, loaded_by: str | None) -> None: ...


class ReviewKind(Enum):
    """What sync left for a person to look at."""

    CONTACT_CONFLICT = "contact"  # two desks edited one field; the later edit was kept
    DOUBLE_REDEMPTION = "voucher"  # one voucher redeemed at two desks while offline
    REJECTED_EVENT = "rejected"  # the central database refused one of this desk's events


@dataclass(frozen=True)
class ReviewItem:
    kind: ReviewKind
    conflict_id: int | None  # None for a rejected event: it cannot be marked reviewed
    key: str  # a customer id, a voucher serial, or "event <seq>"
    detail: dict[str, Any]  # as recorded; a rejected event's is {"seq", "type", "why"}
    detected_at: datetime | None  # None for a rejected event


class SyncReviews(Protocol):
    def open_items(self) -> list[ReviewItem]:
        """Unreviewed conflicts in the order they were found, then rejected events by
        sequence number."""
        ...
    def mark_reviewed(self, conflict_id: int) -> bool:
        """Mark an open conflict reviewed; False if there is no such open conflict."""
        ...


class UnitOfWork(Protocol):
    """One user action's worth of work: commit makes it durable, leaving rolls back."""

    @property
    def customers(self) -> Customers: ...
    @property
    def employees(self) -> Employees: ...
    @property
    def decisions(self) -> Decisions: ...
    @property
    def corrections(self) -> Corrections: ...
    @property
    def policies(self) -> Policies: ...
    @property
    def events(self) -> EventLog: ...
    @property
    def approvals(self) -> Approvals: ...
    @property
    def referrals(self) -> Referrals: ...
    @property
    def far_approvals(self) -> FarApprovals: ...
    @property
    def review(self) -> ReviewSource: ...
    @property
    def recognitions(self) -> Recognitions: ...
    @property
    def coaching(self) -> CoachingNotes: ...
    @property
    def vouchers(self) -> Vouchers: ...
    @property
    def allowances(self) -> Allowances: ...
    @property
    def terminals(self) -> Terminals: ...
    @property
    def reviews(self) -> SyncReviews: ...

    def terminal(self) -> TerminalInfo: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, write: bool = False) -> UnitOfWork: ...


class PinHasher(Protocol):
    def hash(self, pin: str) -> str: ...
    def verify(self, pin_hash: str, pin: str) -> bool: ...
    def approval_key(self, pin_hash: str, employee_id: str) -> bytes | None:
        """The approver's key for answer codes; None when this desk cannot derive it."""
        ...
    def burn(self, pin: str) -> None:
        """Spend the same time as a verify, for unknown IDs (no user enumeration)."""
        ...
