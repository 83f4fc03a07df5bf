"""Review and learning through the real main window, from the keyboard.

A manager opens the review with Ctrl+Shift+R, reads the period's decisions and totals,
drills down to a guest with Enter, recognises an associate's decision, keeps a coaching
note, replays the period under a candidate policy and saves the review; the associate
sees the recognition at their next sign-in. An associate has no review at all.
Screenshots of every tab go to /tmp/review_*.png.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.domain.money import Money
from tests.ui.keys import ALT, CTRL, SHIFT, back_at_window, press, sign_in, type_text, wait_focus

MANAGER, MANAGER_PIN = "4001", "4826"
NOTE = "Calm & kind <b>x</b>"
RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def _grant(app: Any, employee: str, customer: str, action: str, amount: str, reason: str,
           note: str = "") -> Any:
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    outcome = grant_recovery(app.desk, RecoveryAsk(employee, customer, action, amount, reason,
                                                   note))
    assert outcome.decision is not None, outcome.verdict
    return outcome.decision


def _open_review(qtbot: Any, w: Any) -> Any:
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.review is not None and w.review.isVisible(), timeout=5000)
    review = w.review
    qtbot.waitUntil(lambda: review.shown is not None and not review.loading, timeout=20000)
    if not review.isActiveWindow():
        review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=5000)
    return review


def _row_of(review: Any, test: Any) -> int:
    model = review.decisions_model
    return next(r for r in range(model.rowCount()) if test(model.row_at(r)))


def _grab_tabs(qtbot: Any, review: Any, size: str) -> None:
    width, height = (int(n) for n in size.split("x"))
    review.resize(width, height)
    for n in range(review.tabs.count()):
        review.tabs.setCurrentIndex(n)
        qtbot.wait(150)  # the deferred column fitting and painting
        review.grab().save(f"/tmp/review_{n + 1}_{size}.png")
    review.tabs.setCurrentIndex(0)


def test_a_manager_reviews_drills_down_recognises_and_the_associate_sees_it(
        qtbot: Any, window: Any, demo_app: Any, tmp_path: Path) -> None:
    from pos_app.services.granting import RecoveryAsk, unlock_and_grant
    from pos_app.services.review import review_decisions

    w, app = window, demo_app
    praised = _grant(app, "1001", "C100010", "fee_waiver", "20.00", "service_delay", NOTE)
    for n in range(5):  # one reason, again and again: a pattern worth a conversation
        _grant(app, "1002", f"C1000{20 + n}", "goodwill_credit", "10.00", "facility_issue")
    approved = unlock_and_grant(app.desk, RecoveryAsk(
        "1001", "C100030", "refund", "200.00", "billing_error", "Charged twice for parking"),
        MANAGER, MANAGER_PIN)
    assert approved.decision is not None
    sign_in(qtbot, w, MANAGER, MANAGER_PIN)
    assert w.review_button.isVisible()
    review = _open_review(qtbot, w)

    # The decisions of the last 7 days, the same as the service's, with their money.
    since, until = review.period()
    assert (until - since).days == 6
    expected = review_decisions(app.desk, since, until)
    assert review.decisions_model.rowCount() == len(expected.decisions) == 12
    money = Money(expected.summary.amount_minor, expected.currency).format(app.locale)
    assert money in review.decisions.summary.text()
    assert f"{len(expected.decisions)} decisions" in review.decisions.summary.text()
    assert "approved by someone else: 1 (at the desk 1)" in review.decisions.summary.text()
    row = _row_of(review, lambda d: d.id == approved.decision.id)
    assert review.decisions_model.index(row, 2).data() == "Grace Okafor (at the desk)"
    # The note shows as written (plain text), never as markup.
    row = _row_of(review, lambda d: d.id == praised.id)
    note = review.decisions_model.index(row, 9).data()
    assert NOTE in note

    # Totals: Ctrl+2, then Alt+B and the arrows choose the reason.
    press(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: review.tabs.currentWidget() is review.totals, timeout=5000)
    press(qtbot, Qt.Key.Key_B, ALT)
    wait_focus(qtbot, review.totals.dimension)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert review.totals.dimension.currentData() == "reason"
    shown = review.totals.labels_shown()
    assert {"Service delay", "Facility issue", "Billing error"} <= set(shown)
    assert review.totals.reasons.rows and review.totals.spend.labels

    _grab_tabs(qtbot, review, "1280x800")
    _grab_tabs(qtbot, review, "1024x768")

    # Decisions: Enter on the praised decision's row opens its guest at the counter.
    press(qtbot, Qt.Key.Key_1, CTRL)
    view = review.decisions.view
    view.setFocus()
    wait_focus(qtbot, view)
    view.setCurrentIndex(review.decisions_model.index(row, 0))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not review.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: w.counter.customer_id == "C100010"
                    and w.counter.right.currentIndex() == 1
                    and w.counter.card.title.text() != "", timeout=8000)
    # Ctrl+Shift+R brings the same review back, as it was.
    back_at_window(qtbot, w)
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.review is review and review.isVisible(), timeout=5000)
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=5000)

    # Alt+G recognises the selected decision of the associate, with a short note.
    view.setFocus()
    view.setCurrentIndex(review.decisions_model.index(_row_of(
        review, lambda d: d.id == praised.id), 0))
    assert review.decisions.recognise_button.isEnabled()
    press(qtbot, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(lambda: getattr(review, "recognition_dialog", None) is not None
                    and review.recognition_dialog.isVisible(), timeout=5000)
    wait_focus(qtbot, review.recognition_dialog.note)
    type_text(qtbot, "Quick & kind")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Recognised" in review.message.text(), timeout=8000)
    assert review.wins.wins.rowCount() == 1
    assert review.wins.wins.index(0, 4).data() == "Quick & kind"
    review.tabs.setCurrentIndex(2)
    qtbot.wait(150)
    review.grab().save("/tmp/review_wins_recognised.png")
    review.tabs.setCurrentIndex(0)

    # Root causes: the one-reason pattern of 1002; Alt+N keeps a private coaching note.
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=5000)
    press(qtbot, Qt.Key.Key_4, CTRL)
    tab = review.learning_tab
    qtbot.waitUntil(lambda: tab.patterns.rowCount() > 0, timeout=10000)
    pattern_row = next(r for r in range(tab.patterns.rowCount())
                       if tab.patterns.row_at(r).subject_id == "1002")
    tab.patterns_view.setFocus()
    tab.patterns_view.setCurrentIndex(tab.patterns.index(pattern_row, 0))
    assert "Facility issue" in tab.patterns.index(pattern_row, 4).data()
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: getattr(review, "coaching_dialog", None) is not None
                    and review.coaching_dialog.isVisible(), timeout=5000)
    coaching = review.coaching_dialog
    qtbot.waitUntil(lambda: coaching.earlier.count() > 0, timeout=5000)
    coaching.note.setFocus()
    wait_focus(qtbot, coaching.note)
    type_text(qtbot, "Asked about the facility issues; the lift again.")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: coaching.status.text() == "Kept.", timeout=8000)
    qtbot.waitUntil(lambda: any("the lift again" in coaching.earlier.item(i).text()
                                for i in range(coaching.earlier.count())), timeout=5000)
    coaching.grab().save("/tmp/review_coaching.png")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not coaching.isVisible(), timeout=5000)

    # Alt+E and a letter narrow everything to one employee; Home shows everyone again.
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=5000)
    press(qtbot, Qt.Key.Key_E, ALT)
    wait_focus(qtbot, review.filters["employee"])
    type_text(qtbot, "M")
    assert review.filters["employee"].currentText() == "Maya Lindqvist"
    hers = [d for d in expected.decisions if d.employee_id == "1001"]
    qtbot.waitUntil(lambda: review.decisions_model.rowCount() == len(hers) == 4,
                    timeout=10000)
    assert "4 of 12 decisions match" in review.status.text()
    assert review.totals.model.rowCount() >= 1
    assert len(review.shown.wins) == 1  # the win is hers
    press(qtbot, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: review.decisions_model.rowCount() == 12, timeout=10000)

    # Saving: the review as PDF and the decisions as CSV, written off the UI thread.
    pdf, csv = tmp_path / "review.pdf", tmp_path / "review"
    review.save_pdf_to(pdf)
    qtbot.waitUntil(lambda: "Saved to" in review.message.text(), timeout=30000)
    assert pdf.read_bytes().startswith(b"%PDF")
    review.save_csv_to(csv)
    written = tmp_path / "review.csv"  # the suffix is added
    qtbot.waitUntil(written.exists, timeout=10000)
    rows = written.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 12
    assert any(praised.id in row and NOTE in row for row in rows)

    # Esc closes the review; signing out and in as the associate shows the recognition.
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=5000)
    review.tabs.setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.review is None, timeout=5000)
    back_at_window(qtbot, w)
    assert not w.notice.isVisible()
    press(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    sign_in(qtbot, w, "1001", "2580")
    qtbot.waitUntil(w.notice.isVisible, timeout=8000)
    text = w.notice.label.text()
    assert "Well done: Grace Okafor recognised your fee waiver for" in text
    assert "\u201cQuick & kind\u201d" in text
    w.grab().save("/tmp/review_notice.png")
    # Shown once: the next sign-in has nothing new to say.
    press(qtbot, Qt.Key.Key_L, CTRL)
    sign_in_again = w.signin.pin
    wait_focus(qtbot, sign_in_again)
    assert not w.notice.isVisible()
    type_text(qtbot, "2580")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, w.counter.search.field)
    qtbot.wait(300)
    assert not w.notice.isVisible()
    assert not w.review_button.isVisible()


def test_an_associate_has_no_review(qtbot: Any, window: Any) -> None:
    w = window
    sign_in(qtbot, w)
    assert not w.review_button.isVisible()
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.wait(200)
    assert w.review is None
    w.open_review()
    assert w.review is None


def test_the_what_if_replays_the_period_under_a_candidate_policy(
        qtbot: Any, window: Any, demo_app: Any, tmp_path: Path) -> None:
    from pos_app.services.review import review_decisions
    from pos_app.services.whatif import policy_whatif, tiers_of_staff

    w, app = window, demo_app
    _grant(app, "1001", "C100010", "fee_waiver", "20.00", "service_delay")
    sign_in(qtbot, w, MANAGER, MANAGER_PIN)
    review = _open_review(qtbot, w)
    press(qtbot, Qt.Key.Key_5, CTRL)
    qtbot.waitUntil(lambda: review.tabs.currentWidget() is review.whatif, timeout=5000)
    # Fee waivers above $10 now need an approval (a supervisor, the lowest approver).
    candidate = (RESOURCES / "policies" / "default.toml").read_text(encoding="utf-8")
    candidate = candidate.replace('version = "2026.11-demo"', 'version = "2026.12-strict"')
    candidate = candidate.replace('fee_waiver = "75.00"', 'fee_waiver = "10.00"', 1)
    path = tmp_path / "strict.toml"
    path.write_text(candidate, encoding="utf-8")
    tab = review.whatif
    tab.load_policy_file(path)
    qtbot.waitUntil(lambda: tab.result is not None, timeout=20000)
    since, until = review.period()
    decisions = review_decisions(app.desk, since, until).decisions
    expected = policy_whatif(candidate, decisions, tiers_of_staff(app.desk))
    assert tab.result == expected
    assert tab.model.rowCount() == len(expected.changes) >= 2
    assert expected.needs_approval.get("supervisor", 0) >= 2
    assert "supervisor" in tab.figures["needs"].text()
    assert "would have gone differently" in tab.status.text()
    for size in ("1280x800", "1024x768"):
        width, height = (int(n) for n in size.split("x"))
        review.resize(width, height)
        qtbot.wait(150)
        review.grab().save(f"/tmp/review_whatif_{size}.png")
    # A file that is not a policy says why, and shows no stale figures.
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "x"\ncurrency = 12\n', encoding="utf-8")
    tab.load_policy_file(bad)
    qtbot.waitUntil(lambda: tab.result is None and "Replaying" not in tab.status.text(),
                    timeout=10000)
    assert tab.model.rowCount() == 0
    assert "currency" in tab.status.text()  # the parser names the offending key
    # Locking the desk closes the review: no decisions stay on screen behind the lock.
    w.lock()
    assert w.review is None and not review.isVisible()


def test_the_decisions_table_holds_a_hundred_thousand_rows(qtbot: Any, demo_app: Any
                                                          ) -> None:
    from pos_app.domain.review import ReviewDecision
    from pos_app.ui.review_models import CHANNELS, RecordsModel, decision_columns
    from pos_app.ui.review_tabs import DecisionsTab

    rng = random.Random(3)
    start = datetime(2026, 5, 1)
    rows = [ReviewDecision(f"{i:08x}-0000-7000-8000-000000000000",
                           start + timedelta(seconds=rng.randrange(30 * 86400)), "t", "1001",
                           "Maya Lindqvist", None, "", f"C{100000 + i % 3000}", "Guest", "",
                           "refund", "billing_error", "billing", rng.randrange(1, 50000), "USD",
                           "<i>note</i>" if i % 9 == 0 else "")
            for i in range(100_000)]
    model = RecordsModel(decision_columns({"refund": "Refund"}, "en_US", CHANNELS))
    tab = DecisionsTab(model)
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    qtbot.waitExposed(tab)
    model.set_rows(rows)
    assert model.rowCount() == 100_000
    QApplication.processEvents()
    # Sorting by amount sorts the records, and the current row follows its record.
    tab.view.setCurrentIndex(model.index(5, 0))
    chosen = model.row_at(5)
    tab.view.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    amounts = [model.row_at(r).amount_minor for r in range(0, 100_000, 997)]
    assert amounts == sorted(amounts, reverse=True)
    assert model.row_at(tab.view.current_row()) is chosen
    assert model.index(0, 7).data().startswith("$")
    tab.view.scrollToBottom()
    QApplication.processEvents()


def test_the_review_button_fits_the_header_of_a_1024_till(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import QRect

    from pos_app.ui.screen import fit_into

    w = window
    w.showNormal()
    till = QRect(0, 0, 1024, 600)
    fit_into(w, till)
    qtbot.waitUntil(lambda: w.frameGeometry() == till, timeout=5000)
    sign_in(qtbot, w, MANAGER, MANAGER_PIN)
    qtbot.waitUntil(w.review_button.isVisible, timeout=5000)
    qtbot.wait(100)
    w.grab().save("/tmp/review_header_1024.png")
    buttons = [w.far.answer_button, w.voucher_button, w.manager_button, w.review_button,
               w.lock_button, w.signout_button]
    for b in buttons:
        assert b.isVisible()
        assert b.width() >= b.sizeHint().width(), b.text()  # never squeezed or cut
        assert w.header.rect().contains(b.geometry()), b.text()
    name = w.employee_label
    assert name.width() >= name.sizeHint().width()
