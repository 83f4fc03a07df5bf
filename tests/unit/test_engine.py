"""The policy engine: examples of each verdict, and the three properties it promises.

a. an ALLOWED verdict never exceeds a limit (and, without an approver, everything within
   every limit is ALLOWED);
b. no sequence of ALLOWED decisions pushes a shift total, a customer budget or a
   customer's action count past its cap;
c. tightening any limit never turns a REFUSED or NEEDS_APPROVAL verdict into ALLOWED.

Only discretionary action kinds are judged against (and spend) the guest's goodwill
budget; an approved amount is held by its approver. The properties of those semantics,
with approvers in the sequences, are in ``test_limit_semantics.py``.
"""

from __future__ import annotations

import copy
import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings, target
from hypothesis import strategies as st

from pos_app.domain.engine import Context, Outcome, RecoveryRequest, Verdict, evaluate
from pos_app.domain.money import Money
from pos_app.domain.policy import ACTION_KINDS, Policy, TierLimits, policy_from_dict

DEFAULT_TOML = Path(__file__).resolve().parents[2] / "resources" / "policies" / "default.toml"
DEFAULT_DICT: dict[str, Any] = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
DEFAULT = policy_from_dict(copy.deepcopy(DEFAULT_DICT))
TIERS = DEFAULT.tiers
REASONS = tuple(DEFAULT.reasons)
NONE = Money.zero("USD")
FRESH = Context(shift_granted=NONE, customer_granted=NONE, customer_actions=0)

PROPERTY = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def usd(major: str) -> Money:
    return Money.of(major, "USD")


def judge(
    action: str,
    amount: str,
    *,
    tier: str = "associate",
    note: str = "guest waited an hour",
    reason: str = "service_delay",
    context: Context = FRESH,
    approver: str | None = None,
    policy: Policy = DEFAULT,
) -> Verdict:
    request = RecoveryRequest(action, usd(amount), reason, tier, note)
    return evaluate(policy, request, context, approver_tier=approver)


def ctx(shift: str = "0", customer: str = "0", actions: int = 0,
        approver_shift: str | None = None) -> Context:
    return Context(usd(shift), usd(customer), actions,
                   None if approver_shift is None else usd(approver_shift))


def assert_sentences(verdict: Verdict) -> None:
    assert verdict.reasons, "a verdict that is not ALLOWED must say why"
    for reason in verdict.texts():
        assert reason.strip() == reason
        assert len(reason) > 15
        assert reason[0].isupper() or reason[0] in "$'"
        assert reason.endswith(".")


# --- examples ---------------------------------------------------------------------------


def test_within_every_limit_is_allowed_without_reasons() -> None:
    verdict = judge("refund", "100.00", reason="billing_error")
    assert verdict.outcome is Outcome.ALLOWED
    assert verdict.allowed
    assert verdict.reasons == ()
    assert verdict.approver_tier is None


def test_exactly_at_the_associate_limit_is_allowed() -> None:
    assert judge("refund", "150.00").outcome is Outcome.ALLOWED
    assert judge("refund", "150.01").outcome is Outcome.NEEDS_APPROVAL


def test_over_the_associate_refund_limit_needs_a_supervisor() -> None:
    verdict = judge("refund", "200.00")
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "supervisor"
    assert any("$150.00 limit" in r and "$200.00" in r for r in verdict.texts())
    assert_sentences(verdict)


def test_over_the_supervisor_refund_limit_needs_a_manager() -> None:
    verdict = judge("refund", "400.00")
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "manager"
    assert_sentences(verdict)


def test_senior_over_own_limit_goes_to_the_lowest_approving_tier_that_covers_it() -> None:
    assert judge("refund", "260.00", tier="senior").approver_tier == "supervisor"
    assert judge("refund", "1500.00", tier="senior").approver_tier == "general_manager"


def test_beyond_every_tier_is_refused_with_a_plain_reason() -> None:
    data = copy.deepcopy(DEFAULT_DICT)
    data.pop("referrals", None)
    no_referrals = policy_from_dict(data)
    verdict = judge("refund", "2500.00", policy=no_referrals)
    assert verdict.outcome is Outcome.REFUSED
    assert verdict.approver_tier is None
    assert any("more than any tier here may approve" in r for r in verdict.texts())
    assert_sentences(verdict)
    # An approver cannot lift a refusal, however senior.
    verdict = judge("refund", "2500.00", approver="general_manager", policy=no_referrals)
    assert verdict.outcome is Outcome.REFUSED


