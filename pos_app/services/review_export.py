"""A review as data a script, a spreadsheet or head office reads: JSON and CSV.

The same shapes for a desk's report and the central one. CSV cells are cleaned and
made formula-safe exactly as ``leeway export decisions`` does (a guest's note never
runs on a manager's laptop).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pos_app.domain.money import Money
from pos_app.domain.patterns import Pattern
from pos_app.domain.review import CameBack, Recurring, ReviewDecision, Total
from pos_app.domain.text import clean_free_text
from pos_app.services.export import neutralise_formula
from pos_app.services.review import DecisionsReport, LearningReport

DECISION_FIELDS = ("decision_id", "decided_at", "terminal", "employee_id", "employee",
                   "approver_id", "approver", "approval_channel", "customer_id", "customer",
                   "action", "reason", "category", "amount", "currency", "note",
                   "override", "allowance_exception", "voucher_state", "policy_version")
TOTAL_FIELDS = ("key", "label", "count", "amount", "currency")


def _money(minor: int, currency: str) -> str:
    return Money(minor, currency).plain()


def decision_row(d: ReviewDecision) -> dict[str, Any]:
    return {"decision_id": d.id, "decided_at": d.decided_at.isoformat(timespec="seconds")
            + "Z", "terminal": d.terminal_id, "employee_id": d.employee_id,
            "employee": d.employee_name, "approver_id": d.approver_id or "",
            "approver": d.approver_name, "approval_channel": d.channel or "",
            "customer_id": d.customer_id, "customer": d.customer_name, "action": d.action,
            "reason": d.reason, "category": d.category,
            "amount": _money(d.amount_minor, d.currency), "currency": d.currency,
            "note": d.note, "override": d.override,
            "allowance_exception": d.allowance_exception, "voucher_state": d.voucher_state,
            "policy_version": d.policy_version}


def total_row(t: Total, currency: str) -> dict[str, Any]:
    return {"key": t.key, "label": t.label, "count": t.count,
            "amount": _money(t.amount_minor, currency), "currency": currency}


def _came_back(rows: list[CameBack]) -> list[dict[str, Any]]:
    return [{"key": c.key, "label": c.label, "vouchers": c.vouchers, "redeemed": c.redeemed,
             "rate": round(c.rate, 4)} for c in rows]


def report_json(report: DecisionsReport, by: str | None = None) -> dict[str, Any]:
    s, cur = report.summary, report.currency
    return {
        "since": report.since.isoformat() if report.since else None,
        "until": report.until.isoformat() if report.until else None,
        "currency": cur,
        "summary": {"decisions": s.count, "amount": _money(s.amount_minor, cur),
                    "overrides": s.overrides, "allowance_exceptions": s.exceptions,
                    "approved": s.approved, "by_channel": s.by_channel,
                    "referrals": s.referrals, "vouchers": s.vouchers,
                    "redeemed": s.redeemed, "came_back_rate": s.came_back_rate},
        "totals": {dim: [total_row(t, cur) for t in rows]
                   for dim, rows in report.totals.items() if by is None or dim == by},
        "came_back": {"by_employee": _came_back(report.came_back_by_employee),
                      "by_reason": _came_back(report.came_back_by_reason)},
        "wins": [{"decision_id": w.recognition.decision_id,
                  "employee_id": w.recognition.employee_id, "employee": w.employee_name,
                  "by": w.recognition.given_by_name or w.recognition.given_by,
                  "note": w.recognition.note,
                  "given_at": w.recognition.given_at.isoformat(timespec="seconds") + "Z"}
                 for w in report.wins],
        "decisions": [decision_row(d) for d in report.decisions],
    }


def _recurring(rows: list[Recurring], currency: str) -> list[dict[str, Any]]:
    return [{"key": r.key, "label": r.label, "count": r.count,
             "amount": _money(r.amount_minor, currency), "reasons": list(r.reasons),
             "decision_ids": list(r.decision_ids)} for r in rows]


def _pattern(p: Pattern, currency: str) -> dict[str, Any]:
    return {"kind": p.kind, "subject_id": p.subject_id, "subject": p.subject,
            "text": p.text, "count": p.count, "amount": _money(p.amount_minor, currency),
            "decision_ids": list(p.decision_ids)}


def learning_json(report: LearningReport, currency: str) -> dict[str, Any]:
    return {"patterns": [_pattern(p, currency) for p in report.patterns],
            "recurring_places": _recurring(report.places, currency),
            "repeat_guests": _recurring(report.repeat_guests, currency),
            "by_category_per_week": report.by_category,
            "by_reason_per_week": report.by_reason}


def report_csv(report: DecisionsReport, by: str | None = None) -> str:
    """One row per decision, or with ``by`` one row per total of that dimension."""
    fields: tuple[str, ...]
    if by is not None:
        fields, rows = TOTAL_FIELDS, [total_row(t, report.currency)
                                      for t in report.totals[by]]
    else:
        fields, rows = DECISION_FIELDS, [decision_row(d) for d in report.decisions]
    out = io.StringIO()
    # "\n" and QUOTE_MINIMAL as in services/export.py: cells hold no "\r" once cleaned.
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise_formula(clean_free_text(str(v)))
                         for k, v in row.items()})
    return out.getvalue()
