"""Review and learning through the real command line on a real desk (SQLite file):
reports as text, JSON and CSV, recognition and its notice at sign-in, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from integration_support import (
    ASSOCIATE,
    ASSOCIATE_PIN,
    MANAGER,
    MANAGER_PIN,
    SUPERVISOR,
    SUPERVISOR_PIN,
    CliRunner,
    scalar,
)

HOSTILE = '=HYPERLINK("http://x","<b>bold</b>") & \'; DROP TABLE decisions; --'


def _decide(cli: CliRunner, desk: Path, note: str = "slow check-in",
            customer: str = "C100010") -> str:
    result = cli("decide", "--employee", ASSOCIATE, "--customer", customer, "--action",
                 "fee_waiver", "--amount", "20.00", "--reason", "service_delay", "--note",
                 note, "--json", stdin=ASSOCIATE_PIN + "\n", data_dir=desk)
    assert result.code == 0, result.err
    return str(json.loads(result.out)["decision_id"])


def _report(cli: CliRunner, desk: Path, *args: str) -> Any:
    result = cli("report", "decisions", *args, data_dir=desk)
    assert result.code == 0, result.err
    return result


def test_the_report_adds_up_in_every_format(cli: CliRunner, demo_dir: Path) -> None:
    decision = _decide(cli, demo_dir, HOSTILE)
    data = json.loads(_report(cli, demo_dir, "--json").out)
    count = scalar(demo_dir, "SELECT count(*) FROM decisions")
    total = scalar(demo_dir, "SELECT sum(amount_minor) FROM decisions")
    assert data["summary"]["decisions"] == count == len(data["decisions"])
    assert data["summary"]["amount"] == f"{int(str(total)) / 100:.2f}"
    for dim, rows in data["totals"].items():
        assert sum(r["count"] for r in rows) == count, dim
    mine = next(d for d in data["decisions"] if d["decision_id"] == decision)
    assert mine["note"] == HOSTILE and mine["employee"] == "Maya Lindqvist"
    assert mine["category"] and mine["customer"]

    rows = list(csv.DictReader(io.StringIO(_report(cli, demo_dir, "--csv").out)))
    assert len(rows) == count
    cell = next(r for r in rows if r["decision_id"] == decision)["note"]
    assert cell == "'" + HOSTILE  # a spreadsheet shows it, never runs it
    by_reason = list(csv.DictReader(io.StringIO(
        _report(cli, demo_dir, "--csv", "--by", "reason").out)))
    assert {r["key"] for r in by_reason} >= {"service_delay"}
    text = _report(cli, demo_dir, "--by", "approver").out
    assert "decisions," in text and "By approver:" in text


def test_a_period_and_its_mistakes(cli: CliRunner, demo_dir: Path) -> None:
    _decide(cli, demo_dir)
    empty = json.loads(_report(cli, demo_dir, "--since", "2001-01-01", "--until",
                               "2001-12-31", "--json").out)
    assert empty["summary"]["decisions"] == 0 and empty["decisions"] == []
    for args, says in ((("--since", "yesterday"), "is not a date"),
                       (("--since", "2026-02-30"), "is not a date"),
                       (("--since", "2026-11-02", "--until", "2026-11-01"), "ends before"),
                       (("--since", "0999-01-01"), "outside the years"),
                       (("--until", "9999-12-31"), "outside the years")):
        result = cli("report", "decisions", *args, data_dir=demo_dir)
        assert result.code == 1 and says in result.err and result.err.count("\n") == 1
    assert cli("report", "decisions", "--by", "colour", data_dir=demo_dir).code == 2
    assert cli("report", "decisions", "--json", "--csv", data_dir=demo_dir).code == 2


def test_recognition_is_seen_once_at_the_next_sign_in(cli: CliRunner, demo_dir: Path,
                                                     demo_copy: Any) -> None:
    from pos_app.services.review import recognitions_to_show

    decision = _decide(cli, demo_dir)
    result = cli("recognise", decision, "--by", MANAGER, "--note", "Calm and kind <3",
                 "--json", stdin=MANAGER_PIN + "\n", data_dir=demo_dir)
    assert result.code == 0, result.err
    assert json.loads(result.out)["employee_id"] == ASSOCIATE
    shown = recognitions_to_show(demo_copy.desk, ASSOCIATE)
    assert [(r.decision_id, r.note, r.given_by) for r in shown] == [
        (decision, "Calm and kind <3", MANAGER)]
    assert recognitions_to_show(demo_copy.desk, ASSOCIATE) == []  # once
    data = json.loads(_report(cli, demo_dir, "--json").out)
    assert [w["decision_id"] for w in data["wins"]] == [decision]
    assert "recognition.given" in [r[0] for r in _events(demo_dir)]


def _events(desk: Path) -> list[tuple[str]]:
    import sqlite3

    from integration_support import db_path

    with sqlite3.connect(db_path(desk)) as conn:
        return conn.execute("SELECT type FROM events ORDER BY seq").fetchall()


@pytest.mark.parametrize(("who", "pin", "decision", "says"), [
    (ASSOCIATE, ASSOCIATE_PIN, None, "supervisors and above"),
    (SUPERVISOR, SUPERVISOR_PIN, "0000", "No decision"),
    (SUPERVISOR, SUPERVISOR_PIN, "'; DROP TABLE decisions; --", "No decision"),
    (MANAGER, "0000", None, "do not match"),
])
def test_who_may_recognise_what(cli: CliRunner, demo_dir: Path, who: str, pin: str,
                                decision: str | None, says: str) -> None:
    target = decision or _decide(cli, demo_dir)
    before = scalar(demo_dir, "SELECT count(*) FROM recognitions")
    result = cli("recognise", target, "--by", who, stdin=pin + "\n", data_dir=demo_dir)
    assert result.code == 1 and says in result.err
    assert scalar(demo_dir, "SELECT count(*) FROM recognitions") == before


def test_patterns_report_names_places_and_is_neutral(cli: CliRunner, demo_dir: Path) -> None:
    for _ in range(2):
        _decide(cli, demo_dir, "Shower broken in room 5012")
    result = cli("report", "patterns", "--json", data_dir=demo_dir)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert any(p["key"] == "room 5012" and p["count"] >= 2
               for p in data["recurring_places"])
    text = cli("report", "patterns", data_dir=demo_dir).out
    assert "not verdicts" in text and "room 5012" in text


def test_a_voucher_pulled_from_elsewhere_naming_a_decision_does_not_repeat_it(
        cli: CliRunner, demo_dir: Path) -> None:
    import sqlite3

    from integration_support import db_path

    result = cli("decide", "--employee", ASSOCIATE, "--customer", "C100010", "--action",
                 "goodwill_credit", "--amount", "20.00", "--reason", "service_delay",
                 "--json", stdin=ASSOCIATE_PIN + "\n", data_dir=demo_dir)
    assert result.code == 0, result.err
    decision = json.loads(result.out)["decision_id"]
    before = json.loads(_report(cli, demo_dir, "--json").out)["summary"]
    with sqlite3.connect(db_path(demo_dir)) as conn:  # as if another desk pushed it
        cols = [r[1] for r in conn.execute("PRAGMA table_info(vouchers)")]
        row = list(conn.execute("SELECT * FROM vouchers WHERE decision_id = ?",
                                (decision,)).fetchone())
        row[cols.index("serial")] = "ZZZZZZZZZZZZZZZZ"
        row[cols.index("issuer_terminal")] = "desk-elsewhere"
        conn.execute(f"INSERT INTO vouchers VALUES ({', '.join('?' * len(cols))})", row)
    after = json.loads(_report(cli, demo_dir, "--json").out)["summary"]
    assert (after["decisions"], after["amount"], after["vouchers"]) == (
        before["decisions"], before["amount"], before["vouchers"])


def test_a_malformed_voucher_change_is_skipped_not_a_halt(demo_copy: Any) -> None:
    from pos_app.adapters.central.merge import apply_voucher
    from pos_app.adapters.db.models import VoucherRow

    with demo_copy.db.write_sessions() as s, s.begin():
        apply_voucher(s, "AAAAAAAAAAAAAAAA", {"serial": "AAAAAAAAAAAAAAAA",
                                              "decision_id": "x"})
        apply_voucher(s, "BBBBBBBBBBBBBBBB", {k: "x" for k in (
            "code", "decision_id", "customer_id", "customer_name", "action", "value_minor",
            "currency", "apology", "issued_at", "expires_on", "issuer_terminal",
            "issued_by", "issued_by_name", "key_id", "signature")})
        assert s.get(VoucherRow, "AAAAAAAAAAAAAAAA") is None
        assert s.get(VoucherRow, "BBBBBBBBBBBBBBBB") is None
