"""What the desk knows about its sync, read from the local database alone.

:class:`SyncState` says whether the terminal works alone (``LOCAL_ONLY``: no central
database registered), last reached the central database (``ONLINE``) or last failed to
(``OFFLINE``). :class:`SyncReport` is what a sync cycle or the status indicator shows;
its :meth:`SyncReport.as_dict` is the stable ``leeway sync --json`` output.
:func:`local_status` and :func:`fill_figures` never touch the network, and the small
helpers here read and write the one ``sync_state`` row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import AllowanceRow, EventRow, OutboxRow, SyncStateRow
from pos_app.domain.clock import utcnow
from pos_app.i18n import N_, _

LOCAL_ONLY_ERROR = N_("local only: not registered with a central database")


class SyncState(Enum):
    LOCAL_ONLY = "local_only"
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass
class SyncReport:
    """One cycle's outcome (or, from :func:`local_status`, the last known state)."""

    state: SyncState = SyncState.LOCAL_ONLY
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    pending: int = 0
    error: str | None = None
    last_sync_at: str | None = None
    oldest_pending_age_s: float | None = None
    rejected_total: int = 0
    allowance_left: dict[str, int] = field(default_factory=dict)
    policy_applied: str | None = None  # a newly pulled policy version now in force

    @property
    def online(self) -> bool:
        return self.state is SyncState.ONLINE

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state.value, "online": self.online, "pushed": self.pushed,
                "rejected": self.rejected, "pulled": self.pulled, "pending": self.pending,
                "error": self.error, "last_sync_at": self.last_sync_at,
                "oldest_pending_age_s": self.oldest_pending_age_s,
                "rejected_total": self.rejected_total,
                "allowance_left": dict(self.allowance_left),
                "policy_applied": self.policy_applied}


def state_row(session: Session) -> SyncStateRow:
    """The sync state row, created when missing (call inside a write transaction)."""
    row = session.get(SyncStateRow, 1)
    if row is None:
        row = SyncStateRow(id=1, pull_cursor=0, online=False)
        session.add(row)
        session.flush()
    return row


def configured(db: LocalDatabase) -> bool:
    with db.read_sessions() as s:
        row = s.get(SyncStateRow, 1)
        return bool(row and row.central_kind)


def last_known_online(db: LocalDatabase) -> bool:
    with db.read_sessions() as s:
        row = s.get(SyncStateRow, 1)
        return bool(row and row.online)


def record_cycle(db: LocalDatabase, report: SyncReport) -> None:
    """Remember a cycle's outcome: online flag, last attempt, last error, last sync."""
    now = utcnow()
    with db.write_sessions() as s, s.begin():
        row = state_row(s)
        row.last_attempt_at = now
        row.online = report.online
        row.last_error = report.error
        if report.online:
            row.last_sync_at = now


def mark_offline(db: LocalDatabase) -> None:
    """Central failed outside a cycle: offline until the next sync finds it again."""
    with db.write_sessions() as s, s.begin():
        state_row(s).online = False


def local_status(db: LocalDatabase) -> SyncReport:
    """The indicator's figures and last known state, without touching the network."""
    with db.read_sessions() as s:
        row = s.get(SyncStateRow, 1)
    if row is None or not row.central_kind:
        report = SyncReport(SyncState.LOCAL_ONLY, error=_(LOCAL_ONLY_ERROR))
    elif row.online:
        report = SyncReport(SyncState.ONLINE)
    else:
        report = SyncReport(SyncState.OFFLINE, error=row.last_error)
    fill_figures(db, report)
    return report


def fill_figures(db: LocalDatabase, report: SyncReport) -> None:
    """Pending and rejected counts, the oldest pending age, last sync, allowances left."""
    with db.read_sessions() as s:
        report.pending = _count(s, "pending")
        report.rejected_total = _count(s, "rejected")
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


def _count(s: Session, state: str) -> int:
    return int(s.scalar(select(func.count()).select_from(OutboxRow).where(
        OutboxRow.state == state)) or 0)
