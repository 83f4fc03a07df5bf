"""Repositories over one SQLAlchemy session: the storage side of the service ports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import (
    AllowanceRow,
    ApprovalGrantRow,
    CorrectionRow,
    CustomerRow,
    DecisionRow,
    EmployeeRow,
    EventRow,
    PolicyVersionRow,
    ReferralRow,
    SyncStateRow,
    TerminalKeyRow,
    TerminalRow,
    VoucherRow,
)
from pos_app.domain.clock import utcnow
from pos_app.domain.contact import phone_digits
from pos_app.domain.errors import IntegrityProblem
from pos_app.domain.events import Event, chain_next
from pos_app.domain.hlc import HybridClock, parse_hlc
from pos_app.domain.lockout import Lock
from pos_app.domain.people import CONTACT_FIELDS, Customer, Employee
from pos_app.domain.search import fold_name, fts_phrase, plan_search
from pos_app.services.ports import (
    CorrectionRecord,
    DecisionRecord,
    EmployeeRecord,
    GrantRecord,
    ReferralRecord,
    VoucherRecord,
)

_CUSTOMER_COLS = ("id", *CONTACT_FIELDS)


def _customer(row: Any) -> Customer:
    return Customer(**{col: getattr(row, col) or "" for col in _CUSTOMER_COLS})


class SqlEventLog:
    """Appends to this terminal's chain; the caller's transaction holds the write lock."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self, type: str, payload: dict[str, Any], actor: str | None,
        approver: str | None = None,
    ) -> Event:
        # Plain SQL on the session's connection (same transaction): every recorded
        # decision appends an event, and the ORM's statement building was most of its cost.
        conn = self.session.connection()
        head = conn.exec_driver_sql(
            "SELECT id, last_seq, head_hash, last_hlc FROM terminal").first()
        if head is None:
            raise IntegrityProblem("This terminal is not initialised; run 'leeway init'.")
        terminal_id, last_seq, head_hash, last_hlc = head
        clock = HybridClock()
        if last_hlc:
            clock.last_ms, clock.counter = parse_hlc(last_hlc)
        now = utcnow()
        ev = chain_next(
            terminal_id=terminal_id,
            seq=last_seq + 1,
            prev_hash=head_hash,
            hlc=clock.tick(),
            occurred_at=now.isoformat(timespec="microseconds") + "Z",
            actor=actor,
            approver=approver,
            type=type,
            payload=payload,
        )
        conn.exec_driver_sql(
            "INSERT INTO events (id, terminal_id, seq, hlc, occurred_at, actor, approver, type,"
            " payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ev.id, ev.terminal_id, ev.seq, ev.hlc, ev.occurred_at, ev.actor, ev.approver,
             ev.type, ev.payload, ev.prev_hash, ev.hash))
        conn.exec_driver_sql(
            "INSERT INTO outbox (event_id, seq, state, attempts) VALUES (?, ?, 'pending', 0)",
            (ev.id, ev.seq))
        conn.exec_driver_sql(
            "UPDATE terminal SET last_seq = ?, head_hash = ?, last_hlc = ? WHERE id = ?",
            (ev.seq, ev.hash, ev.hlc, terminal_id))
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, TerminalRow):
                self.session.expire(obj)  # the ORM's copy of the head is now stale
        return ev

    def ordered(self) -> Iterator[Event]:
        result = self.session.execute(
            select(EventRow).order_by(EventRow.seq).execution_options(yield_per=2000)
        )
        for (row,) in result:
            yield Event(row.id, row.terminal_id, row.seq, row.hlc, row.occurred_at,
                        row.actor, row.approver, row.type, row.payload, row.prev_hash,
                        row.hash)

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(EventRow)) or 0)


