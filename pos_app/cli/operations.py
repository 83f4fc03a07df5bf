"""Commands for whoever runs the machines: the audit chain, exports, the central
database, registering this terminal, sync, and the desktop client itself."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from pos_app.cli.common import (
    EXIT_INTEGRITY,
    EXIT_INVALID,
    EXIT_OK,
    Failure,
    emit,
    open_terminal,
)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from pos_app.services.audit import verify_audit

    expected = _read_head(Path(args.head)) if args.head else None
    app = open_terminal(args)
    with app.uow() as uow:
        if expected is not None and expected[0] != uow.terminal().id:
            raise Failure(f"{args.head} is the head of terminal {expected[0]}, not this one.")
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
        raise Failure(f"{path}: not a head exported by 'leeway audit head --json'.") from None
    if head[1] < 0 or len(head[2]) != 64:
        raise Failure(f"{path}: not a head exported by 'leeway audit head --json'.")
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
            raise Failure(f"'{args.since}' is not a date (use YYYY-MM-DD).") from None
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
        shown = enrol_terminal(app.db, app.uow, app.secrets, app.signer(), args.central)
    except SQLAlchemyError as exc:
        raise _central_failure("Could not register with the central database", exc) from None
    with app.uow() as uow:
        terminal_id = uow.terminal().id
    print(f"Registered terminal {terminal_id} with {shown}.")
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
