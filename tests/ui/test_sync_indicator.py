"""The status bar's sync indicator and the review list, on a desk with a central DB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from pos_app.services.customers import correct_contact
from tests.integration.sync_support import new_central, register, sync
from tests.ui.helpers import sign_in


def test_sync_now_and_review_a_merge_conflict(qtbot: Any, tmp_path: Path, capsys: Any,
                                              data_dir: Path, demo_app: Any, pg_url: str
                                              ) -> None:
    from pos_app.bootstrap import init_terminal, open_app
    from pos_app.ui.main_window import MainWindow

    central = new_central(pg_url)
    demo_app.close()
    register(data_dir, central, capsys)
    other = tmp_path / "desk-b"
    init_terminal(other, terminal_id="desk-b", demo=True).close()
    register(other, central, capsys)
    sync(data_dir, capsys)
    sync(other, capsys)
    # Both desks correct the same e-mail; desk B's (later) wins.
    for desk, value in ((data_dir, "first@example.com"), (other, "second@example.com")):
        app = open_app(desk)
        with app.uow(write=True) as uow:
            correct_contact(uow, employee_id="1001", customer_id="C100090", field="email",
                            value=value)
            uow.commit()
        app.close()
    sync(other, capsys)

    app = open_app(data_dir)
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    indicator = window.status_sync
    qtbot.waitUntil(lambda: "pending" in indicator.label.text(), timeout=5000)
    assert "1 pending" in indicator.label.text()
    sign_in(qtbot, window)
    # Signed in: the sign-in's own event is written (before, the sync could start first
    # and leave it for the next one, when the PIN check took longer than the push).
    qtbot.waitUntil(lambda: window.employee is not None, timeout=5000)
    qtbot.mouseClick(indicator.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: indicator.label.text().startswith("Online · 0 pending"),
                    timeout=10000)
    assert "last sync" in indicator.label.text()
    qtbot.waitUntil(indicator.review_button.isVisible, timeout=5000)
    assert indicator.review_button.text() == "1 to review"
    qtbot.mouseClick(indicator.review_button, Qt.MouseButton.LeftButton)
    review = indicator.review_dialog
    qtbot.waitUntil(lambda: review.table.rowCount() == 1, timeout=5000)
    assert "first@example.com" in review.table.item(0, 2).text()
    qtbot.mouseClick(review.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.table.rowCount() == 0, timeout=5000)
    review.accept()
    qtbot.waitUntil(lambda: not indicator.review_button.isVisible(), timeout=5000)
    window.close()
    app.close()
