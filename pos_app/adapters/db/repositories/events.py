"""This desk's hash-chained event log and the terminal row that holds its head.

Appending an event writes the event, its outbox row and the new head in the caller's
transaction, which holds the write lock; the terminal row is created once, at ``init``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.adapters.db.dbapi import execute, expire_rows
from pos_app.adapters.db.models import EventRow, TerminalRow
from pos_app.domain.clock import utcnow
from pos_app.domain.errors import IntegrityProblem, InvalidInput
from pos_app.domain.events import GENESIS_HASH, Event, chain_next
from pos_app.domain.hlc import HybridClock, parse_hlc
from pos_app.i18n import _
from pos_app.services.ports import TerminalInfo


class SqlTerminals:
    def __init__(self, session: Session) -> None:
        self.session = session

    def create(self, terminal_id: str, store_name: str, locale: str, region: str,
               secrets_id: str | None = None) -> TerminalInfo:
        existing = self.session.scalar(select(TerminalRow.id).limit(1))
        if existing is not None:
            raise InvalidInput(_("This database already holds terminal {terminal}.").format(
                terminal=existing))
        self.session.add(TerminalRow(id=terminal_id, store_name=store_name, locale=locale,
                                     region=region, last_seq=0, head_hash=GENESIS_HASH,
                                     last_hlc="", created_at=utcnow(),
                                     secrets_id=secrets_id))
        self.session.flush()
        return TerminalInfo(terminal_id, store_name, locale, region, 0, GENESIS_HASH,
                            secrets_id)

    def update_settings(self, locale: str, region: str, time_zone: str | None) -> None:
        row = self.session.scalars(select(TerminalRow)).one_or_none()
        if row is None:
            raise IntegrityProblem(_("This terminal is not initialised; run 'leeway init'."))
        row.locale, row.region, row.time_zone = locale, region, time_zone
        self.session.flush()


class SqlEventLog:
    """Appends to this terminal's chain; the caller's transaction holds the write lock."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self, type: str, payload: dict[str, Any], actor: str | None,
        approver: str | None = None,
    ) -> Event:
        # The DB-API connection of the session's transaction (see adapters.db.dbapi):
        # every recorded decision appends an event, and SQLAlchemy's per-statement work
        # was most of its cost.
        s = self.session
        head = execute(s, "SELECT id, last_seq, head_hash, last_hlc FROM terminal").fetchone()
        if head is None:
            raise IntegrityProblem(_("This terminal is not initialised; run 'leeway init'."))
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
        execute(
            s, "INSERT INTO events (id, terminal_id, seq, hlc, occurred_at, actor, approver, type,"
            " payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ev.id, ev.terminal_id, ev.seq, ev.hlc, ev.occurred_at, ev.actor, ev.approver,
             ev.type, ev.payload, ev.prev_hash, ev.hash))
        execute(
            s, "INSERT INTO outbox (event_id, seq, state, attempts) VALUES (?, ?, 'pending', 0)",
            (ev.id, ev.seq))
        execute(
            s, "UPDATE terminal SET last_seq = ?, head_hash = ?, last_hlc = ? WHERE id = ?",
            (ev.seq, ev.hash, ev.hlc, terminal_id))
        expire_rows(self.session, TerminalRow)  # the ORM's copy of the head is now stale
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
