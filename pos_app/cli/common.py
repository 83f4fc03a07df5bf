"""What every command shares: exit codes, the one-line failure, PINs from stdin, JSON
or text output, and opening the terminal (closed again when the command ends)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from pos_app.bootstrap import App
from pos_app.domain.text import PATH_LIMIT, ident
from pos_app.i18n import _

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_NEEDS_APPROVAL, EXIT_INTEGRITY = 0, 1, 2, 3, 4


class Failure(Exception):
    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def read_pins(count: int) -> list[str]:
    pins: list[str] = []
    for n in range(count):
        if sys.stdin.isatty():
            pins.append(getpass.getpass(_("PIN: ") if n == 0 else _("Approver PIN: ")))
        else:
            line = sys.stdin.readline()
            if not line:
                raise Failure(_("Expected a PIN on standard input (one per line)."))
            pins.append(line.rstrip("\r\n"))
    return pins


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(text)


opened: list[App] = []


def open_terminal(args: argparse.Namespace) -> App:
    from pos_app.bootstrap import open_app, resolve_data_dir

    app = open_app(resolve_data_dir(args.data_dir), args.insecure_file_keyring)
    opened.append(app)  # closed when the command ends, whatever happens
    return app


def write_file(path_text: str, data: bytes, what: str) -> str:
    """Write atomically, or raise :class:`Failure` saying what is already recorded.

    ``what`` is the sentence's translated beginning ("Recorded", "Nothing").
    """
    from pathlib import Path

    from pos_app.adapters.files import write_atomically

    path = Path(path_text)
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise Failure(_("{what}, but could not write {path}: {error}.").format(
            what=what, path=ident(str(path), PATH_LIMIT), error=exc.strerror or exc)
        ) from None
    return str(path)


def read_text_file(name: str) -> str:
    """A policy file's text, or :class:`Failure` naming the file and what went wrong."""
    from pathlib import Path

    from pos_app.domain.text import PATH_LIMIT, ident

    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Failure(_("{path}: cannot read it as UTF-8 text ({error}).").format(
            path=ident(str(path), PATH_LIMIT), error=exc.__class__.__name__)) from None
