"""Approvals, lockout, PIN changes and keyring refusal over a real SQLite terminal."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from pos_app.domain.approval import GRANT_SECONDS
from pos_app.domain.errors import AuthenticationFailed, InvalidInput
from pos_app.domain.lockout import Instant
from pos_app.domain.money import Money
from pos_app.services.approvals import (
    ApprovalRefused,
    RequestDetails,
    decide_with_grant,
    grant_approval,
)
from pos_app.services.employees import authenticate, change_pin


def _req(amount: str = "400") -> RequestDetails:
    return RequestDetails("1001", "C100020", "refund", Money.of(amount), "billing_error",
                          "Charged twice")


def test_an_unlock_covers_one_action_only(demo_app: Any) -> None:
    policy = demo_app.policy()
    with demo_app.uow(write=True) as uow:
        grant = grant_approval(uow, demo_app.hasher, policy, _req(), "4001", "4826")
        first = decide_with_grant(uow, policy, _req(), grant)
        assert first.recorded
        with pytest.raises(InvalidInput, match="already used"):
            decide_with_grant(uow, policy, _req(), grant)
        uow.commit()


def test_an_unlock_is_bound_to_customer_action_and_amount(demo_app: Any) -> None:
    policy = demo_app.policy()
    with demo_app.uow(write=True) as uow:
        grant = grant_approval(uow, demo_app.hasher, policy, _req(), "4001", "4826")
        for other in (_req("450"), replace(_req(), customer_id="C100021"),
                      replace(_req(), action="fee_waiver")):
            with pytest.raises(InvalidInput, match="different request"):
                decide_with_grant(uow, policy, other, grant)
        assert uow.decisions.for_customer("C100020") == []


def test_an_unlock_expires_after_two_minutes(demo_app: Any) -> None:
    policy = demo_app.policy()
    with demo_app.uow(write=True) as uow:
        grant = grant_approval(uow, demo_app.hasher, policy, _req(), "4001", "4826")
        stale = replace(grant, issued_mono=time.monotonic() - GRANT_SECONDS - 1)
        with pytest.raises(InvalidInput, match="expired"):
            decide_with_grant(uow, policy, _req(), stale)


def test_an_approver_below_the_ladder_or_the_requester_is_refused(demo_app: Any) -> None:
    policy = demo_app.policy()
    with demo_app.uow(write=True) as uow:
        with pytest.raises(ApprovalRefused, match="needs a manager"):
            grant_approval(uow, demo_app.hasher, policy, _req(), "3001", "3690")
        with pytest.raises(ApprovalRefused, match="cannot be the person"):
            grant_approval(uow, demo_app.hasher, policy, _req(), "1001", "2580")


def _fail(app: Any, employee_id: str, now: Instant | None = None) -> str:
    with app.uow(write=True) as uow:
        try:
            authenticate(uow, app.hasher, employee_id, "0000", now=now)
        except AuthenticationFailed as exc:
            return str(exc)
        finally:
            uow.commit()
    raise AssertionError("a wrong PIN was accepted")


def test_five_wrong_pins_lock_the_account_across_a_restart(demo_app: Any, data_dir: Path
                                                           ) -> None:
    from pos_app.bootstrap import open_app

    for _ in range(4):
        assert _fail(demo_app, "1001") == "That employee ID and PIN do not match."
    assert "locked" in _fail(demo_app, "1001")
    demo_app.close()
    reopened = open_app(data_dir)
    try:
        with reopened.uow(write=True) as uow:
            with pytest.raises(AuthenticationFailed, match="locked"):
                authenticate(uow, reopened.hasher, "1001", "2580")  # even the right PIN
            uow.commit()
        with reopened.uow() as uow:
            types = [e.type for e in uow.events.ordered()]
        assert types.count("account.locked") == 1
    finally:
        reopened.close()


def test_moving_the_wall_clock_forward_does_not_lift_the_lock(demo_app: Any) -> None:
    from pos_app.domain.clock import instant

    for _ in range(5):
        _fail(demo_app, "1002")
    now = instant()
    jumped = Instant(now.wall + timedelta(hours=3), now.mono, now.boot_id)
    with demo_app.uow(write=True) as uow:
        with pytest.raises(AuthenticationFailed, match="locked"):
            authenticate(uow, demo_app.hasher, "1002", "1357", now=jumped)
    # After 30 minutes by the monotonic clock the lock is gone.
    later = Instant(now.wall, now.mono + 31 * 60, now.boot_id)
    with demo_app.uow(write=True) as uow:
        assert authenticate(uow, demo_app.hasher, "1002", "1357", now=later).id == "1002"


def test_unknown_id_and_wrong_pin_give_the_same_message(demo_app: Any) -> None:
    assert _fail(demo_app, "nobody") == _fail(demo_app, "2001")


def test_changing_a_pin_needs_the_old_one_or_a_manager(demo_app: Any) -> None:
    policy = demo_app.policy()
    with demo_app.uow(write=True) as uow:
        with pytest.raises(AuthenticationFailed):
            change_pin(uow, demo_app.hasher, policy, "1001", "864200", old_pin="1111")
        uow.commit()
    with demo_app.uow(write=True) as uow:
        change_pin(uow, demo_app.hasher, policy, "1001", "864200", old_pin="2580")
        uow.commit()
    with demo_app.uow(write=True) as uow:
        with pytest.raises(InvalidInput, match="supervisor or manager"):
            change_pin(uow, demo_app.hasher, policy, "1001", "111111", manager_id="2001",
                       manager_pin="2468")
        change_pin(uow, demo_app.hasher, policy, "1001", "135790", manager_id="4001",
                   manager_pin="4826")
        uow.commit()
    with demo_app.uow(write=True) as uow:
        assert authenticate(uow, demo_app.hasher, "1001", "135790").id == "1001"
        types = [e.type for e in uow.events.ordered()]
    assert types.count("pin.changed") == 2


def test_pins_are_peppered_argon2id_with_owasp_parameters(demo_app: Any) -> None:
    with demo_app.uow() as uow:
        stored = uow.employees.get("1001").pin_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    # Without the pepper from the keyring the PIN does not verify.
    from pos_app.adapters.pins import Argon2PinHasher

    assert demo_app.hasher.verify(stored, "2580")
    assert not Argon2PinHasher(b"x" * 32).verify(stored, "2580")
