"""Review and learning on the command line: ``report decisions``, ``report patterns``,
``recognise`` (thin callers of :mod:`pos_app.services.review`). The same reports for
every desk at once are ``central report ... --url URL``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from pos_app.cli.common import (
    EXIT_OK,
    Failure,
    emit,
    open_terminal,
    read_pins,
    read_text_file,
    write_file,
)
from pos_app.domain.money import Money
from pos_app.domain.text import quoted


def parse_day(text: str | None, flag: str) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise Failure(f"{flag} {quoted(text)} is not a date (use YYYY-MM-DD).") from None
    if not 1900 <= day.year <= 9998:
        raise Failure(f"{flag} {quoted(text)} is outside the years Leeway keeps (1900 to"
                      " 9998).")
    return day


def period(args: argparse.Namespace) -> tuple[date | None, date | None]:
    since, until = parse_day(args.since, "--since"), parse_day(args.until, "--until")
    if since and until and until < since:
        raise Failure("The period ends before it starts; check --since and --until.")
    return since, until


def print_report(args: argparse.Namespace, report: Any, locale: str) -> int:
    """Text, JSON, CSV or PDF of a decisions report (desk or central)."""
    from pos_app.services.review_export import report_csv, report_json

    if args.csv:
        sys.stdout.write(report_csv(report, args.by))
        return EXIT_OK
    if args.pdf:
        from pos_app.adapters.reports.review_pdf import render_review_pdf

        where = write_file(args.pdf, render_review_pdf(report, locale), "Nothing")
        print(f"Wrote the review of {len(report.decisions):,} decisions to {where}.")
        return EXIT_OK
    if args.json:
        print(json.dumps(report_json(report, args.by), ensure_ascii=False, indent=1))
        return EXIT_OK
    s, cur = report.summary, report.currency
    span = f"{report.since or 'the beginning'} to {report.until or 'today'}"
    channels = ", ".join(f"{k} {v}" for k, v in sorted(s.by_channel.items())) or "none"
    lines = [f"{s.count:,} decisions, {Money(s.amount_minor, cur).format(locale)}, from"
             f" {span}; {s.approved} approved ({channels}),"
             f" {s.overrides} overrides, {s.exceptions} allowance exceptions,"
             f" {s.referrals} referrals.",
             f"Vouchers: {s.vouchers} given, {s.redeemed} redeemed.", "",
             f"By {args.by or 'employee'}:"]
    for t in report.totals[args.by or "employee"]:
        lines.append(f"  {t.label[:40]:<40} {t.count:>7,}  "
                     f"{Money(t.amount_minor, cur).format(locale):>14}")
    print("\n".join(lines))
    return EXIT_OK


def cmd_report_decisions(args: argparse.Namespace) -> int:
    from pos_app.services.review import review_decisions

    since, until = period(args)
    app = open_terminal(args)
    return print_report(args, review_decisions(app.desk, since, until), app.locale)


def print_learning(args: argparse.Namespace, learning: Any, currency: str) -> int:
    from pos_app.services.review_export import learning_json

    if args.json:
        print(json.dumps(learning_json(learning, currency), ensure_ascii=False, indent=1))
        return EXIT_OK
    lines = ["Patterns worth a conversation (not verdicts):"]
    lines += [f"  - {p.text}" for p in learning.patterns] or ["  none"]
    lines += ["Places named again and again:"]
    lines += [f"  - {r.label}: {r.count} recoveries ({', '.join(r.reasons)})"
              for r in learning.places[:20]] or ["  none"]
    lines += ["Guests with three or more recoveries in 90 days:"]
    lines += [f"  - {r.label}: {r.count}" for r in learning.repeat_guests[:20]] or ["  none"]
    print("\n".join(lines))
    return EXIT_OK


def cmd_report_patterns(args: argparse.Namespace) -> int:
    from pos_app.services.review import review_learning

    since, until = period(args)
    app = open_terminal(args)
    return print_learning(args, review_learning(app.desk, since, until),
                          app.desk.policy().currency)


def cmd_recognise(args: argparse.Namespace) -> int:
    from pos_app.services.review import recognise
    from pos_app.services.staff import verify_pin

    app = open_terminal(args)
    (pin,) = read_pins(1)
    manager = verify_pin(app.desk, args.by, pin, purpose="recognition")
    record = recognise(app.desk, args.decision_id, manager, args.note or "")
    emit(args, {"recognition_id": record.id, "decision_id": record.decision_id,
                "employee_id": record.employee_id, "by": record.given_by},
         f"Recognised: decision {record.decision_id} by {record.employee_id}. They will see"
         " it at their next sign-in.")
    return EXIT_OK


def _central_rows(args: argparse.Namespace) -> tuple[Any, Any, date | None, date | None]:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.report import central_review
    from pos_app.services.review import period_bounds

    since, until = period(args)
    start, end = period_bounds(since, until)
    try:
        rows, policy = central_review(args.url, start, end)
    except SQLAlchemyError as exc:
        raise Failure("Could not read the central database: "
                      f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}") from None
    return rows, policy, since, until


def cmd_central_report_decisions(args: argparse.Namespace) -> int:
    from pos_app.services.review import build_report

    rows, policy, since, until = _central_rows(args)
    return print_report(args, build_report(rows, policy, since, until), "en_US")


def cmd_central_report_patterns(args: argparse.Namespace) -> int:
    from pos_app.services.review import learning_from

    rows, policy, _since, _until = _central_rows(args)
    return print_learning(args, learning_from(rows), policy.currency)


def print_whatif(args: argparse.Namespace, result: Any, locale: str, rows: int) -> int:
    cur = result.currency

    def money(minor: int) -> str:
        return Money(minor, cur).format(locale)

    if args.json:
        print(json.dumps({
            "decisions": result.total, "currency": cur,
            "allowed": {"count": result.allowed, "amount": Money(result.allowed_minor,
                                                                 cur).plain()},
            "approved_as_before": {"count": result.approved_as_before,
                                   "amount": Money(result.approved_as_before_minor,
                                                   cur).plain()},
            "needs_approval": {tier: {"count": n, "amount": Money(
                result.needs_approval_minor.get(tier, 0), cur).plain()}
                for tier, n in result.needs_approval.items()},
            "refused": {"count": result.refused,
                        "amount": Money(result.refused_minor, cur).plain()},
            "changes": [{"decision_id": c.decision_id,
                         "decided_at": c.decided_at.isoformat(timespec="seconds") + "Z",
                         "employee_id": c.employee_id, "customer_id": c.customer_id,
                         "action": c.action, "amount": Money(c.amount_minor, cur).plain(),
                         "before": c.before, "after": c.after, "why": c.why}
                        for c in result.changes]}, ensure_ascii=False, indent=1))
        return EXIT_OK
    lines = [f"Replayed {rows:,} decisions under the candidate policy:",
             f"  allowed on their own authority  {result.allowed:>8,}"
             f"  {money(result.allowed_minor):>14}",
             f"  approved as before              {result.approved_as_before:>8,}"
             f"  {money(result.approved_as_before_minor):>14}"]
    for tier, n in sorted(result.needs_approval.items()):
        lines.append(f"  would need a {tier.replace('_', ' '):<19}{n:>8,}"
                     f"  {money(result.needs_approval_minor.get(tier, 0)):>14}")
    lines.append(f"  refused                         {result.refused:>8,}"
                 f"  {money(result.refused_minor):>14}")
    lines.append(f"{len(result.changes):,} decisions would change"
                 + (":" if result.changes else "."))
    for c in result.changes[:50]:
        lines.append(f"  {c.decided_at:%Y-%m-%d} {c.employee_id} {c.action}"
                     f" {money(c.amount_minor)}: {c.before} -> {c.after}")
    if len(result.changes) > 50:
        lines.append(f"  ... and {len(result.changes) - 50:,} more (--json lists them all)")
    print("\n".join(lines))
    return EXIT_OK


def cmd_policy_whatif(args: argparse.Namespace) -> int:
    from pos_app.services.review import review_decisions
    from pos_app.services.whatif import policy_whatif, tiers_of_staff

    since, until = period(args)
    document = read_text_file(args.file)
    app = open_terminal(args)
    rows = review_decisions(app.desk, since, until).decisions
    result = policy_whatif(document, rows, tiers_of_staff(app.desk))
    return print_whatif(args, result, app.locale, len(rows))


def cmd_central_policy_whatif(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.report import central_tiers
    from pos_app.services.whatif import policy_whatif

    document = read_text_file(args.file)
    rows, _policy, _since, _until = _central_rows(args)
    result = policy_whatif(document, rows, central_tiers(args.url))
    return print_whatif(args, result, "en_US", len(rows))