def test_beyond_every_tier_but_within_the_referral_maximum_can_only_be_referred() -> None:
    assert DEFAULT.referral_tier == "general_manager"
    verdict = judge("refund", "2500.00", reason="billing_error", context=FRESH)
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.referral_only
    assert verdict.approver_tier == "general_manager"
    assert any("referred to a general manager" in r for r in verdict.texts())
    assert_sentences(verdict)
    # No unlock at the desk, whoever types their PIN; only the referral decides it.
    at_desk = judge("refund", "2500.00", approver="general_manager")
    assert at_desk.outcome is Outcome.NEEDS_APPROVAL and at_desk.referral_only
    request = RecoveryRequest("refund", usd("2500.00"), "billing_error", "associate", "x")
    decided = evaluate(DEFAULT, request, FRESH, approver_tier="general_manager",
                       via_referral=True)
    assert decided.outcome is Outcome.ALLOWED
    by_manager = evaluate(DEFAULT, request, FRESH, approver_tier="manager", via_referral=True)
    assert by_manager.outcome is Outcome.NEEDS_APPROVAL


def test_beyond_the_referral_maximum_is_refused() -> None:
    assert DEFAULT.referral_max == usd("10000.00")
    assert judge("refund", "10000.00").outcome is Outcome.NEEDS_APPROVAL
    verdict = judge("refund", "10000.01")
    assert verdict.outcome is Outcome.REFUSED
    assert any("more than any tier here may approve" in r for r in verdict.texts())
    assert_sentences(verdict)


def test_disabled_action_kind_is_refused() -> None:
    data = copy.deepcopy(DEFAULT_DICT)
    data["actions"]["replacement"]["enabled"] = False
    policy = policy_from_dict(data)
    verdict = judge("replacement", "10.00", policy=policy)
    assert verdict.outcome is Outcome.REFUSED
    assert verdict.texts() == ("Replacement is switched off at this store.",)
    assert judge("replacement", "10.00").outcome is Outcome.ALLOWED


def test_unknown_action_tier_reason_or_currency_is_refused() -> None:
    assert judge("teleport", "10.00").outcome is Outcome.REFUSED
    assert judge("refund", "10.00", tier="intern").outcome is Outcome.REFUSED
    assert judge("refund", "10.00", reason="felt_like_it").outcome is Outcome.REFUSED
    euros = RecoveryRequest("refund", Money(1000, "EUR"), "billing_error", "associate")
    verdict = evaluate(DEFAULT, euros, FRESH)
    assert verdict.outcome is Outcome.REFUSED
    assert_sentences(verdict)


def test_missing_note_above_the_threshold_is_refused() -> None:
    assert judge("refund", "100.00", note="").outcome is Outcome.ALLOWED  # not above
    verdict = judge("refund", "100.01", note="   ")
    assert verdict.outcome is Outcome.REFUSED
    assert any("note is required" in r for r in verdict.texts())
    assert_sentences(verdict)
    assert judge("refund", "100.01", note="overcharged").outcome is Outcome.ALLOWED
    # A missing note is not something an approver can waive.
    assert judge("refund", "400.00", note="", approver="manager").outcome is Outcome.REFUSED


def test_zero_amount_is_refused() -> None:
    verdict = judge("refund", "0")
    assert verdict.outcome is Outcome.REFUSED
    assert verdict.texts() == ("The amount must be more than zero.",)


def test_shift_cap_exceeded_needs_approval() -> None:
    assert judge("refund", "50.00", context=ctx(shift="250.00")).outcome is Outcome.ALLOWED
    verdict = judge("refund", "50.01", context=ctx(shift="250.00"))
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "supervisor"
    assert any("shift cap" in r and "$50.00 left" in r for r in verdict.texts())
    assert_sentences(verdict)


def test_shift_cap_of_an_approver_needs_the_next_approver_up() -> None:
    verdict = judge("refund", "100.00", tier="supervisor", context=ctx(shift="1450.00"))
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "manager"


def test_shift_cap_of_the_top_tier_is_refused_as_nobody_is_above() -> None:
    verdict = judge("refund", "100.00", tier="general_manager", context=ctx(shift="19950.00"))
    assert verdict.outcome is Outcome.REFUSED
    assert any("shift cap" in r for r in verdict.texts())


def test_customer_budget_exceeded_needs_the_general_manager() -> None:
    verdict = judge("goodwill_credit", "40.00", context=ctx(customer="1970.00"))
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "general_manager"
    assert any("$30.00 left of their $2,000.00 goodwill budget" in r for r in verdict.texts())
    assert_sentences(verdict)
    assert judge("goodwill_credit", "30.00", context=ctx(customer="1970.00")).allowed


def test_a_correction_is_not_judged_against_the_goodwill_budget() -> None:
    assert DEFAULT.actions["refund"].discretionary is False
    for spent in ("1999.99", "2000.00", "5000.00"):
        verdict = judge("refund", "100.00", reason="billing_error",
                        context=ctx(customer=spent))
        assert verdict.allowed and not verdict.override


