"""Looking at a data folder and its database before trusting them.

Every way a data folder can be unusable gets one sentence a person can act on, before
anything is written: a file where the folder should be, a folder where the database
should be, an empty or foreign file, a damaged database, one from a newer Leeway, or
one with a table missing. Nothing here ever creates or migrates anything.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pos_app.domain.errors import LeewayError
from pos_app.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).resolve().parents[3] / "db" / "local" / "versions"


class DataFolderProblem(LeewayError):
    """The data folder or its database cannot be used as it is; nothing was changed."""


def check_folder(data_dir: Path) -> None:
    if data_dir.exists() and not data_dir.is_dir():
        raise DataFolderProblem(_("{path} is a file, not a folder; give a folder as"
                                  " --data-dir (or LEEWAY_DATA_DIR).").format(path=data_dir))


def check_database_file(path: Path) -> None:
    """The file at ``path`` (which exists) looks like a SQLite database."""
    if path.is_dir():
        raise DataFolderProblem(_("{path} is a folder, not a Leeway database; move it aside."
                                  ).format(path=path))
    if not path.is_file():
        raise DataFolderProblem(_("{path} is not a regular file; move it aside.").format(
            path=path))
    try:
        with path.open("rb") as raw:
            header = raw.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DataFolderProblem(_("{path} cannot be read: {error}.").format(
            path=path, error=exc.strerror or exc)) from None
    if not header:
        raise DataFolderProblem(_("{path} is empty (0 bytes), not a Leeway database; move it"
                                  " aside and run 'leeway init', or restore it from a backup."
                                  ).format(path=path))
    if header != SQLITE_MAGIC:
        raise DataFolderProblem(_("{path} is not a SQLite database (damaged, or another kind"
                                  " of file); restore it from a backup or move it aside."
                                  ).format(path=path))


def known_revisions() -> list[str]:
    """The local schema revisions this Leeway knows, oldest first (from the file names)."""
    return sorted(p.name.split("_", 1)[0] for p in MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))


def check_schema(path: Path, required_tables: set[str], thorough: bool = False
                 ) -> str | None:
    """Read-only checks of an existing database; returns its schema revision.

    Raises :class:`DataFolderProblem` for a damaged file, a newer schema, or a missing
    table. ``None`` means no Leeway schema at all (a SQLite file of something else).
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise DataFolderProblem(_("{path} cannot be opened: {error}.").format(
            path=path, error=exc)) from None
    try:
        if thorough:  # rare callers (init refusing a file) can afford the full read
            ok = conn.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise DataFolderProblem(_("{path} is damaged ({why}); restore it from a"
                                          " backup.").format(
                    path=path, why=ok[0] if ok else _("unreadable")))
        # Otherwise cheap checks only: this runs at every start and every command, and a full
        # integrity check reads the whole file (seconds at a million guests). A page
        # damaged further in is reported when it is read (see :func:`damaged`).
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        wal = Path(f"{path}-wal")
        if (not wal.exists() or wal.stat().st_size == 0) and (
                path.stat().st_size < pages * page_size):
            raise DataFolderProblem(_("{path} is damaged (shorter than its own header says:"
                                      " truncated); restore it from a backup.").format(
                path=path))
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "alembic_version" not in tables:
            raise DataFolderProblem(_("{path} is a SQLite database, but not a Leeway one;"
                                      " move it aside and run 'leeway init'.").format(
                path=path))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DataFolderProblem(_("{path} is damaged ({why}); restore it from a backup."
                                  ).format(path=path, why=exc)) from None
    finally:
        conn.close()
    revision = str(row[0]) if row else None
    known = known_revisions()
    if revision is None or revision not in known:
        raise DataFolderProblem(
            _("{path} was written by a newer Leeway (schema {revision}); this version knows"
              " schemas up to {known}. Install the newer Leeway, or restore a backup.").format(
                path=path, revision=revision, known=known[-1]))
    if revision == known[-1]:
        missing = sorted(required_tables - tables)
        if missing:
            raise DataFolderProblem(_("{path} is damaged: table {table} is missing. Restore it"
                                      " from a backup.").format(path=path, table=missing[0]))
    return revision


def damaged(exc: BaseException) -> str | None:
    """The sentence for SQLite's own "this file is damaged" errors, else None."""
    text = str(getattr(exc, "orig", None) or exc)
    if isinstance(getattr(exc, "orig", exc), sqlite3.DatabaseError) and (
            "malformed" in text or "not a database" in text):
        return _("The desk's database is damaged ({why}); restore it from a backup.").format(
            why=text)
    return None