class SqlCustomers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, customer_id: str) -> Customer | None:
        # Core, not ORM: plain values for the caller, and no identity-map bookkeeping.
        row = self.session.execute(
            select(*(getattr(CustomerRow, col) for col in _CUSTOMER_COLS))
            .where(CustomerRow.id == customer_id)).first()
        return Customer(*(value or "" for value in row)) if row else None

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        found: set[str] = set()
        for i in range(0, len(wanted), 900):
            chunk = wanted[i : i + 900]
            found.update(self.session.scalars(select(CustomerRow.id).where(
                CustomerRow.id.in_(chunk))))
        return found

    def add_many(self, customers: Iterable[Customer], bulk: bool = False) -> int:
        now = utcnow()
        conn = self.session.connection()
        if bulk:
            # Index once at the end instead of row by row: same result, far faster.
            # SQLite DDL is transactional, so a failure restores the triggers too.
            for name in ("customers_ai",):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        # Plain DB-API executemany on tuples: the ORM's per-row parameter handling was
        # half the insert time of a million-row import.
        cols = (*_CUSTOMER_COLS, "phone_digits", "name_folded", "updated_at")
        sql = (f"INSERT INTO customers ({', '.join(cols)})"
               f" VALUES ({', '.join('?' for _ in cols)})")
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite DateTime format
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        count = 0
        batch: list[tuple[str, ...]] = []
        for c in customers:
            batch.append((c.id, c.given_name, c.family_name, c.phone, c.email, c.loyalty_id,
                          c.room, c.address, c.city, c.postal_code, c.country,
                          phone_digits(c.phone),
                          fold_name(f"{c.given_name} {c.family_name}".strip()), stamp))
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
        cursor.close()
        if bulk:
            from pos_app.adapters.db.search_schema import restore_insert_trigger_and_rebuild

            restore_insert_trigger_and_rebuild(conn)
        return count

    def update_field(self, customer_id: str, field: str, value: str) -> None:
        if field not in CONTACT_FIELDS:
            raise ValueError(field)
        values: dict[str, Any] = {field: value, "updated_at": utcnow()}
        if field == "phone":
            values["phone_digits"] = phone_digits(value)
        if field in ("given_name", "family_name"):
            row = self.session.scalars(select(CustomerRow).where(
                CustomerRow.id == customer_id)).first()
            if row is not None:
                names = {"given_name": row.given_name, "family_name": row.family_name,
                         field: value}
                values["name_folded"] = fold_name(
                    f"{names['given_name']} {names['family_name']}".strip())
        self.session.execute(update(CustomerRow).where(CustomerRow.id == customer_id)
                             .values(**values))

    def search(self, query: str, limit: int, offset: int = 0) -> list[Customer]:
        plan = plan_search(query)
        if plan.empty or limit <= 0:
            return []
        want = limit + offset
        pks: list[int] = []
        if plan.name_prefixes:
            # Whole-word matches first, then prefixes. Both walk the index in rowid order
            # and stop at the limit: ranking every match by bm25 costs ~50 ms on a common
            # name at 1M customers, and a counter needs the first page at once.
            exact = " AND ".join(fts_phrase(w) for w in plan.name_prefixes)
            prefix = " AND ".join(fts_phrase(w) + "*" for w in plan.name_prefixes)
            for match in (exact, prefix):
                if len(pks) >= want:
                    break
                pks += self.session.scalars(
                    text("SELECT rowid FROM customer_name_fts WHERE customer_name_fts MATCH :m"
                         " LIMIT :n"), {"m": match, "n": want}).all()
                pks = list(dict.fromkeys(pks))
        if plan.digits:
            match = "{phone_digits loyalty_id room} : " + fts_phrase(plan.digits)
            pks += self.session.scalars(
                text("SELECT rowid FROM customer_tri_fts WHERE customer_tri_fts MATCH :m"
                     " LIMIT :n"), {"m": match, "n": want}).all()
        if plan.fragment and len(pks) < want:
            pks += self._fragment(plan.fragment, want)
        ordered = list(dict.fromkeys(pks))[offset : offset + limit]
        if not ordered:
            return []
        rows = self.session.scalars(select(CustomerRow).where(CustomerRow.pk.in_(ordered)))
        by_pk = {r.pk: r for r in rows}
        return [_customer(by_pk[pk]) for pk in ordered if pk in by_pk]

    def _fragment(self, fragment: str, want: int) -> list[int]:
        """Substring of an e-mail, loyalty id or room.

        Across an "@" ("8005@exam"), the trigrams of the domain ("@ex", "exa") are in
        nearly every address, and a phrase match must read all their postings (~12 ms at
        1M). Matching only the side before the "@" and checking the whole fragment with
        LIKE on the few candidates reads far less.
        """
        local, at, domain = fragment.partition("@")
        side = local if len(local) >= 3 else domain
        if at and len(side) >= 3:
            escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return list(self.session.scalars(
                text("SELECT f.rowid FROM customer_tri_fts f JOIN customers c ON c.pk ="
                     " f.rowid WHERE customer_tri_fts MATCH :m AND c.email LIKE :like"
                     " ESCAPE '\\' LIMIT :n"),
                {"m": "{email} : " + fts_phrase(side), "like": f"%{escaped}%", "n": want}))
        match = "{email loyalty_id room} : " + fts_phrase(fragment)
        return list(self.session.scalars(
            text("SELECT rowid FROM customer_tri_fts WHERE customer_tri_fts MATCH :m"
                 " LIMIT :n"), {"m": match, "n": want}))

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(CustomerRow)) or 0)


