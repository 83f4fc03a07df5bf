"""On a real SQLite file: an amount a manager approves is held by the manager.

The associate's "You can still grant" shift headroom (``recovery.headroom``) is unchanged
by a manager-approved $400 refund; the manager's goes down by $400; the refund of a
billing error spends none of the guest's goodwill budget; the decision.recorded event
carries what the central database derives its figures from.
"""

from __future__ import annotations

import json
from typing import Any

from integration_support import ASSOCIATE, FRESH_CUSTOMER, MANAGER, MANAGER_PIN, connect

from pos_app.domain.money import Money
from pos_app.services.granting import RecoveryAsk, grant_recovery, unlock_and_grant
from pos_app.services.recovery import Headroom, headroom


def _headroom(app: Any, employee_id: str) -> Headroom:
    with app.uow() as uow:
        record = uow.employees.get(employee_id)
        assert record is not None
        return headroom(uow, app.policy(), record.employee, FRESH_CUSTOMER)


def test_a_manager_approved_refund_leaves_the_associates_headroom_alone(
        demo_copy: Any, demo_dir: Any) -> None:
    app = demo_copy
    associate, manager = _headroom(app, ASSOCIATE), _headroom(app, MANAGER)
    ask = RecoveryAsk(ASSOCIATE, FRESH_CUSTOMER, "refund", "400.00", "billing_error",
                      "charged twice for the minibar")
    alone = grant_recovery(app.desk, ask)
    assert not alone.recorded and alone.verdict.approver_tier == "manager"

    outcome = unlock_and_grant(app.desk, ask, MANAGER, MANAGER_PIN)
    assert outcome.recorded and outcome.decision is not None
    assert outcome.decision.approver_id == MANAGER

    after = _headroom(app, ASSOCIATE)
    assert after.shift_left == associate.shift_left  # "You can still grant": unchanged
    assert after.customer_budget_left == associate.customer_budget_left  # a correction
    assert _headroom(app, MANAGER).shift_left == manager.shift_left - Money.of("400", "USD")

    conn = connect(demo_dir)
    try:
        (payload,) = conn.execute("SELECT payload FROM events WHERE id = ?",
                                  (outcome.decision.event_id,)).fetchone()
    finally:
        conn.close()
    recorded = json.loads(payload)
    assert (recorded["discretionary"], recorded["override"], recorded["category"]) == (
        False, False, "billing")
    # The associate can still grant on their own what their shift cap allows.
    own = grant_recovery(app.desk, RecoveryAsk(ASSOCIATE, FRESH_CUSTOMER, "refund", "100.00",
                                               "billing_error", "charged twice"))
    assert own.recorded
    assert _headroom(app, ASSOCIATE).shift_left == associate.shift_left - Money.of("100",
                                                                                    "USD")