def test_customer_budget_without_override_tier_is_refused() -> None:
    data = copy.deepcopy(DEFAULT_DICT)
    del data["customer_budget"]["override_tier"]
    policy = policy_from_dict(data)
    assert policy.budget_override_tier is None
    verdict = judge("goodwill_credit", "40.00", context=ctx(customer="1970.00"),
                    policy=policy)
    assert verdict.outcome is Outcome.REFUSED
    assert any("goodwill budget" in r for r in verdict.texts())
    assert_sentences(verdict)


def test_frequency_rule_needs_a_supervisor_for_discretionary_actions() -> None:
    assert judge("goodwill_credit", "10.00", context=ctx(actions=2)).allowed
    verdict = judge("goodwill_credit", "10.00", context=ctx(actions=3))
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "supervisor"
    assert any("already had 3 recovery actions" in r for r in verdict.texts())
    assert_sentences(verdict)


def test_frequency_rule_does_not_apply_to_refunds() -> None:
    assert DEFAULT.actions["refund"].discretionary is False
    verdict = judge("refund", "10.00", reason="billing_error", context=ctx(actions=10))
    assert verdict.outcome is Outcome.ALLOWED


def test_sufficient_approver_makes_it_allowed() -> None:
    assert judge("refund", "200.00", approver="supervisor").outcome is Outcome.ALLOWED
    assert judge("refund", "400.00", approver="manager").outcome is Outcome.ALLOWED
    assert judge("refund", "400.00", approver="general_manager").outcome is Outcome.ALLOWED
    budget = ctx(customer="1970.00")
    lifted = judge("goodwill_credit", "40.00", context=budget, approver="general_manager")
    assert lifted.allowed and lifted.override
    assert not judge("refund", "400.00", approver="manager").override


def test_insufficient_approver_still_needs_a_manager() -> None:
    verdict = judge("refund", "400.00", approver="supervisor")
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "manager"
    assert any("needs a manager" in r for r in verdict.texts())
    assert any("A supervisor cannot approve this" in r for r in verdict.texts())
    assert_sentences(verdict)


def test_a_tier_that_cannot_approve_is_not_an_approver() -> None:
    verdict = judge("refund", "200.00", approver="senior")
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "supervisor"


def test_an_approver_tier_the_policy_does_not_know_approves_nothing() -> None:
    # e.g. an employee whose tier was renamed by a newer policy: no crash, no approval.
    for amount in ("200.00", "100.00"):
        context = ctx(shift="250.00")
        verdict = judge("refund", amount, context=context, approver="head_of_desk")
        assert verdict.outcome is Outcome.NEEDS_APPROVAL
        assert verdict.approver_tier == "supervisor"
        assert any("head of desk cannot approve" in r for r in verdict.texts())


def test_budget_override_cannot_be_granted_by_a_lower_approver() -> None:
    budget = ctx(customer="1970.00")
    verdict = judge("goodwill_credit", "40.00", context=budget, approver="manager")
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.approver_tier == "general_manager"


def test_an_approver_is_not_needed_when_nothing_asks_for_one() -> None:
    assert judge("refund", "10.00", approver="associate").outcome is Outcome.ALLOWED


def test_an_approved_amount_is_judged_on_the_approvers_shift_headroom() -> None:
    # The associate's own cap is spent; the manager who approves holds the amount.
    spent = ctx(shift="300.00", approver_shift="4600.00")
    assert judge("refund", "400.00", context=spent, approver="manager").allowed
    short = judge("refund", "400.00", context=ctx(approver_shift="4600.01"),
                  approver="manager")
    assert short.outcome is Outcome.NEEDS_APPROVAL
    assert short.approver_tier == "general_manager"
    assert any("approving manager's shift cap" in r and "$399.99 left" in r
               for r in short.texts())
    assert any("A manager cannot approve this" in r for r in short.texts())
    assert_sentences(short)
    # ...and an approver nobody ranks above cannot pass their own cap either.
    top = judge("refund", "400.00", context=ctx(approver_shift="19700.00"),
                approver="general_manager")
    assert top.outcome is Outcome.REFUSED
    assert_sentences(top)


def test_over_the_requesters_own_cap_still_needs_a_tier_above_them() -> None:
    spent = ctx(shift="300.00")
    assert judge("refund", "10.00", context=spent).approver_tier == "supervisor"
    # A colleague who may not approve cannot take it on: it still needs a supervisor.
    by_peer = judge("refund", "10.00", context=spent, approver="senior")
    assert by_peer.outcome is Outcome.NEEDS_APPROVAL
    assert by_peer.approver_tier == "supervisor"
    assert judge("refund", "10.00", context=spent, approver="supervisor").allowed


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_reasons_use_the_desks_locale(locale: str) -> None:
    request = RecoveryRequest("refund", usd("1200.00"), "billing_error", "associate", "x")
    verdict = evaluate(DEFAULT, request, FRESH)
    expected = usd("1200.00").format(locale)
    assert any(expected in r for r in verdict.texts(locale))


