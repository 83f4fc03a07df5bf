"""Commands for what happens at a desk: set it up, people, the policy, decisions and
vouchers. Each is a thin caller of one service (the same the windows call)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pos_app.cli.common import (
    EXIT_INVALID,
    EXIT_NEEDS_APPROVAL,
    EXIT_OK,
    EXIT_USAGE,
    Failure,
    emit,
    open_terminal,
    read_pins,
    read_text_file,
    write_file,
)
from pos_app.domain.text import PATH_LIMIT, ident
from pos_app.i18n import _, ngettext


def cmd_init(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import init_terminal, resolve_data_dir
    from pos_app.services.desk_settings import system_locale

    data_dir = resolve_data_dir(args.data_dir)
    locale = args.locale if args.locale is not None else system_locale()
    app = init_terminal(data_dir, args.terminal_id, args.store, locale, args.demo,
                        insecure_keyring=args.insecure_file_keyring)
    with app.uow() as uow:
        term = uow.terminal()
        customers = uow.customers.count()
    app.close()
    print(ngettext("Initialised terminal {terminal} ({store}) in {folder} with {n} customer.",
                   "Initialised terminal {terminal} ({store}) in {folder} with {n} customers.",
                   customers).format(terminal=term.id, store=term.store_name, folder=data_dir,
                                     n=customers))
    return EXIT_OK


def cmd_terminal_settings(args: argparse.Namespace) -> int:
    """Show the desk's locale and time zone; with --locale/--time-zone, change them."""
    from pos_app.services.desk_settings import change_settings, desk_settings

    app = open_terminal(args)
    asked = args.locale is not None or args.time_zone is not None
    before, after = (change_settings(app.desk, args.locale, args.time_zone) if asked
                     else (desk_settings(app.desk),) * 2)
    changed = [name for name in ("locale", "region", "time_zone")
               if getattr(before, name) != getattr(after, name)]
    data = {"locale": after.locale, "region": after.region, "time_zone": after.time_zone,
            "shown_time_zone": after.shown_zone, "changed": changed}
    zone = after.time_zone or _("the system's ({zone})").format(zone=after.shown_zone)
    lines = [_("Locale: {locale} (region {region})").format(locale=after.locale,
                                                            region=after.region),
             _("Time zone: {zone}").format(zone=zone)]
    if changed:
        lines.append(_("Changed; a window already open shows it from its next start."))
    elif asked:
        lines.append(_("Nothing changed."))
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_import_customers(args: argparse.Namespace) -> int:
    from pos_app.services.importing import import_customers_file

    path = Path(args.file)
    if not path.is_file():
        raise Failure(_("{path}: no such file.").format(path=ident(str(path), PATH_LIMIT)))
    app = open_terminal(args)
    with path.open("rb") as raw:
        report = import_customers_file(app.uow, raw, app.region,
                                       bulk=path.stat().st_size > 1_000_000)
    if report.error_count:
        for line in report.errors:
            print(f"{ident(path.name, PATH_LIMIT)} {line}", file=sys.stderr)
        more = report.error_count - len(report.errors)
        if more > 0:
            print(ngettext("... and {n} more bad row", "... and {n} more bad rows", more
                           ).format(n=more), file=sys.stderr)
        raise Failure(_("{n} bad row(s); nothing was imported.").format(n=report.error_count))
    print(ngettext("Imported {n} customer.", "Imported {n} customers.", report.imported
                   ).format(n=report.imported))
    return EXIT_OK


def cmd_employees_add(args: argparse.Namespace) -> int:
    from pos_app.services.staff import add_employee

    app = open_terminal(args)
    (pin,) = read_pins(1)
    emp = add_employee(app.desk, args.id, args.name, args.tier, pin)
    print(_("Added {name} ({id}) as {tier}.").format(name=emp.name, id=emp.id, tier=emp.tier))
    return EXIT_OK


def cmd_employees_list(args: argparse.Namespace) -> int:
    from pos_app.services.staff import staff

    people = staff(open_terminal(args).desk)
    rows = [{"id": e.id, "name": e.name, "tier": e.tier, "active": e.active} for e in people]
    text = "\n".join(f"{e.id:<10} {e.tier:<16} " + (
        e.name if e.active else _("{name} (disabled)").format(name=e.name)) for e in people)
    emit(args, rows, text or _("No employees."))
    return EXIT_OK


def cmd_employees_unlock(args: argparse.Namespace) -> int:
    from pos_app.services.staff import lift_lockout

    lift_lockout(open_terminal(args).desk, args.id, by=None)
    print(_("Unlocked {id}.").format(id=args.id))
    return EXIT_OK


