"""A stolen till cannot change the rules or the staff of the other desks.

The till's own database and its central role are in the attacker's hands: it can write
any event into its own chain and push it. What it must not achieve is a policy or a
staff member that another desk then trusts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from pos_app.adapters.central.connect import normalise_url
from pos_app.bootstrap import DEFAULT_POLICY, init_terminal, open_app
from pos_app.services.employees import add_employee, change_pin
from pos_app.services.policy_store import load_policy
from tests.integration.sync_support import new_central, register, sync


def _desk(tmp_path: Path, name: str, central: str, capsys: Any) -> Path:
    desk = tmp_path / name
    init_terminal(desk, terminal_id=name, demo=True).close()
    register(desk, central, capsys)
    assert sync(desk, capsys)["online"]
    return desk


def _policy_version(desk: Path) -> str:
    app = open_app(desk)
    try:
        return app.policy().version
    finally:
        app.close()


def test_a_forged_policy_or_staff_change_from_a_desk_is_never_applied_elsewhere(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    honest = _desk(tmp_path, "desk-honest", central, capsys)
    stolen = _desk(tmp_path, "desk-stolen", central, capsys)
    published = _policy_version(honest)

    # The thief writes, straight into the stolen till's chain: a looser policy, a new
    # general manager with a PIN they know, and a new PIN for a manager of the honest
    # desk's directory.
    app = open_app(stolen)
    try:
        with app.uow(write=True) as uow:
            forged = DEFAULT_POLICY.read_text(encoding="utf-8").replace(
                'version = "2026.11-demo"', 'version = "forged"').replace(
                'refund = "150.00"', 'refund = "200.00"', 1)
            load_policy(uow, forged, loaded_by="1001")
            add_employee(uow, app.hasher, app.policy(), "6666", "Mallory", "general_manager",
                         "6666", added_by="1001")
            change_pin(uow, app.hasher, app.policy(), "4001", "9999", manager_id="5001",
                       manager_pin="5937")
            uow.commit()
    finally:
        app.close()
    report = sync(stolen, capsys)
    assert report["online"] and report["pending"] == 0  # central took the events...
    assert sync(honest, capsys)["online"]
    # ...and applied none of them for anyone else.
    assert _policy_version(honest) == published
    app = open_app(honest)
    try:
        with app.uow() as uow:
            assert uow.employees.get("6666") is None
            manager = uow.employees.get("4001")
        assert manager is not None
        assert app.hasher.verify(manager.pin_hash, "4826")  # the honest desk's PIN stands
        assert not app.hasher.verify(manager.pin_hash, "9999")
    finally:
        app.close()
    engine = create_engine(normalise_url(central))
    try:
        with engine.connect() as conn:
            kinds = {r[0] for r in conn.execute(text(
                "SELECT kind FROM central_changes WHERE key IN ('forged', '6666')"))}
            limits = dict(conn.execute(text("SELECT name, value FROM central_limits")).all())
    finally:
        engine.dispose()
    assert kinds == set()  # nothing about them reached the feed other desks pull
    assert limits["customer_budget"] == 200_000  # the published caps are unchanged


def test_a_new_desk_gets_the_published_policy_and_changes_no_other(
        tmp_path: Path, pg_url: str, capsys: Any) -> None:
    central = new_central(pg_url)
    first = _desk(tmp_path, "desk-1", central, capsys)
    before = _policy_version(first)
    # A later desk starts with a different local policy; joining must not spread it.
    later = tmp_path / "desk-2"
    init_terminal(later, terminal_id="desk-2", demo=True).close()
    app = open_app(later)
    with app.uow(write=True) as uow:
        load_policy(uow, DEFAULT_POLICY.read_text(encoding="utf-8").replace(
            'version = "2026.11-demo"', 'version = "local-only"'))
        uow.commit()
    app.close()
    register(later, central, capsys)
    assert sync(later, capsys)["online"]
    assert sync(first, capsys)["online"]
    assert _policy_version(first) == before
    assert _policy_version(later) == before  # it received the published one