def test_reasons_go_through_the_desks_translation_layer() -> None:
    request = RecoveryRequest("refund", usd("1200.00"), "billing_error", "associate", "x")
    verdict = evaluate(DEFAULT, request, FRESH)
    ids = {m.id for m in verdict.reasons}
    assert "engine.over_own_limit" in ids
    catalog = {"engine.over_own_limit": "{amount} liegt über Ihrem Limit von {limit}."}
    text = verdict.explain("de_DE", catalog.get)
    assert "1.200,00\xa0$ liegt über Ihrem Limit von 150,00\xa0$." in text


# --- strategies -------------------------------------------------------------------------


def _plain(minor: int) -> str:
    return Money(minor, "USD").plain()


# Hypothesis favours small integers, so `integers(0, 7) > 0` would be False far more
# often than one time in eight; sampling keeps switched-off things the exception.
MOSTLY_TRUE = st.sampled_from((True, True, True, True, True, True, False))


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    """A valid policy: the default document with every number and switch redrawn."""
    data = copy.deepcopy(DEFAULT_DICT)
    for action in ACTION_KINDS:
        ladder = sorted(draw(st.lists(st.integers(0, 300_000), min_size=5, max_size=5)))
        for tier, minor in zip(TIERS, ladder, strict=True):
            data["limits"][tier]["per_action"][action] = _plain(minor)
        spec = data["actions"][action]
        spec["enabled"] = draw(MOSTLY_TRUE)
        spec["discretionary"] = draw(st.booleans())
    caps = sorted(draw(st.lists(st.integers(0, 1_500_000), min_size=5, max_size=5)))
    for tier, cap in zip(TIERS, caps, strict=True):
        data["limits"][tier]["shift_cap"] = _plain(cap)
        data["limits"][tier]["can_approve"] = draw(MOSTLY_TRUE)
    data["customer_budget"]["amount"] = _plain(draw(st.integers(0, 2_000_000)))
    for table, key in (("customer_budget", "override_tier"), ("frequency", "approver_tier")):
        named = draw(st.sampled_from((None, *TIERS)))
        if named is None:
            data[table].pop(key, None)
        else:
            data[table][key] = named
    data["frequency"]["max_actions"] = draw(st.integers(0, 5))
    if draw(st.booleans()):
        data.pop("referrals", None)
    else:  # referred to the top tier, as in the default
        most = draw(st.one_of(st.just(1_000_000), st.integers(0, 1_000_000)))
        data["referrals"] = {"tier": TIERS[-1], "max": _plain(most)}
    data["notes"]["required_above"] = _plain(draw(st.integers(0, 60_000)))
    return policy_from_dict(data)


def edges(policy: Policy, tier: str, action: str, context: Context) -> list[int]:
    """Amounts (minor units) on either side of every threshold this request meets."""
    marks = [
        policy.limit(tier, action).minor,
        policy.limits[tier].shift_cap.minor - context.shift_granted.minor,
        policy.customer_budget.minor - context.customer_granted.minor,
        policy.note_required_above.minor,
        policy.referral_max.minor,
        *(policy.limit(t, action).minor for t in policy.tiers),
        *(policy.limits[t].shift_cap.minor - (context.approver_shift_granted or NONE).minor
          for t in policy.tiers),
    ]
    return sorted({0} | {m + d for m in marks for d in (-1, 0, 1) if m + d >= 0})


@st.composite
def cases(
    draw: st.DrawFn, policy_strategy: st.SearchStrategy[Policy] | None = None
) -> tuple[Policy, RecoveryRequest, Context]:
    policy = draw(policy_strategy if policy_strategy is not None else policies())
    tier = draw(st.sampled_from(policy.tiers))
    action = draw(st.sampled_from(ACTION_KINDS))
    # Contexts are drawn mostly under each cap, so that ALLOWED verdicts are common
    # enough for the properties to bite, and sometimes anywhere at all.
    cap = policy.limits[tier].shift_cap.minor
    budget = policy.customer_budget.minor
    context = Context(
        shift_granted=Money(
            draw(st.one_of(st.just(0), st.integers(0, cap), st.integers(0, 1_600_000)))
        ),
        customer_granted=Money(
            draw(st.one_of(st.just(0), st.integers(0, budget), st.integers(0, 2_100_000)))
        ),
        customer_actions=draw(
            st.one_of(st.integers(0, policy.frequency_max + 1), st.integers(0, 9))
        ),
        # What an approver already holds this shift (None: nothing).
        approver_shift_granted=draw(
            st.one_of(st.none(), st.just(Money(0)), st.integers(0, 1_600_000).map(Money))
        ),
    )
    amount = draw(
        st.one_of(
            st.sampled_from(edges(policy, tier, action, context)),
            st.integers(0, 400_000),
        )
    )
    request = RecoveryRequest(
        action=action,
        amount=Money(amount),
        reason=draw(st.sampled_from(REASONS)),
        requester_tier=tier,
        note=draw(st.sampled_from(("guest waited an hour", "overcharged twice", ""))),
    )
    return policy, request, context


