"""The desk's use cases over the in-memory unit of work (cosmicpython's test_handlers).

Each test performs one act the way the counter or the command line does, through the
service function, and checks what a person would see afterwards: what was recorded,
what was not, and that every act committed exactly what it says (no caller helps).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from pos_app.domain.engine import Outcome
from pos_app.domain.errors import AuthenticationFailed, CentralUnavailable, InvalidInput
from pos_app.domain.people import Customer, Employee
from pos_app.services.approvals import ApprovalRefused
from pos_app.services.desk import Desk, LocalOnly, PolicyCache, VoucherFace
from pos_app.services.granting import (
    RecoveryAsk,
    decide_referral,
    grant_recovery,
    refer_for_later,
    unlock_and_grant,
)
from pos_app.services.policy_store import activate_policy
from pos_app.services.staff import sign_in
from pos_app.services.voucher_desk import check_code, printable, record_print, redeem
from pos_app.services.vouchers import VoucherProblem
from tests.unit.fakes import FakeUnitOfWorkFactory, PlainHasher

POLICY = (Path(__file__).resolve().parents[2] / "resources" / "policies" / "default.toml"
          ).read_text(encoding="utf-8")
STAFF = (("1001", "Maya Lindqvist", "associate", "2580"),
         ("3001", "Dev Patel", "supervisor", "3690"),
         ("4001", "Grace Okafor", "manager", "4826"),
         ("5001", "Henrik Sørensen", "general_manager", "5937"))


class DigestSigner:
    key_id = "unit-key"
    public_raw = b"unit-public-key"

    def sign(self, message: bytes) -> str:
        return hashlib.sha256(message).hexdigest()


def digest_verify(public_raw: bytes, message: bytes, signature: str) -> bool:
    return public_raw == DigestSigner.public_raw and signature == hashlib.sha256(
        message).hexdigest()


@dataclass
class FakeCentral:
    """The central database as a desk sees it: online or not, and what it was asked."""

    online: bool = True
    asked: list[tuple[str, str, int]] = field(default_factory=list)
    vouchers: dict[str, Any] = field(default_factory=dict)

    def configured(self) -> bool:
        return True

    def last_known_online(self) -> bool:
        return self.online

    def top_up(self, scope: str, key: str, amount_minor: int, cap_minor: int,
               window: timedelta, wait_s: float = 2.0) -> bool:
        self.asked.append((scope, key, amount_minor))
        return self.online

    def voucher_state(self, serial: str) -> Any:
        if not self.online:
            raise CentralUnavailable("central database not available")
        return self.vouchers.get(serial)


@dataclass(frozen=True)
class CentralRecord:
    status: str
    redeemed_terminal: str | None
    redeemed_at: str | None


def render(face: VoucherFace, layout: str) -> bytes:
    return f"%PDF {layout} {face.code} {'COPY' if face.copy else ''}".encode()


def make_desk(central: Any = None) -> tuple[Desk, FakeUnitOfWorkFactory]:
    uows = FakeUnitOfWorkFactory()
    desk = Desk(uows=uows, hasher=PlainHasher(), policies=PolicyCache(),
                signer=DigestSigner, verify=digest_verify, render=render,
                central=central or LocalOnly())
    activate_policy(uows, POLICY)
    with uows(write=True) as uow:
        for emp_id, name, tier, pin in STAFF:
            uow.employees.add(Employee(emp_id, name, tier), desk.hasher.hash(pin))
        uow.customers.add_many([Customer("C1", "Zoë", "Müller", "+14155550100",
                                         "zoe@example.org", "", "", "", "", "", "")])
        uow.commit()
    return desk, uows


def ask(action: str = "goodwill_credit", amount: str = "20.00", note: str = "",
        employee: str = "1001") -> RecoveryAsk:
    return RecoveryAsk(employee, "C1", action, amount, "service_delay", note)


def event_types(uows: FakeUnitOfWorkFactory) -> list[str]:
    with uows() as uow:
        return [e.type for e in uow.events.ordered()]


def test_a_credit_is_recorded_with_its_voucher_in_one_commit() -> None:
    desk, uows = make_desk()
    before = uows.committed
    outcome = grant_recovery(desk, ask())
    assert outcome.verdict.outcome is Outcome.ALLOWED
    assert uows.committed == before + 1
    assert outcome.decision is not None and outcome.voucher is not None
    with uows() as uow:
        stored = uow.vouchers.for_decision(outcome.decision.id)
    assert stored is not None and stored.code == outcome.voucher.code
    assert stored.value_minor == 2000 and "kept waiting" in stored.apology
    assert event_types(uows)[-2:] == ["decision.recorded", "voucher.issued"]
    assert check_code(desk, stored.code).valid


def test_a_fee_waiver_yields_no_voucher() -> None:
    desk, _uows = make_desk()
    outcome = grant_recovery(desk, ask("fee_waiver", "40.00"))
    assert outcome.recorded and outcome.voucher is None


@pytest.mark.parametrize("amount", ["0", "0.00", "-5", "abc", "NaN", "1e3", ""])
def test_a_bad_amount_is_refused_and_nothing_is_written(amount: str) -> None:
    desk, uows = make_desk()
    before = (uows.committed, event_types(uows))
    with pytest.raises(InvalidInput):
        grant_recovery(desk, ask(amount=amount))
    assert (uows.committed, event_types(uows)) == before


def test_over_authority_writes_nothing_and_says_why_as_message_ids() -> None:
    desk, uows = make_desk()
    before = uows.committed
    outcome = grant_recovery(desk, ask("refund", "400.00", note="charged twice"))
    assert outcome.verdict.outcome is Outcome.NEEDS_APPROVAL
    assert not outcome.recorded and uows.committed == before
    assert "engine.over_own_limit" in {m.id for m in outcome.verdict.reasons}
    assert "$150.00 limit" in outcome.verdict.explain("en_US")


def test_a_wrong_approver_pin_counts_and_stays_audited_without_the_caller() -> None:
    desk, uows = make_desk()
    with pytest.raises(AuthenticationFailed):
        unlock_and_grant(desk, ask("refund", "400.00", note="charged twice"), "4001", "0000")
    with uows() as uow:
        record = uow.employees.get("4001")
        assert record is not None and record.failed_attempts == 1
        assert uow.decisions.for_customer("C1") == []
    assert event_types(uows)[-1] == "approval.failed"


def test_an_approver_whose_tier_is_too_low_is_refused_and_recorded() -> None:
    desk, uows = make_desk()
    with pytest.raises(ApprovalRefused, match="needs a manager"):
        unlock_and_grant(desk, ask("refund", "400.00", note="charged twice"), "3001", "3690")
    assert event_types(uows)[-2:] == ["approval.ok", "approval.declined"]
    with uows() as uow:
        assert uow.decisions.for_customer("C1") == []


def test_a_manager_unlocks_one_credit_and_its_voucher_is_issued() -> None:
    desk, uows = make_desk()
    outcome = unlock_and_grant(desk, ask("goodwill_credit", "80.00", note="cold room"),
                               "4001", "4826")
    assert outcome.recorded and outcome.approver_name == "Grace Okafor"
    assert outcome.decision is not None and outcome.decision.approver_id == "4001"
    assert outcome.voucher is not None and outcome.voucher.value_minor == 8000
    assert event_types(uows)[-4:] == ["approval.ok", "approval.granted",
                                      "decision.recorded", "voucher.issued"]


def test_the_approver_cannot_be_the_requester() -> None:
    desk, uows = make_desk()
    before = uows.committed
    with pytest.raises(ApprovalRefused):
        unlock_and_grant(desk, ask("refund", "400.00", note="x", employee="4001"), "4001",
                         "4826")
    assert uows.committed == before


def test_a_credit_referral_approved_later_yields_its_voucher() -> None:
    desk, uows = make_desk()
    referral = refer_for_later(desk, ask("goodwill_credit", "2100.00", note="flooded"))
    gm = Employee("5001", "Henrik Sørensen", "general_manager")
    outcome = decide_referral(desk, gm, referral.id, approve=True)
    assert outcome is not None and outcome.decision is not None
    assert outcome.voucher is not None and outcome.voucher.value_minor == 210000
    assert outcome.decision.employee_id == "1001" and outcome.decision.approver_id == "5001"
    with uows() as uow:
        stored = uow.referrals.get(referral.id)
    assert stored is not None and stored.state == "approved"


def test_a_declined_referral_records_no_decision() -> None:
    desk, uows = make_desk()
    referral = refer_for_later(desk, ask("refund", "2500.00", note="x"))
    gm = Employee("5001", "Henrik Sørensen", "general_manager")
    assert decide_referral(desk, gm, referral.id, approve=False) is None
    with uows() as uow:
        assert uow.decisions.for_customer("C1") == []


def test_a_newer_policy_applies_to_the_next_grant_and_is_parsed_once() -> None:
    desk, _uows = make_desk()
    first = desk.policy()
    assert desk.policy() is first  # cached by version: not parsed again
    stricter = POLICY.replace('version = "2026.11-demo"', 'version = "2026.12-strict"'
                              ).replace('goodwill_credit = "50.00"', 'goodwill_credit = "10.00"',
                                        1)
    activate_policy(desk.uows, stricter)
    outcome = grant_recovery(desk, ask(amount="20.00"))
    assert outcome.policy_version == "2026.12-strict"
    assert outcome.verdict.outcome is Outcome.NEEDS_APPROVAL


def test_five_wrong_pins_lock_the_account_with_no_caller_committing() -> None:
    desk, uows = make_desk()
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            sign_in(desk, "1001", "9999")
    with pytest.raises(AuthenticationFailed, match="locked"):
        sign_in(desk, "1001", "2580")
    assert "account.locked" in event_types(uows)


def test_online_the_desk_asks_central_for_allowance_before_deciding() -> None:
    central = FakeCentral(online=True)
    desk, _uows = make_desk(central)
    grant_recovery(desk, ask(amount="20.00"))
    assert ("customer", "C1", 2000) in central.asked
    assert ("employee", "1001", 2000) in central.asked
    offline = FakeCentral(online=False)
    desk, _uows = make_desk(offline)
    grant_recovery(desk, ask(amount="20.00"))
    assert offline.asked == []  # a lost network never slows the counter down


def test_central_is_the_judge_of_a_voucher_redeemed_elsewhere() -> None:
    central = FakeCentral(online=True)
    desk, uows = make_desk(central)
    voucher = grant_recovery(desk, ask()).voucher
    assert voucher is not None
    central.vouchers[voucher.serial] = CentralRecord("redeemed", "desk-2",
                                                     "2026-11-20T10:15:00")
    before = uows.committed
    with pytest.raises(VoucherProblem, match="desk-2 on 11/20/26, 10:15\u202fAM UTC"):
        redeem(desk, "1001", voucher.code)
    assert uows.committed == before
    del central.vouchers[voucher.serial]
    assert redeem(desk, "1001", voucher.code).voucher.status == "redeemed"


def test_printing_is_separate_and_repeatable() -> None:
    desk, uows = make_desk()
    voucher = grant_recovery(desk, ask()).voucher
    assert voucher is not None
    before = uows.committed
    pdf = printable(desk, voucher.serial).pdf
    assert voucher.code.encode() in pdf and uows.committed == before  # rendering writes nothing
    assert b"COPY" in printable(desk, voucher.serial, copy=True).pdf
    assert record_print(desk, voucher.serial, copy=False) == 1
    assert record_print(desk, voucher.serial, copy=True) == 2
    assert event_types(uows)[-1] == "voucher.reprinted"
