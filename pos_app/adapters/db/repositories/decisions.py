"""Recorded recovery decisions and contact corrections: what a customer's history shows.

``totals`` gives the policy engine its three running figures in one round trip; it is
on every decision's path, so it is plain SQL over the two time-ordered indexes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import CorrectionRow, DecisionRow
from pos_app.services.ports import CorrectionRecord, DecisionRecord


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
