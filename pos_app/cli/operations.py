"""Commands for whoever runs the machines: the audit chain, exports, the central
database, registering this terminal, sync, and the desktop client itself; and the
central administrator's commands (publish a policy, verify every desk's chain, keep the
central staff directory), which take the administrator's URL and need no terminal."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pos_app.cli.common import (
    EXIT_INTEGRITY,
    EXIT_INVALID,
    EXIT_OK,
    Failure,
    emit,
    open_terminal,
    read_pins,
    read_text_file,
)
from pos_app.domain.text import PATH_LIMIT, ident, quoted

T = TypeVar("T")


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from pos_app.services.audit import verify_audit

    expected = _read_head(Path(args.head)) if args.head else None
    app = open_terminal(args)
    with app.uow() as uow:
        if expected is not None and expected[0] != uow.terminal().id:
            raise Failure(f"{ident(args.head, PATH_LIMIT)} is the head of terminal"
                          f" {ident(expected[0])}, not this one.")
        checked, problem = verify_audit(uow, expected[1:] if expected else None)
    if problem is None:
        emit(args, {"ok": True, "events": checked}, f"OK: {checked} events verify.")
        return EXIT_OK
    message = f"Event {problem.seq} ({problem.event_id or 'missing'}): {problem.problem}."
    emit(args, {"ok": False, "events": checked, "seq": problem.seq,
                "event_id": problem.event_id, "problem": problem.problem}, "")
    print(f"Audit log broken at {message}", file=sys.stderr)
    return EXIT_INTEGRITY


def _read_head(path: Path) -> tuple[str, int, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head = (str(data["terminal_id"]), int(data["seq"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise Failure(f"{ident(str(path), PATH_LIMIT)}: not a head exported by"
                      " 'leeway audit head --json'.") from None
    if head[1] < 0 or len(head[2]) != 64:
        raise Failure(f"{ident(str(path), PATH_LIMIT)}: not a head exported by"
                      " 'leeway audit head --json'.")
    return head


def cmd_audit_head(args: argparse.Namespace) -> int:
    app = open_terminal(args)
    with app.uow() as uow:
        term = uow.terminal()
    emit(args, {"terminal_id": term.id, "seq": term.last_seq, "hash": term.head_hash},
         f"{term.id} {term.last_seq} {term.head_hash}")
    return EXIT_OK


def cmd_export_decisions(args: argparse.Namespace) -> int:
    from pos_app.services.export import export_decisions

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            raise Failure(f"{quoted(args.since)} is not a date (use YYYY-MM-DD).") from None
        if since.tzinfo is not None:  # decisions are stored in naive UTC
            since = since.astimezone(UTC)
        since = since.replace(tzinfo=None)
    app = open_terminal(args)
    with app.uow() as uow:
        sys.stdout.write(export_decisions(uow, since, args.format))
    return EXIT_OK


def _central_failure(what: str, exc: Exception) -> Failure:
    return Failure(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")


def cmd_central_init(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.connect import display, init_central, normalise_url

    try:
        revision = init_central(args.url)
    except SQLAlchemyError as exc:
        raise _central_failure("Could not create the central schema", exc) from None
    print(f"Central schema at revision {revision} in {display(normalise_url(args.url))}.")
    return EXIT_OK


def cmd_terminal_register(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.enrol import enrol_terminal

    app = open_terminal(args)
    try:
        enrolment = enrol_terminal(app.db, app.uow, app.secrets, app.signer(), args.central)
    except SQLAlchemyError as exc:
        raise _central_failure("Could not register with the central database", exc) from None
    with app.uow() as uow:
        terminal_id = uow.terminal().id
    policy = (f"; policy {enrolment.policy_version} from the central database is in force"
              if enrolment.policy_version else "")
    print(f"Registered terminal {terminal_id} with {enrolment.shown}{policy}.")
    return EXIT_OK


# --- the administrator's commands (administrator credentials, no terminal needed) ---

def cmd_central_policy_publish(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.publish import publish_policy

    document = read_text_file(args.file)
    try:
        done = publish_policy(args.url, document)
    except SQLAlchemyError as exc:
        raise _central_failure("Could not publish the policy", exc) from None
    if done.already:
        print(f"Policy {done.version} was already published; {done.desks} registered desks"
              " receive it.")
    else:
        print(f"Published policy {done.version} to {done.desks} registered desks.")
    return EXIT_OK


def cmd_central_audit_verify(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.audit import verify_central

    try:
        terminals = verify_central(args.url)
    except SQLAlchemyError as exc:
        raise _central_failure("Could not read the central database", exc) from None
    broken = [t for t in terminals if t.problem is not None]
    events = sum(t.events for t in terminals)
    emit(args, {"ok": not broken, "terminals": [t.as_dict() for t in terminals]},
         f"OK: {events} events from {len(terminals)} terminals verify." if not broken else "")
    for t in broken:
        p = t.problem
        assert p is not None
        print(f"Terminal {t.id}: chain broken at event {p.seq}"
              f" ({p.event_id or 'missing'}): {p.problem}.", file=sys.stderr)
    return EXIT_INTEGRITY if broken else EXIT_OK


def _central_staff(what: str, act: Callable[[], T]) -> T:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return act()
    except SQLAlchemyError as exc:
        raise _central_failure(f"Could not {what}", exc) from None


def cmd_central_staff_add(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.staff_admin import add_staff

    (pin,) = read_pins(1)
    rec = _central_staff("add the employee centrally",
                         lambda: add_staff(args.url, args.id, args.name, args.tier, pin))
    print(f"Added {rec.name} ({rec.employee_id}) as {rec.tier}; every registered desk"
          " receives them with its next sync.")
    return EXIT_OK


def cmd_central_staff_pin(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.staff_admin import set_staff_pin

    (pin,) = read_pins(1)
    rec = _central_staff("change the PIN centrally",
                         lambda: set_staff_pin(args.url, args.id, pin))
    print(f"Changed the PIN of {rec.employee_id} at every registered desk (with its next"
          " sync).")
    return EXIT_OK


def cmd_central_staff_disable(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.staff_admin import disable_staff

    rec = _central_staff("disable the employee centrally",
                         lambda: disable_staff(args.url, args.id))
    print(f"Disabled {rec.employee_id} at every registered desk (with its next sync).")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.sync import SyncState

    syncer = open_terminal(args).syncer
    report = syncer.sync_with_retries() if args.retry else syncer.sync_once()
    data = report.as_dict()
    online = report.state is SyncState.ONLINE
    emit(args, data, f"{'online' if online else 'offline'}: pushed {report.pushed},"
         f" rejected {report.rejected}, pulled {report.pulled}, pending {report.pending}"
         + (f" ({report.error})" if report.error else ""))
    if not online:
        if not args.json:
            print(report.error or "offline", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from pos_app.ui.app import run

    code: int = run(args.data_dir, args.insecure_file_keyring)
    return code
