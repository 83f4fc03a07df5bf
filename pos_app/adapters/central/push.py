"""Push: this terminal's pending outbox events to the central database, in order.

Events go in sequence order, in batches of ``LEEWAY_SYNC_BATCH`` (2,000 unless set;
fault tests use small ones), one central transaction per batch (see :mod:`ingest`).
Only after that transaction commits are they marked synced locally, so a crash, a
dropped connection or a kill at any point leaves them pending, and the next push is
acknowledged idempotently: every event ends up stored centrally exactly once.
"""

from __future__ import annotations

import os

from sqlalchemy import select, update

from pos_app.adapters.central.ingest import IngestResult, ingest
from pos_app.adapters.central.link import CentralLink
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import EventRow, OutboxRow
from pos_app.domain.clock import utcnow
from pos_app.domain.events import Event

BATCH = int(os.environ.get("LEEWAY_SYNC_BATCH", "2000"))
_MARK_CHUNK = 500  # event ids per UPDATE ... IN (...)


def push_outbox(db: LocalDatabase, link: CentralLink, terminal_id: str,
                batch: int = BATCH) -> tuple[int, int]:
    """Send every pending event; returns (acknowledged, rejected).

    Raises :class:`~pos_app.adapters.central.link.CentralUnavailable` when central
    cannot be reached; batches acknowledged before that stay marked synced.
    """
    pushed = rejected = 0
    while True:
        events = pending_events(db, batch)
        if not events:
            return pushed, rejected
        with link.begin() as conn:
            result = ingest(conn, terminal_id, events)
        # Only now, after the central commit, is anything marked synced locally.
        mark_outcome(db, result)
        pushed += len(result.acknowledged)
        rejected += len(result.rejected)


def pending_events(db: LocalDatabase, limit: int) -> list[Event]:
    with db.read_sessions() as s:
        rows = s.scalars(
            select(EventRow).join(OutboxRow, OutboxRow.event_id == EventRow.id)
            .where(OutboxRow.state == "pending").order_by(EventRow.seq).limit(limit)).all()
        return [Event(r.id, r.terminal_id, r.seq, r.hlc, r.occurred_at, r.actor, r.approver,
                      r.type, r.payload, r.prev_hash, r.hash) for r in rows]


def mark_outcome(db: LocalDatabase, result: IngestResult) -> None:
    """Acknowledged events become synced; rejected ones stay, flagged with the reason."""
    now = utcnow()
    with db.write_sessions() as s, s.begin():
        done = result.acknowledged
        for i in range(0, len(done), _MARK_CHUNK):
            s.execute(update(OutboxRow).where(OutboxRow.event_id.in_(done[i : i + _MARK_CHUNK]))
                      .values(state="synced", synced_at=now, last_error=None)
                      .execution_options(synchronize_session=False))
        for event_id, why in result.rejected.items():
            s.execute(update(OutboxRow).where(OutboxRow.event_id == event_id)
                      .values(state="rejected", last_error=why,
                              attempts=OutboxRow.attempts + 1)
                      .execution_options(synchronize_session=False))


def has_pending(db: LocalDatabase) -> bool:
    with db.read_sessions() as s:
        return s.scalar(select(OutboxRow.event_id).where(OutboxRow.state == "pending")
                        .limit(1)) is not None
