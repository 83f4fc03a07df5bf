"""A new desk joining a central database (real PostgreSQL): every customer arrives in
pages and is searchable, the rest of the feed too, all or nothing, hostile rows skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, select, text

from pos_app.adapters.central import join
from pos_app.adapters.central.connect import normalise_url
from pos_app.adapters.db.models import SyncStateRow, TerminalRow
from pos_app.bootstrap import open_app
from pos_app.domain.errors import CentralUnavailable
from pos_app.services.customers import correct_contact, search_customers
from tests.integration.sync_support import new_central, sync, terminal_url
from tests.integration.sync_support import new_desk as _desk


@pytest.fixture()
def central(pg_url: str) -> str:
    return new_central(pg_url)


def _state(data_dir: Path) -> tuple[int, int, str | None]:
    """(customers, pull cursor, the desk's hybrid clock) of a desk."""
    app = open_app(data_dir)
    try:
        with app.uow() as uow:
            count = uow.customers.count()
        with app.db.read_sessions() as s:
            state = s.get(SyncStateRow, 1)
            clock = s.scalars(select(TerminalRow.last_hlc)).one()
        return count, int(state.pull_cursor if state else 0), clock
    finally:
        app.close()


def _central_count(central: str, sql: str) -> int:
    engine = create_engine(normalise_url(central))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def test_a_new_desk_gets_every_customer_in_pages_and_can_search_them(
        tmp_path: Path, central: str, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    app = open_app(a)
    try:  # an edit at desk A gives that customer a field clock centrally
        with app.uow(write=True) as uow:
            correct_contact(uow, employee_id="1001", customer_id="C100050", field="email",
                            value="joined@example.com")
            uow.commit()
    finally:
        app.close()
    assert sync(a, capsys)["online"]
    held = _central_count(central, "SELECT count(*) FROM central_customers")
    assert held > 1000
    monkeypatch.setattr(join, "PAGE", 700)  # several pages, the last one partial
    pages: list[str] = []
    real = join._customer

    def counting(customer_id: str, data: str) -> Any:
        pages.append(customer_id)
        return real(customer_id, data)

    monkeypatch.setattr(join, "_customer", counting)
    b = _desk(tmp_path, "desk-b", False, central, capsys)
    report = sync(b, capsys)
    assert report["online"]
    count, cursor, clock = _state(b)
    assert count == held == len(pages) == len(set(pages))
    assert pages == sorted(pages)  # keyset order, no page read twice
    assert cursor == _central_count(central, "SELECT max(seq) FROM central_changes")
    app = open_app(b)
    try:
        with app.uow() as uow:
            found = search_customers(uow, "joined@example")
            assert [c.id for c in found] == ["C100050"]
            assert search_customers(uow, found[0].family_name[:3])  # the name index too
            assert uow.policies.current() is not None  # the published policy arrived
    finally:
        app.close()
    # The desk's clock moved past the edit it received, so its own next edit wins.
    assert clock is not None and clock >= _newest_clock(central)


def _newest_clock(central: str) -> str:
    engine = create_engine(normalise_url(central))
    try:
        with engine.connect() as conn:
            return str(conn.execute(text(
                "SELECT max(hlc) FROM central_events WHERE type = 'contact.corrected'"
            )).scalar_one())
    finally:
        engine.dispose()


def test_a_join_cut_short_leaves_the_desk_as_it_was_and_the_next_sync_completes(
        tmp_path: Path, central: str, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    assert sync(a, capsys)["online"]
    b = _desk(tmp_path, "desk-b", False, central, capsys)
    monkeypatch.setattr(join, "PAGE", 500)
    calls = {"n": 0}
    real = join._customer

    def failing(customer_id: str, data: str) -> Any:
        calls["n"] += 1
        if calls["n"] == 1200:  # in the third page: two were inserted already
            raise CentralUnavailable("central database unreachable: OperationalError")
        return real(customer_id, data)

    monkeypatch.setattr(join, "_customer", failing)
    assert not sync(b, capsys)["online"]
    assert _state(b)[:2] == (0, 0)  # nothing half-written
    monkeypatch.setattr(join, "_customer", real)
    assert sync(b, capsys)["online"]
    assert _state(b)[0] == _central_count(central, "SELECT count(*) FROM central_customers")


def test_a_customer_row_central_cannot_read_is_skipped_and_the_rest_arrive(
        tmp_path: Path, central: str, capsys: Any) -> None:
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    assert sync(a, capsys)["online"]
    engine = create_engine(normalise_url(central))
    with engine.begin() as conn:  # damaged rows, as an administrator's bad import might
        conn.execute(text("INSERT INTO central_customers (id, data, clocks) VALUES"
                          " ('ZZ-1', 'not json', '{}'), ('ZZ-2', '[1, 2]', 'nonsense'),"
                          " ('ZZ-3', '{\"given_name\": \"=cmd|calc\", \"phone\": 7}',"
                          " '{\"phone\": \"not a clock|x\"}')"))
    engine.dispose()
    b = _desk(tmp_path, "desk-b", False, central, capsys)
    assert sync(b, capsys)["online"]
    held = _central_count(central, "SELECT count(*) FROM central_customers")
    assert _state(b)[0] == held - 2
    app = open_app(b)
    try:
        with app.uow() as uow:
            odd = uow.customers.get("ZZ-3")
    finally:
        app.close()
    assert odd is not None and (odd.given_name, odd.phone) == ("=cmd|calc", "7")


def test_only_a_registered_desk_may_read_the_customer_pages(
        tmp_path: Path, central: str, capsys: Any, pg_url: str) -> None:
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    app = open_app(a)
    role_url = terminal_url(app).replace("postgresql+psycopg", "postgresql")
    app.close()
    with psycopg.connect(role_url, autocommit=True) as conn:
        rows = conn.execute("SELECT * FROM leeway_customers_page('', 5)").fetchall()
        assert len(rows) == 5
        assert conn.execute("SELECT leeway_feed_head()").fetchone()[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM central_customers LIMIT 1")
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS leeway_join_outsider")
        admin.execute("CREATE ROLE leeway_join_outsider LOGIN")
        admin.execute("GRANT CONNECT ON DATABASE " + pg_url.rsplit("/", 1)[1]
                      + " TO leeway_join_outsider")
    outsider = pg_url.rsplit("/", 1)[0].rsplit("@", 1)[1]
    try:
        with psycopg.connect(f"postgresql://leeway_join_outsider@{outsider}/"
                             + pg_url.rsplit("/", 1)[1], autocommit=True) as conn:
            for sql in ("SELECT * FROM leeway_customers_page('', 5)",
                        "SELECT leeway_feed_head()",
                        "SELECT * FROM leeway_pull_other(0, 100, 5)"):
                # PUBLIC has no USAGE on the schema: the functions are out of its sight.
                with pytest.raises((psycopg.errors.InsufficientPrivilege,
                                    psycopg.errors.UndefinedFunction)):
                    conn.execute(sql)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("DROP OWNED BY leeway_join_outsider")
            admin.execute("DROP ROLE leeway_join_outsider")
