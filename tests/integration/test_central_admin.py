"""The central administrator's side, on a real PostgreSQL: publishing policies, a new
desk taking the published policy at registration, desks refusing local policy loads,
verifying every desk's chain centrally, and the central staff directory."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from integration_support import CliRunner
from sqlalchemy import create_engine, text

from pos_app.adapters.central.connect import normalise_url
from pos_app.bootstrap import init_terminal, open_app
from pos_app.domain.errors import AuthenticationFailed
from tests.integration.sync_support import new_central, register, sync

DEFAULT_POLICY = Path(__file__).resolve().parents[2] / "resources" / "policies" / "default.toml"


def _policy(tmp_path: Path, version: str, name: str = "Head office policy") -> Path:
    """The demo policy under another version (and name); returns the file."""
    document = DEFAULT_POLICY.read_text(encoding="utf-8")
    document = re.sub(r'(?m)^version = ".*"$', f'version = "{version}"', document, count=1)
    document = re.sub(r'(?m)^name = ".*"$', f'name = "{name}"', document, count=1)
    path = tmp_path / f"{version}-{abs(hash(name))}.toml"
    path.write_text(document, encoding="utf-8")
    return path


def _desk(tmp_path: Path, name: str, demo: bool, central: str, capsys: Any) -> Path:
    data_dir = tmp_path / name
    init_terminal(data_dir, terminal_id=name, demo=demo).close()
    register(data_dir, central, capsys)
    return data_dir


def _rows(url: str, sql: str, **params: Any) -> list[Any]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            return list(result.all()) if result.returns_rows else []
    finally:
        engine.dispose()


def _current_version(data_dir: Path) -> str | None:
    app = open_app(data_dir)
    try:
        with app.uow() as uow:
            return uow.policies.current_version()
    finally:
        app.close()


def _policy_rows(data_dir: Path) -> int:
    app = open_app(data_dir)
    try:
        with app.db.read_sessions() as s:
            return int(s.execute(text("SELECT count(*) FROM policy_versions")).scalar_one())
    finally:
        app.close()


def _sign_in(data_dir: Path, employee_id: str, pin: str) -> str:
    from pos_app.services.staff import sign_in

    app = open_app(data_dir)
    try:
        return sign_in(app.desk, employee_id, pin).name
    finally:
        app.close()


def test_a_published_policy_reaches_a_registered_desk_and_its_next_decision_records_it(
        tmp_path: Path, pg_url: str, cli: CliRunner, capsys: Any) -> None:
    from pos_app.services.granting import RecoveryAsk, grant_recovery

    central = new_central(pg_url)
    desk = _desk(tmp_path, "desk-a", True, central, capsys)
    sync(desk, capsys)  # the desk's own history goes first
    path = _policy(tmp_path, "2027.01-central")

    published = cli("central", "policy", "publish", str(path), "--url", central)
    assert (published.code, published.err) == (0, "")
    assert published.out.strip() == "Published policy 2027.01-central to 1 registered desks."
    (row,) = _rows(central, "SELECT version, document, published_by FROM central_policies"
                   " WHERE version = '2027.01-central'")
    assert row.document == path.read_text(encoding="utf-8")
    assert row.published_by  # the administrator's role
    (change,) = _rows(central, "SELECT key, data FROM central_changes WHERE kind = 'policy'"
                      " AND key = '2027.01-central'")
    assert json.loads(change.data) == {"version": "2027.01-central",
                                       "document": row.document}

    report = sync(desk, capsys)
    assert report["policy_applied"] == "2027.01-central"
    assert _current_version(desk) == "2027.01-central"
    app = open_app(desk)
    try:
        outcome = grant_recovery(app.desk, RecoveryAsk("1001", "C100060", "goodwill_credit",
                                                       "20.00", "service_delay"))
        assert outcome.decision is not None
        assert outcome.decision.policy_version == "2027.01-central"
    finally:
        app.close()

    # A version names one document for good; the same document again changes nothing.
    again = cli("central", "policy", "publish", str(path), "--url", central)
    assert again.code == 0 and "already published" in again.out
    other = _policy(tmp_path, "2027.01-central", name="Something else")
    refused = cli("central", "policy", "publish", str(other), "--url", central)
    assert refused.code == 1
    assert "already published with a different document" in refused.err
    assert len(_rows(central, "SELECT 1 FROM central_policies"
                     " WHERE version = '2027.01-central'")) == 1
    assert len(_rows(central, "SELECT 1 FROM central_changes WHERE kind = 'policy'"
                     " AND key = '2027.01-central'")) == 1


def test_a_desk_registering_later_receives_the_published_policy_and_changes_no_other(
        tmp_path: Path, pg_url: str, cli: CliRunner, capsys: Any) -> None:
    central = new_central(pg_url)
    first = _desk(tmp_path, "desk-a", True, central, capsys)
    own = _current_version(first)
    # The first desk of an empty central database published its own policy.
    assert [r.version for r in _rows(central, "SELECT version FROM central_policies")] == [
        own]
    sync(first, capsys)
    assert cli("central", "policy", "publish", str(_policy(tmp_path, "2027.02-hq")),
               "--url", central).code == 0
    sync(first, capsys)
    assert _current_version(first) == "2027.02-hq"
    rows_before = _policy_rows(first)

    second = tmp_path / "desk-b"
    init_terminal(second, terminal_id="desk-b").close()
    assert _current_version(second) != "2027.02-hq"
    registered = cli("terminal", "register", "--central", central, data_dir=second)
    assert registered.code == 0, registered.err
    assert "policy 2027.02-hq" in registered.out
    # In force at once, before any sync, loaded "by central".
    assert _current_version(second) == "2027.02-hq"
    app = open_app(second)
    try:
        with app.db.read_sessions() as s:
            loaded_by = s.execute(text("SELECT loaded_by FROM policy_versions"
                                       " ORDER BY id DESC LIMIT 1")).scalar_one()
        assert loaded_by == "central"
    finally:
        app.close()
    # Registering touched no other desk's policy, and nothing central about policies.
    assert _current_version(first) == "2027.02-hq"
    assert _policy_rows(first) == rows_before
    assert [r.version for r in _rows(central, "SELECT version FROM central_policies"
                                     " ORDER BY published_at")] == [own, "2027.02-hq"]

    sync(second, capsys)
    sync(first, capsys)
    assert _current_version(first) == "2027.02-hq"
    assert _current_version(second) == "2027.02-hq"


def test_policy_load_on_a_registered_desk_is_refused(
        tmp_path: Path, pg_url: str, cli: CliRunner, capsys: Any) -> None:
    central = new_central(pg_url)
    desk = _desk(tmp_path, "desk-a", False, central, capsys)
    before = _current_version(desk)
    result = cli("policy", "load", str(_policy(tmp_path, "2027.03-local")), data_dir=desk)
    assert result.code == 1
    assert result.err.strip() == (
        "This desk takes its policy from the central database; publish it with"
        " 'leeway central policy publish FILE --url URL'.")
    assert _current_version(desk) == before


def test_central_audit_verify_passes_then_names_the_altered_or_missing_event(
        tmp_path: Path, pg_url: str, cli: CliRunner, capsys: Any) -> None:
    central = new_central(pg_url)
    a = _desk(tmp_path, "desk-a", True, central, capsys)
    b = _desk(tmp_path, "desk-b", False, central, capsys)
    sync(a, capsys)
    sync(b, capsys)
    counts = {r.terminal_id: int(r.n) for r in _rows(
        central, "SELECT terminal_id, count(*) AS n FROM central_events GROUP BY terminal_id")}
    assert counts["desk-a"] >= 3 and counts["desk-b"] >= 1

    clean = cli("central", "audit", "verify", "--url", central, "--json")
    assert clean.code == 0, clean.err
    data = json.loads(clean.out)
    assert data["ok"] is True
    assert {t["id"]: t["events"] for t in data["terminals"]} == counts
    assert all(t["problem"] is None for t in data["terminals"])
    text_run = cli("central", "audit", "verify", "--url", central)
    assert text_run.code == 0
    assert text_run.out.strip() == (f"OK: {sum(counts.values())} events from 2 terminals"
                                    " verify.")

    (victim,) = _rows(central, "SELECT id FROM central_events WHERE terminal_id = 'desk-a'"
                      " AND seq = 3")
    _rows(central, "UPDATE central_events SET payload = :p WHERE id = :id",
          p='{"tampered":true}', id=victim.id)
    _rows(central, "DELETE FROM central_events WHERE terminal_id = 'desk-b' AND seq = :n",
          n=counts["desk-b"])
    broken = cli("central", "audit", "verify", "--url", central, "--json")
    assert broken.code == 4
    data = json.loads(broken.out)
    assert data["ok"] is False
    by_id = {t["id"]: t for t in data["terminals"]}
    assert (by_id["desk-a"]["seq"], by_id["desk-a"]["event_id"]) == (3, victim.id)
    assert "content was changed" in by_id["desk-a"]["problem"]
    assert by_id["desk-b"]["seq"] == counts["desk-b"]
    assert "events were removed" in by_id["desk-b"]["problem"]
    assert f"Terminal desk-a: chain broken at event 3 ({victim.id})" in broken.err
    assert "Terminal desk-b: chain broken" in broken.err


def test_staff_added_centrally_sign_in_at_a_desk_until_disabled(
        tmp_path: Path, pg_url: str, cli: CliRunner, capsys: Any) -> None:
    central = new_central(pg_url)
    no_policy = cli("central", "staff", "add", "--id", "8001", "--name", "Ana Lima",
                    "--tier", "manager", "--url", central, stdin="246810\n")
    assert no_policy.code == 1 and "Publish a policy first" in no_policy.err
    assert cli("central", "policy", "publish", str(_policy(tmp_path, "2027.04-hq")),
               "--url", central).code == 0
    # Before any desk registered: the shared staff key is made here, desks get it later.
    added = cli("central", "staff", "add", "--id", "8001", "--name", "Ana Lima", "--tier",
                "manager", "--url", central, stdin="246810\n")
    assert added.code == 0, added.err
    assert "246810" not in added.out + added.err
    (row,) = _rows(central, "SELECT * FROM central_staff")
    assert (row.employee_id, row.name, row.tier, row.active, row.home_terminal) == (
        "8001", "Ana Lima", "manager", True, None)
    assert row.pin_hash.startswith("staff:")
    (change,) = _rows(central, "SELECT data FROM central_changes WHERE kind = 'employee'")
    assert json.loads(change.data) == {"employee_id": "8001", "name": "Ana Lima",
                                       "tier": "manager", "active": True,
                                       "pin_hash": row.pin_hash}

    desk = _desk(tmp_path, "desk-a", False, central, capsys)
    sync(desk, capsys)
    assert _sign_in(desk, "8001", "246810") == "Ana Lima"

    assert cli("central", "staff", "pin", "8001", "--url", central,
               stdin="135791\n").code == 0
    sync(desk, capsys)
    with pytest.raises(AuthenticationFailed):
        _sign_in(desk, "8001", "246810")
    assert _sign_in(desk, "8001", "135791") == "Ana Lima"

    disabled = cli("central", "staff", "disable", "8001", "--url", central)
    assert disabled.code == 0, disabled.err
    assert _rows(central, "SELECT active FROM central_staff")[0].active is False
    sync(desk, capsys)
    with pytest.raises(AuthenticationFailed):
        _sign_in(desk, "8001", "135791")


def test_an_administrator_disables_staff_a_desk_added_at_every_desk(
        tmp_path: Path, pg_url: str, cli: CliRunner, capsys: Any) -> None:
    from pos_app.services.staff import add_employee

    central = new_central(pg_url)
    a = _desk(tmp_path, "desk-a", False, central, capsys)
    b = _desk(tmp_path, "desk-b", False, central, capsys)
    app = open_app(a)  # registered: the PIN is made with the shared staff key
    try:
        add_employee(app.desk, "7001", "Sam Reyes", "associate", "97531")
    finally:
        app.close()
    sync(a, capsys)
    sync(b, capsys)
    assert _sign_in(b, "7001", "97531") == "Sam Reyes"

    assert cli("central", "staff", "disable", "7001", "--url", central).code == 0
    (row,) = _rows(central, "SELECT * FROM central_staff")
    # Head office owns the record from now on: no desk can change it again.
    assert (row.name, row.tier, row.active, row.home_terminal) == (
        "Sam Reyes", "associate", False, None)
    sync(b, capsys)
    with pytest.raises(AuthenticationFailed):
        _sign_in(b, "7001", "97531")
    unknown = cli("central", "staff", "disable", "9999", "--url", central)
    assert unknown.code == 1 and "No employee 9999" in unknown.err


def test_the_administrators_commands_refuse_bad_input_and_write_nothing(
        tmp_path: Path, pg_url: str, cli: CliRunner, capsys: Any) -> None:
    central = new_central(pg_url)
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "x"\n', encoding="utf-8")
    assert cli("central", "policy", "publish", str(bad), "--url", central).code == 1
    assert _rows(central, "SELECT 1 FROM central_policies") == []
    assert cli("central", "policy", "publish", str(_policy(tmp_path, "2027.05-hq")),
               "--url", central).code == 0
    for args, stdin in (
            (["--id", "8002", "--name", "Bo", "--tier", "admiral"], "246810\n"),
            (["--id", "bad id", "--name", "Bo", "--tier", "associate"], "246810\n"),
            (["--id", "8002", "--name", "Bo", "--tier", "associate"], "12\n")):
        result = cli("central", "staff", "add", *args, "--url", central, stdin=stdin)
        assert result.code == 1, args
    assert _rows(central, "SELECT 1 FROM central_staff") == []
    assert _rows(central, "SELECT 1 FROM central_changes WHERE kind = 'employee'") == []
    sqlite = str(tmp_path / "central.sqlite3")
    result = cli("central", "audit", "verify", "--url", sqlite)
    assert result.code == 1 and "PostgreSQL" in result.err
