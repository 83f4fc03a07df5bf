"""Reaching the central database: URLs, engines, migrations and terminal registration.

The central database is PostgreSQL: it is the authority, and a desk is not trusted with
shared data. A desk talks to it through its own login role, which may only CONNECT and
EXECUTE the sync functions (``sql/authority.sql``); its password lives in the desk's
keyring. Every connection is bounded in time (connect, statement, lock and idle-in-
transaction timeouts on the role, TCP keepalives on the socket), so a frozen network
ends a sync as "offline" within about 30 seconds and never blocks the next one.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select, text, update
from sqlalchemy.engine import make_url

from pos_app.adapters.central import schema as c
from pos_app.adapters.central.roles import desk_role
from pos_app.domain.clock import utcnow
from pos_app.domain.errors import InvalidInput
from pos_app.domain.events import GENESIS_HASH
from pos_app.i18n import _

MIGRATIONS = Path(__file__).resolve().parents[3] / "db" / "central"
HEAD = "c0008"
# Bounds on every desk connection (seconds); see the module docstring.
CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_S = 20
LOCK_TIMEOUT_S = 5
IDLE_IN_TRANSACTION_S = 15
KEEPALIVE = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
             "keepalives_count": 3, "tcp_user_timeout": 20_000}
# The desk's own bound on one central transaction (seconds): a sync step that has not
# finished by then is abandoned as "offline" (see link.CentralLink._deadline).
CALL_DEADLINE_S = 25
SECRET_URL = "central-url"


def normalise_url(url: str) -> str:
    """Accept postgresql:// or postgres:// (psycopg 3 underneath)."""
    raw = (url or "").strip()
    if not raw:
        raise InvalidInput(_("Give the central database URL (postgresql://...)."))
    if raw.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    if raw.startswith("postgresql+psycopg://"):
        return raw
    raise InvalidInput(_("The central database is PostgreSQL: give a postgresql:// URL"
                         " (a desk without one works alone, with no central database)."))


def kind_of(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def display(url: str) -> str:
    """The URL without its password, for screens and status files."""
    return make_url(url).render_as_string(hide_password=True)


def central_engine(url: str) -> Engine:
    if kind_of(url) == "postgresql":
        # Bounded on both sides: the server ends a stuck statement, lock wait or idle
        # transaction; keepalives and the TCP user timeout end a half-open socket.
        options = (f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000}"
                   f" -c lock_timeout={LOCK_TIMEOUT_S * 1000}"
                   f" -c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_S * 1000}")
        return create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S,
                                                "options": options, **KEEPALIVE},
                             pool_pre_ping=True, pool_size=2, max_overflow=2,
                             pool_timeout=10)
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


def register(admin_url: str, terminal_id: str, public_key_hex: str,
             customers: list[dict[str, str]]) -> tuple[str, str]:
    """Attach a terminal; returns (the URL the terminal will use, the staff key).

    This creates (or re-keys) the desk's login role, which may only connect and call
    the sync functions, each call bounded in time. The desk's customers are uploaded
    where central lacks them, so a desk that worked alone can join.
    """
    url = normalise_url(admin_url)
    engine = central_engine(url)
    try:
        with engine.begin() as conn:
            has = conn.execute(text(
                "SELECT 1 FROM central_alembic_version")).first() if _has_schema(conn) else None
            if has is None:
                raise InvalidInput(_("The central database has no Leeway schema yet; run"
                                     " 'leeway central init --url ...' first."))
            database = str(make_url(url).database)
            role = desk_role(database, terminal_id)
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
            else:  # re-registering re-keys the desk (and moves it to this naming)
                conn.execute(update(c.terminals).where(c.terminals.c.id == terminal_id)
                             .values(role_name=role))
            # Only this desk's own ids are looked up: central may hold millions.
            have: set[str] = set()
            for i in range(0, len(customers), 2000):
                ids = [row["id"] for row in customers[i : i + 2000]]
                have.update(conn.execute(select(c.customers.c.id).where(
                    c.customers.c.id.in_(ids))).scalars())
            fresh = [row for row in customers if row["id"] not in have]
            for i in range(0, len(fresh), 2000):
                conn.execute(insert(c.customers), [
                    {"id": row["id"], "data": json.dumps(row, ensure_ascii=False),
                     "clocks": "{}"} for row in fresh[i : i + 2000]])
                conn.execute(insert(c.changes), [
                    {"kind": "customer", "key": row["id"],
                     "data": json.dumps(row, ensure_ascii=False)}
                    for row in fresh[i : i + 2000]])
            password = secrets.token_urlsafe(24)
            _desk_role(conn, database, role, password)
        terminal_url = make_url(url).set(username=role, password=password)
        return terminal_url.render_as_string(hide_password=False), str(staff)
    finally:
        engine.dispose()


# What a desk role may call; everything else (every table included) it may not touch.
DESK_FUNCTIONS = ("leeway_terminal()", "leeway_push_begin()", "leeway_push()",
                  "leeway_pull(bigint, integer)", "leeway_feed_head()",
                  "leeway_customers_page(text, integer)",
                  "leeway_pull_other(bigint, bigint, integer)",
                  "leeway_allowance(text, text, bigint)",
                  "leeway_allowance_return(text[])", "leeway_voucher(text)",
                  "leeway_approval_ask(text, text, text, text, text, text, bigint, text,"
                  " text, text, text, text, integer)",
                  "leeway_approval_waiting()",
                  "leeway_approval_answer(text, text, text, text, text)",
                  "leeway_approval_status(text)", "leeway_approval_close(text, text)")


def _desk_role(conn: Any, database: str, role: str, password: str) -> None:
    """Create or re-key a desk's login role: CONNECT, USAGE on the schema (to find the
    functions), EXECUTE on the sync functions, and server-side time bounds."""
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                          {"r": role}).first()
    verb = "ALTER" if exists else "CREATE"
    # Identifiers and passwords cannot be bound parameters: the role name is [a-z0-9_]
    # and the password URL-safe base64, both made here.
    conn.exec_driver_sql(f"{verb} ROLE {role} LOGIN NOINHERIT PASSWORD '{password}'"
                         " CONNECTION LIMIT 8")
    quoted = database.replace('"', '""')
    conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{quoted}" TO {role}')
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
    for function in DESK_FUNCTIONS:
        conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {role}")
    for setting, seconds in (("statement_timeout", STATEMENT_TIMEOUT_S),
                             ("lock_timeout", LOCK_TIMEOUT_S),
                             ("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION_S)):
        conn.exec_driver_sql(f"ALTER ROLE {role} IN DATABASE \"{quoted}\""
                             f" SET {setting} = '{seconds}s'")


def _has_schema(conn: Any) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).has_table("central_alembic_version"))
