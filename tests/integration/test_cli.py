"""The operations command line as scripts use it: exit codes, JSON, stderr, no partial writes.

Commands run in-process through ``pos_app.cli.main`` (PINs on a fake stdin); a few run
the installed ``leeway`` executable end to end.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from integration_support import (
    ASSOCIATE,
    ASSOCIATE_PIN,
    FRESH_CUSTOMER,
    GM,
    GM_PIN,
    MANAGER,
    MANAGER_PIN,
    SUPERVISOR,
    SUPERVISOR_PIN,
    CliRunner,
    Result,
    connect,
    db_path,
    event_types_after,
    scalar,
    snapshot,
)

from pos_app.bootstrap import DEFAULT_POLICY
from pos_app.services.export import FIELDS

LEEWAY = Path(sys.executable).with_name("leeway")
DEMO_EMPLOYEES = ["1001", "1002", "2001", "3001", "4001", "5001"]


def decide(cli: CliRunner, data_dir: Path, *extra: str, employee: str = ASSOCIATE,
           customer: str = FRESH_CUSTOMER, action: str = "fee_waiver", amount: str = "40.00",
           reason: str = "service_delay", pins: str = ASSOCIATE_PIN + "\n") -> Result:
    return cli("decide", "--employee", employee, "--customer", customer, "--action", action,
               "--amount", amount, "--reason", reason, *extra, stdin=pins, data_dir=data_dir)


def last_seq(data_dir: Path) -> int:
    value = scalar(data_dir, "SELECT last_seq FROM terminal")
    assert isinstance(value, int)
    return value


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


# --- init ------------------------------------------------------------------------------


def test_init_creates_an_empty_terminal(cli: CliRunner, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    result = cli("init", "--terminal-id", "front-1", "--store", "Harbor Inn", data_dir=desk)
    assert result.code == 0, result.err
    assert result.out.strip() == (f"Initialised terminal front-1 (Harbor Inn) in {desk}"
                                  " with 0 customers.")
    listing = cli("employees", "list", data_dir=desk)
    assert (listing.code, listing.out.strip()) == (0, "No employees.")
    head = json.loads(cli("audit", "head", "--json", data_dir=desk).out)
    assert head["terminal_id"] == "front-1" and head["seq"] >= 1
    assert cli("audit", "verify", data_dir=desk).code == 0


def test_init_twice_is_refused_and_changes_nothing(cli: CliRunner, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    assert cli("init", "--terminal-id", "front-1", data_dir=desk).code == 0
    before_bytes = db_path(desk).read_bytes()
    before = snapshot(desk)

    again = cli("init", "--demo", "--terminal-id", "other", data_dir=desk)

    assert again.code == 1
    assert "already holds a terminal" in one_line(again.err)
    assert snapshot(desk) == before
    assert db_path(desk).read_bytes() == before_bytes


@pytest.mark.parametrize("terminal_id", ["has space", "-leading-dash", "x" * 65, "ünï"])
def test_init_with_a_bad_terminal_id_creates_nothing(cli: CliRunner, tmp_path: Path,
                                                     terminal_id: str) -> None:
    desk = tmp_path / "desk"
    result = cli("init", f"--terminal-id={terminal_id}", data_dir=desk)
    assert result.code == 1
    assert "terminal ID" in one_line(result.err)
    assert not db_path(desk).exists()


def test_init_demo_has_staff_customers_and_history(cli: CliRunner, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    result = cli("init", "--demo", "--terminal-id", "demo-1", data_dir=desk)
    assert result.code == 0, result.err
    assert result.out.strip().endswith("with 3000 customers.")
    staff = json.loads(cli("employees", "list", "--json", data_dir=desk).out)
    assert [e["id"] for e in staff] == DEMO_EMPLOYEES
    exported = json.loads(cli("export", "decisions", "--format", "json", data_dir=desk).out)
    assert len(exported) == 5
    assert cli("audit", "verify", data_dir=desk).code == 0


def test_commands_on_a_folder_without_a_terminal_exit_1(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("employees", "list", data_dir=tmp_path / "nothing-here")
    assert result.code == 1
    assert "leeway init" in one_line(result.err)


# --- employees -------------------------------------------------------------------------


def test_employees_add_reads_the_pin_from_stdin(cli: CliRunner, demo_dir: Path) -> None:
    result = cli("employees", "add", "--id", "1010", "--name", "  Åsa Nyström ", "--tier",
                 "senior", stdin="918273\n", data_dir=demo_dir)
    assert result.code == 0, result.err
    assert result.out.strip() == "Added Åsa Nyström (1010) as senior."
    staff = json.loads(cli("employees", "list", "--json", data_dir=demo_dir).out)
    assert {"id": "1010", "name": "Åsa Nyström", "tier": "senior", "active": True} in staff
    assert "918273" not in db_path(demo_dir).read_bytes().decode("latin-1")  # hashed
    # The new employee can use that PIN at once (a senior's fee waiver limit is $150).
    used = decide(cli, demo_dir, "--note", "late checkout", "--json", employee="1010",
                  amount="120", pins="918273\n")
    assert used.code == 0, used.err
    assert json.loads(used.out)["employee"] == "1010"


@pytest.mark.parametrize(("args", "pin", "message"), [
    (("--id", "1011", "--name", "Short Pin", "--tier", "associate"), "12", "at least 4"),
    (("--id", "1011", "--name", "Letters", "--tier", "associate"), "12ab", "digits only"),
    (("--id", "1011", "--name", "No Pin", "--tier", "associate"), "", "standard input"),
    (("--id", "1011", "--name", "Boss", "--tier", "overlord"), "1234", "Unknown tier"),
    (("--id", "1001", "--name", "Twin", "--tier", "associate"), "1234", "already exists"),
    (("--id", "bad id!", "--name", "X", "--tier", "associate"), "1234", "employee ID"),
    (("--id", "1011", "--name", "   ", "--tier", "associate"), "1234", "name"),
])
def test_employees_add_refusals_change_nothing(cli: CliRunner, demo_dir: Path,
                                               args: tuple[str, ...], pin: str,
                                               message: str) -> None:
    before = snapshot(demo_dir)
    result = cli("employees", "add", *args, stdin=pin + "\n" if pin else "", data_dir=demo_dir)
    assert result.code == 1
    assert message in one_line(result.err)
    assert snapshot(demo_dir) == before


def test_employees_list_json(cli: CliRunner, demo_dir: Path) -> None:
    result = cli("employees", "list", "--json", data_dir=demo_dir)
    assert result.code == 0
    staff = json.loads(result.out)
    assert [(e["id"], e["tier"]) for e in staff] == [
        ("1001", "associate"), ("1002", "associate"), ("2001", "senior"),
        ("3001", "supervisor"), ("4001", "manager"), ("5001", "general_manager")]
    assert all(set(e) == {"id", "name", "tier", "active"} and e["active"] for e in staff)
    text = cli("employees", "list", data_dir=demo_dir).out.splitlines()
    assert len(text) == 6 and text[0].startswith("1001")


# --- policy ----------------------------------------------------------------------------


def test_policy_show_json(cli: CliRunner, demo_dir: Path) -> None:
    result = cli("policy", "show", "--json", data_dir=demo_dir)
    assert result.code == 0
    policy = json.loads(result.out)
    assert policy["version"] == "2026.11-demo"
    assert policy["currency"] == "USD"
    assert policy["tiers"] == ["associate", "senior", "supervisor", "manager",
                               "general_manager"]
    assert set(policy["actions"]) == {"refund", "goodwill_credit", "discount_voucher",
                                      "fee_waiver", "replacement"}
    assert policy["limits"]["associate"]["per_action"]["refund"] == "150.00"
    assert policy["limits"]["manager"]["can_approve"] is True
    assert policy["customer_budget"] == {"amount": "2000.00", "days": 365}
    assert {"service_delay", "billing_error", "product_defect", "staff_conduct",
            "facility_issue", "other"} <= set(policy["reasons"])


def _policy_file(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = DEFAULT_POLICY.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_policy_load_activates_a_new_version(cli: CliRunner, demo_dir: Path,
                                             tmp_path: Path) -> None:
    # Before: $180 is over an associate's $150 refund limit.
    assert decide(cli, demo_dir, "--note", "overcharge", action="refund", amount="180",
                  reason="billing_error").code == 3
    path = _policy_file(tmp_path, "store.toml",
                        ('version = "2026.11-demo"', 'version = "2026.12-harbor"'),
                        ('refund = "150.00"', 'refund = "200.00"'))
    result = cli("policy", "load", str(path), data_dir=demo_dir)
    assert (result.code, result.out.strip()) == (0, "Loaded policy 2026.12-harbor.")
    shown = json.loads(cli("policy", "show", "--json", data_dir=demo_dir).out)
    assert shown["version"] == "2026.12-harbor"
    assert shown["limits"]["associate"]["per_action"]["refund"] == "200.00"
    # After: the same request is within authority, and judged under the new version.
    after = decide(cli, demo_dir, "--note", "overcharge", "--json", action="refund",
                   amount="180", reason="billing_error")
    assert after.code == 0, after.err
    assert json.loads(after.out)["policy_version"] == "2026.12-harbor"
    assert "policy.loaded" in event_types_after(demo_dir, 0)


@pytest.mark.parametrize(("name", "replacements", "content", "message"), [
    ("malformed", (), 'version = "unterminated\n[limits\n', "not valid TOML"),
    ("tier-above-next", (('refund = "150.00"', 'refund = "260.00"'),), None,
     "limits.associate.per_action.refund"),
    ("unknown-action", (("[actions.fee_waiver]", "[actions.teleport]"),), None,
     "actions.teleport"),
    ("unknown-tier-limits", (("[limits.senior]", "[limits.intern]"),), None, "limits.intern"),
    ("float-amount", (('shift_cap = "300.00"', "shift_cap = 300.0"),), None,
     "limits.associate.shift_cap"),
    ("no-version", (('version = "2026.11-demo"', ""),), None, "version"),
])
def test_policy_load_refusals_keep_the_active_policy(
    cli: CliRunner, demo_dir: Path, tmp_path: Path, name: str,
    replacements: tuple[tuple[str, str], ...], content: str | None, message: str,
) -> None:
    if content is None:
        path = _policy_file(tmp_path, f"{name}.toml", *replacements)
    else:
        path = tmp_path / f"{name}.toml"
        path.write_text(content, encoding="utf-8")
    shown_before = cli("policy", "show", "--json", data_dir=demo_dir).out
    before = snapshot(demo_dir)

    result = cli("policy", "load", str(path), data_dir=demo_dir)

    assert result.code == 1
    assert message in one_line(result.err)
    assert snapshot(demo_dir) == before
    assert cli("policy", "show", "--json", data_dir=demo_dir).out == shown_before


def test_policy_load_of_a_binary_or_missing_file(cli: CliRunner, demo_dir: Path,
                                                 tmp_path: Path) -> None:
    binary = tmp_path / "policy.toml"
    binary.write_bytes(b"version = \"\xff\xfe\"\n")
    before = snapshot(demo_dir)
    for path in (binary, tmp_path / "absent.toml"):
        result = cli("policy", "load", str(path), data_dir=demo_dir)
        assert result.code == 1
        assert str(path) in one_line(result.err)
    assert snapshot(demo_dir) == before


# --- decide ----------------------------------------------------------------------------


def test_decide_within_authority(cli: CliRunner, demo_dir: Path) -> None:
    seq = last_seq(demo_dir)
    result = decide(cli, demo_dir, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["outcome"] == "allowed"
    assert (data["amount"], data["currency"], data["employee"]) == ("40.00", "USD", ASSOCIATE)
    assert data["approver"] is None
    stored = scalar(demo_dir, "SELECT amount_minor FROM decisions WHERE id = ?",
                    data["decision_id"])
    assert stored == 4000
    assert scalar(demo_dir, "SELECT type FROM events WHERE id = ?",
                  data["event_id"]) == "decision.recorded"
    assert event_types_after(demo_dir, seq) == ["sign_in.ok", "decision.recorded"]

    text = decide(cli, demo_dir, amount="10")
    assert text.code == 0
    assert text.out.startswith("Recorded: fee_waiver of $10.00 for C100010 (decision ")


def test_decide_over_authority_needs_approval(cli: CliRunner, demo_dir: Path) -> None:
    decisions = scalar(demo_dir, "SELECT count(*) FROM decisions")
    seq = last_seq(demo_dir)
    result = decide(cli, demo_dir, "--note", "double charged", "--json", action="refund",
                    amount="400", reason="billing_error")
    assert result.code == 3
    data = json.loads(result.out)
    assert data["outcome"] == "needs_approval"
    assert data["approver_tier"] == "manager"
    assert "decision_id" not in data
    assert one_line(result.err).startswith("Needs approval from a manager or above:")
    assert "$150.00 limit" in result.err
    assert scalar(demo_dir, "SELECT count(*) FROM decisions") == decisions
    # Only the audit record of who signed in; no decision.
    assert event_types_after(demo_dir, seq) == ["sign_in.ok"]


def test_decide_with_a_sufficient_approver(cli: CliRunner, demo_dir: Path) -> None:
    seq = last_seq(demo_dir)
    result = decide(cli, demo_dir, "--note", "double charged", "--approver", MANAGER,
                    "--json", action="refund", amount="400", reason="billing_error",
                    pins=f"{ASSOCIATE_PIN}\n{MANAGER_PIN}\n")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["outcome"], data["approver"]) == ("allowed", MANAGER)
    row = connect(demo_dir).execute(
        "SELECT employee_id, approver_id, amount_minor FROM decisions WHERE id = ?",
        (data["decision_id"],)).fetchone()
    assert row == (ASSOCIATE, MANAGER, 40000)
    types = event_types_after(demo_dir, seq)
    assert types[:2] == ["sign_in.ok", "approval.ok"]
    assert types[-1] == "decision.recorded"
    assert set(types[2:-1]) <= {"approval.granted"}
    exported = json.loads(cli("export", "decisions", "--format", "json",
                              data_dir=demo_dir).out)
    assert [d["approver_id"] for d in exported if d["decision_id"] == data["decision_id"]] \
        == [MANAGER]


def test_decide_with_an_approver_of_too_low_a_tier(cli: CliRunner, demo_dir: Path) -> None:
    decisions = scalar(demo_dir, "SELECT count(*) FROM decisions")
    result = decide(cli, demo_dir, "--note", "double charged", "--approver", SUPERVISOR,
                    action="refund", amount="400", reason="billing_error",
                    pins=f"{ASSOCIATE_PIN}\n{SUPERVISOR_PIN}\n")
    assert result.code == 3
    assert "A supervisor cannot approve this; it needs a manager or above." in result.err
    assert scalar(demo_dir, "SELECT count(*) FROM decisions") == decisions


def test_decide_with_the_approvers_wrong_pin(cli: CliRunner, demo_dir: Path) -> None:
    decisions = scalar(demo_dir, "SELECT count(*) FROM decisions")
    seq = last_seq(demo_dir)
    result = decide(cli, demo_dir, "--note", "x", "--approver", GM, action="refund",
                    amount="400", reason="billing_error", pins=f"{ASSOCIATE_PIN}\n0000\n")
    assert result.code == 1
    assert one_line(result.err).endswith("That employee ID and PIN do not match.")
    assert scalar(demo_dir, "SELECT count(*) FROM decisions") == decisions
    assert event_types_after(demo_dir, seq) == ["sign_in.ok", "approval.failed"]
    ok = decide(cli, demo_dir, "--note", "x", "--approver", GM, action="refund",
                amount="400", reason="billing_error", pins=f"{ASSOCIATE_PIN}\n{GM_PIN}\n")
    assert ok.code == 0, ok.err


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"action": "refund", "amount": "50000", "reason": "billing_error"},
     "more than any tier here may approve"),
    ({"action": "refund", "amount": "120", "reason": "billing_error", "note": None},
     "A note is required"),
])
def test_decide_refused(cli: CliRunner, demo_dir: Path, kwargs: dict[str, Any],
                        message: str) -> None:
    decisions = scalar(demo_dir, "SELECT count(*) FROM decisions")
    seq = last_seq(demo_dir)
    note = kwargs.pop("note", "reason given")
    extra = ("--note", note) if note else ()
    result = decide(cli, demo_dir, *extra, "--json", **kwargs)
    assert result.code == 1
    assert json.loads(result.out)["outcome"] == "refused"
    assert one_line(result.err).startswith("Refused:")
    assert message in result.err
    assert scalar(demo_dir, "SELECT count(*) FROM decisions") == decisions
    # A refusal keeps the audit record of who asked, and nothing else.
    assert event_types_after(demo_dir, seq) == ["sign_in.ok"]


@pytest.mark.parametrize(("employee", "pin"), [(ASSOCIATE, "0000"), (ASSOCIATE, "25800"),
                                               ("9999", "2580"), ("nobody", "1234")])
def test_decide_wrong_pin_or_unknown_employee(cli: CliRunner, demo_dir: Path, employee: str,
                                              pin: str) -> None:
    decisions = scalar(demo_dir, "SELECT count(*) FROM decisions")
    seq = last_seq(demo_dir)
    result = decide(cli, demo_dir, employee=employee, pins=pin + "\n")
    assert result.code == 1
    # The same words whether the ID exists or not.
    assert one_line(result.err) == "That employee ID and PIN do not match."
    assert result.out == ""
    assert scalar(demo_dir, "SELECT count(*) FROM decisions") == decisions
    assert event_types_after(demo_dir, seq) == ["sign_in.failed"]


def test_five_wrong_pins_lock_the_account(cli: CliRunner, demo_dir: Path) -> None:
    for _ in range(5):
        assert decide(cli, demo_dir, pins="0000\n").code == 1
    locked = decide(cli, demo_dir)  # the right PIN, too late
    assert locked.code == 1
    assert "locked" in one_line(locked.err)
    assert cli("employees", "unlock", ASSOCIATE, data_dir=demo_dir).code == 0
    assert decide(cli, demo_dir).code == 0


BAD_INPUT = [
    pytest.param({"customer": "C999999"}, "No customer with ID C999999", id="customer"),
    pytest.param({"reason": "felt_like_it"}, "Unknown reason code", id="reason"),
    pytest.param({"action": "teleport"}, "Unknown action", id="action"),
    pytest.param({"extra": ("--approver", ASSOCIATE)}, "approver cannot be", id="self-approval"),
    pytest.param({"extra": ("--note", "x" * 2001)}, "note is too long", id="long-note"),
    *(pytest.param({"amount": a}, "", id=f"amount[{a}]") for a in
      ["-1", "0", "0.00", "1e309", "NaN", "Infinity", "12,50", "10^15", "0.001", "", "  ",
       "1,0000", "$5", "5 USD", "0x10", "1_000", "99999999999999999999999",
       "10000000.01", "\u22125"]),
]


@pytest.mark.parametrize(("kwargs", "message"), BAD_INPUT)
def test_decide_bad_input_leaves_the_database_exactly_as_before(
    cli: CliRunner, demo_dir: Path, kwargs: dict[str, Any], message: str,
) -> None:
    before = snapshot(demo_dir)
    extra = kwargs.pop("extra", ())
    result = decide(cli, demo_dir, *extra, **kwargs)
    assert result.code == 1, result
    assert message in one_line(result.err)
    assert snapshot(demo_dir) == before


def test_decide_bad_input_is_refused_before_asking_for_a_pin(cli: CliRunner,
                                                             demo_dir: Path) -> None:
    before = snapshot(demo_dir)
    result = decide(cli, demo_dir, customer="C999999", pins="")  # no PIN to read
    assert result.code == 1
    assert "No customer" in result.err
    assert snapshot(demo_dir) == before


def test_decide_without_a_pin_on_stdin(cli: CliRunner, demo_dir: Path) -> None:
    before = snapshot(demo_dir)
    result = decide(cli, demo_dir, pins="")
    assert result.code == 1
    assert "standard input" in one_line(result.err)
    assert snapshot(demo_dir) == before


# --- audit -----------------------------------------------------------------------------


def _tamper(data_dir: Path, sql: str, *params: Any) -> None:
    conn = sqlite3.connect(db_path(data_dir))
    with conn:
        conn.execute(sql, params)
    conn.close()


def _events(data_dir: Path) -> list[tuple[int, str, str]]:
    conn = connect(data_dir)
    try:
        return conn.execute("SELECT seq, id, payload FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()


def test_audit_verify_untouched(cli: CliRunner, demo_dir: Path) -> None:
    assert decide(cli, demo_dir).code == 0
    count = scalar(demo_dir, "SELECT count(*) FROM events")
    result = cli("audit", "verify", data_dir=demo_dir)
    assert (result.code, result.out.strip()) == (0, f"OK: {count} events verify.")
    data = json.loads(cli("audit", "verify", "--json", data_dir=demo_dir).out)
    assert data == {"ok": True, "events": count}


def test_audit_verify_detects_an_edited_event(cli: CliRunner, demo_dir: Path) -> None:
    decided = json.loads(decide(cli, demo_dir, "--json").out)
    seq, payload = connect(demo_dir).execute(
        "SELECT seq, payload FROM events WHERE id = ?", (decided["event_id"],)).fetchone()
    assert '"amount_minor":4000' in payload
    _tamper(demo_dir, "UPDATE events SET payload = ? WHERE id = ?",
            payload.replace('"amount_minor":4000', '"amount_minor":400'), decided["event_id"])

    result = cli("audit", "verify", data_dir=demo_dir)
    assert result.code == 4
    line = one_line(result.err)
    assert f"Event {seq} ({decided['event_id']})" in line
    assert "changed" in line
    data = json.loads(cli("audit", "verify", "--json", data_dir=demo_dir).out)
    assert (data["ok"], data["seq"], data["event_id"]) == (False, seq, decided["event_id"])


@pytest.mark.parametrize("column", ["actor", "type", "occurred_at", "hash"])
def test_audit_verify_detects_edits_to_any_column(cli: CliRunner, demo_dir: Path,
                                                  column: str) -> None:
    seq, event_id, _ = _events(demo_dir)[3]
    _tamper(demo_dir, f"UPDATE events SET {column} = ? WHERE id = ?", "5001", event_id)
    result = cli("audit", "verify", data_dir=demo_dir)
    assert result.code == 4
    assert f"Event {seq} " in result.err or f"Event {seq + 1} " in result.err


def test_audit_verify_detects_a_deleted_event(cli: CliRunner, demo_dir: Path) -> None:
    events = _events(demo_dir)
    seq, event_id, _ = events[4]
    _tamper(demo_dir, "DELETE FROM outbox WHERE event_id = ?", event_id)
    _tamper(demo_dir, "DELETE FROM events WHERE id = ?", event_id)
    result = cli("audit", "verify", data_dir=demo_dir)
    assert result.code == 4
    next_seq, next_id, _ = events[5]
    assert f"Event {next_seq} ({next_id})" in one_line(result.err)
    assert f"event {seq} missing" in result.err


def test_audit_verify_detects_a_truncated_log(cli: CliRunner, demo_dir: Path) -> None:
    seq, event_id, _ = _events(demo_dir)[-1]
    _tamper(demo_dir, "DELETE FROM outbox WHERE event_id = ?", event_id)
    _tamper(demo_dir, "DELETE FROM events WHERE id = ?", event_id)
    result = cli("audit", "verify", data_dir=demo_dir)
    assert result.code == 4
    assert f"Event {seq} " in one_line(result.err)
    assert "truncated" in result.err


def test_audit_verify_detects_swapped_payloads(cli: CliRunner, demo_dir: Path) -> None:
    events = _events(demo_dir)
    (seq_a, id_a, payload_a), (_, id_b, payload_b) = events[2], events[3]
    assert payload_a != payload_b
    _tamper(demo_dir, "UPDATE events SET payload = ? WHERE id = ?", payload_b, id_a)
    _tamper(demo_dir, "UPDATE events SET payload = ? WHERE id = ?", payload_a, id_b)
    result = cli("audit", "verify", data_dir=demo_dir)
    assert result.code == 4
    assert f"Event {seq_a} ({id_a})" in one_line(result.err)


def test_audit_verify_detects_a_rewritten_head(cli: CliRunner, demo_dir: Path) -> None:
    _tamper(demo_dir, "UPDATE terminal SET head_hash = ?", "f" * 64)
    result = cli("audit", "verify", data_dir=demo_dir)
    assert result.code == 4
    assert "head" in one_line(result.err)


def test_audit_head_json(cli: CliRunner, demo_dir: Path) -> None:
    head = json.loads(cli("audit", "head", "--json", data_dir=demo_dir).out)
    seq, event_hash = connect(demo_dir).execute(
        "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    assert head == {"terminal_id": "test-desk", "seq": seq, "hash": event_hash}
    assert decide(cli, demo_dir).code == 0
    moved = json.loads(cli("audit", "head", "--json", data_dir=demo_dir).out)
    assert moved["seq"] == seq + 2  # sign-in, then the decision
    assert moved["hash"] != event_hash
    text = cli("audit", "head", data_dir=demo_dir).out.split()
    assert text == ["test-desk", str(moved["seq"]), moved["hash"]]


# --- export ----------------------------------------------------------------------------


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_decisions_csv_and_json_agree(cli: CliRunner, demo_dir: Path) -> None:
    made = json.loads(decide(cli, demo_dir, "--note", "Late checkout, 2 h", "--json").out)
    as_csv = cli("export", "decisions", data_dir=demo_dir)
    as_json = cli("export", "decisions", "--format", "json", data_dir=demo_dir)
    assert as_csv.code == as_json.code == 0
    assert as_csv.out.splitlines()[0] == ",".join(FIELDS)
    rows, records = _csv(as_csv.out), json.loads(as_json.out)
    assert len(rows) == len(records) == 6
    assert rows == records
    mine = next(r for r in records if r["decision_id"] == made["decision_id"])
    assert mine | {"decided_at": ""} == {
        "decision_id": made["decision_id"], "decided_at": "", "customer_id": FRESH_CUSTOMER,
        "employee_id": ASSOCIATE, "approver_id": "", "action": "fee_waiver",
        "amount": "40.00", "currency": "USD", "reason": "service_delay",
        "note": "Late checkout, 2 h", "policy_version": "2026.11-demo"}
    assert mine["decided_at"].endswith("Z")
    assert [r["decided_at"] for r in records] == sorted(r["decided_at"] for r in records)


def test_export_neutralises_formulas_in_csv_only(cli: CliRunner, demo_dir: Path) -> None:
    formula = '=HYPERLINK("http://x","y")'
    assert decide(cli, demo_dir, "--note", formula).code == 0
    rows = _csv(cli("export", "decisions", data_dir=demo_dir).out)
    records = json.loads(cli("export", "decisions", "--format", "json", data_dir=demo_dir).out)
    assert rows[-1]["note"] == "'" + formula
    assert records[-1]["note"] == formula


def test_export_since(cli: CliRunner, demo_dir: Path) -> None:
    made = json.loads(decide(cli, demo_dir, "--json").out)
    today = datetime.now(UTC).date()
    recent = json.loads(cli("export", "decisions", "--format", "json", "--since",
                            (today - timedelta(days=1)).isoformat(), data_dir=demo_dir).out)
    assert [r["decision_id"] for r in recent] == [made["decision_id"]]  # demo ones are older
    everything = json.loads(cli("export", "decisions", "--format", "json", "--since",
                                "2000-01-01", data_dir=demo_dir).out)
    assert len(everything) == 6
    future = cli("export", "decisions", "--since", (today + timedelta(days=2)).isoformat(),
                 data_dir=demo_dir)
    assert future.code == 0
    assert future.out.strip() == ",".join(FIELDS)


def test_export_since_honours_a_utc_offset(cli: CliRunner, demo_dir: Path) -> None:
    made = json.loads(decide(cli, demo_dir, "--json").out)
    soon = datetime.now(UTC) + timedelta(minutes=30)
    new_york = timezone(timedelta(hours=-5))
    # 30 minutes from now, written as New York local time: after the decision.
    after = soon.astimezone(new_york).isoformat(timespec="seconds")
    before = (soon - timedelta(hours=1)).astimezone(new_york).isoformat(timespec="seconds")
    out_after = json.loads(cli("export", "decisions", "--format", "json", "--since", after,
                               data_dir=demo_dir).out)
    out_before = json.loads(cli("export", "decisions", "--format", "json", "--since", before,
                                data_dir=demo_dir).out)
    assert out_after == []
    assert [r["decision_id"] for r in out_before] == [made["decision_id"]]


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", "01/02/2026", "now"])
def test_export_since_rejects_non_dates(cli: CliRunner, demo_dir: Path, since: str) -> None:
    result = cli("export", "decisions", "--since", since, data_dir=demo_dir)
    assert result.code == 1
    assert "is not a date" in one_line(result.err)


# --- usage errors ------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ("frobnicate",),
    ("decide", "--employee", "1001"),
    ("export", "decisions", "--format", "xml"),
    ("import",),
    ("import", "employees", "x.csv"),
    ("employees", "add", "--id", "1"),
    ("policy",),
    ("audit", "verify", "--everything"),
    ("--no-such-flag",),
])
def test_usage_errors_exit_2_and_change_nothing(cli: CliRunner, demo_dir: Path,
                                                argv: tuple[str, ...]) -> None:
    before = snapshot(demo_dir)
    result = cli(*argv, data_dir=demo_dir)
    assert result.code == 2
    assert "usage: leeway" in result.err
    assert snapshot(demo_dir) == before


# --- the real executable -----------------------------------------------------------------


def _leeway(*args: str, stdin: str = "", data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LEEWAY_DATA_DIR"}
    env["LEEWAY_INSECURE_FILE_KEYRING"] = "1"
    return subprocess.run([str(LEEWAY), "--data-dir", str(data_dir), *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def test_end_to_end_with_the_installed_command(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    init = _leeway("init", "--demo", "--terminal-id", "e2e-desk", data_dir=desk)
    assert init.returncode == 0, init.stderr
    assert "with 3000 customers" in init.stdout

    over = _leeway("decide", "--employee", ASSOCIATE, "--customer", FRESH_CUSTOMER,
                   "--action", "refund", "--amount", "400", "--reason", "billing_error",
                   "--note", "double charged", stdin=ASSOCIATE_PIN + "\n", data_dir=desk)
    assert over.returncode == 3
    assert over.stdout == ""

    approved = _leeway("decide", "--employee", ASSOCIATE, "--customer", FRESH_CUSTOMER,
                       "--action", "refund", "--amount", "400", "--reason", "billing_error",
                       "--note", "double charged", "--approver", MANAGER, "--json",
                       stdin=f"{ASSOCIATE_PIN}\n{MANAGER_PIN}\n", data_dir=desk)
    assert approved.returncode == 0, approved.stderr
    decision_id = json.loads(approved.stdout)["decision_id"]

    exported = _leeway("export", "decisions", "--format", "json", data_dir=desk)
    assert decision_id in [r["decision_id"] for r in json.loads(exported.stdout)]
    assert _leeway("audit", "verify", data_dir=desk).returncode == 0

    usage = _leeway("decide", data_dir=desk)
    assert usage.returncode == 2
    assert "usage:" in usage.stderr

    again = _leeway("init", data_dir=desk)
    assert again.returncode == 1
    assert len(again.stderr.strip().splitlines()) == 1  # one line, no traceback
