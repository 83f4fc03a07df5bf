"""Sync against the real PostgreSQL (and the SQLite default): exactly once, in order,
chain verified; merges; voucher conflicts; least-privilege terminal roles."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text

from pos_app.adapters.central import allowances as central_allowances
from pos_app.adapters.central.connect import central_engine, normalise_url
from pos_app.adapters.central.ingest import ingest
from pos_app.adapters.central.sync import Syncer, SyncState
from pos_app.bootstrap import init_terminal, open_app
from pos_app.domain.clock import utcnow
from pos_app.domain.events import verify_chain
from pos_app.services.customers import correct_contact
from tests.integration.sync_support import central_events, new_central, register, sync


@pytest.fixture(params=["postgresql", "sqlite"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return new_central(str(tmp_path / "central.sqlite3"))
    pg: str = request.getfixturevalue("pg_url")
    return new_central(pg)


def _desk(tmp_path: Path, name: str, demo: bool, central: str, capsys: Any) -> Path:
    data_dir = tmp_path / name
    init_terminal(data_dir, terminal_id=name, demo=demo).close()
    register(data_dir, central, capsys)
    return data_dir


def _credit_with_voucher(data_dir: Path, customer_id: str) -> Any:
    """Online at ``data_dir``: a $20 goodwill credit for the guest, with its voucher."""
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    app = open_app(data_dir)
    try:
        outcome = grant_recovery(app.desk, RecoveryAsk("1001", customer_id, "goodwill_credit",
                                                       "20.00", "service_delay"))
        assert outcome.decision is not None and outcome.voucher is not None
        return outcome.voucher
    finally:
        app.close()


def _local_chain(data_dir: Path) -> list[Any]:
    app = open_app(data_dir)
    try:
        with app.uow() as uow:
            return list(uow.events.ordered())
    finally:
        app.close()


def test_push_delivers_every_event_once_in_order_and_the_chain_verifies(
        tmp_path: Path, central: str, capsys: Any) -> None:
    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    first = sync(desk, capsys)
    assert first["online"] and first["pending"] == 0 and first["rejected"] == 0
    local = _local_chain(desk)
    stored = central_events(central)
    assert [(s, h) for _t, s, h in stored] == [(e.seq, e.hash) for e in local]
    assert verify_chain(local) is None
    again = sync(desk, capsys)  # nothing new: nothing pushed twice
    assert again["pushed"] == 0 and central_events(central) == stored


def test_the_same_batch_delivered_twice_is_stored_once(tmp_path: Path, central: str,
                                                       capsys: Any) -> None:
    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    batch = _local_chain(desk)
    engine = central_engine(normalise_url(central))
    try:
        with engine.begin() as conn:
            first = ingest(conn, "desk-a", batch)
        with engine.begin() as conn:
            second = ingest(conn, "desk-a", batch)
    finally:
        engine.dispose()
    assert first.acknowledged == second.acknowledged == [e.id for e in batch]
    assert len(central_events(central)) == len(batch)


def test_a_crash_after_the_central_commit_is_acknowledged_next_time(
        tmp_path: Path, central: str, capsys: Any, monkeypatch: Any) -> None:
    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    app = open_app(desk)
    syncer = Syncer(app.db, app.secrets)
    real_begin = app.db.write_sessions

    def crash_before_local_ack() -> Any:
        raise SystemExit("killed between the central commit and the local acknowledgement")

    monkeypatch.setattr(app.db, "write_sessions", crash_before_local_ack)
    with pytest.raises(SystemExit):
        syncer.push()
    monkeypatch.setattr(app.db, "write_sessions", real_begin)
    assert len(central_events(central)) == len(_local_chain(desk))  # central has them
    pushed, rejected = syncer.push()  # re-delivery is acknowledged
    syncer.close()
    app.close()
    assert (pushed, rejected) == (len(_local_chain(desk)), 0)
    assert len(central_events(central)) == len(_local_chain(desk))


def test_a_dropped_connection_mid_batch_loses_and_duplicates_nothing(
        tmp_path: Path, central: str, capsys: Any, monkeypatch: Any) -> None:
    from sqlalchemy.exc import OperationalError

    import pos_app.adapters.central.ingest as ingest_module

    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    calls = {"n": 0}
    real_apply = ingest_module._apply_decisions

    def drop(conn: Any, terminal_id: str, rows: Any) -> None:
        calls["n"] += 1
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(ingest_module, "_apply_decisions", drop)
    report = sync(desk, capsys)
    assert not report["online"] and "unreachable" in report["error"]
    assert report["state"] == SyncState.OFFLINE.value
    assert "OperationalError" in report["error"]  # the original error type is named
    assert calls["n"] == 1
    assert central_events(central) == []  # the whole batch rolled back centrally
    assert report["pending"] == len(_local_chain(desk))
    monkeypatch.setattr(ingest_module, "_apply_decisions", real_apply)
    report = sync(desk, capsys)
    assert report["online"] and report["pending"] == 0
    assert len(central_events(central)) == len(_local_chain(desk))


def test_a_spoofed_or_altered_event_is_rejected_and_kept_locally(
        tmp_path: Path, central: str, capsys: Any) -> None:
    import sqlite3

    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    with sqlite3.connect(desk / "leeway.sqlite3") as conn:
        conn.execute("UPDATE events SET payload = payload || ' ' WHERE seq = 8")
    report = sync(desk, capsys)
    assert report["online"]
    assert report["rejected"] >= 1 and report["rejected_total"] >= 1
    assert len(central_events(central)) == 7  # everything before the altered event
    with sqlite3.connect(desk / "leeway.sqlite3") as conn:
        state, why = conn.execute(
            "SELECT o.state, o.last_error FROM outbox o JOIN events e ON e.id = o.event_id"
            " WHERE e.seq = 8").fetchone()
    assert state == "rejected" and "altered" in why
    # An event claiming to come from another terminal is refused outright.
    from dataclasses import replace

    forged = replace(_local_chain(desk)[0], terminal_id="desk-z")
    engine = central_engine(normalise_url(central))
    try:
        with engine.begin() as conn:
            result = ingest(conn, "desk-a", [forged])
    finally:
        engine.dispose()
    assert "spoofed" in result.rejected[forged.id]


def test_two_desks_offline_editing_one_customer_merge_field_by_field(
        tmp_path: Path, central: str, capsys: Any) -> None:
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    sync(a, capsys)
    b = _desk(tmp_path, "desk-b", True, central, capsys)
    sync(b, capsys)
    app_a, app_b = open_app(a), open_app(b)
    try:
        # Offline: A fixes the phone, then B fixes the phone and the e-mail; then A
        # fixes the e-mail last. Phone: B wins (later). E-mail: A wins (later).
        with app_a.uow(write=True) as uow:
            correct_contact(uow, employee_id="1001", customer_id="C100050", field="phone",
                            value="+12125550101")
            uow.commit()
        with app_b.uow(write=True) as uow:
            correct_contact(uow, employee_id="1001", customer_id="C100050", field="phone",
                            value="+12125550202")
            correct_contact(uow, employee_id="1001", customer_id="C100050", field="email",
                            value="b@example.com")
            uow.commit()
        with app_a.uow(write=True) as uow:
            correct_contact(uow, employee_id="1001", customer_id="C100050", field="email",
                            value="a@example.com")
            uow.commit()
    finally:
        app_a.close()
        app_b.close()
    for desk in (b, a, b, a):  # any order; everyone converges
        sync(desk, capsys)
    for desk in (a, b):
        app = open_app(desk)
        try:
            with app.uow() as uow:
                c = uow.customers.get("C100050")
            assert c is not None
            assert (c.phone, c.email) == ("+12125550202", "a@example.com")
        finally:
            app.close()
    engine = create_engine(normalise_url(central))
    with engine.connect() as conn:
        details = [json.loads(r[0]) for r in conn.execute(text(
            "SELECT detail FROM central_conflicts WHERE kind='contact'"))]
    engine.dispose()
    lost = {(d["field"], d["lost"]) for d in details}
    assert ("phone", "+12125550101") in lost and ("email", "b@example.com") in lost


def test_one_voucher_redeemed_offline_at_two_desks_is_flagged(
        tmp_path: Path, central: str, capsys: Any) -> None:
    from pos_app.adapters.vouchers.keys import verify_signature
    from pos_app.services.vouchers import redeem_voucher

    a = _desk(tmp_path, "desk-a", True, central, capsys)
    sync(a, capsys)  # online: the desk may obtain allowance for the guest and itself
    voucher = _credit_with_voucher(a, "C100060")
    sync(a, capsys)
    b = _desk(tmp_path, "desk-b", True, central, capsys)
    sync(b, capsys)  # desk B now knows the voucher and desk A's key
    for desk in (a, b):  # both offline: each redeems it once, locally
        app = open_app(desk)
        with app.uow(write=True) as uow:
            redeem_voucher(uow, verify_signature, app.policy(), voucher.code, "1002")
            uow.commit()
        app.close()
    sync(a, capsys)
    sync(b, capsys)
    report = sync(a, capsys)
    assert report["online"]
    app = open_app(a)
    try:
        with app.uow() as uow:
            rows = uow.session.execute(text(
                "SELECT kind, detail FROM contact_conflicts WHERE kind='voucher'")).all()
    finally:
        app.close()
    assert len(rows) == 1
    detail = json.loads(rows[0][1])
    assert detail["problem"] == "redeemed twice" and detail["terminal"] == "desk-b"
    assert detail["first_terminal"] == "desk-a"


def test_concurrent_allowance_requests_never_grant_past_the_cap(central: str) -> None:
    cap, want, threads = 200_000, 30_000, 12
    engine = central_engine(normalise_url(central))
    granted: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def ask(n: int) -> None:
        barrier.wait()
        with engine.begin() as conn:
            give, _held = central_allowances.request(conn, "customer", "C1", f"t{n}", want,
                                                     cap, utcnow().replace(year=2000))
        with lock:
            granted.append(give)

    workers = [threading.Thread(target=ask, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    with engine.connect() as conn:
        total = conn.execute(text("SELECT sum(granted_minor) FROM central_allowances")).scalar()
    engine.dispose()
    assert len(granted) == threads
    assert sum(granted) == total <= cap
    assert sum(granted) == cap  # 12 x 30,000 asks for more than the cap: all of it went


def test_a_terminal_role_cannot_rewrite_history_or_pose_as_another(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    new_central(pg_url)
    a = _desk(tmp_path, "desk-a", True, pg_url, capsys)
    _desk(tmp_path, "desk-b", False, pg_url, capsys)
    sync(a, capsys)
    app = open_app(a)
    role_url = str(app.secrets.get("central-url")).replace("postgresql+psycopg", "postgresql")
    app.close()
    with psycopg.connect(role_url, autocommit=True) as conn:
        for sql in ("UPDATE central_events SET payload = '{}'",
                    "DELETE FROM central_events",
                    "UPDATE central_terminals SET head_seq = 0 WHERE id = 'desk-b'"):
            try:
                cur = conn.execute(sql)
                assert cur.rowcount == 0, sql  # RLS hides other terminals' rows
                assert sql.startswith("UPDATE central_terminals"), sql
            except psycopg.errors.InsufficientPrivilege:
                pass
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO central_events (id, terminal_id, seq, hlc, occurred_at, type,"
                " payload, prev_hash, hash, received_at) VALUES ('x', 'desk-b', 99, '', '',"
                " 'forged', '{}', '', '', now())")


def test_online_redemption_is_confirmed_by_the_central_database(
        tmp_path: Path, central: str, capsys: Any) -> None:
    from pos_app.services.voucher_desk import redeem
    from pos_app.services.vouchers import VoucherProblem

    a = _desk(tmp_path, "desk-a", True, central, capsys)
    b = _desk(tmp_path, "desk-b", True, central, capsys)
    sync(a, capsys)
    voucher = _credit_with_voucher(a, "C100061")
    sync(a, capsys)
    sync(b, capsys)  # B knows the voucher
    app_a = open_app(a)
    assert redeem(app_a.desk, "1002", voucher.code).voucher.status == "redeemed"
    app_a.close()
    sync(a, capsys)  # central now knows it is redeemed; B has not pulled since
    app_b = open_app(b)
    try:
        with pytest.raises(VoucherProblem, match="Already redeemed at desk-a"):
            redeem(app_b.desk, "1002", voucher.code)
    finally:
        app_b.close()


def test_a_connection_killed_by_the_server_mid_batch_is_retried_cleanly(
        tmp_path: Path, pg_url: str, capsys: Any, monkeypatch: Any) -> None:
    """A real drop: the server terminates the push's own backend half-way through."""
    import pos_app.adapters.central.ingest as ingest_module

    new_central(pg_url)
    desk = _desk(tmp_path, "desk-a", True, pg_url, capsys)
    real = ingest_module._apply_decisions
    state = {"killed": False}

    def kill_own_backend(conn: Any, terminal_id: str, rows: Any) -> None:
        if not state["killed"]:
            state["killed"] = True
            conn.exec_driver_sql("SELECT pg_terminate_backend(pg_backend_pid())")
        real(conn, terminal_id, rows)

    monkeypatch.setattr(ingest_module, "_apply_decisions", kill_own_backend)
    report = sync(desk, capsys)
    assert state["killed"] and not report["online"]
    assert central_events(pg_url) == []
    report = sync(desk, capsys)
    assert report["online"] and report["pending"] == 0
    local = _local_chain(desk)
    assert [(s, h) for _t, s, h in central_events(pg_url)] == [(e.seq, e.hash) for e in local]


