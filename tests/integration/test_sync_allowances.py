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
from pos_app.services.granting import GrantOutcome, RecoveryAsk, grant_recovery, unlock_and_grant
from tests.integration.sync_support import new_central, register, sync


@pytest.fixture()
def central(pg_url: str) -> str:
    """A fresh central database (PostgreSQL: the authority)."""
    return new_central(pg_url)


def _ask(amount: str, customer: str = "C100070") -> RecoveryAsk:
    return RecoveryAsk("1001", customer, "goodwill_credit", amount, "service_delay")


def _decide(app: Any, amount: str, customer: str = "C100070") -> GrantOutcome:
    return grant_recovery(app.desk, _ask(amount, customer))  # tops up online, as the desk


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
        app.secrets.set("central-url", "postgresql+psycopg://nobody:nothing@127.0.0.1:1/nowhere")
        app.syncer.close()
        report = app.syncer.sync_once()
        assert not report.online and "unreachable" in (report.error or "")
        assert report.state is SyncState.OFFLINE
        blocked = _decide(app, "10.00")
        assert blocked.verdict.outcome is Outcome.NEEDS_APPROVAL
        assert "without the central database" in blocked.verdict.explain()
        # A manager below the override tier cannot push the guest past what is held...
        refused = unlock_and_grant(app.desk, _ask("10.00"), "4001", "4826")
        assert not refused.recorded
        assert refused.verdict.approver_tier == "general_manager"
        # ...the override tier can, and it is recorded as an override (and an exception).
        approved = unlock_and_grant(app.desk, _ask("10.00"), "5001", "5937")
        assert approved.decision is not None and approved.decision.approver_id == "5001"
        with app.uow() as uow:
            recorded = [e for e in uow.events.ordered() if e.type == "decision.recorded"]
        payload = json.loads(recorded[-1].payload)
        assert payload["allowance_exception"] is True and payload["override"] is True
    finally:
        app.close()
