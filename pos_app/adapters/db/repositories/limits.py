"""The limits a desk works under: policy versions, and the allowances it holds.

Allowances are this desk's share of limits that span desks (see
:mod:`pos_app.domain.allowance`); they only apply once the terminal syncs with a central
database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.adapters.db.models import AllowanceRow, PolicyVersionRow, SyncStateRow
from pos_app.domain.clock import utcnow

if TYPE_CHECKING:
    from pos_app.adapters.db.engine import LocalDatabase


class SqlPolicies:
    def __init__(self, session: Session) -> None:
        self.session = session

    def current(self) -> tuple[str, str] | None:
        row = self.session.scalars(
            select(PolicyVersionRow).order_by(PolicyVersionRow.id.desc()).limit(1)).first()
        return (row.version, row.document) if row else None

    def current_version(self) -> str | None:
        # The primary key orders the versions: one index step, and the document stays put.
        return self.session.scalar(
            select(PolicyVersionRow.version).order_by(PolicyVersionRow.id.desc()).limit(1))

    def add(self, version: str, document: str, loaded_by: str | None) -> None:
        self.session.add(PolicyVersionRow(version=version, document=document,
                                          loaded_at=utcnow(), loaded_by=loaded_by))
        self.session.flush()


class SqlAllowances:
    def __init__(self, session: Session, db: LocalDatabase | None = None) -> None:
        self.session = session
        self._db = db
        self._enabled: bool | None = None

    def enabled(self) -> bool:
        if self._db is not None and self._db.registered:  # registering cannot be undone
            return True
        if self._enabled is None:  # asked twice per decision
            state = self.session.get(SyncStateRow, 1)
            self._enabled = bool(state and state.central_kind)
            if self._enabled and self._db is not None:
                self._db.registered = True
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
