"""A glance at a desk's database before the data layer is loaded: its store and locale.

The window shows its sign-in screen first and opens the desk on a worker (see
pos_app.ui.app); this read, with the standard library's sqlite3 and read-only, gives
that first screen the store's name and the desk's language a few milliseconds in.
Anything unusual (no file, a damaged one, an older schema) answers ``None``: the full
opening that follows explains it properly.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TerminalGlance:
    store_name: str
    locale: str


def glance_terminal(path: Path) -> TerminalGlance | None:
    """The store's name and the locale of the desk whose database is ``path``, or None."""
    try:
        if not path.is_file():  # raises on a folder this user may not enter
            return None
        # mode=ro: never create the file, never write; a short timeout, as a writer
        # (an import in another process) must not hold up the first screen.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (sqlite3.Error, ValueError, OSError, RuntimeError):
        return None
    try:
        row = conn.execute("SELECT store_name, locale FROM terminal LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if row is None or not isinstance(row[0], str) or not isinstance(row[1], str):
        return None
    return TerminalGlance(row[0], row[1])
