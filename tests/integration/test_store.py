"""The SQLite store: durability pragmas on every connection, migrations, FTS triggers."""

from __future__ import annotations

import importlib.util
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from pos_app.adapters.db.engine import (
    HEAD_REVISION,
    LOCAL_MIGRATIONS,
    current_revision,
    open_database,
    upgrade,
)
from pos_app.adapters.db.search_schema import INSERT_TRIGGER
from pos_app.adapters.db.uow import SqlUnitOfWorkFactory
from pos_app.services.customers import search_customers


def _migration(name: str) -> object:
    path = LOCAL_MIGRATIONS / "versions" / name
    spec = importlib.util.spec_from_file_location(f"leeway_migration_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _squash(sql: str) -> str:
    return " ".join(sql.split())


@pytest.mark.parametrize("which", ["reader", "writer"])
def test_every_connection_is_durable_wal_with_foreign_keys(tmp_path: Path, which: str) -> None:
    db = open_database(tmp_path / "store.sqlite3")
    try:
        engine = getattr(db, which)
        # Two pooled connections at once (raw: a second BEGIN IMMEDIATE would wait).
        first, second = engine.raw_connection(), engine.raw_connection()
        try:
            for conn in (first, second):
                cur = conn.cursor()
                assert cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
                assert cur.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
                assert cur.execute("PRAGMA foreign_keys").fetchone()[0] == 1
                cur.close()
        finally:
            first.close()
            second.close()
        with engine.connect() as conn:  # and through SQLAlchemy's own transaction
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_foreign_keys_are_enforced_not_just_declared(empty_app: object) -> None:
    with empty_app.uow(write=True) as uow:  # type: ignore[attr-defined]
        with pytest.raises(IntegrityError):
            uow.session.execute(text(
                "INSERT INTO contact_corrections(customer_id, employee_id, field, before,"
                " after, corrected_at, event_id) VALUES ('nobody', 'nobody', 'email', '', '',"
                " '2026-01-01', 'no-event')"))


def test_upgrade_from_0001_indexes_existing_customers_for_search(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    try:
        upgrade(db, "0001")
        assert current_revision(db) == "0001"
        with db.writer.begin() as conn:
            conn.execute(text(
                "INSERT INTO customers(id, given_name, family_name, phone, phone_digits, email,"
                " loyalty_id, room, address, city, postal_code, country, updated_at)"
                " VALUES ('OLD1', 'Renée', 'Ångström', '+12125550142', '12125550142',"
                " 'renee@old.example', 'L4455667', '812', '', '', '', 'US', :now)"),
                {"now": datetime(2025, 1, 1)})

        upgrade(db)

        assert current_revision(db) == HEAD_REVISION
        with db.reader.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalars().all() == [HEAD_REVISION]
        uow_factory = SqlUnitOfWorkFactory(db)
        with uow_factory() as uow:
            assert [c.id for c in search_customers(uow, "ren")] == ["OLD1"]
            assert [c.id for c in search_customers(uow, "renee angst")] == ["OLD1"]
            assert [c.id for c in search_customers(uow, "555 014")] == ["OLD1"]
            assert [c.id for c in search_customers(uow, "(212) 555-0142")] == ["OLD1"]
            assert [c.id for c in search_customers(uow, "renee@old")] == ["OLD1"]
    finally:
        db.dispose()


def test_opening_an_old_database_upgrades_it_to_head(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    upgrade(db, "0001")
    db.dispose()

    db = open_database(path)  # what every start-up does
    try:
        assert current_revision(db) == HEAD_REVISION
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {"customer_name_fts", "customer_tri_fts", "customers_ai", "customers_au",
            "customers_ad"} <= names


def test_bulk_insert_trigger_matches_the_latest_search_migration() -> None:
    migration = _migration("0006_folded_names.py")
    triggers = migration.TRIGGERS  # type: ignore[attr-defined]
    shipped = next(t for t in triggers if "customers_ai" in t)
    assert _squash(INSERT_TRIGGER) == _squash(shipped)


def test_migrated_database_holds_the_migration_trigger(tmp_path: Path) -> None:
    db = open_database(tmp_path / "fresh.sqlite3")
    try:
        with db.reader.connect() as conn:
            live = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type='trigger' AND name='customers_ai'"
            ).scalar()
    finally:
        db.dispose()
    assert live is not None
    assert _squash(live) == _squash(INSERT_TRIGGER)
