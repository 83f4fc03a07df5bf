"""Review data from the desk's own database: a period's decisions in one query, with
names, category, approval channel and voucher state; recognitions and coaching notes.

One SQL statement joins what the review needs (a repository per row would mean 100,000
look-ups for a busy quarter); flags recorded only in the decision's event payload
(category, override, allowance exception, channel) are read from there.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import CoachingNoteRow, RecognitionRow
from pos_app.domain.review import ReviewDecision, voucher_state
from pos_app.services.review_ports import CoachingNote, RecognitionRecord

_FMT = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite DateTime storage format

_DECISIONS = """
SELECT d.id, d.decided_at, e.terminal_id, d.employee_id, coalesce(emp.name, ''),
       d.approver_id, coalesce(apr.name, ''), d.customer_id,
       trim(coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '')),
       coalesce(c.room, ''), d.action, d.reason,
       coalesce(json_extract(e.payload, '$.category'), ''), d.amount_minor, d.currency,
       d.note, d.discretionary, json_extract(e.payload, '$.override'),
       json_extract(e.payload, '$.allowance_exception'),
       json_extract(e.payload, '$.approval_channel'), v.status, v.expires_on,
       d.policy_version
  FROM decisions d
  JOIN events e ON e.id = d.event_id
  LEFT JOIN employees emp ON emp.id = d.employee_id
  LEFT JOIN employees apr ON apr.id = d.approver_id
  LEFT JOIN customers c ON c.id = d.customer_id
  -- One voucher per decision, preferably the one this desk issued: a voucher
  -- pulled from another desk naming this decision must not repeat the row.
  LEFT JOIN vouchers v ON v.serial = (
    SELECT x.serial FROM vouchers x WHERE x.decision_id = d.id
     ORDER BY x.issuer_terminal <> (SELECT t.id FROM terminal t), x.serial LIMIT 1)
 WHERE {where}
 ORDER BY d.decided_at, d.id
"""
_FAR_PAST, _FAR_FUTURE = "0001-01-01 00:00:00.000000", "9999-12-31 23:59:59.999999"


def _bounds(since: datetime | None, until: datetime | None) -> tuple[str, str]:
    return (since.strftime(_FMT) if since else _FAR_PAST,
            until.strftime(_FMT) if until else _FAR_FUTURE)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(str(text)[:10]) if text else None


class SqlReviewSource:
    def __init__(self, session: Session) -> None:
        self.session = session

    def decisions(self, since: datetime | None, until: datetime | None,
                  today: date) -> list[ReviewDecision]:
        return self._rows("d.decided_at >= ? AND d.decided_at < ?", _bounds(since, until),
                          today)

    def one(self, decision_id: str, today: date) -> ReviewDecision | None:
        rows = self._rows("d.id = ?", (decision_id,), today)
        return rows[0] if rows else None

    def _rows(self, where: str, params: tuple[str, ...], today: date
              ) -> list[ReviewDecision]:
        # The driver's own cursor and one fetchall: wrapping 100,000 rows one by one in
        # SQLAlchemy's Row objects cost more than the query.
        raw = self.session.connection().connection.dbapi_connection
        assert raw is not None
        rows = raw.execute(_DECISIONS.format(where=where), params).fetchall()
        return [ReviewDecision(
            id=r[0], decided_at=datetime.fromisoformat(r[1]),
            terminal_id=r[2], employee_id=r[3], employee_name=r[4], approver_id=r[5],
            approver_name=r[6], customer_id=r[7], customer_name=r[8], room=r[9],
            action=r[10], reason=r[11], category=r[12], amount_minor=int(r[13]),
            currency=r[14], note=r[15] or "", discretionary=bool(r[16]),
            override=bool(r[17]), allowance_exception=bool(r[18]), channel=r[19] or None,
            voucher_state=voucher_state(r[20], _day(r[21]), today), policy_version=r[22] or "")
            for r in rows]

    def referrals_created(self, since: datetime | None, until: datetime | None) -> int:
        row = self.session.connection().exec_driver_sql(
            "SELECT count(*) FROM referrals WHERE created_at >= ? AND created_at < ?",
            _bounds(since, until)).one()
        return int(row[0])


def _recognition(r: RecognitionRow) -> RecognitionRecord:
    return RecognitionRecord(r.id, r.decision_id, r.employee_id, r.given_by,
                             r.given_by_name, r.note, r.given_at, r.seen_at)


class SqlRecognitions:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: RecognitionRecord) -> bool:
        if self.session.get(RecognitionRow, record.id) is not None:
            return False
        self.session.execute(insert(RecognitionRow).values(**record.__dict__))
        return True

    def unseen_for(self, employee_id: str) -> list[RecognitionRecord]:
        rows = self.session.scalars(
            select(RecognitionRow).where(RecognitionRow.employee_id == employee_id,
                                         RecognitionRow.seen_at.is_(None))
            .order_by(RecognitionRow.given_at))
        return [_recognition(r) for r in rows]

    def mark_seen(self, ids: list[str], at: datetime) -> None:
        if ids:
            self.session.execute(update(RecognitionRow).where(RecognitionRow.id.in_(ids))
                                 .values(seen_at=at)
                                 .execution_options(synchronize_session=False))

    def between(self, since: datetime | None, until: datetime | None
                ) -> list[RecognitionRecord]:
        stmt = select(RecognitionRow).order_by(RecognitionRow.given_at.desc())
        if since is not None:
            stmt = stmt.where(RecognitionRow.given_at >= since)
        if until is not None:
            stmt = stmt.where(RecognitionRow.given_at < until)
        return [_recognition(r) for r in self.session.scalars(stmt)]


class SqlCoachingNotes:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, note: CoachingNote) -> None:
        self.session.execute(insert(CoachingNoteRow).values(**note.__dict__))

    def for_employee(self, employee_id: str) -> list[CoachingNote]:
        rows = self.session.scalars(
            select(CoachingNoteRow).where(CoachingNoteRow.employee_id == employee_id)
            .order_by(CoachingNoteRow.written_at.desc()))
        return [CoachingNote(r.id, r.employee_id, r.written_by, r.note, r.written_at)
                for r in rows]
