"""Hostile arguments and broken data folders: one clear line, the right exit code, no
traceback, and nothing written or half done.

Each test is a class of problem, not one example: every option given '--' as a value,
every way a data folder can be unusable, a render failure after a commit, secrets of an
earlier folder, file modes, a keyring that never answers.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.integration_support import CliRunner

ROOT = Path(__file__).resolve().parents[2]


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert "Traceback" not in err
    return lines[0]


# --- arguments ------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--reason", "--action", "--customer", "--note",
                                    "--approver", "--employee", "--amount"])
def test_an_option_given_a_double_dash_value_is_a_usage_error(option: str, cli: CliRunner,
                                                               demo_dir: Path) -> None:
    args = {"--employee": "1001", "--customer": "C100001", "--action": "refund",
            "--amount": "5", "--reason": "billing_error"}
    argv = ["decide"] + [f"{k}={v}" for k, v in args.items() if k != option]
    events = _event_count(demo_dir)
    result = cli(*argv, f"{option}=--", stdin="2580\n", data_dir=demo_dir)
    assert result.code == 2
    assert option in _one_line(result.err)
    assert _event_count(demo_dir) == events  # nothing at all was written


def _event_count(folder: Path) -> int:
    with sqlite3.connect(folder / "leeway.sqlite3") as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def test_invalid_utf8_in_any_argument_is_one_line(demo_dir: Path) -> None:
    # A real process: the shell hands bytes over, Python turns them into surrogates.
    env = {**os.environ, "LEEWAY_INSECURE_FILE_KEYRING": "1"}
    for argv in ([b"decide", b"--employee", b"1001", b"--customer", b"C100001",
                  b"--action", b"refund", b"--amount", b"5", b"--reason", b"billing_error",
                  b"--note", b"caf\xe9"],
                 [b"voucher", b"verify", b"\xff\xfe"]):
        run = subprocess.run([sys.executable, "-m", "pos_app.cli", "--data-dir",
                              str(demo_dir).encode(), *argv], input=b"2580\n",
                             capture_output=True, env=env, cwd=ROOT, timeout=60, check=False)
        assert run.returncode == 2
        assert "not valid UTF-8" in _one_line(run.stderr.decode("utf-8", "replace"))


# --- data folders ---------------------------------------------------------------


def _break(kind: str, tmp_path: Path, demo_dir: Path) -> Path:
    """A data folder broken in one way; returns the folder to pass as --data-dir."""
    db = demo_dir / "leeway.sqlite3"
    if kind == "a file":
        target = tmp_path / "not-a-folder"
        target.write_text("hello")
        return target
    if kind == "/dev/null":
        return Path("/dev/null")
    if kind == "a folder named leeway.sqlite3":
        folder = tmp_path / "odd"
        (folder / "leeway.sqlite3").mkdir(parents=True)
        return folder
    if kind == "an empty database file":
        folder = tmp_path / "empty"
        folder.mkdir()
        (folder / "leeway.sqlite3").touch()
        return folder
    if kind == "not a database":
        db.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)
    elif kind == "a truncated database":
        data = db.read_bytes()
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        db.write_bytes(data[: len(data) // 3])
    elif kind == "a corrupt database":
        with db.open("r+b") as raw:
            raw.seek(4096 * 3)
            raw.write(os.urandom(4096 * 4))
    elif kind == "a dropped table":
        _execute(db, "DROP TABLE referrals")
    elif kind == "a newer schema":
        _execute(db, "UPDATE alembic_version SET version_num = '0999'")
    elif kind == "another SQLite file":
        db.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        _execute(db, "CREATE TABLE recipes (name TEXT)")
    return demo_dir


def _execute(db: Path, sql: str) -> None:
    """Change the file and close (a connection left open would checkpoint later)."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(sql)
    finally:
        conn.close()


BROKEN = ["a file", "/dev/null", "a folder named leeway.sqlite3", "an empty database file",
          "not a database", "a truncated database", "a corrupt database", "a dropped table",
          "a newer schema", "another SQLite file"]
EXPECTED = {"a file": "not a folder", "/dev/null": "not a folder",
            "a folder named leeway.sqlite3": "is a folder",
            "an empty database file": "empty (0 bytes)", "not a database": "not a SQLite",
            "a truncated database": "damaged", "a corrupt database": "damaged",
            "a dropped table": "referrals is missing", "a newer schema": "newer Leeway",
            "another SQLite file": "not a Leeway one"}


@pytest.mark.parametrize("kind", BROKEN)
def test_every_broken_data_folder_is_one_line_and_left_as_it_was(
        kind: str, cli: CliRunner, tmp_path: Path, demo_dir: Path) -> None:
    folder = _break(kind, tmp_path, demo_dir)
    db = folder / "leeway.sqlite3"
    before = db.read_bytes() if db.is_file() else None
    for argv in (["employees", "list"], ["audit", "verify"], ["sync"]):
        result = cli(*argv, data_dir=folder)
        assert result.code == 1, (kind, argv, result)
        assert EXPECTED[kind] in _one_line(result.err), (kind, result.err)
    if before is not None:
        assert db.read_bytes() == before  # a read command wrote nothing (no schema)
    init = cli("init", data_dir=folder)  # says what is wrong, not "already a terminal"
    assert init.code == 1 and EXPECTED[kind] in _one_line(init.err), (kind, init.err)


