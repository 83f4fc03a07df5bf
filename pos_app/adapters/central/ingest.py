"""Accepting a terminal's events at the central database, exactly once and in order.

Each event must continue the terminal's chain exactly where the central database left
it (sequence and previous hash) and its hash must recompute; an event already stored
with the same hash is a re-delivery and is acknowledged again. Accepted events update
the projections in the same transaction. An event whose payload cannot be applied is
still stored (the chain must stay whole) but flagged, and reported back as rejected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from pos_app.adapters.central import schema as c
from pos_app.domain.clock import utcnow
from pos_app.domain.events import Event, event_hash
from pos_app.domain.people import CONTACT_FIELDS


@dataclass
class IngestResult:
    acknowledged: list[str] = field(default_factory=list)  # event ids now safely central
    rejected: dict[str, str] = field(default_factory=dict)  # event id -> reason


def _change(conn: Connection, kind: str, key: str, data: dict[str, Any]) -> None:
    conn.execute(insert(c.changes).values(kind=kind, key=key,
                                          data=json.dumps(data, ensure_ascii=False)))


def _stamp(ev: Event) -> str:
    return f"{ev.hlc}|{ev.terminal_id}"  # HLC first, terminal id breaks ties


def _apply_contact(conn: Connection, ev: Event, p: dict[str, Any]) -> None:
    cid, fld, after = str(p["customer_id"]), str(p["field"]), str(p["after"])
    if fld not in CONTACT_FIELDS:
        raise ValueError(f"unknown contact field {fld!r}")
    row = conn.execute(select(c.customers).where(c.customers.c.id == cid)
                       .with_for_update()).first()
    data: dict[str, str] = json.loads(row.data) if row else {"id": cid}
    clocks: dict[str, str] = json.loads(row.clocks) if row else {}
    mine = _stamp(ev)
    current = clocks.get(fld, "")
    if mine > current:
        loser = {"value": data.get(fld, ""), "stamp": current} if current else None
        data[fld], clocks[fld] = after, mine
    else:
        loser = {"value": after, "stamp": mine}
    if row is None:
        conn.execute(insert(c.customers).values(id=cid, data=json.dumps(data, ensure_ascii=False),
                                                clocks=json.dumps(clocks)))
    else:
        conn.execute(update(c.customers).where(c.customers.c.id == cid).values(
            data=json.dumps(data, ensure_ascii=False), clocks=json.dumps(clocks)))
    # The newest stamp travels with the change so desks move their clocks past it.
    _change(conn, "customer", cid, {**data, "hlc": max(v.split("|")[0] for v in clocks.values())})
    if loser is not None and loser["value"] != data[fld]:
        detail = {"customer_id": cid, "field": fld, "kept": data[fld],
                  "kept_stamp": clocks[fld], "lost": loser["value"],
                  "lost_stamp": loser["stamp"]}
        conn.execute(insert(c.conflicts).values(kind="contact", key=cid,
                                                detail=json.dumps(detail, ensure_ascii=False),
                                                detected_at=utcnow()))
        _change(conn, "conflict", cid, {"kind": "contact", **detail})


def _decision_row(ev: Event, p: dict[str, Any]) -> dict[str, Any]:
    """The central_decisions row of a decision event (validated; no database access)."""
    amount = int(p["amount_minor"])
    if amount <= 0 or not ev.actor:
        raise ValueError("a decision needs a positive amount and an employee")
    return {"id": str(p["decision_id"]), "terminal_id": ev.terminal_id,
            "customer_id": str(p["customer_id"]), "employee_id": str(ev.actor),
            "amount_minor": amount,
            "decided_at": datetime.fromisoformat(ev.occurred_at.rstrip("Z"))}


def _apply_decisions(conn: Connection, terminal_id: str, rows: list[dict[str, Any]]) -> None:
    """Decisions go in as one multi-row insert; allowances consumed, one update per key."""
    if not rows:
        return
    conn.execute(insert(c.decisions), rows)
    consumed: dict[tuple[str, str], int] = {}
    for row in rows:
        for scoped in (("customer", row["customer_id"]), ("employee", row["employee_id"])):
            consumed[scoped] = consumed.get(scoped, 0) + row["amount_minor"]
    held = {(r.scope, r.key) for r in conn.execute(select(
        c.allowances.c.scope, c.allowances.c.key).where(
        c.allowances.c.terminal_id == terminal_id))}
    for (scope, key), amount in consumed.items():
        if (scope, key) in held:
            conn.execute(update(c.allowances).where(
                c.allowances.c.scope == scope, c.allowances.c.key == key,
                c.allowances.c.terminal_id == terminal_id).values(
                consumed_minor=c.allowances.c.consumed_minor + amount))


def _apply_voucher_issued(conn: Connection, ev: Event, p: dict[str, Any]) -> None:
    serial = str(p["serial"])
    conn.execute(insert(c.vouchers).values(serial=serial, data=json.dumps(p, ensure_ascii=False),
                                           status="issued"))
    _change(conn, "voucher", serial, {**p, "status": "issued"})


def _apply_voucher_redeemed(conn: Connection, ev: Event, p: dict[str, Any]) -> None:
    serial = str(p["serial"])
    row = conn.execute(select(c.vouchers).where(c.vouchers.c.serial == serial)
                       .with_for_update()).first()
    if row is not None and row.status == "issued":
        conn.execute(update(c.vouchers).where(c.vouchers.c.serial == serial).values(
            status="redeemed", redeemed_terminal=ev.terminal_id, redeemed_at=ev.occurred_at))
        _change(conn, "voucher", serial, {**json.loads(row.data), "status": "redeemed",
                                          "redeemed_terminal": ev.terminal_id,
                                          "redeemed_at": ev.occurred_at})
        return
    # Redeemed twice (two desks offline at once), or a voucher central never saw issued.
    detail = {"serial": serial, "terminal": ev.terminal_id, "at": ev.occurred_at,
              "by": ev.actor, "value_minor": p.get("value_minor"),
              "first_terminal": row.redeemed_terminal if row else None,
              "first_at": row.redeemed_at if row else None,
              "problem": "redeemed twice" if row else "unknown voucher redeemed"}
    conn.execute(insert(c.conflicts).values(kind="voucher", key=serial,
                                            detail=json.dumps(detail), detected_at=utcnow()))
    _change(conn, "conflict", serial, {"kind": "voucher", **detail})


def _apply_policy(conn: Connection, ev: Event, p: dict[str, Any]) -> None:
    if p.get("document"):
        _change(conn, "policy", str(p["version"]), {"version": p["version"],
                                                    "document": p["document"]})


def _apply_referral_created(conn: Connection, ev: Event, p: dict[str, Any]) -> None:
    for key in ("referral_id", "customer_id", "action", "amount_minor", "currency", "reason",
                "required_tier", "created_at"):
        if key not in p:
            raise KeyError(key)
    _change(conn, "referral", str(p["referral_id"]),
            {**p, "requester_id": ev.actor, "state": "pending", "origin": ev.terminal_id})


def _apply_referral_decided(conn: Connection, ev: Event, p: dict[str, Any]) -> None:
    _change(conn, "referral", str(p["referral_id"]), {
        "referral_id": p["referral_id"], "state": ev.type.split(".", 1)[1],
        "decided_by": ev.actor, "decided_at": ev.occurred_at,
        "decided_by_name": p.get("decided_by_name"), "decided_by_tier": p.get("decided_by_tier"),
        "decision_id": p.get("decision_id"), "decision_note": p.get("note", ""),
        "decided_at_terminal": ev.terminal_id})


def _apply_staff(conn: Connection, ev: Event, p: dict[str, Any]) -> None:
    """Staff changes every desk should know: who, which tier, active, roaming PIN hash."""
    employee_id = str(p["employee_id"])
    data: dict[str, Any] = {"employee_id": employee_id}
    if ev.type == "employee.added":
        data.update(name=str(p["name"]), tier=str(p["tier"]), active=True)
    elif ev.type == "employee.disabled":
        data["active"] = False
    if p.get("pin_hash"):
        data["pin_hash"] = str(p["pin_hash"])
    _change(conn, "employee", employee_id, data)


APPLY = {
    "contact.corrected": _apply_contact,
    "voucher.issued": _apply_voucher_issued,
    "voucher.redeemed": _apply_voucher_redeemed,
    "policy.loaded": _apply_policy,
    "referral.created": _apply_referral_created,
    "employee.added": _apply_staff,
    "employee.disabled": _apply_staff,
    "pin.changed": _apply_staff,
    "referral.approved": _apply_referral_decided,
    "referral.declined": _apply_referral_decided,
}


def ingest(conn: Connection, terminal_id: str, batch: list[Event]) -> IngestResult:
    """Store ``batch`` (in sequence order) for ``terminal_id`` inside ``conn``'s transaction."""
    result = IngestResult()
    term = conn.execute(select(c.terminals).where(c.terminals.c.id == terminal_id)
                        .with_for_update()).first()
    if term is None:
        for ev in batch:
            result.rejected[ev.id] = "this terminal is not registered centrally"
        return result
    head_seq, head_hash = int(term.head_seq), str(term.head_hash)
    now = utcnow()
    fresh: list[dict[str, Any]] = []
    known: dict[int, str] | None = None
    decisions: list[dict[str, Any]] = []
    for ev in batch:
        if ev.terminal_id != terminal_id:
            result.rejected[ev.id] = f"claims terminal {ev.terminal_id!r}: spoofed"
            continue
        recomputed = event_hash(id=ev.id, terminal_id=ev.terminal_id, seq=ev.seq, hlc=ev.hlc,
                                occurred_at=ev.occurred_at, actor=ev.actor,
                                approver=ev.approver, type=ev.type, payload=ev.payload,
                                prev_hash=ev.prev_hash)
        if recomputed != ev.hash:
            result.rejected[ev.id] = "its hash does not match its content: altered"
            continue
        if ev.seq <= head_seq:
            if known is None:  # one query for every re-delivered event of the batch
                low = min(e.seq for e in batch)
                known = dict(conn.execute(select(c.events.c.seq, c.events.c.hash).where(
                    c.events.c.terminal_id == terminal_id, c.events.c.seq >= low,
                    c.events.c.seq <= head_seq)).all())
            stored = known.get(ev.seq)
            if stored == ev.hash:
                result.acknowledged.append(ev.id)  # delivered before: acknowledge again
            else:
                result.rejected[ev.id] = f"event {ev.seq} differs from the one central holds"
            continue
        if ev.seq != head_seq + 1 or ev.prev_hash != head_hash:
            result.rejected[ev.id] = (f"does not continue the chain central holds (head is"
                                      f" event {head_seq})")
            continue
        quarantined = None
        apply = APPLY.get(ev.type)
        if ev.type == "decision.recorded":
            try:
                decisions.append(_decision_row(ev, json.loads(ev.payload)))
            except (KeyError, TypeError, ValueError) as exc:
                quarantined = f"payload not applied: {type(exc).__name__}: {exc}"[:200]
        elif apply is not None:
            savepoint = conn.begin_nested()
            try:
                apply(conn, ev, json.loads(ev.payload))
                savepoint.commit()
            except (KeyError, TypeError, ValueError) as exc:
                savepoint.rollback()
                quarantined = f"payload not applied: {type(exc).__name__}: {exc}"[:200]
        fresh.append({**ev.__dict__, "received_at": now, "quarantined": quarantined})
        head_seq, head_hash = ev.seq, ev.hash
        if quarantined:
            result.rejected[ev.id] = quarantined
        else:
            result.acknowledged.append(ev.id)
    _apply_decisions(conn, terminal_id, decisions)
    if fresh:
        # One multi-row insert for the batch (projections never read central_events),
        # in the same transaction as the projections and the head.
        conn.execute(insert(c.events), fresh)
    conn.execute(update(c.terminals).where(c.terminals.c.id == terminal_id).values(
        head_seq=head_seq, head_hash=head_hash))
    return result


def budget_spent(conn: Connection, scope: str, key: str, since: datetime) -> int:
    col = c.decisions.c.customer_id if scope == "customer" else c.decisions.c.employee_id
    return int(conn.execute(select(func.coalesce(func.sum(c.decisions.c.amount_minor), 0))
                            .where(col == key, c.decisions.c.decided_at >= since)).scalar() or 0)
