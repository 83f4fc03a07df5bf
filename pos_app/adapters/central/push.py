"""Push: this terminal's pending outbox events to the central database, in order.

Events go in sequence order, in batches of ``LEEWAY_SYNC_BATCH`` (5,000 unless set;
fault tests use small ones): the rows are COPYed into a session-temporary table, then
one call of ``leeway_push()`` (a SECURITY DEFINER function, see ``sql/authority.sql``)
checks them and derives every projection, as one statement that commits as it ends.
Only after that commit are they marked synced locally, so a crash, a
dropped connection or a kill at any point leaves them pending, and the next push is
acknowledged idempotently: every event ends up stored centrally exactly once.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import Connection, select, text, update

from pos_app.adapters.central.link import CentralLink
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import OutboxRow
from pos_app.domain.clock import utcnow
from pos_app.domain.events import Event
from pos_app.i18n import _

BATCH = int(os.environ.get("LEEWAY_SYNC_BATCH", "5000"))
COLUMNS = ("id", "terminal_id", "seq", "hlc", "occurred_at", "actor", "approver", "type",
           "payload", "prev_hash", "hash")


@dataclass
class IngestResult:
    acknowledged: list[str] = field(default_factory=list)  # event ids now safely central
    rejected: dict[str, str] = field(default_factory=dict)  # event id -> reason


def push_batch(conn: Connection, events: list[Event]) -> IngestResult:
    """:func:`send_batch` with ``conn`` in autocommit: ``leeway_push()`` then runs and
    commits as one statement, so its locks (this desk's chain head, a push slot, the
    change feed's turn) are held for the function's own work only, never across a round
    trip to this desk. Should the answer be lost after that commit, the next push sends
    the batch again and it is acknowledged again (exactly once)."""
    return send_batch(conn.execution_options(isolation_level="AUTOCOMMIT"), events)


def send_batch(conn: Connection, events: list[Event]) -> IngestResult:
    """COPY ``events`` to central and let ``leeway_push()`` take them, in ``conn``'s
    transaction (or, in autocommit, each statement on its own: see :func:`push_batch`)."""
    conn.execute(text("SELECT leeway_push_begin()"))
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cur:  # type: ignore[attr-defined]
        with cur.copy(f"COPY pg_temp.leeway_push_batch ({', '.join(COLUMNS)}) FROM STDIN"
                      ) as copy:
            for ev in events:
                copy.write_row((ev.id, ev.terminal_id, ev.seq, ev.hlc, ev.occurred_at,
                                ev.actor, ev.approver, ev.type, ev.payload, ev.prev_hash,
                                ev.hash))
        # The answer (a row per event) is read by the driver in one go: through
        # SQLAlchemy's result rows it cost more than the function's own check of them.
        answers = cur.execute("SELECT * FROM leeway_push()").fetchall()
    result = IngestResult()
    for event_id, accepted, why in answers:
        if accepted:
            result.acknowledged.append(str(event_id))
        else:
            result.rejected[str(event_id)] = str(why or _("refused by the central database"))
    return result


_MARK_CHUNK = 500  # event ids per UPDATE ... IN (...)


def push_outbox(db: LocalDatabase, link: CentralLink, terminal_id: str,
                batch: int = BATCH) -> tuple[int, int]:
    """Send every pending event; returns (acknowledged, rejected).

    Raises :class:`~pos_app.adapters.central.link.CentralUnavailable` when central
    cannot be reached; batches acknowledged before that stay marked synced.

    The desk's own work runs beside central's: while central takes one batch, a helper
    thread marks the previous one synced and reads the next (SQLite and the driver both
    let go of the interpreter while they wait), so the push costs about central's time
    alone. A batch is still marked only after central committed it.
    """
    pushed = rejected = 0
    with ThreadPoolExecutor(1, thread_name_prefix="leeway-push") as helper:
        # Each pending event is sent once per call, in sequence order.
        ahead: Future[list[Event]] = helper.submit(pending_events, db, batch, 0)
        marking: Future[None] | None = None
        after = 0
        try:
            while True:
                # Read ahead before the last push: an event written meanwhile (a sign-in
                # while the sync ran) is looked for once more, so it goes with this push.
                events = ahead.result() or (pending_events(db, batch, after) if after else [])
                if not events:
                    return pushed, rejected
                after = events[-1].seq
                ahead = helper.submit(pending_events, db, batch, after)
                with link.connect() as conn:
                    result = push_batch(conn, events)
                if marking is not None:
                    marking.result()
                # Only now, after the central commit, is anything marked synced locally.
                marking = helper.submit(mark_outcome, db, result, events)
                pushed += len(result.acknowledged)
                rejected += len(result.rejected)
        finally:
            if marking is not None:
                marking.result()  # what central acknowledged is marked, whatever follows


# The pending events with their columns, read as plain rows through the DB-API cursor:
# a push reads every event, and building ORM objects (or SQLAlchemy result rows) for
# them cost more than the read itself.
_PENDING_SQL = (f"SELECT {', '.join('e.' + c for c in COLUMNS)} FROM outbox o"
                " JOIN events e ON e.id = o.event_id"
                " WHERE o.state = 'pending' AND o.seq > ? ORDER BY o.seq LIMIT ?")


def pending_events(db: LocalDatabase, limit: int, after: int = 0) -> list[Event]:
    """Up to ``limit`` pending events with a sequence number above ``after``, in order.

    The outbox's own ``seq`` (the event's) is indexed: the read seeks to ``after`` rather
    than walking the events already synced, so each batch costs the same however long
    the outbox has grown.
    """
    with db.reader.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            rows = cursor.execute(_PENDING_SQL, (after, limit)).fetchall()
        finally:
            cursor.close()
    return [Event(*row) for row in rows]


def mark_outcome(db: LocalDatabase, result: IngestResult,
                 sent: list[Event] | None = None) -> None:
    """Acknowledged events become synced; rejected ones stay, flagged with the reason.

    When every event ``sent`` is accounted for (acknowledged or rejected, as central
    answers for each), the acknowledged ones are marked by one update over the batch's
    sequence range; otherwise, event by event.
    """
    now = utcnow()
    done = result.acknowledged
    with db.write_sessions() as s, s.begin():
        if sent and len(done) + len(result.rejected) == len(sent) and (
                {e.id for e in sent} == set(done) | set(result.rejected)):
            s.execute(update(OutboxRow).where(
                OutboxRow.state == "pending", OutboxRow.seq >= sent[0].seq,
                OutboxRow.seq <= sent[-1].seq,
                OutboxRow.event_id.not_in(list(result.rejected)))
                .values(state="synced", synced_at=now, last_error=None)
                .execution_options(synchronize_session=False))
        else:
            for i in range(0, len(done), _MARK_CHUNK):
                s.execute(update(OutboxRow).where(
                    OutboxRow.event_id.in_(done[i : i + _MARK_CHUNK]))
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
