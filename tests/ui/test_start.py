"""The desktop client on a data folder it cannot use: a dialog that says why, no crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize("broken", ["empty", "garbage", "file"])
def test_the_desk_explains_a_broken_data_folder_in_a_dialog(
        qtbot: Any, tmp_path: Path, monkeypatch: Any, broken: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    from pos_app.ui import app as desk_app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))
    folder = tmp_path / "desk"
    if broken == "file":
        folder.write_text("not a folder")
    else:
        folder.mkdir()
        (folder / "leeway.sqlite3").write_bytes(b"" if broken == "empty" else b"\x00" * 5000)
    assert desk_app.run(str(folder)) == 1
    expected = {"empty": "empty (0 bytes)", "garbage": "not a SQLite database",
                "file": "not a folder"}[broken]
    assert len(shown) == 1 and expected in shown[0] and "\n" not in shown[0]


def test_an_unexpected_start_failure_is_still_a_sentence(monkeypatch: Any, tmp_path: Path,
                                                         qtbot: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from pos_app.ui import app as desk_app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))

    def explode(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("disk controller on fire\nsecond line")

    monkeypatch.setattr(desk_app, "open_app", explode)
    assert desk_app.run(str(tmp_path)) == 1
    assert shown == ["Leeway could not open this desk's data (RuntimeError: disk controller"
                     " on fire)."]
