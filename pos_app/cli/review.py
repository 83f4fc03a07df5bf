"""Review and learning on the command line: ``report decisions``, ``report patterns``,
``recognise`` (thin callers of :mod:`pos_app.services.review`). The same reports for
every desk at once are ``central report ... --url URL``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, tzinfo
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
from pos_app.i18n import N_, _, ngettext

# The text report's heading for each dimension it can total by (``--by``).
BY_HEADINGS = {"employee": N_("By employee:"), "approver": N_("By approver:"),
               "reason": N_("By reason:"), "category": N_("By category:"),
               "action": N_("By action:"), "day": N_("By day:")}


def parse_day(text: str | None, flag: str) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise Failure(_("{flag} {value} is not a date (use YYYY-MM-DD).").format(
            flag=flag, value=quoted(text))) from None
    if not 1900 <= day.year <= 9998:
        raise Failure(_("{flag} {value} is outside the years Leeway keeps (1900 to 9998)."
                        ).format(flag=flag, value=quoted(text)))
    return day


def period(args: argparse.Namespace) -> tuple[date | None, date | None]:
    since, until = parse_day(args.since, "--since"), parse_day(args.until, "--until")
    if since and until and until < since:
        raise Failure(_("The period ends before it starts; check --since and --until."))
    return since, until


def print_report(args: argparse.Namespace, report: Any, locale: str,
                 zone: tzinfo = UTC) -> int:
    """Text, JSON, CSV or PDF of a decisions report (desk or central); times shown in
    ``zone`` (the desk's; UTC for head office's reports across desks)."""
    from pos_app.services.review_export import report_csv, report_json

    if args.csv:
        sys.stdout.write(report_csv(report, args.by))
        return EXIT_OK
    if args.pdf:
        from pos_app.adapters.reports.review_pdf import render_review_pdf

        where = write_file(args.pdf, render_review_pdf(report, locale, zone),
                           _("Nothing"))
        count = len(report.decisions)
        print(ngettext("Wrote the review of {n} decision to {path}.",
                       "Wrote the review of {n} decisions to {path}.", count).format(
            n=f"{count:,}", path=where))
        return EXIT_OK
    if args.json:
        print(json.dumps(report_json(report, args.by), ensure_ascii=False, indent=1))
        return EXIT_OK
    s, cur = report.summary, report.currency
    span = _("{since} to {until}").format(since=report.since or _("the beginning"),
                                          until=report.until or _("today"))
    channels = ", ".join(f"{k} {v}" for k, v in sorted(s.by_channel.items())) or _("none")
    lines = [_("{count} decisions, {amount}, from {span}; {approved} approved ({channels}),"
               " {overrides} overrides, {exceptions} allowance exceptions, {referrals}"
               " referrals.").format(
                 count=f"{s.count:,}", amount=Money(s.amount_minor, cur).format(locale),
                 span=span, approved=s.approved, channels=channels, overrides=s.overrides,
                 exceptions=s.exceptions, referrals=s.referrals),
             _("Vouchers: {given} given, {redeemed} redeemed.").format(
                 given=s.vouchers, redeemed=s.redeemed), "",
             _(BY_HEADINGS[args.by or "employee"])]
    for t in report.totals[args.by or "employee"]:
        lines.append(f"  {t.label[:40]:<40} {t.count:>7,}  "
                     f"{Money(t.amount_minor, cur).format(locale):>14}")
    print("\n".join(lines))
    return EXIT_OK


def cmd_report_decisions(args: argparse.Namespace) -> int:
    from pos_app.services.review import review_decisions

    since, until = period(args)
    app = open_terminal(args)
    return print_report(args, review_decisions(app.desk, since, until), app.locale,
                        app.zone)


def print_learning(args: argparse.Namespace, learning: Any, currency: str) -> int:
    from pos_app.services.review_export import learning_json

    if args.json:
        print(json.dumps(learning_json(learning, currency), ensure_ascii=False, indent=1))
        return EXIT_OK
    none = "  " + _("none")
    lines = [_("Patterns worth a conversation (not verdicts):")]
    lines += [f"  - {p.text}" for p in learning.patterns] or [none]
    lines += [_("Places named again and again:")]
    lines += ["  - " + ngettext("{place}: {n} recovery ({reasons})",
                                "{place}: {n} recoveries ({reasons})", r.count).format(
                  place=r.label, n=r.count, reasons=", ".join(r.reasons))
              for r in learning.places[:20]] or [none]
    lines += [_("Guests with three or more recoveries in 90 days:")]
    lines += [f"  - {r.label}: {r.count}" for r in learning.repeat_guests[:20]] or [none]
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
         _("Recognised: decision {decision} by {employee}. They will see it at their next"
           " sign-in.").format(decision=record.decision_id, employee=record.employee_id))
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
        what = _("Could not read the central database")
        raise Failure(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                      ) from None
    return rows, policy, since, until


def cmd_central_report_decisions(args: argparse.Namespace) -> int:
    from pos_app.services.review import build_report

    rows, policy, since, until = _central_rows(args)
    return print_report(args, build_report(rows, policy, since, until), "en_US")


def cmd_central_report_patterns(args: argparse.Namespace) -> int:
    from pos_app.services.review import learning_from

    rows, policy, _since, _until = _central_rows(args)
    return print_learning(args, learning_from(rows), policy.currency)


def print_whatif(args: argparse.Namespace, result: Any, locale: str, rows: int,
                 zone: tzinfo = UTC) -> int:
    from pos_app.domain.messages import tier_name
    from pos_app.domain.zones import format_day

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
    def row(label: str, count: int, minor: int) -> str:
        # Labels are padded after translation, so the columns stay aligned in any language.
        return f"  {label:<32}{count:>8,}  {money(minor):>14}"

    lines = [ngettext("Replayed {n} decision under the candidate policy:",
                      "Replayed {n} decisions under the candidate policy:", rows).format(
                 n=f"{rows:,}"),
             row(_("allowed on their own authority"), result.allowed, result.allowed_minor),
             row(_("approved as before"), result.approved_as_before,
                 result.approved_as_before_minor)]
    for tier, n in sorted(result.needs_approval.items()):
        lines.append(row(_("would need a {tier}").format(tier=tier_name(tier)), n,
                         result.needs_approval_minor.get(tier, 0)))
    lines.append(row(_("refused"), result.refused, result.refused_minor))
    changed = len(result.changes)
    lines.append((ngettext("{n} decision would change:", "{n} decisions would change:",
                           changed) if changed else _("{n} decisions would change.")
                  ).format(n=f"{changed:,}"))
    for c in result.changes[:50]:
        lines.append(f"  {format_day(c.decided_at, locale, zone, 'short')} {c.employee_id}"
                     f" {c.action}"
                     f" {money(c.amount_minor)}: {c.before} -> {c.after}")
    if len(result.changes) > 50:
        lines.append("  " + _("... and {n} more (--json lists them all)").format(
            n=f"{len(result.changes) - 50:,}"))
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
    return print_whatif(args, result, app.locale, len(rows), app.zone)


def cmd_central_policy_whatif(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.report import central_tiers
    from pos_app.services.whatif import policy_whatif

    document = read_text_file(args.file)
    rows, _policy, _since, _until = _central_rows(args)
    result = policy_whatif(document, rows, central_tiers(args.url))
    return print_whatif(args, result, "en_US", len(rows))
