"""The review PDF: its figures, names and notes as literal text, long lists across pages,
and ``leeway report decisions --pdf``.

The PDF is read back with pypdf, an independent reader: what it extracts is what a
manager sees (and copies) from the page.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from integration_support import CliRunner
from pypdf import PdfReader

from pos_app.domain.money import Money

HOSTILE = "<b>x</b> & =SUM(A1)"


def _text(pdf: bytes) -> tuple[str, list[str]]:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return "\n".join(pages), pages


def _with_hostile_note(app: Any) -> Any:
    from pos_app.services.granting import RecoveryAsk, grant_recovery
    from pos_app.services.review import recognise, review_decisions
    from pos_app.services.staff import verify_pin

    outcome = grant_recovery(app.desk, RecoveryAsk("1001", "C100010", "fee_waiver", "20.00",
                                                   "service_delay", HOSTILE))
    assert outcome.decision is not None
    manager = verify_pin(app.desk, "4001", "4826", purpose="recognition")
    recognise(app.desk, outcome.decision.id, manager, "Calm & kind <i>always</i>")
    return review_decisions(app.desk, None, None)


def test_the_pdf_shows_the_summary_names_and_notes_as_written(demo_copy: Any) -> None:
    from pos_app.adapters.reports.review_pdf import render_review_pdf

    app = demo_copy
    report = _with_hostile_note(app)
    pdf = render_review_pdf(report, app.locale)
    assert pdf.startswith(b"%PDF")
    text, pages = _text(pdf)
    s = report.summary
    money = Money(s.amount_minor, report.currency).format(app.locale)
    assert s.count == 6 and money == "$260.50"
    first = pages[0]
    assert "Review of decisions" in first
    assert f"{s.count}\ndecisions" in first or f"{s.count} decisions" in first
    assert money in first
    assert "Maya Lindqvist" in text and "Tomás Herrera" in text  # as written, not "?"
    # The note and the recognition's note are printed literally, never read as markup.
    assert HOSTILE in text
    assert "Calm & kind <i>always</i>" in text
    assert "&amp;" not in text and "&lt;" not in text
    # Totals by every dimension, each with its money.
    for heading in ("By employee", "By approver", "By reason", "By category", "By action",
                    "Wins: decisions recognised", "Decisions"):
        assert heading in text
    for total in report.totals["reason"]:
        assert total.label in text
        assert Money(total.amount_minor, report.currency).format(app.locale) in text


def test_a_long_list_of_decisions_flows_across_pages_with_its_header(demo_copy: Any
                                                                     ) -> None:
    from pos_app.adapters.reports.review_pdf import DECISION_LIMIT, render_review_pdf
    from pos_app.services.review import build_report

    app = demo_copy
    base = _with_hostile_note(app)
    one = base.decisions[0]
    many = [replace(one, id=f"{i:08x}-0000-7000-8000-000000000000",
                    decided_at=one.decided_at + timedelta(minutes=i))
            for i in range(DECISION_LIMIT + 50)]
    report = build_report(many, app.desk.policy(), None, None)
    text, pages = _text(render_review_pdf(report, app.locale))
    listed = [p for p in pages if "When (UTC)" in p]
    assert len(listed) > 20  # every page of the list repeats the header row
    assert f"The first {DECISION_LIMIT:,} of {len(many):,} decisions" in text
    assert f"{len(many):,}" in pages[0]


def test_an_empty_period_still_makes_a_pdf(demo_copy: Any) -> None:
    from datetime import date

    from pos_app.adapters.reports.review_pdf import render_review_pdf
    from pos_app.services.review import review_decisions

    app = demo_copy
    report = review_decisions(app.desk, date(2001, 1, 1), date(2001, 1, 7))
    text, _pages = _text(render_review_pdf(report, app.locale))
    assert "No decisions in this period." in text
    assert "Jan 1, 2001" in text and "Jan 7, 2001" in text


def test_the_cli_writes_the_review_as_pdf(cli: CliRunner, demo_dir: Path, tmp_path: Path
                                          ) -> None:
    target = tmp_path / "review.pdf"
    result = cli("report", "decisions", "--pdf", str(target), data_dir=demo_dir)
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(b"%PDF")
    text, _pages = _text(target.read_bytes())
    assert "Review of decisions" in text and "Dev Patel" in text
    assert "Double-charged minibar" in text
