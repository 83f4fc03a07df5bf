"""SQLAlchemy 2 typed models of the terminal's local database.

Events are append-only (no code path updates or deletes them); their sync state lives
in the separate ``outbox`` table so the chained rows themselves never change.
Timestamps are naive UTC ``datetime`` values.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class TerminalRow(Base):
    """This desk: one row. Holds the head of the event chain."""

    __tablename__ = "terminal"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_name: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(20), default="en_US")
    region: Mapped[str] = mapped_column(String(2), default="US")
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    head_hash: Mapped[str] = mapped_column(String(64))
    last_hlc: Mapped[str] = mapped_column(String(24), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Names this desk's keyring entries; None for terminals from before 0007.
    secrets_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # The IANA zone shown times follow; None: the system's zone (see domain.zones).
    time_zone: Mapped[str | None] = mapped_column(String(64), nullable=True)


class PolicyVersionRow(Base):
    __tablename__ = "policy_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(100))
    document: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    loaded_by: Mapped[str | None] = mapped_column(String(64))


class EmployeeRow(Base):
    __tablename__ = "employees"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[str] = mapped_column(String(64))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    lock_mono: Mapped[float | None] = mapped_column(Float)
    lock_boot: Mapped[str | None] = mapped_column(String(64))


class CustomerRow(Base):
    """``pk`` is the SQLite rowid the full-text indexes point at; ``id`` is the store's."""

    __tablename__ = "customers"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    given_name: Mapped[str] = mapped_column(String(100), default="")
    family_name: Mapped[str] = mapped_column(String(100), default="")
    name_folded: Mapped[str] = mapped_column(String(201), default="")  # for name search
    phone: Mapped[str] = mapped_column(String(20), default="")
    phone_digits: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    loyalty_id: Mapped[str] = mapped_column(String(40), default="")
    room: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("terminal_id", "seq", name="uq_events_terminal_seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    hlc: Mapped[str] = mapped_column(String(24))
    occurred_at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str | None] = mapped_column(String(64))
    approver: Mapped[str | None] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxRow(Base):
    __tablename__ = "outbox"
    event_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("events.id"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    synced_at: Mapped[datetime | None] = mapped_column(DateTime)


class DecisionRow(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        # Covering the running totals (migration 0011): sums read from the index alone.
        Index("ix_decisions_customer_time", "customer_id", "decided_at", "discretionary",
              "amount_minor"),
        Index("ix_decisions_employee_time", "employee_id", "decided_at", "approver_id",
              "amount_minor"),
        Index("ix_decisions_time", "decided_at"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), ForeignKey("customers.id"))
    employee_id: Mapped[str] = mapped_column(String(64), ForeignKey("employees.id"))
    approver_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("employees.id"))
    action: Mapped[str] = mapped_column(String(32))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    discretionary: Mapped[bool] = mapped_column(Boolean, default=True)
    policy_version: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    event_id: Mapped[str] = mapped_column(String(36), ForeignKey("events.id"))


