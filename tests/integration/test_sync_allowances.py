"""Allowances at the desk: online the desk obtains enough; offline it spends only what it
holds, and beyond that a manager's unlock records an audited exception."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pos_app.adapters.central.sync import SyncState
from pos_app.bootstrap import init_terminal, open_app
from pos_app.domain.engine import Outcome
from pos_app.domain.money import Money
from pos_app.services.approvals import RequestDetails, unlock_and_decide
from pos_app.services.recovery import decide
from tests.integration.sync_support import new_central, register, sync


@pytest.fixture(params=["postgresql", "sqlite"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return new_central(str(tmp_path / "central.sqlite3"))
    return new_central(request.getfixturevalue("pg_url"))


def _decide(app: Any, amount: str, customer: str = "C100070") -> Any:
    employee = app.employee("1001")
    app.top_up_allowances(employee, customer, Money.of(amount))
    with app.uow(write=True) as uow:
        result = decide(uow, app.policy(), employee_id="1001", customer_id=customer,
                        action="goodwill_credit", amount=Money.of(amount),
                        reason="service_delay")
        if result.recorded:
            uow.commit()
    return result


def test_online_then_offline_spends_only_what_the_desk_holds(
        tmp_path: Path, central: str, capsys: Any) -> None:
    desk = tmp_path / "desk-a"
    init_terminal(desk, terminal_id="desk-a", demo=True).close()
    register(desk, central, capsys)
    sync(desk, capsys)
    app = open_app(desk)
    try:
        assert _decide(app, "30.00").recorded  # online: allowance obtained and spent
        with app.uow() as uow:
            assert uow.allowances.left("customer", "C100070") == 0
        # The network goes: the desk cannot reach central any more.
        app.secrets.set("central-url", "sqlite:////nonexistent-dir/central.sqlite3")
        app.syncer().close()
        report = app.syncer().sync_once()
        assert not report.online and "unreachable" in (report.error or "")
        assert report.state is SyncState.OFFLINE
        blocked = _decide(app, "10.00")
        assert blocked.verdict.outcome is Outcome.NEEDS_APPROVAL
        assert "without the central database" in " ".join(blocked.verdict.reasons)
        # A manager's unlock records it as an audited exception.
        req = RequestDetails("1001", "C100070", "goodwill_credit", Money.of("10.00"),
                             "service_delay")
        with app.uow(write=True) as uow:
            approved = unlock_and_decide(uow, app.hasher, app.policy(), req, "4001", "4826")
            uow.commit()
        assert approved.decision is not None and approved.decision.approver_id == "4001"
        with app.uow() as uow:
            last = list(uow.events.ordered())[-1]
        assert json.loads(last.payload)["allowance_exception"] is True
    finally:
        app.close()
