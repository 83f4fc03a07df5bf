"""The decision's lean path (DB-API statements in the unit of work's transaction) stores
exactly what the ORM stores, reads back what the ORM wrote, raises SQLAlchemy's errors and
leaves nothing behind when the unit of work is not committed."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from integration_support import ASSOCIATE, FRESH_CUSTOMER, connect
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pos_app.adapters.db.models import AllowanceRow, DecisionRow, EventRow, OutboxRow
from pos_app.domain.clock import utcnow
from pos_app.domain.lockout import Lock
from pos_app.services.audit import verify_audit
from pos_app.services.granting import RecoveryAsk, grant_recovery

GM = "5001"  # the demo general manager: a $1.00 refund is within authority


def _grant(app: Any, customer: str = FRESH_CUSTOMER) -> Any:
    outcome = grant_recovery(app.desk, RecoveryAsk(GM, customer, "refund", "1.00",
                                                   "billing_error", note="late checkout"))
    assert outcome.recorded, outcome.verdict.explain()
    return outcome.decision


def _stored(data_dir: Path, table: str, key: str, value: str) -> list[tuple[Any, ...]]:
    """Each column's stored value and SQLite storage class, as an outside reader sees it."""
    conn = connect(data_dir)
    try:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        exprs = ", ".join(f"{c}, typeof({c})" for c in cols)
        return conn.execute(f"SELECT {exprs} FROM {table} WHERE {key} = ?",
                            (value,)).fetchall()
    finally:
        conn.close()


def test_grant_stores_the_rows_an_orm_insert_stores(demo_copy: Any, demo_dir: Path) -> None:
    app = demo_copy
    with app.uow() as uow:
        before = uow.terminal()
    decision = _grant(app)

    # The same record written through the ORM: every column, value and storage class
    # alike (the flag as 0/1, the time in SQLAlchemy's DateTime text), but the ID.
    fields = {f.name: getattr(decision, f.name) for f in dataclasses.fields(decision)
              if f.name not in ("override", "approval_channel")}
    with app.db.write_sessions() as s, s.begin():
        s.add(DecisionRow(**{**fields, "id": "orm-copy"}))
    lean, = _stored(demo_dir, "decisions", "id", decision.id)
    orm, = _stored(demo_dir, "decisions", "id", "orm-copy")
    assert lean[2:] == orm[2:] and lean[:2] == (decision.id, "text")

    # Read back through the ORM: what the decision record says.
    with app.db.read_sessions() as s:
        row = s.scalars(select(DecisionRow).where(DecisionRow.id == decision.id)).one()
        assert {k: getattr(row, k) for k in fields} == fields
        event = s.get(EventRow, decision.event_id)
        outbox = s.get(OutboxRow, decision.event_id)
    assert event is not None and outbox is not None
    assert (event.seq, event.type, event.actor, event.approver, event.prev_hash) == (
        before.last_seq + 1, "decision.recorded", GM, None, before.head_hash)
    assert (outbox.seq, outbox.state, outbox.attempts, outbox.last_error) == (
        event.seq, "pending", 0, None)
    with app.uow() as uow:
        head = uow.terminal()
        checked, problem = verify_audit(uow)
        history = uow.decisions.for_customer(FRESH_CUSTOMER)
    assert (head.last_seq, head.head_hash) == (event.seq, event.hash)
    assert problem is None and checked == event.seq
    assert [d.id for d in history if d.id == decision.id] == [decision.id]
    assert next(d for d in history if d.id == decision.id) == decision


def test_running_totals_count_what_was_recorded(demo_copy: Any) -> None:
    app = demo_copy
    now = utcnow()
    _grant(app)
    _grant(app)
    with app.uow() as uow:
        totals = uow.decisions.totals(GM, FRESH_CUSTOMER, now - timedelta(hours=1),
                                      now - timedelta(days=1), now - timedelta(days=1))
    assert totals.shift == 200  # refunds are not discretionary: no budget, no actions
    assert (totals.budget, totals.actions) == (0, 0)


def test_failed_statement_raises_sqlalchemy_error_and_writes_nothing(
        demo_copy: Any, demo_dir: Path) -> None:
    app = demo_copy
    decision = _grant(app)
    with app.uow() as uow:
        before = uow.terminal()
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), app.uow(write=True) as uow:
        event = uow.events.append("decision.recorded", {"x": 1}, actor=GM)
        uow.decisions.add(dataclasses.replace(decision, id="no-such-guest",
                                              customer_id="C404", event_id=event.id))
        uow.commit()
    with app.uow() as uow:
        after = uow.terminal()
        assert uow.events.count() == before.last_seq
    assert (after.last_seq, after.head_hash) == (before.last_seq, before.head_hash)
    assert _stored(demo_dir, "outbox", "event_id", event.id) == []
    assert _stored(demo_dir, "decisions", "id", "no-such-guest") == []


def test_lean_reads_see_orm_writes_of_the_same_unit(demo_copy: Any) -> None:
    app = demo_copy
    lock = Lock(utcnow().replace(microsecond=123456), 42.5, "boot-1")
    with app.uow(write=True) as uow:
        uow.employees.record_attempt(ASSOCIATE, True, lock)  # through the ORM
        record = uow.employees.get(ASSOCIATE)  # through the DB-API, same transaction
        assert record is not None and record.lock == lock and record.failed_attempts == 1
        assert record.employee.active is True
        # Allowances: a first spend creates the row; an ORM copy loaded before is
        # refreshed, not left stale.
        uow.allowances.spend("employee", ASSOCIATE, 150)
        held = uow.session.get(AllowanceRow, ("employee", ASSOCIATE))
        assert held is not None and (held.granted_minor, held.spent_minor) == (0, 150)
        uow.allowances.spend("employee", ASSOCIATE, 50)
        assert held.spent_minor == 200
        assert uow.allowances.left("employee", ASSOCIATE) == 0
        uow.commit()
    with app.uow() as uow:
        again = uow.employees.get(ASSOCIATE)
        assert again is not None and again.lock == lock
        assert uow.session.get(AllowanceRow, ("employee", ASSOCIATE)).spent_minor == 200


def test_after_commit_the_unit_goes_on_in_a_new_transaction(demo_copy: Any) -> None:
    app = demo_copy
    with app.uow(write=True) as uow:
        first = uow.events.append("note.one", {}, actor=GM)
        uow.commit()
        second = uow.events.append("note.two", {}, actor=GM)  # begins again
        uow.commit()
        third = uow.events.append("note.three", {}, actor=GM)  # left uncommitted
    assert (second.seq, second.prev_hash) == (first.seq + 1, first.hash)
    with app.uow() as uow:
        head = uow.terminal()
    assert (head.last_seq, head.head_hash) == (second.seq, second.hash)
    assert third.seq == second.seq + 1


def test_a_rolled_back_savepoint_undoes_what_the_lean_path_wrote(demo_copy: Any) -> None:
    """Inside begin_nested() the lean path asks the session for its connection, so the
    SAVEPOINT is sent and rolling it back undoes the raw statements too."""
    from pos_app.adapters.db.dbapi import execute

    with demo_copy.db.write_sessions() as s, s.begin():
        execute(s, "SELECT 1").fetchone()  # the outer transaction's connection, cached
        nested = s.begin_nested()
        execute(s, "INSERT INTO allowances (scope, key, granted_minor, spent_minor)"
                   " VALUES ('guest', 'savepoint-probe', 5, 0)")
        nested.rollback()
        kept = execute(s, "SELECT count(*) FROM allowances WHERE key = 'savepoint-probe'"
                       ).fetchone()
    assert kept == (0,)