class SqlEmployees:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, employee_id: str) -> EmployeeRecord | None:
        e = EmployeeRow
        row = self.session.execute(
            select(e.id, e.name, e.tier, e.active, e.pin_hash, e.failed_attempts,
                   e.locked_until, e.lock_mono, e.lock_boot).where(e.id == employee_id)).first()
        if row is None:
            return None
        lock = (Lock(row.locked_until, row.lock_mono or 0.0, row.lock_boot or "")
                if row.locked_until is not None else None)
        return EmployeeRecord(Employee(row.id, row.name, row.tier, row.active), row.pin_hash,
                              row.failed_attempts, lock)

    def add(self, employee: Employee, pin_hash: str) -> None:
        self.session.add(EmployeeRow(id=employee.id, name=employee.name, tier=employee.tier,
                                     pin_hash=pin_hash, active=employee.active,
                                     created_at=utcnow(), failed_attempts=0))
        self.session.flush()

    def all(self) -> list[Employee]:
        rows = self.session.scalars(select(EmployeeRow).order_by(EmployeeRow.id))
        return [Employee(r.id, r.name, r.tier, r.active) for r in rows]

    def record_attempt(self, employee_id: str, failed: bool, lock: Lock | None) -> None:
        row = self.session.get(EmployeeRow, employee_id)
        if row is None:
            return
        row.failed_attempts = row.failed_attempts + 1 if failed else 0
        row.locked_until = lock.until_wall if lock else None
        row.lock_mono = lock.at_mono if lock else None
        row.lock_boot = lock.boot_id if lock else None
        self.session.flush()

    def set_pin_hash(self, employee_id: str, pin_hash: str) -> None:
        self.session.execute(update(EmployeeRow).where(EmployeeRow.id == employee_id)
                             .values(pin_hash=pin_hash))

    def set_active(self, employee_id: str, active: bool) -> None:
        self.session.execute(update(EmployeeRow).where(EmployeeRow.id == employee_id)
                             .values(active=active))


def _decision(r: DecisionRow) -> DecisionRecord:
    return DecisionRecord(r.id, r.customer_id, r.employee_id, r.approver_id, r.action,
                          r.amount_minor, r.currency, r.reason, r.note, r.discretionary,
                          r.policy_version, r.decided_at, r.event_id)


