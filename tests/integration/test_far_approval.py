"""Telephone approval through the real command line on a real desk (SQLite file):
challenge, answer, unlock; single use, expiry, binding, lockout, and bad codes.

The manager's side runs on the same desk here (any Leeway desk may answer); across two
desks of a group, and online through PostgreSQL, see test_far_approval_central.py.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from integration_support import (
    ASSOCIATE,
    ASSOCIATE_PIN,
    FRESH_CUSTOMER,
    MANAGER,
    MANAGER_PIN,
    SUPERVISOR,
    SUPERVISOR_PIN,
    CliRunner,
    db_path,
    event_types_after,
    scalar,
)

ASK = ("--employee", ASSOCIATE, "--customer", FRESH_CUSTOMER, "--action", "refund",
       "--amount", "200.00", "--reason", "billing_error", "--note", "charged twice")


def _challenge(cli: CliRunner, desk: Path, *ask: str) -> str:
    result = cli("decide", *(ask or ASK), "--phone-challenge", "--json",
                 stdin=ASSOCIATE_PIN + "\n", data_dir=desk)
    assert result.code == 3, result.err
    data = json.loads(result.out)
    if not ask:
        assert data["required_tier"] == "supervisor" and data["amount"] == "200.00"
    return str(data["challenge"])


def _answer(cli: CliRunner, desk: Path, challenge: str, who: str = MANAGER,
            pin: str = MANAGER_PIN) -> str:
    result = cli("approval", "phone-answer", challenge, "--employee", who, "--json",
                 stdin=pin + "\n", data_dir=desk)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["action"], data["amount"], data["approver"]) == ("refund", "200.00", who)
    return str(data["answer"])


def _unlock(cli: CliRunner, desk: Path, answer: str, approver: str = MANAGER,
            *ask: str) -> tuple[int, str, str]:
    result = cli("decide", *(ask or ASK), "--approver", approver, "--approval-code", answer,
                 "--json", stdin=ASSOCIATE_PIN + "\n", data_dir=desk)
    return result.code, result.out, result.err


def test_a_manager_on_the_telephone_unlocks_exactly_one_action(cli: CliRunner,
                                                                demo_dir: Path) -> None:
    challenge = _challenge(cli, demo_dir)
    answer = _answer(cli, demo_dir, challenge)
    code, out, err = _unlock(cli, demo_dir, answer)
    assert code == 0, err
    data = json.loads(out)
    assert data["outcome"] == "allowed" and data["approver"] == MANAGER
    assert data["approval_channel"] == "telephone"
    with sqlite3.connect(db_path(demo_dir)) as conn:
        payload = json.loads(conn.execute(
            "SELECT payload FROM events WHERE type = 'decision.recorded' ORDER BY seq DESC"
            " LIMIT 1").fetchone()[0])
        grant = json.loads(conn.execute(
            "SELECT payload FROM events WHERE type = 'approval.granted' ORDER BY seq DESC"
            " LIMIT 1").fetchone()[0])
        state = conn.execute("SELECT state, approver_id, decision_id FROM far_approvals"
                             " WHERE challenge = ?", (challenge,)).fetchone()
    assert payload["approval_channel"] == "telephone" and grant["channel"] == "telephone"
    assert state == ("approved", MANAGER, data["decision_id"])

    # The same answer again: nothing is waiting any more, nothing is written.
    decisions = scalar(demo_dir, "SELECT count(*) FROM decisions")
    code, _out, err = _unlock(cli, demo_dir, answer)
    assert code == 1 and "No telephone approval is waiting" in err
    assert scalar(demo_dir, "SELECT count(*) FROM decisions") == decisions


def test_an_answer_unlocks_only_the_request_it_was_made_for(cli: CliRunner,
                                                            demo_dir: Path) -> None:
    answer = _answer(cli, demo_dir, _challenge(cli, demo_dir))
    other_amount = tuple("210.00" if a == "200.00" else a for a in ASK)
    code, _out, err = _unlock(cli, demo_dir, answer, MANAGER, *other_amount)
    assert code == 1 and "No telephone approval is waiting" in err
    # Another challenge for the same request: the first answer does not open it.
    _challenge(cli, demo_dir, *other_amount)
    code, _out, err = _unlock(cli, demo_dir, answer, MANAGER, *other_amount)
    assert code == 1 and "answer code is not right" in err
    # Read back as if another manager had made it: refused too.
    code, _out, err = _unlock(cli, demo_dir, answer, SUPERVISOR)
    assert code == 1 and "answer code is not right" in err
    # Its own request still opens with it.
    assert _unlock(cli, demo_dir, answer)[0] == 0


def test_wrong_answers_count_towards_the_approvers_lockout(cli: CliRunner,
                                                           demo_dir: Path) -> None:
    _challenge(cli, demo_dir)
    wrong = "00000-00000"  # adds up, so it is judged as an answer, not as a typo
    for _ in range(4):
        code, _out, err = _unlock(cli, demo_dir, wrong)
        assert code == 1 and "answer code is not right" in err
    code, _out, err = _unlock(cli, demo_dir, wrong)
    assert code == 1 and "locked for 30 minutes" in err
    assert "account.locked" in event_types_after(demo_dir, 0)
    # Locked: even the right answer, and the manager's PIN, are refused now.
    result = cli("approval", "phone-answer", _challenge(cli, demo_dir), "--employee",
                 MANAGER, stdin=MANAGER_PIN + "\n", data_dir=demo_dir)
    assert result.code == 1 and "locked" in result.err


def test_an_expired_challenge_opens_nothing(cli: CliRunner, demo_dir: Path) -> None:
    challenge = _challenge(cli, demo_dir)
    answer = _answer(cli, demo_dir, challenge)
    with sqlite3.connect(db_path(demo_dir)) as conn:
        conn.execute("UPDATE far_approvals SET expires_at = '2000-01-01 00:00:00.000000'")
    code, _out, err = _unlock(cli, demo_dir, answer)
    assert code == 1 and "expired" in err
    assert scalar(demo_dir, "SELECT count(*) FROM decisions WHERE approver_id = ?",
                  MANAGER) == 0


def test_the_approvers_desk_checks_their_own_tier_and_limit(cli: CliRunner,
                                                            demo_dir: Path) -> None:
    challenge = _challenge(cli, demo_dir, *tuple("400.00" if a == "200.00" else a
                                                 for a in ASK))
    # A supervisor may approve refunds up to $300.00: not this one.
    result = cli("approval", "phone-answer", challenge, "--employee", SUPERVISOR,
                 stdin=SUPERVISOR_PIN + "\n", data_dir=demo_dir)
    assert result.code == 1 and "up to $300.00" in result.err
    # An associate approves nothing for others.
    result = cli("approval", "phone-answer", challenge, "--employee", ASSOCIATE,
                 stdin=ASSOCIATE_PIN + "\n", data_dir=demo_dir)
    assert result.code == 1 and "does not approve" in result.err


def test_within_authority_there_is_nothing_to_ask(cli: CliRunner, demo_dir: Path) -> None:
    small = tuple("20.00" if a == "200.00" else a for a in ASK)
    result = cli("decide", *small, "--phone-challenge", stdin=ASSOCIATE_PIN + "\n",
                 data_dir=demo_dir)
    assert result.code == 1 and "within your authority" in result.err
    assert scalar(demo_dir, "SELECT count(*) FROM far_approvals") == 0


@pytest.mark.parametrize("challenge", ["", "12345", "0000K-H09DK-Q0728",
                                       "=cmd|'/C calc'!A0", "<script>", "x" * 100_000])
def test_a_misheard_challenge_costs_no_pin_attempt(cli: CliRunner, demo_dir: Path,
                                                   challenge: str) -> None:
    events = scalar(demo_dir, "SELECT count(*) FROM events")
    result = cli("approval", "phone-answer", challenge, "--employee", MANAGER,
                 stdin="0000\n", data_dir=demo_dir)
    assert result.code == 1 and result.err.count("\n") == 1  # one clear line
    assert scalar(demo_dir, "SELECT count(*) FROM events") == events


def test_usage_mistakes_are_named(cli: CliRunner, demo_dir: Path) -> None:
    result = cli("decide", *ASK, "--approval-code", "M9XD4-T1RB8", stdin="2580\n",
                 data_dir=demo_dir)
    assert result.code == 2 and "--approver" in result.err
    result = cli("decide", *ASK, "--phone-challenge", "--approval-code", "M9XD4-T1RB8",
                 "--approver", MANAGER, stdin="2580\n", data_dir=demo_dir)
    assert result.code == 2


def test_a_right_answer_does_not_wipe_the_approvers_wrong_tries(cli: CliRunner,
                                                                demo_dir: Path) -> None:
    """PINs and answers share one count: a right answer must not reset it, or someone
    could guess PINs between real approvals."""
    answer = _answer(cli, demo_dir, _challenge(cli, demo_dir))
    for _ in range(3):
        assert _unlock(cli, demo_dir, "00000-00000")[0] == 1
    assert _unlock(cli, demo_dir, answer)[0] == 0
    assert scalar(demo_dir, "SELECT failed_attempts FROM employees WHERE id = ?",
                  MANAGER) == 3
