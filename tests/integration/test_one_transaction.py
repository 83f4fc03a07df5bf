"""A decision, its event and its outbox row are written in one local transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from integration_support import ASSOCIATE, FRESH_CUSTOMER, connect

from pos_app.domain.events import GENESIS_HASH
from pos_app.domain.money import Money
from pos_app.services.audit import verify_audit
from pos_app.services.recovery import decide


class PowerCut(Exception):
    pass


def _decide(app: Any, uow: Any, amount: str = "40.00") -> Any:
    return decide(uow, app.policy(), employee_id=ASSOCIATE, customer_id=FRESH_CUSTOMER,
                  action="fee_waiver", amount=Money.of(amount, "USD"), reason="service_delay")


def _rows(data_dir: Path, decision_id: str, event_id: str) -> dict[str, Any]:
    conn = connect(data_dir)
    try:
        return {
            "decision": conn.execute(
                "SELECT customer_id, employee_id, action, amount_minor, event_id"
                " FROM decisions WHERE id = ?", (decision_id,)).fetchone(),
            "event": conn.execute(
                "SELECT seq, type, actor, hash, prev_hash FROM events WHERE id = ?",
                (event_id,)).fetchone(),
            "outbox": conn.execute(
                "SELECT seq, state, attempts FROM outbox WHERE event_id = ?",
                (event_id,)).fetchone(),
            "terminal": conn.execute("SELECT last_seq, head_hash FROM terminal").fetchone(),
            "seqs": [r[0] for r in conn.execute("SELECT seq FROM events ORDER BY seq")],
        }
    finally:
        conn.close()


def test_decision_event_and_outbox_commit_together(demo_copy: Any, demo_dir: Path) -> None:
    app = demo_copy
    with app.uow() as uow:
        before = uow.terminal()
    with app.uow(write=True) as uow:
        result = _decide(app, uow)
        assert result.recorded
        uow.commit()
    decision = result.decision

    rows = _rows(demo_dir, decision.id, decision.event_id)
    assert rows["decision"] == (FRESH_CUSTOMER, ASSOCIATE, "fee_waiver", 4000,
                                decision.event_id)
    seq, etype, actor, ehash, prev = rows["event"]
    assert (seq, etype, actor, prev) == (before.last_seq + 1, "decision.recorded", ASSOCIATE,
                                         before.head_hash)
    assert rows["outbox"] == (seq, "pending", 0)
    assert rows["terminal"] == (seq, ehash)
    assert rows["seqs"] == list(range(1, seq + 1))  # gapless 1..n
    with app.uow() as uow:
        checked, problem = verify_audit(uow)
    assert problem is None and checked == seq


def test_uncommitted_decision_is_invisible_to_other_readers(demo_copy: Any,
                                                            demo_dir: Path) -> None:
    app = demo_copy
    with app.uow(write=True) as uow:
        result = _decide(app, uow)
        # Before the commit, another connection sees neither the decision nor its event.
        rows = _rows(demo_dir, result.decision.id, result.decision.event_id)
        assert rows["decision"] is None and rows["event"] is None and rows["outbox"] is None
        uow.commit()
    rows = _rows(demo_dir, result.decision.id, result.decision.event_id)
    assert rows["decision"] is not None and rows["event"] is not None


def test_leaving_without_commit_writes_none_of_the_three(demo_copy: Any,
                                                        demo_dir: Path) -> None:
    app = demo_copy
    with app.uow() as uow:
        before = uow.terminal()
    captured: dict[str, Any] = {}
    with pytest.raises(PowerCut), app.uow(write=True) as uow:
        result = _decide(app, uow)
        assert result.recorded
        captured["decision"] = result.decision
        raise PowerCut  # e.g. the printer driver crashes before "done"

    decision = captured["decision"]
    rows = _rows(demo_dir, decision.id, decision.event_id)
    assert rows["decision"] is None
    assert rows["event"] is None
    assert rows["outbox"] is None
    assert rows["terminal"] == (before.last_seq, before.head_hash)
    with app.uow() as uow:
        assert [d.id for d in uow.decisions.for_customer(FRESH_CUSTOMER)] == []

    # The next decision takes the sequence number the lost one would have had.
    with app.uow(write=True) as uow:
        again = _decide(app, uow)
        uow.commit()
    rows = _rows(demo_dir, again.decision.id, again.decision.event_id)
    assert rows["event"][0] == before.last_seq + 1
    assert rows["seqs"] == list(range(1, before.last_seq + 2))


def test_refused_decision_writes_nothing(demo_copy: Any, demo_dir: Path) -> None:
    app = demo_copy
    with app.uow() as uow:
        before = uow.terminal()
    with app.uow(write=True) as uow:
        result = _decide(app, uow, amount="50000.00")  # beyond anyone's authority
        assert not result.recorded
        uow.commit()
    with app.uow() as uow:
        after = uow.terminal()
        assert uow.decisions.for_customer(FRESH_CUSTOMER) == []
    assert (after.last_seq, after.head_hash) == (before.last_seq, before.head_hash)


def test_fresh_terminal_chain_starts_at_genesis(empty_app: Any, data_dir: Path) -> None:
    conn = connect(data_dir)
    try:
        first = conn.execute("SELECT seq, type, prev_hash FROM events ORDER BY seq").fetchone()
        pending = conn.execute("SELECT count(*) FROM outbox WHERE state='pending'").fetchone()
        events = conn.execute("SELECT count(*) FROM events").fetchone()
    finally:
        conn.close()
    assert first == (1, "terminal.initialised", GENESIS_HASH)
    assert pending == events  # every event waits in the outbox until synced
