"""The limits a desk works under: policy versions, and the allowances it holds.

Allowances are this desk's share of limits that span desks (see
:mod:`pos_app.domain.allowance`); they only apply once the terminal syncs with a central
database.

The version look-up and the allowances are on every decision's path: they run on the
session's DB-API connection (see :mod:`pos_app.adapters.db.dbapi`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.adapters.db.dbapi import execute, expire_rows
from pos_app.adapters.db.models import AllowanceRow, PolicyVersionRow
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
        row = execute(
            self.session, "SELECT version FROM policy_versions ORDER BY id DESC LIMIT 1").fetchone()
        return str(row[0]) if row else None

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
            state = execute(
                self.session, "SELECT central_kind FROM sync_state WHERE id = 1").fetchone()
            self._enabled = bool(state and state[0])
            if self._enabled and self._db is not None:
                self._db.registered = True
        return self._enabled

    def left(self, scope: str, key: str) -> int:
        row = execute(
            self.session,
            "SELECT granted_minor, spent_minor FROM allowances WHERE scope = ? AND key = ?",
            (scope, key)).fetchone()
        return max(row[0] - row[1], 0) if row else 0

    def spend(self, scope: str, key: str, amount: int) -> None:
        # One statement: an approved exception beyond what this desk holds has no row
        # yet, and starts from nothing granted.
        execute(
            self.session, "INSERT INTO allowances (scope, key, granted_minor, spent_minor)"
            " VALUES (?, ?, 0, ?) ON CONFLICT (scope, key)"
            " DO UPDATE SET spent_minor = spent_minor + excluded.spent_minor",
            (scope, key, amount))
        expire_rows(self.session, AllowanceRow)  # an ORM copy would now be stale
