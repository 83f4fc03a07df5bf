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
from pos_app.adapters.central.sync import Syncer, SyncState
from pos_app.bootstrap import open_app
from pos_app.domain.events import verify_chain
from pos_app.services.customers import correct_contact
from tests.integration.sync_support import central_events, new_central, sync
from tests.integration.sync_support import new_desk as _desk


@pytest.fixture()
def central(pg_url: str) -> str:
    """A fresh central database (PostgreSQL: the authority)."""
    return new_central(pg_url)


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
    from pos_app.adapters.central.push import send_batch
    from tests.integration.sync_support import terminal_url

    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    batch = _local_chain(desk)
    app = open_app(desk)
    engine = central_engine(terminal_url(app))  # the desk's own role, as sync uses it
    app.close()
    try:
        with engine.begin() as conn:
            first = send_batch(conn, batch)
        with engine.begin() as conn:
            second = send_batch(conn, batch)
    finally:
        engine.dispose()
    assert sorted(first.acknowledged) == sorted(second.acknowledged) == sorted(
        e.id for e in batch)
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
    from sqlalchemy import text as sql_text
    from sqlalchemy.exc import OperationalError

    import pos_app.adapters.central.push as push_module

    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    calls = {"n": 0}
    real_send = push_module.send_batch

    def drop_mid_copy(conn: Any, events: Any) -> Any:
        calls["n"] += 1
        conn.execute(sql_text("SELECT leeway_push_begin()"))
        raw = conn.connection.dbapi_connection
        with raw.cursor() as cur, cur.copy(
                "COPY pg_temp.leeway_push_batch (id, terminal_id, seq, hlc, occurred_at,"
                " actor, approver, type, payload, prev_hash, hash) FROM STDIN") as copy:
            for ev in events[: len(events) // 2]:  # half the batch is on the wire
                copy.write_row((ev.id, ev.terminal_id, ev.seq, ev.hlc, ev.occurred_at,
                                ev.actor, ev.approver, ev.type, ev.payload, ev.prev_hash,
                                ev.hash))
        raise OperationalError("COPY", {}, Exception("server closed the connection"))

    def drop_after_commit(conn: Any, events: Any) -> Any:
        calls["n"] += 1
        real_send(conn, events)  # central took the batch and committed; the answer is lost
        raise OperationalError("SELECT leeway_push()", {},
                               Exception("server closed the connection"))

    chain = len(_local_chain(desk))
    monkeypatch.setattr(push_module, "send_batch", drop_mid_copy)
    report = sync(desk, capsys)
    assert not report["online"] and "unreachable" in report["error"]
    assert report["state"] == SyncState.OFFLINE.value
    assert "OperationalError" in report["error"]  # the original error type is named
    assert calls["n"] == 1
    assert central_events(central) == []  # nothing of a batch cut short is stored
    assert report["pending"] == chain
    monkeypatch.setattr(push_module, "send_batch", drop_after_commit)
    report = sync(desk, capsys)
    assert not report["online"] and calls["n"] == 2
    assert len(central_events(central)) == chain  # stored, once
    assert report["pending"] == chain  # not acknowledged, so not marked synced here
    monkeypatch.setattr(push_module, "send_batch", real_send)
    report = sync(desk, capsys)  # sent again: acknowledged, not stored twice
    assert report["online"] and report["pending"] == 0
    assert len(central_events(central)) == chain


def test_an_altered_event_is_named_by_the_central_audit_and_a_spoofed_one_refused(
        tmp_path: Path, central: str, capsys: Any) -> None:
    import sqlite3

    from pos_app.adapters.central.audit import verify_central
    from pos_app.adapters.central.push import send_batch
    from tests.integration.sync_support import terminal_url

    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    with sqlite3.connect(desk / "leeway.sqlite3") as conn:
        conn.execute("UPDATE events SET payload = payload || ' ' WHERE seq = 8")
    report = sync(desk, capsys)
    # The push function enforces the chain's linkage; recomputing every hash is the
    # administrator's audit, which names the altered event.
    assert report["online"]
    broken = [t for t in verify_central(central) if t.problem]
    assert [(t.id, t.problem.seq if t.problem else None) for t in broken] == [("desk-a", 8)]
    # An event claiming to come from another terminal is refused outright, and the
    # function knows the caller from its login role, whatever the batch says.
    from dataclasses import replace

    forged = replace(_local_chain(desk)[0], terminal_id="desk-z", seq=10_000)
    app = open_app(desk)
    engine = central_engine(terminal_url(app))
    app.close()
    try:
        with engine.begin() as conn:
            result = send_batch(conn, [forged])
    finally:
        engine.dispose()
    assert "spoofed" in result.rejected[forged.id]
    assert ("desk-z", 10_000) not in {(t, s) for t, s, _h in central_events(central)}


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


def test_concurrent_allowance_requests_never_grant_past_the_cap(
        tmp_path: Path, central: str, capsys: Any) -> None:
    from tests.integration.sync_support import terminal_url

    desks = [_desk(tmp_path, f"desk-{n}", False, central, capsys) for n in range(4)]
    admin = create_engine(normalise_url(central))
    with admin.begin() as conn:  # the published cap (the registration published one)
        conn.execute(text("UPDATE central_limits SET value = 200000"
                          " WHERE name = 'customer_budget'"))
    admin.dispose()
    urls = []
    for desk in desks:
        app = open_app(desk)
        urls.append(terminal_url(app))
        app.close()
    engines = [central_engine(u) for u in urls]
    granted: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(12)

    def ask(n: int) -> None:
        barrier.wait()
        with engines[n % 4].begin() as conn:  # three threads per desk, four desks
            give, _held = central_allowances.request(conn, "customer", "C1", 30_000)
        with lock:
            granted.append(give)

    workers = [threading.Thread(target=ask, args=(n,)) for n in range(12)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    for engine in engines:
        engine.dispose()
    admin = create_engine(normalise_url(central))
    with admin.connect() as conn:
        total = conn.execute(text("SELECT sum(granted_minor) FROM central_allowances"
                                  " WHERE key = 'C1'")).scalar()
    admin.dispose()
    assert len(granted) == 12
    assert sum(granted) == total <= 200_000
    assert sum(granted) == 200_000  # 12 x 30,000 asks for more than the cap: all of it went


def test_a_desk_role_may_write_no_table_and_call_only_its_functions(
        tmp_path: Path, central: str, capsys: Any) -> None:
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    _desk(tmp_path, "desk-b", False, central, capsys)
    sync(a, capsys)
    app = open_app(a)
    role_url = str(app.secrets.get("central-url")).replace("postgresql+psycopg", "postgresql")
    app.close()
    admin = create_engine(normalise_url(central))
    with admin.connect() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))]
    admin.dispose()
    assert "central_decisions" in tables and "central_allowances" in tables
    with psycopg.connect(role_url, autocommit=True) as conn:
        for table in tables:
            for sql in (f"SELECT * FROM {table} LIMIT 1", f"DELETE FROM {table}",
                        f"TRUNCATE {table}", f"INSERT INTO {table} DEFAULT VALUES",
                        f"UPDATE {table} SET {_any_column(central, table)} = NULL"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql)
        # Internal functions (which take a terminal id) are not the desk's to call.
        for sql in ("SELECT leeway_apply_staff('desk-b', 'employee.added', '{}'::jsonb)",
                    "SELECT leeway_apply_contact('desk-b', '', '{}'::jsonb)",
                    "SELECT leeway_limit('customer_budget')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE mine (x int)")
        assert conn.execute("SHOW idle_in_transaction_session_timeout").fetchone()[0] == "15s"


def _any_column(central: str, table: str) -> str:
    admin = create_engine(normalise_url(central))
    with admin.connect() as conn:
        column = conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :t"
            " ORDER BY ordinal_position LIMIT 1"), {"t": table}).scalar()
    admin.dispose()
    return str(column)


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
        tmp_path: Path, central: str, capsys: Any, monkeypatch: Any) -> None:
    """A real drop: the server terminates the push's own backend half-way through."""
    import pos_app.adapters.central.push as push_module

    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    real = push_module.send_batch
    state = {"killed": False}

    def kill_own_backend(conn: Any, events: Any) -> Any:
        if not state["killed"]:
            state["killed"] = True
            conn.execute(text("SELECT leeway_push_begin()"))
            conn.exec_driver_sql("SELECT pg_terminate_backend(pg_backend_pid())")
        return real(conn, events)

    monkeypatch.setattr(push_module, "send_batch", kill_own_backend)
    report = sync(desk, capsys)
    assert state["killed"] and not report["online"]
    assert central_events(central) == []
    report = sync(desk, capsys)
    assert report["online"] and report["pending"] == 0
    local = _local_chain(desk)
    assert [(s, h) for _t, s, h in central_events(central)] == [(e.seq, e.hash) for e in local]


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