def within_every_limit(policy: Policy, request: RecoveryRequest, context: Context) -> bool:
    kind = policy.actions[request.action]
    amount = request.amount
    return (
        kind.enabled
        and amount.minor > 0
        and (amount <= policy.note_required_above or bool(request.note.strip()))
        and amount <= policy.limit(request.requester_tier, request.action)
        and context.shift_granted + amount <= policy.limits[request.requester_tier].shift_cap
        and (not kind.discretionary or context.customer_granted + amount
             <= policy.customer_budget)
        and (not kind.discretionary or context.customer_actions < policy.frequency_max)
    )


# --- property a -------------------------------------------------------------------------


@PROPERTY
@given(cases())
def test_allowed_never_exceeds_any_limit(case: tuple[Policy, RecoveryRequest, Context]) -> None:
    policy, request, context = case
    verdict = evaluate(policy, request, context)
    note(f"verdict={verdict}")
    tier = request.requester_tier
    if verdict.outcome is Outcome.ALLOWED:
        assert verdict.reasons == ()
        assert request.amount.minor > 0
        assert request.amount <= policy.limit(tier, request.action)
        assert context.shift_granted + request.amount <= policy.limits[tier].shift_cap
        assert not verdict.override
        if policy.actions[request.action].discretionary:
            assert context.customer_granted + request.amount <= policy.customer_budget
            assert context.customer_actions < policy.frequency_max
        if request.amount > policy.note_required_above:
            assert request.note.strip()
    else:
        assert_sentences(verdict)
    # ...and the engine is not simply strict: within every limit means ALLOWED.
    assert verdict.allowed == within_every_limit(policy, request, context)
    if verdict.outcome is Outcome.NEEDS_APPROVAL:
        assert verdict.approver_tier in policy.tiers
        assert policy.limits[verdict.approver_tier].can_approve
        over_own_authority = (
            request.amount > policy.limit(tier, request.action)
            or context.shift_granted + request.amount > policy.limits[tier].shift_cap
        )
        if verdict.referral_only:  # beyond every approver: only the referral tier decides
            assert policy.referral_tier is not None
            assert request.amount <= policy.referral_max
            assert policy.rank(verdict.approver_tier) >= policy.rank(policy.referral_tier)
            for above in policy.approvers_at_or_above(policy.rank(tier) + 1):
                assert request.amount > policy.limit(above.tier, request.action)
        elif over_own_authority:  # nobody approves their own excess
            assert policy.rank(verdict.approver_tier) > policy.rank(tier)
        if request.amount > policy.limit(tier, request.action) and not verdict.referral_only:
            assert request.amount <= policy.limit(verdict.approver_tier, request.action)
            discretionary = policy.actions[request.action].discretionary
            only_the_amount = (
                context.shift_granted + request.amount <= policy.limits[tier].shift_cap
                and not (
                    discretionary
                    and context.customer_granted + request.amount > policy.customer_budget
                )
                and not (discretionary and context.customer_actions >= policy.frequency_max)
            )
            if only_the_amount:  # the lowest approving tier whose limit covers it
                lowest = next(
                    t.tier
                    for t in policy.approvers_at_or_above(policy.rank(tier) + 1)
                    if request.amount <= policy.limit(t.tier, request.action)
                )
                assert verdict.approver_tier == lowest
    else:
        assert verdict.approver_tier is None


@PROPERTY
@given(cases())
def test_approved_decision_stays_within_the_approvers_authority(
    case: tuple[Policy, RecoveryRequest, Context],
) -> None:
    policy, request, context = case
    alone = evaluate(policy, request, context)
    for approver in policy.tiers:
        _check_approval(policy, request, context, alone, approver)


