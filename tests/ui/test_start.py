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


def _closed_desk(folder: Path, locale: str = "en_US") -> Path:
    from pos_app.bootstrap import init_terminal

    init_terminal(folder, terminal_id="start-desk", store="Hotel <b>Ünïcode</b>",
                  locale=locale, demo=True, insecure_keyring=True).close()
    return folder


def test_the_sign_in_screen_is_up_before_the_desk_opens_and_a_sign_in_waits_for_it(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """What ``leeway`` shows first: the sign-in screen with the store's name, while the
    data layer opens on a worker; an associate who types their ID and PIN at once is
    told the desk is opening, and signed in as soon as it is."""
    import threading

    from PySide6.QtCore import Qt

    from pos_app.ui import app as desk_app

    real, gate = desk_app.open_app, threading.Event()

    def held_up(folder: Path, insecure: bool = False) -> Any:
        gate.wait(30)  # until the sign-in below has been typed
        return real(folder, insecure)

    monkeypatch.setattr(desk_app, "open_app", held_up)
    folder = _closed_desk(tmp_path / "desk")
    window = desk_app.show_window(folder, True)
    qtbot.addWidget(window)
    try:
        assert not window.is_open
        assert window.store_label.text() == "Hotel <b>Ünïcode</b>"
        # Shown as written: a store's name is never markup.
        assert window.store_label.textFormat() == Qt.TextFormat.PlainText
        assert window.stack.currentWidget() is window.signin
        assert window.status_employee.text() == "Opening the desk…"
        assert not any(b.isVisible() for b in (window.lock_button, window.signout_button))
        qtbot.keyClicks(window.signin.employee_id, "1001")
        qtbot.keyClick(window.signin.employee_id, Qt.Key.Key_Return)
        qtbot.keyClicks(window.signin.pin, "2580")
        qtbot.keyClick(window.signin.pin, Qt.Key.Key_Return)
        assert not window.is_open
        assert window.signin.error.text() == "Opening the desk…"
        assert not window.signin.button.isEnabled()
        assert window.signin.pin.text() == ""  # the PIN is not left on the screen
        gate.set()
        qtbot.waitUntil(lambda: window.is_open, timeout=30_000)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.counter,
                        timeout=30_000)
        assert window.employee is not None and window.employee.id == "1001"
        assert window.windowTitle() == "Leeway — Hotel <b>Ünïcode</b>"
        assert window.lock_button.isVisible()
    finally:
        gate.set()
        window.close()
        if window.is_open:
            window.app.close()


