"""The sync facade's contract: one user of the central link at a time, typed states,
retries only while offline, error classification, and policies pulled into force."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from pos_app.adapters.central import schema as c
from pos_app.adapters.central.connect import SECRET_URL, central_engine, normalise_url
from pos_app.adapters.central.link import CentralLink
from pos_app.adapters.central.sync import (
    CentralUnavailable,
    NotRegistered,
    Syncer,
    SyncReport,
    SyncState,
)
from pos_app.adapters.db.models import PolicyVersionRow
from pos_app.bootstrap import DEFAULT_POLICY, init_terminal, open_app
from tests.integration.sync_support import new_central, register

UNREACHABLE = "postgresql+psycopg://nobody:nothing@127.0.0.1:1/nowhere"
WINDOW = timedelta(days=1)


@pytest.fixture()
def central(pg_url: str) -> str:
    """A fresh central database (PostgreSQL: the authority)."""
    return new_central(pg_url)


@pytest.fixture()
def desk(tmp_path: Path) -> Path:
    """A fresh (unregistered) terminal; closed again, so each test opens its own."""
    data_dir = tmp_path / "desk-a"
    init_terminal(data_dir, terminal_id="desk-a").close()
    return data_dir


@contextmanager
def opened(data_dir: Path) -> Iterator[tuple[Any, Syncer]]:
    app = open_app(data_dir)
    syncer = Syncer(app.db, app.secrets)
    try:
        yield app, syncer
    finally:
        syncer.close()
        app.close()


class SpyLink:
    """Wraps a CentralLink: counts how many callers use it at once and, for the thread
    named ``slow``, holds its first use for ``hold_s`` (a sync on a slow network)."""

    def __init__(self, real: CentralLink, hold_s: float) -> None:
        self.real, self.hold_s = real, hold_s
        self.active = self.most = self.uses = 0
        self.guard = threading.Lock()
        self.slow_inside = threading.Event()

    @contextmanager
    def _use(self, inner: AbstractContextManager[Any]) -> Iterator[Any]:
        with self.guard:
            self.active += 1
            self.uses += 1
            self.most = max(self.most, self.active)
        try:
            with inner as conn:
                if threading.current_thread().name == "slow" and not self.slow_inside.is_set():
                    self.slow_inside.set()
                    time.sleep(self.hold_s)
                yield conn
        finally:
            with self.guard:
                self.active -= 1

    def connect(self) -> AbstractContextManager[Any]:
        return self._use(self.real.connect())

    def begin(self) -> AbstractContextManager[Any]:
        return self._use(self.real.begin())

    def engine(self) -> Any:
        return self.real.engine()

    def close(self) -> None:
        self.real.close()


def _slow_sync(syncer: Syncer, reports: list[SyncReport]) -> threading.Thread:
    worker = threading.Thread(target=lambda: reports.append(syncer.sync_once()), name="slow")
    worker.start()
    return worker


def test_a_top_up_never_uses_the_link_during_a_sync_and_gives_up_after_wait_s(
        desk: Path, central: str, capsys: Any) -> None:
    register(desk, central, capsys)
    with opened(desk) as (_app, syncer):
        assert syncer.sync_once().state is SyncState.ONLINE
        spy = SpyLink(syncer.link, hold_s=1.5)
        syncer.link = spy  # type: ignore[assignment]
        reports: list[SyncReport] = []
        worker = _slow_sync(syncer, reports)
        assert spy.slow_inside.wait(10)
        started = time.monotonic()
        got = syncer.top_up("customer", "C1", 5_000, 100_000, WINDOW, wait_s=0.2)
        waited = time.monotonic() - started
        assert got is False
        assert 0.15 <= waited < 1.0, waited  # gave up; did not wait for the 1.5 s sync
        worker.join(30)
        assert [r.state for r in reports] == [SyncState.ONLINE]
        assert spy.most == 1
        # Once the cycle is over the same top-up goes through.
        assert syncer.top_up("customer", "C1", 5_000, 100_000, WINDOW, wait_s=0.2)
        assert syncer.status().allowance_left == {"customer:C1": 5_000}
        assert spy.most == 1


def test_a_patient_top_up_waits_for_the_sync_and_then_runs_alone(
        desk: Path, central: str, capsys: Any) -> None:
    register(desk, central, capsys)
    with opened(desk) as (_app, syncer):
        assert syncer.sync_once().online
        spy = SpyLink(syncer.link, hold_s=0.8)
        syncer.link = spy  # type: ignore[assignment]
        reports: list[SyncReport] = []
        worker = _slow_sync(syncer, reports)
        assert spy.slow_inside.wait(10)
        uses_before = spy.uses
        started = time.monotonic()
        # A guest's budget: central grants it from the published policy's cap.
        assert syncer.top_up("customer", "C1", 2_000, 50_000, WINDOW, wait_s=10)
        assert time.monotonic() - started >= 0.5  # it had to wait for the link
        worker.join(30)
        assert reports and reports[0].online
        assert spy.most == 1 and spy.uses > uses_before
        # Already held: answered locally, without the link or the lock.
        uses = spy.uses
        assert syncer.top_up("customer", "C1", 2_000, 50_000, WINDOW, wait_s=0)
        assert spy.uses == uses


def test_sync_with_retries_backs_off_only_while_offline(
        desk: Path, pg_url: str, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    import pos_app.adapters.central.sync as sync_module

    slept: list[float] = []
    monkeypatch.setattr(sync_module.time, "sleep", slept.append)
    with opened(desk) as (app, syncer):
        states: list[SyncState] = []
        real = syncer.sync_once

        def counted() -> SyncReport:
            report = real()
            states.append(report.state)
            return report

        monkeypatch.setattr(syncer, "sync_once", counted)
        # Local only: nothing to retry.
        report = syncer.sync_with_retries(attempts=4, base_delay=1.0)
        assert report.state is SyncState.LOCAL_ONLY and not report.online
        assert report.error and report.error.startswith("local only")
        assert states == [SyncState.LOCAL_ONLY] and slept == []
        register(desk, new_central(pg_url), capsys)
        syncer.close()  # the registration stored a new URL in the keyring
        # Online: one cycle.
        states.clear()
        assert syncer.sync_with_retries(attempts=4, base_delay=1.0).state is SyncState.ONLINE
        assert states == [SyncState.ONLINE] and slept == []
        # Offline: every attempt, with exponential back-off in between.
        app.secrets.set(SECRET_URL, UNREACHABLE)
        syncer.close()
        states.clear()
        report = syncer.sync_with_retries(attempts=4, base_delay=0.5)
        assert states == [SyncState.OFFLINE] * 4 and slept == [0.5, 1.0, 2.0]
        assert report.state is SyncState.OFFLINE and "unreachable" in (report.error or "")
        assert report.as_dict()["state"] == "offline" and report.as_dict()["online"] is False
        # Registered once, but the keyring lost the URL: not a network problem.
        app.secrets.delete(SECRET_URL)
        syncer.close()
        states.clear()
        slept.clear()
        report = syncer.sync_with_retries(attempts=4, base_delay=0.5)
        assert states == [SyncState.LOCAL_ONLY] and slept == []
        assert "not registered" in (report.error or "")


def test_status_reads_the_last_known_state_without_the_network(
        desk: Path, pg_url: str, tmp_path: Path, capsys: Any) -> None:
    with opened(desk) as (app, syncer):
        local = syncer.status()
        assert local.state is SyncState.LOCAL_ONLY and local.pending > 0
        register(desk, new_central(pg_url), capsys)
        syncer.close()
        assert syncer.status().state is SyncState.OFFLINE  # registered, never reached
        synced = syncer.sync_once()
        assert synced.state is SyncState.ONLINE and synced.pending == 0
        assert synced.pushed > 0 and synced.last_sync_at
        after = syncer.status()
        assert after.state is SyncState.ONLINE and after.last_sync_at == synced.last_sync_at
        app.secrets.set(SECRET_URL, UNREACHABLE)
        syncer.close()
        failed = syncer.sync_once()
        assert failed.state is SyncState.OFFLINE
        # The indicator shows the same without touching the (broken) network.
        shown = syncer.status()
        assert shown.state is SyncState.OFFLINE and shown.error == failed.error
        assert shown.last_sync_at == synced.last_sync_at
        stable = {"online", "error", "pushed", "rejected", "pulled", "pending",
                  "last_sync_at", "oldest_pending_age_s", "rejected_total",
                  "allowance_left", "state", "policy_applied"}
        assert set(shown.as_dict()) == stable
        json.dumps(shown.as_dict())  # the CLI prints it as JSON


def test_top_up_and_voucher_state_when_offline_or_local_only(
        desk: Path, pg_url: str, tmp_path: Path, capsys: Any) -> None:
    with opened(desk) as (app, syncer):
        assert syncer.top_up("customer", "C1", 100, 10_000, WINDOW) is False  # local only
        assert syncer.top_up("customer", "C1", 0, 10_000, WINDOW) is True  # needs nothing
        with pytest.raises(CentralUnavailable):
            syncer.voucher_state("ABCD1234")
        register(desk, new_central(pg_url), capsys)
        syncer.close()
        assert syncer.sync_once().online
        assert syncer.voucher_state("ABCD1234") is None  # central does not know it
        app.secrets.set(SECRET_URL, UNREACHABLE)
        syncer.close()
        # Last known online, but central has gone: no exception, and the desk is marked
        # offline so the counter stops asking until the next sync.
        assert syncer.top_up("customer", "C1", 100, 10_000, WINDOW) is False
        assert syncer.last_known_online() is False
        with pytest.raises(CentralUnavailable):
            syncer.voucher_state("ABCD1234")


def test_the_link_classifies_failures_and_reconnects(desk: Path) -> None:
    with opened(desk) as (app, _syncer):
        link = CentralLink(app.secrets)
        with pytest.raises(NotRegistered), link.connect():
            pass
        app.secrets.set(SECRET_URL, UNREACHABLE)
        with pytest.raises(CentralUnavailable, match="unreachable: OperationalError"), \
                link.begin():
            pass
        assert link._engine is None  # disposed: the next call reconnects
        link.close()


def test_a_pulled_published_policy_is_reported_as_now_in_force(
        desk: Path, central: str, capsys: Any) -> None:
    register(desk, central, capsys)
    with opened(desk) as (app, syncer):
        first = syncer.sync_once()
        assert first.online and first.policy_applied is None  # its own policy came back
        document = DEFAULT_POLICY.read_text(encoding="utf-8").replace(
            'version = "2026.11-demo"', 'version = "2026.12-hq"')
        engine = central_engine(normalise_url(central))
        try:
            with engine.begin() as conn:  # head office publishes a new policy
                conn.execute(insert(c.changes).values(
                    kind="policy", key="2026.12-hq",
                    data=json.dumps({"version": "2026.12-hq", "document": document})))
        finally:
            engine.dispose()
        report = syncer.sync_once()
        assert report.online and report.pulled >= 1
        assert report.policy_applied == "2026.12-hq"
        assert report.as_dict()["policy_applied"] == "2026.12-hq"
        with app.db.read_sessions() as s:
            latest = s.scalars(select(PolicyVersionRow).order_by(
                PolicyVersionRow.id.desc()).limit(1)).one()
        assert (latest.version, latest.loaded_by) == ("2026.12-hq", "central")
        again = syncer.sync_once()
        assert again.online and again.policy_applied is None  # already in force


def test_a_policy_pulled_before_central_went_away_is_still_reported(
        desk: Path, pg_url: str, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    central = new_central(pg_url)
    register(desk, central, capsys)
    with opened(desk) as (_app, syncer):
        assert syncer.sync_once().online
        engine = central_engine(normalise_url(central))
        try:
            with engine.begin() as conn:
                conn.execute(insert(c.changes).values(kind="policy", key="2027.01", data=json.dumps(
                    {"version": "2027.01", "document": "version = '2027.01'"})))
        finally:
            engine.dispose()
        real_connect = syncer.link.connect
        calls = {"n": 0}

        @contextmanager
        def flaky_connect() -> Iterator[Any]:
            calls["n"] += 1
            if calls["n"] > 1:  # the first page arrives, then the network goes
                raise CentralUnavailable("central database unreachable: OperationalError")
            with real_connect() as conn:
                yield conn

        monkeypatch.setattr(syncer.link, "connect", flaky_connect)
        report = syncer.sync_once()
        assert report.state is SyncState.OFFLINE and report.pulled == 1
        assert report.policy_applied == "2027.01"


def test_a_raw_driver_error_means_the_central_database_is_unavailable() -> None:
    """The push's COPY and similar raw-cursor calls raise psycopg's own errors, not
    SQLAlchemy's: a dropped connection there is 'offline' too, not a crash."""
    import psycopg

    from pos_app.domain.errors import CentralUnavailable

    link = CentralLink(secrets=None)  # type: ignore[arg-type]  # not used to classify
    with pytest.raises(CentralUnavailable, match="OperationalError"):
        with link._classified():
            raise psycopg.OperationalError("server closed the connection unexpectedly")
    with pytest.raises(ValueError):  # anything else is not hidden as "offline"
        with link._classified():
            raise ValueError("a bug")
