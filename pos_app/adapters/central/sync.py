"""The terminal's sync with the central database: one object, one lock, typed outcomes.

:class:`Syncer` ties the parts together for one terminal: the :class:`CentralLink`
(engine and error classification), :mod:`push` (outbox to central, marked synced only
after the central commit), :mod:`pull` (change feed by cursor, never overwriting a
customer with unsynced edits), :mod:`escrow` (allowances) and :mod:`status` (the local
``sync_state`` row and the figures shown at the desk). A sync cycle runs on a worker
while the counter may ask for an allowance or a voucher's central state; one lock keeps
them from using the link at the same time, and the counter waits only briefly for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import Connection, select, text

from pos_app.adapters.central import escrow, far_approvals
from pos_app.adapters.central import status as sync_state
from pos_app.adapters.central.link import (
    CentralBusy,
    CentralLink,
    CentralUnavailable,
    NotRegistered,
)
from pos_app.adapters.central.pull import PullResult, pull_changes
from pos_app.adapters.central.push import push_outbox
from pos_app.adapters.central.status import SyncReport, SyncState
from pos_app.adapters.db.engine import LocalDatabase
from pos_app.adapters.db.models import TerminalRow
from pos_app.adapters.secrets import SecretStore
from pos_app.i18n import N_, _
from pos_app.services.desk import RemoteAnswer, RemoteRequest

T = TypeVar("T")
BUSY = N_("central database busy: a sync is running")
RECHECK_S = 2.0  # how long "not registered" is believed (see Syncer.configured)

__all__ = ["CentralLink", "CentralUnavailable", "CentralVoucher", "NotRegistered",
           "SyncReport", "SyncState", "Syncer"]


@dataclass(frozen=True)
class CentralVoucher:
    """The central database's record of one voucher (the judge across desks)."""

    status: str
    redeemed_terminal: str | None
    redeemed_at: str | None  # ISO 8601, as the redeeming desk recorded it