def test_a_wrong_pin_typed_while_the_desk_opens_is_refused_once_it_is_open(
        qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from pos_app.ui.app import show_window

    window = show_window(_closed_desk(tmp_path / "desk"), True)
    qtbot.addWidget(window)
    try:
        qtbot.keyClicks(window.signin.employee_id, "1001")
        qtbot.keyClicks(window.signin.pin, "0000")
        qtbot.keyClick(window.signin.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.is_open, timeout=30_000)
        qtbot.waitUntil(window.signin.button.isEnabled, timeout=30_000)
        assert window.employee is None
        assert window.stack.currentWidget() is window.signin
        from pos_app.services.employees import SIGN_IN_FAILED

        qtbot.waitUntil(lambda: "attempts left" in window.signin.error.text(), timeout=30_000)
        assert window.signin.error.text().startswith(SIGN_IN_FAILED)
    finally:
        window.close()
        if window.is_open:
            window.app.close()


def test_the_first_screen_speaks_the_desks_language_not_the_systems(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from pos_app.ui.app import show_window
    from pos_app.ui.language import apply_language

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    window = show_window(_closed_desk(tmp_path / "desk", locale="de_DE"), True)
    qtbot.addWidget(window)
    try:
        assert not window.is_open
        assert window.signin.title.text() == "Anmelden"
        assert window.lock_button.text() == "Sperren"
        qtbot.waitUntil(lambda: window.is_open, timeout=30_000)
        # Once open, what the desk added speaks German too.
        assert window.status_employee.text() == "Nicht angemeldet"
        assert window.app.locale == "de_DE"
    finally:
        window.close()
        if window.is_open:
            window.app.close()
        apply_language("en_US")


def test_a_desk_that_cannot_open_behind_the_sign_in_screen_says_why(
        qtbot: Any, tmp_path: Path) -> None:
    """The glance reads the store, then the full opening finds the keyring empty."""
    from pos_app.ui.app import show_window

    folder = _closed_desk(tmp_path / "desk")
    (folder / "insecure-keyring.cfg").unlink()  # the file keyring: the PIN key is gone
    errors: list[BaseException] = []
    window = show_window(folder, True, errors.append)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
        assert not window.is_open
        assert window.stack.currentWidget() is window.signin
        from pos_app.ui.app import start_problem

        assert "keyring" in start_problem(errors[0])
    finally:
        window.close()


def test_a_window_closed_while_its_desk_opens_closes_that_desk(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    import threading

    from pos_app.ui.app import show_window

    def checkpointers() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name.startswith("leeway-checkpoint")}

    from pos_app.ui import app as desk_app

    real, finished = desk_app.open_app, threading.Event()

    def watched(folder: Path, insecure: bool = False) -> Any:
        try:
            return real(folder, insecure)
        finally:
            finished.set()

    before = checkpointers()
    monkeypatch.setattr(desk_app, "open_app", watched)
    window = show_window(_closed_desk(tmp_path / "desk"), True)
    qtbot.addWidget(window)
    window.close()  # at once; the opening goes on and its desk is closed after
    qtbot.waitUntil(finished.is_set, timeout=30_000)
    qtbot.waitUntil(lambda: checkpointers() <= before, timeout=30_000)
    assert not window.is_open


def test_a_counter_that_cannot_be_built_says_why_and_closes_the_desk(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    import threading

    from pos_app.ui import counter
    from pos_app.ui.app import show_window

    def broken(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("no widgets today")

    monkeypatch.setattr(counter.CounterWidget, "__init__", broken)
    before = {t for t in threading.enumerate() if t.name.startswith("leeway-checkpoint")}
    errors: list[BaseException] = []
    window = show_window(_closed_desk(tmp_path / "desk"), True, errors.append)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
        assert str(errors[0]) == "no widgets today"
        assert not window.is_open and not hasattr(window, "app")
        qtbot.waitUntil(lambda: {t for t in threading.enumerate()
                                 if t.name.startswith("leeway-checkpoint")} <= before,
                        timeout=30_000)
    finally:
        window.close()


def test_a_data_folder_this_user_may_not_enter_is_explained_not_a_crash(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Root enters any folder, so the refusal is made by hand: the glance answers None
    and the opening, which meets the same refusal, says why in the dialog."""
    from PySide6.QtWidgets import QMessageBox

    from pos_app.adapters.db.peek import glance_terminal
    from pos_app.ui import app as desk_app

    folder = _closed_desk(tmp_path / "desk")

    def refused(self: Path, *_a: Any, **_k: Any) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))
    monkeypatch.setattr(Path, "is_file", refused)
    assert glance_terminal(folder / "leeway.sqlite3") is None
    assert desk_app.run(str(folder)) == 1
    assert len(shown) == 1 and "Permission denied" in shown[0]


def test_closing_the_window_does_not_wait_for_a_slow_opening(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """An opening held up (a migration, a keyring prompt, another process's lock) does
    not freeze a window that is being closed; the desk it opens is closed after."""
    import threading

    from pos_app.ui import app as desk_app

    real = desk_app.open_app
    started, gate, finished = threading.Event(), threading.Event(), threading.Event()

    def held_up(folder: Path, insecure: bool = False) -> Any:
        started.set()
        gate.wait(30)  # released by the test once the window is closed
        try:
            return real(folder, insecure)
        finally:
            finished.set()

    def checkpointers() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name.startswith("leeway-checkpoint")}

    before = checkpointers()
    monkeypatch.setattr(desk_app, "open_app", held_up)
    window = desk_app.show_window(_closed_desk(tmp_path / "desk"), True)
    qtbot.addWidget(window)
    assert started.wait(30)
    window.close()
    assert not finished.is_set()  # close() returned while the opening was held up
    gate.set()
    qtbot.waitUntil(finished.is_set, timeout=30_000)
    qtbot.waitUntil(lambda: checkpointers() <= before, timeout=30_000)
    assert not window.is_open
