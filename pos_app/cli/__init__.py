"""The operations command line: a stable contract over the same services as the windows.

Exit codes: 0 success; 1 refused or invalid input (one line on stderr); 2 usage error;
3 needs approval (``decide``); 4 integrity problem (``audit verify``). PINs are read
from standard input, one per line, never from argv.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pos_app.cli.common import EXIT_INTEGRITY, EXIT_INVALID, EXIT_OK, Failure, opened
from pos_app.domain.errors import IntegrityProblem, LeewayError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    from pos_app.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    finally:
        while opened:  # every app a command opened is closed, whatever happened
            opened.pop().close()


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


