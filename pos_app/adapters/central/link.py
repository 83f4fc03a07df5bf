"""The connection from this terminal to the central database, and what its failures mean.

A :class:`CentralLink` owns one SQLAlchemy engine, created on first use (under a lock,
so two threads never build two engines) from the central URL kept in the keyring. Every
central call goes through :meth:`CentralLink.connect` or :meth:`CentralLink.begin`,
which turn network and driver failures into the domain's ``CentralUnavailable``
(naming the original error type) and dispose of the engine so the next call
reconnects; a terminal with no URL in its keyring raises :class:`NotRegistered`.
Callers decide by type, never by reading messages. The link itself does not serialise
its users: :class:`~pos_app.adapters.central.sync.Syncer` holds one lock around each use.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from pos_app.adapters.central.connect import CALL_DEADLINE_S, SECRET_URL, central_engine
from pos_app.adapters.secrets import SecretStore
from pos_app.domain.errors import CentralBusy, CentralUnavailable, LeewayError
from pos_app.i18n import _

__all__ = ["UNAVAILABLE", "CentralBusy", "CentralLink", "CentralUnavailable", "NotRegistered"]

# What "the central database cannot be reached right now" looks like from here: the
# driver's errors (wrapped by SQLAlchemy), a socket or file error, a pool wait timeout;
# see also unavailable().
UNAVAILABLE: tuple[type[BaseException], ...] = (OperationalError, DBAPIError, OSError,
                                                PoolTimeout)


# What leeway_push_slot() raises when no push slot came free in time (sql/authority.sql).
BUSY_SQLSTATE = "LWBSY"


def _sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a driver error, wrapped by SQLAlchemy or not."""
    return getattr(getattr(exc, "orig", None) or exc, "sqlstate", None)


def unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` means the central database cannot serve now: one of
    :data:`UNAVAILABLE`, or the driver's own error where a raw cursor is used (the push's
    COPY and its call of leeway_push()), taken as SQLAlchemy's DBAPIError would be: a
    lost connection, a statement or lock timeout, a refusal. psycopg is looked up, not
    imported: importing it costs the desk's start-up 0.1 s, and an error of a driver
    never imported cannot occur."""
    if isinstance(exc, UNAVAILABLE):
        return True
    driver = sys.modules.get("psycopg")
    return driver is not None and isinstance(exc, driver.Error)


class NotRegistered(LeewayError):
    """This terminal has no central database URL in its keyring."""


class CentralLink:
    """The central engine of one terminal, made lazily from the keyring's URL."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        # The engine's open DBAPI connections, so a deadline can shut their sockets down.
        self._open: set[Any] = set()
        self._open_lock = threading.Lock()

    def engine(self) -> Engine:
        """The engine, created on first use; raises :class:`NotRegistered`."""
        with self._lock:
            if self._engine is None:
                url = self._secrets.get(SECRET_URL)
                if not url:
                    raise NotRegistered(
                        _("This terminal is not registered with a central database;"
                          " run 'leeway terminal register --central URL'."))
                self._engine = central_engine(url)
                event.listen(self._engine, "connect", self._opened)
                event.listen(self._engine, "close", self._closing)
                event.listen(self._engine, "close_detached", self._closing)
            return self._engine

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reads; failures become :class:`CentralUnavailable`."""
        with self._classified(), self._deadline(), self.engine().connect() as conn:
            yield conn

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One central transaction, committed when the block ends without error."""
        with self._classified(), self._deadline(), self.engine().begin() as conn:
            yield conn

    @contextmanager
    def _deadline(self) -> Iterator[None]:
        """Bound one use of the link as the desk sees it. TCP keepalives and the user
        timeout end a connection whose packets are lost, but not one whose far end still
        acknowledges and never answers (a hung server, a stuck proxy or NAT): past
        ``CALL_DEADLINE_S`` the sockets are shut down, the blocked driver call fails
        and the caller sees the central database as unavailable."""
        timer = threading.Timer(CALL_DEADLINE_S, self._sever)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _opened(self, dbapi_conn: Any, _record: Any) -> None:
        with self._open_lock:
            self._open.add(dbapi_conn)

    def _closing(self, dbapi_conn: Any, _record: Any = None) -> None:
        with self._open_lock:  # before the driver closes it: its descriptor is not reused
            self._open.discard(dbapi_conn)

    def _sever(self) -> None:
        with self._open_lock:
            for dbapi_conn in list(self._open):
                with contextlib.suppress(Exception):
                    if not dbapi_conn.closed:
                        dup = socket.socket(fileno=os.dup(dbapi_conn.fileno()))
                        try:
                            dup.shutdown(socket.SHUT_RDWR)
                        finally:
                            dup.close()

    @contextmanager
    def _classified(self) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            if not unavailable(exc):
                raise
            if _sqlstate(exc) == BUSY_SQLSTATE:  # answered, and the connection is fine
                raise CentralBusy(_("central database busy: this desk's events wait for"
                                    " the next sync")) from exc
            self.close()  # reconnect next time
            raise CentralUnavailable(
                _("central database unreachable: {error}").format(error=type(exc).__name__)
            ) from exc

    def close(self) -> None:
        """Dispose of the engine (if any); the next call connects afresh."""
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