def _check_approval(
    policy: Policy, request: RecoveryRequest, context: Context, alone: Verdict, approver: str
) -> None:
    verdict = evaluate(policy, request, context, approver_tier=approver)
    note(f"approver={approver} alone={alone} verdict={verdict}")
    # The approver holds what they approve: it must fit under their own shift cap.
    held = context.approver_shift_granted or Money.zero()
    room = held + request.amount <= policy.limits[approver].shift_cap
    if alone.outcome is Outcome.REFUSED:
        assert verdict.outcome is Outcome.REFUSED
    if verdict.allowed:
        assert room
    over_budget = (policy.actions[request.action].discretionary
                   and context.customer_granted + request.amount > policy.customer_budget)
    assert verdict.override == (verdict.allowed and over_budget)
    if verdict.allowed and not alone.allowed:
        assert alone.outcome is Outcome.NEEDS_APPROVAL
        assert alone.approver_tier is not None
        assert policy.limits[approver].can_approve
        assert policy.rank(approver) >= policy.rank(alone.approver_tier)
        assert request.amount <= max(
            policy.limit(request.requester_tier, request.action),
            policy.limit(approver, request.action),
        )
        if over_budget:
            assert policy.budget_override_tier is not None
            assert policy.rank(approver) >= policy.rank(policy.budget_override_tier)
    if alone.allowed:
        assert verdict.allowed == room
    if not room and verdict.outcome is not Outcome.REFUSED and not verdict.referral_only:
        assert verdict.approver_tier is not None
        assert policy.rank(verdict.approver_tier) > policy.rank(approver)
    if not room and not alone.referral_only and alone.outcome is not Outcome.REFUSED:
        assert any("approving" in r and "shift cap" in r for r in verdict.texts())
    if alone.referral_only:
        # A referral is never unlocked at the desk...
        assert verdict.outcome is Outcome.NEEDS_APPROVAL and verdict.referral_only
        # ...only by the referral tier (or above) deciding it later, with room to hold it.
        referred = evaluate(policy, request, context, approver_tier=approver, via_referral=True)
        assert alone.approver_tier is not None
        assert referred.allowed == (
            policy.rank(approver) >= policy.rank(alone.approver_tier) and room)
        assert referred.override == (referred.allowed and over_budget)
    elif (
        alone.outcome is Outcome.NEEDS_APPROVAL
        and alone.approver_tier is not None
        and policy.limits[approver].can_approve
        and policy.rank(approver) >= policy.rank(alone.approver_tier)
    ):
        # "approval from T or above" means what it says: any such approver with room
        # under their own shift cap suffices.
        assert verdict.allowed == room
    elif alone.outcome is Outcome.NEEDS_APPROVAL and room:
        assert verdict.outcome is Outcome.NEEDS_APPROVAL
        assert verdict.approver_tier == alone.approver_tier
        assert any("cannot approve this" in r for r in verdict.texts())
    elif alone.outcome is Outcome.NEEDS_APPROVAL:
        assert not verdict.allowed


@PROPERTY
@given(st.data())
def test_the_tightest_limit_is_allowed_exactly_and_a_cent_more_is_not(
    data: st.DataObject,
) -> None:
    policy = data.draw(policies())
    enabled = [a.key for a in policy.enabled_actions()]
    assume(enabled)
    tier = data.draw(st.sampled_from(policy.tiers))
    action = data.draw(st.sampled_from(enabled))
    discretionary = policy.actions[action].discretionary
    assume(not discretionary or policy.frequency_max > 0)
    cap = policy.limits[tier].shift_cap
    budget = policy.customer_budget
    context = Context(
        shift_granted=Money(data.draw(st.integers(0, cap.minor))),
        customer_granted=Money(data.draw(st.integers(0, budget.minor))),
        customer_actions=data.draw(
            st.integers(0, policy.frequency_max - 1) if discretionary else st.integers(0, 9)
        ),
    )
    text = data.draw(st.sampled_from(("a note", "")))
    ceilings = [policy.limit(tier, action), cap - context.shift_granted]
    if discretionary:  # a correction is not judged against the goodwill budget
        ceilings.append(budget - context.customer_granted)
    if not text:
        ceilings.append(policy.note_required_above)
    most = min(ceilings)
    assume(most.minor > 0)

    def verdict(amount: Money) -> Verdict:
        return evaluate(policy, RecoveryRequest(action, amount, REASONS[0], tier, text), context)

    assert verdict(most).outcome is Outcome.ALLOWED
    assert verdict(Money(1)).outcome is Outcome.ALLOWED
    over = verdict(most + Money(1))
    assert over.outcome in (Outcome.NEEDS_APPROVAL, Outcome.REFUSED)
    assert_sentences(over)
    if all(most + Money(1) <= c for c in ceilings[1:]):
        # Only the per-action limit is passed: the lowest approving tier that covers it.
        covering = [
            t.tier
            for t in policy.approvers_at_or_above(policy.rank(tier) + 1)
            if most + Money(1) <= policy.limit(t.tier, action)
        ]
        if covering:
            assert over.outcome is Outcome.NEEDS_APPROVAL
            assert over.approver_tier == covering[0]


