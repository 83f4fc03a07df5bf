"""The policy engine: judge one recovery request against the policy and its context.

A pure function of (policy, request, context). It returns one of three verdicts:
allowed; needs approval from tier T or above; refused. Each carries the reasons as
sentences an associate can read out to a guest, as message ids with parameters (see
:mod:`pos_app.domain.messages`) that the desk renders in its own language. Refusal
dominates approval, and approval is only ever needed *more* as limits tighten, which the
property tests prove.

Whose limits an amount uses (see docs/decisions.md, "Policy"):

- A decision's *authority holder* is its approver when it was approved, else the employee
  who granted it. A shift cap bounds what its employee holds in the shift window, so an
  amount a higher tier approved counts against the approver's shift cap, not the
  requester's. Going over the requester's own cap still needs a tier above them (as
  before); the approver must then have the amount left under their own cap.
- Only discretionary action kinds spend the guest's goodwill budget and count towards the
  frequency rule; a correction (``discretionary = false``, say a refund of a billing
  error) does neither, and is not judged against them.
- An approval that lifts the guest budget (the policy's override tier) is an *override*:
  the verdict says so, and the decision is recorded as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pos_app.domain.messages import Message, Translate, Words, render_all, tier_words
from pos_app.domain.money import Money
from pos_app.domain.policy import Policy

M = Message.of


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

    shift_granted: Money  # held by the requester (the decisions' authority holder) this shift
    customer_granted: Money  # discretionary, to this customer within the budget window
    customer_actions: int  # discretionary actions for this customer in the frequency window
    # Held by the approver in their shift window, when the request comes with one (None
    # counts as nothing held); an approved amount is checked against the approver's cap.
    approver_shift_granted: Money | None = None


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reasons: tuple[Message, ...]
    # For NEEDS_APPROVAL: the lowest tier that may approve (it or any approving tier above).
    approver_tier: str | None = None
    # Beyond every tier's own limit: no unlock at the desk; only a referral, decided later.
    referral_only: bool = False
    # ALLOWED only because an approver of the budget override tier lifted the guest's
    # goodwill budget: the decision is recorded as an override.
    override: bool = False

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOWED

    def texts(self, locale: str = "en_US", translate: Translate | None = None
              ) -> tuple[str, ...]:
        return tuple(m.render(locale, translate) for m in self.reasons)

    def explain(self, locale: str = "en_US", translate: Translate | None = None) -> str:
        """The reasons as one paragraph in the desk's language."""
        return render_all(self.reasons, locale, translate)


def _lowest_approver(policy: Policy, min_rank: int, action: str, amount: Money) -> str | None:
    for tier in policy.approvers_at_or_above(min_rank):
        if amount <= tier.per_action.get(action, Money.zero(policy.currency)):
            return tier.tier
    return None


def _approver_holds(policy: Policy, approver_tier: str, amount: Money, context: Context,
                    refusals: list[Message], approvals: list[tuple[int, Message]]) -> None:
    """An approved amount is held by the approver: it must fit their own shift cap.

    Beyond it, the approver's excess needs a tier above them (refused when there is none),
    as the requester's own excess does. A tier this policy does not know holds nothing.
    """
    zero = Money.zero(policy.currency)
    limits = policy.limits.get(approver_tier)
    held = context.approver_shift_granted or zero
    cap = limits.shift_cap if limits is not None else zero
    if held + amount <= cap:
        return
    message = M("engine.approver_shift_cap", approver=tier_words(approver_tier),
                left=cap - held if cap > held else zero)
    above = policy.approvers_at_or_above(limits.rank + 1 if limits is not None else 0)
    if above:
        approvals.append((above[0].rank, message))
    else:
        refusals.append(message)