def cmd_employees_pin(args: argparse.Namespace) -> int:
    from pos_app.services.staff import change_pin

    app = open_terminal(args)
    first, new = read_pins(2)
    if args.manager:
        change_pin(app.desk, args.id, new, manager_id=args.manager, manager_pin=first)
    else:
        change_pin(app.desk, args.id, new, old_pin=first)
    print(_("Changed the PIN of {id}.").format(id=args.id))
    return EXIT_OK


def cmd_employees_disable(args: argparse.Namespace) -> int:
    from pos_app.services.staff import disable_employee

    disable_employee(open_terminal(args).desk, args.id, by=None)
    print(_("Disabled {id}.").format(id=args.id))
    return EXIT_OK


def cmd_policy_show(args: argparse.Namespace) -> int:
    policy = open_terminal(args).policy()
    data = {
        "version": policy.version,
        "name": policy.name,
        "currency": policy.currency,
        "tiers": list(policy.tiers),
        "actions": {k: {"label": a.label, "enabled": a.enabled,
                        "yields_voucher": a.yields_voucher} for k, a in policy.actions.items()},
        "limits": {t: {"shift_cap": lim.shift_cap.plain(), "can_approve": lim.can_approve,
                       "per_action": {k: v.plain() for k, v in lim.per_action.items()}}
                   for t, lim in policy.limits.items()},
        "customer_budget": {"amount": policy.customer_budget.plain(),
                            "days": policy.budget_days},
        "frequency": {"max_actions": policy.frequency_max, "days": policy.frequency_days},
        "reasons": {k: {"label": r.label, "guidance": r.guidance}
                    for k, r in policy.reasons.items()},
        "presets": [{"label": p.label, "action": p.action, "amount": p.amount.plain(),
                     "reason": p.reason} for p in policy.presets],
    }
    lines = [_("{name} (version {version}, {currency})").format(
        name=policy.name, version=policy.version, currency=policy.currency)]
    for t, lim in policy.limits.items():
        per = ", ".join(f"{k} {v.plain()}" for k, v in lim.per_action.items())
        lines.append("  " + _("{tier}: shift cap {cap}; {per_action}").format(
            tier=t, cap=lim.shift_cap.plain(), per_action=per))
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_policy_load(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.status import configured
    from pos_app.services.policy_store import activate_policy

    app = open_terminal(args)
    if configured(app.db):  # shared rules come from head office, never from one desk
        raise Failure(_("This desk takes its policy from the central database; publish it"
                        " with 'leeway central policy publish FILE --url URL'."))
    document = read_text_file(args.file)
    policy = activate_policy(app.uow, document)
    print(_("Loaded policy {version}.").format(version=policy.version))
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    from pos_app.cli.approvals import phone_challenge, unlock_with_answer
    from pos_app.domain.engine import Outcome
    from pos_app.domain.errors import AuthenticationFailed
    from pos_app.domain.messages import tier_name
    from pos_app.services.approvals import ApprovalRefused
    from pos_app.services.granting import (
        RecoveryAsk,
        check_ask,
        grant_recovery,
        unlock_and_grant,
    )
    from pos_app.services.staff import verify_pin

    app = open_terminal(args)
    ask = RecoveryAsk(args.employee, args.customer, args.action, args.amount, args.reason,
                      args.note or "")
    # Bad input is refused before any PIN is asked for, so it leaves no trace at all.
    if args.approval_code and not args.approver:
        raise Failure(_("--approval-code needs --approver ID (who read the answer back)."),
                      EXIT_USAGE)
    if args.phone_challenge and args.approver:
        raise Failure(_("--phone-challenge is for asking; leave out --approver."), EXIT_USAGE)
    amount = check_ask(app.desk, ask, args.approver)
    far = bool(args.phone_challenge or args.approval_code)
    pins = read_pins(2 if args.approver and not far else 1)
    verify_pin(app.desk, args.employee, pins[0])  # committed on its own, failed or not
    if args.phone_challenge:
        return phone_challenge(app, args, ask)
    if args.approval_code:
        outcome = unlock_with_answer(app, args, ask)
    elif args.approver:
        try:
            outcome = unlock_and_grant(app.desk, ask, args.approver, pins[1])
        except (AuthenticationFailed, ApprovalRefused) as exc:
            code = EXIT_NEEDS_APPROVAL if isinstance(exc, ApprovalRefused) else EXIT_INVALID
            raise Failure(_("Approval refused: {why}").format(why=exc), code) from None
    else:
        outcome = grant_recovery(app.desk, ask)
    verdict = outcome.verdict
    reasons = verdict.texts(app.locale)
    data: dict[str, Any] = {
        "outcome": verdict.outcome.value,
        "reasons": list(reasons),
        "approver_tier": verdict.approver_tier,
        "amount": amount.plain(),
        "currency": amount.currency,
    }
    if outcome.decision is not None:
        data |= {"decision_id": outcome.decision.id, "event_id": outcome.decision.event_id,
                 "employee": args.employee, "approver": args.approver,
                 "approval_channel": outcome.decision.approval_channel,
                 "policy_version": outcome.decision.policy_version}
    if outcome.voucher is not None:
        data |= {"voucher_code": outcome.voucher.code,
                 "voucher_expires_on": outcome.voucher.expires_on.isoformat()}
        if args.voucher_pdf:
            _save_pdf(app, outcome.voucher.serial, outcome.voucher.code, args.voucher_pdf,
                      data)
    if verdict.outcome is Outcome.ALLOWED:
        emit(args, data, _("Recorded: {action} of {amount} for {customer} (decision"
                           " {decision}).").format(
            action=args.action, amount=amount.format(app.locale), customer=args.customer,
            decision=data["decision_id"]))
        return EXIT_OK
    if args.json:
        emit(args, data, "")
    if verdict.outcome is Outcome.NEEDS_APPROVAL:
        tier = tier_name(verdict.approver_tier or "")
        print(_("Needs approval from a {tier} or above: {reasons}").format(
            tier=tier, reasons=" ".join(reasons)), file=sys.stderr)
        return EXIT_NEEDS_APPROVAL
    print(_("Refused: {reasons}").format(reasons=" ".join(reasons)), file=sys.stderr)
    return EXIT_INVALID


def _save_pdf(app: Any, serial: str, code: str, path: str, data: dict[str, Any]) -> None:
    """After the commit: a PDF that cannot be written never un-says the decision."""
    from pos_app.services.voucher_desk import printable, record_print

    try:
        pdf = printable(app.desk, serial).pdf
        data["voucher_pdf"] = write_file(path, pdf, _("Recorded"))
        record_print(app.desk, serial, copy=False)
    except Exception as exc:  # whatever broke, the grant is already committed
        why = exc.args[0] if isinstance(exc, Failure) else (
            _("the voucher PDF could not be made ({error})").format(error=type(exc).__name__))
        data["voucher_pdf"] = None
        data["voucher_pdf_error"] = str(why)
        print(_("Recorded, with voucher {code}; {why} Write it again with"
                " 'leeway voucher pdf {code} --out FILE'.").format(code=code, why=why),
              file=sys.stderr)


def _voucher_json(status: Any, locale: str) -> dict[str, Any]:
    v = status.voucher
    return {
        "code": v.code, "valid": status.valid, "status": v.status, "message": status.message,
        "value": status.value.plain(), "currency": v.currency,
        "value_text": status.value.format(locale), "item": v.item,
        "customer_id": v.customer_id, "customer_name": v.customer_name,
        "issued_at": v.issued_at.isoformat() + "Z", "issuer_terminal": v.issuer_terminal,
        "issued_by": v.issued_by, "expires_on": v.expires_on.isoformat(),
        "redeemed_at": v.redeemed_at.isoformat() + "Z" if v.redeemed_at else None,
        "redeemed_terminal": v.redeemed_terminal,
    }


def cmd_voucher_verify(args: argparse.Namespace) -> int:
    from pos_app.services.voucher_desk import check_code

    app = open_terminal(args)
    status = check_code(app.desk, args.code)
    data = _voucher_json(status, app.locale)
    emit(args, data, _("{code}: {value} for {customer}, expires {expires} - {message}").format(
        code=status.voucher.code, value=data["value_text"],
        customer=status.voucher.customer_name, expires=data["expires_on"],
        message=status.message))
    if not status.valid:
        if not args.json:
            print(status.message, file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def cmd_voucher_redeem(args: argparse.Namespace) -> int:
    from pos_app.domain.voucher_code import parse_code
    from pos_app.services.staff import verify_pin
    from pos_app.services.voucher_desk import redeem

    app = open_terminal(args)
    parse_code(args.code)  # a mistyped code is refused before a PIN is asked for
    (pin,) = read_pins(1)
    verify_pin(app.desk, args.employee, pin)  # who redeems it is proven, like every act
    status = redeem(app.desk, args.employee, args.code)
    data = _voucher_json(status, app.locale)
    emit(args, data, _("Redeemed {code}: {value} for {customer}.").format(
        code=status.voucher.code, value=data["value_text"],
        customer=status.voucher.customer_name))
    return EXIT_OK


def cmd_voucher_pdf(args: argparse.Namespace) -> int:
    from pos_app.services.voucher_desk import printable, record_print, serial_for_code

    app = open_terminal(args)
    serial = serial_for_code(app.desk, args.code)
    voucher = printable(app.desk, serial, args.layout, copy=True)
    path = write_file(args.out, voucher.pdf,
                      _("Voucher {code} exists").format(code=voucher.voucher.code))
    record_print(app.desk, serial, copy=True)
    print(_("Wrote {code} (marked COPY) to {path}.").format(code=voucher.voucher.code,
                                                            path=path))
    return EXIT_OK
