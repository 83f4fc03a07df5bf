"""The window shows times in the desk's zone (its setting, else the system's), whatever
zone the stored UTC time falls on: the history of a guest, through the real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.ui.helpers import sign_in

GUEST = "C100010"  # no demo history
DECIDED = datetime(2025, 6, 1, 23, 30)  # UTC


@pytest.fixture()
def decided_late(demo_app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A refund recorded at 23:30 UTC on 1 June 2025 (the clock pinned while it is)."""
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    with monkeypatch.context() as clock:
        clock.setattr("pos_app.services.recovery.utcnow", lambda: DECIDED)
        outcome = grant_recovery(demo_app.desk, RecoveryAsk("1001", GUEST, "refund", "10.00",
                                                            "billing_error", ""))
    assert outcome.decision is not None and outcome.decision.decided_at == DECIDED
    return demo_app


@contextmanager
def _window(qtbot: Any, app: Any) -> Iterator[Any]:
    from pos_app.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    try:
        yield w
    finally:
        w.close()


def _first_time(qtbot: Any, window: Any) -> str:
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    window.counter.open_customer(GUEST)
    history = window.counter.history
    qtbot.waitUntil(lambda: history.rowCount() > 0, timeout=5000)
    # On one line or two (compact), with whatever spaces the locale uses.
    return " ".join(history.item(0, 0).text().replace(",", " ").split())


@pytest.fixture()
def reopened(decided_late: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
             ) -> Iterator[Any]:
    """The same desk set to Asia/Tokyo and started again; the machine says UTC."""
    from pos_app.bootstrap import open_app
    from pos_app.services.desk_settings import change_settings

    monkeypatch.setenv("TZ", "UTC")
    change_settings(decided_late.desk, time_zone="Asia/Tokyo")
    app = open_app(data_dir)
    yield app
    app.close()


def test_a_decision_at_2330_utc_is_on_the_next_day_in_tokyo(qtbot: Any,
                                                            reopened: Any) -> None:
    assert str(reopened.zone) == "Asia/Tokyo"
    with _window(qtbot, reopened) as window:
        assert _first_time(qtbot, window) == "Jun 2 2025 8:30 AM"


def test_with_no_setting_the_window_follows_tz(qtbot: Any, decided_late: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert str(decided_late.zone) == "America/New_York"
    with _window(qtbot, decided_late) as window:
        assert _first_time(qtbot, window) == "Jun 1 2025 7:30 PM"  # EDT, same day