def test_a_referral_is_decided_at_another_desk_and_both_show_the_outcome(
        tmp_path: Path, central: str, capsys: Any) -> None:
    from pos_app.domain.money import Money
    from pos_app.services.approvals import (
        RequestDetails,
        refer,
        referrals_for,
        resolve_referral,
    )
    from pos_app.services.customers import customer_history
    from pos_app.services.employees import add_employee

    a = _desk(tmp_path, "desk-a", True, central, capsys)
    b = _desk(tmp_path, "desk-b", False, central, capsys)  # no staff of desk A here
    app_b = open_app(b)
    with app_b.uow(write=True) as uow:
        add_employee(uow, app_b.hasher, app_b.policy(), "9001", "Ines Duarte",
                     "general_manager", "8642")
        uow.commit()
    app_b.close()
    app = open_app(a)
    with app.uow(write=True) as uow:
        referral = refer(uow, app.policy(), RequestDetails(
            "1001", "C100040", "refund", Money.of("2500.00"), "billing_error",
            "Wedding party billed twice"))
        uow.commit()
    app.close()
    sync(a, capsys)
    sync(b, capsys)
    app_b = open_app(b)
    try:
        with app_b.uow() as uow:
            record = uow.employees.get("9001")
        assert record is not None
        manager = record.employee
        with app_b.uow() as uow:
            pending = referrals_for(uow, app_b.policy(), manager)
        assert [r.id for r in pending] == [referral.id]
        with app_b.uow(write=True) as uow:
            result = resolve_referral(uow, app_b.policy(), referral.id, manager, True,
                                      "Approved by phone with the guest")
            uow.commit()
        assert result is not None and result.decision is not None
        assert (result.decision.employee_id, result.decision.approver_id) == ("1001", "9001")
    finally:
        app_b.close()
    sync(b, capsys)
    sync(a, capsys)
    app = open_app(a)
    try:
        with app.uow() as uow:
            (local,) = uow.referrals.for_customer("C100040")
            history = customer_history(uow, "C100040")
        assert local.state == "approved" and local.decision_id == result.decision.id
        assert [e.summary for e in history if e.kind == "referral"] == [
            "refund:approved", "refund:pending"]
    finally:
        app.close()


