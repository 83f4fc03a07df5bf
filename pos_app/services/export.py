"""Exporting decisions for head office, as CSV or JSON.

CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
leading apostrophe: a guest's note must never execute on a manager's laptop. Text is
cleaned as notes are at the desk (line breaks kept as newlines, other control characters
and terminal escapes dropped), so a record written before that rule cannot split a CSV
row or reach a terminal; a cell with a line break is quoted, one record stays one row.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from pos_app.domain.money import Money
from pos_app.domain.text import clean_free_text
from pos_app.services.ports import DecisionRecord, UnitOfWork

FIELDS = ("decision_id", "decided_at", "customer_id", "employee_id", "approver_id", "action",
          "amount", "currency", "reason", "note", "policy_version")


def _row(d: DecisionRecord) -> dict[str, str]:
    return {
        "decision_id": d.id,
        "decided_at": d.decided_at.isoformat(timespec="seconds") + "Z",
        "customer_id": d.customer_id,
        "employee_id": d.employee_id,
        "approver_id": d.approver_id or "",
        "action": d.action,
        "amount": Money(d.amount_minor, d.currency).plain(),
        "currency": d.currency,
        "reason": d.reason,
        "note": d.note,
        "policy_version": d.policy_version,
    }


def neutralise_formula(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def export_decisions(uow: UnitOfWork, since: datetime | None, fmt: str) -> str:
    rows = [{k: clean_free_text(v) for k, v in _row(d).items()}
            for d in uow.decisions.since(since)]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    # QUOTE_MINIMAL quotes a cell only for the characters of the line terminator: with
    # "\n" a bare "\r" went out unquoted and split the record in every reader. Cells
    # hold no "\r" now (clean_free_text made every line break a "\n", which is quoted).
    # "\n", not "\r\n": the command line writes through text-mode stdout, which would
    # turn "\r\n" into "\r\r\n" on Windows.
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise_formula(v) for k, v in row.items()})
    return out.getvalue()
