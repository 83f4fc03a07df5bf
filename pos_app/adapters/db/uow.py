"""The unit of work over the terminal's SQLite store (cosmicpython's pattern).

One per user action: ``with factory(write=True) as uow: ...; uow.commit()``. Leaving
the block without a commit rolls everything back, so bad input never leaves a partial
write. Write units take the database's write lock up front (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import TerminalRow
from pos_app.adapters.db.repositories import (
    SqlAllowances,
    SqlApprovals,
    SqlCorrections,
    SqlCustomers,
    SqlDecisions,
    SqlEmployees,
    SqlEventLog,
    SqlFarApprovals,
    SqlPolicies,
    SqlReferrals,
    SqlSyncReviews,
    SqlTerminals,
    SqlVouchers,
)
from pos_app.adapters.db.repositories.review import (
    SqlCoachingNotes,
    SqlRecognitions,
    SqlReviewSource,
)
from pos_app.domain.errors import IntegrityProblem
from pos_app.i18n import _
from pos_app.services.ports import (
    Allowances,
    Approvals,
    Corrections,
    Customers,
    Decisions,
    Employees,
    EventLog,
    FarApprovals,
    Policies,
    Referrals,
    SyncReviews,
    TerminalInfo,
    Terminals,
    Vouchers,
)
from pos_app.services.review_ports import CoachingNotes, Recognitions, ReviewSource


class SqlUnitOfWork:
    def __init__(self, db: LocalDatabase, write: bool = False) -> None:
        self._db = db
        self._write = write
        self.session: Session

    def __enter__(self) -> SqlUnitOfWork:
        factory = self._db.write_sessions if self._write else self._db.read_sessions
        self.session = factory()
        s = self.session
        self.customers: Customers = SqlCustomers(s)
        self.employees: Employees = SqlEmployees(s)
        self.decisions: Decisions = SqlDecisions(s)
        self.corrections: Corrections = SqlCorrections(s)
        self.policies: Policies = SqlPolicies(s)
        self.events: EventLog = SqlEventLog(s)
        self.approvals: Approvals = SqlApprovals(s)
        self.referrals: Referrals = SqlReferrals(s)
        self.far_approvals: FarApprovals = SqlFarApprovals(s)
        self.review: ReviewSource = SqlReviewSource(s)
        self.recognitions: Recognitions = SqlRecognitions(s)
        self.coaching: CoachingNotes = SqlCoachingNotes(s)
        self.vouchers: Vouchers = SqlVouchers(s)
        self.allowances: Allowances = SqlAllowances(s, self._db)
        self.terminals: Terminals = SqlTerminals(s)
        self.reviews: SyncReviews = SqlSyncReviews(s)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            self.session.close()

    def terminal(self) -> TerminalInfo:
        row = self.session.scalars(select(TerminalRow)).one_or_none()
        if row is None:
            raise IntegrityProblem(_("This terminal is not initialised; run 'leeway init'."))
        return TerminalInfo(row.id, row.store_name, row.locale, row.region, row.last_seq,
                            row.head_hash, row.secrets_id, row.time_zone)

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


class SqlUnitOfWorkFactory:
    def __init__(self, db: LocalDatabase) -> None:
        self.db = db

    def __call__(self, write: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.db, write)
