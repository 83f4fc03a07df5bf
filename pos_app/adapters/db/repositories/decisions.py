"""Recorded recovery decisions and contact corrections: what a customer's history shows.

``totals`` gives the policy engine its running figures in one round trip; it is on
every decision's path, so it is plain SQL over the time-ordered indexes.

A decision's authority holder is its approver when approved, else its employee; a shift
total is what the holder holds. What an employee *approved* is found through
``ix_decisions_employee_time`` once per employee row (``employee_id IN (SELECT id FROM
employees)`` is always true, as every decision names an employee, but it lets SQLite
seek the window instead of scanning the table): a few microseconds per employee this
desk knows. An index on ``(approver_id, decided_at)``, if a migration adds one, is
picked up by the same statement.

The decisions table has no ``override`` column: it is in the decision.recorded payload,
and read back from there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session

from pos_app.adapters.db.dbapi import DATETIME_FORMAT as _FMT
from pos_app.adapters.db.dbapi import execute
from pos_app.adapters.db.models import CorrectionRow, DecisionRow, EventRow
from pos_app.services.ports import CorrectionRecord, DecisionRecord, DecisionTotals

# ``override`` and the approval channel have no column: the event payload has them.
_INSERT = (
    "INSERT INTO decisions (id, customer_id, employee_id, approver_id, action, amount_minor,"
    " currency, reason, note, discretionary, policy_version, decided_at, event_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# What one person holds in a shift window: their own unapproved decisions, and what
# they approved (see the module docstring for the IN clause). Parameters: id, since,
# id, since.
_HELD = (
    "(SELECT coalesce(sum(amount_minor), 0) FROM decisions"
    "   WHERE employee_id = ? AND approver_id IS NULL AND decided_at >= ?)"
    " + (SELECT coalesce(sum(amount_minor), 0) FROM decisions"
    "   WHERE approver_id = ? AND decided_at >= ?"
    "   AND employee_id IN (SELECT id FROM employees))"
)
_TOTALS = (
    "SELECT " + _HELD + ","
    " (SELECT coalesce(sum(amount_minor), 0) FROM decisions"
    "   WHERE customer_id = ? AND decided_at >= ? AND discretionary = 1),"
    " (SELECT count(*) FROM decisions"
    "   WHERE customer_id = ? AND decided_at >= ? AND discretionary = 1)"
)
_TOTALS_WITH_APPROVER = _TOTALS + ", " + _HELD


def _decision(r: DecisionRow, override: Any = None, channel: Any = None) -> DecisionRecord:
    return DecisionRecord(r.id, r.customer_id, r.employee_id, r.approver_id, r.action,
                          r.amount_minor, r.currency, r.reason, r.note, r.discretionary,
                          r.policy_version, r.decided_at, r.event_id, bool(override),
                          str(channel) if channel else None)


def _with_override(stmt: Select[Any]) -> Select[Any]:
    """The decision rows with the ``override`` flag and the approval channel of their
    decision.recorded event."""
    return stmt.add_columns(func.json_extract(EventRow.payload, "$.override"),
                            func.json_extract(EventRow.payload, "$.approval_channel")).join(
        EventRow, EventRow.id == DecisionRow.event_id)


class SqlDecisions:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: DecisionRecord) -> None:
        # On every decision's path: the session's DB-API connection (adapters.db.dbapi),
        # with the values as the ORM would store them (a 0/1 flag, its DateTime format).
        r = record
        execute(self.session, _INSERT, (
            r.id, r.customer_id, r.employee_id, r.approver_id, r.action, r.amount_minor,
            r.currency, r.reason, r.note, 1 if r.discretionary else 0, r.policy_version,
            r.decided_at.strftime(_FMT), r.event_id))

    def totals(self, employee_id: str, customer_id: str, shift_since: datetime,
               budget_since: datetime, frequency_since: datetime,
               approver_id: str | None = None) -> DecisionTotals:
        """The figures the policy engine needs, in one round trip."""
        shift = shift_since.strftime(_FMT)
        params: tuple[str, ...] = (
            employee_id, shift, employee_id, shift,
            customer_id, budget_since.strftime(_FMT),
            customer_id, frequency_since.strftime(_FMT))
        if approver_id is None:
            row = execute(self.session, _TOTALS, params).fetchone()
            return DecisionTotals(int(row[0]), int(row[1]), int(row[2]))
        row = execute(self.session, _TOTALS_WITH_APPROVER,
                      (*params, approver_id, shift, approver_id, shift)).fetchone()
        return DecisionTotals(int(row[0]), int(row[1]), int(row[2]), int(row[3]))

    def for_customer(self, customer_id: str) -> list[DecisionRecord]:
        stmt = _with_override(select(DecisionRow).where(
            DecisionRow.customer_id == customer_id).order_by(DecisionRow.decided_at.desc()))
        return [_decision(r, override, channel)
                for r, override, channel in self.session.execute(stmt)]

    def since(self, since: datetime | None) -> list[DecisionRecord]:
        stmt = select(DecisionRow).order_by(DecisionRow.decided_at)
        if since is not None:
            stmt = stmt.where(DecisionRow.decided_at >= since)
        return [_decision(r, override, channel)
                for r, override, channel in self.session.execute(_with_override(stmt))]


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