def test_an_empty_data_dir_is_refused_not_replaced_by_the_default(cli: CliRunner) -> None:
    result = cli("--data-dir", "", "employees", "list")
    assert result.code == 1 and "--data-dir is empty" in _one_line(result.err)


@pytest.fixture()
def read_only(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(a source folder, the same folder mounted read-only): root ignores file modes,
    so only a read-only mount shows what a desk on a read-only disk meets."""
    source, mounted = tmp_path / "src", tmp_path / "ro"
    source.mkdir()
    mounted.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only bind mount needs root")
    bind = subprocess.run(["mount", "--bind", str(source), str(mounted)],
                          capture_output=True, check=False)
    if bind.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bind.stderr.decode().strip()}")
    try:
        remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)],
                                 capture_output=True, check=False)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.decode().strip()}")
        yield source, mounted
    finally:
        subprocess.run(["umount", str(mounted)], check=False)


def test_a_read_only_folder_or_database_is_one_line(read_only: tuple[Path, Path],
                                                    cli: CliRunner, demo_template: Path
                                                    ) -> None:
    source, mounted = read_only
    result = cli("init", data_dir=mounted / "new-desk")
    assert result.code == 1 and "Read-only file system" in _one_line(result.err)
    shutil.copytree(demo_template, source / "desk")
    for argv in (["employees", "list"], ["employees", "unlock", "1001"]):
        result = cli(*argv, data_dir=mounted / "desk")
        assert result.code == 1, result
        _one_line(result.err)


# --- commits reported as commits ---------------------------------------------------


def test_a_voucher_that_cannot_be_rendered_still_reports_the_grant(
        cli: CliRunner, demo_dir: Path, tmp_path: Path, monkeypatch: Any) -> None:
    from pos_app.adapters.vouchers import pdf

    def broken(*_args: Any, **_kw: Any) -> bytes:
        raise ModuleNotFoundError("No module named 'reportlab.graphics.barcode.code93'")

    monkeypatch.setattr(pdf, "render_voucher", broken)
    target = tmp_path / "v.pdf"
    result = cli("decide", "--employee", "1001", "--customer", "C100002", "--action",
                 "goodwill_credit", "--amount", "20", "--reason", "service_delay",
                 "--voucher-pdf", str(target), "--json", stdin="2580\n", data_dir=demo_dir)
    assert result.code == 0  # the grant and its voucher are committed: say so
    data = json.loads(result.out)
    assert data["decision_id"] and data["voucher_code"] and data["voucher_pdf"] is None
    assert "ModuleNotFoundError" in data["voucher_pdf_error"]
    line = _one_line(result.err)
    assert "Recorded" in line and f"leeway voucher pdf {data['voucher_code']}" in line
    assert not target.exists() and not Path(f"{target}.part").exists()
    monkeypatch.undo()
    again = cli("voucher", "pdf", data["voucher_code"], "--out", str(target),
                data_dir=demo_dir)
    assert again.code == 0 and target.read_bytes().startswith(b"%PDF")


# --- files and secrets ----------------------------------------------------------------


def test_the_data_folder_and_database_are_owner_only(cli: CliRunner, tmp_path: Path
                                                     ) -> None:
    folder = tmp_path / "desk"
    assert cli("init", "--demo", data_dir=folder).code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("leeway.sqlite3", "insecure-keyring.cfg"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_a_fresh_init_never_inherits_an_earlier_folders_secrets(
        tmp_path: Path, monkeypatch: Any) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    from pos_app.bootstrap import PEPPER, init_terminal

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    monkeypatch.delenv("LEEWAY_INSECURE_FILE_KEYRING", raising=False)
    monkeypatch.setattr(keyring, "get_keyring", Memory)
    folder = tmp_path / "desk"
    first = init_terminal(folder, terminal_id="front-1")
    old_pepper = first.secrets.get(PEPPER)
    first.close()
    shutil.rmtree(folder)
    second = init_terminal(folder, terminal_id="front-1")
    try:
        assert second.secrets.get(PEPPER) != old_pepper
    finally:
        second.close()
    services = {service for service, _name in Memory.store}
    assert len(services) == 2 and all(s.startswith("leeway:front-1/") for s in services)


def test_a_keyring_that_never_answers_lets_the_process_exit() -> None:
    script = (
        "import threading, sys\n"
        "from pos_app.adapters.secrets import SecretStore, SecretsUnavailable\n"
        "class Stuck:\n"
        "    def get_password(self, s, n):\n"
        "        threading.Event().wait()\n"
        "store = SecretStore(Stuck(), 'desk', timeout=0.5)\n"
        "try:\n"
        "    store.get('pin-pepper')\n"
        "except SecretsUnavailable as exc:\n"
        "    print(exc, file=sys.stderr)\n"
        "    sys.exit(1)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT,
                         timeout=30, check=False)
    assert run.returncode == 1
    assert "did not answer" in run.stderr.decode()


def test_no_dbus_session_is_named_as_the_cause(monkeypatch: Any) -> None:
    from pos_app.adapters.secrets import _missing_service

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert "no D-Bus session" in _missing_service()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/0/bus")
    assert "no keyring backend" in _missing_service()