class Syncer:
    """Sync for one terminal; its methods may be called from any thread."""

    def __init__(self, db: LocalDatabase, secrets: SecretStore) -> None:
        self.db = db
        self.link = CentralLink(secrets)
        self._lock = threading.Lock()  # one user of the link at a time
        self._terminal_id: str | None = None
        # Allowances held ahead of need (the employee signed in, the guests being
        # served): a sync keeps them instead of handing them back.
        self._keep: set[tuple[str, str]] = set()
        self._keep_lock = threading.Lock()
        self._checked_at: float | None = None  # when "not registered" was last read

    @property
    def terminal_id(self) -> str:
        """This desk's id, read once from the terminal row (on first use, so a Syncer
        may be built before ``leeway init`` has written that row)."""
        if self._terminal_id is None:
            with self.db.read_sessions() as s:
                self._terminal_id = str(s.scalars(select(TerminalRow.id)).one())
        return self._terminal_id

    # --- state (local only) -------------------------------------------------------
    def configured(self) -> bool:
        """Registered with a central database (else the desk works alone).

        Asked before every grant, so the answer is kept: registering cannot be undone,
        so a yes is kept for good (the database's ``registered`` latch, which the
        decision path reads too); a no is asked again after ``RECHECK_S`` (a desk
        registered from the command line while the window is open syncs soon after).
        """
        if self.db.registered:
            return True
        now = time.monotonic()
        if self._checked_at is not None and now - self._checked_at < RECHECK_S:
            return False
        self.db.registered = sync_state.configured(self.db)
        self._checked_at = now
        return self.db.registered

    def last_known_online(self) -> bool:
        return sync_state.last_known_online(self.db)

    def status(self) -> SyncReport:
        """The last known state and the local figures; never touches the network."""
        return sync_state.local_status(self.db)

    # --- the cycle ------------------------------------------------------------------
    def sync_once(self) -> SyncReport:
        """Push, pull, return unused allowances; record and report the outcome."""
        if not self.configured():
            return sync_state.local_status(self.db)
        report = SyncReport(SyncState.ONLINE)
        pulled = PullResult()  # kept when central goes away half-way through the pull
        with self._lock:
            try:
                report.pushed, report.rejected = push_outbox(self.db, self.link,
                                                             self.terminal_id)
                pull_changes(self.db, self.link, pulled)
                with self._keep_lock:
                    keep = set(self._keep)
                escrow.return_allowances(self.db, self.link, keep)
            except CentralBusy as exc:  # online; the events wait for the next cycle
                report.error = str(exc)
            except CentralUnavailable as exc:
                report.state, report.error = SyncState.OFFLINE, str(exc)
            except NotRegistered as exc:  # registered once, but the keyring lost the URL
                report.state, report.error = SyncState.LOCAL_ONLY, str(exc)
            report.pulled, report.policy_applied = pulled.pulled, pulled.policy_applied
            sync_state.record_cycle(self.db, report)
        sync_state.fill_figures(self.db, report)
        return report

    def sync_with_retries(self, attempts: int = 4, base_delay: float = 0.5) -> SyncReport:
        """Back off exponentially while the central database is unreachable."""
        report = self.sync_once()
        for n in range(1, attempts):
            if report.state is not SyncState.OFFLINE:
                break
            time.sleep(base_delay * 2 ** (n - 1))
            report = self.sync_once()
        return report

    def push(self) -> tuple[int, int]:
        """Only the push half of a cycle: (acknowledged, rejected). Raises
        ``CentralUnavailable`` or ``NotRegistered``; records no sync state."""
        with self._lock:
            return push_outbox(self.db, self.link, self.terminal_id)

    # --- the counter ------------------------------------------------------------------
    def top_up(self, scope: str, key: str, amount_minor: int, cap_minor: int,
               window: timedelta, wait_s: float = 2.0) -> bool:
        """Make sure this desk holds allowance for ``amount_minor`` (escrow).

        True when it already held enough or central was asked (central may grant less
        when the budget is spent). False, after waiting at most ``wait_s`` for a running
        sync cycle, when the desk is local-only, was last offline, or central cannot be
        reached now (then the desk is marked offline until the next sync). Never raises
        for network trouble.
        """
        if escrow.allowance_left(self.db, scope, key) >= amount_minor:
            return True
        if not self.configured() or not self.last_known_online():
            return False
        if not self._lock.acquire(timeout=max(wait_s, 0.0)):
            return False
        try:
            # cap_minor and window are the desk's view; central applies the published
            # policy's own caps, so a desk cannot widen them.
            escrow.ensure_allowance(self.db, self.link, scope, key, amount_minor)
        except (CentralUnavailable, NotRegistered):
            sync_state.mark_offline(self.db)
            return False
        finally:
            self._lock.release()
        return True

    def reserve(self, scope: str, key: str, amount_minor: int, wait_s: float = 2.0) -> bool:
        """Hold up to ``amount_minor`` for ``scope``/``key`` ahead of need, and keep it
        across syncs until :meth:`release`; False when central could not be asked."""
        with self._keep_lock:
            self._keep.add((scope, key))
        return self.top_up(scope, key, amount_minor, 0, timedelta(0), wait_s)

    def release(self, scope: str, key: str) -> None:
        """No longer needed here (sign-out): the next sync hands it back."""
        with self._keep_lock:
            self._keep.discard((scope, key))

    def voucher_state(self, serial: str, wait_s: float = 2.0) -> CentralVoucher | None:
        """Central's record of a voucher, or None when central does not know it.

        Raises :class:`CentralUnavailable` when the desk is local-only, was last
        offline, cannot reach central now, or a sync cycle holds the link past
        ``wait_s``; the caller then works offline.
        """
        if not self.configured() or not self.last_known_online():
            raise CentralUnavailable(_("central database not available (offline or local"
                                       " only)"))
        if not self._lock.acquire(timeout=max(wait_s, 0.0)):
            raise CentralUnavailable(_(BUSY))
        try:
            with self.link.connect() as conn:
                row = conn.execute(text("SELECT * FROM leeway_voucher(:s)"),
                                   {"s": serial}).first()
        except NotRegistered as exc:
            raise CentralUnavailable(str(exc)) from exc
        finally:
            self._lock.release()
        if row is None:
            return None
        return CentralVoucher(str(row.status), row.redeemed_terminal, row.redeemed_at)

    # --- approvals from afar (online) -------------------------------------------------
    def _call(self, work: Callable[[Connection], T], wait_s: float = 5.0) -> T:
        """One short central transaction for the counter, tried even when the last sync
        found central unreachable (a person asked for it); a failure marks the desk
        offline. Raises :class:`CentralUnavailable`."""
        if not self.configured():
            raise CentralUnavailable(_("This desk works without a central database."))
        if not self._lock.acquire(timeout=max(wait_s, 0.0)):
            raise CentralUnavailable(_(BUSY))
        try:
            with self.link.begin() as conn:
                return work(conn)
        except NotRegistered as exc:
            raise CentralUnavailable(str(exc)) from exc
        except CentralUnavailable:
            sync_state.mark_offline(self.db)
            raise
        finally:
            self._lock.release()

    def ask_approval(self, request: RemoteRequest, ttl_s: int) -> None:
        self._call(lambda conn: far_approvals.ask(conn, request, ttl_s))

    def approvals_waiting(self) -> list[RemoteRequest]:
        """What waits for an answer at every desk; empty while the desk is offline (the
        next sync finds central again), so polling never stalls on a dead line."""
        if not self.configured() or not self.last_known_online():
            return []
        return self._call(far_approvals.waiting, wait_s=0.5)

    def answer_approval(self, request_id: str, approver_id: str, verdict: str, code: str,
                        why: str) -> None:
        self._call(lambda conn: far_approvals.answer(conn, request_id, approver_id, verdict,
                                                     code, why))

    def approval_status(self, request_id: str) -> tuple[str, list[RemoteAnswer]]:
        return self._call(lambda conn: far_approvals.status(conn, request_id))

    def close_approval(self, request_id: str, state: str) -> None:
        self._call(lambda conn: far_approvals.close(conn, request_id, state))

    def close(self) -> None:
        """Dispose of the central engine; the next call reconnects (and reads afresh
        whether the desk is registered)."""
        self.link.close()
        self._checked_at = None
