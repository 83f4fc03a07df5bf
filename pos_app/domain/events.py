"""Events: the audit log and the sync outbox in one hash-chained, append-only stream.

Every change is an event written in the same transaction as its effect. An event has
a UUIDv7 id (time-ordered, so indexes stay compact), the terminal id, a gapless
per-terminal sequence number, the actor, the approver if any, its type, a canonical
JSON payload, the previous event's hash and its own. Recomputing the chain detects an
edited, deleted or reordered row; comparing with an exported head detects truncation.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from typing import Any

from pos_app.i18n import _

GENESIS_HASH = "0" * 64


def uuid7(now_ms: int | None = None) -> uuid.UUID:
    """A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then 74 random bits."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b, 62 bits
    return uuid.UUID(int=value)


# json.dumps with these options builds this encoder on every call.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(payload: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept as is."""
    return _CANONICAL.encode(payload)


@dataclass(frozen=True)
class Event:
    id: str
    terminal_id: str
    seq: int
    hlc: str
    occurred_at: str  # ISO 8601 UTC, for people; order comes from seq and hlc
    actor: str | None
    approver: str | None
    type: str
    payload: str  # canonical JSON
    prev_hash: str
    hash: str

    def payload_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.payload)
        return data


def event_hash(
    *,
    id: str,
    terminal_id: str,
    seq: int,
    hlc: str,
    occurred_at: str,
    actor: str | None,
    approver: str | None,
    type: str,
    payload: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical form of every field but the hash itself."""
    body = canonical_json(
        [id, terminal_id, seq, hlc, occurred_at, actor, approver, type, payload, prev_hash]
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def chain_next(
    *,
    terminal_id: str,
    seq: int,
    prev_hash: str,
    hlc: str,
    occurred_at: str,
    actor: str | None,
    approver: str | None,
    type: str,
    payload: dict[str, Any],
    event_id: str | None = None,
) -> Event:
    """Build the next event of a terminal's chain."""
    eid = event_id or str(uuid7())
    body = canonical_json(payload)
    digest = event_hash(
        id=eid,
        terminal_id=terminal_id,
        seq=seq,
        hlc=hlc,
        occurred_at=occurred_at,
        actor=actor,
        approver=approver,
        type=type,
        payload=body,
        prev_hash=prev_hash,
    )
    return Event(eid, terminal_id, seq, hlc, occurred_at, actor, approver, type, body,
                 prev_hash, digest)


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    event_id: str
    problem: str


def verify_chain(events: list[Event], expected_head: tuple[int, str] | None = None
                 ) -> ChainBreak | None:
    """Return the first break in ``events`` (ordered by seq), or None if it verifies.

    ``expected_head`` is a (seq, hash) pair recorded elsewhere (the terminal row, an
    exported end-of-day head, the central database); a chain shorter than it was
    truncated.
    """
    prev = GENESIS_HASH
    expected_seq = 1
    for ev in events:
        if ev.seq != expected_seq:
            jump = (_("sequence jumps from {last} to {seq} (event {expected} missing)")
                    if ev.seq > expected_seq else
                    _("sequence jumps from {last} to {seq} (event {expected} out of order)"))
            return ChainBreak(ev.seq, ev.id, jump.format(last=expected_seq - 1, seq=ev.seq,
                                                         expected=expected_seq))
        if ev.prev_hash != prev:
            return ChainBreak(ev.seq, ev.id, _("does not link to the event before it"
                                               " (an event was removed, replaced or"
                                               " reordered)"))
        recomputed = event_hash(
            id=ev.id, terminal_id=ev.terminal_id, seq=ev.seq, hlc=ev.hlc,
            occurred_at=ev.occurred_at, actor=ev.actor, approver=ev.approver, type=ev.type,
            payload=ev.payload, prev_hash=ev.prev_hash,
        )
        if recomputed != ev.hash:
            return ChainBreak(ev.seq, ev.id,
                              _("its content was changed after it was written"))
        prev = ev.hash
        expected_seq += 1
    if expected_head is not None:
        head_seq, head_hash = expected_head
        last_seq = expected_seq - 1
        if last_seq < head_seq:
            return ChainBreak(last_seq + 1, "", _(
                "the log ends at event {last} but the recorded head is event {head}: events"
                " were truncated").format(last=last_seq, head=head_seq))
        if head_seq > 0:
            at_head = events[head_seq - 1]
            if at_head.hash != head_hash:
                return ChainBreak(head_seq, at_head.id,
                                  _("does not match the recorded head hash"))
    return None
