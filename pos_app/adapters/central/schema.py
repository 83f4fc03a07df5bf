"""Central schema (SQLAlchemy Core): the tables of the central PostgreSQL database.

``central_events`` is the append-only union of every terminal's chain. The other tables
are projections the push function derives (``sql/authority.sql``): customers with a
clock per contact field, decisions (for budgets across desks), vouchers, allowances,
and ``central_changes``, the feed desks pull by cursor. Desks never touch these tables;
the administrator's commands and the SECURITY DEFINER functions do.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

terminals = Table(
    "central_terminals", metadata,
    Column("id", String(64), primary_key=True),
    Column("role_name", String(64), unique=True),
    Column("head_seq", BigInteger, nullable=False, default=0),
    Column("head_hash", String(64), nullable=False),
    Column("public_key", String(64)),
    Column("registered_at", DateTime, nullable=False),
)

events = Table(
    "central_events", metadata,
    Column("id", String(36), primary_key=True),
    Column("terminal_id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("hlc", String(24), nullable=False),
    Column("occurred_at", String(32), nullable=False),
    Column("actor", String(64)),
    Column("approver", String(64)),
    Column("type", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("quarantined", String(200)),  # why the payload could not be applied, if so
    UniqueConstraint("terminal_id", "seq", name="uq_central_events_terminal_seq"),
)

customers = Table(
    "central_customers", metadata,
    Column("id", String(64), primary_key=True),
    Column("data", Text, nullable=False),  # JSON: contact fields
    Column("clocks", Text, nullable=False),  # JSON: field -> "hlc|terminal"
)

conflicts = Table(
    "central_conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # contact, voucher
    Column("key", String(64), nullable=False),
    Column("detail", Text, nullable=False),  # JSON
    Column("detected_at", DateTime, nullable=False),
)

decisions = Table(
    "central_decisions", metadata,
    Column("id", String(36), primary_key=True),
    Column("terminal_id", String(64), nullable=False),
    # Indexed by (customer_id, decided_at) and (authority_id, decided_at), see
    # sql/authority.sql; c0007 dropped the single-column indexes c0001 made.
    Column("customer_id", String(64), nullable=False),
    Column("employee_id", String(64), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("decided_at", DateTime, nullable=False),
)

vouchers = Table(
    "central_vouchers", metadata,
    Column("serial", String(16), primary_key=True),
    Column("data", Text, nullable=False),  # JSON: the signed voucher record
    Column("status", String(16), nullable=False),
    Column("redeemed_terminal", String(64)),
    Column("redeemed_at", String(32)),
)

allowances = Table(
    "central_allowances", metadata,
    Column("scope", String(16), primary_key=True),  # customer | employee
    Column("key", String(64), primary_key=True),
    Column("terminal_id", String(64), primary_key=True),
    Column("granted_minor", BigInteger, nullable=False),
    Column("consumed_minor", BigInteger, nullable=False),
)

budget_locks = Table(
    "central_budget_locks", metadata,
    Column("scope", String(16), primary_key=True),
    Column("key", String(64), primary_key=True),
)

changes = Table(
    "central_changes", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("key", String(64), nullable=False),
    Column("data", Text, nullable=False),
)

staff_key = Table(
    "central_staff_key", metadata,
    Column("id", Integer, primary_key=True),
    Column("pepper", String(64), nullable=False),  # base64; administrator-only
)
