"""Reviewing sync results on a real terminal database: listing, marking, auditing."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from integration_support import connect, event_types_after, scalar, snapshot

from pos_app.domain.errors import InvalidInput, NotFound
from pos_app.services.audit import verify_audit
from pos_app.services.ports import ReviewKind
from pos_app.services.sync_review import mark_reviewed, review_items, summary

CONTACT = {"kind": "contact", "customer_id": "C100001", "field": "phone",
           "kept": "+15550100002", "kept_stamp": "2", "lost": "+15550100001",
           "lost_stamp": "1"}
VOUCHER = {"kind": "voucher", "serial": "V7K2M9", "terminal": "desk-2",
           "first_terminal": "desk-1", "problem": "redeemed twice"}


def _sync_leftovers(data_dir: Path) -> dict[str, int]:
    """What a pull and a push leave behind: two conflicts, and event 1 refused by the centre."""
    conn = connect(data_dir)
    try:
        ids = {}
        for name, detail, key in (("contact", CONTACT, "C100001"),
                                  ("voucher", VOUCHER, "V7K2M9")):
            cur = conn.execute(
                "INSERT INTO contact_conflicts (central_id, kind, key, detail, detected_at,"
                " reviewed) VALUES (?, ?, ?, ?, ?, 0)",
                (len(ids) + 1, name, key, json.dumps(detail), "2024-05-01 09:30:00.000000"))
            ids[name] = int(cur.lastrowid or 0)
        conn.execute("UPDATE outbox SET state = 'rejected', last_error = 'unknown terminal'"
                     " WHERE seq = 1")
        conn.commit()
        return ids
    finally:
        conn.close()


def test_review_lists_conflicts_then_rejected_events(empty_app: Any, data_dir: Path) -> None:
    ids = _sync_leftovers(data_dir)

    items = review_items(empty_app.uow)

    assert [(i.kind, i.conflict_id, i.key) for i in items] == [
        (ReviewKind.CONTACT_CONFLICT, ids["contact"], "C100001"),
        (ReviewKind.DOUBLE_REDEMPTION, ids["voucher"], "V7K2M9"),
        (ReviewKind.REJECTED_EVENT, None, "event 1"),
    ]
    contact, voucher, rejected = items
    assert contact.detail == CONTACT
    assert contact.detected_at == datetime(2024, 5, 1, 9, 30)
    assert rejected.detail == {"seq": 1, "type": "terminal.initialised",
                               "why": "unknown terminal"}
    assert rejected.detected_at is None
    assert [summary(i) for i in items] == [
        "phone: kept +15550100002, other desk's +15550100001 was not applied",
        "voucher redeemed twice: at desk-1 and at desk-2",
        "terminal.initialised: unknown terminal",
    ]


def test_marking_a_conflict_reviewed_hides_it_and_is_audited(empty_app: Any,
                                                             data_dir: Path) -> None:
    ids = _sync_leftovers(data_dir)
    last_seq = int(str(scalar(data_dir, "SELECT last_seq FROM terminal")))

    mark_reviewed(empty_app.uow, ids["contact"], by=None)

    assert [i.key for i in review_items(empty_app.uow)] == ["V7K2M9", "event 1"]
    assert event_types_after(data_dir, last_seq) == ["conflict.reviewed"]
    payload = scalar(data_dir, "SELECT payload FROM events WHERE seq = ?", last_seq + 1)
    assert json.loads(str(payload)) == {"conflict_id": ids["contact"]}
    assert scalar(data_dir, "SELECT reviewed FROM contact_conflicts WHERE id = ?",
                  ids["contact"]) == 1
    with empty_app.uow() as uow:
        _checked, problem = verify_audit(uow)
    assert problem is None


def test_a_rejected_event_cannot_be_marked_reviewed(empty_app: Any, data_dir: Path) -> None:
    _sync_leftovers(data_dir)
    rejected = review_items(empty_app.uow)[-1]
    before = snapshot(data_dir)

    with pytest.raises(InvalidInput, match="stays flagged until an engineer resolves it"):
        mark_reviewed(empty_app.uow, rejected.conflict_id)

    assert snapshot(data_dir) == before
    assert review_items(empty_app.uow)[-1] == rejected


def test_marking_twice_or_an_unknown_conflict_writes_nothing(empty_app: Any,
                                                             data_dir: Path) -> None:
    ids = _sync_leftovers(data_dir)
    mark_reviewed(empty_app.uow, ids["voucher"])
    before = snapshot(data_dir)

    for conflict_id in (ids["voucher"], 999):
        with pytest.raises(NotFound, match=f"no open conflict {conflict_id}"):
            mark_reviewed(empty_app.uow, conflict_id)

    assert snapshot(data_dir) == before