@PROPERTY
@given(st.data())
def test_beyond_every_approver_is_only_ever_a_referral(data: st.DataObject) -> None:
    drawn = data.draw(policies())
    # Only the amount is at stake here: lift the caps and the frequency rule.
    roomy = Money(10**12)
    policy = dataclasses.replace(
        drawn,
        customer_budget=roomy,
        frequency_max=99,
        limits={t: dataclasses.replace(spec, shift_cap=roomy) for t, spec in drawn.limits.items()},
    )
    enabled = [a.key for a in policy.enabled_actions()]
    assume(enabled and policy.referral_tier is not None)
    assert policy.referral_tier is not None
    tier = data.draw(st.sampled_from(policy.tiers))
    action = data.draw(st.sampled_from(enabled))
    above = policy.approvers_at_or_above(policy.rank(tier) + 1)
    ladder_top = max(
        [policy.limit(tier, action), *(policy.limit(t.tier, action) for t in above)]
    )
    assume(ladder_top < policy.referral_max)
    amount = Money(data.draw(st.integers(ladder_top.minor + 1, policy.referral_max.minor)))
    request = RecoveryRequest(action, amount, REASONS[0], tier, "referred")
    verdict = evaluate(policy, request, FRESH)
    note(f"verdict={verdict}")
    if not policy.limits[policy.referral_tier].can_approve:
        assert verdict.outcome is Outcome.REFUSED
        return
    assert verdict.outcome is Outcome.NEEDS_APPROVAL
    assert verdict.referral_only
    assert verdict.approver_tier == policy.referral_tier
    assert_sentences(verdict)
    for approver in policy.tiers:
        at_desk = evaluate(policy, request, FRESH, approver_tier=approver)
        assert at_desk.outcome is Outcome.NEEDS_APPROVAL and at_desk.referral_only
        referred = evaluate(policy, request, FRESH, approver_tier=approver, via_referral=True)
        assert referred.allowed == (policy.rank(approver) >= policy.rank(policy.referral_tier))
    over = RecoveryRequest(action, policy.referral_max + Money(1), REASONS[0], tier, "x")
    assert evaluate(policy, over, FRESH).outcome is Outcome.REFUSED


# --- property b -------------------------------------------------------------------------

EMPLOYEES = 4
CUSTOMERS = 3


@st.composite
def sessions(draw: st.DrawFn) -> tuple[Policy, list[str], list[tuple[int, int, str, int, str]]]:
    policy = draw(policies())
    staff = draw(
        st.lists(st.sampled_from(policy.tiers), min_size=EMPLOYEES, max_size=EMPLOYEES)
    )
    requests = draw(
        st.lists(
            st.tuples(
                st.integers(0, EMPLOYEES - 1),
                st.integers(0, CUSTOMERS - 1),
                st.sampled_from(ACTION_KINDS),
                st.integers(1, 60_000),
                st.sampled_from(("", "noted")),
            ),
            min_size=1,
            max_size=40,
        )
    )
    return policy, staff, requests


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_no_sequence_of_allowed_decisions_passes_a_cap(
    session: tuple[Policy, list[str], list[tuple[int, int, str, int, str]]],
) -> None:
    policy, staff, requests = session
    shift = [Money.zero()] * EMPLOYEES
    granted = [Money.zero()] * CUSTOMERS
    actions = [0] * CUSTOMERS
    allowed = 0
    for employee, customer, action, minor, text in requests:
        tier = staff[employee]
        request = RecoveryRequest(action, Money(minor), "service_delay", tier, text)
        context = Context(shift[employee], granted[customer], actions[customer])
        if not evaluate(policy, request, context).allowed:
            continue
        allowed += 1
        shift[employee] += request.amount
        if policy.actions[action].discretionary:
            granted[customer] += request.amount
            actions[customer] += 1
        assert shift[employee] <= policy.limits[tier].shift_cap
        assert granted[customer] <= policy.customer_budget
        assert actions[customer] <= policy.frequency_max
    for employee, tier in enumerate(staff):
        assert shift[employee] <= policy.limits[tier].shift_cap
    assert all(total <= policy.customer_budget for total in granted)
    assert sum(g.minor for g in granted) <= sum(s.minor for s in shift)
    target(float(allowed), label="allowed decisions")


def test_a_shift_fills_up_to_its_cap_and_no_further() -> None:
    shift = NONE
    outcomes = []
    for customer in range(3):
        request = RecoveryRequest("refund", usd("150.00"), "billing_error", "associate", "x")
        verdict = evaluate(DEFAULT, request, Context(shift, NONE, customer))
        outcomes.append(verdict.outcome)
        if verdict.allowed:
            shift += request.amount
    assert outcomes == [Outcome.ALLOWED, Outcome.ALLOWED, Outcome.NEEDS_APPROVAL]
    assert shift == DEFAULT.limits["associate"].shift_cap


# --- property c -------------------------------------------------------------------------


