"""The operations command line: a stable contract over the same services as the windows.

Exit codes: 0 success; 1 refused or invalid input (one line on stderr); 2 usage error;
3 needs approval (``decide``); 4 integrity problem (``audit verify``). PINs are read
from standard input, one per line, never from argv.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pos_app.domain.errors import IntegrityProblem, LeewayError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_NEEDS_APPROVAL, EXIT_INTEGRITY = 0, 1, 2, 3, 4


class Failure(Exception):
    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def _read_pins(count: int) -> list[str]:
    pins: list[str] = []
    for n in range(count):
        if sys.stdin.isatty():
            pins.append(getpass.getpass("PIN: " if n == 0 else "Approver PIN: "))
        else:
            line = sys.stdin.readline()
            if not line:
                raise Failure("Expected a PIN on standard input (one per line).")
            pins.append(line.rstrip("\r\n"))
    return pins


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(text)


_opened: list[Any] = []


def _app(args: argparse.Namespace) -> Any:
    from pos_app.bootstrap import open_app, resolve_data_dir

    app = open_app(resolve_data_dir(args.data_dir), args.insecure_file_keyring)
    _opened.append(app)  # closed when the command ends, whatever happens
    return app


# --- commands ---------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import init_terminal, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    app = init_terminal(data_dir, args.terminal_id, args.store, args.locale, args.demo,
                        insecure_keyring=args.insecure_file_keyring)
    with app.uow() as uow:
        term = uow.terminal()
        customers = uow.customers.count()
    app.close()
    print(f"Initialised terminal {term.id} ({term.store_name}) in {data_dir}"
          f" with {customers} customers.")
    return EXIT_OK


def cmd_import_customers(args: argparse.Namespace) -> int:
    from pos_app.services.importing import import_customers

    path = Path(args.file)
    if not path.is_file():
        raise Failure(f"{path}: no such file.")
    app = _app(args)
    with path.open("rb") as raw, app.uow(write=True) as uow:
        bulk = path.stat().st_size > 1_000_000
        report = import_customers(uow, raw, app.region, actor=None, bulk=bulk)
        if report.error_count:
            uow.rollback()
            for line in report.errors:
                print(f"{path.name} {line}", file=sys.stderr)
            more = report.error_count - len(report.errors)
            if more > 0:
                print(f"... and {more} more bad rows", file=sys.stderr)
            raise Failure(f"{report.error_count} bad row(s); nothing was imported.")
        uow.commit()
    print(f"Imported {report.imported} customers.")
    return EXIT_OK


def cmd_employees_add(args: argparse.Namespace) -> int:
    from pos_app.services.employees import add_employee

    app = _app(args)
    (pin,) = _read_pins(1)
    with app.uow(write=True) as uow:
        emp = add_employee(uow, app.hasher, app.policy(), args.id, args.name, args.tier, pin)
        uow.commit()
    print(f"Added {emp.name} ({emp.id}) as {emp.tier}.")
    return EXIT_OK


def cmd_employees_list(args: argparse.Namespace) -> int:
    app = _app(args)
    with app.uow() as uow:
        staff = uow.employees.all()
    rows = [{"id": e.id, "name": e.name, "tier": e.tier, "active": e.active} for e in staff]
    text = "\n".join(f"{e.id:<10} {e.tier:<16} {e.name}" + ("" if e.active else " (disabled)")
                     for e in staff)
    _emit(args, rows, text or "No employees.")
    return EXIT_OK


def cmd_employees_unlock(args: argparse.Namespace) -> int:
    from pos_app.services.employees import unlock_employee

    app = _app(args)
    with app.uow(write=True) as uow:
        unlock_employee(uow, app.policy(), args.id, by=None)
        uow.commit()
    print(f"Unlocked {args.id}.")
    return EXIT_OK


def cmd_employees_pin(args: argparse.Namespace) -> int:
    from pos_app.domain.errors import AuthenticationFailed
    from pos_app.services.employees import change_pin

    app = _app(args)
    first, new = _read_pins(2)
    with app.uow(write=True) as uow:
        try:
            if args.manager:
                change_pin(uow, app.hasher, app.policy(), args.id, new,
                           manager_id=args.manager, manager_pin=first)
            else:
                change_pin(uow, app.hasher, app.policy(), args.id, new, old_pin=first)
        except AuthenticationFailed:
            uow.commit()  # the failed attempt counts and is audited
            raise
        uow.commit()
    print(f"Changed the PIN of {args.id}.")
    return EXIT_OK


def cmd_employees_disable(args: argparse.Namespace) -> int:
    from pos_app.services.employees import disable_employee

    app = _app(args)
    with app.uow(write=True) as uow:
        disable_employee(uow, app.policy(), args.id, by=None)
        uow.commit()
    print(f"Disabled {args.id}.")
    return EXIT_OK


def cmd_policy_show(args: argparse.Namespace) -> int:
    app = _app(args)
    policy = app.policy()
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
    lines = [f"{policy.name} (version {policy.version}, {policy.currency})"]
    for t, lim in policy.limits.items():
        per = ", ".join(f"{k} {v.plain()}" for k, v in lim.per_action.items())
        lines.append(f"  {t}: shift cap {lim.shift_cap.plain()}; {per}")
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_policy_load(args: argparse.Namespace) -> int:
    from pos_app.services.policy_store import load_policy

    path = Path(args.file)
    try:
        document = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Failure(f"{path}: cannot read it as UTF-8 text ({exc.__class__.__name__}).") from None
    app = _app(args)
    with app.uow(write=True) as uow:
        policy = load_policy(uow, document)
        uow.commit()
    print(f"Loaded policy {policy.version}.")
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    from pos_app.domain.engine import Outcome
    from pos_app.domain.errors import AuthenticationFailed
    from pos_app.domain.money import Money
    from pos_app.services.approvals import ApprovalRefused, RequestDetails, unlock_and_decide
    from pos_app.services.employees import authenticate
    from pos_app.services.recovery import check_request, decide

    app = _app(args)
    policy = app.policy()
    amount = Money.parse(args.amount, policy.currency, app.locale)
    if amount.minor <= 0:
        raise Failure("The amount must be more than zero.")
    # Bad input is refused before any PIN is asked for, so it leaves no trace at all.
    with app.uow() as uow:
        check_request(uow, policy, employee_id=args.employee, customer_id=args.customer,
                      action=args.action, reason=args.reason, note=args.note or "",
                      approver_id=args.approver)
    pins = _read_pins(2 if args.approver else 1)
    # Sign-in outcomes (and failures) are committed on their own: a refused decision
    # must not erase the audit record of who tried.
    with app.uow(write=True) as uow:
        try:
            authenticate(uow, app.hasher, args.employee, pins[0])
        finally:
            uow.commit()
    employee = app.employee(args.employee)
    if employee is not None:
        app.top_up_allowances(employee, args.customer, amount)
    with app.uow(write=True) as uow:
        if args.approver:
            req = RequestDetails(args.employee, args.customer, args.action, amount,
                                 args.reason, args.note or "")
            try:
                result = unlock_and_decide(uow, app.hasher, policy, req, args.approver,
                                           pins[1], app.locale)
            except (AuthenticationFailed, ApprovalRefused) as exc:
                uow.commit()  # the failed approval attempt stays in the audit log
                code = EXIT_NEEDS_APPROVAL if isinstance(exc, ApprovalRefused) else EXIT_INVALID
                raise Failure(f"Approval refused: {exc}", code) from None
        else:
            result = decide(uow, policy, employee_id=args.employee, customer_id=args.customer,
                            action=args.action, amount=amount, reason=args.reason,
                            note=args.note or "", locale=app.locale)
        voucher = None
        if result.decision is not None and policy.actions[args.action].yields_voucher:
            from pos_app.services.vouchers import issue_voucher

            voucher = issue_voucher(uow, policy, app.signer(), result.decision)
        if result.recorded:
            uow.commit()
    if voucher is not None and args.voucher_pdf:
        _write_voucher_pdf(app, voucher, Path(args.voucher_pdf))
    verdict = result.verdict
    data: dict[str, Any] = {
        "outcome": verdict.outcome.value,
        "reasons": list(verdict.reasons),
        "approver_tier": verdict.approver_tier,
        "amount": amount.plain(),
        "currency": amount.currency,
    }
    if result.decision is not None:
        data |= {"decision_id": result.decision.id, "event_id": result.decision.event_id,
                 "employee": args.employee, "approver": args.approver,
                 "policy_version": result.decision.policy_version}
    if voucher is not None:
        data |= {"voucher_code": voucher.code,
                 "voucher_expires_on": voucher.expires_on.isoformat()}
        if args.voucher_pdf:
            data["voucher_pdf"] = str(Path(args.voucher_pdf))
    if verdict.outcome is Outcome.ALLOWED:
        _emit(args, data, f"Recorded: {args.action} of {amount.format(app.locale)}"
              f" for {args.customer} (decision {data['decision_id']}).")
        return EXIT_OK
    if args.json:
        _emit(args, data, "")
    reasons = " ".join(verdict.reasons)
    if verdict.outcome is Outcome.NEEDS_APPROVAL:
        tier = (verdict.approver_tier or "").replace("_", " ")
        print(f"Needs approval from a {tier} or above: {reasons}", file=sys.stderr)
        return EXIT_NEEDS_APPROVAL
    print(f"Refused: {reasons}", file=sys.stderr)
    return EXIT_INVALID


def _write_voucher_pdf(app: Any, voucher: Any, path: Path, copy: bool = False) -> None:
    """Write the PDF atomically: a half-written voucher must never be left behind."""
    from pos_app.adapters.vouchers.pdf import VoucherDocument, render_voucher
    from pos_app.services.vouchers import voucher_document_fields

    doc = VoucherDocument(**voucher_document_fields(  # type: ignore[arg-type]
        voucher, app.policy(), app.store_name, app.locale, copy))
    data = render_voucher(doc)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise Failure(f"Recorded, but could not write the voucher PDF to {path}:"
                      f" {exc.strerror or exc}. Reprint it from the desk.") from None


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
    from pos_app.adapters.vouchers.keys import verify_signature
    from pos_app.services.vouchers import verify_voucher

    app = _app(args)
    with app.uow() as uow:
        status = verify_voucher(uow, verify_signature, args.code)
    data = _voucher_json(status, app.locale)
    _emit(args, data, f"{status.voucher.code}: {data['value_text']} for"
          f" {status.voucher.customer_name}, expires {data['expires_on']} - {status.message}")
    if not status.valid:
        if not args.json:
            print(status.message, file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def cmd_voucher_redeem(args: argparse.Namespace) -> int:
    app = _app(args)
    status = app.redeem_voucher(args.code, args.employee)
    data = _voucher_json(status, app.locale)
    _emit(args, data, f"Redeemed {status.voucher.code}: {data['value_text']} for"
          f" {status.voucher.customer_name}.")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from pos_app.services.audit import verify_audit

    expected = None
    if args.head:
        expected = _read_head(Path(args.head))
    app = _app(args)
    with app.uow() as uow:
        if expected is not None and expected[0] != uow.terminal().id:
            raise Failure(f"{args.head} is the head of terminal {expected[0]}, not this one.")
        checked, problem = verify_audit(uow, expected[1:] if expected else None)
    if problem is None:
        _emit(args, {"ok": True, "events": checked}, f"OK: {checked} events verify.")
        return EXIT_OK
    message = f"Event {problem.seq} ({problem.event_id or 'missing'}): {problem.problem}."
    _emit(args, {"ok": False, "events": checked, "seq": problem.seq,
                 "event_id": problem.event_id, "problem": problem.problem}, "")
    print(f"Audit log broken at {message}", file=sys.stderr)
    return EXIT_INTEGRITY


def _read_head(path: Path) -> tuple[str, int, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head = (str(data["terminal_id"]), int(data["seq"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise Failure(f"{path}: not a head exported by 'leeway audit head --json'.") from None
    if head[1] < 0 or len(head[2]) != 64:
        raise Failure(f"{path}: not a head exported by 'leeway audit head --json'.")
    return head


def cmd_audit_head(args: argparse.Namespace) -> int:
    app = _app(args)
    with app.uow() as uow:
        term = uow.terminal()
    _emit(args, {"terminal_id": term.id, "seq": term.last_seq, "hash": term.head_hash},
          f"{term.id} {term.last_seq} {term.head_hash}")
    return EXIT_OK


def cmd_export_decisions(args: argparse.Namespace) -> int:
    from pos_app.services.export import export_decisions

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            raise Failure(f"'{args.since}' is not a date (use YYYY-MM-DD).") from None
        if since.tzinfo is not None:  # decisions are stored in naive UTC
            since = since.astimezone(UTC)
        since = since.replace(tzinfo=None)
    app = _app(args)
    with app.uow() as uow:
        sys.stdout.write(export_decisions(uow, since, args.format))
    return EXIT_OK


def cmd_central_init(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.connect import display, init_central, normalise_url

    try:
        revision = init_central(args.url)
    except SQLAlchemyError as exc:
        raise Failure(f"Could not create the central schema: {type(exc).__name__}:"
                      f" {str(exc).splitlines()[0][:200]}") from None
    print(f"Central schema at revision {revision} in {display(normalise_url(args.url))}.")
    return EXIT_OK


def cmd_terminal_register(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.connect import (
        SECRET_URL,
        display,
        kind_of,
        normalise_url,
        register,
    )
    from pos_app.adapters.db.models import SyncStateRow
    from pos_app.bootstrap import STAFF_PEPPER

    app = _app(args)
    signer = app.signer()
    with app.uow() as uow:
        term = uow.terminal()
        rows = [{"id": c.id, **{f: getattr(c, f) for f in c.__dataclass_fields__ if f != "id"}}
                for c in _all_customers(uow)]
    try:
        terminal_url, staff_key = register(args.central, term.id, signer.public_raw.hex(),
                                           rows)
    except SQLAlchemyError as exc:
        raise Failure(f"Could not register with the central database: {type(exc).__name__}:"
                      f" {str(exc).splitlines()[0][:200]}") from None
    app.secrets.set(SECRET_URL, terminal_url)  # credentials live in the keyring only
    app.secrets.set(STAFF_PEPPER, staff_key)  # PINs set from now on work at every desk
    with app.db.write_sessions() as s, s.begin():
        state = s.get(SyncStateRow, 1) or SyncStateRow(id=1, pull_cursor=0, online=False)
        state.central_kind = kind_of(normalise_url(args.central))
        state.central_display = display(terminal_url)
        s.add(state)
    print(f"Registered terminal {term.id} with {display(terminal_url)}.")
    return EXIT_OK


def _all_customers(uow: Any) -> list[Any]:
    from sqlalchemy import select

    from pos_app.adapters.db.models import CustomerRow
    from pos_app.adapters.db.repositories import _customer

    return [_customer(r) for r in uow.session.scalars(select(CustomerRow))]


def cmd_sync(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.sync import Syncer

    app = _app(args)
    syncer = Syncer(app)
    try:
        report = syncer.sync_with_retries() if args.retry else syncer.sync_once()
    finally:
        syncer.close()
    data = report.as_dict()
    _emit(args, data, f"{'online' if report.online else 'offline'}: pushed {report.pushed},"
          f" rejected {report.rejected}, pulled {report.pulled}, pending {report.pending}"
          + (f" ({report.error})" if report.error else ""))
    if not report.online:
        if not args.json:
            print(report.error or "offline", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from pos_app.ui.app import run

    code: int = run(args.data_dir, args.insecure_file_keyring)
    return code


# --- parser -----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="leeway", description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", help="terminal data folder (default: $LEEWAY_DATA_DIR or "
                   "the platform's user data folder)")
    p.add_argument("--insecure-file-keyring", action="store_true",
                   help="keep secrets in a file keyring inside the data folder (kiosks, dev)")
    p.set_defaults(func=cmd_gui)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], helptext: str,
            parent: Any = sub) -> argparse.ArgumentParser:
        sp: argparse.ArgumentParser = parent.add_parser(name, help=helptext)
        sp.set_defaults(func=func)
        return sp

    init = add("init", cmd_init, "create this terminal's database")
    init.add_argument("--demo", action="store_true", help="add demo staff and customers")
    init.add_argument("--terminal-id")
    init.add_argument("--store")
    init.add_argument("--locale", default="en_US", help="desk locale, e.g. en_US, de_DE")

    imp = sub.add_parser("import", help="import data").add_subparsers(dest="what",
                                                                      required=True)
    add("customers", cmd_import_customers, "import customers from CSV", imp).add_argument(
        "file")

    emp = sub.add_parser("employees", help="manage employees").add_subparsers(
        dest="what", required=True)
    ea = add("add", cmd_employees_add, "add an employee (PIN from stdin)", emp)
    ea.add_argument("--id", required=True)
    ea.add_argument("--name", required=True)
    ea.add_argument("--tier", required=True)
    add("list", cmd_employees_list, "list employees", emp).add_argument("--json",
                                                                        action="store_true")
    add("unlock", cmd_employees_unlock, "lift a lockout", emp).add_argument("id")
    ep = add("pin", cmd_employees_pin, "change a PIN (stdin: old PIN or the manager's PIN, "
             "then the new PIN)", emp)
    ep.add_argument("id")
    ep.add_argument("--manager", help="a manager's ID, instead of the old PIN")
    add("disable", cmd_employees_disable, "disable an employee", emp).add_argument("id")

    pol = sub.add_parser("policy", help="show or load the policy").add_subparsers(
        dest="what", required=True)
    add("show", cmd_policy_show, "show the active policy", pol).add_argument(
        "--json", action="store_true")
    add("load", cmd_policy_load, "validate and activate a policy", pol).add_argument("file")

    d = add("decide", cmd_decide, "judge and record one recovery (PINs from stdin)")
    d.add_argument("--employee", required=True)
    d.add_argument("--customer", required=True)
    d.add_argument("--action", required=True)
    d.add_argument("--amount", required=True)
    d.add_argument("--reason", required=True)
    d.add_argument("--note")
    d.add_argument("--approver")
    d.add_argument("--voucher-pdf")
    d.add_argument("--json", action="store_true")

    vou = sub.add_parser("voucher", help="verify or redeem a voucher").add_subparsers(
        dest="what", required=True)
    vv = add("verify", cmd_voucher_verify, "check a voucher code", vou)
    vv.add_argument("code")
    vv.add_argument("--json", action="store_true")
    vr = add("redeem", cmd_voucher_redeem, "redeem a voucher (single use)", vou)
    vr.add_argument("code")
    vr.add_argument("--employee", required=True)
    vr.add_argument("--json", action="store_true")

    aud = sub.add_parser("audit", help="verify the audit log").add_subparsers(
        dest="what", required=True)
    av = add("verify", cmd_audit_verify, "recompute the hash chain", aud)
    av.add_argument("--json", action="store_true")
    av.add_argument("--head", help="a head exported earlier with 'audit head --json'; "
                    "detects a truncated log")
    add("head", cmd_audit_head, "print the chain's head", aud).add_argument(
        "--json", action="store_true")

    cen = sub.add_parser("central", help="the central database").add_subparsers(
        dest="what", required=True)
    add("init", cmd_central_init, "create or upgrade the central schema", cen).add_argument(
        "--url", required=True)
    ter = sub.add_parser("terminal", help="this terminal").add_subparsers(dest="what",
                                                                         required=True)
    add("register", cmd_terminal_register, "attach to a central database", ter).add_argument(
        "--central", required=True, metavar="URL")
    sy = add("sync", cmd_sync, "one push/pull cycle with the central database")
    sy.add_argument("--json", action="store_true")
    sy.add_argument("--retry", action="store_true", help="back off and retry while offline")

    exp = sub.add_parser("export", help="export data").add_subparsers(dest="what",
                                                                      required=True)
    ed = add("decisions", cmd_export_decisions, "export decisions", exp)
    ed.add_argument("--since", help="YYYY-MM-DD")
    ed.add_argument("--format", choices=("csv", "json"), default="csv")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    finally:
        while _opened:  # every app a command opened is closed, whatever happened
            _opened.pop().close()


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = args.func(args)
        return code
    except Failure as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except IntegrityProblem as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INTEGRITY
    except LeewayError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `leeway export decisions | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
