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

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from pos_app.adapters.central.connect import SECRET_URL, central_engine
from pos_app.adapters.secrets import SecretStore
from pos_app.domain.errors import CentralUnavailable, LeewayError

__all__ = ["UNAVAILABLE", "CentralLink", "CentralUnavailable", "NotRegistered"]

# What "the central database cannot be reached right now" looks like from here: the
# driver's errors (wrapped by SQLAlchemy), a socket or file error, a pool wait timeout.
UNAVAILABLE: tuple[type[BaseException], ...] = (OperationalError, DBAPIError, OSError,
                                                PoolTimeout)


class NotRegistered(LeewayError):
    """This terminal has no central database URL in its keyring."""


class CentralLink:
    """The central engine of one terminal, made lazily from the keyring's URL."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def engine(self) -> Engine:
        """The engine, created on first use; raises :class:`NotRegistered`."""
        with self._lock:
            if self._engine is None:
                url = self._secrets.get(SECRET_URL)
                if not url:
                    raise NotRegistered(
                        "This terminal is not registered with a central database;"
                        " run 'leeway terminal register --central URL'.")
                self._engine = central_engine(url)
            return self._engine

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reads; failures become :class:`CentralUnavailable`."""
        with self._classified(), self.engine().connect() as conn:
            yield conn

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One central transaction, committed when the block ends without error."""
        with self._classified(), self.engine().begin() as conn:
            yield conn

    @contextmanager
    def _classified(self) -> Iterator[None]:
        try:
            yield
        except UNAVAILABLE as exc:
            self.close()  # reconnect next time
            raise CentralUnavailable(
                f"central database unreachable: {type(exc).__name__}") from exc

    def close(self) -> None:
        """Dispose of the engine (if any); the next call connects afresh."""
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
