"""Verifying every desk's hash chain in the central database (``leeway central audit
verify``), with the administrator's connection.

Each terminal's events are read in sequence order (one streamed query over all of
them, so memory stays flat however long the chains are) and recomputed exactly as the
desk's own ``leeway audit verify`` does (:func:`pos_app.domain.events.event_hash`):
the sequence has no gap, each event links to the one before it, each hash recomputes,
and the chain ends exactly at the head recorded in ``central_terminals``. The first
break per terminal is named (sequence number, event id, problem).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from pos_app.adapters.central.publish import admin_engine, require_table
from pos_app.domain.events import GENESIS_HASH, ChainBreak, event_hash
from pos_app.i18n import _

STREAM_ROWS = 2000


@dataclass(frozen=True)
class TerminalAudit:
    """One terminal's chain as central holds it."""

    id: str
    events: int
    head_seq: int | None  # None: events under an id that is no registered terminal
    problem: ChainBreak | None

    def as_dict(self) -> dict[str, Any]:
        p = self.problem
        return {"id": self.id, "events": self.events, "head_seq": self.head_seq,
                "ok": p is None, "seq": p.seq if p else None,
                "event_id": (p.event_id or None) if p else None,
                "problem": p.problem if p else None}


class _Chain:
    """The running check of one terminal's chain, one event at a time."""

    def __init__(self, terminal_id: str, head: tuple[int, str] | None) -> None:
        self.terminal_id = terminal_id
        self.head = head
        self.count = 0
        self.prev = GENESIS_HASH
        self.last_seq = 0
        self.problem: ChainBreak | None = None
        if head is None:
            self.problem = ChainBreak(0, "", _("events under a terminal id that is not"
                                               " registered"))

    def add(self, row: Any) -> None:
        self.count += 1
        if self.problem is not None:
            return  # only the first break is named
        seq, eid = int(row.seq), str(row.id)
        expected = self.last_seq + 1
        if seq != expected:
            jump = (_("sequence jumps from {last} to {seq} (event {expected} missing)")
                    if seq > expected else
                    _("sequence jumps from {last} to {seq} (event {expected} out of order)"))
            self.problem = ChainBreak(seq, eid, jump.format(last=expected - 1, seq=seq,
                                                            expected=expected))
            return
        if row.prev_hash != self.prev:
            self.problem = ChainBreak(seq, eid, _("does not link to the event before it"
                                                  " (an event was removed, replaced or"
                                                  " reordered)"))
            return
        recomputed = event_hash(
            id=eid, terminal_id=self.terminal_id, seq=seq, hlc=row.hlc,
            occurred_at=row.occurred_at, actor=row.actor, approver=row.approver,
            type=row.type, payload=row.payload, prev_hash=row.prev_hash)
        if recomputed != row.hash:
            self.problem = ChainBreak(seq, eid, _("its content was changed after it was"
                                                  " written"))
            return
        if self.head is not None and seq == self.head[0] and row.hash != self.head[1]:
            self.problem = ChainBreak(seq, eid, _("does not match the head hash recorded"
                                                  " for the terminal"))
            return
        if self.head is not None and seq > self.head[0]:
            self.problem = ChainBreak(seq, eid, _("lies beyond the terminal's recorded"
                                                  " head (event {head})").format(
                                                      head=self.head[0]))
            return
        self.prev = row.hash
        self.last_seq = seq

    def finish(self) -> TerminalAudit:
        if self.problem is None and self.head is not None:
            head_seq, head_hash = self.head
            if self.last_seq < head_seq:
                self.problem = ChainBreak(self.last_seq + 1, "", _(
                    "the chain ends at event {last} but the recorded head is event {head}:"
                    " events were removed").format(last=self.last_seq, head=head_seq))
            elif head_seq == 0 and head_hash != GENESIS_HASH:
                self.problem = ChainBreak(0, "", _("the recorded head has no events but is"
                                                   " not the chain's start"))
        return TerminalAudit(self.terminal_id, self.count,
                             self.head[0] if self.head else None, self.problem)


def verify_central(admin_url: str) -> list[TerminalAudit]:
    """Every terminal's chain, registered terminals and any stray ids, sorted by id."""
    engine = admin_engine(admin_url)
    try:
        with engine.connect() as conn:
            require_table(conn, "central_events")
            heads = {str(r.id): (int(r.head_seq), str(r.head_hash)) for r in conn.execute(
                text("SELECT id, head_seq, head_hash FROM central_terminals"))}
            rows = conn.execution_options(stream_results=True, yield_per=STREAM_ROWS).execute(
                text("SELECT id, terminal_id, seq, hlc, occurred_at, actor, approver, type,"
                     " payload, prev_hash, hash FROM central_events"
                     " ORDER BY terminal_id, seq"))
            found = _walk(rows, heads)
    finally:
        engine.dispose()
    for terminal_id in heads.keys() - {t.id for t in found}:
        found.append(_Chain(terminal_id, heads[terminal_id]).finish())
    return sorted(found, key=lambda t: t.id)


def _walk(rows: Iterable[Any], heads: dict[str, tuple[int, str]]) -> list[TerminalAudit]:
    done: list[TerminalAudit] = []
    chain: _Chain | None = None
    for row in rows:
        if chain is None or row.terminal_id != chain.terminal_id:
            if chain is not None:
                done.append(chain.finish())
            chain = _Chain(str(row.terminal_id), heads.get(str(row.terminal_id)))
        chain.add(row)
    if chain is not None:
        done.append(chain.finish())
    return done
