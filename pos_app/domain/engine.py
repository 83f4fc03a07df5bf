"""The policy engine: judge one recovery request against the policy and its context.

A pure function of (policy, request, context). It returns one of three verdicts:
allowed; needs approval from tier T or above; refused. Each carries the reasons as
sentences an associate can read out to a guest. Refusal dominates approval, and
approval is only ever needed *more* as limits tighten, which the property tests prove.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pos_app.domain.money import Money
from pos_app.domain.policy import Policy


class Outcome(Enum):
    ALLOWED = "allowed"
    NEEDS_APPROVAL = "needs_approval"
    REFUSED = "refused"


@dataclass(frozen=True)
class RecoveryRequest:
    """What the associate asks for, before anyone has judged it."""

    action: str
    amount: Money
    reason: str
    requester_tier: str
    note: str = ""


@dataclass(frozen=True)
class Context:
    """What has already been granted, from the store (the engine does no I/O)."""

    shift_granted: Money  # by this employee in the current shift
    customer_granted: Money  # to this customer within the budget window
    customer_actions: int  # discretionary actions for this customer in the frequency window


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reasons: tuple[str, ...]
    # For NEEDS_APPROVAL: the lowest tier that may approve (it or any approving tier above).
    approver_tier: str | None = None
    # Beyond every tier's own limit: no unlock at the desk; only a referral, decided later.
    referral_only: bool = False

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOWED


def _lowest_approver(policy: Policy, min_rank: int, action: str, amount: Money) -> str | None:
    for tier in policy.approvers_at_or_above(min_rank):
        if amount <= tier.per_action.get(action, Money.zero(policy.currency)):
            return tier.tier
    return None


def evaluate(
    policy: Policy,
    request: RecoveryRequest,
    context: Context,
    approver_tier: str | None = None,
    locale: str = "en_US",
    via_referral: bool = False,
) -> Verdict:
    """Judge ``request``; with ``approver_tier``, judge it as approved by that tier.

    An approver only lifts the checks that ask for approval; refusals stand whatever
    the approver's rank. ``via_referral`` is a referral being decided later by the
    policy's referral tier, which may approve beyond the desk's own limits.
    """
    refusals: list[str] = []
    beyond_ladder = False
    approvals: list[tuple[int, str]] = []  # (rank required, reason)
    amount = request.amount

    def fmt(m: Money) -> str:
        return m.format(locale)

    kind = policy.actions.get(request.action)
    if kind is None:
        return Verdict(Outcome.REFUSED, (f"'{request.action}' is not an action this store uses.",))
    if not kind.enabled:
        return Verdict(Outcome.REFUSED, (f"{kind.label} is switched off at this store.",))
    if request.requester_tier not in policy.limits:
        return Verdict(Outcome.REFUSED, (f"'{request.requester_tier}' is not a tier here.",))
    if amount.currency != policy.currency:
        return Verdict(
            Outcome.REFUSED, (f"This desk grants in {policy.currency}, not {amount.currency}.",)
        )
    if amount.minor <= 0:
        return Verdict(Outcome.REFUSED, ("The amount must be more than zero.",))
    if request.reason not in policy.reasons:
        return Verdict(
            Outcome.REFUSED, (f"'{request.reason}' is not a reason code in this policy.",)
        )
    if amount > policy.note_required_above and not request.note.strip():
        refusals.append(
            f"A note is required for anything over {fmt(policy.note_required_above)}."
        )

    rank = policy.rank(request.requester_tier)
    own_limit = policy.limit(request.requester_tier, request.action)
    if amount > own_limit:
        needed = _lowest_approver(policy, rank + 1, request.action, amount)
        if needed is None and policy.referral_tier is not None and (
            amount <= policy.referral_max
        ):
            beyond_ladder = True
            approvals.append(
                (
                    policy.rank(policy.referral_tier),
                    f"{fmt(amount)} is more than anyone at this desk may approve for a"
                    f" {kind.label.lower()}; it can be referred to a"
                    f" {policy.referral_tier.replace('_', ' ')} to decide later.",
                )
            )
        elif needed is None:
            refusals.append(
                f"{fmt(amount)} is more than any tier here may approve for a"
                f" {kind.label.lower()}."
            )
        else:
            approvals.append(
                (
                    policy.rank(needed),
                    f"{fmt(amount)} is over your {fmt(own_limit)} limit for a"
                    f" {kind.label.lower()}.",
                )
            )

    cap = policy.limits[request.requester_tier].shift_cap
    if context.shift_granted + amount > cap:
        left = cap - context.shift_granted if cap > context.shift_granted else Money.zero(
            policy.currency
        )
        above = policy.approvers_at_or_above(rank + 1)
        if not above:
            refusals.append(f"This would pass your shift cap; you have {fmt(left)} left.")
        else:
            approvals.append(
                (above[0].rank, f"This would pass your shift cap; you have {fmt(left)} left.")
            )

    budget = policy.customer_budget
    if context.customer_granted + amount > budget:
        left = budget - context.customer_granted if budget > context.customer_granted else (
            Money.zero(policy.currency)
        )
        message = (
            f"This guest has {fmt(left)} left of their {fmt(budget)} goodwill budget"
            f" for {policy.budget_days} days."
        )
        if policy.budget_override_tier is None:
            refusals.append(message)
        else:
            approvals.append((policy.rank(policy.budget_override_tier), message))

    if kind.discretionary and context.customer_actions >= policy.frequency_max:
        message = (
            f"This guest already had {context.customer_actions} recovery actions in the last"
            f" {policy.frequency_days} days; more should not become routine."
        )
        if policy.frequency_approver_tier is None:
            refusals.append(message)
        else:
            approvals.append((policy.rank(policy.frequency_approver_tier), message))

    if refusals:
        return Verdict(Outcome.REFUSED, tuple(refusals))
    if not approvals:
        return Verdict(Outcome.ALLOWED, ())
    required_rank = max(r for r, _ in approvals)
    required = policy.approvers_at_or_above(required_rank)
    if not required:
        return Verdict(Outcome.REFUSED, tuple(m for _, m in approvals))
    needed_tier = required[0].tier
    if beyond_ladder:
        approver = policy.limits.get(approver_tier or "")
        if (via_referral and approver is not None and approver.can_approve
                and approver.rank >= required_rank):
            return Verdict(Outcome.ALLOWED, ())
        return Verdict(Outcome.NEEDS_APPROVAL, tuple(m for _, m in approvals), needed_tier,
                       referral_only=True)
    if approver_tier is not None:
        approver = policy.limits.get(approver_tier)
        # An approver whose tier this policy does not know (say, renamed since) covers nothing.
        covers_amount = approver is not None and (
            amount <= own_limit or amount <= policy.limit(approver_tier, request.action)
        )
        if (
            approver is not None
            and approver.can_approve
            and approver.rank >= required_rank
            and covers_amount
        ):
            return Verdict(Outcome.ALLOWED, ())
        return Verdict(
            Outcome.NEEDS_APPROVAL,
            (
                *(m for _, m in approvals),
                f"A {approver_tier.replace('_', ' ')} cannot approve this; it needs a"
                f" {needed_tier.replace('_', ' ')} or above.",
            ),
            needed_tier,
        )
    return Verdict(Outcome.NEEDS_APPROVAL, tuple(m for _, m in approvals), needed_tier)
