"""Secrets in the OS keyring only: the PIN pepper, central credentials, signing keys.

Leeway refuses to start when no real keyring backend is usable (headless Linux with no
Secret Service, the null/fail backends, a locked collection) and says how to fix it.
A plain file keyring (``keyrings.alt``) is used only on explicit opt-in, for kiosks and
development: ``--insecure-file-keyring`` or ``LEEWAY_INSECURE_FILE_KEYRING=1``; its file
sits in the data folder with owner-only permissions. Every call has a timeout, since a
keyring daemon waiting on an unlock prompt would otherwise hang the desk.
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pos_app.domain.errors import LeewayError
from pos_app.i18n import N_, _

SERVICE = "leeway"
STAFF_PEPPER = "staff-pepper"  # the shared staff key, once registered with central
TIMEOUT_S = 5.0
INSECURE_ENV = "LEEWAY_INSECURE_FILE_KEYRING"
FIX = N_(
    "Leeway keeps its secrets in the operating system's keyring and found none it can use"
    " ({why}). Start a keyring (on Linux: a Secret Service such as GNOME Keyring or"
    " KWallet, unlocked), or for a kiosk or development machine opt in to a file keyring"
    " with --insecure-file-keyring or LEEWAY_INSECURE_FILE_KEYRING=1."
)
T = TypeVar("T")


class SecretsUnavailable(LeewayError):
    """No usable keyring: Leeway must not start (and must not fall back silently)."""


def insecure_file_requested(flag: bool = False) -> bool:
    return flag or os.environ.get(INSECURE_ENV, "") in ("1", "true", "yes")


def _unusable_reason(backend: Any) -> str | None:
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return _("the {backend} backend stores nothing").format(backend=name)
    if module.startswith("keyrings.alt"):
        return _("{backend} is a plain file, used only on explicit opt-in").format(
            backend=f"{module}.{name}")
    if module.startswith("keyring.backends.chainer"):
        inner = list(getattr(backend, "backends", []))
        if not inner or all(_unusable_reason(b) for b in inner):
            return _missing_service()
    return None


def _missing_service() -> str:
    """Why no backend could be used, as exactly as the environment tells."""
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return _("there is no D-Bus session here (DBUS_SESSION_BUS_ADDRESS is not set), so"
                 " no Secret Service can be reached")
    return _("no keyring backend is installed or running")


class SecretStore:
    """Get and set named secrets for one terminal, each call bounded by a timeout."""

    def __init__(self, backend: Any, namespace: str, timeout: float = TIMEOUT_S) -> None:
        self._backend = backend
        self._service = f"{SERVICE}:{namespace}"
        self._timeout = timeout

    @property
    def backend_name(self) -> str:
        return f"{type(self._backend).__module__}.{type(self._backend).__name__}"

    def _call(self, fn: Callable[[], T], what: str) -> T:
        # A daemon thread, not a pool: a keyring daemon that never answers leaves its
        # D-Bus call blocked for ever, and Python waits for non-daemon threads at exit,
        # so the process would hang after printing the timeout message.
        outcome: list[tuple[bool, Any]] = []
        done = threading.Event()

        def run() -> None:
            try:
                outcome.append((True, fn()))
            except BaseException as exc:  # handed to the caller below
                outcome.append((False, exc))
            finally:
                done.set()

        threading.Thread(target=run, name="leeway-keyring", daemon=True).start()
        if not done.wait(self._timeout):
            raise SecretsUnavailable(
                _("The keyring did not answer within {seconds} s while {what}; is it locked"
                  " and waiting for a password?").format(seconds=f"{self._timeout:.0f}",
                                                         what=what)
            )
        ok, value = outcome[0]
        if ok:
            return value  # type: ignore[no-any-return]
        if isinstance(value, LeewayError):
            raise value
        why = _("{what} failed: {error}").format(what=what, error=type(value).__name__)
        raise SecretsUnavailable(_(FIX).format(why=why)) from None

    def get(self, name: str) -> str | None:
        value = self._call(lambda: self._backend.get_password(self._service, name),
                           _("reading {name}").format(name=name))
        return None if value is None else str(value)

    def set(self, name: str, value: str) -> None:
        self._call(lambda: self._backend.set_password(self._service, name, value),
                   _("storing {name}").format(name=name))

    def delete(self, name: str) -> None:
        def remove() -> None:
            try:
                self._backend.delete_password(self._service, name)
            except Exception as exc:  # absent already: fine
                if type(exc).__name__ != "PasswordDeleteError":
                    raise

        self._call(remove, _("deleting {name}").format(name=name))

    def get_or_create_bytes(self, name: str, size: int = 32) -> bytes:
        stored = self.get(name)
        if stored is None:
            stored = base64.b64encode(secrets.token_bytes(size)).decode()
            self.set(name, stored)
        return base64.b64decode(stored)


def open_secret_store(data_dir: Path, namespace: str, insecure_file: bool = False,
                      backend: Any = None) -> SecretStore:
    """The terminal's secret store; raises :class:`SecretsUnavailable` with the fix."""
    if backend is None and insecure_file_requested(insecure_file):
        from keyrings.alt.file import PlaintextKeyring

        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = data_dir / "insecure-keyring.cfg"
        path.touch(mode=0o600, exist_ok=True)
        path.chmod(0o600)
        file_backend = PlaintextKeyring()
        file_backend.file_path = str(path)
        return SecretStore(file_backend, namespace)
    if backend is None:
        import keyring

        backend = keyring.get_keyring()
    why = _unusable_reason(backend)
    if why is not None:
        raise SecretsUnavailable(_(FIX).format(why=why))
    store = SecretStore(backend, namespace)
    store.get("probe")  # a locked or broken collection fails here, not mid-shift
    return store
