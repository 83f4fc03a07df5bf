"""argparse's own sentences (usage, errors, help headings) in the command line's language.

argparse says "usage:", "the following arguments are required: ..." and the like through
its module's ``_`` (plain :mod:`gettext`, domain ``messages``, which no one ships).
:func:`translate_argparse` points that name at :func:`pos_app.i18n._`, so a usage
error reads in the same language as every other line the command prints.
The sentences are listed here, exactly as argparse spells them (Python 3.11 onwards), so
that extraction puts them in the catalogs; one a newer Python spells differently stays
English, never breaks. Only what a person at the command line can meet is listed, not
argparse's complaints about a badly built parser (those are bugs, and in English).
"""

from __future__ import annotations

import argparse

from pos_app.i18n import N_, _

SENTENCES = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def translate_argparse() -> None:
    """argparse looks its sentences up in the current language from now on."""
    # A module attribute argparse reads at each call (``from gettext import gettext as _``);
    # setattr, as the stubs do not declare it. argparse's one plural ("expected %s
    # arguments") needs nargs=N, which no command here uses.
    setattr(argparse, "_", _)  # noqa: B010