def test_staff_added_at_one_desk_sign_in_at_another(tmp_path: Path, central: str,
                                                    capsys: Any) -> None:
    from pos_app.domain.errors import AuthenticationFailed
    from pos_app.services.employees import add_employee, authenticate, disable_employee

    a = _desk(tmp_path, "desk-a", False, central, capsys)
    b = _desk(tmp_path, "desk-b", False, central, capsys)
    app = open_app(a)  # registered: new PINs use the shared staff key from the keyring
    with app.uow(write=True) as uow:
        add_employee(uow, app.hasher, app.policy(), "7001", "Sam Reyes", "associate", "97531")
        uow.commit()
    app.close()
    sync(a, capsys)
    sync(b, capsys)
    app_b = open_app(b)
    try:
        with app_b.uow(write=True) as uow:
            assert authenticate(uow, app_b.hasher, "7001", "97531").name == "Sam Reyes"
            uow.commit()
    finally:
        app_b.close()
    app = open_app(a)
    with app.uow(write=True) as uow:
        disable_employee(uow, app.policy(), "7001", by=None)
        uow.commit()
    app.close()
    sync(a, capsys)
    sync(b, capsys)
    app_b = open_app(b)
    try:
        with app_b.uow(write=True) as uow, pytest.raises(AuthenticationFailed):
            authenticate(uow, app_b.hasher, "7001", "97531")
    finally:
        app_b.close()


