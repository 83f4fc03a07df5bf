"""Opening a terminal's SQLite database: pragmas, two engines and migrations.

Durability first: WAL with ``synchronous=FULL`` means a commit is on disk before the
screen says "done". Writers start with ``BEGIN IMMEDIATE`` (their own engine) so two
writers queue on the lock instead of failing half-way; readers use a deferred engine
so searches never wait for a write to finish. The log is folded into the file by a
thread of its own (adapters.db.checkpoint), not inside the counter's commits.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from pos_app.adapters.db.checkpoint import WAL_LIMIT_PAGES, Checkpointer

DB_ROOT = Path(__file__).resolve().parents[3] / "db"
LOCAL_MIGRATIONS = DB_ROOT / "local"
HEAD_REVISION = "0011"


def _make_engine(path: Path, begin: str) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=4,
        max_overflow=4,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below issue BEGIN itself (pysqlite's own
        # transaction handling would defer it and ignore IMMEDIATE).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-65536")
        cur.execute("PRAGMA temp_store=MEMORY")
        if begin == "IMMEDIATE":  # the writer: checkpoints are the Checkpointer's
            cur.execute(f"PRAGMA wal_autocheckpoint={WAL_LIMIT_PAGES}")
        cur.close()

    begin_sql = f"BEGIN {begin}"

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Straight to the driver: every unit of work begins here, and SQLAlchemy's
        # statement execution around a constant BEGIN was a fifth of a decision's overhead.
        # A failure (the lock not had in time) raises what that execution raised.
        try:
            conn.connection.driver_connection.execute(begin_sql)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(begin_sql, (), exc, sqlite3.Error) from exc

    return engine


@dataclass
class LocalDatabase:
    """The two engines and session factories of one terminal database file."""

    path: Path
    reader: Engine
    writer: Engine
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    # Set once this terminal is seen registered with a central database: registering
    # cannot be undone, so neither the sync (Syncer.configured) nor the decision path
    # (the allowances repository) reads sync_state for it again.
    registered: bool = False
    checkpointer: Checkpointer | None = None

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.close()
        self.reader.dispose()
        self.writer.dispose()


def open_database(path: Path, migrate: bool = True) -> LocalDatabase:
    """Open (creating when absent) the database at ``path``, owner-only.

    Guests' contact details live in it: the folder is 0700 and the files 0600, so other
    local users of the machine cannot read them.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    owner_only(path)
    reader = _make_engine(path, "DEFERRED")
    writer = _make_engine(path, "IMMEDIATE")
    db = LocalDatabase(
        path=path,
        reader=reader,
        writer=writer,
        read_sessions=sessionmaker(reader, expire_on_commit=False),
        write_sessions=sessionmaker(writer, expire_on_commit=False),
    )
    if migrate and current_revision(db) != HEAD_REVISION:
        upgrade(db)
    checkpointer = db.checkpointer = Checkpointer(path)

    # "commit" comes just before the driver's COMMIT, after_commit just after it: a
    # commit slower than the thread's settling time is folded all the same.
    @event.listens_for(writer, "commit")
    def _committing(_conn: Any) -> None:
        checkpointer.written()

    @event.listens_for(db.write_sessions, "after_commit")
    def _written(_session: Any) -> None:
        checkpointer.written()

    return db


def owner_only(path: Path) -> None:
    """Tighten the folder and the database files (also those of an older Leeway)."""
    for target, mode in ((path.parent, 0o700), (path, 0o600),
                         (Path(f"{path}-wal"), 0o600), (Path(f"{path}-shm"), 0o600)):
        try:
            if target.exists() and target.stat().st_uid == os.getuid():
                target.chmod(mode)
        except OSError:
            pass  # not ours to change (a shared folder): the files keep their mode


def current_revision(db: LocalDatabase) -> str | None:
    with db.reader.connect() as conn:
        has = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return str(row[0]) if row else None


def upgrade(db: LocalDatabase, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` in one transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(LOCAL_MIGRATIONS))
    with db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
