"""Fixtures for driving the real main window with pytest-qt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture()
def window(qtbot: Any, demo_app: Any) -> Iterator[Any]:
    from pos_app.ui.app import style_sheet
    from pos_app.ui.main_window import MainWindow

    w = MainWindow(demo_app)
    w.setStyleSheet(style_sheet())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