def test_an_edit_made_after_seeing_another_desks_wins_even_with_a_slow_clock(
        tmp_path: Path, central: str, capsys: Any) -> None:
    """Desk A's clock runs an hour ahead. Desk B pulls A's phone edit, then corrects it:
    B's edit came later, so it must win (the hybrid clock moves past what it saw)."""
    import sqlite3
    import time as _time

    from pos_app.domain.hlc import format_hlc

    a = _desk(tmp_path, "desk-a", True, central, capsys)
    b = _desk(tmp_path, "desk-b", True, central, capsys)
    ahead = format_hlc(int(_time.time() * 1000) + 3_600_000, 0)
    with sqlite3.connect(a / "leeway.sqlite3") as conn:
        conn.execute("UPDATE terminal SET last_hlc = ?", (ahead,))
    for desk, value in ((a, "+12125550101"), (b, "+12125550202")):
        if desk == b:
            sync(a, capsys)
            sync(b, capsys)  # B sees A's edit before making its own
        app = open_app(desk)
        with app.uow(write=True) as uow:
            correct_contact(uow, employee_id="1001", customer_id="C100051", field="phone",
                            value=value)
            uow.commit()
        app.close()
    sync(b, capsys)
    sync(a, capsys)
    for desk in (a, b):
        app = open_app(desk)
        try:
            with app.uow() as uow:
                customer = uow.customers.get("C100051")
            assert customer is not None and customer.phone == "+12125550202"
        finally:
            app.close()
