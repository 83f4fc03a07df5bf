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
from pos_app.i18n import _, ngettext

T = TypeVar("T")


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from pos_app.services.audit import verify_audit

    expected = _read_head(Path(args.head)) if args.head else None
    app = open_terminal(args)
    with app.uow() as uow:
        if expected is not None and expected[0] != uow.terminal().id:
            raise Failure(_("{file} is the head of terminal {terminal}, not this one.").format(
                file=ident(args.head, PATH_LIMIT), terminal=ident(expected[0])))
        checked, problem = verify_audit(uow, expected[1:] if expected else None)
    if problem is None:
        emit(args, {"ok": True, "events": checked},
             ngettext("OK: {n} event verifies.", "OK: {n} events verify.", checked
                      ).format(n=checked))
        return EXIT_OK
    emit(args, {"ok": False, "events": checked, "seq": problem.seq,
                "event_id": problem.event_id, "problem": problem.problem}, "")
    print(_("Audit log broken at Event {seq} ({event}): {problem}.").format(
        seq=problem.seq, event=problem.event_id or _("missing"), problem=problem.problem),
        file=sys.stderr)
    return EXIT_INTEGRITY


def _read_head(path: Path) -> tuple[str, int, str]:
    not_a_head = _("{path}: not a head exported by 'leeway audit head --json'.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head = (str(data["terminal_id"]), int(data["seq"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise Failure(not_a_head.format(path=ident(str(path), PATH_LIMIT))) from None
    if head[1] < 0 or len(head[2]) != 64:
        raise Failure(not_a_head.format(path=ident(str(path), PATH_LIMIT)))
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
            raise Failure(_("{value} is not a date (use YYYY-MM-DD).").format(
                value=quoted(args.since))) from None
        if since.tzinfo is not None:  # decisions are stored in naive UTC
            since = since.astimezone(UTC)
        since = since.replace(tzinfo=None)
    app = open_terminal(args)
    with app.uow() as uow:
        sys.stdout.write(export_decisions(uow, since, args.format))
    return EXIT_OK


def _central_failure(what: str, exc: Exception) -> Failure:
    """``what`` (translated) went wrong: the driver's error type and first line."""
    return Failure(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")


def cmd_central_init(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.connect import display, init_central, normalise_url

    try:
        revision = init_central(args.url)
    except SQLAlchemyError as exc:
        raise _central_failure(_("Could not create the central schema"), exc) from None
    print(_("Central schema at revision {revision} in {database}.").format(
        revision=revision, database=display(normalise_url(args.url))))
    return EXIT_OK


def cmd_terminal_register(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.enrol import enrol_terminal

    app = open_terminal(args)
    try:
        enrolment = enrol_terminal(app.db, app.uow, app.secrets, app.signer(), args.central)
    except SQLAlchemyError as exc:
        raise _central_failure(_("Could not register with the central database"), exc
                               ) from None
    with app.uow() as uow:
        terminal_id = uow.terminal().id
    if enrolment.policy_version:
        print(_("Registered terminal {terminal} with {database}; policy {version} from the"
                " central database is in force.").format(
            terminal=terminal_id, database=enrolment.shown, version=enrolment.policy_version))
    else:
        print(_("Registered terminal {terminal} with {database}.").format(
            terminal=terminal_id, database=enrolment.shown))
    return EXIT_OK


# --- the administrator's commands (administrator credentials, no terminal needed) ---

def cmd_central_policy_publish(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.publish import publish_policy

    document = read_text_file(args.file)
    try:
        done = publish_policy(args.url, document)
    except SQLAlchemyError as exc:
        raise _central_failure(_("Could not publish the policy"), exc) from None
    if done.already:
        print(_("Policy {version} was already published; {n} registered desks receive it."
                ).format(version=done.version, n=done.desks))
    else:
        # Worded as it always was ("desks" for any count): scripts match this line.
        print(_("Published policy {version} to {n} registered desks.").format(
            version=done.version, n=done.desks))
    return EXIT_OK


def cmd_central_audit_verify(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pos_app.adapters.central.audit import verify_central

    try:
        terminals = verify_central(args.url)
    except SQLAlchemyError as exc:
        raise _central_failure(_("Could not read the central database"), exc) from None
    broken = [t for t in terminals if t.problem is not None]
    events = sum(t.events for t in terminals)
    emit(args, {"ok": not broken, "terminals": [t.as_dict() for t in terminals]},
         _("OK: {events} events from {terminals} terminals verify.").format(
             events=events, terminals=len(terminals)) if not broken else "")
    for t in broken:
        p = t.problem
        assert p is not None
        print(_("Terminal {terminal}: chain broken at event {seq} ({event}): {problem}."
                ).format(terminal=t.id, seq=p.seq, event=p.event_id or _("missing"),
                         problem=p.problem), file=sys.stderr)
    return EXIT_INTEGRITY if broken else EXIT_OK


def _central_staff(what: str, act: Callable[[], T]) -> T:
    """``act()``; a database failure says ``what`` (a translated "Could not ...")."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return act()
    except SQLAlchemyError as exc:
        raise _central_failure(what, exc) from None


def cmd_central_staff_add(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.staff_admin import add_staff

    (pin,) = read_pins(1)
    rec = _central_staff(_("Could not add the employee centrally"),
                         lambda: add_staff(args.url, args.id, args.name, args.tier, pin))
    print(_("Added {name} ({id}) as {tier}; every registered desk receives them with its"
            " next sync.").format(name=rec.name, id=rec.employee_id, tier=rec.tier))
    return EXIT_OK


def cmd_central_staff_pin(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.staff_admin import set_staff_pin

    (pin,) = read_pins(1)
    rec = _central_staff(_("Could not change the PIN centrally"),
                         lambda: set_staff_pin(args.url, args.id, pin))
    print(_("Changed the PIN of {id} at every registered desk (with its next sync).").format(
        id=rec.employee_id))
    return EXIT_OK


def cmd_central_staff_disable(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.staff_admin import disable_staff

    rec = _central_staff(_("Could not disable the employee centrally"),
                         lambda: disable_staff(args.url, args.id))
    print(_("Disabled {id} at every registered desk (with its next sync).").format(
        id=rec.employee_id))
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from pos_app.adapters.central.sync import SyncState

    syncer = open_terminal(args).syncer
    report = syncer.sync_with_retries() if args.retry else syncer.sync_once()
    data = report.as_dict()
    online = report.state is SyncState.ONLINE
    counts = {"pushed": report.pushed, "rejected": report.rejected, "pulled": report.pulled,
              "pending": report.pending, "error": report.error}
    if online:
        line = _("online: pushed {pushed}, rejected {rejected}, pulled {pulled}, pending"
                 " {pending}").format(**counts)
    elif report.error:
        line = _("offline: pushed {pushed}, rejected {rejected}, pulled {pulled}, pending"
                 " {pending} ({error})").format(**counts)
    else:
        line = _("offline: pushed {pushed}, rejected {rejected}, pulled {pulled}, pending"
                 " {pending}").format(**counts)
    emit(args, data, line)
    if not online:
        if not args.json:
            print(report.error or _("offline"), file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from pos_app.ui.app import run

    code: int = run(args.data_dir, args.insecure_file_keyring)
    return code
