"""Reaching the central database: URLs, engines, migrations and terminal registration.

A terminal talks to PostgreSQL through its own login role (least privilege: it may
append its own events, read what it needs, and update only projection tables), whose
password lives in the keyring. The SQLite default needs no credentials.
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select, text
from sqlalchemy.engine import make_url

from pos_app.adapters.central import schema as c
from pos_app.domain.clock import utcnow
from pos_app.domain.errors import InvalidInput
from pos_app.domain.events import GENESIS_HASH

MIGRATIONS = Path(__file__).resolve().parents[3] / "db" / "central"
HEAD = "c0002"
SECRET_URL = "central-url"


def normalise_url(url: str) -> str:
    """Accept postgresql://, postgres:// or a SQLite path/URL; use psycopg 3."""
    raw = (url or "").strip()
    if not raw:
        raise InvalidInput("Give the central database URL (postgresql://... or a file path).")
    if raw.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    if raw.startswith(("postgresql+psycopg://", "sqlite:///")):
        return raw
    if "://" in raw:
        raise InvalidInput(f"Unsupported central database URL: {make_url(raw).drivername}.")
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def kind_of(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def display(url: str) -> str:
    """The URL without its password, for screens and status files."""
    return make_url(url).render_as_string(hide_password=True)


def central_engine(url: str) -> Engine:
    if kind_of(url) == "postgresql":
        return create_engine(url, connect_args={"connect_timeout": 3}, pool_pre_ping=True,
                             pool_size=2, max_overflow=2)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # one writer at a time, like FOR UPDATE

    return engine


def init_central(url: str) -> str:
    """Create or upgrade the central schema with Alembic; returns the revision."""
    from alembic import command
    from alembic.config import Config

    url = normalise_url(url)
    engine = central_engine(url)
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    return HEAD


def _role_name(terminal_id: str) -> str:
    return "leeway_t_" + re.sub(r"[^a-z0-9_]", "_", terminal_id.lower())[:40]


def register(admin_url: str, terminal_id: str, public_key_hex: str,
             customers: list[dict[str, str]]) -> tuple[str, str]:
    """Attach a terminal; returns (the URL the terminal will use, the staff key).

    On PostgreSQL this creates (or re-keys) the terminal's login role with only the
    grants it needs. The terminal's customers are uploaded where central lacks them,
    so a desk that worked alone can join a central database.
    """
    url = normalise_url(admin_url)
    engine = central_engine(url)
    try:
        with engine.begin() as conn:
            has = conn.execute(text(
                "SELECT 1 FROM central_alembic_version")).first() if _has_schema(conn) else None
            if has is None:
                raise InvalidInput("The central database has no Leeway schema yet; run"
                                   " 'leeway central init --url ...' first.")
            role = _role_name(terminal_id) if kind_of(url) == "postgresql" else None
            staff = conn.execute(select(c.staff_key.c.pepper).where(
                c.staff_key.c.id == 1)).scalar()
            if staff is None:
                import base64

                staff = base64.b64encode(secrets.token_bytes(32)).decode()
                conn.execute(insert(c.staff_key).values(id=1, pepper=staff))
            existing = conn.execute(select(c.terminals.c.id).where(
                c.terminals.c.id == terminal_id)).first()
            if existing is None:
                conn.execute(insert(c.terminals).values(
                    id=terminal_id, role_name=role, head_seq=0, head_hash=GENESIS_HASH,
                    public_key=public_key_hex, registered_at=utcnow()))
            have = set(conn.execute(select(c.customers.c.id)).scalars())
            fresh = [row for row in customers if row["id"] not in have]
            for i in range(0, len(fresh), 2000):
                conn.execute(insert(c.customers), [
                    {"id": row["id"], "data": json.dumps(row, ensure_ascii=False),
                     "clocks": "{}"} for row in fresh[i : i + 2000]])
                conn.execute(insert(c.changes), [
                    {"kind": "customer", "key": row["id"],
                     "data": json.dumps(row, ensure_ascii=False)}
                    for row in fresh[i : i + 2000]])
            if role is None:
                return url, str(staff)
            password = secrets.token_urlsafe(24)
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                  {"r": role}).first()
            verb = "ALTER" if exists else "CREATE"
            # Identifiers cannot be bound parameters; the role name is [a-z0-9_] only.
            conn.exec_driver_sql(f"{verb} ROLE {role} LOGIN PASSWORD '{password}'")
            database = make_url(url).database
            conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO {role}')
            conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
            conn.exec_driver_sql(f"GRANT SELECT, INSERT ON central_events TO {role}")
            conn.exec_driver_sql(f"GRANT SELECT, UPDATE ON central_terminals TO {role}")
            conn.exec_driver_sql(f"GRANT SELECT ON central_alembic_version TO {role}")
            projections = ", ".join(c.PROJECTIONS)
            conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE ON {projections} TO {role}")
            conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
        terminal_url = make_url(url).set(username=role, password=password)
        return terminal_url.render_as_string(hide_password=False), str(staff)
    finally:
        engine.dispose()


def _has_schema(conn: Any) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).has_table("central_alembic_version"))