class SqlDecisions:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: DecisionRecord) -> None:
        # Parameters passed separately keep the compiled INSERT cached across calls.
        self.session.execute(insert(DecisionRow), [record.__dict__])

    def totals(self, employee_id: str, customer_id: str, shift_since: datetime,
               budget_since: datetime, frequency_since: datetime) -> tuple[int, int, int]:
        """The three figures the policy engine needs, in one round trip."""
        fmt = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite DateTime storage format
        row = self.session.connection().exec_driver_sql(
            "SELECT"
            " (SELECT coalesce(sum(amount_minor), 0) FROM decisions"
            "   WHERE employee_id = ? AND decided_at >= ?),"
            " (SELECT coalesce(sum(amount_minor), 0) FROM decisions"
            "   WHERE customer_id = ? AND decided_at >= ?),"
            " (SELECT count(*) FROM decisions"
            "   WHERE customer_id = ? AND decided_at >= ? AND discretionary = 1)",
            (employee_id, shift_since.strftime(fmt), customer_id, budget_since.strftime(fmt),
             customer_id, frequency_since.strftime(fmt))).one()
        return int(row[0]), int(row[1]), int(row[2])

    def for_customer(self, customer_id: str) -> list[DecisionRecord]:
        rows = self.session.scalars(select(DecisionRow).where(
            DecisionRow.customer_id == customer_id).order_by(DecisionRow.decided_at.desc()))
        return [_decision(r) for r in rows]

    def since(self, since: datetime | None) -> list[DecisionRecord]:
        stmt = select(DecisionRow).order_by(DecisionRow.decided_at)
        if since is not None:
            stmt = stmt.where(DecisionRow.decided_at >= since)
        return [_decision(r) for r in self.session.scalars(stmt)]


class SqlCorrections:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: CorrectionRecord, event_id: str) -> None:
        self.session.execute(insert(CorrectionRow).values(**record.__dict__, event_id=event_id))

    def for_customer(self, customer_id: str) -> list[CorrectionRecord]:
        rows = self.session.scalars(select(CorrectionRow).where(
            CorrectionRow.customer_id == customer_id).order_by(CorrectionRow.corrected_at.desc()))
        return [CorrectionRecord(r.customer_id, r.employee_id, r.field, r.before, r.after,
                                 r.corrected_at) for r in rows]


class SqlPolicies:
    def __init__(self, session: Session) -> None:
        self.session = session

    def current(self) -> tuple[str, str] | None:
        row = self.session.scalars(
            select(PolicyVersionRow).order_by(PolicyVersionRow.id.desc()).limit(1)).first()
        return (row.version, row.document) if row else None

    def add(self, version: str, document: str, loaded_by: str | None) -> None:
        self.session.add(PolicyVersionRow(version=version, document=document,
                                          loaded_at=utcnow(), loaded_by=loaded_by))
        self.session.flush()


def _grant(r: ApprovalGrantRow) -> GrantRecord:
    return GrantRecord(r.id, r.requester_id, r.approver_id, r.customer_id, r.action,
                       r.amount_minor, r.currency, r.granted_at, r.used_by_decision, r.event_id)


