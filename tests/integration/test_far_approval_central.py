"""Approvals from afar between two desks of a group, through a real PostgreSQL.

Desk A (the associate, demo data) and desk B (where the manager is) are registered with
one central database; the manager is roaming staff added by head office, so both desks
know their PIN hash and hold the group's staff key. Online, the request
travels through the central functions; by telephone nothing travels at all. A desk's
own role, used by hand, cannot read, close or answer for another desk's request in a
way that opens anything.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text

from pos_app.adapters.central.connect import normalise_url
from pos_app.adapters.central.staff_admin import add_staff
from pos_app.bootstrap import App, init_terminal, open_app
from pos_app.domain.errors import InvalidInput
from pos_app.services.far_approval import (
    answer_by_telephone,
    answer_remotely,
    ask_by_telephone,
    ask_remotely,
    collect_answer,
    unlock_by_telephone,
    waiting_for,
    withdraw,
)
from pos_app.services.granting import RecoveryAsk
from pos_app.services.staff import sign_in
from tests.integration.sync_support import new_central, register, sync

ROAMER, ROAMER_PIN = "7004", "864201"  # a manager, added once the group exists
ASK = RecoveryAsk("1001", "C100010", "refund", "200.00", "billing_error", "charged twice")


@pytest.fixture()
def desks(tmp_path: Path, pg_url: str, capsys: Any) -> Iterator[tuple[App, App, str]]:
    central = new_central(pg_url)
    a, b = tmp_path / "desk-a", tmp_path / "desk-b"
    init_terminal(a, terminal_id="desk-a", demo=True).close()
    init_terminal(b, terminal_id="desk-b", demo=False).close()
    register(a, central, capsys)
    register(b, central, capsys)
    # Approving staff roam only when head office adds them (a desk cannot make a
    # manager for the other desks).
    add_staff(central, ROAMER, "Ines Duarte", "manager", ROAMER_PIN)
    assert sync(a, capsys)["online"] and sync(b, capsys)["online"]
    app_a, app_b = open_app(a), open_app(b)
    try:
        yield app_a, app_b, central
    finally:
        app_a.close()
        app_b.close()


def _role_url(app: App) -> str:
    return str(app.secrets.get("central-url")).replace("postgresql+psycopg", "postgresql")


def _decision_channel(app: App, decision_id: str) -> str | None:
    with app.uow() as uow:
        return next(d.approval_channel for d in uow.decisions.for_customer(ASK.customer_id)
                    if d.id == decision_id)


def test_by_telephone_between_two_desks_with_no_network(desks: tuple[App, App, str]
                                                        ) -> None:
    app_a, app_b, _ = desks
    request = ask_by_telephone(app_a.desk, ASK)
    answer = answer_by_telephone(app_b.desk, request.challenge, ROAMER, ROAMER_PIN)
    assert (answer.action, answer.amount.minor) == ("refund", 20000)
    outcome = unlock_by_telephone(app_a.desk, ASK, ROAMER, answer.answer)
    assert outcome.decision is not None and outcome.approver_name == "Ines Duarte"
    assert _decision_channel(app_a, outcome.decision.id) == "telephone"


def test_online_a_manager_elsewhere_approves_and_the_desk_grants(
        desks: tuple[App, App, str], capsys: Any) -> None:
    app_a, app_b, central = desks
    request = ask_remotely(app_a.desk, ASK)
    assert collect_answer(app_a.desk, request.id).state == "waiting"
    manager = sign_in(app_b.desk, ROAMER, ROAMER_PIN)
    waiting = waiting_for(app_b.desk, manager)
    assert [r.id for r in waiting] == [request.id]
    seen = waiting[0]
    assert (seen.requester_name, seen.amount_minor, seen.terminal_id) == (
        "Maya Lindqvist", 20000, "desk-a")
    assert seen.customer_name and seen.challenge == request.challenge
    answer_remotely(app_b.desk, seen, ROAMER, ROAMER_PIN, approve=True)

    progress = collect_answer(app_a.desk, request.id)
    assert progress.state == "approved" and progress.approver_name == "Ines Duarte"
    assert progress.outcome is not None and progress.outcome.decision is not None
    decision_id = progress.outcome.decision.id
    assert _decision_channel(app_a, decision_id) == "remote"
    # Granted once: collecting again grants nothing more, and nobody is asked any more.
    assert collect_answer(app_a.desk, request.id).state == "approved"
    assert waiting_for(app_b.desk, manager) == []
    # Head office sees how it was approved.
    assert sync(Path(app_a.data_dir), capsys)["online"]
    engine = create_engine(normalise_url(central))
    with engine.connect() as conn:
        row = conn.execute(text("SELECT approver_id, approval_channel FROM central_decisions"
                                " WHERE id = :d"), {"d": decision_id}).one()
    engine.dispose()
    assert tuple(row) == (ROAMER, "remote")


def test_online_a_decline_carries_its_reason_and_a_withdrawn_request_disappears(
        desks: tuple[App, App, str]) -> None:
    app_a, app_b, _ = desks
    manager = sign_in(app_b.desk, ROAMER, ROAMER_PIN)
    request = ask_remotely(app_a.desk, ASK)
    with pytest.raises(InvalidInput, match="Say why"):
        answer_remotely(app_b.desk, waiting_for(app_b.desk, manager)[0], ROAMER, ROAMER_PIN,
                        approve=False)
    answer_remotely(app_b.desk, waiting_for(app_b.desk, manager)[0], ROAMER, ROAMER_PIN,
                    approve=False, why="Offer a room upgrade instead")
    progress = collect_answer(app_a.desk, request.id)
    assert (progress.state, progress.why) == ("declined", "Offer a room upgrade instead")

    second = ask_remotely(app_a.desk, ASK)
    assert [r.id for r in waiting_for(app_b.desk, manager)] == [second.id]
    withdraw(app_a.desk, second.id, ASK.employee_id)
    assert waiting_for(app_b.desk, manager) == []
    with pytest.raises(InvalidInput, match="no longer waiting"):
        answer_remotely(app_b.desk, _remote(app_a, second.id), ROAMER, ROAMER_PIN, True)


def _remote(app: App, request_id: str) -> Any:
    from pos_app.services.desk import RemoteRequest

    with app.uow() as uow:
        r = uow.far_approvals.get(request_id)
    assert r is not None
    return RemoteRequest(r.id, "desk-a", r.requester_id, "", r.customer_id, "", r.action,
                         r.amount_minor, r.currency, r.reason, r.note, r.required_tier,
                         r.challenge, "", "")


def test_a_desk_role_by_hand_cannot_open_another_desks_request(
        desks: tuple[App, App, str]) -> None:
    app_a, app_b, _ = desks
    request = ask_remotely(app_a.desk, ASK)
    with psycopg.connect(_role_url(app_b), autocommit=True) as thief:
        # Another desk's request reads as unknown and cannot be closed from here.
        assert thief.execute("SELECT * FROM leeway_approval_status(%s)",
                             (request.id,)).fetchall() == []
        assert thief.execute("SELECT leeway_approval_close(%s, 'withdrawn')",
                             (request.id,)).fetchone() == (False,)
        # The requester cannot approve their own request, nor an associate anyone's.
        for who in ("1001", "1002"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                thief.execute("SELECT leeway_approval_answer(%s, %s, 'approve',"
                              " '00000-00000', '')", (request.id, who))
        # A made-up code in the manager's name is relayed, but opens nothing at desk A.
        thief.execute("SELECT leeway_approval_answer(%s, %s, 'approve', '00000-00000', '')",
                      (request.id, ROAMER))
        # Nor can it write the tables behind the functions.
        for sql in ("UPDATE central_approval_requests SET state = 'approved'",
                    "INSERT INTO central_approval_answers (request_id, n, terminal_id,"
                    " approver_id, verdict, code, why) VALUES ('x', 1, 'x', 'x', 'approve',"
                    " 'x', 'x')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                thief.execute(sql)
    assert collect_answer(app_a.desk, request.id).state == "waiting"
    with app_a.uow() as uow:
        assert uow.far_approvals.get(request.id).state == "pending"  # type: ignore[union-attr]
        assert all(d.approver_id != ROAMER for d in uow.decisions.for_customer("C100010"))


def test_an_expired_request_is_neither_answered_nor_granted(
        desks: tuple[App, App, str]) -> None:
    app_a, app_b, central = desks
    manager = sign_in(app_b.desk, ROAMER, ROAMER_PIN)
    request = ask_remotely(app_a.desk, ASK)
    seen = waiting_for(app_b.desk, manager)[0]
    engine = create_engine(normalise_url(central))
    with engine.begin() as conn:
        conn.execute(text("UPDATE central_approval_requests SET expires_at = now()"
                          " - interval '1 second' WHERE id = :i"), {"i": request.id})
    engine.dispose()
    assert waiting_for(app_b.desk, manager) == []
    with pytest.raises(InvalidInput, match="no longer waiting"):
        answer_remotely(app_b.desk, seen, ROAMER, ROAMER_PIN, approve=True)
    with sqlite3.connect(Path(app_a.data_dir) / "leeway.sqlite3") as conn:
        conn.execute("UPDATE far_approvals SET expires_at = '2000-01-01 00:00:00.000000'")
    assert collect_answer(app_a.desk, request.id).state == "expired"


def test_one_desk_cannot_use_up_the_answers_of_another_desks_request(
        desks: tuple[App, App, str]) -> None:
    app_a, _app_b, _ = desks
    request = ask_remotely(app_a.desk, ASK)
    with psycopg.connect(_role_url(_app_b), autocommit=True) as thief:
        for _ in range(3):
            thief.execute("SELECT leeway_approval_answer(%s, %s, 'approve', '00000-00000',"
                          " '')", (request.id, ROAMER))
        with pytest.raises(psycopg.errors.ProgramLimitExceeded):
            thief.execute("SELECT leeway_approval_answer(%s, %s, 'approve', '00000-00000',"
                          " '')", (request.id, ROAMER))
    # The manager, answering from another desk, still gets through; the grant records
    # which desk the answer came from.
    answer_remotely(app_a.desk, _remote(app_a, request.id), ROAMER, ROAMER_PIN, True)
    progress = collect_answer(app_a.desk, request.id)
    assert progress.state == "approved"
    with app_a.uow() as uow:
        grant = [e for e in uow.events.ordered() if e.type == "approval.granted"][-1]
    assert '"answered_at_terminal":"desk-a"' in grant.payload.replace(" ", "")
