"""The operations command line: a stable contract over the same services as the windows.

Exit codes: 0 success; 1 refused or invalid input (one line on stderr); 2 usage error;
3 needs approval (``decide``); 4 integrity problem (``audit verify``). PINs are read
from standard input, one per line, never from argv. Help and messages are in the
environment's language (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; see
:mod:`pos_app.i18n`); ``--json`` keys and values scripts test, and CSV columns, never
change with it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from pos_app.cli.common import (
    EXIT_INTEGRITY,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Failure,
    opened,
)
from pos_app.domain.errors import IntegrityProblem, LeewayError
from pos_app.domain.text import PATH_LIMIT, ident
from pos_app.i18n import _, environment_locale, use_language

__all__ = ["main"]

PROG = "leeway"  # the program's name, as argparse shows it too (never translated)


def main(argv: Sequence[str] | None = None) -> int:
    from pos_app.cli.parser import build_parser
    from pos_app.cli.usage_text import translate_argparse

    # The language first, like other command-line tools (LANGUAGE, LC_ALL, LC_MESSAGES,
    # LANG): every message below, argparse's included, and the help are in it.
    use_language(environment_locale())
    translate_argparse()
    words = list(sys.argv[1:] if argv is None else argv)
    problem = _argv_problem(words)
    if problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    args = build_parser().parse_args(words)
    try:
        return _run(args)
    finally:
        while opened:  # every app a command opened is closed, whatever happened
            opened.pop().close()


def _argv_problem(words: list[str]) -> str | None:
    """What argparse would mangle or pass on as an unprintable value, in one sentence.

    Python hands bytes that are not UTF-8 over as lone surrogates, which fail later as a
    UnicodeEncodeError deep inside; and argparse drops a literal ``--`` given as an
    option's value (``--note=--`` became an empty note, ``--reason=--`` an empty list).
    """
    for n, word in enumerate(words, start=1):
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            return _("argument {n} is not valid UTF-8 text.").format(n=n)
        if "\x00" in word:
            return _("argument {n} contains a NUL character.").format(n=n)
        name, eq, value = word.partition("=")
        if eq and name.startswith("--") and value == "--":
            return _("{option} needs a value; '--' is not one.").format(option=ident(name))
    return None


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
    except OSError as exc:  # a data folder or file the system refused
        where = f"{ident(str(exc.filename), PATH_LIMIT)}: " if exc.filename else ""
        print(f"{where}{exc.strerror or exc}.", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # last resort: one line, never a traceback at the desk
        if os.environ.get("LEEWAY_DEBUG"):
            raise
        from pos_app.adapters.db.checks import damaged

        if (sentence := damaged(exc)) is not None:
            print(sentence, file=sys.stderr)
            return EXIT_INVALID
        print(_("Stopped: {error} (run again with LEEWAY_DEBUG=1 for details).").format(
            error=_one_line(exc)), file=sys.stderr)
        return EXIT_INVALID


def _one_line(exc: BaseException) -> str:
    """The error's type and its first line, without the database's SQL."""
    from sqlalchemy.exc import DBAPIError

    inner = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = str(inner).splitlines()[0] if str(inner) else ""
    return f"{type(inner).__name__}: {text[:200]}" if text else type(inner).__name__