def evaluate(
    policy: Policy,
    request: RecoveryRequest,
    context: Context,
    approver_tier: str | None = None,
    via_referral: bool = False,
) -> Verdict:
    """Judge ``request``; with ``approver_tier``, judge it as approved by that tier.

    An approver only lifts the checks that ask for approval; refusals stand whatever
    the approver's rank. ``via_referral`` is a referral being decided later by the
    policy's referral tier, which may approve beyond the desk's own limits.
    """
    refusals: list[Message] = []
    beyond_ladder = False
    approvals: list[tuple[int, Message]] = []  # (rank required, reason)
    amount = request.amount

    kind = policy.actions.get(request.action)
    if kind is None:
        return Verdict(Outcome.REFUSED, (M("engine.unknown_action", action=request.action),))
    if not kind.enabled:
        return Verdict(Outcome.REFUSED, (M("engine.action_off", label=Words(kind.label)),))
    if request.requester_tier not in policy.limits:
        return Verdict(Outcome.REFUSED, (M("engine.unknown_tier", tier=request.requester_tier),))
    if amount.currency != policy.currency:
        return Verdict(
            Outcome.REFUSED,
            (M("engine.wrong_currency", expected=policy.currency, given=amount.currency),)
        )
    if amount.minor <= 0:
        return Verdict(Outcome.REFUSED, (M("engine.amount_not_positive"),))
    if request.reason not in policy.reasons:
        return Verdict(
            Outcome.REFUSED, (M("engine.unknown_reason", reason=request.reason),)
        )
    if amount > policy.note_required_above and not request.note.strip():
        refusals.append(M("engine.note_required", threshold=policy.note_required_above))

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
                    M("engine.referral_only", amount=amount,
                      action=Words(kind.label.lower()),
                      tier=tier_words(policy.referral_tier)),
                )
            )
        elif needed is None:
            refusals.append(M("engine.beyond_every_tier", amount=amount,
                              action=Words(kind.label.lower())))
        else:
            approvals.append(
                (
                    policy.rank(needed),
                    M("engine.over_own_limit", amount=amount, limit=own_limit,
                      action=Words(kind.label.lower())),
                )
            )

    cap = policy.limits[request.requester_tier].shift_cap
    if context.shift_granted + amount > cap:
        left = cap - context.shift_granted if cap > context.shift_granted else Money.zero(
            policy.currency
        )
        above = policy.approvers_at_or_above(rank + 1)
        if not above:
            refusals.append(M("engine.shift_cap", left=left))
        else:
            approvals.append((above[0].rank, M("engine.shift_cap", left=left)))

    budget = policy.customer_budget
    over_budget = kind.discretionary and context.customer_granted + amount > budget
    if over_budget:
        left = budget - context.customer_granted if budget > context.customer_granted else (
            Money.zero(policy.currency)
        )
        message = M("engine.customer_budget", left=left, budget=budget,
                    days=policy.budget_days)
        if policy.budget_override_tier is None:
            refusals.append(message)
        else:
            approvals.append((policy.rank(policy.budget_override_tier), message))

    if kind.discretionary and context.customer_actions >= policy.frequency_max:
        message = M("engine.routine", count=context.customer_actions,
                    days=policy.frequency_days)
        if policy.frequency_approver_tier is None:
            refusals.append(message)
        else:
            approvals.append((policy.rank(policy.frequency_approver_tier), message))

    if approver_tier is not None and (via_referral or not beyond_ladder):
        _approver_holds(policy, approver_tier, amount, context, refusals, approvals)

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
            return Verdict(Outcome.ALLOWED, (), override=over_budget)
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
            return Verdict(Outcome.ALLOWED, (), override=over_budget)
        return Verdict(
            Outcome.NEEDS_APPROVAL,
            (
                *(m for _, m in approvals),
                M("engine.approver_too_low", approver=tier_words(approver_tier),
                  needed=tier_words(needed_tier)),
            ),
            needed_tier,
        )
    return Verdict(Outcome.NEEDS_APPROVAL, tuple(m for _, m in approvals), needed_tier)