class CorrectionRow(Base):
    __tablename__ = "contact_corrections"
    __table_args__ = (Index("ix_corrections_customer_time", "customer_id", "corrected_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(64), ForeignKey("customers.id"))
    employee_id: Mapped[str] = mapped_column(String(64), ForeignKey("employees.id"))
    field: Mapped[str] = mapped_column(String(32))
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    corrected_at: Mapped[datetime] = mapped_column(DateTime)
    event_id: Mapped[str] = mapped_column(String(36), ForeignKey("events.id"))


class ApprovalGrantRow(Base):
    __tablename__ = "approval_grants"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    requester_id: Mapped[str] = mapped_column(String(64), ForeignKey("employees.id"))
    approver_id: Mapped[str] = mapped_column(String(64), ForeignKey("employees.id"))
    customer_id: Mapped[str] = mapped_column(String(64), ForeignKey("customers.id"))
    action: Mapped[str] = mapped_column(String(32))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    granted_at: Mapped[datetime] = mapped_column(DateTime)
    used_by_decision: Mapped[str | None] = mapped_column(String(36))
    event_id: Mapped[str] = mapped_column(String(36), ForeignKey("events.id"))


class FarApprovalRow(Base):
    """An approval asked of a manager who is not at the desk (telephone or online):
    the challenge this desk drew, what it binds, and how it ended. Single-use."""

    __tablename__ = "far_approvals"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    challenge: Mapped[str] = mapped_column(String(17), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    requester_id: Mapped[str] = mapped_column(String(64), ForeignKey("employees.id"))
    customer_id: Mapped[str] = mapped_column(String(64), ForeignKey("customers.id"))
    action: Mapped[str] = mapped_column(String(32))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    required_tier: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    approver_id: Mapped[str | None] = mapped_column(String(64))
    decision_id: Mapped[str | None] = mapped_column(String(36))
    answer_note: Mapped[str] = mapped_column(Text, default="")


class RecognitionRow(Base):
    """A decision a manager marked as well done; the employee sees it at sign-in."""

    __tablename__ = "recognitions"
    __table_args__ = (Index("ix_recognitions_employee", "employee_id", "seen_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    decision_id: Mapped[str] = mapped_column(String(36))
    employee_id: Mapped[str] = mapped_column(String(64))
    given_by: Mapped[str] = mapped_column(String(64))
    given_by_name: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    given_at: Mapped[datetime] = mapped_column(DateTime)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime)


class CoachingNoteRow(Base):
    """A manager's private note about an employee (never shown to the employee)."""

    __tablename__ = "coaching_notes"
    __table_args__ = (Index("ix_coaching_notes_employee", "employee_id", "written_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    employee_id: Mapped[str] = mapped_column(String(64))
    written_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime)


class ReferralRow(Base):
    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_state", "state", "created_at"),
                      Index("ix_referrals_customer", "customer_id"))
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), ForeignKey("customers.id"))
    requester_id: Mapped[str] = mapped_column(String(64), ForeignKey("employees.id"))
    action: Mapped[str] = mapped_column(String(32))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    required_tier: Mapped[str] = mapped_column(String(64))
    why: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(64), ForeignKey("employees.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_id: Mapped[str | None] = mapped_column(String(36))
    decision_note: Mapped[str | None] = mapped_column(Text)


class TerminalKeyRow(Base):
    __tablename__ = "terminal_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519, hex
    created_at: Mapped[datetime] = mapped_column(DateTime)


class VoucherRow(Base):
    __tablename__ = "vouchers"
    __table_args__ = (Index("ix_vouchers_customer", "customer_id"),
                      Index("ix_vouchers_decision", "decision_id"))
    serial: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    decision_id: Mapped[str] = mapped_column(String(36))
    customer_id: Mapped[str] = mapped_column(String(64))
    customer_name: Mapped[str] = mapped_column(String(201))
    action: Mapped[str] = mapped_column(String(32))
    value_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    item: Mapped[str] = mapped_column(String(200), default="")
    apology: Mapped[str] = mapped_column(String(300))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    expires_on: Mapped[date] = mapped_column(Date)
    issuer_terminal: Mapped[str] = mapped_column(String(64))
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_by_name: Mapped[str] = mapped_column(String(100))
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="issued")
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime)
    redeemed_by: Mapped[str | None] = mapped_column(String(64))
    redeemed_terminal: Mapped[str | None] = mapped_column(String(64))
    prints: Mapped[int] = mapped_column(Integer, default=0)


class SyncStateRow(Base):
    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    central_kind: Mapped[str | None] = mapped_column(String(16))
    central_display: Mapped[str | None] = mapped_column(String(200))
    pull_cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    online: Mapped[bool] = mapped_column(Boolean, default=False)


class ConflictRow(Base):
    __tablename__ = "contact_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    central_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(DateTime)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)


class AllowanceRow(Base):
    __tablename__ = "allowances"
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    granted_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    spent_minor: Mapped[int] = mapped_column(BigInteger, default=0)
