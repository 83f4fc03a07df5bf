"""Integration fixtures: real SQLite files, the real CLI, and a cheap copy of a demo desk.

``leeway init --demo`` hashes six PINs with argon2 and indexes 3,000 customers; doing
that once per session and copying the (closed, checkpointed) folder per test keeps the
suite fast while every test still gets its own database file.
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from integration_support import CliRunner, Result


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pos_app.bootstrap import init_terminal

    folder = tmp_path_factory.mktemp("template") / "desk"
    app = init_terminal(folder, terminal_id="test-desk", store="Test Hotel", demo=True)
    app.close()
    return folder


@pytest.fixture()
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    """A folder holding its own copy of a freshly initialised demo terminal."""
    target = tmp_path / "demo-desk"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture()
def demo_copy(demo_dir: Path) -> Iterator[object]:
    """An opened App over ``demo_dir`` (like ``demo_app``, without re-seeding)."""
    from pos_app.bootstrap import open_app

    app = open_app(demo_dir)
    yield app
    app.close()


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``leeway ARGS`` in-process; ``stdin`` is what the PIN reader sees.

    argparse usage errors surface as their exit code (2), like the real command.
    """
    from pos_app.cli import main

    def run(*args: str, stdin: str = "", data_dir: Path | None = None) -> Result:
        argv = (["--data-dir", str(data_dir)] if data_dir is not None else []) + list(args)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
