"""Secrets live in a real keyring backend; without one Leeway refuses, clearly."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend

from pos_app.adapters.secrets import SecretStore, SecretsUnavailable, open_secret_store


class MemoryKeyring(KeyringBackend):
    """A real KeyringBackend subclass that keeps secrets in a dict (the test backend)."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class SlowKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        import time

        time.sleep(2)
        return None


def test_secrets_round_trip_through_a_keyring_backend(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    store = open_secret_store(tmp_path, "desk-1", backend=backend)
    pepper = store.get_or_create_bytes("pin-pepper")
    assert len(pepper) == 32
    assert store.get_or_create_bytes("pin-pepper") == pepper
    assert ("leeway:desk-1", "pin-pepper") in backend.store


@pytest.mark.parametrize("module", ["keyring.backends.null", "keyring.backends.fail"])
def test_null_and_fail_backends_are_refused_with_the_fix(tmp_path: Path, module: str) -> None:
    import importlib

    backend = importlib.import_module(module).Keyring()
    with pytest.raises(SecretsUnavailable) as exc:
        open_secret_store(tmp_path, "desk-1", backend=backend)
    message = str(exc.value)
    assert "--insecure-file-keyring" in message and "Secret Service" in message


def test_a_hanging_keyring_times_out(tmp_path: Path) -> None:
    store = SecretStore(SlowKeyring(), "desk-1", timeout=0.2)
    with pytest.raises(SecretsUnavailable, match="did not answer"):
        store.get("pin-pepper")


def test_the_file_keyring_is_opt_in_and_owner_only(tmp_path: Path) -> None:
    store = open_secret_store(tmp_path, "desk-1", insecure_file=True)
    store.set("probe", "x")
    path = tmp_path / "insecure-keyring.cfg"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.get("probe") == "x"


def test_leeway_refuses_to_start_without_a_usable_keyring(tmp_path: Path) -> None:
    """A fresh process with only the plain-file backend available and no opt-in."""
    env = {k: v for k, v in os.environ.items() if k != "LEEWAY_INSECURE_FILE_KEYRING"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    command = [sys.executable, "-m", "pos_app", "--data-dir", str(tmp_path / "d"), "init"]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60,
                          check=False)
    assert proc.returncode == 1
    assert "keyring" in proc.stderr and "--insecure-file-keyring" in proc.stderr
    assert not (tmp_path / "d" / "leeway.sqlite3").exists()
    # The same command with the documented opt-in works.
    env["LEEWAY_INSECURE_FILE_KEYRING"] = "1"
    command = [sys.executable, "-m", "pos_app", "--data-dir", str(tmp_path / "d"), "init"]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60,
                          check=False)
    assert proc.returncode == 0, proc.stderr


def test_no_secret_is_written_outside_the_keyring(demo_app: Any, data_dir: Path) -> None:
    pepper = demo_app.secrets.get("pin-pepper")
    assert pepper
    db = (data_dir / "leeway.sqlite3").read_bytes()
    assert pepper.encode() not in db
    for path in data_dir.iterdir():
        if path.name != "insecure-keyring.cfg" and path.is_file():
            assert pepper.encode() not in path.read_bytes(), path.name
