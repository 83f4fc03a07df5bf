"""One sync cycle between this terminal and the central database: push, then pull.

Push sends pending outbox events in sequence order, in batches; they are marked synced
only after the central transaction commits, so a crash anywhere leaves them pending and
the next push is acknowledged idempotently (see :mod:`ingest`). Pull applies the
central change feed after this terminal's cursor; it never overwrites a customer whose
local edits have not been pushed yet.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from pos_app.adapters.central import allowances as central_allowances
from pos_app.adapters.central import schema as c
from pos_app.adapters.central.connect import SECRET_URL, central_engine
from pos_app.adapters.central.ingest import ingest
from pos_app.adapters.db.models import (
    AllowanceRow,
    ConflictRow,
    CustomerRow,
    EmployeeRow,
    EventRow,
    OutboxRow,
    ReferralRow,
    SyncStateRow,
    TerminalKeyRow,
    TerminalRow,
    VoucherRow,
)
from pos_app.domain.clock import utcnow
from pos_app.domain.contact import phone_digits
from pos_app.domain.events import Event
from pos_app.domain.hlc import HybridClock, format_hlc, parse_hlc
from pos_app.domain.people import CONTACT_FIELDS
from pos_app.domain.search import fold_name

BATCH = int(os.environ.get("LEEWAY_SYNC_BATCH", "2000"))  # smaller in fault tests


@dataclass
class SyncReport:
    online: bool = False
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    pending: int = 0
    error: str | None = None
    last_sync_at: str | None = None
    oldest_pending_age_s: float | None = None
    rejected_total: int = 0
    allowance_left: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _event(row: EventRow) -> Event:
    return Event(row.id, row.terminal_id, row.seq, row.hlc, row.occurred_at, row.actor,
                 row.approver, row.type, row.payload, row.prev_hash, row.hash)


class Syncer:
    """Owns the central engine for one terminal; safe to call from one worker thread."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._engine: Engine | None = None
        self._url: str | None = None

    # --- state --------------------------------------------------------------------
    def _state(self, session: Session) -> SyncStateRow:
        row = session.get(SyncStateRow, 1)
        if row is None:
            row = SyncStateRow(id=1, pull_cursor=0, online=False)
            session.add(row)
            session.flush()
        return row

    def configured(self) -> bool:
        with self.app.db.read_sessions() as s:
            row = s.get(SyncStateRow, 1)
            return bool(row and row.central_kind)

    def last_known_online(self) -> bool:
        with self.app.db.read_sessions() as s:
            row = s.get(SyncStateRow, 1)
            return bool(row and row.online)

    def engine(self) -> Engine:
        if self._engine is None:
            url = self.app.secrets.get(SECRET_URL)
            if not url:
                raise RuntimeError("This terminal is not registered with a central database;"
                                   " run 'leeway terminal register --central URL'.")
            self._url = url
            self._engine = central_engine(url)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # --- the cycle ------------------------------------------------------------------
    def sync_once(self) -> SyncReport:
        report = SyncReport()
        if not self.configured():
            report.error = "local only: not registered with a central database"
            self.fill_status(report)
            return report
        try:
            engine = self.engine()
            report.pushed, report.rejected = self.push(engine)
            report.pulled = self.pull(engine)
            self.return_allowances(engine)
            report.online = True
        except (OperationalError, DBAPIError, OSError) as exc:
            report.error = f"central database unreachable: {type(exc).__name__}"
            self.close()  # reconnect next time
        with self.app.db.write_sessions() as s, s.begin():
            state = self._state(s)
            state.last_attempt_at = utcnow()
            state.online = report.online
            state.last_error = report.error
            if report.online:
                state.last_sync_at = utcnow()
        self.fill_status(report)
        return report

    def sync_with_retries(self, attempts: int = 4, base_delay: float = 0.5) -> SyncReport:
        """Back off exponentially while the central database is unreachable."""
        report = self.sync_once()
        for n in range(1, attempts):
            if report.online or report.error is None or "unreachable" not in report.error:
                break
            time.sleep(base_delay * 2 ** (n - 1))
            report = self.sync_once()
        return report

    def push(self, engine: Engine) -> tuple[int, int]:
        pushed = rejected = 0
        terminal_id = self._terminal_id()
        while True:
            with self.app.db.read_sessions() as s:
                rows = s.scalars(
                    select(EventRow).join(OutboxRow, OutboxRow.event_id == EventRow.id)
                    .where(OutboxRow.state == "pending").order_by(EventRow.seq)
                    .limit(BATCH)).all()
                batch = [_event(r) for r in rows]
            if not batch:
                return pushed, rejected
            with engine.begin() as conn:
                result = ingest(conn, terminal_id, batch)
            # Only now, after the central commit, is anything marked synced locally.
            now = utcnow()
            with self.app.db.write_sessions() as s, s.begin():
                if result.acknowledged:
                    for i in range(0, len(result.acknowledged), 500):
                        s.execute(update(OutboxRow).where(
                            OutboxRow.event_id.in_(result.acknowledged[i : i + 500]))
                            .values(state="synced", synced_at=now, last_error=None)
                            .execution_options(synchronize_session=False))
                for event_id, why in result.rejected.items():
                    s.execute(update(OutboxRow).where(OutboxRow.event_id == event_id)
                              .values(state="rejected", last_error=why,
                                      attempts=OutboxRow.attempts + 1)
                              .execution_options(synchronize_session=False))
            pushed += len(result.acknowledged)
            rejected += len(result.rejected)

    def pull(self, engine: Engine) -> int:
        pulled = 0
        while True:
            with self.app.db.read_sessions() as s:
                cursor = self._state_read(s)
            with engine.connect() as conn:
                changes = conn.execute(select(c.changes).where(c.changes.c.seq > cursor)
                                       .order_by(c.changes.c.seq).limit(1000)).all()
            if not changes:
                return pulled
            with self.app.db.write_sessions() as s, s.begin():
                pending = self._customers_with_unsynced_edits(s)
                for ch in changes:
                    self._apply(s, ch.kind, ch.key, json.loads(ch.data), ch.seq, pending)
                self._state(s).pull_cursor = changes[-1].seq
            pulled += len(changes)

    def _state_read(self, s: Session) -> int:
        row = s.get(SyncStateRow, 1)
        return int(row.pull_cursor) if row else 0

    def _terminal_id(self) -> str:
        with self.app.uow() as uow:
            return str(uow.terminal().id)

    def _customers_with_unsynced_edits(self, s: Session) -> set[str]:
        rows = s.execute(select(EventRow.payload).join(
            OutboxRow, OutboxRow.event_id == EventRow.id).where(
            OutboxRow.state == "pending", EventRow.type == "contact.corrected")).scalars()
        return {json.loads(p)["customer_id"] for p in rows}

    def _apply(self, s: Session, kind: str, key: str, data: dict[str, Any], seq: int,
               pending: set[str]) -> None:
        if kind == "customer":
            if data.get("hlc"):
                self._observe(s, str(data["hlc"]))
            if key in pending:
                return  # our own edit is on its way; central will send the merge back
            values = {f: str(data.get(f, "") or "") for f in CONTACT_FIELDS}
            row = s.scalars(select(CustomerRow).where(CustomerRow.id == key)).first()
            folded = fold_name(f"{values['given_name']} {values['family_name']}".strip())
            if row is None:
                s.add(CustomerRow(id=key, **values, phone_digits=phone_digits(values["phone"]),
                                  name_folded=folded, updated_at=utcnow()))
            else:
                for f, v in values.items():
                    if getattr(row, f) != v:
                        setattr(row, f, v)
                row.phone_digits = phone_digits(row.phone)
                row.name_folded = folded
        elif kind == "voucher":
            self._apply_voucher(s, key, data)
        elif kind == "referral":
            self._apply_referral(s, key, data)
        elif kind == "employee":
            self._apply_employee(s, key, data)
        elif kind == "conflict":
            if s.scalars(select(ConflictRow).where(ConflictRow.central_id == seq)).first():
                return
            s.add(ConflictRow(central_id=seq, kind=str(data.get("kind", "")), key=key,
                              detail=json.dumps(data, ensure_ascii=False),
                              detected_at=utcnow(), reviewed=False))
        elif kind == "policy":
            from pos_app.adapters.db.models import PolicyVersionRow

            latest = s.scalars(select(PolicyVersionRow).order_by(
                PolicyVersionRow.id.desc()).limit(1)).first()
            if latest is None or latest.version != data["version"]:
                s.add(PolicyVersionRow(version=data["version"], document=data["document"],
                                       loaded_at=utcnow(), loaded_by="central"))
        s.flush()

    def _observe(self, s: Session, stamp: str) -> None:
        """Hybrid logical clock: after seeing another desk's edit, this desk's next edit
        is stamped later, even if its wall clock runs behind (so last writer wins)."""
        term = s.scalars(select(TerminalRow)).one()
        clock = HybridClock()
        if term.last_hlc:
            clock.last_ms, clock.counter = parse_hlc(term.last_hlc)
        clock.observe(stamp)
        term.last_hlc = format_hlc(clock.last_ms, clock.counter)

    def _apply_referral(self, s: Session, referral_id: str, data: dict[str, Any]) -> None:
        """Referrals recorded at other desks, so a manager here can decide them."""
        row = s.get(ReferralRow, referral_id)
        if data.get("state") == "pending":
            if row is not None or s.scalars(select(CustomerRow.id).where(
                    CustomerRow.id == data["customer_id"])).first() is None:
                return
            requester = str(data["requester_id"])
            self._shadow_employee(s, requester, data.get("requester_name"),
                                  data.get("requester_tier"))
            s.add(ReferralRow(
                id=referral_id, customer_id=data["customer_id"], requester_id=requester,
                action=data["action"], amount_minor=int(data["amount_minor"]),
                currency=data["currency"], reason=data["reason"], note=data.get("note", ""),
                required_tier=data["required_tier"], why=data.get("why", ""),
                created_at=datetime.fromisoformat(data["created_at"]), state="pending"))
        elif row is not None and row.state == "pending":
            decider = str(data.get("decided_by") or "")
            self._shadow_employee(s, decider, data.get("decided_by_name"),
                                  data.get("decided_by_tier"))
            row.state = str(data["state"])
            row.decided_by = decider
            at = str(data.get("decided_at") or "")
            row.decided_at = datetime.fromisoformat(at.rstrip("Z")) if at else utcnow()
            row.decision_id = data.get("decision_id")
            row.decision_note = data.get("decision_note") or (
                f"decided at {data.get('decided_at_terminal')}")

    def _apply_employee(self, s: Session, employee_id: str, data: dict[str, Any]) -> None:
        """Staff from the central directory; a local-only PIN is never overwritten by a
        change that carries no PIN."""
        row = s.get(EmployeeRow, employee_id)
        if row is None:
            if not data.get("name"):
                return  # a change to someone this desk has never heard of
            row = EmployeeRow(id=employee_id, name=str(data["name"]), tier=str(data["tier"]),
                              pin_hash=str(data.get("pin_hash") or "!"),
                              active=bool(data.get("active", True)) and bool(
                                  data.get("pin_hash")),
                              created_at=utcnow(), failed_attempts=0)
            s.add(row)
            return
        if data.get("name"):
            row.name, row.tier = str(data["name"]), str(data["tier"])
        if data.get("pin_hash"):
            row.pin_hash = str(data["pin_hash"])
            if row.pin_hash.startswith("staff:") and "active" not in data:
                row.active = True  # a shadow record gets a usable PIN
        if "active" in data:
            row.active = bool(data["active"]) and row.pin_hash != "!"

    def _shadow_employee(self, s: Session, employee_id: str, name: Any, tier: Any) -> None:
        """Staff of another desk, known here by name only: inactive, can never sign in."""
        if not employee_id or s.get(EmployeeRow, employee_id) is not None:
            return
        s.add(EmployeeRow(id=employee_id, name=str(name or employee_id),
                          tier=str(tier or "associate"), pin_hash="!", active=False,
                          created_at=utcnow(), failed_attempts=0))
        s.flush()

    def _apply_voucher(self, s: Session, serial: str, data: dict[str, Any]) -> None:
        if data.get("public_key") and s.get(TerminalKeyRow, data["key_id"]) is None:
            s.add(TerminalKeyRow(key_id=data["key_id"], terminal_id=data["issuer_terminal"],
                                 public_key=data["public_key"], created_at=utcnow()))
        row = s.get(VoucherRow, serial)
        if row is None:
            s.add(VoucherRow(
                serial=serial, code=data["code"], decision_id=data["decision_id"],
                customer_id=data["customer_id"], customer_name=data["customer_name"],
                action=data["action"], value_minor=int(data["value_minor"]),
                currency=data["currency"], item=data.get("item", ""),
                apology=data["apology"],
                issued_at=datetime.fromisoformat(data["issued_at"]),
                expires_on=datetime.fromisoformat(data["expires_on"]).date(),
                issuer_terminal=data["issuer_terminal"], issued_by=data["issued_by"],
                issued_by_name=data["issued_by_name"], key_id=data["key_id"],
                signature=data["signature"], status=data.get("status", "issued"), prints=0))
        elif data.get("status") == "redeemed" and row.status != "redeemed":
            row.status = "redeemed"
            row.redeemed_terminal = data.get("redeemed_terminal")
            at = data.get("redeemed_at")
            row.redeemed_at = datetime.fromisoformat(at.rstrip("Z")) if at else None

    # --- vouchers -----------------------------------------------------------------
    def central_voucher(self, serial: str) -> dict[str, Any] | None | bool:
        """Central's record of a voucher: a dict, None if central does not know it, or
        False when central cannot be reached (the caller then works offline)."""
        if not self.configured() or not self.last_known_online():
            return False
        try:
            with self.engine().connect() as conn:
                row = conn.execute(select(c.vouchers).where(c.vouchers.c.serial == serial)
                                   ).first()
        except (OperationalError, DBAPIError, OSError, RuntimeError):
            self.close()
            return False
        if row is None:
            return None
        return {"status": row.status, "redeemed_terminal": row.redeemed_terminal,
                "redeemed_at": row.redeemed_at}

    # --- allowances ---------------------------------------------------------------
    def ensure_allowance(self, scope: str, key: str, amount: int, cap: int,
                         window: timedelta) -> bool:
        """Top up this terminal's allowance to cover ``amount``; False when offline."""
        with self.app.db.read_sessions() as s:
            row = s.get(AllowanceRow, (scope, key))
            left = (row.granted_minor - row.spent_minor) if row else 0
        if left >= amount:
            return True
        try:
            engine = self.engine()
            with engine.begin() as conn:
                _give, held = central_allowances.request(
                    conn, scope, key, self._terminal_id(), max(amount - left, 0), cap,
                    utcnow() - window)
        except (OperationalError, DBAPIError, OSError, RuntimeError):
            self.close()
            with self.app.db.write_sessions() as s, s.begin():
                self._state(s).online = False  # until the next sync finds it again
            return False
        with self.app.db.write_sessions() as s, s.begin():
            row = s.get(AllowanceRow, (scope, key))
            if row is None:
                s.add(AllowanceRow(scope=scope, key=key, granted_minor=held, spent_minor=0))
            else:
                # Central counts what it has consumed; locally spent-but-unpushed stays.
                row.granted_minor = held + row.spent_minor
        return True

    def return_allowances(self, engine: Engine) -> None:
        """After a full push, hand back what this terminal holds but has not spent."""
        with self.app.db.read_sessions() as s:
            pending = s.scalar(select(OutboxRow.event_id).where(OutboxRow.state == "pending")
                               .limit(1))
        if pending is not None:
            return
        with engine.begin() as conn:
            central_allowances.release(conn, self._terminal_id())
        with self.app.db.write_sessions() as s, s.begin():
            s.query(AllowanceRow).delete()

    # --- status -------------------------------------------------------------------
    def fill_status(self, report: SyncReport) -> None:
        from sqlalchemy import func

        with self.app.db.read_sessions() as s:
            report.pending = int(s.scalar(select(func.count()).select_from(OutboxRow).where(
                OutboxRow.state == "pending")) or 0)
            report.rejected_total = int(s.scalar(select(func.count()).select_from(OutboxRow)
                                                 .where(OutboxRow.state == "rejected")) or 0)
            oldest = s.scalar(select(EventRow.occurred_at).join(
                OutboxRow, OutboxRow.event_id == EventRow.id).where(
                OutboxRow.state == "pending").order_by(EventRow.seq).limit(1))
            if oldest:
                age = utcnow() - datetime.fromisoformat(oldest.rstrip("Z"))
                report.oldest_pending_age_s = round(age.total_seconds(), 1)
            state = s.get(SyncStateRow, 1)
            if state and state.last_sync_at:
                report.last_sync_at = state.last_sync_at.isoformat(timespec="seconds") + "Z"
            report.allowance_left = {
                f"{r.scope}:{r.key}": r.granted_minor - r.spent_minor
                for r in s.scalars(select(AllowanceRow))}