@st.composite
def tightenings(draw: st.DrawFn, policy: Policy, request: RecoveryRequest) -> Policy:
    """Lower one or more limits; Policy is built directly so no ladder check interferes.

    The limits this request meets are picked more often than the rest.
    """
    tier_choices = st.sampled_from((request.requester_tier, *policy.tiers))
    action_choices = st.sampled_from((request.action, *ACTION_KINDS))
    limits: dict[str, TierLimits] = dict(policy.limits)
    changes: dict[str, Any] = {}
    knobs = draw(
        st.lists(
            st.sampled_from(("per_action", "shift_cap", "budget", "frequency", "note")),
            min_size=1,
            max_size=6,
        )
    )

    def lower(old: int) -> int:
        return draw(st.one_of(st.just(0), st.just(max(old - 1, 0)), st.integers(0, old)))
    for knob in knobs:
        if knob == "per_action":
            tier = draw(tier_choices)
            action = draw(action_choices)
            old = limits[tier].per_action.get(action, NONE).minor
            per_action = dict(limits[tier].per_action)
            per_action[action] = Money(lower(old))
            limits[tier] = dataclasses.replace(limits[tier], per_action=per_action)
        elif knob == "shift_cap":
            tier = draw(tier_choices)
            old = limits[tier].shift_cap.minor
            limits[tier] = dataclasses.replace(
                limits[tier], shift_cap=Money(lower(old))
            )
        elif knob == "budget":
            old = changes.get("customer_budget", policy.customer_budget).minor
            changes["customer_budget"] = Money(lower(old))
        elif knob == "frequency":
            old = changes.get("frequency_max", policy.frequency_max)
            changes["frequency_max"] = lower(old)
        else:
            old = changes.get("note_required_above", policy.note_required_above).minor
            changes["note_required_above"] = Money(lower(old))
    return dataclasses.replace(policy, limits=limits, **changes)


def _no_looser(original: Policy, tightened: Policy) -> None:
    assert tightened.customer_budget <= original.customer_budget
    assert tightened.frequency_max <= original.frequency_max
    assert tightened.note_required_above <= original.note_required_above
    for tier in original.tiers:
        assert tightened.limits[tier].shift_cap <= original.limits[tier].shift_cap
        for action in ACTION_KINDS:
            assert tightened.limit(tier, action) <= original.limit(tier, action)


_SEVERITY = {Outcome.ALLOWED: 0, Outcome.NEEDS_APPROVAL: 1, Outcome.REFUSED: 2}


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_tightening_a_limit_never_turns_a_no_into_a_yes(data: st.DataObject) -> None:
    policy, request, context = data.draw(cases())
    tightened = data.draw(tightenings(policy, request))
    _no_looser(policy, tightened)
    target(float(not evaluate(policy, request, context).allowed), label="starts as a no")
    for approver in (None, *policy.tiers):
        before = evaluate(policy, request, context, approver_tier=approver)
        after = evaluate(tightened, request, context, approver_tier=approver)
        note(f"approver={approver} before={before} after={after}")
        if not before.allowed:
            assert not after.allowed
        if approver is not None and after.referral_only:
            # Pushed past every tier, a request is never decided at the desk, whoever
            # stands there (even one whose full shift refused it before): it is referred,
            # and the referral is judged with that shift when it is decided
            # (test_approved_decision_stays_within_the_approvers_authority).
            continue
        # Stronger: the verdict only ever gets stricter, and approval only climbs.
        assert _SEVERITY[after.outcome] >= _SEVERITY[before.outcome]
        if (
            before.outcome is Outcome.NEEDS_APPROVAL
            and after.outcome is Outcome.NEEDS_APPROVAL
        ):
            assert before.approver_tier is not None and after.approver_tier is not None
            assert tightened.rank(after.approver_tier) >= policy.rank(before.approver_tier)


@settings(max_examples=150, deadline=None)
@given(cases(policy_strategy=st.just(DEFAULT)), st.integers(1, 100))
def test_tightening_the_default_policy_by_a_percentage(
    case: tuple[Policy, RecoveryRequest, Context], percent: int
) -> None:
    """Scale every limit of the real default down together; no verdict gets looser."""
    policy, request, context = case

    def scale(m: Money) -> Money:
        return Money(m.minor * (100 - percent) // 100)

    limits = {
        tier: dataclasses.replace(
            spec,
            shift_cap=scale(spec.shift_cap),
            per_action={a: scale(m) for a, m in spec.per_action.items()},
        )
        for tier, spec in policy.limits.items()
    }
    tightened = dataclasses.replace(
        policy,
        limits=limits,
        customer_budget=scale(policy.customer_budget),
        note_required_above=scale(policy.note_required_above),
        frequency_max=policy.frequency_max * (100 - percent) // 100,
    )
    assume(tightened != policy)
    for approver in (None, "supervisor", "manager", "general_manager"):
        before = evaluate(policy, request, context, approver_tier=approver)
        after = evaluate(tightened, request, context, approver_tier=approver)
        if not before.allowed:
            assert not after.allowed