class SqlApprovals:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, grant: GrantRecord) -> None:
        self.session.execute(insert(ApprovalGrantRow).values(**grant.__dict__))

    def get(self, grant_id: str) -> GrantRecord | None:
        row = self.session.get(ApprovalGrantRow, grant_id)
        return _grant(row) if row else None

    def mark_used(self, grant_id: str, decision_id: str) -> bool:
        # A conditional UPDATE is the single-use guarantee: only one claim can match.
        result = self.session.execute(
            update(ApprovalGrantRow)
            .where(ApprovalGrantRow.id == grant_id, ApprovalGrantRow.used_by_decision.is_(None))
            .values(used_by_decision=decision_id)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def _referral(r: ReferralRow) -> ReferralRecord:
    return ReferralRecord(r.id, r.customer_id, r.requester_id, r.action, r.amount_minor,
                          r.currency, r.reason, r.note, r.required_tier, r.why, r.created_at,
                          r.state, r.decided_by, r.decided_at, r.decision_id, r.decision_note)


class SqlReferrals:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, referral: ReferralRecord) -> None:
        self.session.execute(insert(ReferralRow).values(**referral.__dict__))

    def get(self, referral_id: str) -> ReferralRecord | None:
        row = self.session.get(ReferralRow, referral_id)
        return _referral(row) if row else None

    def pending(self) -> list[ReferralRecord]:
        rows = self.session.scalars(select(ReferralRow).where(ReferralRow.state == "pending")
                                    .order_by(ReferralRow.created_at))
        return [_referral(r) for r in rows]

    def for_customer(self, customer_id: str) -> list[ReferralRecord]:
        rows = self.session.scalars(select(ReferralRow).where(
            ReferralRow.customer_id == customer_id).order_by(ReferralRow.created_at.desc()))
        return [_referral(r) for r in rows]

    def resolve(self, referral_id: str, state: str, decided_by: str, decided_at: datetime,
                decision_id: str | None, note: str) -> bool:
        result = self.session.execute(
            update(ReferralRow)
            .where(ReferralRow.id == referral_id, ReferralRow.state == "pending")
            .values(state=state, decided_by=decided_by, decided_at=decided_at,
                    decision_id=decision_id, decision_note=note)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def _voucher(r: VoucherRow) -> VoucherRecord:
    return VoucherRecord(
        r.serial, r.code, r.decision_id, r.customer_id, r.customer_name, r.action,
        r.value_minor, r.currency, r.item, r.apology, r.issued_at, r.expires_on,
        r.issuer_terminal, r.issued_by, r.issued_by_name, r.key_id, r.signature, r.status,
        r.redeemed_at, r.redeemed_by, r.redeemed_terminal, r.prints)


class SqlVouchers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, voucher: VoucherRecord) -> None:
        self.session.execute(insert(VoucherRow).values(**voucher.__dict__))

    def get(self, serial: str) -> VoucherRecord | None:
        row = self.session.get(VoucherRow, serial)
        return _voucher(row) if row else None

    def for_customer(self, customer_id: str) -> list[VoucherRecord]:
        rows = self.session.scalars(select(VoucherRow).where(
            VoucherRow.customer_id == customer_id).order_by(VoucherRow.issued_at.desc()))
        return [_voucher(r) for r in rows]

    def for_decision(self, decision_id: str) -> VoucherRecord | None:
        row = self.session.scalars(select(VoucherRow).where(
            VoucherRow.decision_id == decision_id)).first()
        return _voucher(row) if row else None

    def redeem(self, serial: str, at: datetime, by: str, terminal: str) -> bool:
        # The conditional UPDATE is what makes redemption single-use under races.
        result = self.session.execute(
            update(VoucherRow).where(VoucherRow.serial == serial,
                                     VoucherRow.status == "issued")
            .values(status="redeemed", redeemed_at=at, redeemed_by=by,
                    redeemed_terminal=terminal)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)

    def count_print(self, serial: str) -> int:
        self.session.execute(update(VoucherRow).where(VoucherRow.serial == serial)
                             .values(prints=VoucherRow.prints + 1)
                             .execution_options(synchronize_session=False))
        return int(self.session.scalar(select(VoucherRow.prints).where(
            VoucherRow.serial == serial)) or 0)

    def public_key(self, key_id: str) -> tuple[str, bytes] | None:
        row = self.session.get(TerminalKeyRow, key_id)
        return (row.terminal_id, bytes.fromhex(row.public_key)) if row else None

    def add_public_key(self, key_id: str, terminal_id: str, public_raw: bytes) -> None:
        if self.session.get(TerminalKeyRow, key_id) is None:
            self.session.add(TerminalKeyRow(key_id=key_id, terminal_id=terminal_id,
                                            public_key=public_raw.hex(),
                                            created_at=utcnow()))
            self.session.flush()


class SqlAllowances:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._enabled: bool | None = None

    def enabled(self) -> bool:
        if self._enabled is None:  # asked twice per decision; the answer cannot change
            state = self.session.get(SyncStateRow, 1)
            self._enabled = bool(state and state.central_kind)
        return self._enabled

    def left(self, scope: str, key: str) -> int:
        row = self.session.get(AllowanceRow, (scope, key))
        return max(row.granted_minor - row.spent_minor, 0) if row else 0

    def spend(self, scope: str, key: str, amount: int) -> None:
        row = self.session.get(AllowanceRow, (scope, key))
        if row is None:  # an approved exception beyond what this desk holds
            row = AllowanceRow(scope=scope, key=key, granted_minor=0, spent_minor=0)
            self.session.add(row)
        row.spent_minor += amount
        self.session.flush()
