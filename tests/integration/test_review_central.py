"""Head office's review across desks, and a recognition that follows the employee to
another desk, through a real PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pos_app.bootstrap import init_terminal, open_app
from pos_app.cli import main
from pos_app.services.granting import RecoveryAsk, grant_recovery
from pos_app.services.review import recognise, recognitions_to_show, review_decisions
from pos_app.services.staff import sign_in
from tests.integration.sync_support import new_central, register, sync


def _desk(tmp_path: Path, name: str, central: str, capsys: Any) -> Path:
    desk = tmp_path / name
    init_terminal(desk, terminal_id=name, demo=True).close()
    register(desk, central, capsys)
    assert sync(desk, capsys)["online"]  # online: the desk may ask for allowances
    return desk


def _grant(desk: Path, note: str) -> str:
    app = open_app(desk)
    try:
        outcome = grant_recovery(app.desk, RecoveryAsk("1001", "C100010", "fee_waiver",
                                                       "30.00", "facility_issue", note))
        assert outcome.decision is not None
        return outcome.decision.id
    finally:
        app.close()


def test_central_report_sums_every_desk_and_matches_each_desks_own(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    a = _desk(tmp_path, "desk-a", central, capsys)
    b = _desk(tmp_path, "desk-b", central, capsys)
    _grant(a, "Room 310 heater")
    _grant(b, "room 310 heater again")
    assert sync(a, capsys)["online"] and sync(b, capsys)["online"]
    own = []
    for desk in (a, b):
        app = open_app(desk)
        try:
            own.append(review_decisions(app.desk).summary)
        finally:
            app.close()

    capsys.readouterr()
    assert main(["central", "report", "decisions", "--url", central, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["decisions"] == sum(s.count for s in own)
    assert data["summary"]["amount"] == f"{sum(s.amount_minor for s in own) / 100:.2f}"
    assert {d["terminal"] for d in data["decisions"]} == {"desk-a", "desk-b"}
    assert {r["key"] for r in data["totals"]["reason"]} >= {"facility_issue"}
    assert main(["central", "report", "patterns", "--url", central, "--json"]) == 0
    learning = json.loads(capsys.readouterr().out)
    assert any(p["key"] == "room 310" and p["count"] >= 2
               for p in learning["recurring_places"])
    # The administrator's URL is needed: a wrong one is one clear line, exit 1.
    assert main(["central", "report", "decisions", "--url", "sqlite:///x.db"]) == 1
    assert "postgresql:// URL" in capsys.readouterr().err


def test_a_recognition_reaches_the_employee_at_another_desk(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    a = _desk(tmp_path, "desk-a", central, capsys)
    b = _desk(tmp_path, "desk-b", central, capsys)
    decision = _grant(a, "stayed calm")
    app = open_app(a)
    try:
        manager = sign_in(app.desk, "4001", "4826")
        recognise(app.desk, decision, manager, "Well handled")
    finally:
        app.close()
    assert sync(a, capsys)["online"] and sync(b, capsys)["online"]
    app_b = open_app(b)
    try:
        shown = recognitions_to_show(app_b.desk, "1001")
        assert [(r.decision_id, r.note, r.given_by) for r in shown] == [
            (decision, "Well handled", "4001")]
    finally:
        app_b.close()
    # Pulled again (a second sync) it is not shown twice.
    assert sync(b, capsys)["online"]
    app_b = open_app(b)
    try:
        assert recognitions_to_show(app_b.desk, "1001") == []
    finally:
        app_b.close()
